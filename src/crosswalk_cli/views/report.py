"""The view of ``crosswalk assess report``: tables by top item (domain), growth areas and strengths,
where they meet the crosswalk's target framework, and where to start.

JSON and CSV carry each statement's status as a machine value (growth, middle, strength, unknown,
unanswered); tables and Markdown show a label for it. The frameworks' words (level names, relations)
come from the data; the report's own (statuses, ratings) from the survey. Respondents' names and file
names are shown with their control characters escaped. The published JSON keys (``competency``,
``domain``, ``standards``, ``primary``) are the CLI's contract.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..assess.assessment import standing
from ..formats.shape import Column, Section, View, stacked
from ..text.safe import escape_controls as safe
from .fields import INT, INT_MAP, MAYBE_NUMBER, STR, STRS, Context, Entity, Field, head, many, one_of
from .words import Words, cap, count

if TYPE_CHECKING:
    from ..assess.assessment import Rating, Report, Summary, TargetFocus

STATUS_LABELS = {  # JSON and CSV carry the status itself; tables and Markdown show these
    "growth": "growth area",
    "strength": "strength",
    "middle": "in between",  # neither growth area nor strength (not a rating's word)
    "unknown": "don't know",
    "unanswered": "not answered",
}


def _ratings_text(summary: Summary, ratings: Sequence[Rating], team: bool) -> str:
    given = [(code, n) for code, n in summary.counts if n]
    labels = {r.code: r.label for r in ratings}
    if not given:
        return "not answered"
    if not team:
        return labels[given[0][0]]
    return "\n".join(f"{n} {labels[code]}" for code, n in given)


def _mean(x: Summary) -> float | None:
    return None if x.mean is None else round(x.mean, 2)


def summary_entity(ratings: Sequence[Rating] = (), team: bool = False) -> Entity[Summary]:
    """A statement's answers summed up; a count column per rating (none when only JSON is wanted)."""

    def status_label(x: Summary, _: Context) -> str:
        mean = "" if x.mean is None else f"{x.mean:.1f}"
        return STATUS_LABELS[x.status] + (f" ({mean})" if team and mean else "")

    def rating_count(n: int) -> Field[Summary]:
        return Field(ratings[n].code, text=lambda x, _: str(x.counts[n][1]))

    return Entity(
        "competency_summary",
        "A competency's answers: how many gave each rating, their mean score, and its status.",
        (
            Field(
                "id",
                STR,
                lambda x: x.item.code,
                key="competency",
                column=head("Item", no_wrap=True, style="bold"),  # the view names it by its level
            ),
            Field("statement", INT, lambda x: x.statement.number, key="number", doc="the statement's number"),
            Field("text", STR, lambda x: x.statement.text, key="statement_text"),
            Field("title", text=lambda x, _: x.item.title),
            Field("domain", STR, lambda x: x.group.code),
            Field("counts", INT_MAP, lambda x: dict(x.counts), doc="how many gave each rating, by its code"),
            Field("ratings", text=lambda x, _: _ratings_text(x, ratings, team)),
            Field("answered", INT, lambda x: x.answered),
            Field("dont_know", INT, lambda x: x.dont_know),
            Field("mean", MAYBE_NUMBER, _mean),
            Field("status", one_of(*STATUS_LABELS), lambda x: x.status),
            Field("status_label", text=status_label),
            Field("primary", text=lambda x, _: " ".join(x.strongest)),
            *(rating_count(n) for n in range(len(ratings))),  # last: a rating coded dont_know is its count
        ),
        csv=("number", "competency", "title", *(r.code for r in ratings), "mean", "status"),
        table=("competency", "title", "ratings", "status_label"),
    )


def _links(pairs: Sequence[tuple[str, str]], ctx: Context) -> str:
    """``A.1, B.2 (weaker)``: a link by a relation other than the strongest names that relation."""
    strongest = ctx.words.relations[:1] if ctx.words is not None else ()
    return ", ".join(f"{code}{'' if rel in strongest else f' ({rel})'}" for code, rel in pairs)


