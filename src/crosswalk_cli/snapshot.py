"""A validated crosswalk saved as plain JSON beside its YAML files, so a lookup need not parse YAML.

The file has two lines. The first, the header, names the YAML files the snapshot was made from (size
and CRC-32 of their bytes) and gives the size and CRC-32 of the second line, the body: the crosswalk.
The loader uses the body only when the YAML still matches and the body still matches its checksum (an
edited body falls back to the YAML), and `validate` compares the body with the checked YAML. JSON
builds nothing but lists, dicts and strings, so a snapshot can never run code.
"""

from __future__ import annotations

import json
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

FORMAT = 3
NAME = "snapshot.json"


def fingerprint(contents: Iterable[bytes]) -> list[list[int]]:
    return [[len(b), zlib.crc32(b)] for b in contents]


def key(contents: Iterable[bytes]) -> dict[str, Any]:
    return {"format": FORMAT, "version": __version__, "files": fingerprint(contents)}


def _framework(f: Framework) -> dict[str, Any]:
    return {"title": f.title, "publisher": f.publisher, "license": f.license, "license_url": f.license_url,
            "extra": dict(f.extra)}  # fmt: skip


class Damaged(ValueError):
    """The file is not a snapshot, or its body no longer matches the checksum in its header."""


def encode(cw: Crosswalk, contents: Iterable[bytes]) -> bytes:
    """The snapshot file's bytes: the header line, then the body line."""
    body = json.dumps(dump(cw), ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
    header = {"key": key(contents), "body": [len(body), zlib.crc32(body)]}
    return json.dumps(header, separators=(",", ":")).encode("utf-8") + b"\n" + body


def decode(raw: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    """The header and the body; raises Damaged (a ValueError) unless the body matches its checksum."""
    head, _, body = raw.partition(b"\n")
    try:
        header = json.loads(head)
    except ValueError:
        raise Damaged("its first line is not a snapshot header") from None
    if not isinstance(header, dict) or not isinstance(header.get("key"), dict):
        raise Damaged("its first line is not a snapshot header")
    if header.get("body") != [len(body), zlib.crc32(body)]:
        raise Damaged("its body does not match the checksum in its header")
    data = json.loads(body)
    if not isinstance(data, dict):
        raise Damaged("its body is not a snapshot")
    return header, data


def differences(data: dict[str, Any], cw: Crosswalk) -> list[str]:
    """The sections of a snapshot body that disagree with the crosswalk."""
    expected = json.loads(json.dumps(dump(cw)))
    return [name for name in sorted(expected.keys() | data.keys()) if data.get(name) != expected.get(name)]


def dump(cw: Crosswalk) -> dict[str, Any]:
    """The crosswalk as JSON-ready data (the snapshot's body)."""
    return {
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
                i.crosswalk_mark,
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
            Indicator(i, c, d, text, tuple(sub), tuple(th), tuple(rec), bool(lost), mark)
            for i, c, d, text, sub, th, rec, lost, mark in data["indicators"]
        ],
        alignments=alignments,
        source_notes=tuple(SourceNote(*n) for n in data["source_notes"]),
        crosswalk_source=framework(data["crosswalk_source"]) if data["crosswalk_source"] else None,
    )
