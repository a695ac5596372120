"""Suggester inputs from the store, for any two frameworks: the target framework's leaf items are the
targets; every item that some crosswalk links to them (or that they link to, read the other way) is a
source whose links vote; the item asked about is compared with all of them.

Ids are qualified (``FRAMEWORK:CODE``), so items of several frameworks can stand side by side. An item
says what its text, its parts (sub-items, elements), its title and its parent say; nothing here knows
which frameworks it reads.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from ..queries import fetch
from ..queries.records import CrosswalkInfo, ItemRef
from .items import KnownLink, Source, Target


class Inputs(NamedTuple):
    sources: list[Source]
    targets: list[Target]
    links: list[KnownLink]
    strongest: str  # the strongest relation of the crosswalks read ('' when there were none)
    crosswalks: tuple[str, ...]  # the crosswalks whose links vote
    keys: dict[str, int]  # each target's store key, by its id


class Row(NamedTuple):
    """What the suggester reads of an item: its words, its place, its tags."""

    key: int
    framework: str
    code: str
    parent: int | None
    title: str
    text: str
    parts: tuple[str, ...]  # the texts of its parts (sub-items, elements)
    tags: tuple[str, ...] = ()

    @property
    def qualified(self) -> str:
        return f"{self.framework}:{self.code}"


def _rows(db: sqlite3.Connection) -> dict[int, Row]:
    """Every item, in printed order, with its tags in code order."""
    tags: dict[int, list[str]] = {}
    for key, tag in db.execute("SELECT item, tag FROM item_tag ORDER BY item, tag"):
        tags.setdefault(key, []).append(tag)
    rows = db.execute("SELECT key, framework, code, parent, title, text, parts FROM item ORDER BY position")
    return {
        key: Row(key, fw, code, parent, title, text, tuple(p["text"] for p in json.loads(parts)),
                 tuple(tags.get(key, ())))
        for key, fw, code, parent, title, text, parts in rows
    }  # fmt: skip


class Printed(NamedTuple):
    """A link a source prints between an item and an item of another framework (never a drafted one)."""

    crosswalk: str
    relation: str
    item: ItemRef  # the other end


def source_of(ref: Row, items: Mapping[int, Row]) -> Source:
    """``ref`` as a source; ``items`` holds every item (its parent and grandparent among them)."""
    parent = items[ref.parent] if ref.parent is not None else None
    grand = items[parent.parent] if parent is not None and parent.parent is not None else None
    return Source(
        id=ref.qualified,
        text=ref.text,
        context=ref.parts,
        parent_text=(parent.title or parent.text) if parent is not None else "",
        group=parent.qualified if parent is not None else "",
        area=grand.qualified if grand is not None else "",
        tags=ref.tags,
    )


def target_of(ref: Row, parent: Row | None) -> Target:
    """``ref`` as a target. An item without a title of its own under a parent that is only a title (a
    heading with no text) is named by that heading: the store before the one model gave such an item
    its parent's title as its own, the suggester's weights were fitted with it, and its figures stay."""
    heading = parent is not None and not parent.text
    name = ref.title or (parent.title if parent is not None and heading else "")
    return Target(
        id=ref.qualified,
        text=ref.text,
        name=name,
        parent_text=parent.text if parent is not None else "",
        elements=ref.parts,
    )


def inputs(
    db: sqlite3.Connection, target_framework: str, extra: Iterable[int] = (), only: str | None = None
) -> Inputs:
    """Everything the suggester needs to rank ``target_framework``'s leaf items; ``extra`` item keys
    become sources too (the items to suggest for); ``only`` keeps one crosswalk's links."""
    everything = _rows(db)
    children: dict[int, list[int]] = {}
    for r in everything.values():
        if r.parent is not None:
            children.setdefault(r.parent, []).append(r.key)
    leaves = [r for r in everything.values() if r.framework == target_framework and r.key not in children]
    targets = [target_of(r, everything.get(r.parent) if r.parent is not None else None) for r in leaves]
    leaf_keys = {r.key for r in leaves}

    def members(key: int) -> list[int]:  # a link to a whole group counts for each of its leaves
        if key in leaf_keys:
            return [key]
        return [m for c in children.get(key, []) for m in members(c)]

    chosen: dict[tuple[int, int], KnownLink] = {}
    strongest, crosswalks = "", []
    infos: dict[str, CrosswalkInfo] = {}  # each crosswalk's relations, strongest first, read once
    query = (
        "SELECT l.crosswalk, l.relation, l.source, l.target, t.framework, s.framework FROM link l"
        " JOIN crosswalk c ON c.id = l.crosswalk JOIN item t ON t.key = l.target"
        " JOIN item s ON s.key = l.source"
        " WHERE t.framework = ?1 OR s.framework = ?1 ORDER BY c.position, l.seq, l.position"
    )
    for cid, relation, source, target, tfw, sfw in db.execute(query, (target_framework,)).fetchall():
        if tfw != target_framework:  # read the other way: the item of the target framework is the source
            source, target = target, source
        if sfw == tfw or (only is not None and cid != only):
            continue
        info = infos.get(cid)
        if info is None:
            info = infos[cid] = fetch.crosswalk(db, cid)
        first = info.relation_names[0] if info.relations else relation
        strongest = strongest or first
        if cid not in crosswalks:
            crosswalks.append(cid)
        share = members(target)
        for m in share:
            known = chosen.get((source, m))
            rel = strongest if relation == first else relation
            if known is None or (known.relation != strongest and rel == strongest):
                chosen[(source, m)] = KnownLink(everything[source].qualified, everything[m].qualified, rel,
                                                1.0 / len(share), cid)  # fmt: skip
    source_keys = list(dict.fromkeys([*(s for s, _ in chosen), *extra]))
    sources = [source_of(everything[k], everything) for k in source_keys]
    keys = {r.qualified: r.key for r in leaves}
    return Inputs(sources, targets, list(chosen.values()), strongest, tuple(crosswalks), keys)


def printed(db: sqlite3.Connection, key: int, framework: str) -> tuple[Printed, ...]:
    """The links a source prints between item ``key`` and the items of ``framework``, either way round,
    in the order the crosswalks list them (its links as a source first). A drafted link is not one."""
    from ..queries.catalog import is_drafted

    found: list[tuple[str, str, int]] = []
    for near, far in (("source", "target"), ("target", "source")):
        found += [
            (cid, relation, other)
            for cid, relation, other, provenance in db.execute(
                f"SELECT l.crosswalk, l.relation, l.{far}, e.provenance FROM link l"
                " JOIN entry e ON e.crosswalk = l.crosswalk AND e.seq = l.seq"
                f" JOIN item i ON i.key = l.{far} JOIN crosswalk c ON c.id = l.crosswalk"
                f" WHERE l.{near} = ? AND i.framework = ? ORDER BY c.position, l.seq, l.position",
                (key, framework),
            )
            if not is_drafted(json.loads(provenance))
        ]
    refs = fetch.items(db, [other for _, _, other in found])
    return tuple(Printed(cid, relation, refs[other]) for cid, relation, other in found)
