"""Associations other than isChildOf as generic crosswalks.

Another tool's associations make one crosswalk per (origin document, destination document) pair,
``{from}-{to}``, one entry per origin item (a crosswalk file has one entry per source), in package order:
its links; the associations' notes as its note; as its provenance the package (and grouping) each came
from, and their identifiers and types, one after another; a target linked by two types is a
``self_listed`` erratum, as the data format asks. A link's relation is the association's
type (isRelatedTo, exactMatchOf, ext:...), except where its CFAssociationGrouping is one ``crosswalk export
case`` writes for a relation (described as case.RELATION_GROUPING): then it is that relation. Relations
are listed strongest first: the groupings' relations in the order their package lists them, then the
CASE types in STRENGTH order, then extension types by name.

A crosswalk ``crosswalk export case`` wrote comes back as it was: its document's extension (extension.py)
gives its id and header (reviewers too), phrases, source notes and review record, each association's
extension the entry it belongs to (its links in one entry again, with its printed label, note, errata and
provenance, every key of it); an association of type case.NO_MATCH from a source item to the target
framework's document is an entry with no links and ``no_match: true``.

External associations: an association with one end outside the imported packages is kept, as a
``source_notes`` entry (kind ``external_association``) of the framework of the end that is imported,
with the other end's title, identifier and uri. An association with neither end imported is an error:
the packages it links were not given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...loader.crosswalks import ENTRY_FIELDS
from ..case import NO_MATCH, minted
from .frameworks import FrameworkBuilder
from .index import CHILD_OF, Index
from .naming import reserved
from .rawjson import CaseImportError
from .read import Association, Package, Ref

STRENGTH = (
    "exactMatchOf",
    "isTranslationOf",
    "replacedBy",
    "isPartOf",
    "isPeerOf",
    "isRelatedTo",
    "precedes",
    "hasSkillLevel",
    "exemplar",
)


@dataclass
class _Pair:
    holder: Package  # the first package holding one of its associations
    origin: Package
    destination: Package
    theirs: dict[str, dict[str, Any]] = field(default_factory=dict)  # another tool's: by source
    relations: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # the packages its associations are in
    entries: dict[int, dict[str, Any]] = field(default_factory=dict)  # ours: by entry number


def _relation_order(relation: str, exported: list[str]) -> tuple[int, int, str]:
    """Strongest first: the order of the exported crosswalk's own groupings, then the CASE types by
    STRENGTH, then extension types by name."""
    if relation in exported:
        return (0, exported.index(relation), "")
    if relation in STRENGTH:
        return (1, STRENGTH.index(relation), "")
    return (2, 0, relation)


def _describe(ref: Ref) -> str:
    shown = f"{ref.title!r} " if ref.title else ""
    uri = f" <{ref.uri}>" if ref.uri and ref.uri != ref.identifier else ""
    return f"{shown}{ref.identifier}{uri}"


def _ours(package: Package) -> dict[str, Any] | None:
    ext = package.document.extension
    return ext if ext is not None and "crosswalk" in ext else None


class CrosswalkBuilder:
    def __init__(self, index: Index, builders: dict[str, FrameworkBuilder]) -> None:
        self.index = index
        self.builders = builders  # document identifier -> its framework
        self.pairs: dict[tuple[str, str, str], _Pair] = {}

    def _relation(self, package: Package, a: Association) -> tuple[str, str]:
        """The link's relation, and the grouping title to record when it is not one of ours."""
        if a.grouping is None:
            return a.kind, ""
        relation = package.relations.get(a.grouping.identifier)
        if relation:  # a relation of a crosswalk we exported
            return relation, ""
        return a.kind, package.groupings.get(a.grouping.identifier) or a.grouping.title

    def _external(self, package: Package, a: Association) -> None:
        ends = [(a.origin, a.destination), (a.destination, a.origin)]
        for known, other in ends:
            owner = self.index.owner(known.identifier)
            if owner is not None and owner.document.identifier in self.builders:
                builder = self.builders[owner.document.identifier]
                where = (
                    "document"
                    if known.identifier in self.index.documents
                    else builder.code_of(known.identifier)
                )
                if self.index.owner(other.identifier) is None:
                    kind, why = "external_association", "not in the imported packages"
                else:
                    kind, why = "document_association", "a document, so no crosswalk link"
                said = (
                    f"this {a.kind} {_describe(other)}"
                    if known is a.origin
                    else f"{_describe(other)} {a.kind} this"
                )
                builder.note(kind, where, f"{said}: {why} (association {a.identifier} in {package.name}).")
                return
        raise CaseImportError(
            f"{package.path}: association {a.identifier} ({a.kind}) links {a.origin.identifier} to "
            f"{a.destination.identifier}, neither of which is in the given packages"
        )

    def _no_match(self, package: Package, a: Association) -> bool:
        """A decision of ours that no target fits (case.NO_MATCH, to the target framework's document) as
        an entry with no links; False where its ends are not both imported."""
        origin = self.index.items.get(a.origin.identifier)
        if origin is None or a.destination.identifier not in self.builders:
            return False
        home = origin[0].document.identifier
        away = self.index.documents[a.destination.identifier]
        key = (package.document.identifier, home, a.destination.identifier)
        pair = self.pairs.setdefault(key, _Pair(package, origin[0], away))
        if package.name not in pair.files:
            pair.files.append(package.name)
        self._entry(package, a, pair, self.builders[home].code_of(a.origin.identifier), None)
        return True

    def add(self, package: Package, a: Association) -> None:
        if a.kind == CHILD_OF:
            return
        ours = _ours(package) is not None and a.extension is not None
        decided = ours and a.kind == NO_MATCH and bool(a.extension and a.extension.get("no_match"))
        if decided and self._no_match(package, a):
            return
        origin = self.index.items.get(a.origin.identifier)
        destination = self.index.items.get(a.destination.identifier)
        if origin is None or destination is None:
            self._external(package, a)
            return
        (home, _), (away, _) = origin, destination
        key = (
            package.document.identifier if ours else "",
            home.document.identifier,
            away.document.identifier,
        )
        pair = self.pairs.setdefault(key, _Pair(package, home, away))
        if package.name not in pair.files:
            pair.files.append(package.name)
        relation, grouping = self._relation(package, a)
        if relation not in pair.relations:
            pair.relations.append(relation)
        source = self.builders[key[1]].code_of(a.origin.identifier)
        target = self.builders[key[2]].code_of(a.destination.identifier)
        if ours:
            assert a.extension is not None
            self._entry(package, a, pair, source, (target, relation))
            return
        method = f"CASE {package.case_version} association in {package.name}"
        entry = pair.theirs.setdefault(source, {"source": source, "links": []})
        if (target, relation) not in entry["links"]:
            entry["links"].append((target, relation))
        said = {"note": a.notes, "method": f"{method}, grouping {grouping!r}" if grouping else method,
                "case_identifier": a.identifier, "case_association_type": a.kind}  # fmt: skip
        for field_name, value in said.items():
            if value:
                entry.setdefault(field_name, []).append(value)

    def _entry(
        self, package: Package, a: Association, pair: _Pair, source: str, link: tuple[str, str] | None
    ) -> None:
        assert a.extension is not None
        fields = dict(a.extension)
        seq = fields.pop("entry")
        entry = pair.entries.setdefault(seq, {"source": source, "links": []})
        if entry["source"] != source:
            raise CaseImportError(
                f"{package.path}: association {a.identifier} puts {source} in entry {seq}, whose links are "
                f"from {entry['source']}"
            )
        if link is not None and link not in entry["links"]:
            entry["links"].append(link)
        for k, v in fields.items():
            entry.setdefault(k, v)

    def build(self) -> dict[str, tuple[list[str], dict[str, Any]]]:
        """{crosswalk id: (package file names, file data)}."""
        result: dict[str, tuple[list[str], dict[str, Any]]] = {}
        for (_, from_doc, to_doc), pair in self.pairs.items():
            source, target = self.builders[from_doc], self.builders[to_doc]
            built = (
                self._ours(pair, source.id, target.id) if pair.entries else self._theirs(pair, source, target)
            )
            ident = built["crosswalk"]["id"]
            if ident.casefold() in {k.casefold() for k in result}:
                raise CaseImportError(f"{pair.holder.path}: a second crosswalk would be named '{ident}'")
            name = f"{ident}.yaml"
            problem = reserved(name)
            if ident.casefold() in {b.id.casefold() for b in self.builders.values()}:
                problem = f"crosswalk '{ident}' would be written as {name}, a framework's file"
            if problem:
                raise CaseImportError(f"{pair.holder.path}: {problem}")
            result[ident] = (pair.files, built)
        return result

    def _theirs(self, pair: _Pair, source: FrameworkBuilder, target: FrameworkBuilder) -> dict[str, Any]:
        holder = pair.holder.document
        own = holder.identifier not in self.builders  # a crosswalk-only document
        title = holder.title if own else f"{source.package.document.title} to {target.package.document.title}"
        license_title = "not stated"
        if holder.license is not None:
            lic = pair.holder.licenses.get(holder.license.identifier)
            license_title = (lic.title if lic else "") or holder.license.title or license_title
        exported = list(dict.fromkeys(pair.holder.relations.values()))
        crosswalk: dict[str, Any] = {
            "id": f"{source.id}-{target.id}",
            "title": title,
            "publisher": holder.publisher,
            "license": license_title,
            "from": source.id,
            "to": target.id,
            "relations": sorted(pair.relations, key=lambda r: _relation_order(r, exported)),
        }
        status = holder.adoption_status.lower()
        if status in ("draft", "published", "reviewed"):
            crosswalk["status"] = status
        return {
            "crosswalk": crosswalk,
            "links": [_entry_data(pair, _theirs(e), keyed=False) for e in pair.theirs.values()],
        }

    def _ours(self, pair: _Pair, source: str, target: str) -> dict[str, Any]:
        doc = pair.holder.document
        ours = _ours(pair.holder)
        assert ours is not None
        given = ours["crosswalk"]
        header: dict[str, Any] = {"id": given["id"], "title": doc.title, "publisher": doc.publisher}
        header.update({k: v for k, v in given.items() if k not in header})
        header.update({"from": source, "to": target})
        names = [r if isinstance(r, str) else r["name"] for r in given.get("relations", ())]
        header["relations"] = [*given.get("relations", ()), *(r for r in pair.relations if r not in names)]
        header["case_identifier"] = doc.identifier
        if doc.uri and not minted(doc.identifier, doc.uri):
            header["case_uri"] = doc.uri
        result: dict[str, Any] = {"crosswalk": header}
        result.update({k: ours[k] for k in ("phrases", "errata_kinds", "coverage") if k in ours})
        result["links"] = [_entry_data(pair, pair.entries[seq]) for seq in sorted(pair.entries)]
        result.update({k: ours[k] for k in ("source_notes", "reviewed") if k in ours})
        return result


