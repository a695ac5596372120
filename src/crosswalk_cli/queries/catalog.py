"""``crosswalk frameworks``: every framework and crosswalk in the data, where it came from, with its items
and links counted."""

from __future__ import annotations

import json
import sqlite3
from typing import NamedTuple

from .records import DRAFTED_BY, ItemRef, is_drafted

__all__ = ["DRAFTED_BY", "is_drafted"]


class FrameworkSummary(NamedTuple):
    id: str
    title: str
    publisher: str
    status: str | None
    version: str | None
    date: str | None
    license: str
    levels: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]  # items per level, top first
    origin: str  # 'packaged', or the file it was read from

    @property
    def items(self) -> int:
        return sum(n for _, n in self.counts)


class CrosswalkSummary(NamedTuple):
    id: str
    title: str
    publisher: str
    source: str  # framework id of the link sources
    target: str
    relations: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]  # links per relation
    drafted: int  # links whose provenance says they were drafted (suggested), not printed by a source
    origin: str

    @property
    def links(self) -> int:
        return sum(n for _, n in self.counts)


class Catalog(NamedTuple):
    frameworks: tuple[FrameworkSummary, ...]
    crosswalks: tuple[CrosswalkSummary, ...]


_FRAMEWORK = "SELECT id, title, publisher, status, version, date, license, levels, origin FROM framework"


def _summary(db: sqlite3.Connection, row: tuple[str, ...]) -> FrameworkSummary:
    fid, title, publisher, status, version, date, license_, levels_json, origin = row
    levels = tuple(lv["name"] for lv in json.loads(levels_json))
    counts = db.execute(
        "SELECT depth, count(*) FROM item WHERE framework = ? GROUP BY depth ORDER BY depth", (fid,)
    ).fetchall()
    named = tuple((levels[d] if d < len(levels) else f"level {d + 1}", n) for d, n in counts)
    return FrameworkSummary(fid, title, publisher, status, version, date, license_, levels, named, origin)


def summary(db: sqlite3.Connection, fid: str) -> FrameworkSummary:
    return _summary(db, db.execute(_FRAMEWORK + " WHERE id = ?", (fid,)).fetchone())


def catalog(db: sqlite3.Connection) -> Catalog:
    frameworks = tuple(_summary(db, r) for r in db.execute(_FRAMEWORK + " ORDER BY position").fetchall())
    crosswalks = []
    for cid, title, publisher, source, target, relations_json, origin in db.execute(
        "SELECT id, title, publisher, source_framework, target_framework, relations, origin FROM crosswalk"
        " ORDER BY position"
    ).fetchall():
        relations = tuple(r["name"] for r in json.loads(relations_json))
        per = dict(
            db.execute("SELECT relation, count(*) FROM link WHERE crosswalk = ? GROUP BY relation", (cid,))
        )
        drafted = sum(
            is_drafted(json.loads(provenance))
            for (provenance,) in db.execute(
                "SELECT e.provenance FROM link l JOIN entry e ON e.crosswalk = l.crosswalk AND e.seq = l.seq"
                " WHERE l.crosswalk = ?",
                (cid,),
            )
        )
        counts = tuple((r, per.get(r, 0)) for r in relations)
        crosswalks.append(
            CrosswalkSummary(cid, title, publisher, source, target, relations, counts, drafted, origin)
        )
    return Catalog(frameworks, tuple(crosswalks))


class ItemsList(NamedTuple):
    framework: FrameworkSummary
    items: tuple[ItemRef, ...]


def items(db: sqlite3.Connection, framework: str) -> ItemsList:
    from .fetch import where

    return ItemsList(summary(db, framework), tuple(where(db, "i.framework = ?", (framework,))))
