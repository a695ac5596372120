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


# Names people write for a field that spelling alone does not lead to (difflib finds 'licence' ->
# 'license' by itself, never 'children' -> 'items'): the field each stands for, where it is allowed.
SYNONYMS = {
    "children": "items",
    "subitems": "items",
    "elements": "parts",
    "name": "title",
    "statement": "text",
    "description": "text",
    "keywords": "tags",
    "licence_url": "license_url",
    "identifier": "id",
}


def close_field(key: str, allowed: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The allowed field a field name not known most likely means: its synonym (SYNONYMS), else the
    closest by spelling (difflib, at least ``cutoff`` alike), else None."""
    from difflib import get_close_matches

    allowed = sorted(allowed)
    folded = key.strip().lower().replace(" ", "_").replace("-", "_")
    if folded in allowed:
        return folded
    if SYNONYMS.get(folded) in allowed:
        return SYNONYMS[folded]
    close = get_close_matches(folded, allowed, n=1, cutoff=cutoff)
    return close[0] if close else None


SURE = 0.8  # as alike as 'titel' and 'title': a misspelling, read as the field it misspells


def _did_you_mean(key: str, allowed: Iterable[str]) -> str:
    """``; did you mean 'items'?`` for a field name close to an allowed one, else nothing."""
    close = close_field(key, allowed)
    return f"; did you mean '{close}'?" if close else ""


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
        """Report each field not allowed (with the one it likely means) and each required one missing
        (unless a field not known was just said to mean it). A field not known that surely means one the
        mapping lacks (a synonym, or a near spelling) is read as that one (``children`` as ``items``), so
        that what it holds is checked in this same run, not after the name is fixed."""
        required = tuple(required)
        allowed = set(required) | set(optional)
        ok = True
        meant: set[str] = set()
        for key in list(m):
            if key not in allowed:
                close = close_field(key, allowed)
                hint = f"; did you mean '{close}'?" if close else ""
                self.problem(m.lines[key], f"unknown field '{key}' in {what}{hint}")
                ok = False
                sure = close is not None and close_field(key, allowed, SURE) == close
                if close is not None and sure and close not in m and close not in meant:
                    meant.add(close)
                    m.add(close, m[key], m.lines[key])
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
    """The document's mapping. A field not known is reported and the reading goes on, so that the rest of
    the file is checked in the same run; a missing required field (that no field not known stood for) ends
    it: what would follow is only that the field is missing again."""
    m = c.mapping(doc, 1, "the document")
    if m is None:
        raise DataError(c.problems)
    c.fields(m, "the document", required, optional)
    if any(key not in m for key in required):
        raise DataError(c.problems)
    return m
