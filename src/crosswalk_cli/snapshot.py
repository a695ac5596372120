"""A validated crosswalk saved as plain JSON beside its YAML files, so a lookup need not parse YAML.

The snapshot names the YAML files it was made from by size and CRC-32 of their bytes; the loader
uses it only when all three still match, and otherwise reads (and checks) the YAML as usual. JSON
builds nothing but lists, dicts and strings, so a snapshot can never run code.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Any

from . import __version__
from .model import (
    Alignment,
    Competency,
    Crosswalk,
    Domain,
    Element,
    Erratum,
    Framework,
    Indicator,
    SourceNote,
    Standard,
    StandardIndicator,
    Theme,
    assemble,
)

FORMAT = 2
NAME = "snapshot.json"


def fingerprint(contents: Iterable[bytes]) -> list[list[int]]:
    return [[len(b), zlib.crc32(b)] for b in contents]


def key(contents: Iterable[bytes]) -> dict[str, Any]:
    return {"format": FORMAT, "version": __version__, "files": fingerprint(contents)}


def _framework(f: Framework) -> dict[str, Any]:
    return {"title": f.title, "publisher": f.publisher, "license": f.license, "license_url": f.license_url,
            "extra": dict(f.extra)}  # fmt: skip


def dump(cw: Crosswalk, contents: Iterable[bytes]) -> dict[str, Any]:
    """The crosswalk as JSON-ready data, keyed by the YAML it came from."""
    return {
        "key": key(contents),
        "standards_framework": _framework(cw.standards_framework),
        "competencies_framework": _framework(cw.competencies_framework),
        "standards": [
            [s.id, s.numeral, s.name, s.statement, list(s.indicator_ids)] for s in cw.standards.values()
        ],
        "standard_indicators": [
            [i.id, i.standard, i.code, i.name, i.text, [[e.number, e.text, e.name] for e in i.elements]]
            for i in cw.standard_indicators.values()
        ],
        "themes": [[t.code, t.name, t.description, t.source] for t in cw.themes.values()],
        "domains": [
            [
                d.code,
                d.number,
                d.name,
                d.full_name,
                d.short_name,
                d.role,
                d.focus,
                d.description,
                list(d.competency_ids),
            ]
            for d in cw.domains.values()
        ],
        "competencies": [[c.id, c.domain, c.title, list(c.indicator_ids)] for c in cw.competencies.values()],
        "indicators": [
            [
                i.id,
                i.competency,
                i.domain,
                i.text,
                list(i.subitems),
                list(i.themes),
                list(i.themes_from_crosswalk),
                i.icons_lost,
            ]
            for i in cw.indicators.values()
        ],
        "alignments": [
            [
                a.seq,
                a.competency,
                a.primary,
                list(a.additional),
                a.printed_label,
                a.note,
                [[e.kind, e.note, e.printed, e.resolved] for e in a.errata],
            ]
            for a in cw.alignments
        ],
        "source_notes": [[n.kind, n.where, n.note] for n in cw.source_notes],
        "crosswalk_source": _framework(cw.crosswalk_source) if cw.crosswalk_source else None,
    }


def restore(data: dict[str, Any]) -> Crosswalk:
    """Rebuild the crosswalk; raises KeyError, TypeError or ValueError if the data is not a snapshot."""

    def framework(f: dict[str, Any]) -> Framework:
        return Framework(f["title"], f["publisher"], f["license"], f["license_url"], dict(f["extra"]))

    alignments = tuple(
        Alignment(seq, cid, primary, tuple(add), label, note, tuple(Erratum(*e) for e in errata))
        for seq, cid, primary, add, label, note, errata in data["alignments"]
    )
    return assemble(
        standards_framework=framework(data["standards_framework"]),
        competencies_framework=framework(data["competencies_framework"]),
        standards=[Standard(i, n, name, st, tuple(ids)) for i, n, name, st, ids in data["standards"]],
        standard_indicators=[
            StandardIndicator(i, s, code, name, text, tuple(Element(*e) for e in elements))
            for i, s, code, name, text, elements in data["standard_indicators"]
        ],
        themes=[Theme(*t) for t in data["themes"]],
        domains=[
            Domain(code, number, name, full, short, role, focus, description, tuple(ids))
            for code, number, name, full, short, role, focus, description, ids in data["domains"]
        ],
        competencies=[Competency(i, d, t, tuple(ids)) for i, d, t, ids in data["competencies"]],
        indicators=[
            Indicator(i, c, d, text, tuple(sub), tuple(th), tuple(rec), bool(lost))
            for i, c, d, text, sub, th, rec, lost in data["indicators"]
        ],
        alignments=alignments,
        source_notes=tuple(SourceNote(*n) for n in data["source_notes"]),
        crosswalk_source=framework(data["crosswalk_source"]) if data["crosswalk_source"] else None,
    )
