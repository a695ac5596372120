"""`crosswalk export ...`: the whole crosswalk as CSV, Markdown, CASE 1.1 or SQLite."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from ..model_items import DataSet, LinkCrosswalk

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


CrosswalkOpt = Annotated[
    str | None,
    typer.Option(
        "--crosswalk", metavar="ID", help="Another crosswalk of the data (see crosswalk frameworks)."
    ),
]


def _other(data_dir: Path | None, crosswalk: str) -> "tuple[DataSet, LinkCrosswalk]":
    from ..exportlinks import find
    from ..loader import load_all

    data = load_all(data_dir)
    return data, find(data, crosswalk)


@export_app.command("csv")
def export_csv(out: OutOpt = None, crosswalk: CrosswalkOpt = None, data_dir: DataDirOpt = None) -> None:
    """One row per link (primary and additional), for spreadsheets; UTF-8, quoted as needed."""
    if crosswalk is not None:
        from ..exportlinks import csv_text as links_csv

        text = links_csv(*_other(data_dir, crosswalk))
    else:
        from ..export import csv_text

        text = csv_text(load(data_dir))
    if out is None:
        sys.stdout.write(text)
    else:
        write(out, text, encoding="utf-8-sig")  # the byte-order mark makes spreadsheets read UTF-8


@export_app.command("markdown")
def export_markdown(out: OutOpt = None, crosswalk: CrosswalkOpt = None, data_dir: DataDirOpt = None) -> None:
    """The Full Crosswalk as a Markdown document, by standard and indicator, errata as footnotes."""
    if crosswalk is not None:
        from ..exportlinks import markdown as links_markdown

        text = links_markdown(*_other(data_dir, crosswalk))
    else:
        from ..export import markdown

        text = markdown(load(data_dir))
    if out is None:
        sys.stdout.write(text)
    else:
        write(out, text)


@export_app.command("case")
def export_case(
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the packages.", file_okay=False)],
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework", metavar="ID", help="One framework of the data as one package (BPS, MA...)."
        ),
    ] = None,
    crosswalk: CrosswalkOpt = None,
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
    """CASE 1.1 packages: the standards, the competencies and the crosswalk's links; or one framework."""
    from ..case import case_packages, package_bytes, uri_minter
    from ..fileio import shown, write_tree

    uri_minter(base_uri)  # a bad URL is refused before anything is written
    if crosswalk is not None:
        from ..exportlinks import case_package

        data, chosen = _other(data_dir, crosswalk)
        packages = {f"{chosen.info.id}.json": case_package(data, chosen, base_uri)}
    elif framework is None:
        from ..datadir import resolve_data_dir
        from ..loader import FILES

        directory = resolve_data_dir(data_dir)
        cw = load(data_dir)  # checks the files first
        sources = {name: (directory / name).read_text(encoding="utf-8") for name in FILES}
        packages = case_packages(cw, base_uri, sources)
    else:
        fid, package = _one_package(framework, base_uri, data_dir)
        packages = {f"{fid}.json": package}
    write_tree(out, {name: package_bytes(p) for name, p in packages.items()})
    for name in packages:
        say(f"wrote {shown(out / name)}")


def _one_package(
    framework: str, base_uri: str | None, data_dir: Path | None
) -> tuple[str, dict[str, object]]:
    """The framework's id as the data has it, and its package."""
    from ..case import case_packages
    from ..caseout import framework_package
    from ..catalog import UnknownItem
    from ..loader import load_all

    data = load_all(data_dir)
    wanted = framework.strip().lower()
    maple = {
        data.maple.standards_framework.id: "standards.json",
        data.maple.competencies_framework.id: "competencies.json",
    }
    for fid, name in maple.items():
        if fid and fid.lower() == wanted:
            return fid, case_packages(data.maple, base_uri)[name]
    for f in data.frameworks:
        if f.info.id.lower() == wanted:
            return f.info.id, framework_package(f, base_uri)
    known = [fid for fid in maple if fid] + [f.info.id for f in data.frameworks]
    raise UnknownItem(f"no framework '{framework}'; the frameworks are {', '.join(known)}")


@export_app.command("sqlite")
def export_sqlite(
    file: Annotated[
        Path | None,
        typer.Argument(metavar="[FILE]", help="The database file to write (as --out).", dir_okay=False),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="The database file to write ('-': stdout, if it is not a terminal).",
            dir_okay=False,
        ),
    ] = None,
    data_dir: DataDirOpt = None,
) -> None:
    """The checked data as one SQLite database: readable views (links, items, errata), full-text search."""
    from ..store import database_bytes

    if file is not None and out is not None and file != out:
        raise typer.BadParameter(f"give one file, not both '{file}' and '{out}'", param_hint="--out")
    target = out if out is not None else file
    if target is None:
        raise typer.BadParameter("give the database file (or '-' for stdout)", param_hint="--out")
    if str(target) == "-" and sys.stdout.isatty():
        binary = "stdout is a terminal and a database is binary: give a file, or redirect stdout"
        raise typer.BadParameter(binary, param_hint="--out")
    data = database_bytes(data_dir)
    if str(target) == "-":
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write("")  # a closed stdout ends the run with its own line (entry.run)
            from ..fileio import FileError

            raise FileError("standard output takes text only here; give --out FILE")
        sys.stdout.flush()
        stream.write(data)
        return
    from ..fileio import shown, write_atomic

    write_atomic(target, data)
    say(f"wrote {shown(target)}")
