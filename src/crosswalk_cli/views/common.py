"""What several views share: an item in a list (with its tags and strongest links), an erratum, an item
named by code and title, and the notes and counts about a tag filter."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..formats.shape import Section
from ..queries.records import LISTED, POSSIBLE, Erratum, ItemRef, ItemRow, Linked, Part, Tag, is_drafted
from .fields import BOOL, INT, MAYBE_STR, PAIRS, STR, STRS, Context, Entity, Field, head, many, one_of
from .words import Words, cap

THEME_MATCH = one_of(LISTED, POSSIBLE, None)
THEME_MATCH_DOC = "under --theme: 'listed' (it lists a theme) or 'possible' (its themes may be incomplete)"
DRAFTED_NOTE = "Drafted links were suggested by crosswalk and reviewed by a person; no source prints them."
PUBLISHED = "published"


def made(provenance: Mapping[str, str]) -> str:
    """How a link was made, in words: 'published' where a source prints it (it has no provenance);
    else what drafted it, its score as stored, who reviewed it and when."""
    if not provenance:
        return PUBLISHED
    p = provenance
    said = [
        f"{'drafted by' if is_drafted(dict(p)) else 'from'} {p['method']}" if "method" in p else "",
        f"score {p['score']}" if "score" in p else "",
    ]
    if "reviewed_by" in p:
        when = p.get("reviewed_at") or p.get("reviewed_on")
        said.append(f"reviewed by {p['reviewed_by']}" + (f", {when}" if when else ""))
    if "case_association_type" in p:
        said.append(f"CASE {p['case_association_type']}")
    if p.get("rationale"):
        said.append(f"why: {p['rationale']}")
    return "; ".join(s for s in said if s)


def link_source(name: str = "provenance") -> Field[Linked]:
    """A linked item's provenance: in JSON as the crosswalk file gives it (empty where a source prints the
    link), in CSV and tables in words ('published', or who drafted and reviewed it)."""
    return Field(
        name,
        PAIRS,
        lambda k: dict(k.provenance),
        text=lambda k, _: made(dict(k.provenance)),
        column=head("Source", ratio=2),
        doc="how the link was made, as the crosswalk file gives it: empty where a source publishes it",
    )


PUBLISHED_FIELD: Field[Linked] = Field(
    "published", BOOL, lambda k: not k.drafted, doc="false for a link drafted by crosswalk suggest"
)


def drafted_keys(keys: Sequence[str], drafted: bool) -> tuple[str, ...]:
    """A section's table columns: ``keys``, and the link's source where some link shown is drafted."""
    return (*keys, "provenance") if drafted else tuple(keys)


def themes_cell(themes: Sequence[str], incomplete: bool, match: str | None, wanted: tuple[str, ...]) -> str:
    """The tags cell: ``T1 T2``; ``T1 ?`` when they may be incomplete; ``T1 +T2?`` when kept by a tag
    filter only because they may be incomplete."""
    text = " ".join(themes)
    if match == POSSIBLE:
        return f"{text} +{'/'.join(wanted)}?".strip()
    return f"{text} ?".strip() if incomplete else text


def item_tags(ref: ItemRef, match: str | None, ctx: Context) -> str:
    return themes_cell(ref.tags, ref.tags_incomplete, match, ctx.tags)


def tag_notes(
    words: Words, items: Sequence[tuple[bool, str | None]], tags: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """The notes that explain the tags cells' marks, for (tags incomplete, tag match) pairs."""
    notes = []
    names = words.tags
    if any(incomplete and match != POSSIBLE for incomplete, match in items):
        notes.append(f"'?' after {names}: {words.lost()}; its {names} may be incomplete.")
    if any(match == POSSIBLE for _, match in items):
        marker = f"+{'/'.join(tags)}?"
        notes.append(
            f"'{marker}' after {names}: {words.lost()}, so it may also carry {' or '.join(tags)}; it is "
            "listed for that reason."
        )
    return tuple(notes)


