"""The one body of the lookup commands (``standard``, ``competency``, ``theme``, ``search``, ``item``, the
lists ``standards``, ``competencies``, ``themes``, ``items``, ``frameworks``, and ``suggest ID --to``): a
Call (what a command line asked, its options already read) answered on stdout.

Two readers of a command line build Calls: typer, for every line (commands/lookups.py, catalog.py), and
quick.py, for the common lines alone, without loading typer. Both end here, so an answer cannot depend on
which read the line; tests/test_quick.py holds the two readers to the same Call for the same line.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation at start-up
# (some 0.02 ms a field, at every start); written as plain types, they cost nothing (tests/test_speed_paths).

import sys
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

    from .formats.shape import View


class Call(NamedTuple):
    command: str  # the command's name (see _answers)
    args: tuple[str, ...] = ()  # the ids; the theme code; the search words; the framework of `items`
    themes: tuple[str, ...] = ()  # --theme, in the order given
    frameworks: tuple[str, ...] = ()  # search --framework
    crosswalk: str | None = None
    fmt: str = "table"  # a name in formats.WRITERS (--json: "json")
    data_dir: str | None = None  # --data-dir as typed (None: $CROSSWALK_DATA_DIR, else none)
    packaged: bool = True
    domain: str | None = None  # competencies --domain
    to: str | None = None  # suggest --to: the framework to suggest links into
    top: int = 5  # suggest --top: candidates per item


REPEATED = ("themes", "frameworks")  # the fields of options that may be given several times


def answer(call: Call) -> None:
    """Write the answer to ``call`` on stdout, in its format; an error raises the library's own."""
    from .datadir import sources
    from .formats.many import emit_many
    from .store import open_database

    src = sources(call.data_dir, call.packaged)
    db = open_database(src)
    emit_many(_answers(db, src.user, call), call.fmt, sys.stdout)


def _answers(db: "sqlite3.Connection", user: "Path | None", call: Call) -> "list[tuple[str, View]]":
    """(each answer's name, its View): one View, or one per id of the lookups that take several."""
    from . import presets

    c, args, x = call.command, call.args, call.crosswalk
    if c == "standard":
        return presets.standard_answers(db, args, x, call.themes)
    if c == "competency":
        return presets.competency_answers(db, args, x)
    if c == "item":
        return presets.item_answers(db, args)
    if c == "suggest":
        view = presets.suggestions(db, args[0], str(call.to), call.top)
    elif c == "theme":
        view = presets.theme(db, args[0], x)
    elif c == "search":
        view = presets.search(db, " ".join(args), x, call.themes, call.frameworks)
    elif c == "standards":
        view = presets.standards_list(db, x)
    elif c == "competencies":
        view = presets.competencies_list(db, x, call.domain, call.themes)
    elif c == "themes":
        view = presets.themes_list(db, x)
    elif c == "items":
        view = presets.items_list(db, args[0])
    elif c == "frameworks":
        view = presets.catalog(db, user)
    else:
        raise ValueError(f"not a lookup command: {c}")
    return [("", view)]
