"""`crosswalk export ...`: the whole crosswalk as CSV, Markdown, CASE 1.1 or SQLite."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import DataDirOpt, load, say, write

export_app = typer.Typer(
    rich_markup_mode=None,
    help="The whole crosswalk as CSV, Markdown, CASE 1.1 JSON or a SQLite database.",
    no_args_is_help=True,
)
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Write to this file instead of stdout ('-': stdout).", dir_okay=False),
]


@export_app.command("csv")
def export_csv(out: OutOpt = None, data_dir: DataDirOpt = None) -> None:
    """One row per link (primary and additional), for spreadsheets; UTF-8, quoted as needed."""
    from ..export import csv_text

    text = csv_text(load(data_dir))
    if out is None:
        sys.stdout.write(text)
    else:
        write(out, text, encoding="utf-8-sig")  # the byte-order mark makes spreadsheets read UTF-8


@export_app.command("markdown")
def export_markdown(out: OutOpt = None, data_dir: DataDirOpt = None) -> None:
    """The Full Crosswalk as a Markdown document, by standard and indicator, errata as footnotes."""
    from ..export import markdown

    text = markdown(load(data_dir))
    if out is None:
        sys.stdout.write(text)
    else:
        write(out, text)


@export_app.command("case")
def export_case(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Directory for the three packages.", file_okay=False)
    ],
    base_uri: Annotated[
        str | None,
        typer.Option(
            "--base-uri",
            metavar="URL",
            help="Mint each uri as URL/identifier (e.g. https://case.example.org/uri) instead of urn:uuid:.",
        ),
    ] = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Three CASE 1.1 packages: the standards, the competencies, and the crosswalk's links."""
    import json

    from ..case import case_packages, uri_minter
    from ..fileio import shown, write_tree

    uri_minter(base_uri)  # a bad URL is refused before anything is written
    packages = case_packages(load(data_dir), base_uri)
    write_tree(
        out,
        {name: (json.dumps(p, indent=2, ensure_ascii=False) + "\n").encode() for name, p in packages.items()},
    )
    for name in packages:
        say(f"wrote {shown(out / name)}")


@export_app.command("sqlite")
def export_sqlite(
    out: Annotated[Path, typer.Argument(metavar="FILE", help="The database file to write.", dir_okay=False)],
    data_dir: DataDirOpt = None,
) -> None:
    """The checked data as one SQLite database: readable views (links, items, errata), full-text search."""
    from ..datadir import check_directory, resolve_data_dir
    from ..store.cache import export_to

    directory = resolve_data_dir(data_dir)
    check_directory(directory)
    say(f"wrote {export_to(directory, out)}")
