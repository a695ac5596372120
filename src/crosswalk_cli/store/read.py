"""The store seen as the model: a Crosswalk whose mappings read only the rows a lookup asks for.

Each mapping runs one indexed query per key it is asked for and keeps what it decoded, so a lookup
costs the same at any size of data; listing a whole mapping reads it in one query.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, overload

from .. import model
from ..codec import Decoder
from ..model import Alignment, Crosswalk, Framework, SourceNote

V = TypeVar("V")


def _item_records() -> tuple[type, ...]:
    from ..model_items import ITEM_RECORDS

    return ITEM_RECORDS


DECODER = Decoder(model.RECORDS, _item_records)


def _damaged(db: sqlite3.Connection) -> Exception:
    """The one error for a store that fails while it is read, after its record vouched for it (bytes
    changed in place since, without a trace in their status): its record is removed, so the next run
    rebuilds it."""
    from ..errors import DataError

    record = getattr(db, "record", None)  # set by cache.open_store
    if record is not None:
        with contextlib.suppress(OSError):
            os.unlink(record)
    where = f"{record.with_suffix('.sqlite')}: " if record is not None else ""
    return DataError([f"{where}the compiled store cannot be read (damaged); the next run rebuilds it"])


def _rows(db: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> list[Any]:
    try:
        return db.execute(sql, args).fetchall()
    except sqlite3.DatabaseError:  # also text that is not UTF-8: OperationalError
        raise _damaged(db) from None


def _decode(db: sqlite3.Connection, text: Any) -> Any:
    try:
        return DECODER.decode(text)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):  # not the JSON we wrote
        raise _damaged(db) from None


class _Rows(Mapping[str, V], Generic[V]):
    """Records by code: ``one`` takes (*args, code) and yields the record; ``all`` yields (code, record)."""

    def __init__(
        self, db: sqlite3.Connection, one: str, all_: str, args: tuple[Any, ...], alias: str | None = None
    ) -> None:
        self._db, self._one, self._all, self._args, self._alias = db, one, all_, args, alias
        self._cache: dict[str, V] = {}
        self._complete = False

    def codes_for(self, key: str) -> list[str]:
        """The codes a normalized short id names here, from the store's alias index (one indexed read)."""
        if self._alias is None:
            return []
        return [r[0] for r in _rows(self._db, self._alias, (key, *self._args))]

    def __getitem__(self, code: str) -> V:
        if code in self._cache:
            return self._cache[code]
        if self._complete:
            raise KeyError(code)
        rows = _rows(self._db, self._one, (*self._args, code))
        if not rows:
            raise KeyError(code)
        value: V = _decode(self._db, rows[0][0])
        self._cache[code] = value
        return value

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        try:
            self[code]
        except KeyError:
            return False
        return True

    def _load_all(self) -> dict[str, V]:
        if not self._complete:
            fresh = {code: self._cache.get(code) or _decode(self._db, rec) for code, rec in
                     _rows(self._db, self._all, self._args)}  # fmt: skip
            self._cache = fresh
            self._complete = True
        return self._cache

    def __iter__(self) -> Iterator[str]:
        return iter(self._load_all())

    def __len__(self) -> int:
        return len(self._load_all())


