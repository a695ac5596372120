"""``crosswalk matrix``: a crosswalk as a heat map, its target items by its source framework's top items,
each cell the number of source items linked to the row's item.

A source item counts once per target item, under its strongest relation there (one that is the
strongest for an item is not counted again under a weaker one). Rows: every leaf of the target
framework, zero or not, so the gaps show, and each item above the leaves that entries link to as a
whole, before its own; columns: every top item of the source framework.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import NamedTuple

from . import fetch
from .links import POSSIBLE, tag_match
from .records import CrosswalkInfo, FrameworkInfo, ItemRef, Tag


class MatrixRow(NamedTuple):
    item: ItemRef
    whole: bool  # an item above the leaves, linked as a whole
    counts: tuple[int, ...]  # per column
    possible: tuple[int, ...]  # of those, kept by a tag filter as POSSIBLE

    @property
    def total(self) -> int:
        return sum(self.counts)


class Matrix(NamedTuple):
    crosswalk: CrosswalkInfo
    target: FrameworkInfo
    source: FrameworkInfo
    relation: str  # one of the crosswalk's relations, or "all"
    columns: tuple[ItemRef, ...]
    rows: tuple[MatrixRow, ...]
    tag_filter: tuple[str, ...] = ()
    tags: tuple[Tag, ...] = ()  # the source framework's tags

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(r.counts[n] for r in self.rows) for n in range(len(self.columns)))

    @property
    def possible_totals(self) -> tuple[int, ...]:
        return tuple(sum(r.possible[n] for r in self.rows) for n in range(len(self.columns)))


def matrix(
    db: sqlite3.Connection, x: CrosswalkInfo, relation: str = "all", tags: Sequence[str] = ()
) -> Matrix:
    columns = tuple(fetch.where(db, "i.framework = ? AND i.depth = 0", (x.source,)))
    column = {c.key: n for n, c in enumerate(columns)}
    top = dict(db.execute(_TOPS, (x.source,)))  # every source item -> its top item
    best: dict[tuple[int, int], int] = {}  # (target, source) -> strongest rank
    for target, source, rel in db.execute(
        "SELECT target, source, relation FROM link WHERE crosswalk = ? ORDER BY seq, position", (x.id,)
    ):
        key = (target, source)
        best[key] = min(best.get(key, x.rank(rel)), x.rank(rel))
    wanted = None if relation == "all" else x.rank(relation)
    sources = fetch.items(db, {s for _, s in best})
    cells: dict[int, list[tuple[int, bool]]] = {}
    for (target, source), rank in best.items():
        match = tag_match(sources[source], tags)
        if match == "" or wanted not in (None, rank):
            continue
        cells.setdefault(target, []).append((column[top[source]], match == POSSIBLE))
    targets = fetch.where(db, "i.framework = ?", (x.target,))
    parents = {t.parent for t in targets}
    linked = {k for k, _ in best}
    rows = []
    for t in targets:
        whole = t.key in parents
        if whole and t.key not in linked:
            continue  # an item above the leaves gets a row only where entries link to it as a whole
        counts, possible = [0] * len(columns), [0] * len(columns)
        for n, maybe in cells.get(t.key, ()):
            counts[n] += 1
            possible[n] += maybe
        rows.append(MatrixRow(t, whole, tuple(counts), tuple(possible)))
    source_info, target_info = fetch.framework(db, x.source), fetch.framework(db, x.target)
    return Matrix(
        x,
        target_info,
        source_info,
        relation,
        columns,
        tuple(rows),
        tuple(tags),
        tuple(fetch.tags(db, x.source)),
    )


_TOPS = """
WITH RECURSIVE up(key, top) AS (
    SELECT key, key FROM item WHERE framework = ?1 AND parent IS NULL
    UNION ALL SELECT i.key, up.top FROM item i JOIN up ON i.parent = up.key
)
SELECT key, top FROM up
"""
