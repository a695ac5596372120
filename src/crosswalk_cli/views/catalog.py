"""The views of ``crosswalk frameworks``, ``crosswalk item`` and ``crosswalk items``: any framework.

A link shows where it comes from: a crosswalk a source publishes, or a draft (its provenance says who
suggested and who reviewed it). An item no crosswalk covers says so plainly.
"""

from __future__ import annotations

from typing import Any

from ..catalog import (
    Catalog,
    CrosswalkSummary,
    FrameworkSummary,
    ItemHit,
    ItemLink,
    ItemRef,
    ItemSearch,
    ItemsList,
    ItemView,
)
from ..formats.shape import View
from .fields import (
    INT,
    INT_MAP,
    MAYBE_STR,
    STR,
    STRS,
    Context,
    Entity,
    Field,
    Schema,
    head,
    many,
    one,
    one_of,
)

PAIRS: Schema = {"type": "object", "additionalProperties": {"type": "string"}}


def _counts(pairs: tuple[tuple[str, int], ...], sep: str = ", ") -> str:
    return sep.join(f"{n} {name}" for name, n in pairs)


FRAMEWORK: Entity[FrameworkSummary] = Entity(
    "framework",
    "A framework in the data: its header and how many items it has at each level.",
    (
        Field("id", STR, lambda f: f.id, column=head("ID", no_wrap=True, style="bold")),
        Field("title", STR, lambda f: f.title, column=head("Title", ratio=4, min_width=17, sub="publisher")),
        Field("publisher", STR, lambda f: f.publisher, column=head("Publisher", ratio=3, min_width=13)),
        Field("status", MAYBE_STR, lambda f: f.status, column=head("Status", no_wrap=True)),
        Field("version", MAYBE_STR, lambda f: f.version),
        Field("date", MAYBE_STR, lambda f: f.date, column=head("Date", no_wrap=True)),
        Field("license", STR, lambda f: f.license),
        Field("levels", STRS, lambda f: list(f.levels)),
        Field(
            "counts",
            INT_MAP,
            lambda f: dict(f.counts),
            text=lambda f, _: _counts(f.counts),
            table=lambda f, _: _counts(f.counts, "\n"),
            column=head("Items", no_wrap=True),
        ),
        Field("items", INT, lambda f: f.items),
    ),
    csv=("id", "title", "publisher", "status", "version", "date", "license", "items"),
    table=("id", "title", "status", "date", "counts"),
)
CROSSWALK: Entity[CrosswalkSummary] = Entity(
    "crosswalk",
    "A crosswalk in the data: the two frameworks it joins and its links by relation.",
    (
        Field("id", STR, lambda c: c.id, column=head("ID", no_wrap=True, style="bold")),
        Field("title", STR, lambda c: c.title, column=head("Title", ratio=4)),
        Field("publisher", STR, lambda c: c.publisher),
        Field("from", STR, lambda c: c.source, column=head("From", no_wrap=True)),
        Field("to", STR, lambda c: c.target, column=head("To", no_wrap=True)),
        Field("relations", STRS, lambda c: list(c.relations)),
        Field(
            "counts",
            INT_MAP,
            lambda c: dict(c.counts),
            text=lambda c, _: _counts(c.counts),
            table=lambda c, _: _counts(c.counts, "\n"),
            column=head("Links", no_wrap=True),
        ),
        Field("links", INT, lambda c: c.links),
        Field(
            "drafted",
            INT,
            lambda c: c.drafted,
            doc="links drafted by a suggestion, not printed by a source",
            column=head("Drafted", no_wrap=True),
        ),
    ),
    csv=("id", "title", "publisher", "from", "to", "links", "drafted"),
    table=("id", "title", "from", "to", "counts", "drafted"),
)
CATALOG: Entity[Catalog] = Entity(
    "frameworks_result",
    "crosswalk frameworks: every framework and crosswalk in the data.",
    (
        Field("frameworks", many(FRAMEWORK), lambda c: c.frameworks),
        Field("crosswalks", many(CROSSWALK), lambda c: c.crosswalks),
    ),
)


def _label(ref: ItemRef) -> str:
    return f"{ref.title}: {ref.text}" if ref.title and ref.text else ref.title or ref.text


