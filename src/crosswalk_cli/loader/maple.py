"""The MAPLE files' own shapes: standards.yaml, competencies.yaml and alignments.yaml."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..model import (
    Alignment,
    Competency,
    Domain,
    Element,
    Erratum,
    Framework,
    Indicator,
    SourceNote,
    Standard,
    StandardIndicator,
    Theme,
)
from .checker import _Checker, _framework, _root, _seal
from .yamlread import YMap, YSeq, read_yaml

# Each kind of erratum and the fields it must give: what was printed, and the id it is read as.
ERRATUM_FIELDS: dict[str, tuple[str, ...]] = {
    "printed_label": ("printed",),
    "standard_mismatch": ("printed", "resolved"),
    "letter_mismatch": ("printed", "resolved"),
    "duplicate": (),
    "self_listed": (),
}
ERRATUM_KINDS = frozenset(ERRATUM_FIELDS)
# What a theme recovered from the crosswalk rests on: an EI mark printed in its entry, or only the blank
# a lost icon left at the end of its text.
CROSSWALK_MARKS = frozenset({"printed", "blank"})


@dataclass(frozen=True, eq=False)
class _StandardsFile:
    framework: Framework
    standards: dict[str, Standard]
    indicators: dict[str, StandardIndicator]


def _read_standards(path: Path, raw: bytes) -> _StandardsFile:
    c = _Checker(str(path))
    doc = _root(c, read_yaml(path, raw), ("framework", "standards"), ("seal",))
    framework = _framework(c, doc)
    standards: dict[str, Standard] = {}
    indicators: dict[str, StandardIndicator] = {}
    seen: dict[str, int] = {}
    for s in c.mappings(doc, "standards", "the document"):
        c.fields(s, "a standard", ("id", "numeral", "name", "statement", "indicators"))
        sid = c.text(s, "id", "a standard")
        c.unique(seen, sid, s.lines.get("id", s.line), "standard")
        what = f"standard '{sid}'"
        ids = []
        for i in c.mappings(s, "indicators", what):
            c.fields(i, "an indicator", ("id", "code", "name", "text"), ("elements",))
            iid = c.text(i, "id", f"an indicator of {what}")
            c.unique(seen, iid, i.lines.get("id", i.line), "standard or indicator")
            iwhat = f"indicator '{iid}'"
            elements = []
            for e in c.mappings(i, "elements", iwhat, optional=True):
                c.fields(e, f"an element of {iwhat}", ("number", "text"), ("name",))
                elements.append(
                    Element(
                        number=c.text(e, "number", f"an element of {iwhat}") or "",
                        text=c.text(e, "text", f"an element of {iwhat}") or "",
                        name=c.text(e, "name", f"an element of {iwhat}", optional=True),
                    )
                )
            if iid is not None and sid is not None:
                ids.append(iid)
                indicators[iid] = StandardIndicator(
                    id=iid,
                    standard=sid,
                    code=c.text(i, "code", iwhat) or "",
                    name=c.text(i, "name", iwhat) or "",
                    text=c.text(i, "text", iwhat) or "",
                    elements=tuple(elements),
                )
        if sid is not None:
            standards[sid] = Standard(
                id=sid,
                numeral=c.text(s, "numeral", what) or "",
                name=c.text(s, "name", what) or "",
                statement=c.text(s, "statement", what) or "",
                indicator_ids=tuple(ids),
            )
    if not standards and not c.problems:
        c.problem(doc.line, "no standards")
    _seal(c, doc, framework, tuple(standards.values()), tuple(indicators.values()))
    if c.problems:
        raise DataError(c.problems)
    return _StandardsFile(framework, standards, indicators)


@dataclass(frozen=True, eq=False)
class _CompetenciesFile:
    framework: Framework
    themes: dict[str, Theme]
    domains: dict[str, Domain]
    competencies: dict[str, Competency]
    indicators: dict[str, Indicator]


def _read_competencies(path: Path, raw: bytes) -> _CompetenciesFile:
    c = _Checker(str(path))
    doc = _root(c, read_yaml(path, raw), ("framework", "themes", "domains"), ("seal",))
    framework = _framework(c, doc)
    themes: dict[str, Theme] = {}
    seen_themes: dict[str, int] = {}
    for t in c.mappings(doc, "themes", "the document"):
        c.fields(t, "a theme", ("code", "name", "description", "source"))
        code = c.text(t, "code", "a theme")
        c.unique(seen_themes, code, t.lines.get("code", t.line), "theme")
        what = f"theme '{code}'"
        if code is not None:
            themes[code] = Theme(
                code=code,
                name=c.text(t, "name", what) or "",
                description=c.text(t, "description", what) or "",
                source=c.text(t, "source", what) or "",
            )
    domains: dict[str, Domain] = {}
    competencies: dict[str, Competency] = {}
    indicators: dict[str, Indicator] = {}
    seen: dict[str, int] = {}
    domain_fields = ("code", "number", "name", "full_name", "short_name", "role", "focus")
    for d in c.mappings(doc, "domains", "the document"):
        c.fields(d, "a domain", (*domain_fields, "description", "competencies"))
        code = c.text(d, "code", "a domain")
        c.unique(seen, code, d.lines.get("code", d.line), "domain")
        what = f"domain '{code}'"
        comp_ids = []
        for comp in c.mappings(d, "competencies", what):
            c.fields(comp, "a competency", ("id", "title", "indicators"))
            cid = c.text(comp, "id", f"a competency of {what}")
            c.unique(seen, cid, comp.lines.get("id", comp.line), "competency")
            cwhat = f"competency '{cid}'"
            ind_ids = []
            for i in c.mappings(comp, "indicators", cwhat):
                c.fields(
                    i,
                    "an indicator",
                    ("id", "text", "themes"),
                    ("subitems", "themes_from_crosswalk", "crosswalk_mark", "icons_lost"),
                )
                iid = c.text(i, "id", f"an indicator of {cwhat}")
                c.unique(seen, iid, i.lines.get("id", i.line), "indicator")
                iwhat = f"indicator '{iid}'"
                own = c.texts(i, "themes", iwhat)
                recovered = c.texts(i, "themes_from_crosswalk", iwhat, optional=True)
                lost = c.flag(i, "icons_lost", iwhat)
                line = i.lines.get("themes", i.line)
                for code_ in own:
                    if code_ not in themes:
                        c.problem(line, f"unknown theme '{code_}' in {iwhat}")
                if len(set(own)) != len(own):
                    c.problem(line, f"a theme is listed twice in {iwhat}")
                for code_ in recovered:
                    if code_ not in own:
                        c.problem(
                            line,
                            f"'themes_from_crosswalk' of {iwhat} lists '{code_}', which is not in its themes",
                        )
                if recovered and not lost:
                    c.problem(line, f"{iwhat} has themes_from_crosswalk but no icons_lost")
                mark = c.text(i, "crosswalk_mark", iwhat, optional=True)
                if recovered and mark is None:
                    c.problem(line, f"{iwhat} has themes_from_crosswalk but no crosswalk_mark")
                if mark is not None and not recovered:
                    c.problem(
                        i.lines["crosswalk_mark"],
                        f"{iwhat} has a crosswalk_mark but no themes_from_crosswalk",
                    )
                if mark is not None and mark not in CROSSWALK_MARKS:
                    known = ", ".join(sorted(CROSSWALK_MARKS))
                    c.problem(i.lines["crosswalk_mark"], f"unknown crosswalk_mark '{mark}' (known: {known})")
                if iid is not None and cid is not None and code is not None:
                    ind_ids.append(iid)
                    indicators[iid] = Indicator(
                        id=iid,
                        competency=cid,
                        domain=code,
                        text=c.text(i, "text", iwhat) or "",
                        subitems=c.texts(i, "subitems", iwhat, optional=True),
                        themes=own,
                        themes_from_crosswalk=recovered,
                        icons_lost=lost,
                        crosswalk_mark=mark,
                    )
            if cid is not None and code is not None:
                comp_ids.append(cid)
                competencies[cid] = Competency(
                    id=cid,
                    domain=code,
                    title=c.text(comp, "title", cwhat) or "",
                    indicator_ids=tuple(ind_ids),
                )
        if code is not None:
            values = {f: c.text(d, f, what) or "" for f in (*domain_fields, "description")}
            domains[code] = Domain(**values, competency_ids=tuple(comp_ids))
    if not domains and not c.problems:
        c.problem(doc.line, "no domains")
    if c.problems:
        raise DataError(c.problems)
    records = (framework, *(tuple(m.values()) for m in (themes, domains, competencies, indicators)))
    _seal(c, doc, *records)
    if c.problems:
        raise DataError(c.problems)
    return _CompetenciesFile(framework, themes, domains, competencies, indicators)


def _coverage(
    c: _Checker,
    doc: YMap,
    alignments: list[Alignment],
    indicator_ids: Iterable[str],
    standard_indicator_ids: Iterable[str],
) -> None:
    """The file's own statement of what it covers, checked against its entries."""
    m = c.mapping(doc["coverage"], doc.lines["coverage"], "'coverage'")
    if m is None:
        return
    optional = (
        "competency_indicators",
        "additional_standards",
        "errata",
        "source_notes",
        "unaligned_standard_indicators",
    )
    c.fields(m, "'coverage'", ("entries",), optional)
    entries = c.integer(m, "entries", "'coverage'")
    found = len(doc["alignments"]) if isinstance(doc.get("alignments"), YSeq) else 0
    if entries is not None and entries != found:
        c.problem(m.lines["entries"], f"'coverage' declares {entries} entries; the file has {found}")
    scope = c.text(m, "competency_indicators", "'coverage'", optional=True)
    if scope is not None and scope != "all":
        c.problem(m.lines["competency_indicators"], f"'competency_indicators' must be 'all', found '{scope}'")
    if scope == "all":
        aligned = {a.competency for a in alignments}
        missing = [i for i in indicator_ids if i not in aligned]
        if missing:
            shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
            c.problem(
                m.lines["competency_indicators"],
                f"'coverage' says every competency indicator has an entry; {len(missing)} have none: {shown}",
            )
    totals = {key: c.integer(m, key, "'coverage'", optional=True) for key in optional[1:4]}
    declared = c.texts(m, "unaligned_standard_indicators", "'coverage'", optional=True)
    if len(alignments) != found or c.problems:
        return  # the counts below would only repeat the problems already found
    notes = doc.get("source_notes")
    listed = {
        "additional_standards": sum(len(a.additional) for a in alignments),
        "errata": sum(len(a.errata) for a in alignments),
        "source_notes": len(notes) if isinstance(notes, YSeq) else 0,
    }
    for key, total in totals.items():
        if total is not None and total != listed[key]:
            what = key.replace("_", " ")
            c.problem(m.lines[key], f"'coverage' declares {total} {what}; the file lists {listed[key]}")
    if "unaligned_standard_indicators" in m:
        primaries = {a.primary for a in alignments}
        actual = [i for i in standard_indicator_ids if i not in primaries]
        line = m.lines["unaligned_standard_indicators"]
        if wrong := [i for i in declared if i not in actual]:
            c.problem(
                line, f"'coverage' lists as unaligned {', '.join(wrong)}, but entries have them as primary"
            )
        if unlisted := [i for i in actual if i not in declared]:
            c.problem(line, f"no entry has {', '.join(unlisted)} as primary, and 'coverage' does not say so")


