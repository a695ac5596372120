"""The view of ``crosswalk assess report``: tables by domain, growth areas and strengths, where they meet
the standards, and where to start.

JSON and CSV carry each competency's status as a machine value (growth, middle, strength, unknown,
unanswered); tables and Markdown show a label for it. Respondents' names and file names are shown
with their control characters escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..formats.shape import Column, Section, View
from ..model import Crosswalk
from ..textsafe import escape_controls as safe
from .common import count
from .fields import INT, INT_MAP, MAYBE_NUMBER, STR, STRS, Context, Entity, Field, head, many, one_of

if TYPE_CHECKING:
    from ..assessment import CompetencySummary, Rating, Report, StandardFocus

STATUS_LABELS = {  # JSON and CSV carry the status itself; tables and Markdown show these
    "growth": "growth area",
    "strength": "strength",
    "middle": "developing",
    "unknown": "don't know",
    "unanswered": "not answered",
}


def _ratings_text(summary: CompetencySummary, ratings: Sequence[Rating], team: bool) -> str:
    given = [(code, n) for code, n in summary.counts if n]
    labels = {r.code: r.label for r in ratings}
    if not given:
        return "not answered"
    if not team:
        return labels[given[0][0]]
    return "\n".join(f"{n} {labels[code]}" for code, n in given)


def _mean(x: CompetencySummary) -> float | None:
    return None if x.mean is None else round(x.mean, 2)


def summary_entity(ratings: Sequence[Rating] = (), team: bool = False) -> Entity[CompetencySummary]:
    """A competency's answers summed up; a count column per rating (none when only JSON is wanted)."""

    def status_label(x: CompetencySummary, _: Context) -> str:
        mean = "" if x.mean is None else f"{x.mean:.1f}"
        return STATUS_LABELS[x.status] + (f" ({mean})" if team and mean else "")

    def rating_count(n: int) -> Field[CompetencySummary]:
        return Field(ratings[n].code, text=lambda x, _: str(x.counts[n][1]))

    return Entity(
        "competency_summary",
        "A competency's answers: how many gave each rating, their mean score, and its status.",
        (
            Field(
                "id",
                STR,
                lambda x: x.competency.id,
                key="competency",
                column=head("Competency", no_wrap=True, style="bold"),
            ),
            Field("statement", INT, lambda x: x.statement.number, key="number", doc="the statement's number"),
            Field("text", STR, lambda x: x.statement.text, key="statement_text"),
            Field("title", text=lambda x, _: x.competency.title),
            Field("domain", STR, lambda x: x.domain.code),
            Field("counts", INT_MAP, lambda x: dict(x.counts), doc="how many gave each rating, by its code"),
            Field("ratings", text=lambda x, _: _ratings_text(x, ratings, team)),
            Field("answered", INT, lambda x: x.answered),
            Field("dont_know", INT, lambda x: x.dont_know),
            Field("mean", MAYBE_NUMBER, _mean),
            Field("status", one_of(*STATUS_LABELS), lambda x: x.status),
            Field("status_label", text=status_label),
            Field("primary", text=lambda x, _: " ".join(x.primary_standards)),
            *(rating_count(n) for n in range(len(ratings))),  # last: a rating coded dont_know is its count
        ),
        csv=("number", "competency", "title", *(r.code for r in ratings), "mean", "status"),
        table=("competency", "title", "ratings", "status_label"),
    )


