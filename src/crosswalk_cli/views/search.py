"""The view of ``crosswalk search``: matches best first, the words highlighted in tables."""

from __future__ import annotations

from typing import Any

from ..formats.shape import View
from ..model import Crosswalk
from ..queries.search import SearchHit, SearchResult
from .common import THEME_MATCH, THEME_MATCH_DOC, count, filter_fact, theme_notes, themes_cell
from .fields import BOOL, INT, STR, STRS, Context, Entity, Field, head, many, one_of

SEARCH_HIT: Entity[SearchHit] = Entity(
    "search_hit",
    "A standard, standard indicator or competency indicator whose text holds every word.",
    (
        Field("kind", one_of("standard", "competency"), lambda h: h.kind),
        Field("id", STR, lambda h: h.id, column=head("ID", no_wrap=True, style="bold")),
        Field("title", STR, lambda h: h.title, column=head("Name or competency", ratio=2)),
        Field("text", STR, lambda h: h.text, column=head("Text", ratio=5)),
        Field(
            "themes",
            STRS,
            lambda h: list(h.themes),
            text=lambda h, ctx: themes_cell(h.themes, h.themes_incomplete, h.theme_match, ctx.themes),
            column=head("Themes", no_wrap=True),
        ),
        Field("themes_incomplete", BOOL, lambda h: h.themes_incomplete),
        Field("theme_match", THEME_MATCH, lambda h: h.theme_match, doc=THEME_MATCH_DOC),
        Field("score", INT, lambda h: h.score),
    ),
    csv=("kind", "id", "title", "text", "themes", "score", "theme_match"),
    table=("id", "title", "text", "themes"),
)
SEARCH_DOC: Entity[SearchResult] = Entity(
    "search_result",
    "crosswalk search TEXT: the matches, best first.",
    (
        Field("kind", {"const": "maple"}, lambda r: "maple"),
        Field("query", STR, lambda r: r.query),
        Field("words", STRS, lambda r: list(r.words)),
        Field("theme_filter", STRS, lambda r: list(r.theme_filter)),
        Field("results", many(SEARCH_HIT), lambda r: r.hits),
    ),
)


def view(r: Any, cw: Crosswalk) -> View:
    assert isinstance(r, SearchResult)
    ctx = Context(cw, r.theme_filter)
    return View(
        command="search",
        title=f"Search {r.query!r}: {count(len(r.hits), 'result')}",
        payload=SEARCH_DOC.item(r),
        facts=filter_fact(cw, r.theme_filter),
        sections=(SEARCH_HIT.section(f"Results: {len(r.hits)}", r.hits, ctx, empty="No matches."),),
        notes=theme_notes([(h.themes_incomplete, h.theme_match) for h in r.hits], r.theme_filter),
        csv=SEARCH_HIT.csv_section("results", r.hits, ctx),
        highlight=r.words,
    )
