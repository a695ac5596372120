"""Questions asked of a loaded crosswalk. Pure functions returning result dataclasses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .errors import CrosswalkError, ExitStatus
from .ids import keyed, normalize
from .model import (
    Alignment,
    Competency,
    Crosswalk,
    Domain,
    Erratum,
    Indicator,
    SourceNote,
    Standard,
    StandardIndicator,
    Theme,
)

PRIMARY = "primary"
ADDITIONAL = "additional"
# How an indicator meets a theme filter: it lists one of the themes, or its themes may be incomplete
# (the source lost its icons) so it may carry one. Every command keeps both kinds, marked.
LISTED = "listed"
POSSIBLE = "possible"


class UnknownId(CrosswalkError):
    """An id, code or name that matches nothing; carries the closest real ones."""

    exit_code = ExitStatus.USAGE

    def __init__(self, kind: str, given: str, suggestions: Iterable[str] = (), hint: str = "") -> None:
        from .textsafe import shorten

        self.kind = kind
        self.given = given
        self.suggestions = tuple(suggestions)
        if not hint and self.suggestions:
            hint = f"did you mean {', '.join(self.suggestions)}?"
        super().__init__(f"no {kind} '{shorten(given)}'" + (f"; {hint}" if hint else ""))


# --- Identifiers ------------------------------------------------------------------------------


def _resolve(keys: Mapping[str, str], given: str, kind: str, canonical: Iterable[str]) -> str:
    key = normalize(given)
    if key in keys:
        return keys[key]
    from difflib import get_close_matches

    ids = list(dict.fromkeys(canonical))
    by_norm = {normalize(i): i for i in ids}
    close = get_close_matches(key, list(by_norm), n=3, cutoff=0.5)
    if not close and key:
        close = [k for k in by_norm if k.startswith(key[:2])][:3]
    raise UnknownId(kind, given, [by_norm[c] for c in close])


def standard_keys(cw: Crosswalk) -> dict[str, str]:
    pairs: list[tuple[str, str]] = []
    for s in cw.standards.values():
        pairs += [(normalize(s.id), s.id), (normalize(s.numeral), s.id)]
    for i in cw.standard_indicators.values():
        numeral = cw.standards[i.standard].numeral
        suffix = i.id.removeprefix(i.standard)
        pairs += [(normalize(i.id), i.id), (normalize(i.code), i.id), (normalize(numeral + suffix), i.id)]
    return keyed(pairs)


def competency_keys(cw: Crosswalk) -> dict[str, str]:
    pairs: list[tuple[str, str]] = []
    for ident, domain_code in [
        *((c.id, c.domain) for c in cw.competencies.values()),
        *((i.id, i.domain) for i in cw.indicators.values()),
    ]:
        pairs.append((normalize(ident), ident))
        number = cw.domains[domain_code].number
        if ident.startswith(domain_code):
            pairs.append((normalize(number + "." + ident.removeprefix(domain_code)), ident))
    return keyed(pairs)


def standard_names(cw: Crosswalk) -> dict[str, str]:
    """Indicator and standard names (``Instruction``) to ids; a name two ids share is left out."""
    return keyed(
        [
            *((normalize(i.name), i.id) for i in cw.standard_indicators.values()),
            *((normalize(s.name), s.id) for s in cw.standards.values()),
        ]
    )


def resolve_standard(cw: Crosswalk, given: str) -> str:
    """A standard (``1``) or standard indicator (``1b``) id from any accepted form, or its exact name."""
    keys = standard_keys(cw)
    key = normalize(given)
    if key not in keys:
        keys = {**standard_names(cw), **keys}  # ids win over names
    if key not in keys:
        _wrong_command(cw, given, "standard or indicator", ("competency", "domain", "theme"))
    canonical = [*cw.standards, *cw.standard_indicators]
    return _resolve(keys, given, "standard or indicator", canonical)


def resolve_competency(cw: Crosswalk, given: str) -> str:
    """A competency (``VVC.3``) or competency indicator (``VVC.3.a``) id from any accepted form."""
    keys = competency_keys(cw)
    if normalize(given) not in keys:
        _wrong_command(cw, given, "competency or indicator", ("domain", "standard", "theme"))
    canonical = [*cw.competencies, *cw.indicators]
    return _resolve(keys, given, "competency or indicator", canonical)


def _domain_keys(cw: Crosswalk) -> dict[str, str]:
    pairs = [(normalize(d.code), d.code) for d in cw.domains.values()]
    pairs += [(normalize(d.number), d.code) for d in cw.domains.values()]
    pairs += [(normalize(d.name), d.code) for d in cw.domains.values()]
    return keyed(pairs)


def resolve_domain(cw: Crosswalk, given: str) -> str:
    keys = _domain_keys(cw)
    if normalize(given) not in keys:
        raise UnknownId("domain", given, hint=f"the domains are {', '.join(cw.domains)}")
    return keys[normalize(given)]


def _wrong_command(cw: Crosswalk, given: str, kind: str, others: tuple[str, ...]) -> None:
    """Raise UnknownId pointing to the command that knows ``given`` exactly, if one does."""
    from .textsafe import shorten

    key = normalize(given)
    for other in others:
        if other == "competency" and key in (keys := competency_keys(cw)):
            ident = keys[key]
            what = "competency indicator" if ident in cw.indicators else "competency"
            hint = f"{ident} is a {what}: try 'crosswalk competency {ident}'"
        elif other == "standard" and key in (keys := standard_keys(cw)):
            ident = keys[key]
            what = "standard indicator" if ident in cw.standard_indicators else "standard"
            hint = f"{ident} is a {what}: try 'crosswalk standard {ident}'"
        elif other == "domain" and key in (keys := _domain_keys(cw)):
            ident = keys[key]
            hint = f"{ident} is a domain: try 'crosswalk competencies --domain {ident}'"
        elif other == "theme" and key in {normalize(t.code) for t in cw.themes.values()}:
            code = next(t.code for t in cw.themes.values() if normalize(t.code) == key)
            hint = f"{code} is a theme: try 'crosswalk theme {code}'"
        else:
            continue
        raise UnknownId(kind, shorten(given), hint=hint)


def resolve_theme(cw: Crosswalk, given: str) -> str:
    """A theme code from its code, its name, or a word or prefix of its name (``equity``)."""
    key = normalize(given)
    for t in cw.themes.values():
        if key in (normalize(t.code), normalize(t.name)):
            return t.code
    if key:
        hits = [t.code for t in cw.themes.values() if normalize(t.name).startswith(key)]
        if len(hits) != 1:
            words = given.strip().lower()
            hits = [
                t.code
                for t in cw.themes.values()
                if any(w.startswith(words) for w in re.split(r"[\s\-]+", t.name.lower()))
            ]
        if len(hits) == 1:
            return hits[0]
    from difflib import get_close_matches

    names = {normalize(t.code): t.code for t in cw.themes.values()}
    close = get_close_matches(key, list(names), n=3, cutoff=0.5)
    raise UnknownId("theme", given, [names[c] for c in close] or list(cw.themes))


def resolve_themes(cw: Crosswalk, given: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(resolve_theme(cw, g) for g in given))


# --- Results ------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class LinkedIndicator:
    """A competency indicator seen from a standard."""

    indicator: Indicator
    competency: Competency
    domain: Domain
    relation: str
    via: str | None
    printed_label: str | None
    entries: tuple[int, ...]
    theme_match: str | None = None  # LISTED or POSSIBLE under a theme filter, else None


@dataclass(frozen=True, eq=False)
class LinkedStandard:
    """A standard or standard indicator seen from a competency indicator."""

    id: str
    code: str
    name: str
    standard_name: str
    relation: str
    whole_standard: bool
    entries: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class StandardIndicatorView:
    indicator: StandardIndicator
    standard: Standard
    primary: tuple[LinkedIndicator, ...]
    additional: tuple[LinkedIndicator, ...]
    theme_filter: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class IndicatorCount:
    indicator: StandardIndicator
    primary: int
    additional: int


@dataclass(frozen=True, eq=False)
class StandardView:
    standard: Standard
    indicators: tuple[IndicatorCount, ...]
    whole_primary: tuple[LinkedIndicator, ...]
    whole_additional: tuple[LinkedIndicator, ...]
    theme_filter: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class ErratumRow:
    seq: int
    competency: str
    printed_label: str | None
    erratum: Erratum


@dataclass(frozen=True, eq=False)
class CompetencyIndicatorView:
    indicator: Indicator
    competency: Competency
    domain: Domain
    themes: tuple[Theme, ...]
    standards: tuple[LinkedStandard, ...]
    printed_labels: tuple[str, ...]
    errata: tuple[ErratumRow, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class IndicatorRow:
    """A competency indicator in a list, with its primary standards."""

    indicator: Indicator
    competency: Competency
    domain: Domain
    primary: tuple[str, ...]
    theme_match: str | None = None  # LISTED or POSSIBLE under a theme filter, else None


@dataclass(frozen=True, eq=False)
class CompetencyView:
    competency: Competency
    domain: Domain
    rows: tuple[IndicatorRow, ...]


@dataclass(frozen=True, eq=False)
class ThemeView:
    theme: Theme
    rows: tuple[IndicatorRow, ...]
    incomplete: tuple[IndicatorRow, ...]


@dataclass(frozen=True, eq=False)
class StandardsList:
    standards: tuple[StandardView, ...]


@dataclass(frozen=True, eq=False)
class CompetenciesList:
    domains: tuple[Domain, ...]
    competencies: tuple[Competency, ...]
    rows: tuple[IndicatorRow, ...]
    theme_filter: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class ThemeCount:
    theme: Theme
    indicators: int
    from_crosswalk: int


@dataclass(frozen=True, eq=False)
class ThemesList:
    themes: tuple[ThemeCount, ...]
    rows: tuple[IndicatorRow, ...]  # every competency indicator
    incomplete_rows: tuple[IndicatorRow, ...]  # those whose themes may be incomplete

    @property
    def incomplete(self) -> int:
        return len(self.incomplete_rows)

    @property
    def total(self) -> int:
        return len(self.rows)


@dataclass(frozen=True, eq=False)
class SearchHit:
    kind: str  # "standard" or "competency"
    id: str
    title: str
    text: str
    themes: tuple[str, ...]
    score: int
    themes_incomplete: bool = False
    theme_match: str | None = None


@dataclass(frozen=True, eq=False)
class SearchResult:
    query: str
    words: tuple[str, ...]
    hits: tuple[SearchHit, ...]
    theme_filter: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class ErrataList:
    errata: tuple[ErratumRow, ...]
    source_notes: tuple[SourceNote, ...]


@dataclass(frozen=True, eq=False)
class Validation:
    data_dir: str
    counts: tuple[tuple[str, int], ...]
    packaged: bool = False  # the data shipped with crosswalk, not a --data-dir copy


# --- Queries ------------------------------------------------------------------------------------


def theme_match(ind: Indicator, themes: tuple[str, ...]) -> str | None:
    """None without a filter; LISTED if the indicator lists a filter theme; POSSIBLE if it does not but
    its themes may be incomplete; "" if it cannot carry any of them."""
    if not themes:
        return None
    if any(t in ind.themes for t in themes):
        return LISTED
    return POSSIBLE if ind.themes_incomplete else ""


def _keep(ind: Indicator, themes: tuple[str, ...]) -> bool:
    return theme_match(ind, themes) != ""


def _linked(
    cw: Crosswalk, entries: Iterable[Alignment], relation: str, via: str | None, themes: tuple[str, ...]
) -> list[LinkedIndicator]:
    grouped: dict[str, list[Alignment]] = {}
    for a in entries:
        grouped.setdefault(a.competency, []).append(a)
    result = []
    for cid, group in grouped.items():
        ind = cw.indicators[cid]
        if not _keep(ind, themes):
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


def _without(links: list[LinkedIndicator], primary: list[LinkedIndicator]) -> list[LinkedIndicator]:
    """Additional links less those already primary for the same standard: each indicator once."""
    seen = {p.indicator.id for p in primary}
    return [a for a in links if a.indicator.id not in seen]


def _direct_links(
    cw: Crosswalk, sid: str, themes: tuple[str, ...], via: str | None = None
) -> tuple[list[LinkedIndicator], list[LinkedIndicator]]:
    """The competency indicators whose entries name ``sid`` itself: primary, then additional."""
    primary = _linked(cw, cw.by_primary.get(sid, ()), PRIMARY, via, themes)
    return primary, _without(_linked(cw, cw.by_additional.get(sid, ()), ADDITIONAL, via, themes), primary)


def _standard_links(
    cw: Crosswalk, indicator_id: str, themes: tuple[str, ...]
) -> tuple[list[LinkedIndicator], list[LinkedIndicator]]:
    """A standard indicator's links, including the entries aligned to its whole standard."""
    standard_id = cw.standard_indicators[indicator_id].standard
    primary = _linked(cw, cw.by_primary.get(indicator_id, ()), PRIMARY, None, themes)
    primary += _linked(cw, cw.by_primary.get(standard_id, ()), PRIMARY, standard_id, themes)
    additional_entries = [*cw.by_additional.get(indicator_id, ()), *cw.by_additional.get(standard_id, ())]
    return primary, _without(_linked(cw, additional_entries, ADDITIONAL, None, themes), primary)


