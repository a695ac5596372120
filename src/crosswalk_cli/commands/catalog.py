"""`crosswalk frameworks`, `crosswalk item ID`, `crosswalk items FRAMEWORK`: any framework in the data."""

# No `from __future__ import annotations`: typer reads these signatures at every start.

from typing import Annotated

import typer

from .common import DataDirOpt, Format, FormatOpt, JsonOpt, _complete, database, show


def frameworks(fmt: FormatOpt = Format.table, as_json: JsonOpt = False, data_dir: DataDirOpt = None) -> None:
    """Every framework and crosswalk in the data, with their items and links counted."""
    from ..catalog import catalog

    show(catalog(database(data_dir)), None, fmt, as_json)


def item(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="FRAMEWORK:CODE, or a short id only one item answers to (see crosswalk items).",
            autocompletion=_complete("item"),
        ),
    ],
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Any item of any framework: text, parent and parts, tags, notes, and its links in every crosswalk."""
    from ..catalog import item as ask
    from ..catalog import resolve_item

    db = database(data_dir)
    show(ask(db, resolve_item(db, ident)), None, fmt, as_json)


def items(
    framework: Annotated[
        str,
        typer.Argument(
            metavar="FRAMEWORK",
            help="A framework id (MA, JFF, BPS...).",
            autocompletion=_complete("framework"),
        ),
    ],
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """A framework's items in printed order, with their levels."""
    from ..catalog import items as ask
    from ..catalog import resolve_framework

    db = database(data_dir)
    show(ask(db, resolve_framework(db, framework)), None, fmt, as_json)