def _theirs(entry: dict[str, Any]) -> dict[str, Any]:
    """Another tool's associations from one item as one entry: their notes, and their provenance one after
    another ('; ' between methods, spaces between identifiers and types)."""
    out: dict[str, Any] = {"source": entry["source"], "links": entry["links"]}
    if "note" in entry:
        out["note"] = "\n\n".join(entry["note"])
    targets = [t for t, _ in entry["links"]]
    twice = [t for t in dict.fromkeys(targets) if targets.count(t) > 1]
    if twice:
        out["errata"] = [
            {"kind": "self_listed", "note": f"The CASE associations link it to {t} by "
             f"{', '.join(r for u, r in entry['links'] if u == t)}."} for t in twice
        ]  # fmt: skip
    out["provenance"] = {
        "method": "; ".join(dict.fromkeys(entry["method"])),
        "case_identifier": " ".join(entry["case_identifier"]),
        "case_association_type": " ".join(entry["case_association_type"]),
    }
    return out


def _entry_data(pair: _Pair, entry: dict[str, Any], keyed: bool = True) -> dict[str, Any]:
    """An entry as a crosswalk file writes it: its source, then a key per relation naming its target(s); or
    ``target`` and ``relation`` for a single link (unless ``keyed``), or where a relation's name is a field
    of an entry."""
    out: dict[str, Any] = {"source": entry["source"]}
    if "printed_label" in entry:
        out["printed_label"] = entry["printed_label"]
    links: list[tuple[str, str]] = entry["links"]
    if len(links) == 1 and not (keyed and links[0][1] not in ("source", *ENTRY_FIELDS)):
        out.update(target=links[0][0], relation=links[0][1])
    elif all(r not in ("source", *ENTRY_FIELDS) for _, r in links):
        for _, relation in links:
            targets = [t for t, r in links if r == relation]
            out[relation] = targets[0] if len(targets) == 1 else targets
    else:
        raise CaseImportError(
            f"{pair.holder.path}: the entry of {entry['source']} has several links, one of a relation named "
            "like a field of an entry"
        )
    if entry.get("no_match"):
        out["no_match"] = True
    out.update({k: entry[k] for k in ("note", "errata", "provenance") if k in entry})
    return out