def standard(cw: Crosswalk, ident: str, themes: tuple[str, ...] = ()) -> StandardIndicatorView | StandardView:
    """A standard indicator and its competencies, or a whole standard and its indicators' counts."""
    if ident in cw.standards:
        s = cw.standards[ident]
        counts = []
        for iid in s.indicator_ids:
            p, a = _standard_links(cw, iid, themes)
            counts.append(IndicatorCount(cw.standard_indicators[iid], len(p), len(a)))
        whole_p, whole_a = _direct_links(cw, ident, themes, via=ident)
        return StandardView(s, tuple(counts), tuple(whole_p), tuple(whole_a), themes)
    ind = cw.standard_indicators[ident]
    primary, additional = _standard_links(cw, ident, themes)
    return StandardIndicatorView(ind, cw.standards[ind.standard], tuple(primary), tuple(additional), themes)


def _linked_standard(cw: Crosswalk, sid: str, relation: str, entries: tuple[int, ...]) -> LinkedStandard:
    if sid in cw.standards:
        s = cw.standards[sid]
        return LinkedStandard(sid, s.numeral, s.name, s.name, relation, True, entries)
    i = cw.standard_indicators[sid]
    return LinkedStandard(sid, i.code, i.name, cw.standards[i.standard].name, relation, False, entries)