LINK: Entity[tuple[str, str]] = Entity(
    "competency_link",
    "A statement's item and the relation by which it meets an item of the target framework.",
    (
        Field("competency", STR, lambda p: p[0]),
        Field("relation", STR, lambda p: p[1], doc="one of the crosswalk's relations"),
    ),
)
FOCUS: Entity[TargetFocus] = Entity(
    "standard_focus",
    "A leaf of the crosswalk's target framework, with the growth areas and strengths that meet it.",
    (
        Field("id", STR, lambda f: f.target.code, column=head("ID", no_wrap=True, style="bold")),
        Field(
            "name",
            text=lambda f, _: f"{f.target.label or f.target.code} {f.target.title}".strip(),
            column=head("Item", ratio=2),
        ),
        Field(
            "growth",
            many(LINK),
            lambda f: f.growth,
            text=lambda f, ctx: _links(f.growth, ctx),
            column=head("Growth areas", ratio=2),
        ),
        Field(
            "strengths",
            many(LINK),
            lambda f: f.strengths,
            text=lambda f, ctx: _links(f.strengths, ctx),
            column=head("Strengths", ratio=2),
        ),
    ),
    csv=("id", "name", "growth", "strengths"),
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
PRIORITY: Entity[Summary] = Entity(
    "priority",
    "A statement's item to start with, and the target leaves its strongest links count toward.",
    (
        Field("id", STR, lambda x: x.item.code),
        Field("primary", STRS, lambda x: list(x.strongest)),
    ),
)


def report_doc(summary: Entity[Summary]) -> Entity[Report]:
    return Entity(
        "assess_report_result",
        "crosswalk assess report FILE...: the self-assessment summed up.",
        (
            Field("files", STRS, lambda r: list(r.files)),
            Field("respondents", STRS, lambda r: list(r.respondents)),
            Field("ratings", many(RATING), lambda r: r.ratings),
            Field("competencies", many(summary), lambda r: r.summaries),
            Field("growth", STRS, lambda r: [x.item.code for x in r.summaries if x.status == "growth"]),
            Field("strengths", STRS, lambda r: [x.item.code for x in r.summaries if x.status == "strength"]),
            Field(
                "dont_know",
                INT_MAP,
                lambda r: {x.item.code: x.dont_know for x in r.summaries if x.dont_know},
            ),
            Field(
                "missing",
                {"type": "object", "additionalProperties": STRS},
                lambda r: {name: list(ids) for name, ids in r.missing},
                doc="by file: the competencies it does not answer",
            ),
            Field("standards", many(FOCUS), lambda r: r.targets),
            Field("priorities", many(PRIORITY), lambda r: r.priorities),
            Field("questions", STRS, lambda r: list(r.questions)),
        ),
    )


REPORT_DOC = report_doc(summary_entity())


def _longest(texts: Sequence[str], sep: str | None = None) -> int:
    """The longest word (or ``sep``-separated piece) of any text: the narrowest a column may be."""
    return max((len(part.strip()) for text in texts for part in text.split(sep)), default=1)


def _labels(ratings: Sequence[Rating], status: str | None) -> str:
    """The labels of the ratings whose score stands there (None: the ratings without a score)."""
    return " / ".join(
        r.label
        for r in ratings
        if (r.score is None if status is None else r.score is not None and standing(r.score) == status)
    )


def view(r: Any) -> View:
    report: Report = r
    f = report.framing
    words = Words(f.source, f.crosswalk, f.target)
    team = len(report.files) > 1
    entity = summary_entity(report.ratings, team)
    ctx = Context(words)
    all_rows = [entity.row(x, ctx, table=True) for x in report.summaries]

    # Columns at least as wide as their longest word, so a narrow terminal wraps but never splits one.
    def narrowest(key: str, sep: str | None = None) -> int:
        return _longest([row[key] for row in all_rows], sep)

    def rows(items: Sequence[Summary]) -> tuple[dict[str, str], ...]:
        return tuple(entity.row(x, ctx, table=True) for x in items)

    level = words.level(report.summaries[0].item) if report.summaries else f.source.level(0)
    columns = (
        entity.columns(("competency",), {"competency": cap(level.name)})[0],
        Column("title", "Title", ratio=3, min_width=narrowest("title")),
        Column("ratings", "Ratings", ratio=2, min_width=narrowest("ratings", "\n")),  # one rating a line
        Column("status_label", "Status", min_width=narrowest("status_label")),
    )
    by_group: dict[str, list[Summary]] = {}
    for x in report.summaries:
        by_group.setdefault(f"{x.group.code} {x.group.title}".strip(), []).append(x)
    sections = [Section(title, columns, rows(items)) for title, items in by_group.items()]
    pick = columns[:3]
    growth = [x for x in report.summaries if x.status == "growth"]
    strengths = [x for x in report.summaries if x.status == "strength"]
    unknown = [x for x in report.summaries if x.dont_know]
    dont_know = count(sum(x.dont_know for x in report.summaries), "answer")
    ratings = report.ratings
    target = f.target.level(f.leaves[0].depth if f.leaves else 0)
    names = words.names(level)  # "competencies"
    sections += [
        Section(f"Growth areas ({_labels(ratings, 'growth')}): {len(growth)}", pick, rows(growth)),
        Section(f"Strengths ({_labels(ratings, 'strength')}): {len(strengths)}", pick, rows(strengths)),
        Section(f"{_labels(ratings, None) or 'Not rated'}: {dont_know}", pick, rows(unknown)),
        FOCUS.section(
            f"Where growth areas and strengths meet the {f.target.level(0).plural}",
            [x for x in report.targets if x.growth or x.strengths],
            ctx,
            empty="No growth areas or strengths yet.",
            headers={"name": cap(target.long)},
        ),
        Section(
            "Where to start",
            (*pick, Column("primary", "Counts toward", ratio=1)),
            rows(report.priorities),
            empty=f"No growth areas: choose priorities from the {names} in between.",
        ),
    ]
    notes = [report.advice] if report.advice else []
    if 0 < len(report.priorities) < 3:
        only = count(len(report.priorities), "growth area")
        notes.append(f"Only {only}: add {names} in between to reach three.")
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
        csv=stacked(
            entity.csv_section("competencies", report.summaries, ctx),
            FOCUS.csv_section("standards", report.targets, ctx),
            Section(
                "priorities",
                tuple(Column(k, k) for k in ("competency", "title", "primary")),
                tuple(entity.row(x, ctx) for x in report.priorities),
            ),
        ),
    )
