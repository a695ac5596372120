"""The views of ``crosswalk search``: matches best first, the words highlighted in tables; in a crosswalk's
two frameworks, or in any frameworks (``--framework``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..formats.shape import View
from ..queries.records import PRESETS
from .catalog import ITEM_REF
from .common import THEME_MATCH, THEME_MATCH_DOC, filter_fact, tag_notes, themes_cell
from .fields import BOOL, INT, STR, STRS, Context, Entity, Field, head, many, one, one_of
from .words import Words, cap, count

if TYPE_CHECKING:
    from ..queries.search import ItemHit, ItemSearch, SearchHit, SearchResult

SEARCH_HIT: Entity[SearchHit] = Entity(
    "search_hit",
    "An item of the crosswalk's target or source framework whose text holds every word.",
    (
        Field(
            "kind",
            one_of(*PRESETS.values()),
            lambda h: PRESETS[h.side],
            doc="the command that answers for it",
        ),
        Field("id", STR, lambda h: h.item.code, column=head("ID", no_wrap=True, style="bold")),
        Field("title", STR, lambda h: h.title, column=head("Title", ratio=2)),
        Field("text", STR, lambda h: h.text, column=head("Text", ratio=5)),
        Field(
            "themes",
            STRS,
            lambda h: list(h.item.tags),
            text=lambda h, ctx: themes_cell(h.item.tags, h.item.tags_incomplete, h.tag_match, ctx.tags),
            column=head("Tags", no_wrap=True),
        ),
        Field("themes_incomplete", BOOL, lambda h: h.item.tags_incomplete),
        Field("theme_match", THEME_MATCH, lambda h: h.tag_match, doc=THEME_MATCH_DOC),
        Field("score", INT, lambda h: h.score),
    ),
    csv=("kind", "id", "title", "text", "themes", "score", "theme_match"),
    table=("id", "title", "text", "themes"),
)
SEARCH_DOC: Entity[SearchResult] = Entity(
    "search_result",
    "crosswalk search TEXT: the matches in a crosswalk's two frameworks, best first.",
    (
        Field("kind", {"const": "maple"}, lambda r: "maple"),
        Field("query", STR, lambda r: r.query),
        Field("words", STRS, lambda r: list(r.words)),
        Field("theme_filter", STRS, lambda r: list(r.tag_filter)),
        Field("results", many(SEARCH_HIT), lambda r: r.hits),
    ),
)


def view(r: SearchResult) -> View:
    words = Words(r.source, r.crosswalk)
    ctx = Context(words, r.tag_filter)
    parent = r.source.level(max(0, len(r.source.levels) - 2)).name
    headers = {"title": f"Name or {parent}", "themes": cap(words.tags)}
    return View(
        command="search",
        title=f"Search {r.query!r}: {count(len(r.hits), 'result')}",
        payload=SEARCH_DOC.item(r),
        facts=filter_fact(words, r.tags, r.tag_filter),
        sections=(
            SEARCH_HIT.section(f"Results: {len(r.hits)}", r.hits, ctx, empty="No matches.", headers=headers),
        ),
        notes=tag_notes(words, [(h.item.tags_incomplete, h.tag_match) for h in r.hits], r.tag_filter),
        csv=SEARCH_HIT.csv_section("results", r.hits, ctx),
        highlight=r.words,
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


def items_view(r: ItemSearch) -> View:
    ctx = Context()
    return View(
        command="search",
        title=f"Search {r.query!r} in {', '.join(r.frameworks)}: {count(len(r.hits), 'item')}",
        payload=ITEM_SEARCH_DOC.item(r),
        sections=(ITEM_HIT.section(f"Results: {len(r.hits)}", r.hits, ctx, empty="No matches."),),
        csv=ITEM_HIT.csv_section("results", r.hits, ctx),
    )