def _row(cw: Crosswalk, ind: Indicator, themes: tuple[str, ...] = ()) -> IndicatorRow:
    primaries = tuple(dict.fromkeys(a.primary for a in cw.by_competency.get(ind.id, ())))
    domain = cw.domains[ind.domain]
    return IndicatorRow(ind, cw.competencies[ind.competency], domain, primaries, theme_match(ind, themes))


def competency(cw: Crosswalk, ident: str) -> CompetencyIndicatorView | CompetencyView:
    """A competency indicator and its standards, or a whole competency and its indicators."""
    if ident in cw.competencies:
        comp = cw.competencies[ident]
        rows = tuple(_row(cw, cw.indicators[i]) for i in comp.indicator_ids)
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


def theme(cw: Crosswalk, code: str) -> ThemeView:
    """Every competency indicator carrying a theme, in framework order (so grouped by domain)."""
    rows = tuple(_row(cw, i, (code,)) for i in cw.indicators.values() if code in i.themes)
    incomplete = tuple(
        _row(cw, i, (code,)) for i in cw.indicators.values() if i.themes_incomplete and code not in i.themes
    )
    return ThemeView(cw.themes[code], rows, incomplete)


def standards_list(cw: Crosswalk) -> StandardsList:
    views = [standard(cw, sid) for sid in cw.standards]
    return StandardsList(tuple(v for v in views if isinstance(v, StandardView)))


