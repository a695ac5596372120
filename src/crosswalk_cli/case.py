"""The crosswalk as three CASE 1.1 packages (1EdTech Competencies and Academic Standards Exchange).

Each object has exactly the fields the CASE 1.1 CFPackage binding allows it (items and associations
have no ``CFDocumentURI``: that is CASE 1.0). Identifiers are UUID version 5 from a fixed namespace
and our ids, so every export is the same; ``uri``s are ``urn:uuid:`` URIs, or, given a base URI,
``{base}/{identifier}`` (OpenSALT serves every object at ``{server}/uri/{identifier}``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from .errors import CrosswalkError, ExitStatus
from .export import ADDITIONAL, PRIMARY, links, note_text
from .model import Crosswalk, Framework

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/crosswalk-cli/")
CASE_VERSION = "1.1"
Mint = Callable[[str], str]
# Each relation's CFAssociationGrouping (title, description); its identifier is identifier("grouping",
# relation), by which caseimport.py reads a link's relation back.
GROUPINGS = {
    PRIMARY: (
        "Directly aligned",
        "The standard the competency indicator is directly aligned to (strongest fit).",
    ),
    ADDITIONAL: (
        "Additional standard supported",
        "Listed under 'Additional Standards Supported by this Competency'.",
    ),
}


class BaseUriError(CrosswalkError):
    exit_code = ExitStatus.USAGE


def _shown(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def uri_minter(base_uri: str | None) -> Mint:
    """How an identifier becomes a ``uri``: ``urn:uuid:{id}``, or ``{base}/{id}`` under a web server."""
    if base_uri is None:
        return lambda ident: f"urn:uuid:{ident}"
    import re
    from urllib.parse import urlsplit

    hint = "give an absolute http(s) URL without query or fragment, e.g. https://case.example.org/uri"
    # RFC 3986 characters only (no spaces, quotes, angle brackets, braces or controls); no ? or #.
    ok = re.fullmatch(r"[A-Za-z0-9\-._~:/\[\]@!$&'()*+,;=%]+", base_uri) is not None
    try:
        parts = urlsplit(base_uri)
        ok = ok and parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a malformed IPv6 host or port
        ok = False
    if not ok:
        raise BaseUriError(f"--base-uri {_shown(base_uri)}: {hint}")
    base = base_uri.rstrip("/")
    return lambda ident: f"{base}/{ident}"


def package_bytes(package: dict[str, Any]) -> bytes:
    """A package as its file holds it: UTF-8 JSON, two-space indents. What a terminal would act on and json
    leaves raw (C1 controls, bidirectional overrides, line separators, noncharacters, half a surrogate
    pair) is written as ``\\uXXXX``: the same data to a JSON reader, nothing raw to ``cat``."""
    import json

    from .textsafe import json_safe

    return (json_safe(json.dumps(package, indent=2, ensure_ascii=False)) + "\n").encode()


def identifier(kind: str, ident: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{ident}"))


def _date(f: Framework | None, fallback: str = "2018-07") -> str:
    """A CASE date-time from a framework's 'date' (YYYY-MM or YYYY-MM-DD)."""
    value = (f.extra.get("date") if f else None) or fallback
    parts = [*value.split("-"), "01", "01"][:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00+00:00"


class _Package:
    """One CASE package being built."""

    def __init__(
        self, key: str, framework: Framework, when: str, creator: str, description: str, mint: Mint
    ) -> None:
        self.when = when
        self.mint = mint
        self.doc_id = identifier("document", key)
        license_id = identifier("license", framework.license)
        self.license = {
            "identifier": license_id,
            "uri": mint(license_id),
            "title": framework.license,
            "licenseText": f"{framework.license}: {framework.license_url}",
            "lastChangeDateTime": when,
        }
        self.document: dict[str, Any] = {
            "identifier": self.doc_id,
            "uri": mint(self.doc_id),
            "creator": creator,
            "title": framework.title,
            "lastChangeDateTime": when,
            "caseVersion": CASE_VERSION,
            "publisher": framework.publisher,
            "description": description,
            "licenseURI": self.ref(framework.license, license_id),
        }
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []
        self.item_types: dict[str, dict[str, Any]] = {}
        self.concepts: list[dict[str, Any]] = []
        self.groupings: list[dict[str, Any]] = []

    def ref(self, title: str, ident: str) -> dict[str, str]:
        """A link to an object: its title, identifier and uri."""
        return {"title": title, "identifier": ident, "uri": self.mint(ident)}

    @property
    def node(self) -> dict[str, str]:
        return self.ref(self.document["title"], self.doc_id)

    def item_type(self, name: str) -> dict[str, str]:
        if name not in self.item_types:
            ident = identifier("item-type", name)
            self.item_types[name] = {
                "identifier": ident,
                "uri": self.mint(ident),
                "title": name,
                "description": name,
                "hierarchyCode": str(len(self.item_types) + 1),
                "lastChangeDateTime": self.when,
            }
        return self.ref(name, self.item_types[name]["identifier"])

    def item(self, kind: str, ident: str, statement: str, type_name: str, **optional: Any) -> dict[str, str]:
        item_id = identifier(kind, ident)
        item = {
            "identifier": item_id,
            "uri": self.mint(item_id),
            "fullStatement": statement,
            "humanCodingScheme": ident,
            "CFItemType": type_name,
            "CFItemTypeURI": self.item_type(type_name),
            "lastChangeDateTime": self.when,
            "language": "en",
        }
        item.update({k: v for k, v in optional.items() if v not in (None, "", [])})
        self.items.append(item)
        return self.ref(ident, item_id)

    def associate(
        self,
        key: str,
        kind: str,
        origin: dict[str, str],
        destination: dict[str, str],
        sequence: int,
        grouping: dict[str, str] | None = None,
        notes: str = "",
    ) -> None:
        ident = identifier("association", key)
        association: dict[str, Any] = {
            "identifier": ident,
            "uri": self.mint(ident),
            "associationType": kind,
            "originNodeURI": origin,
            "destinationNodeURI": destination,
            "sequenceNumber": sequence,
            "lastChangeDateTime": self.when,
        }
        if grouping:
            association["CFAssociationGroupingURI"] = grouping
        if notes:
            association["notes"] = notes
        self.associations.append(association)

    def grouping(self, key: str, title: str, description: str) -> dict[str, str]:
        ident = identifier("grouping", key)
        self.groupings.append(
            {
                "identifier": ident,
                "uri": self.mint(ident),
                "title": title,
                "description": description,
                "lastChangeDateTime": self.when,
            }
        )
        return self.ref(title, ident)

    def package(self) -> dict[str, Any]:
        definitions: dict[str, Any] = {"CFLicenses": [self.license]}
        if self.item_types:
            definitions["CFItemTypes"] = list(self.item_types.values())
        if self.concepts:
            definitions["CFConcepts"] = self.concepts
        if self.groupings:
            definitions["CFAssociationGroupings"] = self.groupings
        result: dict[str, Any] = {"CFDocument": self.document}
        if self.items:
            result["CFItems"] = self.items
        result["CFAssociations"] = self.associations
        result["CFDefinitions"] = definitions
        return result


def _standards(cw: Crosswalk, mint: Mint) -> tuple[_Package, dict[str, dict[str, str]]]:
    sf = cw.standards_framework
    std = _Package("standards", sf, _date(sf), sf.publisher, sf.extra.get("regulation", sf.title), mint)
    refs: dict[str, dict[str, str]] = {}
    for n, s in enumerate(cw.standards.values(), 1):
        refs[s.id] = std.item(
            "standard", s.id, s.statement, "Standard", abbreviatedStatement=s.name, listEnumeration=s.numeral
        )
        std.associate(f"standards:{s.id}", "isChildOf", refs[s.id], std.node, n)
        for m, iid in enumerate(s.indicator_ids, 1):
            i = cw.standard_indicators[iid]
            statement = "\n".join(
                [i.text, *(f"{e.number}. {e.name + ': ' if e.name else ''}{e.text}" for e in i.elements)]
            )
            refs[iid] = std.item(
                "standard",
                iid,
                statement,
                "Indicator",
                abbreviatedStatement=i.name,
                listEnumeration=iid[len(s.id) :],
                notes=f"State code {i.code}",
            )
            std.associate(f"standards:{iid}", "isChildOf", refs[iid], refs[s.id], m)
    return std, refs


def _competencies(cw: Crosswalk, mint: Mint) -> tuple[_Package, dict[str, dict[str, str]]]:
    cf = cw.competencies_framework
    comp = _Package("competencies", cf, _date(cf), cf.publisher, cf.extra.get("date", cf.title), mint)
    for t in cw.themes.values():
        ident = identifier("concept", t.code)
        comp.concepts.append(
            {
                "identifier": ident,
                "uri": mint(ident),
                "title": t.name,
                "keywords": f"{t.code}|{t.name}",  # CASE: keywords delimited by '|'
                "hierarchyCode": t.code,
                "description": t.description,
                "lastChangeDateTime": comp.when,
            }
        )
    crefs: dict[str, dict[str, str]] = {}
    for n, d in enumerate(cw.domains.values(), 1):
        dref = comp.item(
            "competency",
            d.code,
            d.full_name,
            "Domain",
            abbreviatedStatement=d.name,
            listEnumeration=d.number,
            notes=f"{d.role.capitalize()} domain: {d.focus}. {d.description}",
        )
        comp.associate(f"competencies:{d.code}", "isChildOf", dref, comp.node, n)
        for m, cid in enumerate(d.competency_ids, 1):
            c = cw.competencies[cid]
            cref = comp.item("competency", cid, c.title, "Competency", listEnumeration=str(m))
            comp.associate(f"competencies:{cid}", "isChildOf", cref, dref, m)
            for k, iid in enumerate(c.indicator_ids, 1):
                ind = cw.indicators[iid]
                note = ""
                if ind.themes_from_crosswalk:
                    recovered = ", ".join(ind.themes_from_crosswalk)
                    note = f"{recovered} from the crosswalk's marks (the JFF icon was lost)."
                if ind.themes_incomplete:
                    note = "The source lost this indicator's theme icons: its themes may be incomplete."
                statement = "\n".join([ind.text, *(f"{n2}. {s}" for n2, s in enumerate(ind.subitems, 1))])
                crefs[iid] = comp.item(
                    "competency",
                    iid,
                    statement,
                    "Indicator",
                    listEnumeration=iid.rsplit(".", 1)[-1],
                    conceptKeywords=[cw.themes[t].name for t in ind.themes],
                    notes=note,
                )
                comp.associate(f"competencies:{iid}", "isChildOf", crefs[iid], cref, k)
    return comp, crefs


RELATION_GROUPING = "Links of relation '{}'"  # a crosswalk's grouping's description (import reads it back)
SOURCES_NOTE = "crosswalk source files, for an exact round trip (crosswalk import case restores them):\n"


def case_packages(
    cw: Crosswalk, base_uri: str | None = None, sources: dict[str, str] | None = None
) -> dict[str, dict[str, Any]]:
    """Three CASE 1.1 packages: the standards, the competencies, and the crosswalk's links alone. With
    ``sources`` (the data files' text by name), the crosswalk document's notes carry them, so that
    ``import case`` gives back exactly the data they came from; other tools read the rest as usual."""
    mint = uri_minter(base_uri)
    std, refs = _standards(cw, mint)
    comp, crefs = _competencies(cw, mint)
    sf, cf = cw.standards_framework, cw.competencies_framework
    xf = cw.crosswalk_source or Framework("Crosswalk", sf.publisher, sf.license, sf.license_url)
    cross = _Package("crosswalk", xf, _date(xf), xf.publisher, f"Links from {cf.title} to {sf.title}", mint)
    if sources:
        import json

        cross.document["notes"] = SOURCES_NOTE + json.dumps(sources, ensure_ascii=False, sort_keys=True)
    groups = {relation: cross.grouping(relation, *GROUPINGS[relation]) for relation in GROUPINGS}
    for link in links(cw):
        a = link.entry
        cross.associate(
            f"crosswalk:{a.seq}:{link.relation}:{link.standard}",
            "isRelatedTo",
            crefs[a.competency],
            refs[link.standard],
            a.seq,
            groups[link.relation],
            note_text(a) if link.relation == PRIMARY else "",
        )
    return {
        "standards.json": std.package(),
        "competencies.json": comp.package(),
        "crosswalk.json": cross.package(),
    }
