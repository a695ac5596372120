"""The one body of the lookup commands (``standard``, ``competency``, ``theme``, ``search``, ``item``): a
Call (what a command line asked, its options already read) answered on stdout.

Two readers of a command line build Calls: typer, for every line (commands/lookups.py, catalog.py), and
quick.py, for the common lines alone, without loading typer. Both end here, so an answer cannot depend on
which read the line; tests/test_quick.py holds the two readers to the same Call for the same line.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation at start-up
# (some 0.02 ms a field, at every start); written as plain types, they cost nothing (tests/test_speed_paths).

import sys
from typing import NamedTuple


class Call(NamedTuple):
    command: str  # standard | competency | theme | search | item
    args: tuple[str, ...]  # the ids; the theme code; the search words
    themes: tuple[str, ...] = ()  # --theme, in the order given
    frameworks: tuple[str, ...] = ()  # search --framework
    crosswalk: str | None = None
    fmt: str = "table"  # a name in formats.WRITERS (--json: "json")
    data_dir: str | None = None  # --data-dir as typed (None: $CROSSWALK_DATA_DIR, else none)
    packaged: bool = True


def answer(call: Call) -> None:
    """Write the answer to ``call`` on stdout, in its format; an error raises the library's own."""
    from . import presets
    from .formats.many import emit_many

    db = presets.open_data(call.data_dir, call.packaged)
    if call.command == "standard":
        answers = presets.standards(db, call.args, call.crosswalk, call.themes)
    elif call.command == "competency":
        answers = presets.competencies(db, call.args, call.crosswalk)
    elif call.command == "item":
        answers = presets.items(db, call.args)
    elif call.command == "theme":
        answers = [("", presets.theme(db, call.args[0], call.crosswalk))]
    elif call.command == "search":
        view = presets.search(db, " ".join(call.args), call.crosswalk, call.themes, call.frameworks)
        answers = [("", view)]
    else:
        raise ValueError(f"not a lookup command: {call.command}")
    emit_many(answers, call.fmt, sys.stdout)