def competencies_list(
    cw: Crosswalk, domain: str | None = None, themes: tuple[str, ...] = ()
) -> CompetenciesList:
    domains = tuple(d for d in cw.domains.values() if domain is None or d.code == domain)
    comps = tuple(cw.competencies[c] for d in domains for c in d.competency_ids)
    rows = tuple(
        _row(cw, cw.indicators[i], themes)
        for c in comps
        for i in c.indicator_ids
        if _keep(cw.indicators[i], themes)
    )
    if themes:  # only the competencies something is listed under
        listed = {row.competency.id for row in rows}
        comps = tuple(c for c in comps if c.id in listed)
    return CompetenciesList(domains, comps, rows, themes)


def themes_list(cw: Crosswalk) -> ThemesList:
    counts = tuple(
        ThemeCount(
            t,
            sum(t.code in i.themes for i in cw.indicators.values()),
            sum(t.code in i.themes_from_crosswalk for i in cw.indicators.values()),
        )
        for t in cw.themes.values()
    )
    rows = tuple(_row(cw, i) for i in cw.indicators.values())
    return ThemesList(counts, rows, tuple(r for r in rows if r.indicator.themes_incomplete))


_WORD = re.compile(r"\w[\w'’-]*")


def search_words(query: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w.lower() for w in _WORD.findall(query)))


