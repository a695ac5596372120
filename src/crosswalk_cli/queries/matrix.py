"""``crosswalk matrix``: competency indicators linked to each standard indicator, counted by domain."""

from __future__ import annotations

from typing import NamedTuple

from ..model import Crosswalk, Domain
from .links import ADDITIONAL, POSSIBLE, PRIMARY, direct_links


class MatrixRow(NamedTuple):
    id: str
    code: str
    name: str
    whole_standard: bool
    counts: tuple[int, ...]  # per domain, in domain order
    possible: tuple[int, ...]  # per domain, of those counted: kept by a theme filter as POSSIBLE

    @property
    def total(self) -> int:
        return sum(self.counts)


class Matrix(NamedTuple):
    domains: tuple[Domain, ...]
    rows: tuple[MatrixRow, ...]
    relation: str  # "primary", "additional" or "all"
    theme_filter: tuple[str, ...]

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(r.counts[n] for r in self.rows) for n in range(len(self.domains)))

    @property
    def possible_totals(self) -> tuple[int, ...]:
        return tuple(sum(r.possible[n] for r in self.rows) for n in range(len(self.domains)))


def matrix(cw: Crosswalk, relation: str = "all", themes: tuple[str, ...] = ()) -> Matrix:
    """Competency indicators linked to each standard indicator, counted by domain. A competency
    indicator counts once per standard indicator: as primary if it is primary there at all."""
    domains = tuple(cw.domains.values())
    rows = []
    for sid in [*cw.standards, *cw.standard_indicators]:
        whole = sid in cw.standards
        if whole and sid not in cw.by_primary and sid not in cw.by_additional:
            continue  # a whole-standard row only where the crosswalk links to the whole standard
        primary, additional = direct_links(cw, sid, themes)
        chosen = {PRIMARY: primary, ADDITIONAL: additional}.get(relation, [*primary, *additional])
        if whole:
            s = cw.standards[sid]
            code, name = s.numeral, f"{s.name} (whole standard)"
        else:
            i = cw.standard_indicators[sid]
            code, name = i.code, i.name
        counts = tuple(sum(1 for link in chosen if link.domain.code == d.code) for d in domains)
        possible = tuple(
            sum(1 for link in chosen if link.domain.code == d.code and link.theme_match == POSSIBLE)
            for d in domains
        )
        rows.append(MatrixRow(sid, code, name, whole, counts, possible))
    order = {sid: n for n, sid in enumerate([*cw.standard_indicators])}
    rows.sort(key=lambda r: (cw.standard_of(r.id).id, not r.whole_standard, order.get(r.id, -1)))
    return Matrix(domains, tuple(rows), relation, themes)
