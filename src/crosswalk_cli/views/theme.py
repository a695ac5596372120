"""Views of ``crosswalk theme`` and ``crosswalk themes``."""

from __future__ import annotations

from typing import Any

from ..formats.shape import View
from ..model import Crosswalk, Theme
from ..queries.theme import ThemeCount, ThemesList, ThemeView
from .common import INDICATOR_ROW, count, grouped
from .fields import INT, STR, Context, Entity, Field, counts, head, many, one

THEME: Entity[Theme] = Entity(
    "theme",
    "A recurring theme of the competencies.",
    (
        Field("code", STR, lambda t: t.code),
        Field("name", STR, lambda t: t.name),
        Field("description", STR, lambda t: t.description),
        Field("source", STR, lambda t: t.source),
    ),
)
THEME_COUNT: Entity[ThemeCount] = Entity(
    "theme_count",
    "A theme, with how many competency indicators carry it.",
    (
        Field("code", STR, lambda t: t.theme.code, column=head("Code", no_wrap=True, style="bold")),
        Field("name", STR, lambda t: t.theme.name, column=head("Theme", ratio=2)),
        Field("description", STR, lambda t: t.theme.description, column=head("Description", ratio=4)),
        Field("indicators", INT, lambda t: t.indicators, column=head("Indicators", no_wrap=True)),
        Field(
            "from_crosswalk",
            INT,
            lambda t: t.from_crosswalk,
            doc="of those, recovered from the crosswalk's marks",
        ),
    ),
    csv=("code", "name", "indicators", "from_crosswalk", "description"),
    table=("code", "name", "indicators", "description"),
)
THEME_DOC: Entity[ThemeView] = Entity(
    "theme_result",
    "crosswalk theme CODE: the competency indicators carrying a theme, and those that may.",
    (
        Field("theme", one(THEME), lambda r: r.theme),
        Field(
            "counts",
            counts("competencies", "themes_incomplete"),
            lambda r: {"competencies": len(r.rows), "themes_incomplete": len(r.incomplete)},
        ),
        Field(
            "competencies", many(INDICATOR_ROW), lambda r: r.rows, doc="the indicators that list the theme"
        ),
        Field(
            "themes_incomplete",
            many(INDICATOR_ROW),
            lambda r: r.incomplete,
            doc="indicators whose themes may be incomplete and that do not list it",
        ),
    ),
)
THEMES_DOC: Entity[ThemesList] = Entity(
    "themes_result",
    "crosswalk themes: every theme counted, every indicator, and those whose themes may be incomplete.",
    (
        Field("themes", many(THEME_COUNT), lambda r: r.themes),
        # Top-level keys mean one thing in every command: `indicators` and `themes_incomplete` are lists of
        # indicators, as in `competencies` and `theme`; their numbers are under `counts`.
        Field("indicators", many(INDICATOR_ROW), lambda r: r.rows),
        Field("themes_incomplete", many(INDICATOR_ROW), lambda r: r.incomplete_rows),
        Field(
            "counts",
            counts("themes", "indicators", "themes_incomplete"),
            lambda r: {"themes": len(r.themes), "indicators": r.total, "themes_incomplete": r.incomplete},
        ),
    ),
)


def view(r: Any, cw: Crosswalk) -> View:
    if isinstance(r, ThemeView):
        return _theme(r, cw)
    assert isinstance(r, ThemesList)
    return _themes(r, cw)


def _theme(r: ThemeView, cw: Crosswalk) -> View:
    t = r.theme
    ctx = Context(cw, (t.code,))
    sections = grouped(r.rows, lambda row: f"{row.domain.code} {row.domain.name}", ctx)
    if r.incomplete:
        title = f"May also carry {t.code} (themes may be incomplete): {len(r.incomplete)}"
        sections += (INDICATOR_ROW.section(title, r.incomplete, ctx),)
    note = (
        f"{len(r.incomplete)} more indicators lost their theme icons in the source and may also carry "
        f"{t.code}: {', '.join(x.indicator.id for x in r.incomplete)}."
        if r.incomplete
        else ""
    )
    return View(
        command="theme",
        title=f"{t.code} {t.name}: {len(r.rows)} competency indicators",
        payload=THEME_DOC.item(r),
        facts=(("Theme", t.description), ("Source", t.source)),
        sections=sections,
        notes=(note,) if note else (),
        csv=INDICATOR_ROW.csv_section("competencies", (*r.rows, *r.incomplete), ctx),
    )


def _themes(r: ThemesList, cw: Crosswalk) -> View:
    ctx = Context(cw)
    recovered = [f"{t.from_crosswalk} {t.theme.code}" for t in r.themes if t.from_crosswalk]
    notes = [
        f"{r.incomplete} of {r.total} indicators lost their theme icons in the source and may carry "
        "more themes than listed."
    ]
    if recovered:
        notes.append(f"Recovered from the crosswalk's own marks: {', '.join(recovered)}.")
    return View(
        command="themes",
        title=f"{count(len(r.themes), 'theme')}, carried by the {r.total} competency indicators",
        payload=THEMES_DOC.item(r),
        sections=(THEME_COUNT.section("Themes", r.themes, ctx),),
        notes=tuple(notes),
        csv=THEME_COUNT.csv_section("themes", r.themes, ctx),
    )
