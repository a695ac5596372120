"""The Leadership Competencies Self-Assessment: the survey, its answers, and the team report.

Pure logic: moving through the survey and summarising answers against the crosswalk. Answer files
are read and written in answerfile.py; the terminal side of taking the survey lives in take.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .errors import CrosswalkError, ExitStatus
from .model import Competency, Crosswalk, Domain, StandardIndicator

GROWTH_BELOW = 2.5  # mean score under this: Not Yet / Emerging territory
STRENGTH_FROM = 3.5  # mean score from this: Implementing territory
PRIORITIES = (3, 5)  # the report's advice: pick three to five


class AnswersError(CrosswalkError):
    """Answers files that cannot be used: one line per problem, each naming the file and the entry."""

    def __init__(self, problems: str | Iterable[str], exit_code: int = ExitStatus.DATA) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.exit_code = exit_code
        super().__init__("\n".join(self.problems))

    def lines(self) -> list[str]:
        return self.problems


@dataclass(frozen=True, eq=False)
class Rating:
    code: str
    label: str
    extent: str | None
    score: int | None

    @property
    def display(self) -> str:
        return f"{self.label} ({self.extent})" if self.extent else self.label


@dataclass(frozen=True, eq=False)
class SurveyDomain:
    domain: str
    heading: str
    introduction: str


@dataclass(frozen=True, eq=False)
class Statement:
    number: int
    competency: str
    text: str


@dataclass(frozen=True, eq=False)
class SelfAssessment:
    source: str
    introduction: str
    instructions: str
    prompt: str
    ratings: tuple[Rating, ...]
    domains: tuple[SurveyDomain, ...]
    statements: tuple[Statement, ...]
    questions: tuple[str, ...]
    discussion: str = ""  # the line printed before the questions ("Discuss your thinking ...")
    advice: str = ""  # the report's own advice on where to start, shown with the priorities

    def rating(self, code: str) -> Rating | None:
        return next((r for r in self.ratings if r.code == code), None)


@dataclass(frozen=True, eq=False)
class CsvLayout:
    """How a CSV answers file was written, so that saving it again keeps its form: the header as it
    was, where the two needed columns are, each row's cells and the rating they were read as."""

    header: tuple[str, ...] = ("competency", "rating")
    competency_column: int = 0
    rating_column: int = 1
    rows: dict[str, tuple[str, ...]] = field(default_factory=dict)  # competency id -> cells
    read_as: dict[str, str] = field(default_factory=dict)  # competency id -> rating code
    bom: bool = False
    newline: str = "\n"


@dataclass(frozen=True, eq=False)
class Answers:
    respondent: str | None
    date: str | None
    answers: dict[str, str]  # competency id -> rating code
    layout: CsvLayout | None = None  # set for answers read from a CSV file


# --- Ratings -------------------------------------------------------------------------------------


def parse_rating(survey: SelfAssessment, text: str) -> str | None:
    """A rating code from a code, a label or a choice number ('2', 'emerging', 'I Don't Know')."""
    key = text.strip().lower().replace("’", "'")
    for n, r in enumerate(survey.ratings, 1):
        if key in (str(n), r.code, r.label.lower(), r.code.replace("_", " "), r.display.lower()):
            return r.code
    return None


# --- Taking the survey ----------------------------------------------------------------------------


def first_unanswered(survey: SelfAssessment, answers: dict[str, str], start: int = 0) -> int | None:
    """Index of the first statement at or after ``start`` without an answer, then from the top."""
    order = list(range(start, len(survey.statements))) + list(range(start))
    return next((i for i in order if survey.statements[i].competency not in answers), None)


# --- The report -------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class CompetencySummary:
    statement: Statement
    competency: Competency
    domain: Domain
    counts: tuple[tuple[str, int], ...]  # rating code -> how many, in rating order
    answered: int
    dont_know: int
    mean: float | None
    status: str  # "growth", "strength", "middle", "unknown" (only I Don't Know) or "unanswered"
    links: dict[str, str]  # standard indicator id -> "primary" or "additional"

    @property
    def primary_standards(self) -> tuple[str, ...]:
        return tuple(sid for sid, relation in self.links.items() if relation == "primary")


