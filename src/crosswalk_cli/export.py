"""The crosswalk in other shapes: one CSV row per link, a Markdown document, CASE 1.1 packages.

Pure functions from the model to text or JSON-ready data; writing files is the CLI's job.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from .model import Alignment, Crosswalk, Framework

# Identifiers are UUID version 5 from this namespace and our ids, so every export is the same.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/crosswalk-cli/")
CASE_VERSION = "1.1"
PRIMARY = "primary"
ADDITIONAL = "additional"


@dataclass(frozen=True, eq=False)
class Link:
    """One printed link: an entry of the crosswalk and one standard it names."""

    entry: Alignment
    standard: str
    relation: str


def links(cw: Crosswalk) -> list[Link]:
    """Every link as printed, in the crosswalk's order: each entry's primary, then its additional."""
    result = []
    for a in cw.alignments:
        result.append(Link(a, a.primary, PRIMARY))
        result += [Link(a, sid, ADDITIONAL) for sid in a.additional]
    return result


def _standard_fields(cw: Crosswalk, sid: str) -> tuple[str, str]:
    if sid in cw.standards:
        s = cw.standards[sid]
        return s.numeral, s.name
    i = cw.standard_indicators[sid]
    return i.code, i.name


def _note(a: Alignment) -> str:
    return " ".join([*([a.note] if a.note else []), *(e.note for e in a.errata)])


CSV_COLUMNS = (
    "entry",
    "standard_id",
    "standard_code",
    "standard_name",
    "competency_id",
    "domain",
    "competency_title",
    "indicator_text",
    "relation",
    "themes",
    "printed_label",
    "note",
)


def csv_rows(cw: Crosswalk) -> list[dict[str, str]]:
    rows = []
    for link in links(cw):
        a = link.entry
        ind = cw.indicators[a.competency]
        code, name = _standard_fields(cw, link.standard)
        rows.append(
            {
                "entry": str(a.seq),
                "standard_id": link.standard,
                "standard_code": code,
                "standard_name": name,
                "competency_id": ind.id,
                "domain": ind.domain,
                "competency_title": cw.competencies[ind.competency].title,
                "indicator_text": ind.text,
                "relation": link.relation,
                "themes": " ".join(ind.themes),
                "printed_label": a.printed_label or "",
                "note": _note(a),
            }
        )
    return rows


def csv_text(cw: Crosswalk) -> str:
    from . import csvout

    return csvout.csv_text(CSV_COLUMNS, ([row[k] for k in CSV_COLUMNS] for row in csv_rows(cw)))


# --- Markdown -------------------------------------------------------------------------------------


def markdown(cw: Crosswalk) -> str:
    """The Full Crosswalk as a document: by standard and indicator, errata as footnotes."""
    from .mdescape import escape as md

    title = cw.crosswalk_source.title if cw.crosswalk_source else "Crosswalk"
    out = [f"# {md(title, one_line=True)}", ""]
    sources = [f for f in (cw.crosswalk_source, cw.standards_framework, cw.competencies_framework) if f]
    out += [f"- {md(f'{f.title}, {f.publisher} ({f.license})')}" for f in sources] + [""]
    footnotes: list[str] = []

    def entry(a: Alignment) -> list[str]:
        ind = cw.indicators[a.competency]
        comp = cw.competencies[ind.competency]
        marks = ""
        for e in ([a.note] if a.note else []) + [e.note for e in a.errata]:
            footnotes.append(e)
            marks += f"[^{len(footnotes)}]"
        themes = ", ".join(ind.themes) or "none printed"
        if ind.themes_incomplete:
            themes += " (icons lost in the source: may be incomplete)"
        printed = f" {md(f'(printed {a.printed_label})')}" if a.printed_label else ""
        # The sub-items continue the indicator's sentence: an ordered list inside its item, then the details.
        lines = [f"- **{md(ind.id)}**{printed}{marks} {md(ind.text)}"]
        lines += [f"  {n}. {md(s)}" for n, s in enumerate(ind.subitems, 1)]
        lines += [
            f"  - Competency: {md(f'{comp.id} {comp.title} ({cw.domains[ind.domain].name})')}",
            f"  - Themes: {md(themes)}",
        ]
        if a.additional:
            also = ", ".join(f"{sid} {_standard_fields(cw, sid)[1]}" for sid in a.additional)
            lines.append(f"  - Additional standards: {md(also)}")
        return lines

    for s in cw.standards.values():
        out += [f"## Standard {md(f'{s.numeral}: {s.name}', one_line=True)}", "", md(s.statement), ""]
        whole = cw.by_primary.get(s.id, ())
        if whole:
            out += [f"Aligned to Standard {md(s.numeral)} as a whole:", ""]
            for a in whole:
                out += entry(a)
            out.append("")
        for iid in s.indicator_ids:
            i = cw.standard_indicators[iid]
            out += [f"### {md(f'{i.code} {i.name} ({i.id})', one_line=True)}", "", md(i.text), ""]
            # Elements keep their printed numbers (1, 2 or I, II) as text: a bullet list, never a
            # Markdown ordered list, which would renumber them or (for I, II) not be a list at all.
            for e in i.elements:
                out.append(f"- {md(f'{e.number}. ' + (e.name + ': ' if e.name else '') + e.text)}")
            if i.elements:
                out.append("")
            primary = cw.by_primary.get(iid, ())
            if not primary:
                out += ["No competency indicator is directly aligned to this indicator.", ""]
                continue
            for a in primary:
                out += entry(a)
            out.append("")
    if cw.source_notes:
        out += ["## Other notes on the printed crosswalk", ""]
        out += [f"- {md(f'{n.where}: {n.note}')}" for n in cw.source_notes] + [""]
    out += [f"[^{n}]: {md(text)}" for n, text in enumerate(footnotes, 1)]
    return "\n".join(out).rstrip("\n") + "\n"
# --- CASE 1.1 -------------------------------------------------------------------------------------


def identifier(kind: str, ident: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{ident}"))


def _uri(ident: str) -> str:
    return f"urn:uuid:{ident}"


def _date(f: Framework | None, fallback: str = "2018-07") -> str:
    """A CASE date-time from a framework's 'date' (YYYY-MM or YYYY-MM-DD)."""
    value = (f.extra.get("date") if f else None) or fallback
    parts = [*value.split("-"), "01", "01"][:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00+00:00"


def _ref(title: str, ident: str) -> dict[str, str]:
    return {"title": title, "identifier": ident, "uri": _uri(ident)}


class _Package:
    """One CASE package being built."""

    def __init__(self, key: str, framework: Framework, when: str, creator: str, description: str) -> None:
        self.when = when
        self.doc_id = identifier("document", key)
        license_id = identifier("license", framework.license)
        self.license = {
            "identifier": license_id,
            "uri": _uri(license_id),
            "title": framework.license,
            "licenseText": f"{framework.license}: {framework.license_url}",
            "lastChangeDateTime": when,
        }
        self.document: dict[str, Any] = {
            "identifier": self.doc_id,
            "uri": _uri(self.doc_id),
            "creator": creator,
            "title": framework.title,
            "lastChangeDateTime": when,
            "caseVersion": CASE_VERSION,
            "publisher": framework.publisher,
            "description": description,
            "licenseURI": _ref(framework.license, license_id),
        }
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []
        self.item_types: dict[str, dict[str, Any]] = {}
        self.concepts: list[dict[str, Any]] = []
        self.groupings: list[dict[str, Any]] = []

    @property
    def node(self) -> dict[str, str]:
        return _ref(self.document["title"], self.doc_id)

    def item_type(self, name: str) -> dict[str, str]:
        if name not in self.item_types:
            ident = identifier("item-type", name)
            self.item_types[name] = {
                "identifier": ident,
                "uri": _uri(ident),
                "title": name,
                "description": name,
                "hierarchyCode": str(len(self.item_types) + 1),
                "lastChangeDateTime": self.when,
            }
        return _ref(name, self.item_types[name]["identifier"])

    def item(self, kind: str, ident: str, statement: str, type_name: str, **optional: Any) -> dict[str, str]:
        item_id = identifier(kind, ident)
        item = {
            "identifier": item_id,
            "uri": _uri(item_id),
            "fullStatement": statement,
            "humanCodingScheme": ident,
            "CFItemType": type_name,
            "CFItemTypeURI": self.item_type(type_name),
            "CFDocumentURI": self.node,
            "lastChangeDateTime": self.when,
            "language": "en",
        }
        item.update({k: v for k, v in optional.items() if v not in (None, "", [])})
        self.items.append(item)
        return _ref(ident, item_id)

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
            "uri": _uri(ident),
            "associationType": kind,
            "CFDocumentURI": self.node,
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
                "uri": _uri(ident),
                "title": title,
                "description": description,
                "lastChangeDateTime": self.when,
            }
        )
        return _ref(title, ident)

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