def _read_alignments(
    path: Path,
    raw: bytes,
    standard_ids: Mapping[str, object],
    indicator_ids: Mapping[str, object],
    standard_indicator_ids: Iterable[str],
) -> tuple[tuple[Alignment, ...], tuple[SourceNote, ...], Framework | None]:
    c = _Checker(str(path))
    doc = _root(c, read_yaml(path, raw), ("crosswalk", "alignments", "coverage"), ("source_notes", "seal"))
    source = _framework(c, doc, "crosswalk") if "crosswalk" in doc else None
    entries = c.mappings(doc, "alignments", "the document")
    counts: dict[str, int] = {}
    for a in entries:
        cid = a.get("competency")
        if isinstance(cid, str):
            counts[cid] = counts.get(cid, 0) + 1
    alignments = []
    for seq, a in enumerate(entries, 1):
        c.fields(
            a, "an alignment", ("competency", "primary", "additional"), ("printed_label", "note", "errata")
        )
        cid = c.text(a, "competency", "an alignment")
        what = f"the alignment of '{cid}'"
        if cid is not None and cid not in indicator_ids:
            c.problem(a.lines["competency"], f"unknown competency indicator '{cid}'")
        primary = c.text(a, "primary", what)
        if primary is not None and primary not in standard_ids:
            c.problem(a.lines["primary"], f"unknown standard or indicator '{primary}' as primary of '{cid}'")
        additional = c.texts(a, "additional", what)
        for sid in additional:
            if sid not in standard_ids:
                c.problem(
                    a.lines["additional"], f"unknown standard or indicator '{sid}' in additional of '{cid}'"
                )
        if len(set(additional)) != len(additional):
            c.problem(a.lines["additional"], f"a standard is listed twice in additional of '{cid}'")
        printed = c.text(a, "printed_label", what, optional=True)
        errata = []
        for e in c.mappings(a, "errata", what, optional=True):
            c.fields(e, f"an erratum of {what}", ("kind", "note"), ("printed", "resolved"))
            kind = c.text(e, "kind", f"an erratum of {what}")
            if kind is not None and kind not in ERRATUM_KINDS:
                known = ", ".join(sorted(ERRATUM_KINDS))
                c.problem(e.lines["kind"], f"unknown erratum kind '{kind}' (known: {known})")
            for needed in ERRATUM_FIELDS.get(kind or "", ()):
                if needed not in e:
                    c.problem(e.line, f"a '{kind}' erratum of {what} must give '{needed}'")
            printed_as = c.text(e, "printed", f"an erratum of {what}", optional=True)
            if kind == "printed_label" and printed is not None and printed_as not in (None, printed):
                c.problem(
                    e.lines["printed"], f"the erratum of {what} gives '{printed_as}', not its printed_label"
                )
            resolved = c.text(e, "resolved", f"an erratum of {what}", optional=True)
            if resolved is not None and resolved not in additional and resolved != primary:
                c.problem(
                    e.lines["resolved"], f"erratum resolves to '{resolved}', which {what} does not list"
                )
            errata.append(
                Erratum(
                    kind=kind or "",
                    note=c.text(e, "note", f"an erratum of {what}") or "",
                    printed=printed_as,
                    resolved=resolved,
                )
            )
        kinds = {e.kind for e in errata}
        flags = (
            (printed is not None, "printed_label", "a printed_label"),
            (
                primary is not None and primary in additional,
                "self_listed",
                "its primary among its additional standards",
            ),
            (counts.get(cid or "", 0) > 1, "duplicate", "more than one entry"),
        )
        for present, kind, reason in flags:
            if present and kind not in kinds:
                c.problem(a.line, f"{what} has {reason} but no '{kind}' erratum")
            if kind in kinds and not present:
                c.problem(a.line, f"{what} has a '{kind}' erratum but not {reason}")
        if cid is not None and primary is not None:
            alignments.append(
                Alignment(
                    seq=seq,
                    competency=cid,
                    primary=primary,
                    additional=additional,
                    printed_label=printed,
                    note=c.text(a, "note", what, optional=True),
                    errata=tuple(errata),
                )
            )
    notes = []
    for n in c.mappings(doc, "source_notes", "the document", optional=True):
        c.fields(n, "a source note", ("kind", "where", "note"))
        notes.append(
            SourceNote(
                kind=c.text(n, "kind", "a source note") or "",
                where=c.text(n, "where", "a source note") or "",
                note=c.text(n, "note", "a source note") or "",
            )
        )
    _coverage(c, doc, alignments, indicator_ids, standard_indicator_ids)
    _seal(c, doc, source, tuple(alignments), tuple(notes))
    if c.problems:
        raise DataError(c.problems)
    return tuple(alignments), tuple(notes), source
