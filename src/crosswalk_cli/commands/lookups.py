"""The lookups: a standard, a competency, a theme, the lists, search and errata."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

from typing import Annotated

import typer

from .common import DataDirOpt, Format, FormatOpt, JsonOpt, ThemeOpt, _complete, load, show


def standard(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A standard indicator (1b, I-B, 1(b)) or a whole standard (1, I).",
            autocompletion=_complete("standard"),
        ),
    ],
    theme: ThemeOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Which competency indicators serve a standard indicator: primary, then additional."""
    from .. import query

    cw = load(data_dir)
    themes = query.resolve_themes(cw, theme or ())
    show(query.standard(cw, query.resolve_standard(cw, ident), themes), cw, fmt, as_json)


def competency(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A competency indicator (VVC.3.a, vvc3a, I.3.a) or a whole competency (VVC.3).",
            autocompletion=_complete("competency"),
        ),
    ],
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Which standards a competency indicator serves, with its text, themes and errata."""
    from .. import query

    cw = load(data_dir)
    show(query.competency(cw, query.resolve_competency(cw, ident)), cw, fmt, as_json)


def theme(
    code: Annotated[
        str,
        typer.Argument(
            metavar="CODE",
            help="A theme code (EI, RT, CI, CM, LC, CA) or name (equity).",
            autocompletion=_complete("theme"),
        ),
    ],
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Every competency indicator carrying a theme, by domain, with its primary standard."""
    from .. import query

    cw = load(data_dir)
    show(query.theme(cw, query.resolve_theme(cw, code)), cw, fmt, as_json)


def standards(fmt: FormatOpt = Format.table, as_json: JsonOpt = False, data_dir: DataDirOpt = None) -> None:
    """The standards and their indicators, with how many competency indicators serve each."""
    from .. import query

    cw = load(data_dir)
    show(query.standards_list(cw), cw, fmt, as_json)


def competencies(
    domain: Annotated[
        str | None,
        typer.Option(
            "--domain",
            "-d",
            help="Only this domain (VVC, PSMV, CB, SRS).",
            autocompletion=_complete("domain"),
        ),
    ] = None,
    theme: ThemeOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """The competencies and their indicators, with themes and primary standards."""
    from .. import query

    cw = load(data_dir)
    code = query.resolve_domain(cw, domain) if domain else None
    show(query.competencies_list(cw, code, query.resolve_themes(cw, theme or ())), cw, fmt, as_json)


def themes(fmt: FormatOpt = Format.table, as_json: JsonOpt = False, data_dir: DataDirOpt = None) -> None:
    """The recurring themes, with how many indicators carry each."""
    from .. import query

    cw = load(data_dir)
    show(query.themes_list(cw), cw, fmt, as_json)


def search(
    words: Annotated[
        list[str], typer.Argument(metavar="TEXT...", help="Words that must all occur (any case).")
    ],
    theme: ThemeOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Search the standards' and competencies' texts; best matches first."""
    from .. import query

    text = " ".join(words)
    if not query.search_words(text):
        raise typer.BadParameter("give at least one word to search for", param_hint="TEXT")
    cw = load(data_dir)
    show(query.search(cw, text, query.resolve_themes(cw, theme or ())), cw, fmt, as_json)


def errata(fmt: FormatOpt = Format.table, as_json: JsonOpt = False, data_dir: DataDirOpt = None) -> None:
    """Every place the printed crosswalk differs from what the data uses, and why."""
    from .. import query

    cw = load(data_dir)
    show(query.errata(cw), cw, fmt, as_json)
