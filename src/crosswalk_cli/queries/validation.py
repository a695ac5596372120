"""``crosswalk validate``: what the checked data holds."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ..model_items import DataSet


class Validation(NamedTuple):
    data_dir: str
    counts: tuple[tuple[str, int], ...]
    packaged: bool = False  # the data shipped with crosswalk, not a --data-dir copy
    files: tuple[tuple[str, bool], ...] = ()  # every file read, by name, and whether it carries a seal

    @property
    def sealed(self) -> tuple[str, ...]:
        return tuple(name for name, sealed in self.files if sealed)

    @property
    def unsealed(self) -> tuple[str, ...]:
        return tuple(name for name, sealed in self.files if not sealed)


def validation(
    data: DataSet,
    data_dir: str,
    extra: tuple[tuple[str, int], ...] = (),
    packaged: bool = False,
    files: Iterable[tuple[str, bool]] = (),
) -> Validation:
    cw = data.maple
    counts = (
        ("standards", len(cw.standards)),
        ("standard indicators", len(cw.standard_indicators)),
        ("themes", len(cw.themes)),
        ("domains", len(cw.domains)),
        ("competencies", len(cw.competencies)),
        ("competency indicators", len(cw.indicators)),
        ("alignments", len(cw.alignments)),
        ("additional links", sum(len(a.additional) for a in cw.alignments)),
        ("errata", sum(len(a.errata) for a in cw.alignments)),
        ("source notes", len(cw.source_notes)),
        (
            "themes recovered from the crosswalk",
            sum(bool(i.themes_from_crosswalk) for i in cw.indicators.values()),
        ),
        (
            "indicators whose themes may be incomplete",
            sum(i.themes_incomplete for i in cw.indicators.values()),
        ),
    )
    others = tuple((f"{f.info.id} items", len(f.items)) for f in data.frameworks)
    others += tuple((f"{x.info.id} links", len(x.links)) for x in data.crosswalks)
    return Validation(data_dir, counts + others + extra, packaged, tuple(files))
