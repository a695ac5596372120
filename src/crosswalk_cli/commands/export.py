"""`crosswalk export ...`: any crosswalk as CSV, Markdown or CASE 1.1, one framework as CASE 1.1, or the
whole store as SQLite."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .common import CrosswalkOpt, DataDirOpt, PackagedOpt, _complete, database, sources, write

if TYPE_CHECKING:
    from ..formats.shape import View
    from ..queries.exchange import CrosswalkData

export_app = typer.Typer(
    rich_markup_mode=None,
    help="Any crosswalk as CSV, Markdown or CASE 1.1 JSON; a framework as CASE 1.1; the data as SQLite.",
    no_args_is_help=True,
)
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Write to this file instead of stdout ('-': stdout).", dir_okay=False),
]
# A writer takes its file (or directory) as -o/--out, '-' meaning stdout; a file given as an argument, the
# other guess, is answered with the option to use (the command keeps extra arguments to answer them).
EXTRA = {"allow_extra_args": True}


def _refuse_guess(ctx: typer.Context, what: str = "FILE") -> None:
    if ctx.args:
        guess = ctx.args[0]
        raise typer.BadParameter(
            f"give the {'directory' if what == 'DIR' else 'file'} as -o/--out {what}"
            + (" ('-': stdout)" if what == "FILE" else "")
            + f", not as an argument: -o {guess}",
            param_hint="-o/--out",
        )


def _crosswalk(crosswalk: str | None, data_dir: Path | None, packaged: bool) -> "CrosswalkData":
    from ..queries.exchange import crosswalk_data
    from ..queries.resolve import resolve_crosswalk

    db = database(data_dir, packaged)
    return crosswalk_data(db, resolve_crosswalk(db, crosswalk))


def _text(view: "View", fmt: str) -> str:
    import io

    from ..formats import emit

    out = io.StringIO()
    emit(view, fmt, out)
    return out.getvalue()


@export_app.command("csv", context_settings=EXTRA)
def export_csv(
    ctx: typer.Context,
    out: OutOpt = None,
    crosswalk: CrosswalkOpt = None,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """One row per link of a crosswalk, the same columns for every crosswalk; UTF-8, quoted as needed."""
    from ..exchange.export import links_view

    _refuse_guess(ctx)
    text = _text(links_view(_crosswalk(crosswalk, data_dir, packaged)), "csv")
    write(
        out or Path("-"), text, encoding="utf-8-sig"
    )  # in a file, the byte-order mark makes spreadsheets read UTF-8


@export_app.command("markdown", context_settings=EXTRA)
def export_markdown(
    ctx: typer.Context,
    out: OutOpt = None,
    crosswalk: CrosswalkOpt = None,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """A crosswalk as a document: its target framework's items in printed order, each with the items
    linked to it by each relation, their texts, tags and notes."""
    from ..exchange.export import document_view

    _refuse_guess(ctx)
    write(out or Path("-"), _text(document_view(_crosswalk(crosswalk, data_dir, packaged)), "markdown"))


@export_app.command("case", context_settings=EXTRA)
def export_case(
    ctx: typer.Context,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Directory for the packages.", file_okay=False)
    ] = None,
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework",
            metavar="ID",
            help="One framework of the data as one package (FRAMEWORK.json).",
            autocompletion=_complete("framework"),
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
    packaged: PackagedOpt = True,
) -> None:
    """CASE 1.1 packages: a crosswalk's links and its two frameworks (ID.json, FROM.json, TO.json), or one
    framework (ID.json). What CASE has no field for travels in its extensions, so that 'crosswalk import
    case' gives the same data back."""
    from ..exchange.case import uri_minter

    _refuse_guess(ctx, "DIR")
    if out is None:
        raise typer.BadParameter("give the directory for the packages as -o/--out DIR", param_hint="-o/--out")
    mint = uri_minter(base_uri)  # a bad URL is refused before anything is read or written
    if framework is not None and crosswalk is not None:
        raise typer.BadParameter("give --framework or --crosswalk, not both", param_hint="--framework")
    packages = _packages(framework, crosswalk, mint, database(data_dir, packaged))
    _write_packages(out, packages)


def _packages(framework: str | None, crosswalk: str | None, mint: Any, db: Any) -> dict[str, Any]:
    """{file name: package}: one framework's, or a crosswalk's and its two frameworks' (target, source,
    crosswalk; a crosswalk whose id is a framework's gets '-crosswalk' after it)."""
    from ..exchange.caseout import crosswalk_package, framework_package
    from ..queries.exchange import crosswalk_data, framework_data
    from ..queries.resolve import resolve_crosswalk, resolve_framework

    if framework is not None:
        fid = resolve_framework(db, framework)
        return {f"{fid}.json": framework_package(framework_data(db, fid), mint)}
    x = crosswalk_data(db, resolve_crosswalk(db, crosswalk))
    packages = {f"{f.info.id}.json": framework_package(f, mint) for f in (x.target, x.source)}
    name = f"{x.info.id}.json"
    if name.casefold() in {n.casefold() for n in packages}:
        name = f"{x.info.id}-crosswalk.json"
    packages[name] = crosswalk_package(x, mint)
    return packages


def _write_packages(out: Path, packages: dict[str, Any]) -> None:
    from ..exchange.case import package_bytes
    from ..fileio import shown, write_tree
    from ..notice import say

    files = {n: package_bytes(p) for n, p in packages.items()}
    for name, package in packages.items():
        _replaceable(out / name, package["CFDocument"]["identifier"])
    write_tree(out, files)
    for name in files:
        say(f"wrote {shown(out / name)}")


def _replaceable(path: Path, identifier: str) -> None:
    """A file already at ``path`` is replaced only by a new export of the same CASE document (an earlier
    export of it); anything else there is kept, and nothing is written."""
    import json

    from ..fileio import FileError, read_regular, shown

    if not path.exists() and not path.is_symlink():
        return
    raw = read_regular(path, 256 * 1024 * 1024, "a CASE package")  # a FIFO, device or folder: one line
    try:
        old = json.loads(raw or b"")["CFDocument"]["identifier"]
    except (ValueError, TypeError, KeyError):
        old = None
    if old != identifier:
        raise FileError(
            f"{shown(path)}: is already there and is not an earlier export of the same CASE document; "
            "nothing was written (use another -o/--out, or move it away)"
        )


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
    packaged: PackagedOpt = True,
) -> None:
    """The checked data as one SQLite database for an analyst (Datasette, sqlite-utils, the sqlite3
    shell): tables with foreign keys, a link's provenance in columns, readable views (links, items,
    errata) and full-text search of items. The same data gives the same bytes."""
    import sys

    from ..exchange.sqliteout import analyst_bytes
    from ..notice import say

    if file is not None and out is not None and file != out:
        raise typer.BadParameter(f"give one file, not both '{file}' and '{out}'", param_hint="--out")
    target = out if out is not None else file
    if target is None:
        raise typer.BadParameter("give the database file (or '-' for stdout)", param_hint="--out")
    if str(target) == "-" and sys.stdout.isatty():
        binary = "stdout is a terminal and a database is binary: give a file, or redirect stdout"
        raise typer.BadParameter(binary, param_hint="--out")
    data = analyst_bytes(sources(data_dir, packaged))
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
    old = (
        " (hint: give it as -o/--out FILE; FILE as an argument is kept for old scripts)"
        if out is None
        else ""
    )
    say(f"wrote {shown(target)}{old}")
