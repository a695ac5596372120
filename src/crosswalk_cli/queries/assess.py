"""What the self-assessment reads from the store: its crosswalk, the source framework's items its
statements name (with their top items), the ids people type for them, and where each one's links reach
in the target framework."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from . import fetch
from .records import CrosswalkInfo, FrameworkInfo, ItemRef


class Outline(NamedTuple):
    """What a survey is checked against: the level names of its crosswalk's source framework (top first)
    and its items by code, each with its depth and its top item's code, in printed order."""

    levels: tuple[str, ...]
    items: dict[str, tuple[int, str]]


class Framing(NamedTuple):
    """A survey's crosswalk and frameworks, as the report shows them."""

    crosswalk: CrosswalkInfo
    source: FrameworkInfo
    target: FrameworkInfo
    items: dict[str, ItemRef]  # the source framework's items by code
    leaves: tuple[ItemRef, ...]  # the target framework's leaves, in printed order


def outline_of(items: Iterable[tuple[str, int, str | None]]) -> dict[str, tuple[int, str]]:
    """(code, depth, parent code), parents before children -> code: (depth, top item's code)."""
    out: dict[str, tuple[int, str]] = {}
    for code, depth, parent in items:
        out[code] = (depth, code if parent is None else out[parent][1])
    return out


def framing(db: sqlite3.Connection, crosswalk: str) -> Framing | None:
    """The crosswalk and its frameworks, or None if the data has no such crosswalk."""
    if crosswalk not in fetch.crosswalks(db):
        return None
    info = fetch.crosswalk(db, crosswalk)
    source = {r.code: r for r in fetch.where(db, "i.framework = ?", (info.source,))}
    leaves = fetch.where(
        db, "i.framework = ? AND NOT EXISTS (SELECT 1 FROM item c WHERE c.parent = i.key)", (info.target,)
    )
    return Framing(
        info, fetch.framework(db, info.source), fetch.framework(db, info.target), source, tuple(leaves)
    )


def outline(f: Framing) -> Outline:
    """The outline of the crosswalk's source framework."""
    codes = {r.key: r.code for r in f.items.values()}
    items = outline_of(
        (r.code, r.depth, None if r.parent is None else codes[r.parent]) for r in f.items.values()
    )
    return Outline(tuple(lv.name for lv in f.source.levels), items)


def item_named(db: sqlite3.Connection, framework: str, depth: int, given: str) -> str | None:
    """The code of the one item of ``framework`` at ``depth`` that ``given`` names by any of its ids
    (its code, label, numbered form, qualified id; not its title), or None."""
    from ..text.ids import normalize

    rows = db.execute(
        "SELECT DISTINCT i.code FROM alias a JOIN item i ON i.key = a.item"
        " WHERE a.key = ? AND a.kind = 'id' AND i.framework = ? AND i.depth = ?",
        (normalize(given), framework, depth),
    ).fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def reach(db: sqlite3.Connection, f: Framing, codes: Sequence[str]) -> dict[str, dict[str, str]]:
    """For each source item named: the target leaves that it or any item below it is linked to, each
    under its strongest relation, in the target's printed order. A link to a target item above the leaves
    counts for each leaf below it."""
    wanted = set(codes)
    owner: dict[int, str] = {}  # a source item's key -> the named item it is (or is below)
    for ref in f.items.values():  # in printed order, parents before children
        parent = owner.get(ref.parent) if ref.parent is not None else None
        if ref.code in wanted or parent is not None:
            owner[ref.key] = ref.code if ref.code in wanted else str(parent)
    below = _leaves_below(db, f)
    found: dict[str, dict[int, int]] = {code: {} for code in codes}  # leaf key -> relation rank
    rows = db.execute("SELECT source, target, relation FROM link WHERE crosswalk = ?", (f.crosswalk.id,))
    for source, target, relation in rows:
        code = owner.get(int(source))
        if code is None:
            continue
        rank = f.crosswalk.rank(str(relation))
        if rank >= len(f.crosswalk.relations):
            continue  # a relation the crosswalk does not name
        for leaf in below.get(int(target), ()):
            if rank < found[code].get(leaf, rank + 1):
                found[code][leaf] = rank
    names = f.crosswalk.relation_names
    return {
        code: {leaf.code: names[ranks[leaf.key]] for leaf in f.leaves if leaf.key in ranks}
        for code, ranks in found.items()
    }


def _leaves_below(db: sqlite3.Connection, f: Framing) -> dict[int, tuple[int, ...]]:
    """Each target item's key -> the keys of the leaves at or below it."""
    parents = dict(db.execute("SELECT key, parent FROM item WHERE framework = ?", (f.crosswalk.target,)))
    below: dict[int, list[int]] = {}
    for leaf in f.leaves:
        key: int | None = leaf.key
        while key is not None:
            below.setdefault(key, []).append(leaf.key)
            key = parents[key]
    return {k: tuple(v) for k, v in below.items()}
