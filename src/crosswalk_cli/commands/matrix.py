"""`crosswalk matrix`: the heat map of links by standard indicator and domain."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .common import DataDirOpt, Format, FormatOpt, JsonOpt, ThemeOpt, database, load, show, write


class Relation(StrEnum):
    all = "all"
    primary = "primary"
    additional = "additional"


def matrix(
    ctx: typer.Context,
    relation: Annotated[
        Relation, typer.Option("--relation", "-r", case_sensitive=False, help="Which links to count.")
    ] = Relation.all,
    theme: ThemeOpt = None,
    crosswalk: Annotated[
        str | None,
        typer.Option("--crosswalk", metavar="ID", help="Another crosswalk of the data (any two frameworks)."),
    ] = None,
    svg: Annotated[
        Path | None, typer.Option("--svg", help="Also save the picture as SVG.", dir_okay=False)
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also save the picture as HTML.", dir_okay=False)
    ] = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """A heat map: standard indicators by domain, each cell the number of linked competency indicators."""
    from ..formats.picture import picture
    from ..queries.matrix import matrix as ask
    from ..queries.resolve import resolve_themes
    from ..views import build

    pictures = [(path, kind) for path, kind in ((svg, "svg"), (html, "html")) if path is not None]
    for path, _ in pictures:  # a bad path fails before anything is drawn or written
        _check_writable(path)
    if crosswalk is not None:
        from ..catalog import link_matrix

        if theme:
            raise typer.BadParameter(
                "--theme goes with the MAPLE matrix, not --crosswalk", param_hint="--theme"
            )
        cw = None
        result: object = link_matrix(database(data_dir), crosswalk, relation.value)
    else:
        cw = load(data_dir)
        result = ask(cw, relation.value, resolve_themes(cw, theme or ()))
    for path, kind in pictures:
        write(path, picture(build(result, cw), kind))
    source = ctx.get_parameter_source("fmt")
    asked = as_json or (source is not None and source.name != "DEFAULT")
    if asked or not pictures:  # saving a picture replaces the table, unless a format is asked for
        show(result, cw, fmt, as_json)


def _check_writable(path: Path) -> None:
    from ..errors import DataError

    folder = path.parent if str(path.parent) else Path(".")
    try:
        if path.is_dir():
            raise DataError([f"{path}: is a directory"])
        if not folder.is_dir():
            raise DataError([f"{path}: cannot write: no folder {folder}"])
        if not os.access(folder, os.W_OK | os.X_OK):
            raise DataError([f"{path}: cannot write: permission denied"])
    except OSError as exc:
        raise DataError([f"{path}: cannot write: {exc.strerror}"]) from None
