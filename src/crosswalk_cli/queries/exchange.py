"""A whole framework or crosswalk read from the store, as the exports (CSV, Markdown, CASE) write it:
every field its data file gives, in the file's order, so that an export can carry all of it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any, NamedTuple

from . import fetch
from .errata import notes
from .records import CrosswalkInfo, FrameworkInfo, ItemRef, SourceNote, Tag


class ItemData(NamedTuple):
    """An item with what the store keeps of it beyond its ItemRef."""

    ref: ItemRef
    parent: str | None  # the parent's code
    recovered_by: str | None
    case_identifier: str | None
    case_uri: str | None


class FrameworkData(NamedTuple):
    info: FrameworkInfo
    levels: tuple[
        Mapping[str, Any], ...
    ]  # as stored: name, long (its name if not given), plural, text, grouping
    tags: tuple[Tag, ...]
    notes: tuple[tuple[str | None, str], ...]  # (title, text)
    source_notes: tuple[SourceNote, ...]
    items: tuple[ItemData, ...]  # in printed order

    @property
    def by_key(self) -> dict[int, ItemRef]:
        return {i.ref.key: i.ref for i in self.items}

    @property
    def by_code(self) -> dict[str, ItemData]:
        return {i.ref.code: i for i in self.items}


class ErratumData(NamedTuple):
    kind: str
    note: str
    printed: str | None
    resolved: str | None


class EntryData(NamedTuple):
    seq: int
    source: str  # the source item's code
    links: tuple[tuple[str, str], ...]  # (target code, relation), strongest first
    printed_label: str | None
    note: str | None
    errata: tuple[ErratumData, ...]
    provenance: tuple[tuple[str, str], ...]
    no_match: bool = False  # a person decided no target fits (no links)


class CrosswalkData(NamedTuple):
    info: CrosswalkInfo
    relations: tuple[Mapping[str, str], ...]  # as stored: name, heading ('' where not given)
    entries: tuple[EntryData, ...]
    source_notes: tuple[SourceNote, ...]
    source: FrameworkData
    target: FrameworkData


def framework_data(db: sqlite3.Connection, fid: str) -> FrameworkData:
    info = fetch.framework(db, fid)
    (levels,) = db.execute("SELECT levels FROM framework WHERE id = ?", (fid,)).fetchone()
    refs = fetch.where(db, "i.framework = ?", (fid,))
    extra = {
        key: (recovered, ident, uri)
        for key, recovered, ident, uri in db.execute(
            "SELECT key, recovered_by, case_identifier, case_uri FROM item WHERE framework = ?", (fid,)
        )
    }
    codes = {r.key: r.code for r in refs}
    items = tuple(ItemData(r, codes[r.parent] if r.parent is not None else None, *extra[r.key]) for r in refs)
    framework_notes = tuple(
        db.execute("SELECT title, text FROM framework_note WHERE framework = ? ORDER BY position", (fid,))
    )
    return FrameworkData(
        info, tuple(json.loads(levels)), tuple(fetch.tags(db, fid)), framework_notes, notes(db, fid), items
    )


def crosswalk_data(db: sqlite3.Connection, info: CrosswalkInfo) -> CrosswalkData:
    (relations,) = db.execute("SELECT relations FROM crosswalk WHERE id = ?", (info.id,)).fetchone()
    links: dict[int, list[tuple[str, str]]] = {}
    for seq, code, relation in db.execute(
        "SELECT l.seq, t.code, l.relation FROM link l JOIN item t ON t.key = l.target"
        " WHERE l.crosswalk = ? ORDER BY l.seq, l.position",
        (info.id,),
    ):
        links.setdefault(seq, []).append((code, relation))
    errata: dict[int, list[ErratumData]] = {}
    for seq, *fields in db.execute(
        "SELECT seq, kind, note, printed, resolved FROM erratum WHERE crosswalk = ? ORDER BY seq, position",
        (info.id,),
    ):
        errata.setdefault(seq, []).append(ErratumData(*fields))
    entries = tuple(
        EntryData(
            seq,
            code,
            tuple(links.get(seq, ())),
            printed,
            note,
            tuple(errata.get(seq, ())),
            tuple(json.loads(provenance).items()),
            bool(no_match),
        )
        for seq, code, printed, note, provenance, no_match in db.execute(
            "SELECT e.seq, s.code, e.printed_label, e.note, e.provenance, e.no_match FROM entry e"
            " JOIN item s ON s.key = e.source WHERE e.crosswalk = ? ORDER BY e.seq",
            (info.id,),
        )
    )
    return CrosswalkData(
        info,
        tuple(json.loads(relations)),
        entries,
        notes(db, info.id),
        framework_data(db, info.source),
        framework_data(db, info.target),
    )


def ancestors(ref: ItemRef, by_key: Mapping[int, ItemRef]) -> tuple[ItemRef, ...]:
    """The item's ancestors, top first, from the items of its framework already read."""
    chain = []
    parent = ref.parent
    while parent is not None:
        chain.append(by_key[parent])
        parent = by_key[parent].parent
    return tuple(reversed(chain))
