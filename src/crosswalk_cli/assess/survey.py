"""The self-assessment survey (``self_assessment.yaml``): where it is, and reading it, checked against the
crosswalk it names: every statement names an item of the crosswalk's source framework, all at one level,
and every item of that level has exactly one statement (the packaged file's comments say what each field
is)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataError
from ..loader import SELF_ASSESSMENT

if TYPE_CHECKING:
    import sqlite3

    from ..datadir import Sources
    from ..loader.checker import _Checker
    from ..loader.yamlvalues import YMap
    from ..model import DataSet
    from ..queries.assess import Framing, Outline
    from .assessment import SelfAssessment, Statement

FIELDS = ("crosswalk", "source", "introduction", "instructions", "discussion", "prompt", "ratings", "groups",
          "statements", "questions")  # fmt: skip
OPTIONAL = ("title", "advice", "start_with", "seal")


def survey_path(src: Sources) -> Path | None:
    """Your data directory's survey if it has one, else the packaged one; None if neither is read."""
    for directory in reversed(src.directories):
        path = directory / SELF_ASSESSMENT
        if os.path.lexists(path):  # there, even if it cannot be read: reading it says why
            return path
    return None


def load_survey(path: Path, data: DataSet) -> SelfAssessment:
    """The survey, checked against the loaded data (``crosswalk validate``)."""
    from ..queries.assess import Outline, outline_of

    def outline(cid: str) -> Outline | None:
        x = next((c for c in data.crosswalks if c.id == cid), None)
        if x is None:
            return None
        f = data.framework(x.source)
        items = outline_of((i.code, i.depth, i.parent) for i in f.items)
        return Outline(tuple(lv.name for lv in f.levels), items)

    return _read(path, outline, [x.id for x in data.crosswalks])


def open_survey(path: Path, db: sqlite3.Connection) -> tuple[SelfAssessment, Framing]:
    """The survey, checked against the store, and its crosswalk and frameworks as the store has them."""
    from ..queries.assess import framing, outline
    from ..queries.fetch import crosswalks

    found: dict[str, Framing] = {}

    def outline_in_store(cid: str) -> Outline | None:
        f = framing(db, cid)
        if f is None:
            return None
        found[cid] = f
        return outline(f)

    survey = _read(path, outline_in_store, crosswalks(db))
    return survey, found[survey.crosswalk]


def _read(path: Path, lookup: Callable[[str], Outline | None], crosswalks: Sequence[str]) -> SelfAssessment:
    """Read and check the survey; ``lookup``: a crosswalk's id -> its source framework's outline, or None
    if the data (``crosswalks``) has no such crosswalk."""
    from ..loader.checker import _Checker, _root, _seal
    from ..loader.yamlread import read_yaml
    from .assessment import Group, Rating, SelfAssessment

    c = _Checker(str(path))
    doc = _root(c, read_yaml(path), FIELDS, OPTIONAL)
    ratings = []
    seen: dict[str, int] = {}
    for r in c.mappings(doc, "ratings", "the document"):
        c.fields(r, "a rating", ("code", "label"), ("extent", "score"))
        code = c.text(r, "code", "a rating")
        c.unique(seen, code, r.lines.get("code", r.line), "rating")
        label = c.text(r, "label", "a rating") or ""
        extent = c.text(r, "extent", "a rating", optional=True)
        ratings.append(Rating(code or "", label, extent, c.integer(r, "score", "a rating", optional=True)))
    cid = c.text(doc, "crosswalk", "the document") or ""
    outline = lookup(cid) if cid else None
    if cid and outline is None:
        c.problem(
            doc.lines["crosswalk"],
            f"no crosswalk '{cid}' in the data (the crosswalks: {', '.join(crosswalks) or 'none'})",
        )
    top = outline.levels[0] if outline is not None and outline.levels else "top item"

    def top_item(m: YMap, key: str, what: str, optional: bool = False) -> str | None:
        """The code of the top item of the source framework that ``key`` names, or None."""
        code = c.text(m, key, what, optional=optional)
        if code is not None and outline is not None and outline.items.get(code, (-1, ""))[0] != 0:
            c.problem(m.lines[key], f"unknown {top} '{code}'")
            return None
        return code

    groups = []
    headed: dict[str, int] = {}
    for g in c.mappings(doc, "groups", "the document"):
        c.fields(g, "a group", ("item", "heading", "introduction"))
        code = top_item(g, "item", "a group")
        if code is not None and code in headed:
            c.problem(g.lines["item"], f"{top} '{code}' has a second group (first at line {headed[code]})")
        elif code is not None:
            headed[code] = g.lines["item"]
        heading = c.text(g, "heading", "a group") or ""
        groups.append(Group(code or "", heading, c.text(g, "introduction", "a group") or ""))
    start_with = top_item(doc, "start_with", "the document", optional=True)
    statements = _statements(c, doc, outline)
    result = SelfAssessment(
        crosswalk=cid,
        title=c.text(doc, "title", "the document", optional=True) or "Self-assessment",
        source=c.text(doc, "source", "the document") or "",
        introduction=c.text(doc, "introduction", "the document") or "",
        instructions=c.text(doc, "instructions", "the document") or "",
        prompt=c.text(doc, "prompt", "the document") or "",
        ratings=tuple(ratings),
        groups=tuple(groups),
        statements=statements,
        questions=c.texts(doc, "questions", "the document"),
        discussion=c.text(doc, "discussion", "the document") or "",
        advice=c.text(doc, "advice", "the document", optional=True) or "",
        start_with=start_with,
    )
    _seal(c, doc, result)
    if c.problems:
        raise DataError(c.problems)
    from dataclasses import replace

    return replace(result, sealed="seal" in doc)


def _statements(c: _Checker, doc: YMap, outline: Outline | None) -> tuple[Statement, ...]:
    """The statements: each names an item of the source framework, all at one level (the first known
    one's), and each item of that level has exactly one."""
    from .assessment import Statement

    read = []
    for st in c.mappings(doc, "statements", "the document"):
        c.fields(st, "a statement", ("number", "item", "text"))
        code = c.text(st, "item", "a statement")
        number = c.integer(st, "number", "a statement") or 0
        read.append((number, code, c.text(st, "text", "a statement") or "", st.lines.get("item", st.line)))
    if not read and "statements" in doc and not c.problems:
        c.problem(doc.lines["statements"], "the survey has no statement")
    if outline is None:
        return tuple(Statement(n, code or "", text) for n, code, text, _ in read)
    items = outline.items
    depth = next((items[code][0] for _, code, _, _ in read if code in items), None)

    def level(d: int | None) -> str:
        return outline.levels[d] if d is not None and d < len(outline.levels) else "item"

    covered: dict[str, int] = {}
    for _, code, _, line in read:
        if code is None:
            continue
        if code not in items:
            c.problem(line, f"unknown {level(depth)} '{code}'")
        elif items[code][0] != depth:
            c.problem(line, f"'{code}' is no {level(depth)} (it is at the {level(items[code][0])} level)")
        elif code in covered:
            c.problem(line, f"{level(depth)} '{code}' has a second statement (first at line {covered[code]})")
        else:
            covered[code] = line
    for code, (d, _) in items.items():
        if d == depth and code not in covered and not c.problems:
            c.problem(doc.lines["statements"], f"{level(depth)} '{code}' has no statement")
    return tuple(
        Statement(n, code or "", text, items[code][1] if code in items else "") for n, code, text, _ in read
    )