def _links(pairs: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{cid}{'' if rel == 'primary' else ' (additional)'}" for cid, rel in pairs)


LINK: Entity[tuple[str, str]] = Entity(
    "competency_link",
    "A competency and how it meets a standard indicator.",
    (
        Field("competency", STR, lambda p: p[0]),
        Field("relation", one_of("primary", "additional"), lambda p: p[1]),
    ),
)
FOCUS: Entity[StandardFocus] = Entity(
    "standard_focus",
    "A standard indicator, with the growth areas and strengths that meet it.",
    (
        Field("id", STR, lambda f: f.indicator.id, column=head("ID", no_wrap=True, style="bold")),
        Field(
            "name",
            text=lambda f, _: f"{f.indicator.code} {f.indicator.name}",
            column=head("Standard indicator", ratio=2),
        ),
        Field(
            "growth",
            many(LINK),
            lambda f: f.growth,
            text=lambda f, _: _links(f.growth),
            column=head("Growth areas", ratio=2),
        ),
        Field(
            "strengths",
            many(LINK),
            lambda f: f.strengths,
            text=lambda f, _: _links(f.strengths),
            column=head("Strengths", ratio=2),
        ),
    ),
    table=("id", "name", "growth", "strengths"),
)
RATING: Entity[Rating] = Entity(
    "rating",
    "A rating the survey offers.",
    (
        Field("code", STR, lambda x: x.code),
        Field("label", STR, lambda x: x.label),
        Field("extent", {"type": ["string", "null"]}, lambda x: x.extent),
        Field("score", {"type": ["integer", "null"]}, lambda x: x.score),
    ),
)
PRIORITY: Entity[CompetencySummary] = Entity(
    "priority",
    "A competency to start with, and the standard indicators it counts toward.",
    (
        Field("id", STR, lambda x: x.competency.id),
        Field("primary", STRS, lambda x: list(x.primary_standards)),
    ),
)


def report_doc(summary: Entity[CompetencySummary]) -> Entity[Report]:
    return Entity(
        "assess_report_result",
        "crosswalk assess report FILE...: the self-assessment summed up.",
        (
            Field("files", STRS, lambda r: list(r.files)),
            Field("respondents", STRS, lambda r: list(r.respondents)),
            Field("ratings", many(RATING), lambda r: r.ratings),
            Field("competencies", many(summary), lambda r: r.summaries),
            Field("growth", STRS, lambda r: [x.competency.id for x in r.summaries if x.status == "growth"]),
            Field(
                "strengths", STRS, lambda r: [x.competency.id for x in r.summaries if x.status == "strength"]
            ),
            Field(
                "dont_know",
                INT_MAP,
                lambda r: {x.competency.id: x.dont_know for x in r.summaries if x.dont_know},
            ),
            Field(
                "missing",
                {"type": "object", "additionalProperties": STRS},
                lambda r: {name: list(ids) for name, ids in r.missing},
                doc="by file: the competencies it does not answer",
            ),
            Field("standards", many(FOCUS), lambda r: r.standards),
            Field("priorities", many(PRIORITY), lambda r: r.priorities),
            Field("questions", STRS, lambda r: list(r.questions)),
        ),
    )


def _longest(texts: Sequence[str], sep: str | None = None) -> int:
    """The longest word (or ``sep``-separated piece) of any text: the narrowest a column may be."""
    return max((len(part.strip()) for text in texts for part in text.split(sep)), default=1)


def view(r: Any, cw: Crosswalk) -> View:
    report: Report = r
    team = len(report.files) > 1
    entity = summary_entity(report.ratings, team)
    ctx = Context(cw)
    all_rows = [entity.row(x, ctx, table=True) for x in report.summaries]

    # Columns at least as wide as their longest word, so a narrow terminal wraps but never splits one.
    def narrowest(key: str, sep: str | None = None) -> int:
        return _longest([row[key] for row in all_rows], sep)

    def rows(items: Sequence[CompetencySummary]) -> tuple[dict[str, str], ...]:
        return tuple(entity.row(x, ctx, table=True) for x in items)

    columns = (
        entity.columns(("competency",))[0],
        Column("title", "Statement", ratio=3, min_width=narrowest("title")),
        Column("ratings", "Ratings", ratio=2, min_width=narrowest("ratings", "\n")),  # one rating a line
        Column("status_label", "Status", min_width=narrowest("status_label")),
    )
    by_domain: dict[str, list[CompetencySummary]] = {}
    for x in report.summaries:
        by_domain.setdefault(f"{x.domain.code} {x.domain.name}", []).append(x)
    sections = [Section(title, columns, rows(items)) for title, items in by_domain.items()]
    pick = columns[:3]
    growth = [x for x in report.summaries if x.status == "growth"]
    strengths = [x for x in report.summaries if x.status == "strength"]
    unknown = [x for x in report.summaries if x.dont_know]
    dont_know = count(sum(x.dont_know for x in report.summaries), "answer")
    sections += [
        Section(f"Growth areas (Not Yet / Emerging): {len(growth)}", pick, rows(growth)),
        Section(f"Strengths (Implementing): {len(strengths)}", pick, rows(strengths)),
        Section(f"I Don't Know: {dont_know}", pick, rows(unknown)),
        FOCUS.section(
            "Where growth areas and strengths meet the standards",
            [f for f in report.standards if f.growth or f.strengths],
            ctx,
            empty="No growth areas or strengths yet.",
        ),
        Section(
            "Where to start",
            (*pick, Column("primary", "Counts toward", ratio=1)),
            rows(report.priorities),
            empty="No growth areas: choose priorities from the developing competencies.",
        ),
    ]
    notes = [report.advice] if report.advice else []
    if 0 < len(report.priorities) < 3:
        notes.append(
            f"Only {len(report.priorities)} growth areas: add developing competencies to reach three."
        )
    for name, ids in report.missing:
        if ids:
            notes.append(f"Missing in {safe(name)}: {len(ids)} not answered ({', '.join(ids)}).")
    notes.append("Discussion questions: " + " ".join(f"({n}) {q}" for n, q in enumerate(report.questions, 1)))
    who = ", ".join(safe(name) for name in report.respondents)  # a name's control characters shown escaped
    return View(
        command="assess report",
        title=f"Self-assessment: {count(len(report.files), 'respondent')} ({who})",
        payload=report_doc(entity).item(report),
        sections=tuple(sections),
        notes=tuple(notes),
        csv=entity.csv_section("competencies", report.summaries, ctx),
    )
