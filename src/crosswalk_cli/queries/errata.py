"""``crosswalk errata``: where a crosswalk as printed differs from what the data uses, and the other
printing notes of its source; or a framework's own printing notes."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from . import fetch
from .records import CrosswalkInfo, Erratum, FrameworkInfo, SourceNote


class ErrataList(NamedTuple):
    errata: tuple[Erratum, ...]
    source_notes: tuple[SourceNote, ...]
    framework: str | None = None  # the framework whose own printing notes these are, if not a crosswalk's
    crosswalk: CrosswalkInfo | None = None
    source: FrameworkInfo | None = None  # the crosswalk's source framework


def errata(db: sqlite3.Connection, x: CrosswalkInfo) -> ErrataList:
    rows = db.execute(
        "SELECT e.crosswalk, e.seq, i.code, n.printed_label, e.kind, e.note, e.printed, e.resolved"
        " FROM erratum e JOIN entry n ON n.crosswalk = e.crosswalk AND n.seq = e.seq"
        " JOIN item i ON i.key = n.source WHERE e.crosswalk = ? ORDER BY e.seq, e.position",
        (x.id,),
    )
    errors = tuple(Erratum(*r) for r in rows)
    return ErrataList(errors, notes(db, x.id), None, x, fetch.framework(db, x.source))


def notes(db: sqlite3.Connection, owner: str) -> tuple[SourceNote, ...]:
    rows = db.execute("SELECT kind, place, note FROM source_note WHERE owner = ? ORDER BY position", (owner,))
    return tuple(SourceNote(*r) for r in rows)


def framework_notes(db: sqlite3.Connection, framework: str) -> ErrataList:
    """A framework's own printing notes (its ``source_notes``), as ``crosswalk errata`` shows notes."""
    return ErrataList((), notes(db, framework), framework)
