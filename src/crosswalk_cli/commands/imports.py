"""`crosswalk import case PACKAGE.json... --out DIR`: CASE packages in, a data directory out."""

# No `from __future__ import annotations`: typer reads these signatures at every start.

from pathlib import Path
from typing import Annotated

import typer

from .common import say

import_app = typer.Typer(
    rich_markup_mode=None,
    help="Bring frameworks in from other tools: CASE 1.1 or 1.0 packages.",
    no_args_is_help=True,
)


@import_app.command("case")
def import_case(
    packages: Annotated[
        list[Path],
        typer.Argument(
            metavar="PACKAGE.json...", help="CASE packages (CFPackage JSON), as OpenSALT serves them."
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="The data directory to write (query it with --data-dir).", file_okay=False
        ),
    ],
) -> None:
    """Each CFDocument becomes a framework file and its associations a crosswalk file, all written at once."""
    from ..caseimport import import_packages
    from ..fileio import shown, write_tree
    from ..loader import load

    files = import_packages(packages)
    write_tree(out, {name: text.encode("utf-8") for name, text in files.items()})
    for name in files:
        say(f"wrote {shown(out / name)}")
    load(out)  # what was written reads back as data; a problem here is one to report, not to hide
