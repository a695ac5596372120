"""`crosswalk suggest`: draft the links nobody has published, measured, for a person to review."""

# No `from __future__ import annotations`: typer reads these signatures at every start.

import sqlite3
from pathlib import Path
from typing import Annotated

import typer

from .common import TABLE, DataDirOpt, FormatOpt, JsonOpt, PackagedOpt, _complete, answer, database, show


def suggest(
    ident: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="The item to suggest for (FRAMEWORK:CODE or a short id).",
            autocompletion=_complete("item"),
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to", help="The framework to suggest links into.", autocompletion=_complete("framework")
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Suggest for every item of this framework with no published link (a draft).",
            autocompletion=_complete("framework"),
        ),
    ] = None,
    top: Annotated[
        int, typer.Option("--top", "-k", min=1, max=100, help="How many candidates per item (at most 100).")
    ] = 5,
    evaluate: Annotated[
        str | None,
        typer.Option(
            "--evaluate", metavar="CROSSWALK", help="Measure the method on a crosswalk (leave-one-out)."
        ),
    ] = None,
    review: Annotated[
        bool, typer.Option("--review", help="Decide on a draft, item by item (with --from, --to, --out).")
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="The crosswalk file --review writes and resumes.")
    ] = None,
    reviewer: Annotated[
        str | None, typer.Option("--reviewer", help="Who reviews: recorded with each link.")
    ] = None,
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """Candidate links for an item, or a draft crosswalk, each with its evidence: suggestions, never links."""
    if ident is not None and to is not None and evaluate is None and source is None and not review:
        answer("suggest", [ident], fmt, as_json, data_dir, packaged, to=to, top=top)  # one item's
        return
    from ..suggest.run import draft, measure
    from ..views.suggestions import view

    db = database(data_dir, packaged)
    if evaluate is not None:
        if ident or to or source or review:
            raise typer.BadParameter("--evaluate takes a crosswalk and nothing else", param_hint="--evaluate")
        show(view(measure(db, evaluate)), fmt, as_json)
        return
    if to is None:
        raise typer.BadParameter("say which framework to suggest into", param_hint="--to")
    if review:
        _review(db, source, to, top, out, reviewer, ident, data_dir)
        return
    if ident is not None:  # (an ID alone is answered above)
        raise typer.BadParameter("give an ID or --from, not both", param_hint="--from")
    if source is None:
        raise typer.BadParameter(
            "give an ID, or --from FRAMEWORK for a draft of a whole framework", param_hint="ID"
        )
    show(view(draft(db, source, to, top)), fmt, as_json)


def _review(
    db: sqlite3.Connection,
    source: str | None,
    to: str,
    top: int,
    out: Path | None,
    reviewer: str | None,
    ident: str | None,
    data_dir: Path | None = None,
) -> None:
    from ..suggest.review import review
    from ..suggest.run import draft, relations_into

    if ident is not None or source is None:
        raise typer.BadParameter(
            "--review goes through a whole framework: give --from, not an ID", param_hint="--from"
        )
    if out is None:
        raise typer.BadParameter("--review saves every decision: give --out FILE", param_hint="--out")
    if str(out) == "-":
        raise typer.BadParameter(
            "--review saves to a file that a later run resumes, not '-'", param_hint="--out"
        )
    if not reviewer or not reviewer.strip():
        raise typer.BadParameter(
            "--review records who decided: give --reviewer NAME", param_hint="--reviewer"
        )
    from ..text.safe import first_unsafe

    problem = first_unsafe(reviewer)
    if problem is not None:
        raise typer.BadParameter(
            f"{problem}; use letters, digits, spaces and punctuation", param_hint="--reviewer"
        )
    from ..queries import fetch

    drafted = draft(db, source, to, top, review=True)
    _one_file_a_crosswalk(db, f"{drafted.source}-{drafted.target}", out, data_dir)
    targets = {i.code.lower(): i.code for i in fetch.where(db, "i.framework = ?", (drafted.target,))}
    code = review(drafted, relations_into(db, drafted.target)[:2], out, reviewer, targets)
    if code:
        raise typer.Exit(code)


def _one_file_a_crosswalk(db: sqlite3.Connection, cid: str, out: Path, data_dir: Path | None) -> None:
    """A review written into the data directory beside another file of the same crosswalk would leave
    the directory unreadable (two files, one id): refused before anything is asked or written."""
    row = db.execute("SELECT origin FROM crosswalk WHERE id = ?", (cid,)).fetchone()
    if row is None or data_dir is None or not data_dir.is_dir() or out.name == row[0]:
        return
    if out.resolve().parent == data_dir.resolve() and (data_dir / row[0]).exists():
        raise typer.BadParameter(
            f"the data directory already holds crosswalk {cid} in {row[0]}: resume it with --out "
            f"{data_dir / row[0]}, or write this review elsewhere",
            param_hint="--out",
        )
