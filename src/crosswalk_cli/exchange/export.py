"""Any crosswalk as an export: one CSV row per link (the same columns for every crosswalk), and a Markdown
document (its target framework's items in printed order, each with the items linked to it). A drafted link
(suggested by crosswalk, reviewed by a person) says so wherever it goes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import NamedTuple

from ..formats.shape import Column, Section, View
from ..queries.catalog import is_drafted
from ..queries.exchange import CrosswalkData, EntryData, ancestors
from ..queries.records import ItemRef
from ..views.common import DRAFTED_NOTE, made
from ..views.fields import BOOL, INT, MAYBE_STR, STR, STRS, Context, Entity, Field
from ..views.words import Words, cap

PROVENANCE_KEYS = ("method", "score", "reviewed_by", "reviewed_on", "reviewed_at", "rationale")


def provenance_words(provenance: Mapping[str, str]) -> str:
    """A link's provenance in words (as every page says it): what drafted it, its score, who reviewed it
    and when; nothing where no method is given."""
    return made(provenance) if provenance.get("method") else ""


def entry_notes(e: EntryData, target: str, first: bool) -> str:
    """What a reader of one link of an entry should know, one note a line: the entry's note and the errata
    about the whole entry (on its first link), the errata resolved to this target, its provenance."""
    lines = [e.note] if first and e.note else []
    lines += [r.note for r in e.errata if r.resolved == target or (first and r.resolved is None)]
    words = provenance_words(dict(e.provenance))
    return "\n".join([*lines, *([words[:1].upper() + words[1:] + "."] if words else [])])


class LinkRow(NamedTuple):
    """One link of a crosswalk, with both items."""

    entry: EntryData
    relation: str
    source: ItemRef
    context: tuple[ItemRef, ...]  # the source's ancestors, top first
    target: ItemRef

    @property
    def provenance(self) -> dict[str, str]:
        return dict(self.entry.provenance)


def _end(side: str, get: str) -> Field[LinkRow]:
    def value(r: LinkRow) -> str | None:
        ref: ItemRef = getattr(r, side)
        return ref.framework if get == "framework" else getattr(ref, get)

    return Field(f"{side}_{get}", MAYBE_STR if get == "label" else STR, value)


def _provenance(key: str) -> Field[LinkRow]:
    return Field(key, STR, lambda r: r.provenance.get(key, ""))


LINK: Entity[LinkRow] = Entity(
    "link",
    "One link of a crosswalk: its entry and relation, both items, the entry's notes, and who made it.",
    (
        Field("entry", INT, lambda r: r.entry.seq, doc="the entry's position in the crosswalk (1-based)"),
        Field("relation", STR, lambda r: r.relation),
        *(_end("source", get) for get in ("framework", "code", "label", "title", "text")),
        Field("source_top", STR, lambda r: r.context[0].code if r.context else "", doc="its top ancestor"),
        Field("source_parent", STR, lambda r: r.context[-1].code if r.context else ""),
        Field("source_parent_title", STR, lambda r: r.context[-1].title if r.context else ""),
        Field("source_tags", STRS, lambda r: list(r.source.tags)),
        *(_end("target", get) for get in ("framework", "code", "label", "title", "text")),
        Field("printed_label", MAYBE_STR, lambda r: r.entry.printed_label),
        Field(
            "note",
            STR,
            lambda r: " ".join(
                [*([r.entry.note] if r.entry.note else []), *(e.note for e in r.entry.errata)]
            ),
            doc="the entry's note and errata",
        ),
        Field("drafted", BOOL, lambda r: is_drafted(r.provenance), doc="suggested by crosswalk, not printed"),
        *(_provenance(key) for key in PROVENANCE_KEYS),
        Field(
            "provenance",
            STR,
            lambda r: json.dumps(r.provenance, ensure_ascii=False, sort_keys=True) if r.provenance else "",
            doc="the whole provenance mapping as JSON, every key the file gives (the columns before name the"
            " known ones)",
        ),
    ),
)
LINK = LINK._replace(csv=tuple(f.name for f in LINK.fields))


def link_rows(x: CrosswalkData) -> list[LinkRow]:
    """Every link, in the crosswalk's order: entry by entry, strongest relation first."""
    sources, targets = x.source.by_key, x.target.by_key
    source_codes = {r.code: r for r in sources.values()}
    target_codes = {r.code: r for r in targets.values()}
    rows = []
    for e in x.entries:
        source = source_codes[e.source]
        context = ancestors(source, sources)
        rows += [LinkRow(e, relation, source, context, target_codes[t]) for t, relation in e.links]
    return rows


