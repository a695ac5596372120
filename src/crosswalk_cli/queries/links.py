"""What the standard, competency, theme and matrix queries share: the relations, the theme filter, and
the records of a competency indicator seen from a standard (LinkedIndicator) or listed (IndicatorRow)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ..model import Alignment, Competency, Crosswalk, Domain, Indicator

PRIMARY = "primary"
ADDITIONAL = "additional"
# How an indicator meets a theme filter: it lists one of the themes, or its themes may be incomplete
# (the source lost its icons) so it may carry one. Every command keeps both kinds, marked.
LISTED = "listed"
POSSIBLE = "possible"


class LinkedIndicator(NamedTuple):
    """A competency indicator seen from a standard."""

    indicator: Indicator
    competency: Competency
    domain: Domain
    relation: str
    via: str | None
    printed_label: str | None
    entries: tuple[int, ...]
    theme_match: str | None = None  # LISTED or POSSIBLE under a theme filter, else None


class IndicatorRow(NamedTuple):
    """A competency indicator in a list, with its primary standards."""

    indicator: Indicator
    competency: Competency
    domain: Domain
    primary: tuple[str, ...]
    theme_match: str | None = None  # LISTED or POSSIBLE under a theme filter, else None


def theme_match(ind: Indicator, themes: tuple[str, ...]) -> str | None:
    """None without a filter; LISTED if the indicator lists a filter theme; POSSIBLE if it does not but
    its themes may be incomplete; "" if it cannot carry any of them."""
    if not themes:
        return None
    if any(t in ind.themes for t in themes):
        return LISTED
    return POSSIBLE if ind.themes_incomplete else ""


def keep(ind: Indicator, themes: tuple[str, ...]) -> bool:
    return theme_match(ind, themes) != ""


def linked(
    cw: Crosswalk, entries: Iterable[Alignment], relation: str, via: str | None, themes: tuple[str, ...]
) -> list[LinkedIndicator]:
    grouped: dict[str, list[Alignment]] = {}
    for a in entries:
        grouped.setdefault(a.competency, []).append(a)
    result = []
    for cid, group in grouped.items():
        ind = cw.indicators[cid]
        if not keep(ind, themes):
            continue
        labels = [a.printed_label for a in group if a.printed_label]
        result.append(
            LinkedIndicator(
                indicator=ind,
                competency=cw.competencies[ind.competency],
                domain=cw.domains[ind.domain],
                relation=relation,
                via=via,
                printed_label=labels[0] if labels else None,
                entries=tuple(a.seq for a in group),
                theme_match=theme_match(ind, themes),
            )
        )
    return result


def without(links: list[LinkedIndicator], primary: list[LinkedIndicator]) -> list[LinkedIndicator]:
    """Additional links less those already primary for the same standard: each indicator once."""
    seen = {p.indicator.id for p in primary}
    return [a for a in links if a.indicator.id not in seen]


def direct_links(
    cw: Crosswalk, sid: str, themes: tuple[str, ...], via: str | None = None
) -> tuple[list[LinkedIndicator], list[LinkedIndicator]]:
    """The competency indicators whose entries name ``sid`` itself: primary, then additional."""
    primary = linked(cw, cw.by_primary.get(sid, ()), PRIMARY, via, themes)
    return primary, without(linked(cw, cw.by_additional.get(sid, ()), ADDITIONAL, via, themes), primary)


def standard_links(
    cw: Crosswalk, indicator_id: str, themes: tuple[str, ...]
) -> tuple[list[LinkedIndicator], list[LinkedIndicator]]:
    """A standard indicator's links, including the entries aligned to its whole standard."""
    standard_id = cw.standard_indicators[indicator_id].standard
    primary = linked(cw, cw.by_primary.get(indicator_id, ()), PRIMARY, None, themes)
    primary += linked(cw, cw.by_primary.get(standard_id, ()), PRIMARY, standard_id, themes)
    additional_entries = [*cw.by_additional.get(indicator_id, ()), *cw.by_additional.get(standard_id, ())]
    return primary, without(linked(cw, additional_entries, ADDITIONAL, None, themes), primary)


def indicator_row(cw: Crosswalk, ind: Indicator, themes: tuple[str, ...] = ()) -> IndicatorRow:
    primaries = tuple(dict.fromkeys(a.primary for a in cw.by_competency.get(ind.id, ())))
    domain = cw.domains[ind.domain]
    return IndicatorRow(ind, cw.competencies[ind.competency], domain, primaries, theme_match(ind, themes))
