"""``crosswalk coverage CROSSWALK``: what a crosswalk leaves out. The leaf items of its source framework
that no link names, told apart by whether a person decided that no target fits (``no_match``, or listed
in ``reviewed`` with no link) or nobody has decided yet; the leaf items of its target framework that no
link names; and, for every level of both frameworks, how many items a link names (itself or an item
under it), how many were decided to have no match, and how many have no link."""

from __future__ import annotations

import json
import sqlite3
from typing import NamedTuple

from . import fetch
from .records import CrosswalkInfo, FrameworkInfo, ItemRef

SOURCE, TARGET = "source", "target"
NO_MATCH, UNDECIDED, NO_LINK = "no match", "undecided", "no link"


class Gap(NamedTuple):
    """An item with no link in the crosswalk."""

    side: str  # SOURCE or TARGET
    item: ItemRef
    state: str  # NO_MATCH (a person decided none fits), UNDECIDED; a target: NO_LINK
    decided_by: str | None = None
    rationale: str | None = None


class LevelCount(NamedTuple):
    side: str
    framework: str
    level: str
    items: int
    linked: int  # a link names it or an item under it
    no_match: int  # of those with no link, decided: no target fits (source items only)
    unlinked: int  # no link names it or an item under it


class CoverageReport(NamedTuple):
    crosswalk: CrosswalkInfo
    source: FrameworkInfo
    target: FrameworkInfo
    levels: tuple[LevelCount, ...]  # the source's levels, top first, then the target's
    sources: tuple[Gap, ...]  # leaf items of the source with no link, in printed order
    targets: tuple[Gap, ...]  # leaf items of the target with no link, in printed order

    @property
    def no_match(self) -> int:
        return sum(1 for g in self.sources if g.state == NO_MATCH)


def coverage(db: sqlite3.Connection, x: CrosswalkInfo) -> CoverageReport:
    source, target = fetch.framework(db, x.source), fetch.framework(db, x.target)
    linked: dict[str, set[int]] = {SOURCE: set(), TARGET: set()}
    for s, t in db.execute("SELECT source, target FROM link WHERE crosswalk = ?", (x.id,)):
        linked[SOURCE].add(s)
        linked[TARGET].add(t)
    decided: dict[int, dict[str, str]] = {}
    for key, provenance, none in db.execute(
        "SELECT source, provenance, no_match FROM entry WHERE crosswalk = ?", (x.id,)
    ):
        if none:
            decided[key] = json.loads(provenance)
    codes = set(x.reviewed)
    levels: list[LevelCount] = []
    gaps: dict[str, list[Gap]] = {SOURCE: [], TARGET: []}
    for side, info in ((SOURCE, source), (TARGET, target)):
        items = fetch.where(db, "i.framework = ?", (info.id,))
        parents = {i.parent for i in items}
        covered = _with_ancestors(items, linked[side])
        no_match = set()
        for i in items:
            if side == SOURCE and i.key not in linked[side] and (i.key in decided or i.code in codes):
                no_match.add(i.key)
        for depth, level in enumerate(info.levels):
            at = [i for i in items if i.depth == depth]
            n, none = sum(1 for i in at if i.key in covered), sum(1 for i in at if i.key in no_match)
            levels.append(LevelCount(side, info.id, level.name, len(at), n, none, len(at) - n))
        for i in items:
            if i.key in parents or i.key in covered:
                continue
            if side == TARGET:
                gaps[side].append(Gap(side, i, NO_LINK))
            elif i.key in no_match:
                said = decided.get(i.key, {})
                gaps[side].append(Gap(side, i, NO_MATCH, said.get("reviewed_by"), said.get("rationale")))
            else:
                gaps[side].append(Gap(side, i, UNDECIDED))
    return CoverageReport(x, source, target, tuple(levels), tuple(gaps[SOURCE]), tuple(gaps[TARGET]))


def _with_ancestors(items: list[ItemRef], keys: set[int]) -> set[int]:
    """``keys`` and every ancestor of theirs among ``items``."""
    parent = {i.key: i.parent for i in items}
    out: set[int] = set()
    for key in keys:
        at: int | None = key
        while at is not None and at not in out and at in parent:
            out.add(at)
            at = parent[at]
    return out
