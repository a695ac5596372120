"""Questions about any framework and crosswalk in the store: which there are, one item, a framework's items.

Pure queries over the store's generic tables (framework, item, alias, tag, crosswalk, entry, link), so
they answer the same for the MAPLE frameworks, a district's own framework, or an imported CASE package.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from .errors import CrosswalkError, ExitStatus
from .ids import normalize

if TYPE_CHECKING:
    from .queries.errata import ErrataList

DRAFTED_BY = "crosswalk suggest"  # how a drafted link's provenance begins its method


def is_drafted(provenance: dict[str, str]) -> bool:
    """A link crosswalk suggested (reviewed or not), as opposed to one a source publishes or a CASE
    package carries."""
    return provenance.get("method", "").startswith(DRAFTED_BY)


class UnknownItem(CrosswalkError):
    exit_code = ExitStatus.USAGE


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

    @property
    def links(self) -> int:
        return sum(n for _, n in self.counts)


class Catalog(NamedTuple):
    frameworks: tuple[FrameworkSummary, ...]
    crosswalks: tuple[CrosswalkSummary, ...]


class ItemRef(NamedTuple):
    framework: str
    code: str
    level: str
    depth: int
    title: str
    text: str

    @property
    def qualified(self) -> str:
        return f"{self.framework}:{self.code}"


class ItemLink(NamedTuple):
    crosswalk: str
    relation: str
    direction: str  # "to": this item is the link's source; "from": its target
    other: ItemRef
    entry: int
    provenance: tuple[tuple[str, str], ...]  # empty for a link a source prints

    @property
    def drafted(self) -> bool:
        return is_drafted(dict(self.provenance))


class ItemView(NamedTuple):
    item: ItemRef
    framework_title: str
    parent: ItemRef | None
    children: tuple[ItemRef, ...]
    tags: tuple[tuple[str, str], ...]  # (code, name)
    links: tuple[ItemLink, ...]
    crosswalks: tuple[str, ...]  # every crosswalk that joins this item's framework to another
    notes: tuple[tuple[str, str], ...] = ()  # (kind, note): the framework's source notes about this item


class ItemsList(NamedTuple):
    framework: FrameworkSummary
    items: tuple[ItemRef, ...]


_REF = "i.framework, i.code, i.level, i.depth, i.title, i.text"


def _ref(row: tuple[str, str, str, int, str, str]) -> ItemRef:
    return ItemRef(*row)


def _summary(
    db: sqlite3.Connection, row: tuple[str, str, str, str | None, str | None, str | None, str, str]
) -> FrameworkSummary:
    fid, title, publisher, status, version, date, license, levels_json = row
    levels = tuple(json.loads(levels_json))
    counts = db.execute(
        "SELECT depth, count(*) FROM item WHERE framework = ? GROUP BY depth ORDER BY depth", (fid,)
    ).fetchall()
    named = tuple((levels[d] if d < len(levels) else f"level {d + 1}", n) for d, n in counts)
    return FrameworkSummary(fid, title, publisher, status, version, date, license, levels, named)


_FRAMEWORK = "SELECT id, title, publisher, status, version, date, license, levels FROM framework"


def catalog(db: sqlite3.Connection) -> Catalog:
    frameworks = tuple(_summary(db, r) for r in db.execute(_FRAMEWORK + " ORDER BY position").fetchall())
    crosswalks = []
    for cid, title, publisher, source, target, relations_json in db.execute(
        "SELECT id, title, publisher, source_framework, target_framework, relations FROM crosswalk"
        " ORDER BY position"
    ).fetchall():
        relations = tuple(json.loads(relations_json))
        per = dict(
            db.execute("SELECT relation, count(*) FROM link WHERE crosswalk = ? GROUP BY relation", (cid,))
        )
        drafted = sum(
            is_drafted(json.loads(record).get("provenance") or {})
            for (record,) in db.execute("SELECT record FROM entry WHERE crosswalk = ?", (cid,))
        )
        counts = tuple((r, per.get(r, 0)) for r in relations)
        crosswalks.append(CrosswalkSummary(cid, title, publisher, source, target, relations, counts, drafted))
    return Catalog(frameworks, tuple(crosswalks))


def resolve_framework(db: sqlite3.Connection, given: str) -> str:
    ids: list[str] = [r[0] for r in db.execute("SELECT id FROM framework ORDER BY position")]
    for fid in ids:
        if fid.lower() == given.strip().lower():
            return fid
    raise UnknownItem(f"no framework '{given}'; the frameworks are {', '.join(ids)}")


def resolve_item(db: sqlite3.Connection, given: str) -> int:
    """The store key of the item ``given`` names: ``FRAMEWORK:CODE``, or a short id that only one
    item of all the frameworks answers to. An ambiguous short id lists its candidates."""
    if ":" in given:
        fid, _, code = given.partition(":")
        framework = resolve_framework(db, fid)
        rows = db.execute(
            "SELECT i.key FROM alias a JOIN item i ON i.key = a.item WHERE a.key = ? AND i.framework = ?",
            (normalize(code), framework),
        ).fetchall()
    else:
        rows = db.execute("SELECT DISTINCT item FROM alias WHERE key = ?", (normalize(given),)).fetchall()
    if len(rows) == 1:
        return int(rows[0][0])
    if rows:
        names = [f"{f}:{c}" for f, c in db.execute(
            f"SELECT framework, code FROM item WHERE key IN ({','.join('?' * len(rows))}) ORDER BY position",
            [r[0] for r in rows],
        )]  # fmt: skip
        raise UnknownItem(f"'{given}' names several items: {', '.join(names)}; give one as FRAMEWORK:CODE")
    raise UnknownItem(f"no item '{given}'; give FRAMEWORK:CODE (crosswalk frameworks lists the frameworks)")


def item(db: sqlite3.Connection, key: int) -> ItemView:
    row = db.execute(f"SELECT {_REF}, i.parent, f.title FROM item i JOIN framework f ON f.id = i.framework"
                     " WHERE i.key = ?", (key,)).fetchone()  # fmt: skip
    ref = _ref(row[:6])
    parent_key, framework_title = row[6], row[7]
    parent = None
    if parent_key is not None:
        parent = _ref(db.execute(f"SELECT {_REF} FROM item i WHERE i.key = ?", (parent_key,)).fetchone())
    children = tuple(
        map(_ref, db.execute(f"SELECT {_REF} FROM item i WHERE i.parent = ? ORDER BY i.position", (key,)))
    )
    tags = tuple(db.execute(
        "SELECT t.code, t.name FROM item_tag it JOIN tag t ON t.framework = it.framework AND t.code = it.tag"
        " WHERE it.item = ? ORDER BY t.position", (key,)
    ))  # fmt: skip
    links = []
    for direction, near, far in (("to", "source", "target"), ("from", "target", "source")):
        for r in db.execute(
            f"SELECT l.crosswalk, l.relation, l.seq, e.record, {_REF} FROM link l"
            f" JOIN entry e ON e.crosswalk = l.crosswalk AND e.seq = l.seq JOIN item i ON i.key = l.{far}"
            f" JOIN crosswalk c ON c.id = l.crosswalk WHERE l.{near} = ?"
            " ORDER BY c.position, l.seq, l.position",
            (key,),
        ):
            provenance = json.loads(r[3]).get("provenance") or {}
            links.append(
                ItemLink(r[0], r[1], direction, _ref(r[4:]), r[2], tuple(sorted(provenance.items())))
            )
    crosswalks = tuple(r[0] for r in db.execute(
        "SELECT id FROM crosswalk WHERE source_framework = ?1 OR target_framework = ?1 ORDER BY position",
        (ref.framework,),
    ))  # fmt: skip
    header = json.loads(
        db.execute("SELECT record FROM framework WHERE id = ?", (ref.framework,)).fetchone()[0]
    )
    notes = tuple(
        (n["kind"], n["note"]) for n in header.get("source_notes") or () if n.get("where") == ref.code
    )
    return ItemView(ref, framework_title, parent, children, tags, tuple(links), crosswalks, notes)


def items(db: sqlite3.Connection, framework: str) -> ItemsList:
    summary = _summary(db, db.execute(_FRAMEWORK + " WHERE id = ?", (framework,)).fetchone())
    rows = db.execute(f"SELECT {_REF} FROM item i WHERE i.framework = ? ORDER BY i.position", (framework,))
    return ItemsList(summary, tuple(map(_ref, rows)))


class ItemHit(NamedTuple):
    item: ItemRef
    match: str  # the matching passage, each matched word in [brackets]
    rank: float  # bm25: lower is better


class ItemSearch(NamedTuple):
    query: str
    frameworks: tuple[str, ...]
    hits: tuple[ItemHit, ...]


def search_items(db: sqlite3.Connection, words: tuple[str, ...], frameworks: tuple[str, ...]) -> ItemSearch:
    """Items of the given frameworks whose title or text holds every word (a word matches its prefixes:
    'assess' finds 'assessment'), best first by bm25, through the store's full-text index."""
    chosen = tuple(resolve_framework(db, f) for f in frameworks)
    terms = " AND ".join('"' + w.replace('"', '""') + '"*' for w in words)
    rows = db.execute(
        f"SELECT {_REF}, snippet(item_search, -1, '[', ']', '…', 24), bm25(item_search) FROM item_search"
        f" JOIN item i ON i.key = item_search.rowid WHERE item_search MATCH ?"
        f" AND i.framework IN ({','.join('?' * len(chosen))}) ORDER BY bm25(item_search), i.position",
        (terms, *chosen),
    ).fetchall()
    hits = tuple(ItemHit(_ref(r[:6]), r[6], round(r[7], 4)) for r in rows)
    return ItemSearch(" ".join(words), chosen, hits)


