"""The presets over a crosswalk (the data's first, or ``--crosswalk ID``): ``standard`` (an item of its
target framework), ``competency`` (of its source), ``theme`` (a tag of its source), the lists
``standards``, ``competencies`` and ``themes``, and ``search`` and ``errata``."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

from typing import Annotated

import typer

from .common import (
    TABLE,
    CrosswalkOpt,
    DataDirOpt,
    FormatOpt,
    JsonOpt,
    PackagedOpt,
    ThemeOpt,
    _complete,
    answer,
    database,
    show,
)


def standard(
    idents: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="Items of the crosswalk's target framework, by id in any form or by name; several give "
            "several answers in one output (docs/multi-id.md).",
            autocompletion=_complete("standard"),
        ),
    ],
    theme: ThemeOpt = None,
    crosswalk: CrosswalkOpt = None,
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """An item of the crosswalk's target framework and the items linked to it: strongest relation first."""
    answer("standard", idents, fmt, as_json, data_dir, packaged, crosswalk=crosswalk, themes=theme)


def competency(
    idents: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="Items of the crosswalk's source framework, by id in any form; several give several "
            "answers in one output (docs/multi-id.md).",
            autocompletion=_complete("competency"),
        ),
    ],
    crosswalk: CrosswalkOpt = None,
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """An item of the crosswalk's source framework: its text, tags, errata and the items it links to."""
    answer("competency", idents, fmt, as_json, data_dir, packaged, crosswalk=crosswalk)


def theme(
    code: Annotated[
        str,
        typer.Argument(
            metavar="CODE",
            help="A theme (tag) code, name, or a word of its name (see crosswalk themes).",
            autocompletion=_complete("theme"),
        ),
    ],
    crosswalk: CrosswalkOpt = None,
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """Every item of the crosswalk's source framework carrying a theme, by top item, with its links."""
    answer("theme", [code], fmt, as_json, data_dir, packaged, crosswalk=crosswalk)


def standards(
    crosswalk: CrosswalkOpt = None,
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """The crosswalk's target framework, top item by top item, with how many items link to each child."""
    answer("standards", [], fmt, as_json, data_dir, packaged, crosswalk=crosswalk)


def competencies(
    domain: Annotated[
        str | None,
        typer.Option(
            "--domain",
            "-d",
            help="Only the items within this grouping item (a domain), by code, number or name.",
            autocompletion=_complete("competency"),
        ),
    ] = None,
    theme: ThemeOpt = None,
    crosswalk: CrosswalkOpt = None,
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """The crosswalk's source framework: its leaves by parent, with tags and strongest links."""
    answer(
        "competencies", [], fmt, as_json, data_dir, packaged, crosswalk=crosswalk, themes=theme, domain=domain
    )


def themes(
    crosswalk: CrosswalkOpt = None,
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """The themes (tags) of the crosswalk's source framework, with how many items carry each."""
    answer("themes", [], fmt, as_json, data_dir, packaged, crosswalk=crosswalk)


def search(
    words: Annotated[
        list[str], typer.Argument(metavar="TEXT...", help="Words that must all occur (any case).")
    ],
    theme: ThemeOpt = None,
    framework: Annotated[
        list[str] | None,
        typer.Option(
            "--framework",
            "-F",
            metavar="ID",
            autocompletion=_complete("framework"),
            help="Search this framework's items instead (any framework; repeat for several), ranked by bm25.",
        ),
    ] = None,
    crosswalk: CrosswalkOpt = None,
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """Search the texts of a crosswalk's two frameworks, or of any framework; best matches first."""
    from ..queries.search import search_words

    if not search_words(" ".join(words)):
        raise typer.BadParameter("give at least one word to search for", param_hint="TEXT")
    if framework and theme:
        raise typer.BadParameter(
            "--theme goes with a crosswalk's search, not --framework", param_hint="--theme"
        )
    answer(
        "search",
        words,
        fmt,
        as_json,
        data_dir,
        packaged,
        crosswalk=crosswalk,
        themes=theme,
        frameworks=framework,
    )


def errata(
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework",
            "-F",
            metavar="ID",
            autocompletion=_complete("framework"),
            help="A framework's own printing notes (its slips, recorded as printed).",
        ),
    ] = None,
    crosswalk: CrosswalkOpt = None,
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """Every place a crosswalk as printed differs from what the data uses, and why; or a framework's slips."""
    from ..queries.errata import errata as ask
    from ..queries.errata import framework_notes
    from ..queries.resolve import resolve_crosswalk, resolve_framework
    from ..views.errata import view

    db = database(data_dir, packaged)
    if framework is not None:
        show(view(framework_notes(db, resolve_framework(db, framework))), fmt, as_json)
        return
    show(view(ask(db, resolve_crosswalk(db, crosswalk))), fmt, as_json)
