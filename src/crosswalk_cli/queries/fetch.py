"""Reading records from the store: items (a few at a time, by key), frameworks, crosswalks, links.

Every function reads only the rows it is asked for, through an index, so a lookup costs the same at
any size of data.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from ..text.phrases import plural

__all__ = ["plural"]
from .records import CrosswalkInfo, FrameworkInfo, ItemRef, Level, Part, Relation, Tag

_TAGS = (
    "(SELECT json_group_array(json_array(tag, recovered)) FROM"
    " (SELECT tag, recovered FROM item_tag WHERE item = i.key ORDER BY position))"
)
_ITEM = (
    "i.key, i.framework, i.code, i.label, i.level, i.depth, i.parent, i.title, i.text, i.parts, i.details,"
    f" i.tags_incomplete, {_TAGS}"
)


def _ref(row: Sequence[Any]) -> ItemRef:
    """An item from its row (the columns of _ITEM, which the schema types)."""
    key, fw, code, label, level, depth, parent, title, text, parts, details, incomplete, tags = row
    tag_rows = json.loads(tags) if tags else []
    return ItemRef(
        key,
        fw,
        code,
        label,
        level,
        depth,
        parent,
        title,
        text,
        tuple(Part(p["label"], p["title"], p["text"]) for p in json.loads(parts)),
        tuple(t for t, _ in tag_rows),
        tuple(t for t, r in tag_rows if r),
        bool(incomplete),
        tuple((str(k), str(v)) for k, v in json.loads(details)),
    )


def items(db: sqlite3.Connection, keys: Iterable[int]) -> dict[int, ItemRef]:
    """The items with these keys, by key."""
    wanted = list(dict.fromkeys(keys))
    out: dict[int, ItemRef] = {}
    for start in range(0, len(wanted), 500):  # SQLite's limit on bound values is far above this
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"SELECT {_ITEM} FROM item i WHERE i.key IN ({marks})", chunk):
            ref = _ref(row)
            out[ref.key] = ref
    return out


def item(db: sqlite3.Connection, key: int) -> ItemRef:
    return items(db, [key])[key]


def where(db: sqlite3.Connection, condition: str, args: Sequence[object] = ()) -> list[ItemRef]:
    """Items matching an SQL condition on ``i`` (the item table), in printed order."""
    rows = db.execute(f"SELECT {_ITEM} FROM item i WHERE {condition} ORDER BY i.position", args)
    return [_ref(r) for r in rows]


def children(db: sqlite3.Connection, key: int) -> list[ItemRef]:
    return where(db, "i.parent = ?", (key,))


def ancestors(
    db: sqlite3.Connection, ref: ItemRef, known: dict[int, ItemRef] | None = None
) -> tuple[ItemRef, ...]:
    """The item's ancestors, top first (``known`` saves reading those already read)."""
    chain: list[ItemRef] = []
    known = {} if known is None else known
    parent = ref.parent
    while parent is not None:
        if parent not in known:
            known[parent] = item(db, parent)
        chain.append(known[parent])
        parent = known[parent].parent
    return tuple(reversed(chain))


def framework(db: sqlite3.Connection, fid: str) -> FrameworkInfo:
    row = db.execute(
        "SELECT id, title, publisher, status, version, date, license, license_url, origin, levels, header,"
        " phrases FROM framework WHERE id = ?",
        (fid,),
    ).fetchone()
    fid, title, publisher, status, version, date, license_, url, origin, levels, header, phrases = row
    return FrameworkInfo(
        fid,
        title,
        publisher,
        status,
        version,
        date,
        license_,
        url,
        origin,
        tuple(_level(lv) for lv in json.loads(levels)),
        tuple(json.loads(header).items()),
        tuple(json.loads(phrases).items()),
    )


def _level(lv: dict[str, object]) -> Level:
    name, long = str(lv["name"]), str(lv["long"] or lv["name"])
    return Level(
        name, long, str(lv["plural"] or plural(long)), str(lv["text"] or name), bool(lv.get("grouping"))
    )


def frameworks(db: sqlite3.Connection) -> list[str]:
    return [r[0] for r in db.execute("SELECT id FROM framework ORDER BY position")]


def tags(db: sqlite3.Connection, fid: str) -> list[Tag]:
    rows = db.execute(
        "SELECT code, name, description, source FROM tag WHERE framework = ? ORDER BY position", (fid,)
    )
    return [Tag(*r) for r in rows]


def crosswalk(db: sqlite3.Connection, cid: str) -> CrosswalkInfo:
    row = db.execute(
        "SELECT id, title, publisher, source_framework, target_framework, relations, status, date, license,"
        " license_url, origin, header, phrases, reviewed, declarations FROM crosswalk WHERE id = ?",
        (cid,),
    ).fetchone()
    cid, title, publisher, source, target, relations, status, date, license_, url, origin, *rest = row
    header, phrases, reviewed, declarations = (json.loads(x) for x in rest)
    rels = tuple(Relation(r["name"], r["heading"] or r["name"].capitalize()) for r in json.loads(relations))
    return CrosswalkInfo(
        cid,
        title,
        publisher,
        source,
        target,
        rels,
        status,
        date,
        license_,
        url,
        origin,
        tuple(header.items()),
        tuple(phrases.items()),
        tuple(reviewed),
        tuple(declarations.items()),
    )


def crosswalks(db: sqlite3.Connection) -> list[str]:
    return [r[0] for r in db.execute("SELECT id FROM crosswalk ORDER BY position")]
