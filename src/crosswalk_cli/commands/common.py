"""What every command shares: the output and data options, opening the store, showing a View."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..formats import WRITERS

if TYPE_CHECKING:
    from ..datadir import Sources
    from ..formats.shape import View

Format = StrEnum("Format", {name: name for name in WRITERS})  # type: ignore[misc]
TABLE: Any = Format("table")


def _complete(kind: str) -> Callable[[str], list[str]]:
    """Shell completion for ids, read from the store of the data the command would use."""

    def complete(incomplete: str) -> list[str]:
        from ..errors import CrosswalkError

        try:
            db = database(None)
            if kind == "framework":
                ids = [r[0] for r in db.execute("SELECT id FROM framework ORDER BY position")]
            elif kind == "crosswalk":
                ids = [r[0] for r in db.execute("SELECT id FROM crosswalk ORDER BY position")]
            elif kind == "item":
                ids = [
                    f"{f}:{c}" for f, c in db.execute("SELECT framework, code FROM item ORDER BY position")
                ]
            else:
                ids = _preset_ids(db, kind)
        except CrosswalkError:
            return []
        # Shells keep only completions that start with what was typed, case and all; ids resolve in any case.
        matches = [i for i in ids if i.lower().startswith(incomplete.lower())]
        return [i if i.startswith(incomplete) else i.lower() for i in matches]

    return complete


def _preset_ids(db: Any, kind: str) -> list[str]:
    """The ids a preset answers to, for the first crosswalk: its target's or source's items, its tags."""
    row = db.execute("SELECT source_framework, target_framework FROM crosswalk ORDER BY position").fetchone()
    if row is None:
        return []
    source, target = row
    if kind == "theme":
        return [
            r[0] for r in db.execute("SELECT code FROM tag WHERE framework = ? ORDER BY position", (source,))
        ]
    framework = target if kind == "standard" else source
    return [
        r[0] for r in db.execute("SELECT code FROM item WHERE framework = ? ORDER BY position", (framework,))
    ]


# typer bundles click in some versions and depends on it in others: find its usage error by name.
_UsageError: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def _one_format(ctx: typer.Context, param: typer.CallbackParam, value: Any) -> Any:
    """--json with --format X (X not json) asks for two formats: a usage error, in either order (the
    second of the two options processed sees the first in ``ctx.params``)."""
    fmt = value if param.name == "fmt" else ctx.params.get("fmt")
    as_json = value if param.name == "as_json" else ctx.params.get("as_json")
    given = ctx.get_parameter_source("fmt")
    if not as_json or fmt is None or given is None or given.name == "DEFAULT":
        return value
    name = str(getattr(fmt, "value", fmt))
    if name != "json":
        raise _UsageError(f"give --json or --format {name}, not both", ctx=ctx)
    return value


FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format", "-f", help="Output format.", case_sensitive=False, show_default=True, callback=_one_format
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.", callback=_one_format)]
DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="A directory of your own framework and crosswalk files, read beside the packaged data "
        "[default: $CROSSWALK_DATA_DIR, else none].",
        file_okay=False,
    ),
]
PackagedOpt = Annotated[
    bool,
    typer.Option("--packaged/--no-packaged", help="Read the packaged data too (--no-packaged: yours alone)."),
]
CrosswalkOpt = Annotated[
    str | None,
    typer.Option(
        "--crosswalk",
        metavar="ID",
        help="The crosswalk to show (see crosswalk frameworks) [default: the data's first].",
        autocompletion=_complete("crosswalk"),
    ),
]
ThemeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--theme",
        "-t",
        help="Keep only items with this theme or tag (code or name); repeat for any of several.",
        autocompletion=_complete("theme"),
    ),
]


def sources(data_dir: Path | None, packaged: bool = True) -> "Sources":
    from ..datadir import sources as find

    return find(data_dir, packaged)


def database(data_dir: Path | None, packaged: bool = True) -> Any:
    """The store of the data: the packaged frameworks and crosswalks, and those of ``data_dir``."""
    from ..store import open_database

    return open_database(sources(data_dir, packaged))


def show(view: "View", fmt: Any, as_json: bool) -> None:
    """Write a View in the format asked for."""
    from ..formats import emit

    emit(view, format_name(fmt, as_json), sys.stdout)


def format_name(fmt: Any, as_json: bool) -> str:
    """The writer --format and --json ask for (formats.WRITERS)."""
    return "json" if as_json else str(fmt.value)


def write(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write a whole file or nothing (see fileio), and say so on stderr; '-' is stdout."""
    from ..fileio import shown, write_atomic
    from ..notice import say

    if str(path) == "-":
        sys.stdout.write(text)
        return
    write_atomic(path, text.encode(encoding))
    say(f"wrote {shown(path)}")


def answer(
    command: str,
    args: list[str],
    fmt: Any,
    as_json: bool,
    data_dir: Path | None,
    packaged: bool,
    **options: Any,
) -> None:
    """Answer a lookup through its one body (lookup.py), which the quick path reaches too; ``options``
    are the Call's other fields as the command has them (None or a list for the repeatable ones)."""
    from ..lookup import REPEATED, Call
    from ..lookup import answer as write_answer

    fields: dict[str, Any] = {k: tuple(v or ()) if k in REPEATED else v for k, v in options.items()}
    folder, fmt_name = None if data_dir is None else str(data_dir), format_name(fmt, as_json)
    write_answer(Call(command, tuple(args), fmt=fmt_name, data_dir=folder, packaged=packaged, **fields))
