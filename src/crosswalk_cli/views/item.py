"""The view of ``crosswalk item``: any item of any framework, everything the data knows of it.

Its text and parts, tags (and whether they may be incomplete), details, its place in the tree, the labels
crosswalks print for it, their errata and notes, and every item linked to it in every crosswalk, in
both directions. A link shows where it comes from: a crosswalk a source publishes, or a draft (its
provenance says who suggested and who reviewed it); an item no crosswalk covers says so plainly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..formats.shape import View, stacked
from ..queries.records import Linked, SourceNote
from .catalog import ITEM_REF, label
from .common import DRAFTED_NOTE, ERRATUM, PART, made
from .fields import (
    BOOL,
    INT,
    INTS,
    MAYBE_STR,
    PAIRS,
    STR,
    STRS,
    Context,
    Entity,
    Field,
    head,
    many,
    one,
    one_of,
)
from .words import Words, cap

if TYPE_CHECKING:
    from ..queries.item import ItemPage, NoMatch


def source_of(link: Linked) -> str:
    """Where a link comes from, in words: published by its crosswalk, or drafted (and reviewed)."""
    if not link.provenance:
        return f"published ({link.crosswalk})"
    return f"{link.crosswalk}: {made(dict(link.provenance))}"


def _relation(k: Linked, ctx: Context) -> str:
    via = f"\n{ctx.words.via(k.via)}" if k.via is not None and ctx.words is not None else ""
    return f"{k.relation} {'→' if k.direction == 'to' else '←'}{via}"


ITEM_LINK: Entity[Linked] = Entity(
    "item_link",
    "An item linked to this one in a crosswalk, once, by its strongest relation there; provenance is empty "
    "where a source prints the link.",
    (
        Field("crosswalk", STR, lambda k: k.crosswalk),
        Field("relation", STR, lambda k: k.relation, table=_relation, column=head("Relation", no_wrap=True)),
        Field(
            "direction",
            one_of("to", "from"),
            lambda k: k.direction,
            doc="'to': this item is the link's source; 'from': its target",
        ),
        Field(
            "item",
            one(ITEM_REF),
            lambda k: k.item,
            text=lambda k, _: k.item.qualified,
            column=head("Item", no_wrap=True, style="bold"),
        ),
        Field("text", None, text=lambda k, _: label(k.item), column=head("Text", ratio=5)),
        Field(
            "via",
            MAYBE_STR,
            lambda k: k.via.code if k.via else None,
            doc="the ancestor of this item the link names, where it links the whole of it",
        ),
        Field("entry", INT, lambda k: k.entries[0], doc="the first crosswalk entry that links it"),
        Field("entries", INTS, lambda k: list(k.entries)),
        Field("printed_label", MAYBE_STR, lambda k: k.printed_label),
        Field("published", BOOL, lambda k: not k.drafted),
        Field(
            "provenance",
            PAIRS,
            lambda k: dict(k.provenance),
            text=lambda k, _: source_of(k),
            column=head("Source", ratio=3),
        ),
    ),
    csv=("crosswalk", "relation", "direction", "item", "via", "entry", "printed_label", "provenance"),
    table=("relation", "item", "text", "provenance"),
)
NOTE: Entity[SourceNote] = Entity(
    "item_note",
    "A note about the item's source text: recorded, never corrected.",
    (
        Field("kind", STR, lambda n: n.kind, column=head("Kind", no_wrap=True)),
        Field("note", STR, lambda n: n.note, column=head("Note", ratio=6)),
    ),
    csv=("kind", "note"),
    table=("kind", "note"),
)
NO_MATCH: Entity[NoMatch] = Entity(
    "item_no_match",
    "A person's decision, in a crosswalk, that no item of the other framework fits this one.",
    (
        Field("crosswalk", STR, lambda n: n.crosswalk, column=head("Crosswalk", no_wrap=True)),
        Field("reviewed_by", MAYBE_STR, lambda n: dict(n.provenance).get("reviewed_by"), doc="who decided"),
        Field(
            "reviewed_at",
            MAYBE_STR,
            lambda n: dict(n.provenance).get("reviewed_at") or dict(n.provenance).get("reviewed_on"),
            doc="when (an ISO 8601 time, or the date an older file gives)",
        ),
        Field("rationale", MAYBE_STR, lambda n: dict(n.provenance).get("rationale"), doc="why"),
    ),
    csv=("crosswalk", "reviewed_by", "reviewed_at", "rationale"),
    table=("crosswalk", "reviewed_by", "reviewed_at", "rationale"),
)
ITEM_DOC: Entity[ItemPage] = Entity(
    "item_result",
    "crosswalk item ID: an item of any framework, its place in the framework, and its links.",
    (
        Field("id", STR, lambda v: v.item.qualified),
        Field("framework", STR, lambda v: v.item.framework),
        Field("framework_title", STR, lambda v: v.framework.title),
        Field("code", STR, lambda v: v.item.code),
        Field("label", MAYBE_STR, lambda v: v.item.label),
        Field("level", STR, lambda v: v.item.level),
        Field("title", STR, lambda v: v.item.title),
        Field("text", STR, lambda v: v.item.text),
        Field(
            "parts", many(PART), lambda v: v.item.parts, doc="sub-items or elements printed under its text"
        ),
        Field("details", PAIRS, lambda v: dict(v.item.details)),
        Field("parent", one(ITEM_REF, nullable=True), lambda v: v.parent),
        Field("ancestors", many(ITEM_REF), lambda v: v.ancestors, doc="top first"),
        Field("children", many(ITEM_REF), lambda v: v.children),
        Field("tags", PAIRS, lambda v: {t: _tag_name(v, t) for t in v.item.tags}),
        Field(
            "tags_incomplete",
            BOOL,
            lambda v: v.item.tags_incomplete,
            doc="the source lost some of its tags: it may carry more",
        ),
        Field(
            "tags_recovered",
            STRS,
            lambda v: list(v.item.tags_recovered),
            doc="of its tags, recovered elsewhere",
        ),
        Field(
            "printed_labels",
            STRS,
            lambda v: list(v.printed_labels),
            doc="the labels crosswalks print for it, where they differ from its code",
        ),
        Field("notes", many(NOTE), lambda v: v.notes),
        Field("entry_notes", STRS, lambda v: list(v.entry_notes), doc="notes of the entries that link it"),
        Field("errata", many(ERRATUM), lambda v: v.errata),
        Field(
            "no_match",
            many(NO_MATCH),
            lambda v: v.no_match,
            doc="decisions that no item fits it, with who, when and why (never reviewed: not listed)",
        ),
        Field("links", many(ITEM_LINK), lambda v: v.links),
        Field(
            "crosswalks",
            STRS,
            lambda v: [x.id for x in v.crosswalks],
            doc="crosswalks joining its framework to another",
        ),
    ),
)


def _tag_name(v: ItemPage, code: str) -> str:
    return next((t.name for t in v.tags if t.code == code), "")


def _tags(v: ItemPage, words: Words) -> str:
    named = ((t, _tag_name(v, t)) for t in v.item.tags)
    text = ", ".join(t if name in ("", t) else f"{t} {name}" for t, name in named) or "none"
    if v.item.tags_recovered:
        text += f" ({', '.join(v.item.tags_recovered)} {words.phrase('tags_recovered')})"
    if v.item.tags_incomplete:
        text += f" ({words.lost()}: may be incomplete)"
    return text


def view(v: ItemPage) -> View:
    ctx = Context(Words(v.framework))
    words = Words(v.framework)
    ref = v.item
    facts = [("Framework", f"{v.framework.title} ({ref.framework})"), ("Level", ref.level)]
    if ref.label:
        facts.append(("Label", ref.label))
    if ref.title:
        facts.append(("Title", ref.title))
    facts.append(("Text", ref.full_text if ref.text or ref.parts else "(none)"))
    facts += [(cap(name.replace("_", " ")), value) for name, value in ref.details]
    if v.ancestors:
        facts.append(("Part of", "\n".join(f"{a.qualified}  {label(a)}" for a in reversed(v.ancestors))))
    if ref.tags or ref.tags_incomplete:
        facts.append((cap(words.tags), _tags(v, words)))
    if v.printed_labels:
        facts.append(("Printed as", ", ".join(v.printed_labels)))
    sections = []
    if v.children:
        sections.append(ITEM_REF.section(f"Parts: {len(v.children)}", v.children, ctx))
    if v.notes:
        sections.append(NOTE.section(f"Notes on the source: {len(v.notes)}", v.notes, ctx))
    notes: list[str] = list(v.entry_notes)
    notes += [f"Erratum: {e.note}" for e in v.errata]
    if v.links:
        sections.append(ITEM_LINK.section(f"Links: {len(v.links)}", v.links, ctx))
        if any(k.drafted for k in v.links):
            notes.append(DRAFTED_NOTE)
    elif not v.crosswalks:
        notes.append(
            f"No crosswalk in the data covers {ref.framework}: no source publishes a link for this item."
        )
    else:
        notes.append(f"No link for this item in {', '.join(x.id for x in v.crosswalks)}.")
    notes += [n.said() for n in v.no_match]
    return View(
        command="item",
        title=f"{ref.qualified}  {ref.title or ref.text}",
        payload=ITEM_DOC.item(v),
        facts=tuple(facts),
        sections=tuple(sections),
        notes=tuple(notes),
        csv=stacked(
            ITEM_REF.csv_section("item", [ref], ctx),
            ITEM_REF.csv_section("children", v.children, ctx),
            NOTE.csv_section("notes", v.notes, ctx),
            ITEM_LINK.csv_section("links", v.links, ctx),
            NO_MATCH.csv_section("no_match", v.no_match, ctx),
        ),
    )
