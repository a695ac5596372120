"""`crosswalk frameworks`, `crosswalk item ID`, `crosswalk items FRAMEWORK`: any framework in the data."""

# No `from __future__ import annotations`: typer reads these signatures at every start.

from typing import Annotated

import typer

from .common import (
    TABLE,
    DataDirOpt,
    FormatOpt,
    JsonOpt,
    PackagedOpt,
    _complete,
    answer,
)


def frameworks(
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """Every framework and crosswalk in the data, where each came from, with items and links counted."""
    answer("frameworks", [], fmt, as_json, data_dir, packaged)


def item(
    idents: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="FRAMEWORK:CODE, or a short id only one item answers to (see crosswalk items); several "
            "give several answers in one output (docs/multi-id.md).",
            autocompletion=_complete("item"),
        ),
    ],
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """Any item of any framework: text, parts, tags, notes, errata, and its links in every crosswalk."""
    answer("item", idents, fmt, as_json, data_dir, packaged)


def items(
    framework: Annotated[
        str,
        typer.Argument(
            metavar="FRAMEWORK",
            help="A framework id (see crosswalk frameworks).",
            autocompletion=_complete("framework"),
        ),
    ],
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """A framework's items in printed order, with their levels."""
    answer("items", [framework], fmt, as_json, data_dir, packaged)
