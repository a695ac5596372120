"""Suggester inputs from the store, for any two frameworks: the target framework's leaf items are the
targets; every item that some crosswalk links to them (or that they link to, read the other way) is a
source whose links vote; the item asked about is compared with all of them.

Ids are qualified (``MA:1e``), so items of several frameworks can stand side by side.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from .items import KnownLink, Source, Target


class Inputs(NamedTuple):
    sources: list[Source]
    targets: list[Target]
    links: list[KnownLink]
    strongest: str  # the strongest relation of the crosswalks read ('' when there were none)
    crosswalks: tuple[str, ...]  # the crosswalks whose links vote


class _Row(NamedTuple):
    key: int
    framework: str
    code: str
    title: str
    text: str
    parent: int | None
    record: dict[str, object]

    @property
    def qualified(self) -> str:
        return f"{self.framework}:{self.code}"


def _rows(db: sqlite3.Connection, where: str, args: Iterable[object]) -> dict[int, _Row]:
    sql = (
        f"SELECT key, framework, code, title, text, parent, record FROM item WHERE {where} ORDER BY position"
    )
    return {
        r[0]: _Row(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6])) for r in db.execute(sql, tuple(args))
    }


def _texts(value: object) -> tuple[str, ...]:
    """Sub-items (a list of text) or elements (a list of records with text) of a record."""
    if not isinstance(value, list):
        return ()
    return tuple(
        v if isinstance(v, str) else str(v.get("text", "")) for v in value if isinstance(v, str | dict)
    )


def _tags(db: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    """Every item's tags, in code order."""
    out: dict[int, tuple[str, ...]] = {}
    for key, tag in db.execute("SELECT item, tag FROM item_tag ORDER BY item, tag"):
        out[key] = (*out.get(key, ()), tag)
    return out


def source_of(row: _Row, rows: Mapping[int, _Row], tags: Mapping[int, tuple[str, ...]]) -> Source:
    """``row`` as a source; ``rows`` holds every item (its parent among them)."""
    parent = rows.get(row.parent) if row.parent is not None else None
    grand = parent.parent if parent is not None else None
    return Source(
        id=row.qualified,
        text=row.text,
        context=_texts(row.record.get("subitems")),
        parent_text=(parent.title or parent.text) if parent is not None else "",
        group=parent.qualified if parent is not None else "",
        area=str(grand) if grand is not None else "",
        tags=tags.get(row.key, ()),
    )


def inputs(
    db: sqlite3.Connection, target_framework: str, extra: Iterable[int] = (), only: str | None = None
) -> Inputs:
    """Everything the suggester needs to rank ``target_framework``'s leaf items; ``extra`` item keys
    become sources too (the items to suggest for); ``only`` keeps one crosswalk's links."""
    everything = _rows(db, "1", ())
    children: dict[int, list[int]] = {}
    for r in everything.values():
        if r.parent is not None:
            children.setdefault(r.parent, []).append(r.key)
    leaves = [r for r in everything.values() if r.framework == target_framework and r.key not in children]
    targets = []
    for r in leaves:
        parent = everything.get(r.parent) if r.parent is not None else None
        targets.append(Target(
            id=r.qualified, text=r.text, name=r.title,
            parent_text=parent.text if parent is not None else "", elements=_texts(r.record.get("elements")),
        ))  # fmt: skip
    leaf_keys = {r.key for r in leaves}

    def members(key: int) -> list[int]:  # a link to a whole group counts for each of its leaves
        if key in leaf_keys:
            return [key]
        return [m for c in children.get(key, []) for m in members(c)]

    chosen: dict[tuple[int, int], KnownLink] = {}
    strongest, crosswalks = "", []
    orders: dict[str, list[str]] = {}  # each crosswalk's relations, strongest first, read once
    query = (
        "SELECT c.id, c.relations, l.relation, l.source, l.target, t.framework, s.framework FROM link l"
        " JOIN crosswalk c ON c.id = l.crosswalk JOIN item t ON t.key = l.target"
        " JOIN item s ON s.key = l.source"
        " WHERE t.framework = ?1 OR s.framework = ?1 ORDER BY c.position, l.seq, l.position"
    )
    for cid, relations, relation, source, target, tfw, sfw in db.execute(query, (target_framework,)):
        if tfw != target_framework:  # read the other way: the item of the target framework is the source
            source, target = target, source
        if sfw == tfw or (only is not None and cid != only):
            continue
        order = orders.get(relations)
        if order is None:
            order = orders[relations] = json.loads(relations)
        strongest = strongest or (order[0] if order else relation)
        if cid not in crosswalks:
            crosswalks.append(cid)
        share = members(target)
        for m in share:
            known = chosen.get((source, m))
            rel = strongest if relation == (order[0] if order else relation) else relation
            if known is None or (known.relation != strongest and rel == strongest):
                chosen[(source, m)] = KnownLink(everything[source].qualified, everything[m].qualified, rel,
                                                1.0 / len(share), cid)  # fmt: skip
    source_keys = list(dict.fromkeys([*(s for s, _ in chosen), *extra]))
    tags = _tags(db)
    sources = [source_of(everything[k], everything, tags) for k in source_keys]
    return Inputs(sources, targets, list(chosen.values()), strongest or "primary", tuple(crosswalks))
