"""Generic framework and crosswalk files: any tree of coded items, any links between two frameworks.

A data directory's other YAML files say what they are by their top-level keys: ``framework`` and
``items`` make a framework file, ``crosswalk`` and ``links`` a crosswalk file (README, "Your own data").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from ..errors import DataError
from ..model import Framework, SourceNote, Theme
from ..model_items import Item, ItemFramework, Link, LinkCrosswalk, Note
from .checker import _Checker, _framework, _root, _seal
from .yamlread import YMap, read_yaml

FRAMEWORK_FIELDS = ("license_url", "version", "status", "date", "printed_date", "source", "case_identifier",
                    "case_uri")  # fmt: skip
CROSSWALK_FIELDS = (
    "license_url",
    "status",
    "date",
    "source",
    "description",
    "case_identifier",
    "reviewed_by",
)
PROVENANCE_FIELDS = ("method", "score", "reviewed_by", "reviewed_on", "case_identifier",
                     "case_association_type", "case_uri")  # fmt: skip
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")


def kind_of(path: Path, raw: bytes) -> str:
    """'framework', 'crosswalk', or a DataError saying why the file is neither."""
    doc = read_yaml(path, raw)
    if isinstance(doc, YMap):
        if "framework" in doc and "items" in doc:
            return "framework"
        if "crosswalk" in doc and "links" in doc:
            return "crosswalk"
    raise DataError([f"{path}: not a data file crosswalk knows: a framework file has 'framework' and "
                     "'items', a crosswalk file 'crosswalk' and 'links'"])  # fmt: skip


def _header(c: _Checker, doc: YMap, key: str, optional: tuple[str, ...]) -> Framework:
    required = ("id", "title", "publisher", "license") + (("from", "to") if key == "crosswalk" else ())
    info = _framework(c, doc, key, required=required, optional=optional)
    if info.id and not _ID.fullmatch(info.id):
        c.problem(doc.lines.get(key, doc.line), f"id '{info.id}': use a letter, then letters, digits, - or _")
    return info


def read_framework(path: Path, raw: bytes) -> ItemFramework:
    c = _Checker(str(path))
    doc = _root(c, read_yaml(path, raw), ("framework", "items"), ("notes", "source_notes", "tags", "seal"))
    info = _header(c, doc, "framework", FRAMEWORK_FIELDS)
    if not info.levels and not c.problems:
        c.problem(doc.lines.get("framework", doc.line), "'framework' needs 'levels', the level names")
    tags: list[Theme] = []
    for t in c.mappings(doc, "tags", "the document", optional=True):
        c.fields(t, "a tag", ("code", "name"), ("description", "source"))
        tags.append(Theme(c.text(t, "code", "a tag") or "", c.text(t, "name", "a tag") or "",
                          c.text(t, "description", "a tag", optional=True) or "",
                          c.text(t, "source", "a tag", optional=True) or ""))  # fmt: skip
    known_tags = {t.code for t in tags}
    items: list[Item] = []
    seen: dict[str, int] = {}

    def walk(parent_map: YMap, key: str, parent: str | None, depth: int) -> tuple[str, ...]:
        codes = []
        for m in c.mappings(parent_map, key, f"the items of '{parent}'" if parent else "the document",
                            optional=parent is not None):  # fmt: skip
            fields = ("title", "tags", "case_identifier", "case_uri", "items")
            c.fields(m, "an item", ("code", "text"), fields)
            code = c.text(m, "code", "an item")
            line = m.lines.get("code", m.line)
            c.unique(seen, code, line, "item")
            what = f"item '{code}'"
            for tag in c.texts(m, "tags", what, optional=True):
                if tag not in known_tags:
                    c.problem(line, f"{what}: tag '{tag}' is not among the framework's tags")
            position = len(items)
            items.append(Item(info.id, code or "", parent, depth, ""))  # its place: parents before children
            children = walk(m, "items", code, depth + 1) if "items" in m else ()
            items[position] = Item(
                info.id, code or "", parent, depth, c.text(m, "text", what) or "",
                title=c.text(m, "title", what, optional=True), tags=c.texts(m, "tags", what, optional=True),
                case_identifier=c.text(m, "case_identifier", what, optional=True),
                case_uri=c.text(m, "case_uri", what, optional=True), children=children,
            )  # fmt: skip
            if code is not None:
                codes.append(code)
        return tuple(codes)

    walk(doc, "items", None, 0)
    notes = [Note(c.text(n, "title", "a note", optional=True), c.text(n, "text", "a note") or "")
             for n in c.mappings(doc, "notes", "the document", optional=True)
             if c.fields(n, "a note", ("text",), ("title",))]  # fmt: skip
    source_notes = []
    for n in c.mappings(doc, "source_notes", "the document", optional=True):
        c.fields(n, "a source note", ("kind", "where", "note"))
        kind, where, note = (c.text(n, k, "a source note") or "" for k in ("kind", "where", "note"))
        source_notes.append(SourceNote(kind, where, note))
    result = ItemFramework(info, tuple(items), tuple(notes), tuple(source_notes), tuple(tags))
    _seal(c, doc, result)
    if c.problems:
        raise DataError(c.problems)
    return result


def read_crosswalk(path: Path, raw: bytes) -> LinkCrosswalk:
    c = _Checker(str(path))
    doc = _root(c, read_yaml(path, raw), ("crosswalk", "links"), ("reviewed", "seal"))
    info = _header(c, doc, "crosswalk", CROSSWALK_FIELDS)
    if not info.relations and not c.problems:
        c.problem(doc.lines.get("crosswalk", doc.line), "'crosswalk' needs 'relations': its relation names")
    links = []
    for n, m in enumerate(c.mappings(doc, "links", "the document"), 1):
        c.fields(m, "a link", ("source", "target", "relation"), ("note", "provenance"))
        what = f"link {n}"
        relation = c.text(m, "relation", what) or ""
        if relation and info.relations and relation not in info.relations:
            c.problem(m.lines.get("relation", m.line), f"{what}: relation '{relation}' is not one of "
                      f"{', '.join(info.relations)}")  # fmt: skip
        provenance: dict[str, str] = {}
        if "provenance" in m:
            p = c.mapping(m["provenance"], m.lines.get("provenance", m.line), f"the provenance of {what}")
            if p is not None:
                c.fields(p, f"the provenance of {what}", (), PROVENANCE_FIELDS)
                provenance = {k: c.text(p, k, f"the provenance of {what}") or "" for k in p
                              if k in PROVENANCE_FIELDS}  # fmt: skip
        links.append(Link(n, c.text(m, "source", what) or "", c.text(m, "target", what) or "", relation,
                          c.text(m, "note", what, optional=True), provenance))  # fmt: skip
    result = LinkCrosswalk(info, tuple(links), c.texts(doc, "reviewed", "the document", optional=True))
    _seal(c, doc, result)
    if c.problems:
        raise DataError(c.problems)
    return result


def check_references(
    frameworks: Mapping[str, set[str]], crosswalks: list[tuple[Path, LinkCrosswalk]]
) -> list[str]:
    """Every crosswalk joins two frameworks of the directory, and every link names items they have."""
    problems = []
    for path, cw in crosswalks:
        ends = {"from": cw.info.extra.get("from", ""), "to": cw.info.extra.get("to", "")}
        for key, fid in ends.items():
            if fid not in frameworks:
                problems.append(f"{path}: '{key}: {fid}' names no framework of this directory "
                                f"({', '.join(sorted(frameworks))})")  # fmt: skip
        if any(fid not in frameworks for fid in ends.values()):
            continue
        for link in cw.links:
            for end, code in (("from", link.source), ("to", link.target)):
                if code not in frameworks[ends[end]]:
                    problems.append(f"{path}: link {link.seq}: no item '{code}' in framework {ends[end]}")
    return problems
