"""The lookups: a standard, a competency, a theme, the lists, search and errata."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

from typing import Annotated

import typer

from .common import DataDirOpt, Format, FormatOpt, JsonOpt, ThemeOpt, _complete, database, load, show


def standard(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A standard indicator or whole standard, by id in any form or by name.",
            autocompletion=_complete("standard"),
        ),
    ],
    theme: ThemeOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Which competency indicators serve a standard indicator: primary, then additional."""
    from ..queries.resolve import resolve_standard, resolve_themes
    from ..queries.standard import standard as ask

    cw = load(data_dir)
    themes = resolve_themes(cw, theme or ())
    show(ask(cw, resolve_standard(cw, ident), themes), cw, fmt, as_json)


def competency(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A competency indicator or whole competency, by id in any form.",
            autocompletion=_complete("competency"),
        ),
    ],
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Which standards a competency indicator serves, with its text, themes and errata."""
    from ..queries.competency import competency as ask
    from ..queries.resolve import resolve_competency

    cw = load(data_dir)
    show(ask(cw, resolve_competency(cw, ident)), cw, fmt, as_json)


def theme(
    code: Annotated[
        str,
        typer.Argument(
            metavar="CODE",
            help="A theme code, name, or a word of its name (see crosswalk themes).",
            autocompletion=_complete("theme"),
        ),
    ],
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Every competency indicator carrying a theme, by domain, with its primary standard."""
    from ..queries.resolve import resolve_theme
    from ..queries.theme import theme as ask

    cw = load(data_dir)
    show(ask(cw, resolve_theme(cw, code)), cw, fmt, as_json)


def standards(fmt: FormatOpt = Format.table, as_json: JsonOpt = False, data_dir: DataDirOpt = None) -> None:
    """The standards and their indicators, with how many competency indicators serve each."""
    from ..queries.standard import standards_list

    cw = load(data_dir)
    show(standards_list(cw), cw, fmt, as_json)


def competencies(
    domain: Annotated[
        str | None,
        typer.Option(
            "--domain",
            "-d",
            help="Only this domain, by code, number or name.",
            autocompletion=_complete("domain"),
        ),
    ] = None,
    theme: ThemeOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """The competencies and their indicators, with themes and primary standards."""
    from ..queries.competency import competencies_list
    from ..queries.resolve import resolve_domain, resolve_themes

    cw = load(data_dir)
    code = resolve_domain(cw, domain) if domain else None
    show(competencies_list(cw, code, resolve_themes(cw, theme or ())), cw, fmt, as_json)


def themes(fmt: FormatOpt = Format.table, as_json: JsonOpt = False, data_dir: DataDirOpt = None) -> None:
    """The recurring themes, with how many indicators carry each."""
    from ..queries.theme import themes_list

    cw = load(data_dir)
    show(themes_list(cw), cw, fmt, as_json)


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
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Search the standards' and competencies' texts, or any framework's; best matches first."""
    from ..queries.resolve import resolve_themes
    from ..queries.search import search as ask
    from ..queries.search import search_words

    text = " ".join(words)
    if not search_words(text):
        raise typer.BadParameter("give at least one word to search for", param_hint="TEXT")
    if framework:
        from ..catalog import search_items

        if theme:
            raise typer.BadParameter(
                "--theme goes with the MAPLE search, not --framework", param_hint="--theme"
            )
        show(search_items(database(data_dir), search_words(text), tuple(framework)), None, fmt, as_json)
        return
    cw = load(data_dir)
    show(ask(cw, text, resolve_themes(cw, theme or ())), cw, fmt, as_json)


def errata(
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework",
            "-F",
            metavar="ID",
            autocompletion=_complete("framework"),
            help="Another framework's own printing notes (its slips, recorded as printed).",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Every place the printed crosswalk differs from what the data uses, and why; or a framework's slips."""
    if framework is not None:
        from ..catalog import framework_notes, resolve_framework

        db = database(data_dir)
        show(framework_notes(db, resolve_framework(db, framework)), None, fmt, as_json)
        return
    from ..queries.errata import errata as ask

    cw = load(data_dir)
    show(ask(cw), cw, fmt, as_json)
