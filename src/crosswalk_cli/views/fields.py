"""Each record described once: its Fields give its JSON item, its CSV row, its table columns and the
JSON Schema of the item, so the four cannot disagree.

A Field's ``get`` reads the JSON value from the record; the CSV and table cell is ``text`` (with the
command's Context: the page's words and its tag filter) or, by default, that value as text. A field
without ``get`` is a cell only (not in JSON); one with ``key`` is named differently in CSV and tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from ..formats.shape import Column, Section

if TYPE_CHECKING:
    from .words import Words

T = TypeVar("T")
Schema = dict[str, Any]

STR: Schema = {"type": "string"}
INT: Schema = {"type": "integer"}
BOOL: Schema = {"type": "boolean"}
MAYBE_STR: Schema = {"type": ["string", "null"]}
MAYBE_NUMBER: Schema = {"type": ["number", "null"]}
STRS: Schema = {"type": "array", "items": STR}
INTS: Schema = {"type": "array", "items": INT}
INT_MAP: Schema = {"type": "object", "additionalProperties": INT}  # counts by a code from the data
PAIRS: Schema = {"type": "object", "additionalProperties": STR}  # names to texts (details, provenance)


def one_of(*values: str | None) -> Schema:
    return {"enum": list(values)}


def counts(*keys: str) -> Schema:
    """An object of the given numbers, all present."""
    return {"type": "object", "properties": {k: INT for k in keys}, "required": list(keys)}


def head(header: str, **look: Any) -> Column:
    """How a field is drawn as a table column (the key is the field's)."""
    return Column("", header, **look)


class Context(NamedTuple):
    """What a cell's text may depend on besides its record."""

    words: Words | None = None  # what the page calls things
    tags: tuple[str, ...] = ()  # the command's tag filter
    subject: str = ""  # the code of the item the page is about, for rows that name it (CSVs to stack)


class Nested(NamedTuple):
    """A field whose value is another described record, or a list of them."""

    entity: Entity[Any]
    many: bool = False
    nullable: bool = False


def one(entity: Entity[Any], nullable: bool = False) -> Nested:
    return Nested(entity, nullable=nullable)


def many(entity: Entity[Any]) -> Nested:
    return Nested(entity, many=True)


class Field(NamedTuple, Generic[T]):
    name: str
    schema: Schema | Nested | None = None  # None: a cell only, not in JSON
    get: Callable[[T], Any] | None = None
    text: Callable[[T, Context], str] | None = None  # the CSV (and table) cell; default: the value
    table: Callable[[T, Context], str] | None = None  # the table cell, where it differs from CSV's
    column: Column | None = None
    key: str = ""  # the CSV and table key, where it is not the JSON name
    doc: str = ""
    spread: bool = False  # a mapping whose keys join the record's own in JSON (an item's details)

    @property
    def cell_key(self) -> str:
        return self.key or self.name

    def value(self, record: T) -> Any:
        assert self.get is not None
        raw = self.get(record)
        if not isinstance(self.schema, Nested):
            return raw
        entity = self.schema.entity
        if self.schema.many:
            return [entity.item(x) for x in raw]
        return None if raw is None else entity.item(raw)

    def cell(self, record: T, ctx: Context, table: bool) -> str:
        if table and self.table is not None:
            return self.table(record, ctx)
        if self.text is not None:
            return self.text(record, ctx)
        return as_text(self.get(record)) if self.get is not None else ""


def as_text(value: Any) -> str:
    """A JSON value as a cell: null empty, true ``yes``, a list its items spaced."""
    if value is None or value is False:
        return ""
    if value is True:
        return "yes"
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return str(value)


class Entity(NamedTuple, Generic[T]):
    """A record's fields, in JSON order; ``csv`` and ``table`` name its CSV and table columns in theirs."""

    name: str
    doc: str
    fields: tuple[Field[T], ...]
    csv: tuple[str, ...] = ()
    table: tuple[str, ...] = ()

    def item(self, record: T) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            if f.get is None:
                continue
            if f.spread:
                out.update({k: v for k, v in f.value(record).items() if k not in out})
            else:
                out[f.name] = f.value(record)
        return out

    def row(self, record: T, ctx: Context, table: bool = False) -> dict[str, str]:
        return {
            f.cell_key: f.cell(record, ctx, table)
            for f in self.fields
            if f.text is not None or not isinstance(f.schema, Nested)  # a nested record is a cell if told how
        }

    def field(self, key: str) -> Field[T]:
        return next(f for f in self.fields if f.cell_key == key)

    def columns(
        self, keys: Iterable[str] | None = None, headers: Mapping[str, str] | None = None
    ) -> tuple[Column, ...]:
        """The table's columns; ``headers`` renames some (a page names them in the data's words)."""
        out = []
        for key in self.table if keys is None else keys:
            look = self.field(key).column
            column = look._replace(key=key) if look is not None else Column(key, key)
            out.append(column._replace(header=headers[key]) if headers and key in headers else column)
        return tuple(out)

    def csv_columns(self) -> tuple[Column, ...]:
        return tuple(Column(k, k) for k in self.csv)

    def section(
        self,
        title: str,
        records: Iterable[T],
        ctx: Context,
        empty: str = "None.",
        keys: Iterable[str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Section:
        rows = tuple(self.row(r, ctx, table=True) for r in records)
        return Section(title, self.columns(keys, headers), rows, empty)

    def csv_section(self, name: str, records: Iterable[T], ctx: Context) -> Section:
        return Section(name, self.csv_columns(), tuple(self.row(r, ctx) for r in records))

    def schema(self, defs: dict[str, Schema]) -> Schema:
        """The item's JSON Schema; nested records go into ``defs`` and are referred to."""
        props: dict[str, Schema] = {}
        spread: Schema | None = None
        for f in self.fields:
            if f.get is None:
                continue
            if f.spread:
                assert isinstance(f.schema, dict)
                spread = f.schema.get("additionalProperties")
                continue
            s = f.schema
            if isinstance(s, Nested):
                ref: Schema = {"$ref": f"#/$defs/{s.entity.name}"}
                if s.entity.name not in defs:
                    defs[s.entity.name] = {}  # claimed first: a record may (one day) contain itself
                    defs[s.entity.name] = s.entity.schema(defs)
                prop = {"type": "array", "items": ref} if s.many else ref
                if s.nullable:
                    prop = {"anyOf": [prop, {"type": "null"}]}
            else:
                assert s is not None, f"{self.name}.{f.name}: a JSON field needs a schema"
                prop = dict(s)
            if f.doc:
                prop = {"description": f.doc, **prop}
            props[f.name] = prop
        shape: Schema = {
            "description": self.doc,
            "type": "object",
            "properties": props,
            "required": list(props),
        }
        if spread is not None:
            shape["additionalProperties"] = spread
        return shape
