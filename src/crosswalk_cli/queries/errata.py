"""``crosswalk errata``: where the printed crosswalk differs from the data, and the other printing notes."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Crosswalk, Erratum, SourceNote


@dataclass(frozen=True, eq=False, repr=False)
class ErratumRow:
    seq: int
    competency: str
    printed_label: str | None
    erratum: Erratum


@dataclass(frozen=True, eq=False, repr=False)
class ErrataList:
    errata: tuple[ErratumRow, ...]
    source_notes: tuple[SourceNote, ...]
    framework: str | None = None  # the framework whose own printing notes these are, if not the crosswalk's


def errata(cw: Crosswalk) -> ErrataList:
    rows = tuple(ErratumRow(a.seq, a.competency, a.printed_label, e) for a in cw.alignments for e in a.errata)
    return ErrataList(rows, tuple(cw.source_notes))