def link_notes(
    words: Words, links: Sequence[Linked | ItemRow], tags: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """The tags cells' notes, and the note that says what a drafted link is, where one is shown."""
    notes = tag_notes(words, [(k.item.tags_incomplete, k.tag_match) for k in links], tags)
    return (DRAFTED_NOTE, *notes) if any(k.drafted for k in links) else notes


def counted(items: Sequence[Linked | ItemRow], tags: tuple[str, ...]) -> str:
    """A section's count: ``5``, or ``5 (2 may carry T2)`` when a tag filter kept some as possible."""
    possible = sum(item.tag_match == POSSIBLE for item in items)
    return f"{len(items)} ({possible} may carry {' or '.join(tags)})" if possible else str(len(items))


def filter_fact(words: Words, tags: Sequence[Tag], wanted: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    if not wanted:
        return ()
    names = {t.code: t.name for t in tags}
    return ((cap(words.tags), " or ".join(f"{t} {names[t]}" for t in wanted)),)


PART: Entity[Part] = Entity(
    "element",
    "A part of an item's text that the framework prints under it (a numbered element, a sub-item).",
    (
        Field("number", STR, lambda e: e.label or ""),
        Field("name", MAYBE_STR, lambda e: e.title),
        Field("text", STR, lambda e: e.text),
    ),
)
# A listed item's parts (a text ending 'by:' or 'including:' goes on in them): in JSON, and in CSV one a line;
# tables and Markdown show them after the text.
PARTS: Field[Any] = Field(
    "parts",
    many(PART),
    lambda r: r.item.parts,
    text=lambda r, _: "\n".join(p.line for p in r.item.parts),
    doc="the parts printed under its text",
)


def _top(r: ItemRow) -> str:
    return r.context[0].code if r.context else r.item.code


def _parent(r: ItemRow) -> ItemRef:
    return r.context[-1] if r.context else r.item


ITEM_ROW: Entity[ItemRow] = Entity(
    "indicator_row",
    "An item in a list, with the items it is linked to by the crosswalk's strongest relation.",
    (
        Field("id", STR, lambda r: r.item.code, column=head("ID", no_wrap=True, style="bold")),
        Field("domain", STR, _top, doc="its top-level ancestor"),
        Field("competency", STR, lambda r: _parent(r).code, doc="its parent"),
        Field("competency_title", STR, lambda r: _parent(r).title),
        Field(
            "text",
            STR,
            lambda r: r.item.text,
            table=lambda r, _: r.item.full_text,
            column=head("Text", ratio=1),
        ),
        PARTS,
        Field(
            "themes",
            STRS,
            lambda r: list(r.item.tags),
            table=lambda r, ctx: item_tags(r.item, r.tag_match, ctx),
            column=head("Tags", no_wrap=True),
        ),
        Field("themes_incomplete", BOOL, lambda r: r.item.tags_incomplete),
        Field("theme_match", THEME_MATCH, lambda r: r.tag_match, doc=THEME_MATCH_DOC),
        Field(
            "primary",
            STRS,
            lambda r: list(r.strongest),
            table=lambda r, _: " ".join(f"{c} (drafted)" if c in r.drafted else c for c in r.strongest),
            column=head("Linked", no_wrap=True),
            doc="the items its strongest relation links it to",
        ),
        Field(
            "primary_drafted",
            STRS,
            lambda r: list(r.drafted),
            doc="of primary, those no source publishes: drafted by crosswalk suggest",
        ),
        Field(
            "primary_provenance",
            {"type": "array", "items": PAIRS},
            lambda r: [dict(p) for p in r.provenance],
            text=lambda r, _: "\n".join(
                f"{c}: {made(dict(p))}" for c, p in zip(r.strongest, r.provenance, strict=True) if p
            ),
            doc="for each of primary, how the link was made, as the crosswalk file gives it (empty where a "
            "source publishes it)",
        ),
    ),
    csv=(
        "id",
        "domain",
        "competency",
        "competency_title",
        "text",
        "parts",
        "themes",
        "themes_incomplete",
        "primary",
        "primary_drafted",
        "primary_provenance",
        "theme_match",
    ),
    table=("id", "text", "themes", "primary"),
)


def row_headers(words: Words, rows: Sequence[ItemRow]) -> dict[str, str]:
    """A list's column headers in the data's words: the rows' level ('Indicator'), the tags ('Themes'),
    the strongest relation ('Primary')."""
    names = {"themes": cap(words.tags)}
    if rows:
        names["text"] = cap(words.level(rows[0].item).name)
    if words.relations:
        names["primary"] = cap(words.relations[0])
    return names


def grouped(
    rows: Sequence[ItemRow], key: Callable[[ItemRow], str], ctx: Context, words: Words
) -> tuple[Section, ...]:
    """List rows in one section per group (a parent, a top item), in order of appearance."""
    groups: dict[str, list[ItemRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    headers = row_headers(words, rows)
    return tuple(ITEM_ROW.section(title, items, ctx, headers=headers) for title, items in groups.items())


ERRATUM: Entity[Erratum] = Entity(
    "erratum",
    "Where the printed crosswalk differs from what the data uses.",
    (
        Field("entry", INT, lambda e: e.entry, doc="the crosswalk entry's position (1-based)"),
        Field(
            "competency",
            STR,
            lambda e: e.source,
            column=head("Source", no_wrap=True, style="bold"),
            doc="the entry's source item",
        ),
        Field("printed_label", MAYBE_STR, lambda e: e.printed_label),
        Field(
            "kind",
            STR,
            lambda e: e.kind,
            text=lambda e, _: e.kind.replace("_", " "),
            column=head("Kind", no_wrap=True),
        ),
        Field(
            "note", STR, lambda e: e.note, column=head("What was printed, and what the data uses", ratio=5)
        ),
        Field("printed", MAYBE_STR, lambda e: e.printed),
        Field("resolved", MAYBE_STR, lambda e: e.resolved),
    ),
    csv=("entry", "competency", "kind", "note", "printed", "resolved"),
    table=("competency", "kind", "note"),
)
