"""The items linked to an item, in every crosswalk or one: each once per crosswalk, by its strongest
relation there, with the entries that link it; links to the item's ancestors count, marked ``via``.

Tag filters keep an item that lists one of the tags (LISTED), or whose tags may be incomplete (the
source lost some) so that it may carry one (POSSIBLE).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from . import fetch
from .records import FROM, LISTED, POSSIBLE, TO, CrosswalkInfo, ItemRef, Linked

__all__ = ["FROM", "LISTED", "POSSIBLE", "TO", "chain", "linked", "tag_match", "with_context"]


def tag_match(ref: ItemRef, tags: Sequence[str]) -> str | None:
    """None without a filter; LISTED if the item lists a filter tag; POSSIBLE if not but its tags may be
    incomplete; "" if it cannot carry any of them."""
    if not tags:
        return None
    if any(t in ref.tags for t in tags):
        return LISTED
    return POSSIBLE if ref.tags_incomplete else ""


def with_context(db: sqlite3.Connection, refs: Iterable[ItemRef], known: dict[int, ItemRef]) -> None:
    """Read the ancestors of ``refs`` into ``known``, a level at a time."""
    wanted = {r.parent for r in refs if r.parent is not None} - set(known)
    while wanted:
        found = fetch.items(db, wanted)
        known.update(found)
        wanted = {r.parent for r in found.values() if r.parent is not None} - set(known)


def chain(ref: ItemRef, known: dict[int, ItemRef]) -> tuple[ItemRef, ...]:
    out: list[ItemRef] = []
    parent = ref.parent
    while parent is not None:
        out.append(known[parent])
        parent = known[parent].parent
    return tuple(reversed(out))


def linked(
    db: sqlite3.Connection,
    ref: ItemRef,
    ancestors: tuple[ItemRef, ...],
    crosswalk: str | None = None,
    direction: str | None = None,
    tags: Sequence[str] = (),
) -> list[Linked]:
    """The items linked to ``ref`` (or to one of its ``ancestors``, marked via it), grouped."""
    here = {ref.key: None, **{a.key: a for a in ancestors}}
    marks = ",".join("?" * len(here))
    rows: list[tuple[Any, ...]] = []
    for near, far, way in (("source", "target", TO), ("target", "source", FROM)):
        if direction not in (None, way):
            continue
        sql = (
            f"SELECT l.crosswalk, l.relation, l.seq, l.{near}, l.{far}, e.printed_label, e.provenance,"
            f" '{way}' FROM link l JOIN entry e ON e.crosswalk = l.crosswalk AND e.seq = l.seq"
            f" JOIN crosswalk c ON c.id = l.crosswalk WHERE l.{near} IN ({marks})"
            + (" AND l.crosswalk = ?" if crosswalk else "")
            + " ORDER BY c.position, l.seq, l.position"
        )
        rows += db.execute(sql, [*here, *([crosswalk] if crosswalk else [])]).fetchall()
    known = fetch.items(db, {int(r[4]) for r in rows})
    with_context(db, known.values(), known)
    ranks = {cid: fetch.crosswalk(db, cid) for cid in fetch.crosswalks(db) if any(r[0] == cid for r in rows)}
    groups: dict[tuple[str, str, str, int, int | None], list[tuple[Any, ...]]] = {}
    for row in rows:
        cid, relation, _, at, other, _, _, way = row
        via = here[int(at)]
        groups.setdefault((cid, way, relation, int(other), via.key if via else None), []).append(row)
    found: list[Linked] = []
    for (cid, way, relation, other, via_key), members in groups.items():
        item = known[other]
        match = tag_match(item, tags) if way == FROM else None
        if match == "":
            continue
        labels = [m[5] for m in members if m[5]]
        found.append(
            Linked(
                cid,
                relation,
                way,
                item,
                chain(item, known),
                here[via_key] if via_key is not None else None,
                tuple(int(m[2]) for m in members),
                labels[0] if labels else None,
                tuple(sorted(json.loads(members[0][6]).items())),
                match,
            )
        )
    return _strongest(found, ranks)


def _strongest(found: list[Linked], ranks: Mapping[str, CrosswalkInfo]) -> list[Linked]:
    """Each linked item once per crosswalk and direction, under its strongest relation: crosswalk order,
    then relation (strongest first), direct links before links via an ancestor, then entry order."""

    def rank(k: Linked) -> int:
        return ranks[k.crosswalk].rank(k.relation)

    order = {cid: n for n, cid in enumerate(ranks)}
    found.sort(
        key=lambda k: (k.direction != TO, order[k.crosswalk], rank(k), k.via is not None, k.entries[0])
    )
    best: dict[tuple[str, str, int], int] = {}
    out = []
    for k in found:
        key = (k.crosswalk, k.direction, k.item.key)
        if best.get(key, rank(k)) < rank(k):
            continue  # already linked by a stronger relation
        best[key] = rank(k)
        out.append(k)
    return out