def case_packages(cw: Crosswalk) -> dict[str, dict[str, Any]]:
    """Three CASE 1.1 packages: the standards, the competencies, and the crosswalk's links alone."""
    sf, cf = cw.standards_framework, cw.competencies_framework
    std = _Package("standards", sf, _date(sf), sf.publisher, sf.extra.get("regulation", sf.title))
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

    comp = _Package("competencies", cf, _date(cf), cf.publisher, cf.extra.get("date", cf.title))
    for t in cw.themes.values():
        ident = identifier("concept", t.code)
        comp.concepts.append(
            {
                "identifier": ident,
                "uri": _uri(ident),
                "title": t.name,
                "keywords": f"{t.code}, {t.name}",
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

    xf = cw.crosswalk_source or Framework("Crosswalk", sf.publisher, sf.license, sf.license_url)
    cross = _Package("crosswalk", xf, _date(xf), xf.publisher, f"Links from {cf.title} to {sf.title}")
    groups = {
        PRIMARY: cross.grouping(
            "primary",
            "Directly aligned",
            "The standard the competency indicator is directly aligned to (strongest fit).",
        ),
        ADDITIONAL: cross.grouping(
            "additional",
            "Additional standard supported",
            "Listed under 'Additional Standards Supported by this Competency'.",
        ),
    }
    for link in links(cw):
        a = link.entry
        cross.associate(
            f"crosswalk:{a.seq}:{link.relation}:{link.standard}",
            "isRelatedTo",
            crefs[a.competency],
            refs[link.standard],
            a.seq,
            groups[link.relation],
            _note(a) if link.relation == PRIMARY else "",
        )
    return {
        "standards.json": std.package(),
        "competencies.json": comp.package(),
        "crosswalk.json": cross.package(),
    }
