"""The MAPLE crosswalk seen in its own words (standards, indicators, domains, competencies, themes,
alignments), built from the one model: for the tests that check the data against the printed report.

The tool itself knows no such words (tests/test_layout.py checks src/); they are the tests' way of
reading the packaged data, which holds MA, JFF and the MAPLE crosswalk as frameworks and a crosswalk
like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from crosswalk_cli.model import Crosswalk as OneCrosswalk
from crosswalk_cli.model import DataSet, Entry, Framework, Header

MA, JFF, MAPLE = "MA", "JFF", "MAPLE"
FILES = ("standards.yaml", "competencies.yaml", "alignments.yaml")  # the packaged MAPLE files, by name


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
    id: str
    competency: str
    domain: str
    text: str
    subitems: tuple[str, ...]
    themes: tuple[str, ...]
    themes_from_crosswalk: tuple[str, ...]
    icons_lost: bool
    crosswalk_mark: str | None = None

    @property
    def themes_incomplete(self) -> bool:
        return self.icons_lost


class Element(NamedTuple):
    number: str
    text: str
    name: str | None = None


class StandardIndicator(NamedTuple):
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


class Maple(NamedTuple):
    standards_framework: Header
    competencies_framework: Header
    standards: Mapping[str, Standard]
    standard_indicators: Mapping[str, StandardIndicator]
    themes: Mapping[str, Theme]
    domains: Mapping[str, Domain]
    competencies: Mapping[str, Competency]
    indicators: Mapping[str, Indicator]
    alignments: tuple[Alignment, ...]
    source_notes: tuple[SourceNote, ...]
    crosswalk: OneCrosswalk
    data: DataSet

    @property
    def by_competency(self) -> dict[str, tuple[Alignment, ...]]:
        return _group(self.alignments, lambda a: (a.competency,))

    @property
    def by_primary(self) -> dict[str, tuple[Alignment, ...]]:
        return _group(self.alignments, lambda a: (a.primary,))

    @property
    def by_additional(self) -> dict[str, tuple[Alignment, ...]]:
        return _group(self.alignments, lambda a: a.additional)

    def standard_of(self, ident: str) -> Standard:
        if ident in self.standards:
            return self.standards[ident]
        return self.standards[self.standard_indicators[ident].standard]


def _group(alignments: Iterable[Alignment], keys: object) -> dict[str, tuple[Alignment, ...]]:
    groups: dict[str, list[Alignment]] = {}
    for a in alignments:
        for k in keys(a):  # type: ignore[operator]
            groups.setdefault(k, []).append(a)
    return {k: tuple(v) for k, v in groups.items()}


def _alignment(e: Entry) -> Alignment:
    primary = next(k.target for k in e.links if k.relation == "primary")
    additional = tuple(k.target for k in e.links if k.relation == "additional")
    errata = tuple(Erratum(r.kind, r.note, r.printed, r.resolved) for r in e.errata)
    return Alignment(e.seq, e.source, primary, additional, e.printed_label, e.note, errata)


def maple(data: DataSet) -> Maple:
    ma, jff = data.framework(MA), data.framework(JFF)
    x = next(c for c in data.crosswalks if c.id == MAPLE)
    return Maple(
        ma.header, jff.header, *_standards(ma), {t.code: Theme(t.code, t.name, t.description, t.source)
                                                  for t in jff.tags},
        *_competencies(jff), tuple(_alignment(e) for e in x.entries),
        tuple(SourceNote(n.kind, n.where, n.note) for n in x.source_notes), x, data,
    )  # fmt: skip


def _standards(f: Framework) -> tuple[dict[str, Standard], dict[str, StandardIndicator]]:
    standards, indicators = {}, {}
    for i in f.items:
        if i.depth == 0:
            standards[i.code] = Standard(i.code, i.label or "", i.title, i.text, i.children)
        else:
            elements = tuple(Element(p.label or "", p.text, p.title) for p in i.parts)
            indicators[i.code] = StandardIndicator(
                i.code, i.parent or "", i.label or "", i.title, i.text, elements
            )
    return standards, indicators


def _competencies(
    f: Framework,
) -> tuple[dict[str, Domain], dict[str, Competency], dict[str, Indicator]]:
    domains, competencies, indicators = {}, {}, {}
    parent = {i.code: i.parent for i in f.items}
    for i in f.items:
        if i.depth == 0:
            d = dict(i.details)
            names = (d["full_name"], d["short_name"], d["role"], d["focus"])
            domains[i.code] = Domain(i.code, i.label or "", i.title, *names, i.text, i.children)
        elif i.depth == 1:
            competencies[i.code] = Competency(i.code, i.parent or "", i.title, i.children)
        else:
            indicators[i.code] = Indicator(
                i.code, i.parent or "", parent[i.parent or ""] or "", i.text, tuple(p.text for p in i.parts),
                i.tags, i.tags_recovered, i.tags_incomplete, i.recovered_by,
            )  # fmt: skip
    return domains, competencies, indicators
