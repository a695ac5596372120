"""``crosswalk errata``: where the printed crosswalk differs from the data, and the other printing notes."""

from __future__ import annotations

from typing import NamedTuple

from ..model import Crosswalk, Erratum, SourceNote


class ErratumRow(NamedTuple):
    seq: int
    competency: str
    printed_label: str | None
    erratum: Erratum


class ErrataList(NamedTuple):
    errata: tuple[ErratumRow, ...]
    source_notes: tuple[SourceNote, ...]
    framework: str | None = None  # the framework whose own printing notes these are, if not the crosswalk's


def errata(cw: Crosswalk) -> ErrataList:
    rows = tuple(ErratumRow(a.seq, a.competency, a.printed_label, e) for a in cw.alignments for e in a.errata)
    return ErrataList(rows, tuple(cw.source_notes))
