"""`crosswalk assess take|report`: the self-assessment."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import TABLE, DataDirOpt, FormatOpt, JsonOpt, PackagedOpt, show, sources

if TYPE_CHECKING:
    import sqlite3

    from ..assess.assessment import Resolver, SelfAssessment
    from ..queries.assess import Framing

assess_app = typer.Typer(
    rich_markup_mode=None,
    help="The self-assessment survey of the data (self_assessment.yaml): take it, then report on it.",
    no_args_is_help=True,
)


def _survey(data_dir: Path | None, packaged: bool) -> "tuple[SelfAssessment, Framing, sqlite3.Connection]":
    """The survey your data directory has (else the packaged one), checked against the store of the data."""
    from ..assess.survey import open_survey, survey_path
    from ..datadir import default_data_dir
    from ..errors import DataError
    from ..loader import SELF_ASSESSMENT
    from ..store import open_database

    src = sources(data_dir, packaged)
    path = survey_path(src)
    if path is None:
        where = src.user or default_data_dir()
        hint = "; leave out --no-packaged to use the packaged one" if not src.packaged else ""
        raise DataError([f"{where}: no {SELF_ASSESSMENT} (the survey){hint}"])
    db = open_database(src)
    survey, framing = open_survey(path, db)
    return survey, framing, db


def _resolver(db: "sqlite3.Connection", survey: "SelfAssessment", framing: "Framing") -> "Resolver":
    """An id in an answers file, in any form the store knows for an item (its code, label or numbered
    form) -> the statement's item it names, or None."""
    from ..queries.assess import item_named

    depth = framing.items[survey.statements[0].item].depth if survey.statements else 0
    return lambda given: item_named(db, framing.source.id, depth, given)


@assess_app.command("take", short_help="Take the survey at the keyboard.")
def assess_take(
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Answers file, written after every answer; resumed if it exists."),
    ] = Path("self-assessment.yaml"),
    respondent: Annotated[str | None, typer.Option("--respondent", "-r", help="Your name or role.")] = None,
    start: Annotated[
        int | None,
        typer.Option("--start", "-s", min=1, help="Begin at this statement number (to change answers)."),
    ] = None,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """Take the survey at the keyboard: answer by number, b to go back, s to skip, q to stop."""
    from ..assess.take import check_options, take

    check_options(out, respondent)
    survey, framing, db = _survey(data_dir, packaged)
    code = take(out, respondent, start, survey, _resolver(db, survey, framing))
    if code:
        raise typer.Exit(code)


@assess_app.command("report", short_help="The answers summed up: where to start.")
def assess_report(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Answers files (YAML or CSV), one per person.")
    ],
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """Ratings per statement, growth areas and strengths, where they meet the crosswalk's target framework,
    where to start."""
    from ..assess.answers import read_team
    from ..assess.assessment import report
    from ..notice import say
    from ..queries.assess import reach
    from ..views.report import view

    survey, framing, db = _survey(data_dir, packaged)
    team, warnings = read_team(files, survey, _resolver(db, survey, framing))
    for warning in warnings:
        say(f"warning: {warning}")
    links = reach(db, framing, [s.item for s in survey.statements])
    show(view(report(survey, framing, links, team)), fmt, as_json)
