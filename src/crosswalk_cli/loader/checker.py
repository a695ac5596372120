"""Checking the shapes read from YAML: one problem line per fault, naming the file, the line and the field."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import DataError
from ..text.safe import escape_controls, first_unsafe
from .yamlvalues import Other, YMap, YSeq


def _describe(value: Any) -> str:
    if isinstance(value, Other):
        return value.kind
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YSeq):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing"
    return "text"


class Partial(DataError):
    """A file's problems, with what could be read of it (so that checks across files still run)."""

    def __init__(self, problems: list[str], record: Any) -> None:
        super().__init__(problems)
        self.record = record


def _did_you_mean(key: str, allowed: Iterable[str]) -> str:
    """``; did you mean 'items'?`` for a field name close to an allowed one, else nothing."""
    from difflib import get_close_matches

    close = get_close_matches(key.lower(), sorted(allowed), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class _Checker:
    """Collects problems for one file while reading its shapes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {message}")

    def mapping(self, value: Any, line: int, what: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.problem(line, f"{what} must be a mapping, found {_describe(value)}")
        return None

    def fields(self, m: YMap, what: str, required: Iterable[str], optional: Iterable[str] = ()) -> bool:
        required = tuple(required)
        allowed = set(required) | set(optional)
        ok = True
        for key in m:
            if key not in allowed:
                self.problem(m.lines[key], f"unknown field '{key}' in {what}{_did_you_mean(key, allowed)}")
                ok = False
        for key in required:
            if key not in m:
                self.problem(m.line, f"missing field '{key}' in {what}")
                ok = False
        return ok

    def text(self, m: YMap, key: str, what: str, *, optional: bool = False) -> str | None:
        if key not in m or (optional and m[key] is None):
            return None
        value = m[key]
        if isinstance(value, str):
            unsafe = self.unsafe(m.lines[key], value, f"'{key}' of {what}", key)
            if value.strip():
                return value.strip()
            if unsafe:  # ('\r' alone is reported as what it is, not as empty text)
                return None
        found = "empty text" if isinstance(value, str) else _describe(value)
        hint = " (quote it)" if isinstance(value, Other) else ""
        self.problem(m.lines[key], f"'{key}' of {what} must be text, found {found}{hint}")
        return None

    def unsafe(self, line: int, value: str, field: str, key: str) -> bool:
        """Whether a text, or the name of its field, holds a character a terminal or a reader would act on
        (text/safe.py: control characters, bidirectional overrides, noncharacters...): then one problem says
        which and where. A text may hold line feeds and tabs, nothing else of the kind; its edges are
        checked before they are stripped; a text read twice is reported once. One scan of each text, when
        a store is built: lookups never come here."""
        found = first_unsafe(key)
        if found is not None:
            field = f"the field name '{key}'"
        else:
            found = first_unsafe(value, in_text=True)
        if found is None:
            return False
        message = escape_controls(
            f"{self.path}:{line}: {field} holds {found}: control characters, bidirectional overrides and "
            "noncharacters are not allowed in data"
        )
        if message not in self.problems:
            self.problems.append(message)
        return True

    def integer(self, m: YMap, key: str, what: str, *, optional: bool = False) -> int | None:
        if key not in m or (optional and m[key] is None):
            return None
        value = m[key]
        if isinstance(value, Other) and value.kind == "a number":
            try:
                return int(value.raw.replace("_", ""), 0)
            except ValueError:
                pass
        self.problem(m.lines[key], f"'{key}' of {what} must be a whole number, found {_describe(value)}")
        return None

    def flag(self, m: YMap, key: str, what: str) -> bool:
        value = m.get(key, False)
        if isinstance(value, bool):
            return value
        self.problem(m.lines[key], f"'{key}' of {what} must be true or false, found {_describe(value)}")
        return False

    def items(self, m: YMap, key: str, what: str, *, optional: bool = False) -> list[tuple[Any, int]]:
        if key not in m or (optional and m[key] is None):
            return []
        value = m[key]
        if not isinstance(value, YSeq):
            self.problem(m.lines[key], f"'{key}' of {what} must be a list, found {_describe(value)}")
            return []
        return list(zip(value, value.lines, strict=True))

    def texts(self, m: YMap, key: str, what: str, *, optional: bool = False) -> tuple[str, ...]:
        result = []
        for value, line in self.items(m, key, what, optional=optional):
            if isinstance(value, str):
                unsafe = self.unsafe(line, value, f"an item of '{key}' in {what}", key)
                if value.strip():
                    result.append(value.strip())
                    continue
                if unsafe:
                    continue
            self.problem(line, f"items of '{key}' in {what} must be text, found {_describe(value)}")
        return tuple(result)

    def mappings(self, m: YMap, key: str, what: str, *, optional: bool = False) -> list[YMap]:
        result = []
        for value, line in self.items(m, key, what, optional=optional):
            item = self.mapping(value, line, f"an item of '{key}' in {what}")
            if item is not None:
                result.append(item)
        return result

    def unique(self, seen: dict[str, int], ident: str | None, line: int, what: str) -> None:
        if ident is None:
            return
        if ident in seen:
            self.problem(line, f"duplicate {what} id '{ident}' (first at line {seen[ident]})")
        else:
            seen[ident] = line


# The seal (README, "the seal"): an unkeyed digest, 64 bits of SHA-256 over every record read from a
# file. It tells an accidental change from the data the seal was made for; it proves nothing about who
# made either (anyone can compute it, and the error message says the new one), and a file without a
# seal, or an added or a removed file, passes. `validate` says which files carry one (DataSet.seals).


def seal_of(*records: object) -> str:
    """What a file's ``seal`` must say: a digest of every record read from it (ids, links, themes, texts)."""
    import hashlib
    import json

    from ..model import plain

    text = json.dumps(plain(records), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _seal(c: _Checker, doc: YMap, *records: object) -> None:
    """A file may carry ``seal``: then any change to what it says must renew it (see above)."""
    if "seal" not in doc or c.problems:
        return
    said = c.text(doc, "seal", "the document")
    if said is not None and said != (actual := seal_of(*records)):
        c.problem(
            doc.lines["seal"],
            f"the data no longer matches its seal ({said}): something in this file changed; if the change "
            f"is intended, set 'seal: {actual}'",
        )


def _root(c: _Checker, doc: Any, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> YMap:
    m = c.mapping(doc, 1, "the document")
    if m is None:
        raise DataError(c.problems)
    if not c.fields(m, "the document", required, optional):
        raise DataError(c.problems)
    return m
