"""Taking the self-assessment at the keyboard (``crosswalk assess take``).

Every answer is saved at once; the answers file is locked for the whole session so that two sessions
cannot overwrite each other's answers; the end of input (a closed terminal, a closed stdin) stops the
session with every answer given kept; text is wrapped to the terminal's width without breaking words.

Without ``--start`` the session goes from open statement to open statement: answering or skipping one
leads to the next statement without an answer, so an answer given earlier is changed only on purpose
(``b`` steps back to the previous statement, answered or not; ``--start N`` begins at statement N and
steps through every statement in order from there).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ExitStatus
from ..fileio import FileError, exclusive_lock, read_regular, shown
from ..prompt import BACK, SKIP, STOP, ask, echo, move, pack, wrap
from ..text.safe import first_unsafe
from .answers import MAX_BYTES, is_csv, parse_answers, save_answers
from .assessment import Answers, AnswersError, Resolver, SelfAssessment, first_unanswered, parse_rating

STOPPED = 130  # exit code after Ctrl-C, as shells report it


def check_options(out: Path, respondent: str | None) -> None:
    """Refuse, before anything is read or written, what could not be saved."""
    if str(out) == "-":
        raise AnswersError("--out: answers must go to a file, which a later run can resume", ExitStatus.USAGE)
    if respondent is not None:
        problem = first_unsafe(respondent)
        if problem is not None:
            raise AnswersError(
                f"--respondent: {problem}; use letters, digits, spaces and punctuation", ExitStatus.USAGE
            )
        if is_csv(out):
            raise AnswersError(
                f"--respondent: a CSV answers file ({shown(out)}) has no place for it; "
                "use a .yaml file or leave --respondent out",
                ExitStatus.USAGE,
            )


def take(
    out: Path, respondent: str | None, start: int | None, survey: SelfAssessment, resolve: Resolver
) -> int:
    """Run the survey; return the exit code. ``resolve``: an id in the answers file -> a statement's item."""
    check_options(out, respondent)
    with exclusive_lock(out, "'crosswalk assess take'"):
        return _session(out, respondent, start, survey, resolve)


def _session(
    out: Path, respondent: str | None, start: int | None, survey: SelfAssessment, resolve: Resolver
) -> int:
    import datetime as dt

    n = len(survey.statements)
    raw = read_regular(out, MAX_BYTES)
    name = shown(out)
    if raw is not None:
        previous = parse_answers(out, raw, survey, resolve)
        answers = Answers(
            respondent or previous.respondent, previous.date, dict(previous.answers), previous.layout
        )
    else:
        answers = Answers(respondent, dt.date.today().isoformat(), {})
        try:
            save_answers(out, answers, survey)
        except FileError as exc:
            raise AnswersError([str(exc), "nothing was saved"]) from None
    saved = len(answers.answers)
    in_order = start is not None  # every statement from --start N on; else only the open ones
    index = min(start, n) - 1 if start is not None else first_unanswered(survey, answers.answers)
    if raw is not None:
        echo(wrap(f"Resuming {name}: {saved} of {n} answered."))
    else:
        echo(wrap(survey.introduction))
        echo(wrap(survey.instructions))
    choices = pack([f"{k} {r.label}" for k, r in enumerate(survey.ratings, 1)], "  ")
    shown_group = None
    try:
        while index is not None:
            statement = survey.statements[index]
            if statement.group != shown_group:
                heading = next((g for g in survey.groups if g.item == statement.group), None)
                if heading is not None:
                    echo()
                    echo(wrap(heading.heading))
                    echo(wrap(heading.introduction))
                echo(wrap(survey.prompt))
                shown_group = statement.group
            current = answers.answers.get(statement.item)
            rating = survey.rating(current) if current else None
            label = rating.display if rating else "not answered"
            echo()
            echo(wrap(f"{index + 1} of {n}  ({statement.item})  {statement.text}", "  ", ""))
            echo(choices)
            echo(pack(["b back", "s skip", "q stop", f"[now: {label}]"], "  ", "  "))
            reply = ask()
            if reply == STOP:
                break
            if reply == BACK:
                index = move(index, n, reply)
                continue
            if reply == SKIP:
                index = _next(index, n, in_order, survey, answers)
                continue
            code = parse_rating(survey, reply)
            if code is None:
                echo(wrap(f"Type 1-{len(survey.ratings)}, b, s or q.", "  "))
                continue
            answers.answers[statement.item] = code
            try:
                save_answers(out, answers, survey)
            except FileError as exc:
                raise AnswersError(
                    [
                        str(exc),
                        f"the answer to {index + 1} ({statement.item}) was NOT saved; "
                        f"{saved} of {n} answers are saved in {name}",
                    ]
                ) from None
            saved = len(answers.answers)
            index = _next(index, n, in_order, survey, answers)
    except KeyboardInterrupt:
        echo()
        echo(wrap(f"Stopped. {saved} of {n} answers are saved in {name}."))
        return STOPPED
    missing = [s.item for s in survey.statements if s.item not in answers.answers]
    echo()
    echo(wrap(f"{saved} of {n} answered, saved in {name}."))
    if missing:
        echo(wrap(f"Not answered yet: {', '.join(missing)}. Run the same command again to continue."))
    elif not in_order:
        echo(wrap("Every statement is answered. To change answers, add --start N to begin at statement N."))
    echo(wrap(f"Report: crosswalk assess report {name}"))
    return 0


def _next(index: int, n: int, in_order: bool, survey: SelfAssessment, answers: Answers) -> int | None:
    """The statement after ``index``: the next one (``in_order``) or the next without an answer; None
    past the last."""
    if in_order:
        return move(index, n, SKIP)
    return next((i for i in range(index + 1, n) if survey.statements[i].item not in answers.answers), None)
