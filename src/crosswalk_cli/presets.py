"""The lookups over the data, composed once: the presets over a crosswalk (the data's first, or one
named): items of its target framework (``standard``) and its source (``competency``), a tag of its source
(``theme``), a search of its two frameworks' texts (or of any framework's), and the lists of each
(``standards``, ``competencies``, ``themes``); any framework's items (``item``, ``items``) and the
catalog of them all (``frameworks``); and one item's suggested links (``suggest``). Each takes the open
store and returns the View(s) its command writes. The command line (``lookup.answer``) and the API
(``api.Data``) both answer through these. Pure: nothing here reads options or writes output.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

    from .formats.shape import View
    from .queries.records import CrosswalkInfo


def crosswalk(db: sqlite3.Connection, given: str | None) -> CrosswalkInfo:
    """The crosswalk named (any id form), or the data's first."""
    from .queries.resolve import resolve_crosswalk

    return resolve_crosswalk(db, given)


def source_tags(db: sqlite3.Connection, x: CrosswalkInfo, given: Iterable[str]) -> tuple[str, ...]:
    """The tags of the crosswalk's source framework that ``given`` names (codes or names)."""
    from .queries import fetch
    from .queries.resolve import resolve_tags

    return resolve_tags(db, fetch.framework(db, x.source), tuple(given))


def standard_answers(
    db: sqlite3.Connection, idents: Sequence[str], given: str | None = None, themes: Iterable[str] = ()
) -> list[tuple[str, View]]:
    """Each id's item of the crosswalk's target framework and what links to it, strongest relation
    first, as (its FRAMEWORK:CODE, its View). Every id is resolved before any page is read, so an
    unknown one fails the whole answer."""
    from .queries import fetch
    from .queries.item import page
    from .queries.links import FROM
    from .queries.resolve import resolve_in
    from .views.standard import view

    x = crosswalk(db, given)
    tags = source_tags(db, x, themes)
    target = fetch.framework(db, x.target)
    keys = [resolve_in(db, target, ident, x) for ident in idents]
    pages = [page(db, key, x.id, FROM, tags, count_children=True) for key in keys]
    return [(p.item.qualified, view(p)) for p in pages]


def competency_answers(
    db: sqlite3.Connection, idents: Sequence[str], given: str | None = None
) -> list[tuple[str, View]]:
    """Each id's item of the crosswalk's source framework: its text, tags, errata and what it links to."""
    from .queries import fetch
    from .queries.item import page
    from .queries.links import TO
    from .queries.resolve import resolve_in
    from .views.competency import view

    x = crosswalk(db, given)
    source = fetch.framework(db, x.source)
    keys = [resolve_in(db, source, ident, x) for ident in idents]
    pages = [page(db, key, x.id, TO) for key in keys]
    return [(p.item.qualified, view(p)) for p in pages]


def item_answers(db: sqlite3.Connection, idents: Sequence[str]) -> list[tuple[str, View]]:
    """Each id's item, of any framework (FRAMEWORK:CODE, or a code only one item has), with its links in
    every crosswalk."""
    from .queries.item import page
    from .queries.resolve import resolve_item
    from .views.item import view

    keys = [resolve_item(db, ident) for ident in idents]
    pages = [page(db, key) for key in keys]
    return [(p.item.qualified, view(p)) for p in pages]


def theme(db: sqlite3.Connection, code: str, given: str | None = None) -> View:
    """Every item of the crosswalk's source framework carrying a tag (code, name or a word of it)."""
    from .queries import fetch
    from .queries.lists import tag_page
    from .queries.resolve import resolve_tag
    from .views.theme import theme_view

    x = crosswalk(db, given)
    tag = resolve_tag(db, fetch.framework(db, x.source), code)
    return theme_view(tag_page(db, x.source, tag, x))


def search(
    db: sqlite3.Connection,
    text: str,
    given: str | None = None,
    themes: Iterable[str] = (),
    frameworks: Iterable[str] = (),
) -> View:
    """Items whose text holds every word of ``text``, best first: of the crosswalk's two frameworks
    (``themes`` keep its source's items with those tags), or of ``frameworks`` ranked by bm25. The
    callers refuse a text without words, and themes with frameworks, each in its own words."""
    from .queries.search import search_words

    chosen = list(frameworks)
    if chosen:
        from .queries.resolve import resolve_framework
        from .queries.search import search_items
        from .views.search import items_view

        ids = tuple(dict.fromkeys(resolve_framework(db, f) for f in chosen))
        return items_view(search_items(db, search_words(text), ids))
    from .queries.search import search as ask
    from .views.search import view

    x = crosswalk(db, given)
    return view(ask(db, x, text, source_tags(db, x, themes)))


def standards_list(db: sqlite3.Connection, given: str | None = None) -> View:
    """The crosswalk's target framework, top item by top item, with how many items link to each child."""
    from .queries.lists import counted_list
    from .views.standard import standards_view

    return standards_view(counted_list(db, crosswalk(db, given)))


def competencies_list(
    db: sqlite3.Connection, given: str | None = None, domain: str | None = None, themes: Iterable[str] = ()
) -> View:
    """The crosswalk's source framework: its leaves by parent (within one grouping item, ``domain``),
    with tags and strongest links."""
    from .queries import fetch
    from .queries.lists import item_list
    from .queries.resolve import resolve_group, resolve_tags
    from .views.competency import competencies_view

    x = crosswalk(db, given)
    info = fetch.framework(db, x.source)
    within = resolve_group(db, info, domain) if domain else None
    tags = resolve_tags(db, info, tuple(themes))
    return competencies_view(item_list(db, x.source, x, within, tags))


def themes_list(db: sqlite3.Connection, given: str | None = None) -> View:
    """The tags of the crosswalk's source framework, with how many items carry each."""
    from .queries.lists import tag_list
    from .views.theme import themes_view

    x = crosswalk(db, given)
    return themes_view(tag_list(db, x.source, x))


def items_list(db: sqlite3.Connection, framework: str) -> View:
    """A framework's items in printed order, with their levels."""
    from .queries.catalog import items
    from .queries.resolve import resolve_framework
    from .views.catalog import items_view

    return items_view(items(db, resolve_framework(db, framework)))


def catalog(db: sqlite3.Connection, user: Path | None) -> View:
    """Every framework and crosswalk in the data, where each came from (``user``: the data directory read
    beside the packaged one), with items and links counted."""
    from .queries.catalog import catalog as ask
    from .views.catalog import view

    return view(ask(db, user))


def suggestions(db: sqlite3.Connection, ident: str, target: str, top: int) -> View:
    """Candidate links for one item into the framework ``target``, each with its evidence: suggestions,
    never links (``crosswalk suggest ID --to FRAMEWORK``)."""
    from .queries.resolve import resolve_item
    from .suggest.run import for_items
    from .views.suggestions import view

    [found] = for_items(db, [resolve_item(db, ident)], target, top)
    return view(found)
