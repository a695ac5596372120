"""``crosswalk frameworks``: every framework and crosswalk in the data, where it came from, with its items
and links counted."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import NamedTuple

from ..datadir import PACKAGED
from . import fetch
from .records import DRAFTED_BY, CrosswalkInfo, FrameworkInfo, ItemRef, is_drafted

__all__ = ["DRAFTED_BY", "is_drafted"]


class FrameworkSummary(NamedTuple):
    """A framework's header (as every page reads it) and how many items it has at each level."""

    info: FrameworkInfo
    counts: tuple[tuple[str, int], ...]  # items per level, top first

    @property
    def items(self) -> int:
        return sum(n for _, n in self.counts)


class CrosswalkSummary(NamedTuple):
    """A crosswalk's header and how many links it has of each relation."""

    info: CrosswalkInfo
    counts: tuple[tuple[str, int], ...]  # links per relation, strongest first
    drafted: int  # links whose provenance says they were drafted (suggested), not printed by a source

    @property
    def links(self) -> int:
        return sum(n for _, n in self.counts)


class Catalog(NamedTuple):
    frameworks: tuple[FrameworkSummary, ...]
    crosswalks: tuple[CrosswalkSummary, ...]


def summary(db: sqlite3.Connection, fid: str) -> FrameworkSummary:
    info = fetch.framework(db, fid)
    counts = db.execute(
        "SELECT depth, count(*) FROM item WHERE framework = ? GROUP BY depth ORDER BY depth", (fid,)
    ).fetchall()
    return FrameworkSummary(info, tuple((info.level(d).name, n) for d, n in counts))


def _crosswalk_summary(db: sqlite3.Connection, cid: str) -> CrosswalkSummary:
    info = fetch.crosswalk(db, cid)
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
    return CrosswalkSummary(info, tuple((r.name, per.get(r.name, 0)) for r in info.relations), drafted)


def catalog(db: sqlite3.Connection, yours: Path | None = None) -> Catalog:
    """Every framework and crosswalk; one read from your files names it in ``yours`` (the directory as
    this run spells it), or by its file's name alone."""
    frameworks = (summary(db, fid) for fid in fetch.frameworks(db))
    crosswalks = (_crosswalk_summary(db, cid) for cid in fetch.crosswalks(db))
    return Catalog(
        tuple(s._replace(info=s.info._replace(origin=placed(s.info.origin, yours))) for s in frameworks),
        tuple(s._replace(info=s.info._replace(origin=placed(s.info.origin, yours))) for s in crosswalks),
    )


def placed(origin: str, yours: Path | None) -> str:
    """'packaged', or your file's path in the directory as this run names it (the store keeps its name)."""
    return origin if yours is None or origin == PACKAGED else str(yours / origin)


class ItemsList(NamedTuple):
    framework: FrameworkSummary
    items: tuple[ItemRef, ...]


def items(db: sqlite3.Connection, framework: str) -> ItemsList:
    from .fetch import where

    return ItemsList(summary(db, framework), tuple(where(db, "i.framework = ?", (framework,))))
