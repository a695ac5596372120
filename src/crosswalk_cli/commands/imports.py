"""`crosswalk import case PACKAGE.json... --out DIR` (CASE packages in) and `crosswalk import csv FILE
--out DIR` (a spreadsheet in): a data directory out, checked and written the same way."""

# No `from __future__ import annotations`: typer reads these signatures at every start.

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from ..notice import say

import_app = typer.Typer(
    rich_markup_mode=None,
    help="Bring frameworks in from other tools: CASE 1.1 or 1.0 packages, or a spreadsheet.",
    no_args_is_help=True,
)


_OUT = typer.Option(
    "--out", "-o", help="The data directory to write (query it with --data-dir).", file_okay=False
)


@import_app.command("case")
def import_case(
    packages: Annotated[
        list[Path],
        typer.Argument(
            metavar="PACKAGE.json...", help="CASE packages (CFPackage JSON), as OpenSALT serves them."
        ),
    ],
    out: Annotated[Path, _OUT],
    ids: Annotated[
        list[str] | None,
        typer.Option(
            "--id",
            metavar="ID=NEW",
            help="Name a framework NEW instead of the ID the import would give it (WLS=Way); repeatable.",
        ),
    ] = None,
) -> None:
    """Each CFDocument becomes a framework file and its associations a crosswalk file, all written at once."""

    warnings: list[str] = []
    texts = _import(packages, ids or [], warnings)
    _write(
        out,
        texts,
        "is not an earlier import of the same CASE document",
        "use another --out, or --id",
        warnings,
    )


def _text(help: str, metavar: str = "TEXT") -> Any:
    return typer.Option(help=help, metavar=metavar)


@import_app.command("csv")
def import_csv(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A spreadsheet saved as CSV (UTF-8; comma, semicolon or tab), or an .xlsx workbook.",
        ),
    ],
    out: Annotated[Path, _OUT],
    framework_id: Annotated[
        str, typer.Option("--id", metavar="ID", help="The framework's id (and file name): RUSD.")
    ],
    title: Annotated[str, _text("The framework's title.")],
    publisher: Annotated[str, _text("Who publishes it.")] = "not stated",
    license: Annotated[str, _text("Its licence, as it states it (CC BY 4.0).")] = "not stated",
    license_url: Annotated[str | None, _text("Where the licence is.", "URL")] = None,
    version: Annotated[str | None, _text("Its version.")] = None,
    status: Annotated[str | None, _text("Its status (draft, adopted ...).")] = None,
    date: Annotated[str | None, _text("Its date.", "YYYY-MM[-DD]")] = None,
    source: Annotated[str | None, _text("The document it was transcribed from, by title.")] = None,
    description: Annotated[str | None, _text("What it is, in a sentence.")] = None,
    levels: Annotated[
        str | None,
        _text("The tree's levels, top first: competency,practice (default: the type column).", "A,B"),
    ] = None,
    sheet: Annotated[str | None, _text("The workbook's sheet to read (default: the first).", "NAME")] = None,
) -> None:
    """A spreadsheet of items (one a row: code, text, title, parent or level, tags ...) becomes a framework
    file DIR/ID.yaml; the header comes from the options. docs/import.md names the columns."""
    from ..exchange.tableimport import import_table

    header = {"id": framework_id, "title": title, "publisher": publisher, "license": license}
    optional = {"license_url": license_url, "version": version, "status": status, "date": date}
    optional |= {"source": source, "description": description}
    header |= {k: v for k, v in optional.items() if v is not None}
    _check_header(header)
    names = [n.strip() for n in (levels or "").split(",") if n.strip()]
    if levels is not None and not names:
        raise typer.BadParameter("name the levels, top first: competency,practice", param_hint="--levels")
    texts = import_table(file, header, names, sheet)
    _write(
        out, texts, "holds other data than this import", "use another --out or --id, or move the file away"
    )


def _check_header(header: dict[str, str]) -> None:
    """Bad usage, before the file is read: an id that cannot be one, an empty text, a date not ISO, a
    character a terminal would act on."""

    from ..exchange.caseimport.naming import new_id_problem
    from ..text.safe import escape_controls, first_unsafe

    for key, value in header.items():
        option = "--" + key.replace("_", "-")
        found = first_unsafe(value)
        if found is not None:
            raise typer.BadParameter(escape_controls(f"holds {found}"), param_hint=option)
        if not value.strip():
            raise typer.BadParameter("is empty", param_hint=option)
    problem = new_id_problem(header["id"])
    if problem:
        raise typer.BadParameter(problem, param_hint="--id")
    packaged = _packaged_ids().get(header["id"].casefold())
    if packaged is not None:
        raise typer.BadParameter(
            f"'{header['id']}' is a packaged framework's id ({packaged}): a file of yours with it would "
            "replace that framework beside the packaged crosswalks into it; give another --id",
            param_hint="--id",
        )
    if "date" in header and not _calendar_date(header["date"]):
        raise typer.BadParameter(f"'{header['date']}': give YYYY-MM or YYYY-MM-DD", param_hint="--date")


