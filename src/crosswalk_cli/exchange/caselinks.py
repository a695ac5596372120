"""A crosswalk read from the store (queries/exchange.py) as a CASE 1.1 package: one isRelatedTo
association per link, grouped by relation; one association per "no match" decision, from the source item
to the target framework's document (case.NO_MATCH); the entry's note, errata, provenance and decision in
words in their ``notes``, and as they are in our extension (case.py says what goes where and why)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..queries.exchange import CrosswalkData, EntryData
from .case import (
    NO_MATCH,
    RELATION_GROUPING,
    Mint,
    case_time,
    document_identifier,
    identifier,
    item_identifier,
)
from .casepackage import Package, header_fields, when


def reviewed_time(provenance: Mapping[str, str]) -> str | None:
    """When an entry was decided, as a CASE date-time: its ``reviewed_at``, else its ``reviewed_on``."""
    return case_time(provenance.get("reviewed_at")) or case_time(provenance.get("reviewed_on"))


def crosswalk_time(x: CrosswalkData) -> str:
    """A crosswalk package's date: the latest of the crosswalk's date and its decisions' times; where it
    has neither, the later of its frameworks' dates (it cannot be older than both)."""
    said = [x.info.date, *(reviewed_time(dict(e.provenance)) for e in x.entries)]
    return when(*said) if any(map(case_time, said)) else when(x.source.info.date, x.target.info.date)


def crosswalk_record(x: CrosswalkData) -> dict[str, Any]:
    """The crosswalk file without its links: what a crosswalk package's document extension holds."""
    relations = [
        {"name": r["name"], "heading": r["heading"]} if r["heading"] else r["name"] for r in x.relations
    ]
    out: dict[str, Any] = {"crosswalk": {**header_fields(x.info.header), "relations": relations}}
    if x.info.phrases:
        out["phrases"] = dict(x.info.phrases)
    out.update(dict(x.info.declarations))  # errata_kinds, coverage
    if x.source_notes:
        out["source_notes"] = [n._asdict() for n in x.source_notes]
    if x.info.reviewed:
        out["reviewed"] = list(x.info.reviewed)
    return out


def no_match(e: EntryData) -> bool:
    """Whether a person decided that no target fits the entry's source (the format's ``no_match: true``)."""
    return e.no_match


def _review_words(x: CrosswalkData) -> list[str]:
    """The crosswalk's review in words, for its document's notes: status, who approved, who reviewed, the
    items decided and those decided to have no match."""
    header: dict[str, Any] = dict(x.info.header)
    said = []
    if header.get("status"):
        approved = f", approved by {header['approved_by']}" if header.get("approved_by") else ""
        said.append(f"Status: {header['status']}{approved}.")
    reviewers = header.get("reviewers") or ([header["reviewed_by"]] if header.get("reviewed_by") else [])
    if reviewers:
        said.append(f"Reviewed by {', '.join(map(str, reviewers))}.")
    if x.info.reviewed:
        said.append(f"{len(x.info.reviewed)} {x.source.info.id} items decided.")
    none = [e.source for e in x.entries if no_match(e)]
    if none:
        said.append(f"No {x.target.info.id} item fits (decided): {', '.join(none)}.")
    return said


def _notes(e: EntryData, target: str | None, first: bool) -> str:
    """A link's notes in words (exchange.export.entry_notes), with the decision and its rationale."""
    from .export import entry_notes

    lines = [entry_notes(e, target or "", first)]
    provenance = dict(e.provenance)
    if first and target is None:
        lines.insert(0, "No match: a person decided that no item of the target framework fits.")
    if first and provenance.get("rationale"):
        lines.append(f"Rationale: {provenance['rationale']}")
    return "\n".join(line for line in lines if line)


def crosswalk_package(x: CrosswalkData, mint: Mint) -> dict[str, Any]:
    info, header = x.info, dict(x.info.header)
    doc_id = header.get("case_identifier") or document_identifier("crosswalk", info.id)
    description = f"Links from {x.source.info.title} to {x.target.info.title}"
    package = Package(header, doc_id, description, mint, crosswalk_time(x))
    said = _review_words(x) + [
        f"{n.kind.replace('_', ' ').capitalize()} ({n.where}): {n.note}" for n in x.source_notes
    ]
    if said:
        package.document["notes"] = "\n".join(said)
    groups = {}
    for r in x.relations:
        content = {"title": r["heading"] or r["name"], "description": RELATION_GROUPING.format(r["name"])}
        grouping = package.define("grouping", content)
        package.groupings.append(grouping)
        groups[r["name"]] = package.ref(content["title"], grouping["identifier"])
    ends = {}
    for f in (x.source, x.target):
        for i in f.items:
            ident = i.case_identifier or item_identifier(f.info.id, i.ref.code)
            ends[(f.info.id, i.ref.code)] = package.ref(i.ref.code, ident, i.case_uri)
    target_header = dict(x.target.info.header)
    target_id = target_header.get("case_identifier") or document_identifier("framework", x.target.info.id)
    target_document = package.ref(x.target.info.title, target_id, target_header.get("case_uri"))
    for e in x.entries:
        extension: dict[str, Any] = {"entry": e.seq}
        fields = {
            "printed_label": e.printed_label,
            "note": e.note,
            "errata": [{k: v for k, v in r._asdict().items() if v is not None} for r in e.errata],
            "provenance": dict(e.provenance),
            "no_match": no_match(e),
        }
        extension.update({k: v for k, v in fields.items() if v})
        decided = reviewed_time(dict(e.provenance))
        source = ends[(info.source, e.source)]
        if no_match(e):
            ident = identifier("association", f"{info.id}:{e.seq}:no-match")
            notes = _notes(e, None, first=True)
            where = (source, target_document)
            package.associate(ident, NO_MATCH, *where, e.seq, None, notes, extension, decided)
        for n, (target, relation) in enumerate(e.links):
            package.associate(
                identifier("association", f"{info.id}:{e.seq}:{relation}:{target}"),
                "isRelatedTo",
                source,
                ends[(info.target, target)],
                e.seq,
                groups.get(relation),
                _notes(e, target, first=n == 0),
                extension if n == 0 else {"entry": e.seq},
                decided,
            )
    return package.package(crosswalk_record(x))
