"""The presets over a crosswalk (the data's first, or ``--crosswalk ID``): ``standard`` (an item of its
target framework), ``competency`` (of its source), ``theme`` (a tag of its source), the lists
``standards``, ``competencies`` and ``themes``, and ``search`` and ``errata``."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

from typing import TYPE_CHECKING, Annotated, Any

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
    database,
    show,
)

if TYPE_CHECKING:
    from ..formats.shape import View


def show_each(answers: list[tuple[str, "View"]], fmt: Any, as_json: bool) -> None:
    """Write the answers to one or several ids, each (its item's FRAMEWORK:CODE, its View), as one output
    in the format asked for (formats/many.py); one answer exactly as ``show`` writes it."""
    import sys

    from ..formats.many import emit_many

    emit_many(answers, "json" if as_json else str(fmt.value), sys.stdout)


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
    from ..queries import fetch
    from ..queries.item import page
    from ..queries.links import FROM
    from ..queries.resolve import resolve_crosswalk, resolve_in, resolve_tags
    from ..views.standard import view

    db = database(data_dir, packaged)
    x = resolve_crosswalk(db, crosswalk)
    tags = resolve_tags(db, fetch.framework(db, x.source), theme or ())
    target = fetch.framework(db, x.target)
    keys = [resolve_in(db, target, ident, x) for ident in idents]  # all first: an unknown id prints nothing
    pages = [page(db, key, x.id, FROM, tags, count_children=True) for key in keys]
    show_each([(p.item.qualified, view(p)) for p in pages], fmt, as_json)


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
    from ..queries import fetch
    from ..queries.item import page
    from ..queries.links import TO
    from ..queries.resolve import resolve_crosswalk, resolve_in
    from ..views.competency import view

    db = database(data_dir, packaged)
    x = resolve_crosswalk(db, crosswalk)
    source = fetch.framework(db, x.source)
    keys = [resolve_in(db, source, ident, x) for ident in idents]  # all first: an unknown id prints nothing
    pages = [page(db, key, x.id, TO) for key in keys]
    show_each([(p.item.qualified, view(p)) for p in pages], fmt, as_json)


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
    from ..queries import fetch
    from ..queries.lists import tag_page
    from ..queries.resolve import resolve_crosswalk, resolve_tag
    from ..views.theme import theme_view

    db = database(data_dir, packaged)
    x = resolve_crosswalk(db, crosswalk)
    tag = resolve_tag(db, fetch.framework(db, x.source), code)
    show(theme_view(tag_page(db, x.source, tag, x)), fmt, as_json)


def standards(
    crosswalk: CrosswalkOpt = None,
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """The crosswalk's target framework, top item by top item, with how many items link to each child."""
    from ..queries.lists import counted_list
    from ..queries.resolve import resolve_crosswalk
    from ..views.standard import standards_view

    db = database(data_dir, packaged)
    show(standards_view(counted_list(db, resolve_crosswalk(db, crosswalk))), fmt, as_json)


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
    from ..queries import fetch
    from ..queries.lists import item_list
    from ..queries.resolve import resolve_crosswalk, resolve_group, resolve_tags
    from ..views.competency import competencies_view

    db = database(data_dir, packaged)
    x = resolve_crosswalk(db, crosswalk)
    info = fetch.framework(db, x.source)
    within = resolve_group(db, info, domain) if domain else None
    tags = resolve_tags(db, info, theme or ())
    show(competencies_view(item_list(db, x.source, x, within, tags)), fmt, as_json)


def themes(
    crosswalk: CrosswalkOpt = None,
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """The themes (tags) of the crosswalk's source framework, with how many items carry each."""
    from ..queries.lists import tag_list
    from ..queries.resolve import resolve_crosswalk
    from ..views.theme import themes_view

    db = database(data_dir, packaged)
    x = resolve_crosswalk(db, crosswalk)
    show(themes_view(tag_list(db, x.source, x)), fmt, as_json)


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

    text = " ".join(words)
    if not search_words(text):
        raise typer.BadParameter("give at least one word to search for", param_hint="TEXT")
    db = database(data_dir, packaged)
    if framework:
        from ..queries.resolve import resolve_framework
        from ..queries.search import search_items
        from ..views.search import items_view

        if theme:
            raise typer.BadParameter(
                "--theme goes with a crosswalk's search, not --framework", param_hint="--theme"
            )
        chosen = tuple(dict.fromkeys(resolve_framework(db, f) for f in framework))
        show(items_view(search_items(db, search_words(text), chosen)), fmt, as_json)
        return
    from ..queries import fetch
    from ..queries.resolve import resolve_crosswalk, resolve_tags
    from ..queries.search import search as ask
    from ..views.search import view

    x = resolve_crosswalk(db, crosswalk)
    tags = resolve_tags(db, fetch.framework(db, x.source), theme or ())
    show(view(ask(db, x, text, tags)), fmt, as_json)


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
