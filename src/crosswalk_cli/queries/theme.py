"""``crosswalk theme`` and ``crosswalk themes``: the indicators carrying a theme, and every theme counted."""

from __future__ import annotations

from typing import NamedTuple

from ..model import Crosswalk, Theme
from .links import IndicatorRow, indicator_row


class ThemeView(NamedTuple):
    theme: Theme
    rows: tuple[IndicatorRow, ...]
    incomplete: tuple[IndicatorRow, ...]


class ThemeCount(NamedTuple):
    theme: Theme
    indicators: int
    from_crosswalk: int


class ThemesList(NamedTuple):
    themes: tuple[ThemeCount, ...]
    rows: tuple[IndicatorRow, ...]  # every competency indicator
    incomplete_rows: tuple[IndicatorRow, ...]  # those whose themes may be incomplete

    @property
    def incomplete(self) -> int:
        return len(self.incomplete_rows)

    @property
    def total(self) -> int:
        return len(self.rows)


def theme(cw: Crosswalk, code: str) -> ThemeView:
    """Every competency indicator carrying a theme, in framework order (so grouped by domain)."""
    rows = tuple(indicator_row(cw, i, (code,)) for i in cw.indicators.values() if code in i.themes)
    incomplete = tuple(
        indicator_row(cw, i, (code,))
        for i in cw.indicators.values()
        if i.themes_incomplete and code not in i.themes
    )
    return ThemeView(cw.themes[code], rows, incomplete)


def themes_list(cw: Crosswalk) -> ThemesList:
    counts = tuple(
        ThemeCount(
            t,
            sum(t.code in i.themes for i in cw.indicators.values()),
            sum(t.code in i.themes_from_crosswalk for i in cw.indicators.values()),
        )
        for t in cw.themes.values()
    )
    rows = tuple(indicator_row(cw, i) for i in cw.indicators.values())
    return ThemesList(counts, rows, tuple(r for r in rows if r.indicator.themes_incomplete))
