"""``crosswalk standard`` and ``crosswalk standards``: a standard or indicator and its competencies."""

from __future__ import annotations

from typing import NamedTuple

from ..model import Crosswalk, Standard, StandardIndicator
from .links import LinkedIndicator, direct_links, standard_links


class StandardIndicatorView(NamedTuple):
    indicator: StandardIndicator
    standard: Standard
    primary: tuple[LinkedIndicator, ...]
    additional: tuple[LinkedIndicator, ...]
    theme_filter: tuple[str, ...]


class IndicatorCount(NamedTuple):
    indicator: StandardIndicator
    primary: int
    additional: int


class StandardView(NamedTuple):
    standard: Standard
    indicators: tuple[IndicatorCount, ...]
    whole_primary: tuple[LinkedIndicator, ...]
    whole_additional: tuple[LinkedIndicator, ...]
    theme_filter: tuple[str, ...]


class StandardsList(NamedTuple):
    standards: tuple[StandardView, ...]


def standard(cw: Crosswalk, ident: str, themes: tuple[str, ...] = ()) -> StandardIndicatorView | StandardView:
    """A standard indicator and its competencies, or a whole standard and its indicators' counts."""
    if ident in cw.standards:
        s = cw.standards[ident]
        counts = []
        for iid in s.indicator_ids:
            p, a = standard_links(cw, iid, themes)
            counts.append(IndicatorCount(cw.standard_indicators[iid], len(p), len(a)))
        whole_p, whole_a = direct_links(cw, ident, themes, via=ident)
        return StandardView(s, tuple(counts), tuple(whole_p), tuple(whole_a), themes)
    ind = cw.standard_indicators[ident]
    primary, additional = standard_links(cw, ident, themes)
    return StandardIndicatorView(ind, cw.standards[ind.standard], tuple(primary), tuple(additional), themes)


def standards_list(cw: Crosswalk) -> StandardsList:
    views = [standard(cw, sid) for sid in cw.standards]
    return StandardsList(tuple(v for v in views if isinstance(v, StandardView)))