ITEM_REF: Entity[ItemRef] = Entity(
    "item_ref",
    "An item of a framework, by qualified id.",
    (
        Field("id", STR, lambda r: r.qualified, column=head("ID", no_wrap=True, style="bold")),
        Field("framework", STR, lambda r: r.framework),
        Field("code", STR, lambda r: r.code),
        Field("level", STR, lambda r: r.level, column=head("Level", no_wrap=True)),
        Field("depth", INT, lambda r: r.depth),
        Field("title", STR, lambda r: r.title),
        Field("text", STR, lambda r: r.text, table=lambda r, _: _label(r), column=head("Text", ratio=6)),
    ),
    csv=("id", "framework", "code", "level", "depth", "title", "text"),
    table=("id", "level", "text"),
)


def _source(link: ItemLink) -> str:
    if not link.provenance:
        return f"published ({link.crosswalk})"
    p = dict(link.provenance)
    made = "drafted by" if link.drafted else "from"
    said = [
        f"{made} {p['method']}" if "method" in p else "",
        f"score {p['score']}" if "score" in p else "",
    ]
    if "reviewed_by" in p:
        said.append(
            f"reviewed by {p['reviewed_by']}" + (f", {p['reviewed_on']}" if "reviewed_on" in p else "")
        )
    if "case_association_type" in p:
        said.append(f"CASE {p['case_association_type']}")
    return f"{link.crosswalk}: " + "; ".join(s for s in said if s)


ITEM_LINK: Entity[ItemLink] = Entity(
    "item_link",
    "A link of the item in a crosswalk; provenance is empty where a source prints it.",
    (
        Field("crosswalk", STR, lambda k: k.crosswalk),
        Field("relation", STR, lambda k: k.relation, column=head("Relation", no_wrap=True)),
        Field("direction", one_of("to", "from"), lambda k: k.direction),
        Field(
            "item",
            one(ITEM_REF),
            lambda k: k.other,
            text=lambda k, _: k.other.qualified,
            column=head("Item", no_wrap=True, style="bold"),
        ),
        Field("text", None, text=lambda k, _: _label(k.other), column=head("Text", ratio=5)),
        Field("entry", INT, lambda k: k.entry),
        Field("published", {"type": "boolean"}, lambda k: not k.drafted),
        Field(
            "provenance",
            PAIRS,
            lambda k: dict(k.provenance),
            text=lambda k, _: _source(k),
            column=head("Source", ratio=3),
        ),
    ),
    csv=("crosswalk", "relation", "direction", "item", "entry", "provenance"),
    table=("relation", "item", "text", "provenance"),
)
NOTE: Entity[tuple[str, str]] = Entity(
    "item_note",
    "A note about the item's source text: recorded, never corrected.",
    (
        Field("kind", STR, lambda n: n[0], column=head("Kind", no_wrap=True)),
        Field("note", STR, lambda n: n[1], column=head("Note", ratio=6)),
    ),
    table=("kind", "note"),
)
ITEM_DOC: Entity[ItemView] = Entity(
    "item_result",
    "crosswalk item ID: an item of any framework, its place in the framework, and its links.",
    (
        Field("id", STR, lambda v: v.item.qualified),
        Field("framework", STR, lambda v: v.item.framework),
        Field("framework_title", STR, lambda v: v.framework_title),
        Field("code", STR, lambda v: v.item.code),
        Field("level", STR, lambda v: v.item.level),
        Field("title", STR, lambda v: v.item.title),
        Field("text", STR, lambda v: v.item.text),
        Field("parent", one(ITEM_REF, nullable=True), lambda v: v.parent),
        Field("children", many(ITEM_REF), lambda v: v.children),
        Field("tags", PAIRS, lambda v: dict(v.tags)),
        Field("notes", many(NOTE), lambda v: v.notes),
        Field("links", many(ITEM_LINK), lambda v: v.links),
        Field(
            "crosswalks",
            STRS,
            lambda v: list(v.crosswalks),
            doc="crosswalks joining its framework to another",
        ),
    ),
)
ITEMS_DOC: Entity[ItemsList] = Entity(
    "items_result",
    "crosswalk items FRAMEWORK: a framework's items in printed order.",
    (
        Field("framework", one(FRAMEWORK), lambda r: r.framework),
        Field("items", many(ITEM_REF), lambda r: r.items),
    ),
)


