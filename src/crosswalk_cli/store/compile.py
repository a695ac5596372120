"""Checked model -> SQLite rows. Nothing here reads a source file or knows a framework's words."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..datadir import PACKAGED
from ..model import Crosswalk, DataSet, Framework, Item
from ..text.ids import normalize
from . import schema


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def compile_into(db: sqlite3.Connection, data: DataSet, meta: Mapping[str, str]) -> None:
    """Create the tables and fill them from ``data`` in one transaction."""
    db.executescript(schema.DDL)
    db.executescript(schema.VIEWS)
    with db:
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        keys: dict[tuple[str, str], int] = {}
        for n, f in enumerate(data.frameworks):
            _framework(db, f, n, _file(data.origins.get(f.id, "")), keys)
        for n, x in enumerate(data.crosswalks):
            _crosswalk(db, x, n, _file(data.origins.get(x.id, "")), keys)


def _header(f: Framework | Crosswalk) -> dict[str, str]:
    h = f.header
    return {"id": h.id, "title": h.title, "publisher": h.publisher, "license": h.license,
            "license_url": h.license_url, **h.extra}  # fmt: skip


def _aliases(f: Framework, item: Item, top: Item | None) -> Iterator[tuple[str, str]]:
    """The short forms people type for an item: its code, label, numbered form (the top item's label in
    place of its code: ``I.3.a``) and qualified id; its title as a name."""
    yield item.code, "id"
    yield f"{f.id}:{item.code}", "id"
    if item.label:
        yield item.label, "id"
    if top is not None and top.label and item.code.startswith(top.code):
        yield top.label + item.code.removeprefix(top.code), "id"
    if item.title:
        yield item.title, "name"


def _framework(
    db: sqlite3.Connection, f: Framework, position: int, origin: str, keys: dict[tuple[str, str], int]
) -> None:
    levels = [
        {"name": lv.name, "long": lv.long_name, "plural": lv.plural, "text": lv.text, "grouping": lv.grouping}
        for lv in f.levels
    ]
    extra = f.header.extra
    db.execute(
        "INSERT INTO framework VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            f.id,
            position,
            origin,
            f.header.title,
            f.header.publisher,
            extra.get("status"),
            extra.get("version"),
            extra.get("date"),
            f.header.license,
            f.header.license_url,
            _json(levels),
            _json(_header(f)),
            _json(dict(f.phrases)),
        ),
    )
    db.executemany(
        "INSERT INTO tag VALUES (?,?,?,?,?,?)",
        [(f.id, t.code, n, t.name, t.description, t.source) for n, t in enumerate(f.tags)],
    )
    start = db.execute("SELECT coalesce(max(position), -1) + 1 FROM item").fetchone()[0]
    tops: dict[str, Item] = {}
    by_code = {i.code: i for i in f.items}
    for n, item in enumerate(f.items, start):
        top = item if item.parent is None else tops[item.parent]
        tops[item.code] = top
        parent = keys[(f.id, item.parent)] if item.parent is not None else None
        level = f.levels[item.depth].name if item.depth < len(f.levels) else f"level {item.depth + 1}"
        parts = [{"label": p.label, "title": p.title, "text": p.text} for p in item.parts]
        cur = db.execute(
            "INSERT INTO item (framework, code, label, level, depth, parent, position, title, text, parts,"
            " details, tags_incomplete, recovered_by, case_identifier, case_uri)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                f.id,
                item.code,
                item.label,
                level,
                item.depth,
                parent,
                n,
                item.title,
                item.text,
                _json(parts),
                _json([list(d) for d in item.details]),
                int(item.tags_incomplete),
                item.recovered_by,
                item.case_identifier,
                item.case_uri,
            ),
        )
        key = cur.lastrowid
        assert key is not None
        keys[(f.id, item.code)] = key
        aliases: dict[str, str] = {}
        for alias, kind in _aliases(f, item, top if top is not item else None):
            if normalize(alias) and aliases.get(normalize(alias)) != "id":
                aliases[normalize(alias)] = kind
        db.executemany("INSERT INTO alias VALUES (?, ?, ?)", [(a, key, k) for a, k in aliases.items()])
        body = "\n".join([item.text, *(f"{p.title + ': ' if p.title else ''}{p.text}" for p in item.parts)])
        db.execute("INSERT INTO item_search (rowid, title, text) VALUES (?,?,?)", (key, item.title, body))
        db.executemany(
            "INSERT INTO item_tag VALUES (?,?,?,?,?)",
            [(key, f.id, t, n, int(t in item.tags_recovered)) for n, t in enumerate(item.tags)],
        )
    assert len(by_code) == len(f.items)
    db.executemany(
        "INSERT INTO framework_note VALUES (?,?,?,?)",
        [(f.id, n, x.title, x.text) for n, x in enumerate(f.notes)],
    )
    db.executemany(
        "INSERT INTO source_note VALUES (?,?,?,?,?)",
        [(f.id, n, s.kind, s.where, s.note) for n, s in enumerate(f.source_notes)],
    )


def _crosswalk(
    db: sqlite3.Connection, x: Crosswalk, position: int, origin: str, keys: dict[tuple[str, str], int]
) -> None:
    relations = [{"name": r.name, "heading": r.heading} for r in x.relations]
    extra = x.header.extra
    db.execute(
        "INSERT INTO crosswalk VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            x.id,
            position,
            origin,
            x.source,
            x.target,
            x.header.title,
            x.header.publisher,
            extra.get("status"),
            extra.get("date"),
            x.header.license,
            x.header.license_url,
            _json(relations),
            _json({**_header(x), **({"reviewers": list(x.reviewers)} if x.reviewers else {})}),
            _json(dict(x.phrases)),
            _json(list(x.reviewed)),
            _json(_declarations(x)),
        ),
    )
    order = {r.name: n for n, r in enumerate(x.relations)}
    for e in x.entries:
        source = keys[(x.source, e.source)]
        db.execute(
            "INSERT INTO entry VALUES (?,?,?,?,?,?,?)",
            (x.id, e.seq, source, e.printed_label, e.note, _json(dict(e.provenance)), int(e.no_match)),
        )
        ranked = sorted(e.links, key=lambda k: order.get(k.relation, len(order)))
        db.executemany(
            "INSERT INTO link (crosswalk, seq, position, source, target, relation) VALUES (?,?,?,?,?,?)",
            [(x.id, e.seq, n, source, keys[(x.target, k.target)], k.relation) for n, k in enumerate(ranked)],
        )
        db.executemany(
            "INSERT INTO erratum VALUES (?,?,?,?,?,?,?)",
            [(x.id, e.seq, n, r.kind, r.printed, r.resolved, r.note) for n, r in enumerate(e.errata)],
        )
    db.executemany(
        "INSERT INTO source_note VALUES (?,?,?,?,?)",
        [(x.id, n, s.kind, s.where, s.note) for n, s in enumerate(x.source_notes)],
    )


def _declarations(x: Crosswalk) -> dict[str, object]:
    """What a crosswalk file declares of itself, as the file writes it."""
    out: dict[str, object] = {}
    if x.errata_kinds is not None:
        out["errata_kinds"] = {kind: list(needs) for kind, needs in x.errata_kinds}
    if x.coverage is not None:
        out["coverage"] = x.coverage.as_file()
    return out


def _file(origin: str) -> str:
    """'packaged', or the name of your file: the store serves a directory however it is spelt (relative, from
    another folder), so the folder is the run's to add (queries.catalog.placed), never an earlier run's."""
    return origin if origin in (PACKAGED, "") else Path(origin).name
