"""``crosswalk export sqlite``: the checked data as an analyst's SQLite file (schema.py), built from the
model, not copied from the lookup store.

The same data gives the same bytes wherever it is exported from: nothing in the file names a path, a
time or the machine, every row goes in in the data's own order, and the file is built in memory in one
pass (no free pages, no journal).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING

from . import schema

if TYPE_CHECKING:
    from ...datadir import Sources
    from ...model import Crosswalk, DataSet, Entry, Framework, Header


def analyst_bytes(src: Sources) -> bytes:
    """The database file of the data ``src`` names (checked as ``validate`` checks it)."""
    from ...loader import load_all

    return database_of(load_all(src))


def database_of(data: DataSet) -> bytes:
    db = sqlite3.connect(":memory:")
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.executescript(schema.DDL + schema.VIEWS)
        db.execute(f"PRAGMA user_version = {schema.VERSION}")
        with db:
            keys: dict[tuple[str, str], int] = {}
            for n, f in enumerate(data.frameworks):
                _framework(db, f, n, _origin(data.origins.get(f.id, "")), keys)
            for n, x in enumerate(data.crosswalks):
                _crosswalk(db, x, n, _origin(data.origins.get(x.id, "")), keys)
            db.execute("INSERT INTO item_search (item_search) VALUES ('rebuild')")
        return db.serialize()
    finally:
        db.close()


def _origin(shown: str) -> str:
    """'packaged', or the file's name alone: never a path, which differs from folder to folder."""
    from pathlib import PurePath

    from ...datadir import PACKAGED

    return shown if shown == PACKAGED else PurePath(shown).name


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _header(h: Header) -> str:
    return _json(
        {
            "id": h.id,
            "title": h.title,
            "publisher": h.publisher,
            "license": h.license,
            "license_url": h.license_url,
            **h.extra,
        }
    )


