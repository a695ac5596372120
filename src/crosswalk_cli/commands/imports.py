"""`crosswalk import case PACKAGE.json... --out DIR`: CASE packages in, a data directory out."""

# No `from __future__ import annotations`: typer reads these signatures at every start.

from pathlib import Path
from typing import Annotated

import typer

from ..notice import say

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
    from ..fileio import shown, write_tree

    texts = _import(packages, ids or [])
    files = _encoded(texts)
    _check(out, texts, files)
    write_tree(out, files)
    for name in files:
        say(f"wrote {shown(out / name)}")


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


def _import(packages: list[Path], ids: list[str]) -> dict[str, str]:
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
        return import_packages(packages, rename)
    except RenameError as exc:
        raise typer.BadParameter(str(exc), param_hint="--id") from None


def _check(out: Path, texts: dict[str, str], files: dict[str, bytes]) -> None:
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
        raise DataError(
            [
                f"{shown(path)}: is already there and is not an earlier import of the same "
                "CASE document: nothing was written (use another --out, or --id)"
            ]
        )
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
