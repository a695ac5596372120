"""What framework and crosswalk files share: the header, its levels or relations, and phrases."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ..model import Header, Level, Relation
from .checker import _Checker
from .yamlvalues import YMap

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)  # what a page may make a link of
_CORE = ("id", "title", "publisher", "license", "license_url")
COMMON_FIELDS = ("license_url", "status", "date", "source", "description", "case_identifier", "case_uri")
FRAMEWORK_FIELDS = (*COMMON_FIELDS, "version", "printed_date", "citation", "citation_url")
CROSSWALK_FIELDS = (*COMMON_FIELDS, "reviewed_by")


def header(
    c: _Checker, doc: YMap, key: str, lists: tuple[str, ...], optional: tuple[str, ...]
) -> tuple[Header, YMap | None]:
    """The header under ``key`` (its text fields; ``lists`` are read by the caller from the mapping)."""
    m = c.mapping(doc.get(key), doc.lines.get(key, doc.line), f"'{key}'")
    if m is None:
        return Header("", "", "", ""), None
    required = ("id", "title", "publisher", "license", *lists) + (
        ("from", "to") if key == "crosswalk" else ()
    )
    c.fields(m, f"'{key}'", required, optional)
    values = {k: c.text(m, k, f"'{key}'") or "" for k in m if k not in lists and k in (*required, *optional)}
    ident = values.get("id", "")
    if ident and not _ID.fullmatch(ident):
        c.problem(m.lines["id"], f"id '{ident}': use a letter, then letters, digits, - or _ (at most 32)")
    for k, v in values.items():
        if k.endswith("_url") and v and not _URL.fullmatch(v):
            c.problem(m.lines[k], f"{k} '{v}': give a web address (http:// or https://)")
    extra = {k: v for k, v in values.items() if k not in _CORE}
    return Header(
        ident, values.get("title", ""), values.get("publisher", ""), values.get("license", ""),
        values.get("license_url", ""), MappingProxyType(extra),
    ), m  # fmt: skip


def named_list(
    c: _Checker, m: YMap, key: str, what: str, optional: tuple[str, ...], flags: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """A list whose entries are a name, or a mapping with ``name``, the ``optional`` texts and ``flags``."""
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for value, line in c.items(m, key, what):
        entry: dict[str, Any]
        if isinstance(value, str) and c.unsafe(line, value, f"an item of '{key}' in {what}", key):
            continue
        if isinstance(value, str) and value.strip():
            entry = {"name": value.strip()}
        elif isinstance(value, YMap):
            c.fields(value, f"an entry of '{key}'", ("name",), (*optional, *flags))
            entry = {
                k: c.text(value, k, f"an entry of '{key}'") or "" for k in value if k in ("name", *optional)
            }
            entry.update({k: c.flag(value, k, f"an entry of '{key}'") for k in flags if k in value})
        else:
            c.problem(line, f"each of '{key}' in {what} must be a name or a mapping with 'name'")
            continue
        if entry.get("name"):
            c.unique(seen, entry["name"], line, key.rstrip("s"))
            out.append(entry)
    if not out and key in m and not c.problems:
        c.problem(m.lines[key], f"'{key}' of {what} names none")
    return out


def levels(c: _Checker, m: YMap | None) -> tuple[Level, ...]:
    if m is None:
        return ()
    entries = named_list(c, m, "levels", "'framework'", ("long", "plural", "text"), ("grouping",))
    return tuple(Level(**e) for e in entries)


def relations(c: _Checker, m: YMap | None) -> tuple[Relation, ...]:
    if m is None:
        return ()
    return tuple(Relation(**e) for e in named_list(c, m, "relations", "'crosswalk'", ("heading",)))


def phrases(c: _Checker, doc: YMap) -> Mapping[str, str]:
    """The file's own wording for pages (``phrases:``), each checked against the known phrases."""
    if "phrases" not in doc:
        return MappingProxyType({})
    from ..text.phrases import problem

    m = c.mapping(doc["phrases"], doc.lines["phrases"], "'phrases'")
    if m is None:
        return MappingProxyType({})
    out: dict[str, str] = {}
    for key in m:
        text = c.text(m, key, "'phrases'")
        if text is None:
            continue
        wrong = problem(key, text)
        if wrong:
            c.problem(m.lines[key], f"phrase '{key}': {wrong}")
        else:
            out[key] = text
    return MappingProxyType(out)
