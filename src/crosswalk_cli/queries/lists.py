"""Lists of a framework's items: by level, within a grouping item, carrying a tag; each with the items a
crosswalk links it to by its strongest relation. ``crosswalk items``, ``theme``, ``themes``,
``competencies`` and ``standards`` read these.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation at start-up
# (some 0.02 ms a field, at every start); written as plain types, they cost nothing (tests/test_speed_paths).

import sqlite3
from collections.abc import Sequence
from typing import NamedTuple

from . import fetch
from .item import ChildCount, _counted
from .links import POSSIBLE, chain, with_context
from .records import CrosswalkInfo, FrameworkInfo, ItemRef, ItemRow, Tag
from .rows import rows


class Parent(NamedTuple):
    """The parent of rows of a list: how many children it has, and its top ancestor's code."""

    item: ItemRef
    size: int
    top: str


class ItemList(NamedTuple):
    framework: FrameworkInfo
    crosswalk: CrosswalkInfo | None
    groups: tuple[ItemRef, ...]  # the grouping items listed (all, or the one asked for)
    parents: tuple[Parent, ...]  # the parents of the rows, in order
    rows: tuple[ItemRow, ...]
    tag_filter: tuple[str, ...] = ()
    tags: tuple[Tag, ...] = ()  # the framework's tags


class TagPage(NamedTuple):
    tag: Tag
    framework: FrameworkInfo
    crosswalk: CrosswalkInfo | None
    rows: tuple[ItemRow, ...]  # the items that list it
    possible: tuple[ItemRow, ...]  # those whose tags may be incomplete and that do not list it


class TagCount(NamedTuple):
    tag: Tag
    items: int
    recovered: int


class TagList(NamedTuple):
    framework: FrameworkInfo
    crosswalk: CrosswalkInfo | None
    counts: tuple[TagCount, ...]
    rows: tuple[ItemRow, ...]  # every item of the tagged level
    incomplete: tuple[ItemRow, ...]  # those whose tags may be incomplete


class Counted(NamedTuple):
    """A top-level item with its children counted by relation (``crosswalk standards``)."""

    item: ItemRef
    children: tuple[ChildCount, ...]


class CountedList(NamedTuple):
    framework: FrameworkInfo
    crosswalk: CrosswalkInfo
    items: tuple[Counted, ...]
    source: FrameworkInfo  # the crosswalk's source framework


def leaves(db: sqlite3.Connection, framework: str, within: int | None = None) -> list[ItemRef]:
    """The framework's items that have no children (within one item, if given), in printed order."""
    found = fetch.where(
        db, "i.framework = ? AND NOT EXISTS (SELECT 1 FROM item c WHERE c.parent = i.key)", (framework,)
    )
    if within is None:
        return found
    known = {r.key: r for r in found}
    with_context(db, found, known)
    return [r for r in found if within in {a.key for a in chain(r, known)}]


def item_list(
    db: sqlite3.Connection,
    framework: str,
    crosswalk: CrosswalkInfo | None,
    within: int | None = None,
    tags: Sequence[str] = (),
) -> ItemList:
    """The framework's leaf items (within a grouping item), kept by the tag filter, grouped by parent."""
    info = fetch.framework(db, framework)
    found = rows(db, leaves(db, framework, within), crosswalk, tags)
    grouping = [n for n, lv in enumerate(info.levels) if lv.grouping]
    groups = fetch.where(db, "i.framework = ? AND i.depth = ?", (framework, grouping[0])) if grouping else []
    if within is not None:
        groups = [g for g in groups if g.key == within]
    tops = {r.context[-1].key: (r.context[-1], r.context[0].code) for r in found if r.context}
    parents = tuple(
        Parent(p, db.execute("SELECT count(*) FROM item WHERE parent = ?", (p.key,)).fetchone()[0], top)
        for p, top in tops.values()
    )
    return ItemList(
        info, crosswalk, tuple(groups), parents, found, tuple(tags), tuple(fetch.tags(db, framework))
    )


def tag_page(db: sqlite3.Connection, framework: str, code: str, crosswalk: CrosswalkInfo | None) -> TagPage:
    """Every item carrying the tag, in printed order; then those that may (their tags may be incomplete)."""
    tag = next(t for t in fetch.tags(db, framework) if t.code == code)
    every = rows(db, tagged_items(db, framework, code), crosswalk, (code,))
    listed = tuple(r for r in every if r.tag_match != POSSIBLE)
    possible = tuple(r for r in every if r.tag_match == POSSIBLE)
    return TagPage(tag, fetch.framework(db, framework), crosswalk, listed, possible)


def tagged_items(db: sqlite3.Connection, framework: str, tag: str | None = None) -> list[ItemRef]:
    """The items of the levels that carry tags (any item with a tag, or whose tags may be incomplete);
    with ``tag``, only those that list it or may (their tags may be incomplete): a theme's page reads just
    the items it shows, not every one."""
    depths = [d for (d,) in db.execute(
        "SELECT DISTINCT depth FROM item i WHERE framework = ? AND (tags_incomplete"
        " OR EXISTS (SELECT 1 FROM item_tag t WHERE t.item = i.key)) ORDER BY depth", (framework,)
    )]  # fmt: skip
    if not depths:
        return []
    marks = ",".join("?" * len(depths))
    if tag is None:
        return fetch.where(db, f"i.framework = ? AND i.depth IN ({marks})", (framework, *depths))
    return fetch.where(
        db,
        f"i.framework = ? AND i.depth IN ({marks}) AND (i.tags_incomplete"
        " OR EXISTS (SELECT 1 FROM item_tag t WHERE t.item = i.key AND t.tag = ?))",
        (framework, *depths, tag),
    )


def tag_list(db: sqlite3.Connection, framework: str, crosswalk: CrosswalkInfo | None) -> TagList:
    every = rows(db, tagged_items(db, framework), crosswalk)
    counts = tuple(
        TagCount(
            t, sum(t.code in r.item.tags for r in every), sum(t.code in r.item.tags_recovered for r in every)
        )
        for t in fetch.tags(db, framework)
    )
    return TagList(
        fetch.framework(db, framework),
        crosswalk,
        counts,
        every,
        tuple(r for r in every if r.item.tags_incomplete),
    )


def counted_list(db: sqlite3.Connection, crosswalk: CrosswalkInfo, tags: Sequence[str] = ()) -> CountedList:
    """The target framework's top items, each with its children counted by relation."""
    framework = crosswalk.target
    tops = fetch.where(db, "i.framework = ? AND i.depth = 0", (framework,))
    counted = tuple(
        Counted(top, tuple(_counted(db, kid, (top,), crosswalk, tags) for kid in fetch.children(db, top.key)))
        for top in tops
    )
    return CountedList(
        fetch.framework(db, framework), crosswalk, counted, fetch.framework(db, crosswalk.source)
    )
