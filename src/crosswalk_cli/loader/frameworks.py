"""A framework file: ``framework`` (the header, with its levels) and ``items``, a tree of coded items
(docs/data-format.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Framework, Item, Note, Part, SourceNote, Tag
from .checker import Partial, _Checker, _root, _seal
from .headers import FRAMEWORK_FIELDS, header, levels, phrases
from .yamlread import read_yaml
from .yamlvalues import YMap

ITEM_FIELDS = (
    "text",
    "title",
    "label",
    "parts",
    "tags",
    "tags_incomplete",
    "tags_recovered",
    "recovered_by",
    "details",
    "case_identifier",
    "case_uri",
    "items",
)


def read_framework(path: Path, raw: bytes) -> Framework:
    return framework_of(path, read_yaml(path, raw))


def framework_of(path: Path, parsed: Any) -> Framework:
    """The framework a parsed file (``read_yaml``) says, checked."""
    c = _Checker(str(path))
    optional = ("tags", "notes", "source_notes", "phrases", "seal")
    doc = _root(c, parsed, ("framework", "items"), optional)
    info, head = header(c, doc, "framework", ("levels",), FRAMEWORK_FIELDS)
    tree_levels = levels(c, head)
    tags = _tags(c, doc)
    reader = _Items(c, {t.code for t in tags})
    reader.walk(doc, None, 0)
    notes = tuple(
        Note(c.text(n, "title", "a note", optional=True), c.text(n, "text", "a note") or "")
        for n in c.mappings(doc, "notes", "the document", optional=True)
        if c.fields(n, "a note", ("text",), ("title",))
    )
    result = Framework(
        info, tree_levels, tuple(reader.items), tuple(tags), notes, source_notes(c, doc), phrases(c, doc)
    )
    _seal(c, doc, result)
    if c.problems:
        raise Partial(c.problems, result)
    return result


def source_notes(c: _Checker, doc: YMap) -> tuple[SourceNote, ...]:
    notes = []
    for n in c.mappings(doc, "source_notes", "the document", optional=True):
        c.fields(n, "a source note", ("kind", "where", "note"))
        kind, where, note = (c.text(n, k, "a source note") or "" for k in ("kind", "where", "note"))
        notes.append(SourceNote(kind, where, note))
    return tuple(notes)


def _tags(c: _Checker, doc: YMap) -> list[Tag]:
    tags: list[Tag] = []
    seen: dict[str, int] = {}
    for t in c.mappings(doc, "tags", "the document", optional=True):
        c.fields(t, "a tag", ("code", "name"), ("description", "source"))
        code = c.text(t, "code", "a tag")
        c.unique(seen, code, t.lines.get("code", t.line), "tag")
        what = f"tag '{code}'"
        tags.append(
            Tag(
                code or "",
                c.text(t, "name", what) or "",
                c.text(t, "description", what, optional=True) or "",
                c.text(t, "source", what, optional=True) or "",
            )
        )
    return tags


class _Items:
    """Reads the item tree, parents before children, without recursion on the C stack (YAML nesting is
    bounded by the reader, so Python's recursion is too)."""

    def __init__(self, c: _Checker, known_tags: set[str]) -> None:
        self.c = c
        self.known_tags = known_tags
        self.items: list[Item] = []
        self.seen: dict[str, int] = {}

    def walk(self, parent_map: YMap, parent: str | None, depth: int) -> tuple[str, ...]:
        c = self.c
        codes = []
        where = f"the items of '{parent}'" if parent else "the document"
        for m in c.mappings(parent_map, "items", where, optional=parent is not None):
            c.fields(m, "an item", ("code",), ITEM_FIELDS)
            code = c.text(m, "code", "an item")
            line = m.lines.get("code", m.line)
            c.unique(self.seen, code, line, "item")
            position = len(self.items)
            self.items.append(Item(code or "", parent, depth, ""))  # its place: parents before children
            children = self.walk(m, code, depth + 1) if "items" in m else ()
            self.items[position] = self._item(m, code or "", parent, depth, children)
            if code is not None:
                codes.append(code)
        return tuple(codes)

    def _item(self, m: YMap, code: str, parent: str | None, depth: int, children: tuple[str, ...]) -> Item:
        c = self.c
        what = f"item '{code}'"
        text = c.text(m, "text", what, optional=True)
        title = c.text(m, "title", what, optional=True)
        if text is None and title is None and "text" not in m and "title" not in m:
            c.problem(m.line, f"{what} has neither 'text' nor 'title'")
        tags = c.texts(m, "tags", what, optional=True)
        line = m.lines.get("tags", m.line)
        for tag in tags:
            if tag not in self.known_tags:
                c.problem(line, f"{what}: tag '{tag}' is not among the framework's tags")
        if len(set(tags)) != len(tags):
            c.problem(line, f"{what}: a tag is listed twice")
        recovered = c.texts(m, "tags_recovered", what, optional=True)
        for tag in recovered:
            if tag not in tags:
                c.problem(m.lines["tags_recovered"], f"{what}: recovered tag '{tag}' is not among its tags")
        incomplete = c.flag(m, "tags_incomplete", what)
        if recovered and not incomplete:
            c.problem(m.lines["tags_recovered"], f"{what} has tags_recovered but not tags_incomplete")
        recovered_by = c.text(m, "recovered_by", what, optional=True)
        if bool(recovered) != (recovered_by is not None):
            c.problem(m.line, f"{what}: give 'recovered_by' exactly when it has 'tags_recovered'")
        return Item(
            code,
            parent,
            depth,
            text or "",
            title or "",
            c.text(m, "label", what, optional=True),
            self._parts(m, what),
            tags,
            incomplete,
            recovered,
            recovered_by,
            self._details(m, what),
            c.text(m, "case_identifier", what, optional=True),
            c.text(m, "case_uri", what, optional=True),
            children,
        )

    def _parts(self, m: YMap, what: str) -> tuple[Part, ...]:
        c = self.c
        parts = []
        for p in c.mappings(m, "parts", what, optional=True):
            c.fields(p, f"a part of {what}", ("text",), ("label", "title"))
            parts.append(
                Part(
                    c.text(p, "text", f"a part of {what}") or "",
                    c.text(p, "label", f"a part of {what}", optional=True),
                    c.text(p, "title", f"a part of {what}", optional=True),
                )
            )
        return tuple(parts)

    def _details(self, m: YMap, what: str) -> tuple[tuple[str, str], ...]:
        c = self.c
        if "details" not in m:
            return ()
        d = c.mapping(m["details"], m.lines["details"], f"the details of {what}")
        if d is None:
            return ()
        return tuple((k, c.text(d, k, f"the details of {what}") or "") for k in d)