class _Groups(Mapping[str, tuple[Alignment, ...]]):
    """Entries grouped by an item code, one query per code; iterating lists every code that has one."""

    def __init__(self, db: sqlite3.Connection, one: str, codes: str, args: tuple[Any, ...]) -> None:
        self._db, self._one, self._codes, self._args = db, one, codes, args
        self._cache: dict[str, tuple[Alignment, ...]] = {}

    def __getitem__(self, code: str) -> tuple[Alignment, ...]:
        if code not in self._cache:
            rows = _rows(self._db, self._one, (*self._args, code))
            self._cache[code] = tuple(_decode(self._db, r[0]) for r in rows)
        found = self._cache[code]
        if not found:
            raise KeyError(code)
        return found

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and bool(self.get(code, ()))

    def __iter__(self) -> Iterator[str]:
        return iter([r[0] for r in _rows(self._db, self._codes, self._args)])

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Lazy(Sequence[V], Generic[V]):
    """A whole table in order, read at first use."""

    def __init__(self, db: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> None:
        self._db, self._sql, self._args = db, sql, args
        self._rows: tuple[V, ...] | None = None

    def _all(self) -> tuple[V, ...]:
        if self._rows is None:
            self._rows = tuple(_decode(self._db, r[0]) for r in _rows(self._db, self._sql, self._args))
        return self._rows

    @overload
    def __getitem__(self, i: int) -> V: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[V]: ...
    def __getitem__(self, i: int | slice) -> V | Sequence[V]:
        return self._all()[i]

    def __len__(self) -> int:
        return len(self._all())


_ITEM_ONE = "SELECT record FROM item WHERE framework = ? AND depth = ? AND code = ?"
_ITEM_ALL = "SELECT code, record FROM item WHERE framework = ? AND depth = ? ORDER BY position"
_ITEM_ALIAS = (
    "SELECT i.code FROM alias a JOIN item i ON i.key = a.item"
    " WHERE a.key = ? AND i.framework = ? AND i.depth = ?"
)
_BY_RELATION = (
    "SELECT e.record FROM entry e WHERE e.crosswalk = ?1 AND e.seq IN ("
    " SELECT l.seq FROM link l JOIN item t ON t.key = l.target"
    " WHERE l.crosswalk = ?1 AND l.relation = ?2 AND t.framework = ?3 AND t.code = ?4) ORDER BY e.seq"
)
_CODES_BY_RELATION = (
    "SELECT t.code FROM link l JOIN item t ON t.key = l.target WHERE l.crosswalk = ?1 AND l.relation = ?2"
    " AND t.framework = ?3 GROUP BY t.code ORDER BY min(l.seq)"
)
_BY_SOURCE = (
    "SELECT e.record FROM entry e JOIN item s ON s.key = e.source"
    " WHERE e.crosswalk = ?1 AND s.framework = ?2 AND s.code = ?3 ORDER BY e.seq"
)
_CODES_BY_SOURCE = (
    "SELECT s.code FROM entry e JOIN item s ON s.key = e.source WHERE e.crosswalk = ?1 AND s.framework = ?2"
    " GROUP BY s.code ORDER BY min(e.seq)"
)


_MAPLE = "SELECT id, source_framework, target_framework, relations, record FROM crosswalk WHERE position = 0"


def crosswalk(db: sqlite3.Connection) -> Crosswalk:
    """The MAPLE-shaped crosswalk (from alignments.yaml) with its two frameworks, read lazily."""
    found = _rows(db, _MAPLE, ())
    if not found:
        from ..errors import DataError

        raise DataError([
            "this data has no standards.yaml, competencies.yaml and alignments.yaml, which this command "
            "reads; 'crosswalk frameworks', 'item' and 'items' show any framework"
        ])  # fmt: skip
    cid, source_fw, target_fw, relations_json, record = found[0]
    both = _rows(db, "SELECT id, record FROM framework WHERE id IN (?, ?)", (source_fw, target_fw))
    frameworks: dict[str, Framework] = {fid: _decode(db, rec) for fid, rec in both}
    if len(frameworks) != len({source_fw, target_fw}):
        raise _damaged(db)
    first, second = [*_decode(db, relations_json), "", ""][:2]
    tags: _Rows[model.Theme] = _Rows(
        db,
        "SELECT record FROM tag WHERE framework = ? AND code = ?",
        "SELECT code, record FROM tag WHERE framework = ? ORDER BY position",
        (source_fw,),
    )
    return Crosswalk(
        standards_framework=frameworks[target_fw],
        competencies_framework=frameworks[source_fw],
        standards=_Rows(db, _ITEM_ONE, _ITEM_ALL, (target_fw, 0), _ITEM_ALIAS),
        standard_indicators=_Rows(db, _ITEM_ONE, _ITEM_ALL, (target_fw, 1), _ITEM_ALIAS),
        themes=tags,
        domains=_Rows(db, _ITEM_ONE, _ITEM_ALL, (source_fw, 0)),
        competencies=_Rows(db, _ITEM_ONE, _ITEM_ALL, (source_fw, 1), _ITEM_ALIAS),
        indicators=_Rows(db, _ITEM_ONE, _ITEM_ALL, (source_fw, 2), _ITEM_ALIAS),
        alignments=_Lazy(db, "SELECT record FROM entry WHERE crosswalk = ? ORDER BY seq", (cid,)),
        source_notes=_Lazy[SourceNote](
            db, "SELECT record FROM source_note WHERE crosswalk = ? ORDER BY position", (cid,)
        ),
        by_competency=_Groups(db, _BY_SOURCE, _CODES_BY_SOURCE, (cid, source_fw)),
        by_primary=_Groups(db, _BY_RELATION, _CODES_BY_RELATION, (cid, first, target_fw)),
        by_additional=_Groups(db, _BY_RELATION, _CODES_BY_RELATION, (cid, second, target_fw)),
        crosswalk_source=_decode(db, record),
    )
