"""Checked model -> SQLite rows. Nothing here reads a source file or knows a framework's words."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..codec import encode
from ..ids import normalize
from ..model import Crosswalk, Framework
from ..model_items import DataSet, ItemFramework, LinkCrosswalk
from . import schema


@dataclass(frozen=True)
class _Row:
    framework: str
    code: str
    level: str
    depth: int
    parent: str | None
    title: str
    text: str
    search: str
    record: object
    aliases: tuple[str, ...]


def _level(f: Framework, depth: int) -> str:
    return f.levels[depth] if depth < len(f.levels) else f"level {depth + 1}"


def _items(cw: Crosswalk) -> Iterator[_Row]:
    """Every item of both frameworks in document order, parents before children."""
    sf, cf = cw.standards_framework, cw.competencies_framework
    for s in cw.standards.values():
        yield _Row(sf.id, s.id, _level(sf, 0), 0, None, s.name, s.statement, s.statement, s,
                   (s.id, s.numeral))  # fmt: skip
        for iid in s.indicator_ids:
            i = cw.standard_indicators[iid]
            suffix = i.id.removeprefix(i.standard)
            body = "\n".join([i.text, *(f"{e.name + ': ' if e.name else ''}{e.text}" for e in i.elements)])
            yield _Row(sf.id, i.id, _level(sf, 1), 1, s.id, i.name, i.text, body, i,
                       (i.id, i.code, s.numeral + suffix))  # fmt: skip
    for d in cw.domains.values():
        yield _Row(cf.id, d.code, _level(cf, 0), 0, None, d.name, d.description, d.description, d,
                   (d.code,))  # fmt: skip
        for cid in d.competency_ids:
            c = cw.competencies[cid]
            numbered = d.number + "." + c.id.removeprefix(d.code) if c.id.startswith(d.code) else c.id
            yield _Row(cf.id, c.id, _level(cf, 1), 1, d.code, c.title, "", "", c, (c.id, numbered))
            for iid in c.indicator_ids:
                ind = cw.indicators[iid]
                numbered = d.number + "." + iid.removeprefix(d.code) if iid.startswith(d.code) else iid
                yield _Row(cf.id, iid, _level(cf, 2), 2, c.id, c.title, ind.text,
                           "\n".join([ind.text, *ind.subitems]), ind, (iid, numbered))  # fmt: skip


def compile_into(db: sqlite3.Connection, data: DataSet, meta: dict[str, str]) -> None:
    """Create the tables and fill them from ``data`` in one transaction."""
    db.executescript(schema.DDL)
    db.executescript(schema.VIEWS)
    with db:
        _fill(db, data, meta)


def _fill(db: sqlite3.Connection, data: DataSet, meta: dict[str, str]) -> None:
    cw = data.maple
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    frameworks = [
        f for f in (cw.standards_framework, cw.competencies_framework) if f.id
    ]  # none: generic only
    db.executemany(
        "INSERT INTO framework VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [_framework_row(f, n, f) for n, f in enumerate(frameworks)],
    )
    keys: dict[tuple[str, str], int] = {}
    for n, row in enumerate(_items(cw)):
        parent = keys[(row.framework, row.parent)] if row.parent is not None else None
        cur = db.execute(
            "INSERT INTO item (framework, code, level, depth, parent, position, title, text, record)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (
                row.framework,
                row.code,
                row.level,
                row.depth,
                parent,
                n,
                row.title,
                row.text,
                encode(row.record),
            ),
        )
        key = cur.lastrowid
        assert key is not None
        keys[(row.framework, row.code)] = key
        db.executemany(
            "INSERT OR IGNORE INTO alias VALUES (?, ?)",
            [(normalize(a), key) for a in (*row.aliases, f"{row.framework}:{row.code}") if normalize(a)],
        )
        db.execute(
            "INSERT INTO item_search (rowid, title, text) VALUES (?,?,?)", (key, row.title, row.search)
        )
    cf = cw.competencies_framework
    db.executemany(
        "INSERT INTO tag VALUES (?,?,?,?,?)",
        [(cf.id, t.code, n, t.name, encode(t)) for n, t in enumerate(cw.themes.values())],
    )
    db.executemany(
        "INSERT INTO item_tag VALUES (?,?,?,?)",
        [
            (keys[(cf.id, i.id)], cf.id, t, "crosswalk" if t in i.themes_from_crosswalk else "source")
            for i in cw.indicators.values()
            for t in i.themes
        ],
    )
    _crosswalk(db, cw, keys)
    for n, f in enumerate(data.frameworks, len(frameworks)):
        _item_framework(db, f, n, keys)
    for n, x in enumerate(data.crosswalks, 1):
        _link_crosswalk(db, x, n, keys)


def _framework_row(f: Framework, position: int, record: object) -> tuple[object, ...]:
    extra = (f.extra.get("status"), f.extra.get("version"), f.extra.get("date"))
    levels = json.dumps(list(f.levels))
    return (f.id, position, f.title, f.publisher, *extra, f.license, f.license_url, levels, encode(record))


def _item_framework(
    db: sqlite3.Connection, f: ItemFramework, position: int, keys: dict[tuple[str, str], int]
) -> None:
    """A generic framework: its header (with notes and tags, as one record), items, aliases, tags."""
    header = ItemFramework(f.info, (), f.notes, f.source_notes, f.tags)  # the items have rows of their own
    db.execute(
        "INSERT INTO framework VALUES (?,?,?,?,?,?,?,?,?,?,?)", _framework_row(f.info, position, header)
    )
    start = db.execute("SELECT coalesce(max(position), -1) + 1 FROM item").fetchone()[0]
    for n, item in enumerate(f.items, start):
        parent = keys[(f.info.id, item.parent)] if item.parent is not None else None
        level = f.info.levels[item.depth] if item.depth < len(f.info.levels) else f"level {item.depth + 1}"
        cur = db.execute(
            "INSERT INTO item (framework, code, level, depth, parent, position, title, text, record)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (f.info.id, item.code, level, item.depth, parent, n, item.title or "", item.text, encode(item)),
        )
        key = cur.lastrowid
        assert key is not None
        keys[(f.info.id, item.code)] = key
        aliases = {normalize(a) for a in (item.code, f"{f.info.id}:{item.code}")} - {""}
        db.executemany("INSERT OR IGNORE INTO alias VALUES (?, ?)", [(a, key) for a in sorted(aliases)])
        db.execute(
            "INSERT INTO item_search (rowid, title, text) VALUES (?,?,?)", (key, item.title or "", item.text)
        )
    db.executemany(
        "INSERT INTO tag VALUES (?,?,?,?,?)",
        [(f.info.id, t.code, n, t.name, encode(t)) for n, t in enumerate(f.tags)],
    )
    db.executemany(
        "INSERT INTO item_tag VALUES (?,?,?,?)",
        [(keys[(f.info.id, i.code)], f.info.id, t, "source") for i in f.items for t in i.tags],
    )


def _link_crosswalk(
    db: sqlite3.Connection, x: LinkCrosswalk, position: int, keys: dict[tuple[str, str], int]
) -> None:
    """A generic crosswalk: one entry per link, so each keeps its own record (note, provenance)."""
    source_fw, target_fw = x.info.extra.get("from", ""), x.info.extra.get("to", "")
    db.execute(
        "INSERT INTO crosswalk VALUES (?,?,?,?,?,?,?,?)",
        (x.info.id, position, source_fw, target_fw, x.info.title, x.info.publisher,
         json.dumps(list(x.info.relations)), encode(x.info)),
    )  # fmt: skip
    for link in x.links:
        source, target = keys[(source_fw, link.source)], keys[(target_fw, link.target)]
        db.execute("INSERT INTO entry VALUES (?,?,?,?)", (x.info.id, link.seq, source, encode(link)))
        db.execute(
            "INSERT INTO link (crosswalk, seq, position, source, target, relation) VALUES (?,?,?,?,?,?)",
            (x.info.id, link.seq, 0, source, target, link.relation),
        )


def _crosswalk(db: sqlite3.Connection, cw: Crosswalk, keys: dict[tuple[str, str], int]) -> None:
    src = cw.crosswalk_source
    if src is None:
        return
    sf, cf = cw.standards_framework, cw.competencies_framework
    first, second = (*src.relations, "", "")[:2]
    db.execute(
        "INSERT INTO crosswalk VALUES (?,?,?,?,?,?,?,?)",
        (src.id, 0, cf.id, sf.id, src.title, src.publisher, json.dumps(list(src.relations)), encode(src)),
    )
    for a in cw.alignments:
        source = keys[(cf.id, a.competency)]
        db.execute("INSERT INTO entry VALUES (?,?,?,?)", (src.id, a.seq, source, encode(a)))
        targets: Iterable[tuple[str, str]] = [(a.primary, first), *((t, second) for t in a.additional)]
        db.executemany(
            "INSERT INTO link (crosswalk, seq, position, source, target, relation) VALUES (?,?,?,?,?,?)",
            [(src.id, a.seq, n, source, keys[(sf.id, t)], rel) for n, (t, rel) in enumerate(targets)],
        )
        db.executemany(
            "INSERT INTO erratum VALUES (?,?,?,?,?,?,?)",
            [(src.id, a.seq, n, e.kind, e.printed, e.resolved, e.note) for n, e in enumerate(a.errata)],
        )
    db.executemany(
        "INSERT INTO source_note VALUES (?,?,?,?,?,?)",
        [(src.id, n, s.kind, s.where, s.note, encode(s)) for n, s in enumerate(cw.source_notes)],
    )
