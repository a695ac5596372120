"""The crosswalk as typed, immutable data: what the loader builds and the queries read.

The records are NamedTuples: immutable, compared by value, and cheap to define. A frozen dataclass
compiles its generated methods from source at every import (0.3 to 0.5 ms a class on our machines,
against about 0.1 ms for a NamedTuple), which start-up time notices across some 30 classes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple


class Theme(NamedTuple):
    code: str
    name: str
    description: str
    source: str


class Domain(NamedTuple):
    code: str
    number: str
    name: str
    full_name: str
    short_name: str
    role: str
    focus: str
    description: str
    competency_ids: tuple[str, ...]


class Competency(NamedTuple):
    id: str
    domain: str
    title: str
    indicator_ids: tuple[str, ...]


class Indicator(NamedTuple):
    """A competency indicator (``VVC.1.a``)."""

    id: str
    competency: str
    domain: str
    text: str
    subitems: tuple[str, ...]
    themes: tuple[str, ...]
    themes_from_crosswalk: tuple[str, ...]
    icons_lost: bool
    crosswalk_mark: str | None = None  # what a recovered theme rests on: "printed" or "blank"

    @property
    def themes_incomplete(self) -> bool:
        """The source lost this indicator's theme icons: a theme recovered from the crosswalk's EI
        marks is known, but whether any other theme was lost with the icons is not."""
        return self.icons_lost


class Element(NamedTuple):
    number: str
    text: str
    name: str | None = None


class StandardIndicator(NamedTuple):
    """A standard indicator (``1b``)."""

    id: str
    standard: str
    code: str
    name: str
    text: str
    elements: tuple[Element, ...] = ()


class Standard(NamedTuple):
    id: str
    numeral: str
    name: str
    statement: str
    indicator_ids: tuple[str, ...]


class Erratum(NamedTuple):
    kind: str
    note: str
    printed: str | None = None
    resolved: str | None = None


class Alignment(NamedTuple):
    """One entry of the printed crosswalk: a competency indicator and the standards it serves."""

    seq: int
    competency: str
    primary: str
    additional: tuple[str, ...]
    printed_label: str | None = None
    note: str | None = None
    errata: tuple[Erratum, ...] = ()


class SourceNote(NamedTuple):
    kind: str
    where: str
    note: str


class Framework(NamedTuple):
    """A framework's or a crosswalk's header: who published what, when, under which licence."""

    title: str
    publisher: str
    license: str
    license_url: str
    extra: Mapping[str, str] = MappingProxyType({})  # shared and read-only
    id: str = ""
    levels: tuple[str, ...] = ()  # a framework's level names, top first
    relations: tuple[str, ...] = ()  # a crosswalk's relation names, strongest first


class Crosswalk(NamedTuple):
    """Everything loaded, with indexes so lookups in both directions are dictionary reads."""

    standards_framework: Framework
    competencies_framework: Framework
    standards: Mapping[str, Standard]
    standard_indicators: Mapping[str, StandardIndicator]
    themes: Mapping[str, Theme]
    domains: Mapping[str, Domain]
    competencies: Mapping[str, Competency]
    indicators: Mapping[str, Indicator]
    alignments: Sequence[Alignment]
    source_notes: Sequence[SourceNote]
    by_competency: Mapping[str, tuple[Alignment, ...]]
    by_primary: Mapping[str, tuple[Alignment, ...]]
    by_additional: Mapping[str, tuple[Alignment, ...]]
    crosswalk_source: Framework | None = None

    def standard_of(self, standard_or_indicator_id: str) -> Standard:
        """The standard an id belongs to: itself, or its indicator's standard."""
        if standard_or_indicator_id in self.standards:
            return self.standards[standard_or_indicator_id]
        return self.standards[self.standard_indicators[standard_or_indicator_id].standard]


def _group(
    alignments: Iterable[Alignment], keys: Callable[[Alignment], Iterable[str]]
) -> dict[str, tuple[Alignment, ...]]:
    groups: dict[str, list[Alignment]] = {}
    for a in alignments:
        for k in keys(a):
            groups.setdefault(k, []).append(a)
    return {k: tuple(v) for k, v in groups.items()}


def assemble(
    *,
    standards_framework: Framework,
    competencies_framework: Framework,
    standards: Iterable[Standard],
    standard_indicators: Iterable[StandardIndicator],
    themes: Iterable[Theme],
    domains: Iterable[Domain],
    competencies: Iterable[Competency],
    indicators: Iterable[Indicator],
    alignments: tuple[Alignment, ...],
    source_notes: tuple[SourceNote, ...],
    crosswalk_source: Framework | None = None,
) -> Crosswalk:
    """The Crosswalk with its indexes, from entities in framework order."""
    return Crosswalk(
        standards_framework=standards_framework,
        competencies_framework=competencies_framework,
        standards={s.id: s for s in standards},
        standard_indicators={i.id: i for i in standard_indicators},
        themes={t.code: t for t in themes},
        domains={d.code: d for d in domains},
        competencies={c.id: c for c in competencies},
        indicators={i.id: i for i in indicators},
        alignments=alignments,
        source_notes=source_notes,
        by_competency=_group(alignments, lambda a: (a.competency,)),
        by_primary=_group(alignments, lambda a: (a.primary,)),
        by_additional=_group(alignments, lambda a: a.additional),
        crosswalk_source=crosswalk_source,
    )


# The record classes a MAPLE lookup reads back from the store (model_items.py has the generic ones).
RECORDS: tuple[type, ...] = (
    Theme, Domain, Competency, Indicator, Element, StandardIndicator, Standard, Erratum, Alignment,
    SourceNote, Framework,
)  # fmt: skip
