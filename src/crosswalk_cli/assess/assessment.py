"""The self-assessment: a survey of the data (self_assessment.yaml), its answers, and the team report.

Pure logic: moving through the survey and summarising answers against the crosswalk the survey names.
The survey is read in assess/survey.py, what it refers to from the store in queries/assess.py; answer
files are read and written in answers.py; the terminal side of taking the survey lives in take.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import CrosswalkError, ExitStatus

if TYPE_CHECKING:
    from ..queries.assess import Framing
    from ..queries.records import ItemRef

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
class Group:
    """The heading and introduction shown before the statements under a top item (a domain)."""

    item: str
    heading: str
    introduction: str


@dataclass(frozen=True, eq=False)
class Statement:
    number: int
    item: str  # the code of the item of the crosswalk's source framework it restates
    text: str
    group: str = ""  # the code of that item's top item


@dataclass(frozen=True, eq=False)
class SelfAssessment:
    crosswalk: str  # the crosswalk's id: its source framework holds the statements' items
    title: str  # the survey's name, as the answers files it writes name it
    source: str
    introduction: str
    instructions: str
    prompt: str
    ratings: tuple[Rating, ...]
    groups: tuple[Group, ...]
    statements: tuple[Statement, ...]
    questions: tuple[str, ...]
    discussion: str = ""  # the line printed before the questions ("Discuss your thinking ...")
    advice: str = ""  # the report's own advice on where to start, shown with the priorities
    start_with: str | None = None  # the top item whose growth areas the advice puts first
    sealed: bool = False  # its file carries a seal (which then matched: else it is not read)

    def rating(self, code: str) -> Rating | None:
        return next((r for r in self.ratings if r.code == code), None)


@dataclass(frozen=True, eq=False)
class CsvLayout:
    """How a CSV answers file was written, so that saving it again keeps its form: the header as it
    was, where the two needed columns are, each row's cells and the rating they were read as."""

    header: tuple[str, ...] = ("competency", "rating")  # the answers format's own column names
    competency_column: int = 0
    rating_column: int = 1
    rows: dict[str, tuple[str, ...]] = field(default_factory=dict)  # statement's item -> cells
    read_as: dict[str, str] = field(default_factory=dict)  # statement's item -> rating code
    bom: bool = False
    newline: str = "\n"


@dataclass(frozen=True, eq=False)
class Answers:
    respondent: str | None
    date: str | None
    answers: dict[str, str]  # statement's item code -> rating code
    layout: CsvLayout | None = None  # set for answers read from a CSV file


Resolver = Callable[[str], str | None]  # an id as typed in an answers file -> a statement's item, or None


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
    return next((i for i in order if survey.statements[i].item not in answers), None)


# --- The report -------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Summary:
    """A statement's answers summed up, with its item, its top item and where its links reach."""

    statement: Statement
    item: ItemRef
    group: ItemRef  # the item's top item (a domain)
    counts: tuple[tuple[str, int], ...]  # rating code -> how many, in rating order
    answered: int
    dont_know: int
    mean: float | None
    status: str  # "growth", "strength", "middle", "unknown" (only I Don't Know) or "unanswered"
    links: dict[str, str]  # target leaf code -> the strongest relation linking it, in target order
    strongest: tuple[str, ...]  # the target leaves linked by the crosswalk's strongest relation


@dataclass(frozen=True, eq=False)
class TargetFocus:
    target: ItemRef  # a leaf of the target framework
    growth: tuple[tuple[str, str], ...]  # (statement's item code, relation)
    strengths: tuple[tuple[str, str], ...]


@dataclass(frozen=True, eq=False)
class Report:
    files: tuple[str, ...]
    respondents: tuple[str, ...]
    ratings: tuple[Rating, ...]
    summaries: tuple[Summary, ...]
    missing: tuple[tuple[str, tuple[str, ...]], ...]  # file -> unanswered statements' item codes
    targets: tuple[TargetFocus, ...]
    priorities: tuple[Summary, ...]
    questions: tuple[str, ...]
    framing: Framing
    advice: str = ""


def standing(score: float) -> str:
    """Where a score (a mean, or a rating's own) stands: "growth", "strength" or "middle"."""
    if score < GROWTH_BELOW:
        return "growth"
    if score >= STRENGTH_FROM:
        return "strength"
    return "middle"


def _status(mean: float | None, dont_know: int) -> str:
    if mean is None:
        return "unknown" if dont_know else "unanswered"
    return standing(mean)


def report(
    survey: SelfAssessment,
    framing: Framing,
    reach: Mapping[str, Mapping[str, str]],
    files: Sequence[tuple[str, Answers]],
) -> Report:
    """Summarise one or more respondents' answers, and connect them to the crosswalk's target framework
    (``reach``: each statement's item -> the target leaves its links reach, by relation)."""
    scores = {r.code: r.score for r in survey.ratings}
    strongest = framing.crosswalk.relation_names[:1]
    summaries = []
    for s in survey.statements:
        given = [a.answers[s.item] for _, a in files if s.item in a.answers]
        counts = tuple((r.code, given.count(r.code)) for r in survey.ratings)
        rated = [score for code in given if (score := scores[code]) is not None]
        mean = sum(rated) / len(rated) if rated else None
        dont_know = sum(1 for code in given if scores[code] is None)
        links = dict(reach[s.item])
        summary = Summary(
            s,
            framing.items[s.item],
            framing.items[s.group],
            counts,
            len(given),
            dont_know,
            mean,
            _status(mean, dont_know),
            links,
            tuple(code for code, relation in links.items() if relation in strongest),
        )
        summaries.append(summary)

    def linked(code: str, status: str) -> tuple[tuple[str, str], ...]:
        return tuple(
            (x.item.code, x.links[code]) for x in summaries if code in x.links and x.status == status
        )

    focus = [
        TargetFocus(leaf, linked(leaf.code, "growth"), linked(leaf.code, "strength"))
        for leaf in framing.leaves
    ]
    return Report(
        files=tuple(name for name, _ in files),
        respondents=tuple(a.respondent or name for name, a in files),
        ratings=survey.ratings,
        summaries=tuple(summaries),
        missing=tuple(
            (name, tuple(s.item for s in survey.statements if s.item not in a.answers)) for name, a in files
        ),
        targets=tuple(focus),
        priorities=_priorities(summaries, survey.start_with),
        questions=survey.questions,
        framing=framing,
        advice=survey.advice,
    )


def _priorities(summaries: Iterable[Summary], start_with: str | None) -> tuple[Summary, ...]:
    """The report's advice applied: growth areas, those under the top item it starts with first, lowest
    first; three to five of them (fewer only if fewer are growth areas)."""
    growth = [s for s in summaries if s.status == "growth"]
    growth.sort(key=lambda s: (s.group.code != start_with, s.mean if s.mean is not None else 0.0))
    return tuple(growth[: PRIORITIES[1]])
