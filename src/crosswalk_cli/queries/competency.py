"""``crosswalk competency`` and ``crosswalk competencies``: a competency or indicator and its standards."""

from __future__ import annotations

from typing import NamedTuple

from ..model import Competency, Crosswalk, Domain, Indicator, Theme
from .errata import ErratumRow
from .links import ADDITIONAL, PRIMARY, IndicatorRow, indicator_row, keep


class LinkedStandard(NamedTuple):
    """A standard or standard indicator seen from a competency indicator."""

    id: str
    code: str
    name: str
    standard_name: str
    relation: str
    whole_standard: bool
    entries: tuple[int, ...]


class CompetencyIndicatorView(NamedTuple):
    indicator: Indicator
    competency: Competency
    domain: Domain
    themes: tuple[Theme, ...]
    standards: tuple[LinkedStandard, ...]
    printed_labels: tuple[str, ...]
    errata: tuple[ErratumRow, ...]
    notes: tuple[str, ...]


class CompetencyView(NamedTuple):
    competency: Competency
    domain: Domain
    rows: tuple[IndicatorRow, ...]


class CompetenciesList(NamedTuple):
    domains: tuple[Domain, ...]
    competencies: tuple[Competency, ...]
    rows: tuple[IndicatorRow, ...]
    theme_filter: tuple[str, ...]


def competency(cw: Crosswalk, ident: str) -> CompetencyIndicatorView | CompetencyView:
    """A competency indicator and its standards, or a whole competency and its indicators."""
    if ident in cw.competencies:
        comp = cw.competencies[ident]
        rows = tuple(indicator_row(cw, cw.indicators[i]) for i in comp.indicator_ids)
        return CompetencyView(comp, cw.domains[comp.domain], rows)
    ind = cw.indicators[ident]
    entries = cw.by_competency.get(ident, ())
    primary_entries: dict[str, list[int]] = {}
    additional_entries: dict[str, list[int]] = {}
    for a in entries:
        primary_entries.setdefault(a.primary, []).append(a.seq)
        for sid in a.additional:
            additional_entries.setdefault(sid, []).append(a.seq)
    links = [_linked_standard(cw, sid, PRIMARY, tuple(seqs)) for sid, seqs in primary_entries.items()]
    links += [
        _linked_standard(cw, sid, ADDITIONAL, tuple(seqs))
        for sid, seqs in additional_entries.items()
        if sid not in primary_entries
    ]
    errata = tuple(ErratumRow(a.seq, a.competency, a.printed_label, e) for a in entries for e in a.errata)
    return CompetencyIndicatorView(
        indicator=ind,
        competency=cw.competencies[ind.competency],
        domain=cw.domains[ind.domain],
        themes=tuple(cw.themes[t] for t in ind.themes),
        standards=tuple(links),
        printed_labels=tuple(dict.fromkeys(a.printed_label for a in entries if a.printed_label)),
        errata=errata,
        notes=tuple(a.note for a in entries if a.note),
    )


def _linked_standard(cw: Crosswalk, sid: str, relation: str, entries: tuple[int, ...]) -> LinkedStandard:
    if sid in cw.standards:
        s = cw.standards[sid]
        return LinkedStandard(sid, s.numeral, s.name, s.name, relation, True, entries)
    i = cw.standard_indicators[sid]
    return LinkedStandard(sid, i.code, i.name, cw.standards[i.standard].name, relation, False, entries)


def competencies_list(
    cw: Crosswalk, domain: str | None = None, themes: tuple[str, ...] = ()
) -> CompetenciesList:
    domains = tuple(d for d in cw.domains.values() if domain is None or d.code == domain)
    comps = tuple(cw.competencies[c] for d in domains for c in d.competency_ids)
    rows = tuple(
        indicator_row(cw, cw.indicators[i], themes)
        for c in comps
        for i in c.indicator_ids
        if keep(cw.indicators[i], themes)
    )
    if themes:  # only the competencies something is listed under
        listed = {row.competency.id for row in rows}
        comps = tuple(c for c in comps if c.id in listed)
    return CompetenciesList(domains, comps, rows, themes)
