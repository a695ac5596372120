"""What every command shares: the output and data options, loading the store, showing a result."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def _complete(kind: str) -> Callable[[str], list[str]]:
    """Shell completion for ids, read from the data the command would use."""

    def complete(incomplete: str) -> list[str]:
        from ..errors import CrosswalkError

        data_dir = os.environ.get("CROSSWALK_DATA_DIR") or None
        try:
            if kind in ("item", "framework"):
                rows = database(Path(data_dir) if data_dir else None).execute(
                    "SELECT framework, code FROM item ORDER BY position"
                )
                pairs = list(rows)
                ids = (
                    list(dict.fromkeys(f for f, _ in pairs))
                    if kind == "framework"
                    else [f"{f}:{c}" for f, c in pairs]
                )
            else:
                cw = load(Path(data_dir) if data_dir else None)
                ids = {
                    "standard": lambda: [*cw.standards, *cw.standard_indicators],
                    "competency": lambda: [*cw.competencies, *cw.indicators],
                    "domain": lambda: list(cw.domains),
                }.get(kind, lambda: list(cw.themes))()
        except CrosswalkError:
            return []
        # Shells keep only completions that start with what was typed, case and all; ids resolve in any case.
        matches = [i for i in ids if i.lower().startswith(incomplete.lower())]
        return [i if i.startswith(incomplete) else i.lower() for i in matches]

    return complete


FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False, show_default=True)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]
DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Directory holding standards.yaml, competencies.yaml and alignments.yaml "
        "[default: the data shipped with crosswalk].",
        envvar="CROSSWALK_DATA_DIR",
        show_envvar=True,
        file_okay=False,
    ),
]
ThemeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--theme",
        "-t",
        help="Keep only indicators with this theme (code or name); repeat for any of several.",
        autocompletion=_complete("theme"),
    ),
]


def show(result: object, cw: Any, fmt: Format, as_json: bool) -> None:
    """Hand a result to the one renderer, in the format asked for."""
    from ..views import render

    render(result, cw, "json" if as_json else fmt.value)


def load(data_dir: Path | None) -> Any:
    """The MAPLE crosswalk of the data, read lazily from its store."""
    from ..store import open_crosswalk

    return open_crosswalk(data_dir)


def database(data_dir: Path | None) -> Any:
    """The data's store itself, for the commands that read any framework (frameworks, item, suggest)."""
    from ..store import open_database

    return open_database(data_dir)


def write(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write a whole file or nothing (see fileio), and say so on stderr; '-' is stdout."""
    from ..fileio import shown, write_atomic

    if str(path) == "-":
        sys.stdout.write(text)
        return
    write_atomic(path, text.encode(encoding))
    say(f"wrote {shown(path)}")


def say(message: str) -> None:
    """One line on stderr, as the CLI writes its messages."""
    from ..cli import say as cli_say

    cli_say(message)