ITEM_HIT: Entity[ItemHit] = Entity(
    "item_hit",
    "An item whose title or text holds every word; match shows where, the words in [brackets].",
    (
        Field(
            "item",
            one(ITEM_REF),
            lambda h: h.item,
            text=lambda h, _: h.item.qualified,
            column=head("ID", no_wrap=True, style="bold"),
        ),
        Field("match", STR, lambda h: h.match, column=head("Match", ratio=6)),
        Field("rank", {"type": "number"}, lambda h: h.rank, doc="bm25: lower is a better match"),
    ),
    csv=("item", "match", "rank"),
    table=("item", "match"),
)
ITEM_SEARCH_DOC: Entity[ItemSearch] = Entity(
    "item_search_result",
    "crosswalk search TEXT --framework ID: items of any framework holding every word, best first (bm25).",
    (
        Field("kind", {"const": "items"}, lambda r: "items"),
        Field("query", STR, lambda r: r.query),
        Field("frameworks", STRS, lambda r: list(r.frameworks)),
        Field("results", many(ITEM_HIT), lambda r: r.hits),
    ),
)


def view(r: Any, cw: Any) -> View:
    if isinstance(r, ItemSearch):
        ctx = Context()
        return View(
            command="search",
            title=f"Search {r.query!r} in {', '.join(r.frameworks)}: {len(r.hits)} items",
            payload=ITEM_SEARCH_DOC.item(r),
            sections=(ITEM_HIT.section(f"Results: {len(r.hits)}", r.hits, ctx, empty="No matches."),),
            csv=ITEM_HIT.csv_section("results", r.hits, ctx),
        )
    if isinstance(r, Catalog):
        return _catalog(r)
    if isinstance(r, ItemView):
        return _item(r)
    assert isinstance(r, ItemsList)
    return _items(r)


def _catalog(r: Catalog) -> View:
    ctx = Context()
    return View(
        command="frameworks",
        title=f"Frameworks: {len(r.frameworks)}; crosswalks: {len(r.crosswalks)}",
        payload=CATALOG.item(r),
        sections=(
            FRAMEWORK.section(f"Frameworks: {len(r.frameworks)}", r.frameworks, ctx),
            CROSSWALK.section(f"Crosswalks: {len(r.crosswalks)}", r.crosswalks, ctx, empty="No crosswalks."),
        ),
        csv=FRAMEWORK.csv_section("frameworks", r.frameworks, ctx),
    )


def _item(v: ItemView) -> View:
    ctx = Context()
    ref = v.item
    facts = [("Framework", f"{v.framework_title} ({ref.framework})"), ("Level", ref.level)]
    if ref.title:
        facts.append(("Title", ref.title))
    facts.append(("Text", ref.text or "(none)"))
    if v.parent is not None:
        facts.append(("Part of", f"{v.parent.qualified}  {_label(v.parent)}"))
    if v.tags:
        facts.append(("Tags", ", ".join(f"{code} {name}" for code, name in v.tags)))
    sections = []
    if v.children:
        sections.append(ITEM_REF.section(f"Parts: {len(v.children)}", v.children, ctx))
    if v.notes:
        sections.append(NOTE.section(f"Notes on the source: {len(v.notes)}", v.notes, ctx))
    notes: list[str] = []
    if v.links:
        sections.append(ITEM_LINK.section(f"Links: {len(v.links)}", v.links, ctx))
        if any(k.drafted for k in v.links):
            notes.append(
                "Drafted links were suggested by crosswalk and reviewed by a person; no source prints them."
            )
    elif not v.crosswalks:
        notes.append(
            f"No crosswalk in the data covers {ref.framework}: no source publishes a link for this item."
        )
    else:
        notes.append(f"No link for this item in {', '.join(v.crosswalks)}.")
    return View(
        command="item",
        title=f"{ref.qualified}  {ref.title or ref.text}",
        payload=ITEM_DOC.item(v),
        facts=tuple(facts),
        sections=tuple(sections),
        notes=tuple(notes),
        csv=ITEM_LINK.csv_section("links", v.links, ctx),
    )


def _items(r: ItemsList) -> View:
    ctx = Context()
    f = r.framework
    return View(
        command="items",
        title=f"{f.title} ({f.id}): {f.items} items",
        payload=ITEMS_DOC.item(r),
        facts=(("Levels", ", ".join(f.levels)), *((("Status", f.status),) if f.status else ())),
        sections=(ITEM_REF.section(_counts(f.counts), r.items, ctx),),
        csv=ITEM_REF.csv_section("items", r.items, ctx),
    )
