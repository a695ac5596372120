"""`crosswalk coverage CROSSWALK`: what a crosswalk leaves out, on both sides, and what was decided."""

# No `from __future__ import annotations`: typer reads these signatures at every start.

from typing import Annotated

import typer

from .common import TABLE, DataDirOpt, FormatOpt, JsonOpt, PackagedOpt, _complete, database, show


def coverage(
    crosswalk: Annotated[
        str,
        typer.Argument(
            metavar="CROSSWALK",
            help="The crosswalk (its id: see crosswalk frameworks).",
            autocompletion=_complete("crosswalk"),
        ),
    ],
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """The items a crosswalk links to nothing, on both sides: a decided 'no match' apart from items nobody
    decided on; and, per level, how many items are linked."""
    from ..queries.coverage import coverage as ask
    from ..queries.resolve import resolve_crosswalk
    from ..views.coverage import view

    db = database(data_dir, packaged)
    show(view(ask(db, resolve_crosswalk(db, crosswalk))), fmt, as_json)
