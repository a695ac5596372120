"""`crosswalk matrix`: a crosswalk as a heat map, target items by the source framework's top items."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

from pathlib import Path
from typing import Annotated

import typer

from .common import TABLE, CrosswalkOpt, DataDirOpt, FormatOpt, JsonOpt, PackagedOpt, ThemeOpt, database, show


def matrix(
    ctx: typer.Context,
    relation: Annotated[
        str,
        typer.Option(
            "--relation",
            "-r",
            metavar="NAME",
            help="Which links to count: a relation of the crosswalk (primary, additional ...), or all.",
        ),
    ] = "all",
    theme: ThemeOpt = None,
    crosswalk: CrosswalkOpt = None,
    svg: Annotated[
        Path | None,
        typer.Option("--svg", help="Save the picture as SVG instead of printing the table.", dir_okay=False),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html", help="Save the picture as HTML instead of printing the table.", dir_okay=False
        ),
    ] = None,
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """A heat map: the crosswalk's target items by the source's top items, each cell the items linked."""
    from ..formats import emit
    from ..queries import fetch
    from ..queries.matrix import matrix as ask
    from ..queries.resolve import UnknownId, resolve_crosswalk, resolve_tags
    from ..views.matrix import links_view, view

    pictures = [(path, kind) for path, kind in ((svg, "svg"), (html, "html")) if path is not None]
    for path, _ in pictures:  # a bad path fails before anything is drawn or written
        _check_writable(path)
    db = database(data_dir, packaged)
    x = resolve_crosswalk(db, crosswalk)
    wanted = relation.strip().lower()
    if wanted != "all" and wanted not in x.relation_names:
        raise UnknownId(
            "relation", relation, hint=f"{x.id}'s relations are all, {', '.join(x.relation_names)}"
        )
    tags = resolve_tags(db, fetch.framework(db, x.source), theme or ())
    result = ask(db, x, wanted, tags)
    page = links_view(result) if crosswalk is not None else view(result)
    for path, kind in pictures:
        import io

        text = io.StringIO()
        emit(page, kind, text)
        from .common import write

        write(path, text.getvalue())
    source = ctx.get_parameter_source("fmt")
    asked = as_json or (source is not None and source.name != "DEFAULT")
    if asked or not pictures:  # saving a picture replaces the table, unless a format is asked for
        show(page, fmt, as_json)


def _check_writable(path: Path) -> None:
    import os

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
