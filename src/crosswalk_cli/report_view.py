"""The self-assessment report's view (``crosswalk assess report``): tables by domain, growth areas
and strengths, where they meet the standards, and where to start.

JSON and CSV carry each competency's status as a machine value (growth, middle, strength, unknown,
unanswered); tables and Markdown show a label for it. Respondents' names and file names are shown
with their control characters escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .model import Crosswalk
from .render import Column, Section, View, _builds_late, _count, _plain
from .textsafe import escape_controls as safe

if TYPE_CHECKING:
    from .assessment import CompetencySummary, Rating, Report


def _ratings_text(summary: CompetencySummary, ratings: Sequence[Rating], team: bool) -> str:
    given = [(code, n) for code, n in summary.counts if n]
    labels = {r.code: r.label for r in ratings}
    if not given:
        return "not answered"
    if not team:
        return labels[given[0][0]]
    return "\n".join(f"{n} {labels[code]}" for code, n in given)


STATUS_LABELS = {  # JSON and CSV carry the status itself; tables and Markdown show these
    "growth": "growth area",
    "strength": "strength",
    "middle": "developing",
    "unknown": "don't know",
    "unanswered": "not answered",
}


def _longest(texts: Sequence[str], sep: str | None = None) -> int:
    """The longest word (or ``sep``-separated piece) of any text: the narrowest a column may be."""
    return max((len(part.strip()) for text in texts for part in text.split(sep)), default=1)


@_builds_late("Report")
def _report(r: Report, cw: Crosswalk) -> View:
    team = len(r.files) > 1

    def comp_row(x: CompetencySummary) -> dict[str, str]:
        mean = "" if x.mean is None else f"{x.mean:.1f}"
        return {
            "number": str(x.statement.number),
            "competency": x.competency.id,
            "title": x.competency.title,
            "ratings": _ratings_text(x, r.ratings, team),
            "mean": "" if x.mean is None else str(round(x.mean, 2)),  # as in JSON
            "dont_know": str(x.dont_know),
            "status": x.status,
            "status_label": STATUS_LABELS[x.status] + (f" ({mean})" if team and mean else ""),
            **{code: str(n) for code, n in x.counts},
        }

    all_rows = [comp_row(x) for x in r.summaries]

    # Columns at least as wide as their longest word, so a narrow terminal wraps but never splits one.
    def narrowest(key: str, sep: str | None = None) -> int:
        return _longest([row[key] for row in all_rows], sep)

    columns = (
        Column("competency", "Competency", no_wrap=True, style="bold"),
        Column("title", "Statement", ratio=3, min_width=narrowest("title")),
        Column("ratings", "Ratings", ratio=2, min_width=narrowest("ratings", "\n")),  # one rating a line
        Column("status_label", "Status", min_width=narrowest("status_label")),
    )
    by_domain: dict[str, list[dict[str, str]]] = {}
    for x in r.summaries:
        by_domain.setdefault(f"{x.domain.code} {x.domain.name}", []).append(comp_row(x))
    sections = [Section(title, columns, tuple(rows)) for title, rows in by_domain.items()]
    pick = columns[:3]
    growth = [x for x in r.summaries if x.status == "growth"]
    strengths = [x for x in r.summaries if x.status == "strength"]
    unknown = [x for x in r.summaries if x.dont_know]
    sections.append(
        Section(f"Growth areas (Not Yet / Emerging): {len(growth)}", pick, tuple(comp_row(x) for x in growth))
    )
    sections.append(
        Section(f"Strengths (Implementing): {len(strengths)}", pick, tuple(comp_row(x) for x in strengths))
    )
    sections.append(
        Section(
            f"I Don't Know: {_count(sum(x.dont_know for x in r.summaries), 'answer')}",
            pick,
            tuple(comp_row(x) for x in unknown),
        )
    )

    def links(pairs: Sequence[tuple[str, str]]) -> str:
        return ", ".join(f"{cid}{'' if rel == 'primary' else ' (additional)'}" for cid, rel in pairs)

    focus_rows = tuple(
        {
            "id": f.indicator.id,
            "name": f"{f.indicator.code} {f.indicator.name}",
            "growth": links(f.growth),
            "strengths": links(f.strengths),
        }
        for f in r.standards
        if f.growth or f.strengths
    )
    sections.append(
        Section(
            "Where growth areas and strengths meet the standards",
            (
                Column("id", "ID", no_wrap=True, style="bold"),
                Column("name", "Standard indicator", ratio=2),
                Column("growth", "Growth areas", ratio=2),
                Column("strengths", "Strengths", ratio=2),
            ),
            focus_rows,
            empty="No growth areas or strengths yet.",
        )
    )
    start_rows = tuple({**comp_row(x), "primary": " ".join(x.primary_standards)} for x in r.priorities)
    sections.append(
        Section(
            "Where to start",
            (*pick, Column("primary", "Counts toward", ratio=1)),
            start_rows,
            empty="No growth areas: choose priorities from the developing competencies.",
        )
    )
    missing = [(name, ids) for name, ids in r.missing if ids]
    notes = [
        "The report's advice: start with Vision, Values, and Culture, the foundational domain; pick three "
        "to five priorities and connect them to the standards you are evaluated on ('Counts toward': the "
        "standard indicators their indicators are directly aligned to)."
    ]
    if 0 < len(r.priorities) < 3:
        notes.append(f"Only {len(r.priorities)} growth areas: add developing competencies to reach three.")
    for name, ids in missing:
        notes.append(f"Missing in {safe(name)}: {len(ids)} not answered ({', '.join(ids)}).")
    notes.append("Discussion questions: " + " ".join(f"({n}) {q}" for n, q in enumerate(r.questions, 1)))
    payload = {
        "files": list(r.files),
        "respondents": list(r.respondents),
        "ratings": [
            {"code": x.code, "label": x.label, "extent": x.extent, "score": x.score} for x in r.ratings
        ],
        "competencies": [
            {
                "id": x.competency.id,
                "statement": x.statement.number,
                "text": x.statement.text,
                "domain": x.domain.code,
                "counts": dict(x.counts),
                "answered": x.answered,
                "dont_know": x.dont_know,
                "mean": None if x.mean is None else round(x.mean, 2),
                "status": x.status,
            }
            for x in r.summaries
        ],
        "growth": [x.competency.id for x in growth],
        "strengths": [x.competency.id for x in strengths],
        "dont_know": {x.competency.id: x.dont_know for x in unknown},
        "missing": {name: list(ids) for name, ids in r.missing},
        "standards": [
            {
                "id": f.indicator.id,
                "growth": [{"competency": c, "relation": rel} for c, rel in f.growth],
                "strengths": [{"competency": c, "relation": rel} for c, rel in f.strengths],
            }
            for f in r.standards
        ],
        "priorities": [{"id": x.competency.id, "primary": list(x.primary_standards)} for x in r.priorities],
        "questions": list(r.questions),
    }
    who = ", ".join(safe(name) for name in r.respondents)  # a name's control characters shown escaped
    return View(
        command="assess report",
        title=f"Self-assessment: {_count(len(r.files), 'respondent')} ({who})",
        payload=payload,
        sections=tuple(sections),
        notes=tuple(notes),
        csv=Section(
            "competencies",
            _plain("number", "competency", "title", *(x.code for x in r.ratings), "mean", "status"),
            tuple(all_rows),
        ),
    )
