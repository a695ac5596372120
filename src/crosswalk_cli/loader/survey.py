"""The self-assessment survey (self_assessment.yaml)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..datadir import resolve_data_dir
from ..errors import DataError
from ..model import Crosswalk
from .checker import _Checker, _root
from .yamlread import read_yaml

if TYPE_CHECKING:
    from ..assessment import SelfAssessment

SELF_ASSESSMENT = "self_assessment.yaml"


def load_self_assessment(cw: Crosswalk, data_dir: str | os.PathLike[str] | None = None) -> SelfAssessment:
    """The survey in ``self_assessment.yaml``: every statement names a real competency, and every
    competency has exactly one statement."""
    from ..assessment import Rating, SelfAssessment, Statement, SurveyDomain

    path = resolve_data_dir(data_dir) / SELF_ASSESSMENT
    c = _Checker(str(path))
    doc = _root(
        c,
        read_yaml(path),
        (
            "source",
            "introduction",
            "instructions",
            "discussion",
            "prompt",
            "ratings",
            "domains",
            "statements",
            "questions",
        ),
        ("advice",),
    )
    ratings = []
    seen: dict[str, int] = {}
    for r in c.mappings(doc, "ratings", "the document"):
        c.fields(r, "a rating", ("code", "label"), ("extent", "score"))
        code = c.text(r, "code", "a rating")
        c.unique(seen, code, r.lines.get("code", r.line), "rating")
        label = c.text(r, "label", "a rating") or ""
        extent = c.text(r, "extent", "a rating", optional=True)
        ratings.append(Rating(code or "", label, extent, c.integer(r, "score", "a rating", optional=True)))
    domains = []
    for d in c.mappings(doc, "domains", "the document"):
        c.fields(d, "a survey domain", ("domain", "heading", "introduction"))
        code = c.text(d, "domain", "a survey domain")
        if code is not None and code not in cw.domains:
            c.problem(d.lines["domain"], f"unknown domain '{code}'")
        heading = c.text(d, "heading", "a survey domain") or ""
        domains.append(SurveyDomain(code or "", heading, c.text(d, "introduction", "a survey domain") or ""))
    statements = []
    covered: dict[str, int] = {}
    for st in c.mappings(doc, "statements", "the document"):
        c.fields(st, "a statement", ("number", "competency", "text"))
        cid = c.text(st, "competency", "a statement")
        line = st.lines.get("competency", st.line)
        if cid is not None and cid not in cw.competencies:
            c.problem(line, f"unknown competency '{cid}'")
        elif cid is not None and cid in covered:
            c.problem(line, f"competency '{cid}' has a second statement (first at line {covered[cid]})")
        elif cid is not None:
            covered[cid] = line
        statements.append(
            Statement(
                c.integer(st, "number", "a statement") or 0,
                cid or "",
                c.text(st, "text", "a statement") or "",
            )
        )
    for cid in cw.competencies:
        if cid not in covered and not c.problems:
            c.problem(doc.lines["statements"], f"competency '{cid}' has no statement")
    if c.problems:
        raise DataError(c.problems)
    return SelfAssessment(
        source=c.text(doc, "source", "the document") or "",
        introduction=c.text(doc, "introduction", "the document") or "",
        instructions=c.text(doc, "instructions", "the document") or "",
        prompt=c.text(doc, "prompt", "the document") or "",
        ratings=tuple(ratings),
        domains=tuple(domains),
        statements=tuple(statements),
        questions=c.texts(doc, "questions", "the document"),
        discussion=c.text(doc, "discussion", "the document") or "",
        advice=c.text(doc, "advice", "the document", optional=True) or "",
    )
