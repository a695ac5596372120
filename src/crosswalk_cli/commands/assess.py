"""`crosswalk assess take|report`: the self-assessment."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import TABLE as _TABLE, DataDirOpt, FormatOpt, JsonOpt, show  # ported by the assess helper

assess_app = typer.Typer(
    rich_markup_mode=None,
    help="The Leadership Competencies Self-Assessment (Appendix A): take it, then report on it.",
    no_args_is_help=True,
)


@assess_app.command("take")
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
) -> None:
    """Take the survey at the keyboard: answer by number, b to go back, s to skip, q to stop."""
    from ..loader import load_self_assessment
    from ..take import check_options, take

    check_options(out, respondent)
    cw = load(data_dir)
    code = take(out, respondent, start, cw, load_self_assessment(cw, data_dir))
    if code:
        raise typer.Exit(code)


@assess_app.command("report")
def assess_report(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Answers files (YAML or CSV), one per person.")
    ],
    fmt: FormatOpt = _TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Ratings per competency, growth areas and strengths, where they meet the standards, where to start."""
    from ..answerfile import read_team
    from ..assessment import report
    from ..loader import load_self_assessment

    cw = load(data_dir)
    survey = load_self_assessment(cw, data_dir)
    team, warnings = read_team(files, survey, cw)
    for warning in warnings:
        sys.stderr.write(f"crosswalk: warning: {warning}\n")
    show(report(survey, cw, team), cw, fmt, as_json)