def _write(out: Path, texts: dict[str, str], kept: str, instead: str, warnings: Sequence[str] = ()) -> None:
    """Check the files against ``out`` and write them all, or refuse with one line and write none;
    ``kept``: why a file already there is not replaced, ``instead``: what to do then; then the
    ``warnings`` (what an import fixed or could not place, also in the files' source_notes)."""
    from ..fileio import shown, write_tree

    files = _encoded(texts)
    _check(out, texts, files, kept, instead)
    write_tree(out, files)  # a missing folder is made (as `import case` always has): 'wrote' names it
    for name in files:
        say(f"wrote {shown(out / name)}")
    for warning in warnings:
        say(f"warning: {warning}")


def _encoded(texts: dict[str, str]) -> dict[str, bytes]:
    """The files as UTF-8; a package's lone surrogate (JSON allows '\\ud800', Unicode does not) or a
    file name that is not UTF-8 is bad data, not a crash."""
    from ..errors import DataError
    from ..text.safe import escape_controls

    try:
        return {name: text.encode("utf-8") for name, text in texts.items()}
    except UnicodeEncodeError as exc:
        bad = escape_controls(exc.object[exc.start : exc.end])
        raise DataError(
            [
                f"the packages hold '{bad}', which is not Unicode text (a lone surrogate, or a "
                "file name that is not UTF-8): nothing was written"
            ]
        ) from None


def _import(packages: list[Path], ids: list[str], warnings: list[str]) -> dict[str, str]:
    """The files to write; a bad ``--id`` is bad usage."""
    from ..exchange.caseimport import RenameError, import_packages
    from ..exchange.caseimport.naming import new_id_problem

    rename: dict[str, str] = {}
    for pair in ids:
        old, sep, new = pair.partition("=")
        if not sep or not old or not new:
            raise typer.BadParameter(f"'{pair}': give ID=NEW, as in WLS=Way", param_hint="--id")
        problem = new_id_problem(new)
        if problem:
            raise typer.BadParameter(problem, param_hint="--id")
        if any(k.casefold() == old.casefold() and v != new for k, v in rename.items()):
            raise typer.BadParameter(f"'{old}' is renamed twice", param_hint="--id")
        rename[old] = new
    try:
        return import_packages(packages, rename, warnings)
    except RenameError as exc:
        raise typer.BadParameter(str(exc), param_hint="--id") from None


def _check(out: Path, texts: dict[str, str], files: dict[str, bytes], kept: str, instead: str) -> None:
    """Refuse, before anything is written, to replace a file that is not an earlier import of the same
    thing, or files that would not read back as data beside what ``out`` already holds (a framework id
    another file of it takes, say): one line, and the directory is left as it was."""
    import os
    import tempfile

    from ..datadir import Sources
    from ..errors import DataError
    from ..exchange.caseimport.existing import kept_files, twins
    from ..fileio import shown
    from ..loader import load_all

    for path, name in kept_files(out, texts):
        if path.name != name:
            raise DataError(
                [
                    f"{shown(path)}: is named {name} but for case, one file on some systems: "
                    "nothing was written (rename it, or use another --out)"
                ]
            )
        raise DataError([f"{shown(path)}: is already there and {kept}: nothing was written ({instead})"])
    for path, fid, name in twins(out, texts):
        raise DataError(
            [
                f"{shown(path)}: holds, as framework '{fid}', the CASE document the import "
                f"would write again as {name}: nothing was written"
            ]
        )

    with tempfile.TemporaryDirectory(prefix="crosswalk-import.") as stage:
        if out.is_dir():  # the files already there, as links: read (and refused) as the loader reads them
            for old in out.glob("*.yaml"):
                if old.name not in files:
                    os.symlink(os.path.abspath(old), os.path.join(stage, old.name))
        for name, data in files.items():
            Path(stage, name).write_bytes(data)
        try:
            load_all(Sources(Path(stage), packaged=False), cap=0)
        except DataError as exc:
            first = exc.problems[0].replace(stage, str(out).rstrip("/") or "/")
            more = len(exc.problems) - 1
            raise DataError([first + (f" (and {more} more)" if more else "")]) from None


def _packaged_ids() -> dict[str, str]:
    """The packaged frameworks' ids, by their case-folded form."""
    from ..datadir import Sources
    from ..queries import fetch
    from ..store import open_database

    db = open_database(Sources(None, True))
    try:
        return {fid.casefold(): fid for fid in fetch.frameworks(db)}
    finally:
        db.close()


def _calendar_date(text: str) -> bool:
    """YYYY-MM or YYYY-MM-DD, a month and a day the calendar has (not 2026-02-30)."""
    import datetime as dt
    import re

    if not re.fullmatch(r"\d{4}-\d\d(-\d\d)?", text):
        return False
    try:
        dt.date.fromisoformat(text if len(text) == 10 else f"{text}-01")
    except ValueError:
        return False
    return True
