"""`crosswalk site OUT/`: the data as a static site, for people who never open a terminal."""

# No `from __future__ import annotations`: typer reads these signatures at every start.

from pathlib import Path
from typing import Annotated

import typer

from .common import DataDirOpt, PackagedOpt, sources


def site(
    out: Annotated[
        Path,
        typer.Argument(
            metavar="OUT",
            help="The folder to write: new, empty, or an earlier site holding nothing else (replaced).",
            file_okay=False,
        ),
    ],
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="Where the site will be served (e.g. https://example.org/crosswalk/): pages name their "
            "canonical URL under it. Links stay relative either way.",
        ),
    ] = None,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """A static site of the data: every framework, item, crosswalk and tag on its own page, search and the
    self-assessment; no server or network needed, from a web host or straight from the files."""
    from ..fileio import shown
    from ..notice import say
    from ..site import build, check_base_url

    if base_url is not None:
        check_base_url(base_url)  # a bad URL is refused (exit 2) before anything is read or written
    count = build(sources(data_dir, packaged), out, base_url)
    say(f"wrote {count} files to {shown(out)}")
