"""The crosswalk as typed, immutable data: what the loader builds and the queries read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Theme:
    code: str
    name: str
    description: str
    source: str


@dataclass(frozen=True, slots=True)
class Domain:
    code: str
    number: str
    name: str
    full_name: str
    short_name: str
    role: str
    focus: str
    description: str
    competency_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Competency:
    id: str
    domain: str
    title: str
    indicator_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Indicator:
    """A competency indicator (``VVC.1.a``)."""

    id: str
    competency: str
    domain: str
    text: str
    subitems: tuple[str, ...]
    themes: tuple[str, ...]
    themes_from_crosswalk: tuple[str, ...]
    icons_lost: bool

    @property
    def themes_incomplete(self) -> bool:
        """The source lost this indicator's theme icons and nothing recovered them."""
        return self.icons_lost and not self.themes_from_crosswalk


@dataclass(frozen=True, slots=True)
class Element:
    number: str
    text: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class StandardIndicator:
    """A standard indicator (``1b``)."""

    id: str
    standard: str
    code: str
    name: str
    text: str
    elements: tuple[Element, ...] = ()


@dataclass(frozen=True, slots=True)
class Standard:
    id: str
    numeral: str
    name: str
    statement: str
    indicator_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Erratum:
    kind: str
    note: str
    printed: str | None = None
    resolved: str | None = None


@dataclass(frozen=True, slots=True)
class Alignment:
    """One entry of the printed crosswalk: a competency indicator and the standards it serves."""

    seq: int
    competency: str
    primary: str
    additional: tuple[str, ...]
    printed_label: str | None = None
    note: str | None = None
    errata: tuple[Erratum, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceNote:
    kind: str
    where: str
    note: str


@dataclass(frozen=True, slots=True)
class Framework:
    title: str
    publisher: str
    license: str
    license_url: str
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Crosswalk:
    """Everything loaded, with indexes so lookups in both directions are dictionary reads."""

    standards_framework: Framework
    competencies_framework: Framework
    standards: Mapping[str, Standard]
    standard_indicators: Mapping[str, StandardIndicator]
    themes: Mapping[str, Theme]
    domains: Mapping[str, Domain]
    competencies: Mapping[str, Competency]
    indicators: Mapping[str, Indicator]
    alignments: tuple[Alignment, ...]
    source_notes: tuple[SourceNote, ...]
    by_competency: Mapping[str, tuple[Alignment, ...]]
    by_primary: Mapping[str, tuple[Alignment, ...]]
    by_additional: Mapping[str, tuple[Alignment, ...]]

    def standard_of(self, standard_or_indicator_id: str) -> Standard:
        """The standard an id belongs to: itself, or its indicator's standard."""
        if standard_or_indicator_id in self.standards:
            return self.standards[standard_or_indicator_id]
        return self.standards[self.standard_indicators[standard_or_indicator_id].standard]