@dataclass(frozen=True, eq=False)
class StandardFocus:
    indicator: StandardIndicator
    growth: tuple[tuple[str, str], ...]  # (competency id, relation)
    strengths: tuple[tuple[str, str], ...]


@dataclass(frozen=True, eq=False)
class Report:
    files: tuple[str, ...]
    respondents: tuple[str, ...]
    ratings: tuple[Rating, ...]
    summaries: tuple[CompetencySummary, ...]
    missing: tuple[tuple[str, tuple[str, ...]], ...]  # file -> unanswered competency ids
    standards: tuple[StandardFocus, ...]
    priorities: tuple[CompetencySummary, ...]
    questions: tuple[str, ...]
    advice: str = ""


def _status(mean: float | None, answered: int, dont_know: int) -> str:
    if mean is None:
        return "unknown" if dont_know else "unanswered"
    if mean < GROWTH_BELOW:
        return "growth"
    if mean >= STRENGTH_FROM:
        return "strength"
    return "middle"


def competency_links(cw: Crosswalk, competency: Competency) -> dict[str, str]:
    """Standard indicator id -> 'primary' or 'additional' for any of the competency's indicators;
    an alignment to a whole standard counts for each of its indicators."""
    links: dict[str, str] = {}
    for iid in competency.indicator_ids:
        for a in cw.by_competency.get(iid, ()):
            for sid, relation in [(a.primary, "primary"), *((s, "additional") for s in a.additional)]:
                targets = cw.standards[sid].indicator_ids if sid in cw.standards else (sid,)
                for target in targets:
                    if links.get(target) != "primary":
                        links[target] = relation
    return links


def report(survey: SelfAssessment, cw: Crosswalk, files: Sequence[tuple[str, Answers]]) -> Report:
    """Summarise one or more respondents' answers, and connect them to the standards."""
    scores = {r.code: r.score for r in survey.ratings}
    summaries = []
    for s in survey.statements:
        given = [a.answers[s.competency] for _, a in files if s.competency in a.answers]
        counts = tuple((r.code, given.count(r.code)) for r in survey.ratings)
        rated = [score for code in given if (score := scores[code]) is not None]
        mean = sum(rated) / len(rated) if rated else None
        dont_know = sum(1 for code in given if scores[code] is None)
        comp = cw.competencies[s.competency]
        links = competency_links(cw, comp)
        ordered = {sid: links[sid] for sid in cw.standard_indicators if sid in links}
        status = _status(mean, len(given), dont_know)
        summary = CompetencySummary(
            s, comp, cw.domains[comp.domain], counts, len(given), dont_know, mean, status, ordered
        )
        summaries.append(summary)

    def linked(sid: str, status: str) -> tuple[tuple[str, str], ...]:
        return tuple(
            (x.competency.id, x.links[sid]) for x in summaries if sid in x.links and x.status == status
        )

    focus = [
        StandardFocus(si, linked(si.id, "growth"), linked(si.id, "strength"))
        for si in cw.standard_indicators.values()
    ]
    return Report(
        files=tuple(name for name, _ in files),
        respondents=tuple(a.respondent or name for name, a in files),
        ratings=survey.ratings,
        summaries=tuple(summaries),
        missing=tuple(
            (name, tuple(s.competency for s in survey.statements if s.competency not in a.answers))
            for name, a in files
        ),
        standards=tuple(focus),
        priorities=_priorities(summaries),
        questions=survey.questions,
        advice=survey.advice,
    )


def _priorities(summaries: Iterable[CompetencySummary]) -> tuple[CompetencySummary, ...]:
    """The report's advice applied: growth areas, the foundational domain first, lowest first;
    three to five of them (fewer only if fewer are growth areas)."""
    growth = [s for s in summaries if s.status == "growth"]
    growth.sort(key=lambda s: (s.domain.role != "foundational", s.mean if s.mean is not None else 0.0))
    return tuple(growth[: PRIORITIES[1]])