def links_view(x: CrosswalkData) -> View:
    """``export csv``: one row per link."""
    section = LINK.csv_section("links", link_rows(x), Context())
    return View("export csv", x.info.title, {"crosswalk": x.info.id}, csv=section)  # CSV only: no JSON form


# --- the document ---------------------------------------------------------------------------------------


def _framework_fact(x: CrosswalkData, side: str) -> str:
    f = (x.source if side == "source" else x.target).info
    return f"{f.id}: {f.title}, {f.publisher} ({f.license})"


def _facts(x: CrosswalkData) -> tuple[tuple[str, str], ...]:
    info, header = x.info, dict(x.info.header)
    licence = info.license + (f" ({info.license_url})" if info.license_url else "")
    facts = [
        ("Crosswalk", info.id),
        ("Publisher", info.publisher),
        ("Date", info.date or ""),
        ("Licence", licence),
        ("Status", info.status or ""),
        ("Reviewed by", header.get("reviewed_by", "")),
        ("From", _framework_fact(x, "source")),
        ("To", _framework_fact(x, "target")),
        (
            "Relations",
            "; ".join(f"{r['name']}: {r['heading']}" if r["heading"] else r["name"] for r in x.relations),
        ),
    ]
    return tuple((label, value) for label, value in facts if value)


def _heading(words: Words, ref: ItemRef) -> str:
    """``Competency 1: Lead learning (R1)``: level and label (or code), title, and the code
    where the label differs from it."""
    name = f"{cap(words.level(ref).name)} {ref.label or ref.code}"
    name += f": {ref.title}" if ref.title else ""
    return name + (f" ({ref.code})" if ref.label and ref.label != ref.code else "")


def document_view(x: CrosswalkData) -> View:
    """``export markdown``: the target framework's items in printed order, top items as sections, each
    with the source items linked to it by each relation (strongest first)."""
    from ..views.common import tag_notes

    words = Words(x.target.info, x.info, x.source.info)
    rank = {r["name"]: n for n, r in enumerate(x.relations)}
    linked: dict[str, list[LinkRow]] = {}
    rows = link_rows(x)
    for row in rows:
        linked.setdefault(row.target.code, []).append(row)
    columns = (
        Column("relation", "Relation"),
        Column("source", x.source.info.id),
        Column("text", "Text"),
        Column("under", "Under"),
        Column("tags", cap(words.tags)),
        Column("notes", "Notes"),
    )
    strongest = x.relations[0]["name"] if x.relations else ""
    parents = {i.parent for i in x.target.items}
    sections = []
    for item in x.target.items:
        ref = item.ref
        these = sorted(linked.get(ref.code, ()), key=lambda r: (rank.get(r.relation, len(rank)), r.entry.seq))
        lead = [ref.text] if ref.text else []
        if ref.parts:
            lead.append("\n".join(p.line for p in ref.parts))
        if these and all(r.relation != strongest for r in these):
            lead.append(f"No {x.source.info.id} item is linked to it as {strongest}.")
        empty = f"No {x.source.info.id} item is linked to it." if ref.code not in parents else ""
        cells = tuple(_cells(words, r) for r in these)
        sections.append(Section(_heading(words, ref), columns, cells, empty, tuple(lead), ref.depth))
    if x.source_notes:
        note_columns = (Column("kind", "Kind"), Column("where", "Where"), Column("note", "Note"))
        said = tuple(
            {"kind": n.kind.replace("_", " "), "where": n.where, "note": n.note} for n in x.source_notes
        )
        sections.append(Section("Notes on the printed source", note_columns, said))
    notes = tag_notes(words, [(r.source.tags_incomplete, None) for r in rows])
    if any(is_drafted(r.provenance) for r in rows):
        notes = (DRAFTED_NOTE, *notes)
    return View("export markdown", x.info.title, {"crosswalk": x.info.id}, _facts(x), tuple(sections), notes)


def _cells(words: Words, r: LinkRow) -> dict[str, str]:
    from ..views.common import themes_cell

    source = r.source.code + (
        f" ({r.source.label})" if r.source.label and r.source.label != r.source.code else ""
    )
    if r.entry.printed_label:
        source += f"\n(printed {r.entry.printed_label})"
    return {
        "relation": r.relation,
        "source": source,
        "text": r.source.full_text,
        "under": "\n".join(words.group_fact(a) for a in r.context),
        "tags": themes_cell(r.source.tags, r.source.tags_incomplete, None, ()),
        "notes": entry_notes(r.entry, r.target.code, first=True),
    }