def _insert(db: sqlite3.Connection, table: str, row: Mapping[str, object]) -> int:
    names = ", ".join(row)
    cur = db.execute(
        f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def _framework(
    db: sqlite3.Connection, f: Framework, position: int, origin: str, keys: dict[tuple[str, str], int]
) -> None:
    h, extra = f.header, f.header.extra
    _insert(
        db,
        "framework",
        {
            "id": f.id,
            "position": position,
            "title": h.title,
            "publisher": h.publisher,
            "status": extra.get("status"),
            "version": extra.get("version"),
            "date": extra.get("date"),
            "license": h.license,
            "license_url": h.license_url,
            "origin": origin,
            "header": _header(h),
        },
    )
    for depth, lv in enumerate(f.levels):
        _insert(
            db,
            "level",
            {
                "framework": f.id,
                "depth": depth,
                "name": lv.name,
                "long_name": lv.long_name,
                "plural": lv.plural,
                "text": lv.text,
                "grouping": int(lv.grouping),
            },
        )
    tags: dict[str, int] = {}
    for n, tag in enumerate(f.tags):
        row = {
            "framework": f.id,
            "code": tag.code,
            "position": n,
            "name": tag.name,
            "description": tag.description,
            "source": tag.source,
        }
        tags[tag.code] = _insert(db, "tag", row)
    for n, item in enumerate(f.items):
        level = f.levels[item.depth].name if item.depth < len(f.levels) else f"level {item.depth + 1}"
        parts = [
            f"{p.label + '. ' if p.label else ''}{p.title + ': ' if p.title else ''}{p.text}"
            for p in item.parts
        ]
        key = _insert(
            db,
            "item",
            {
                "name": f"{f.id}:{item.code}",
                "framework": f.id,
                "code": item.code,
                "label": item.label,
                "level": level,
                "depth": item.depth,
                "parent": keys[(f.id, item.parent)] if item.parent is not None else None,
                "position": n,
                "title": item.title,
                "text": item.text,
                "parts": "\n".join(parts),
                "tags": " ".join(item.tags),
                "tags_incomplete": int(item.tags_incomplete),
                "recovered_by": item.recovered_by,
                "case_identifier": item.case_identifier,
                "case_uri": item.case_uri,
            },
        )
        keys[(f.id, item.code)] = key
        for m, p in enumerate(item.parts):
            _insert(
                db, "part", {"item": key, "position": m, "label": p.label, "title": p.title, "text": p.text}
            )
        for m, (name, text) in enumerate(item.details):
            _insert(db, "detail", {"item": key, "position": m, "name": name, "text": text})
        for m, t in enumerate(item.tags):
            row = {"item": key, "tag": tags[t], "position": m, "recovered": int(t in item.tags_recovered)}
            _insert(db, "item_tag", row)
    for n, note in enumerate(f.notes):
        _insert(
            db, "framework_note", {"framework": f.id, "position": n, "title": note.title, "text": note.text}
        )
    for n, s in enumerate(f.source_notes):
        row = {"framework": f.id, "position": n, "kind": s.kind, "place": s.where, "note": s.note}
        _insert(db, "source_note", row)


def _crosswalk(
    db: sqlite3.Connection, x: Crosswalk, position: int, origin: str, keys: dict[tuple[str, str], int]
) -> None:
    h, extra = x.header, x.header.extra
    _insert(
        db,
        "crosswalk",
        {
            "id": x.id,
            "position": position,
            "title": h.title,
            "source_framework": x.source,
            "target_framework": x.target,
            "publisher": h.publisher,
            "status": extra.get("status"),
            "date": extra.get("date"),
            "approved_by": extra.get("approved_by"),
            "license": h.license,
            "license_url": h.license_url,
            "origin": origin,
            "header": _header(h),
        },
    )
    for n, r in enumerate(x.relations):
        _insert(db, "relation", {"crosswalk": x.id, "position": n, "name": r.name, "heading": r.heading})
    order = {r.name: n for n, r in enumerate(x.relations)}
    reviewed = set(x.reviewed)
    for e in x.entries:
        source = keys[(x.source, e.source)]
        decision = _insert(db, "decision", _decision(x.id, e, source, e.source in reviewed))
        for name, value in e.provenance.items():
            _insert(db, "provenance", {"decision": decision, "name": name, "value": value})
        ranked = sorted(e.links, key=lambda k: order.get(k.relation, len(order)))
        for n, k in enumerate(ranked):
            target = keys[(x.target, k.target)]
            _insert(
                db,
                "link",
                {
                    "crosswalk": x.id,
                    "decision": decision,
                    "position": n,
                    "source": source,
                    "target": target,
                    "relation": k.relation,
                },
            )
        for n, err in enumerate(e.errata):
            _insert(
                db,
                "erratum",
                {
                    "crosswalk": x.id,
                    "decision": decision,
                    "source": source,
                    "position": n,
                    "kind": err.kind,
                    "printed": err.printed,
                    "resolved": err.resolved,
                    "note": err.note,
                },
            )
    for n, s in enumerate(x.source_notes):
        row = {"crosswalk": x.id, "position": n, "kind": s.kind, "place": s.where, "note": s.note}
        _insert(db, "source_note", row)


def _decision(crosswalk: str, e: Entry, source: int, reviewed: bool) -> dict[str, object]:
    """An entry's row: what it decided, and its provenance's known keys as columns."""
    from ...queries.records import is_drafted

    p = dict(e.provenance)
    return {
        "crosswalk": crosswalk,
        "seq": e.seq,
        "source": source,
        "links": len(e.links),
        "no_match": int(e.no_match),
        "reviewed": int(reviewed),
        "drafted": int(is_drafted(p)),
        "method": p.get("method"),
        "score": _number(p.get("score")),
        "reviewed_by": p.get("reviewed_by"),
        "reviewed_at": p.get("reviewed_at", p.get("reviewed_on")),
        "rationale": p.get("rationale"),
        "printed_label": e.printed_label,
        "note": e.note,
    }


def _number(text: str | None) -> float | None:
    """A score as a number to sort on (the provenance table keeps it as written)."""
    try:
        return None if text is None else float(text)
    except ValueError:
        return None