def _score(words: tuple[str, ...], title: str, text: str) -> int:
    """0 unless every word occurs; more for whole words, title hits, and the exact phrase."""
    haystack = f"{title}\n{text}".lower()
    score = 0
    for w in words:
        hits = haystack.count(w)
        if not hits:
            return 0
        whole = len(re.findall(rf"\b{re.escape(w)}\b", haystack))
        score += hits + 2 * whole + (3 if w in title.lower() else 0)
    if len(words) > 1 and " ".join(words) in haystack:
        score += 5
    return score


def search(cw: Crosswalk, query: str, themes: tuple[str, ...] = ()) -> SearchResult:
    """Case-insensitive search; every word must match; best first, then framework order."""
    words = search_words(query)
    hits: list[SearchHit] = []
    if words:
        if not themes:
            for s in cw.standards.values():
                score = _score(words, s.name, s.statement)
                if score:
                    hits.append(SearchHit("standard", s.id, s.name, s.statement, (), score))
            for si in cw.standard_indicators.values():
                body = "\n".join(
                    [si.text, *(f"{e.name + ': ' if e.name else ''}{e.text}" for e in si.elements)]
                )
                score = _score(words, si.name, body)
                if score:
                    hits.append(SearchHit("standard", si.id, si.name, body, (), score))
        for ind in cw.indicators.values():
            if not _keep(ind, themes):
                continue
            title = cw.competencies[ind.competency].title
            body = "\n".join([ind.text, *ind.subitems])
            score = _score(words, title, body)
            if score:
                hits.append(
                    SearchHit(
                        "competency",
                        ind.id,
                        title,
                        body,
                        ind.themes,
                        score,
                        ind.themes_incomplete,
                        theme_match(ind, themes),
                    )
                )
    order = {id(h): n for n, h in enumerate(hits)}
    hits.sort(key=lambda h: (-h.score, order[id(h)]))
    return SearchResult(query, words, tuple(hits), themes)


def errata(cw: Crosswalk) -> ErrataList:
    rows = tuple(ErratumRow(a.seq, a.competency, a.printed_label, e) for a in cw.alignments for e in a.errata)
    return ErrataList(rows, tuple(cw.source_notes))


def validation(
    cw: Crosswalk, data_dir: str, extra: tuple[tuple[str, int], ...] = (), packaged: bool = False
) -> Validation:
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
    return Validation(data_dir, counts, packaged)


@dataclass(frozen=True, eq=False)
class MatrixRow:
    id: str
    code: str
    name: str
    whole_standard: bool
    counts: tuple[int, ...]  # per domain, in domain order
    possible: tuple[int, ...]  # per domain, of those counted: kept by a theme filter as POSSIBLE

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, eq=False)
class Matrix:
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
        primary, additional = _direct_links(cw, sid, themes)
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