def framework_notes(db: sqlite3.Connection, framework: str) -> ErrataList:
    """A framework's own printing notes (its ``source_notes``), as ``crosswalk errata`` shows notes; the
    MAPLE frameworks keep theirs with their crosswalk, so theirs is empty here."""
    from .model import SourceNote
    from .queries.errata import ErrataList

    header = json.loads(db.execute("SELECT record FROM framework WHERE id = ?", (framework,)).fetchone()[0])
    notes = tuple(SourceNote(n["kind"], n["where"], n["note"]) for n in header.get("source_notes") or ())
    return ErrataList((), notes, framework)


class LinkMatrixRow(NamedTuple):
    item: ItemRef
    counts: tuple[int, ...]  # per column, in column order

    @property
    def total(self) -> int:
        return sum(self.counts)


class LinkMatrix(NamedTuple):
    crosswalk: str
    relation: str  # a relation of the crosswalk, or "all"
    columns: tuple[ItemRef, ...]  # the source framework's top items
    rows: tuple[LinkMatrixRow, ...]  # the target framework's items that have links, in printed order

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(r.counts[n] for r in self.rows) for n in range(len(self.columns)))


def link_matrix(db: sqlite3.Connection, crosswalk: str, relation: str = "all") -> LinkMatrix:
    """Any crosswalk as a matrix: for each item of the target framework, how many source items link to it,
    counted by the source framework's top items (a source item counts once per target item)."""
    row = db.execute(
        "SELECT id, source_framework, target_framework, relations FROM crosswalk WHERE lower(id) = lower(?)",
        (crosswalk,),
    ).fetchone()
    if row is None:
        names = ", ".join(r[0] for r in db.execute("SELECT id FROM crosswalk ORDER BY position"))
        raise UnknownItem(f"no crosswalk '{crosswalk}'; the crosswalks are {names or 'none'}")
    cid, source, target, relations = row
    if relation != "all" and relation not in json.loads(relations):
        raise UnknownItem(
            f"no relation '{relation}' in {cid}; its relations are {', '.join(json.loads(relations))}"
        )
    columns = tuple(map(_ref, db.execute(
        f"SELECT {_REF} FROM item i WHERE i.framework = ? AND i.depth = 0 ORDER BY i.position", (source,)
    )))  # fmt: skip
    top: dict[int, int] = {}  # source item key -> its column
    for n, (key,) in enumerate(db.execute(
        "SELECT key FROM item WHERE framework = ? AND depth = 0 ORDER BY position", (source,)
    )):  # fmt: skip
        top[key] = n
    parents = dict(db.execute("SELECT key, parent FROM item WHERE framework = ?", (source,)))

    def column(key: int) -> int:
        while key not in top:
            key = parents[key]
        return top[key]

    pairs = db.execute(
        "SELECT DISTINCT l.target, l.source FROM link l"
        " WHERE l.crosswalk = ? AND (? = 'all' OR l.relation = ?)",
        (cid, relation, relation),
    ).fetchall()
    counts: dict[int, list[int]] = {}
    for target_key, source_key in pairs:
        counts.setdefault(target_key, [0] * len(columns))[column(source_key)] += 1
    rows = []
    for r in db.execute(
        f"SELECT i.key, {_REF} FROM item i WHERE i.framework = ? ORDER BY i.position", (target,)
    ):  # fmt: skip
        if r[0] in counts:
            rows.append(LinkMatrixRow(_ref(r[1:]), tuple(counts[r[0]])))
    return LinkMatrix(cid, relation, columns, tuple(rows))
