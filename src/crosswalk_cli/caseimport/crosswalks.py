"""Associations other than isChildOf as generic crosswalks, one per (origin document, destination
document) pair, links in package order.

A link's relation is the association's type (isRelatedTo, exactMatchOf, ext:...), except where its
CFAssociationGrouping is one that ``crosswalk export case`` writes for a relation (case.GROUPINGS: by
identifier, or by title; or, for another crosswalk's export, described as case.RELATION_GROUPING): then
it is that relation (primary, additional...). A crosswalk's relations are
listed strongest first: our own relations, then the CASE types in STRENGTH order, then extension types
by name.

External associations: an association with one end outside the imported packages is kept, as a
``source_notes`` entry (kind ``external_association``) of the framework of the end that is imported,
with the other end's title, identifier and uri. An association with neither end imported is an error:
the packages it links were not given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .frameworks import FrameworkBuilder
from .index import CHILD_OF, Index
from .read import Association, CaseImportError, Package, Ref

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


def _our_groupings() -> dict[str, str]:
    """Grouping identifiers and titles that `crosswalk export case` writes -> relation names."""
    from ..case import GROUPINGS, identifier

    known: dict[str, str] = {}
    for relation, (title, _) in GROUPINGS.items():
        known[identifier("grouping", relation)] = relation
        known[title] = relation
    return known


@dataclass
class _Pair:
    holder: Package  # the first package holding one of its associations
    origin: Package
    destination: Package
    links: list[dict[str, Any]] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # the packages its associations are in


def _relation_order(relation: str, exported: tuple[str, ...], ours: list[str]) -> tuple[int, int, str]:
    """Strongest first: the order of the exported crosswalk's own groupings, then MAPLE's relations, then
    the CASE types by STRENGTH, then extension types by name."""
    if relation in exported:
        return (0, exported.index(relation), "")
    if relation in ours:
        return (1, ours.index(relation), "")
    if relation in STRENGTH:
        return (2, STRENGTH.index(relation), "")
    return (3, 0, relation)


def _describe(ref: Ref) -> str:
    shown = f"{ref.title!r} " if ref.title else ""
    uri = f" <{ref.uri}>" if ref.uri and ref.uri != ref.identifier else ""
    return f"{shown}{ref.identifier}{uri}"


class CrosswalkBuilder:
    def __init__(self, index: Index, builders: dict[str, FrameworkBuilder]) -> None:
        self.index = index
        self.builders = builders  # document identifier -> its framework
        self.pairs: dict[tuple[str, str], _Pair] = {}
        self.known = _our_groupings()
        self.ours = list(dict.fromkeys(self.known.values()))

    def _relation(self, package: Package, a: Association) -> tuple[str, str]:
        """The link's relation, and the grouping title to record when it is not one of ours."""
        if a.grouping is None:
            return a.kind, ""
        title = package.groupings.get(a.grouping.identifier) or a.grouping.title
        if title in package.relations:  # a relation of a crosswalk we exported, by its own name
            return title, ""
        relation = self.known.get(a.grouping.identifier) or self.known.get(title)
        return (relation, "") if relation else (a.kind, title)

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

    def add(self, package: Package, a: Association) -> None:
        if a.kind == CHILD_OF:
            return
        origin = self.index.items.get(a.origin.identifier)
        destination = self.index.items.get(a.destination.identifier)
        if origin is None or destination is None:
            self._external(package, a)
            return
        (home, _), (away, _) = origin, destination
        key = (home.document.identifier, away.document.identifier)
        pair = self.pairs.setdefault(key, _Pair(package, home, away))
        if package.name not in pair.files:
            pair.files.append(package.name)
        relation, grouping = self._relation(package, a)
        if relation not in pair.relations:
            pair.relations.append(relation)
        method = f"CASE {package.case_version} association in {package.name}"
        link: dict[str, Any] = {
            "source": self.builders[key[0]].code_of(a.origin.identifier),
            "target": self.builders[key[1]].code_of(a.destination.identifier),
            "relation": relation,
        }
        if a.notes:
            link["note"] = a.notes
        link["provenance"] = {
            "method": f"{method}, grouping {grouping!r}" if grouping else method,
            "case_identifier": a.identifier,
            "case_association_type": a.kind,
        }
        pair.links.append(link)

    def build(self) -> dict[str, tuple[list[str], dict[str, Any]]]:
        """{crosswalk id: (package file names, file data)}."""
        result: dict[str, tuple[list[str], dict[str, Any]]] = {}
        for (from_doc, to_doc), pair in self.pairs.items():
            source, target = self.builders[from_doc], self.builders[to_doc]
            holder = pair.holder.document
            own = pair.holder.document.identifier not in self.builders  # a crosswalk-only document
            title = (
                holder.title if own else f"{source.package.document.title} to {target.package.document.title}"
            )
            license_title = "not stated"
            if holder.license is not None:
                lic = pair.holder.licenses.get(holder.license.identifier)
                license_title = (lic.title if lic else "") or holder.license.title or license_title
            crosswalk: dict[str, Any] = {
                "id": f"{source.id}-{target.id}",
                "title": title,
                "publisher": holder.publisher,
                "license": license_title,
                "from": source.id,
                "to": target.id,
                "relations": sorted(
                    pair.relations, key=lambda r: _relation_order(r, pair.holder.relations, self.ours)
                ),
            }
            status = holder.adoption_status.lower()
            if status in ("draft", "published", "reviewed"):
                crosswalk["status"] = status
            result[crosswalk["id"]] = (pair.files, {"crosswalk": crosswalk, "links": pair.links})
        return result
