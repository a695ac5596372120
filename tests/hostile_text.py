"""Data whose texts hold what a terminal acts on: for tests of the loader's refusal and of every writer.

``EVIL`` holds one of each kind of unsafe character (textsafe): it retitles the terminal, rings it, clears
the screen, opens a C1 control sequence, and reverses or isolates what follows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .conftest import unsealed_copy
from .hostile import _find

# Each unsafe character the attack used, and the rest of textsafe's set, by a name for test ids.
CHARS = {
    "ESC": "\x1b",
    "BEL": "\x07",
    "CSI": "\x9b",
    "NUL": "\x00",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "FFFE": "\ufffe",
    "DEL": "\x7f",
    "LS": "\u2028",
    "CR": "\r",
    "NEL": "\x85",
    "FDD0": "\ufdd0",
    "10FFFF": "\U0010ffff",
    "LRM": "\u200e",
}
# Each as textsafe's messages and every writer show it.
ESCAPED = {name: f"\\x{ord(c):02x}" if ord(c) <= 0xFF else f"\\u{ord(c):04x}" for name, c in CHARS.items()}
ESCAPED.update(CR="\\r", **{"10FFFF": "\\U0010ffff"})
EVIL = (
    "Evil \x1b]0;pwned\x07\x1b[2J\x9b31m \x00 \u202e \u2066 \ufffe \x7f \u2028 \r \x85 \ufdd0 \U0010ffff "
    "\u200e end"
)
WORD = "pwned"  # what `search` finds EVIL by


def yaml_text(data: Any) -> str:
    """``data`` as YAML that reads back exactly: JSON (YAML's flow style), with characters outside the Basic
    Multilingual Plane as YAML's ``\\U`` escapes (JSON's surrogate pairs are no YAML)."""
    text = json.dumps(data, indent=2)

    def astral(m: re.Match[str]) -> str:
        high, low = int(m[1], 16), int(m[2], 16)
        return f"\\U{0x10000 + (high - 0xD800 << 10) + low - 0xDC00:08x}"

    return re.sub(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", astral, text)


def _edit(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml_text(data), encoding="utf-8")


def _framework() -> dict[str, Any]:
    """A generic framework: its header, items (one coded with EVIL), notes, tags and source notes."""
    return {
        "framework": {
            "id": "EV",
            "title": EVIL,
            "publisher": EVIL,
            "license": EVIL,
            "version": EVIL,
            "status": "draft",
            "levels": ["part", "piece"],
        },
        "notes": [{"title": EVIL, "text": EVIL}],
        "source_notes": [{"kind": "slip", "where": "A", "note": EVIL}],
        "tags": [{"code": "T", "name": EVIL, "description": EVIL}],
        "items": [
            {
                "code": "A",
                "title": EVIL,
                "text": f"{WORD} leaders coach teachers {EVIL}",
                "tags": ["T"],
                "items": [{"code": "A.1", "text": f"coach {EVIL}"}, {"code": f"B{EVIL}", "text": EVIL}],
            },
            {"code": "C", "text": f"coach teachers, unlinked {EVIL}"},  # for a draft of suggestions
            {"code": f"D{EVIL}", "text": "coach teachers, unlinked too"},
        ],
    }


def _crosswalk() -> dict[str, Any]:
    """A crosswalk from it to BPS, with EVIL in its header, a note and a drafted link's provenance."""
    return {
        "crosswalk": {
            "id": "EV-BPS",
            "title": EVIL,
            "publisher": EVIL,
            "license": EVIL,
            "from": "EV",
            "to": "BPS",
            "relations": ["related"],
        },
        "links": [
            {"source": "A", "target": "1.1", "relation": "related", "note": EVIL},
            {
                "source": "A.1",
                "target": "1.2",
                "relation": "related",
                "provenance": {"method": EVIL, "score": "0.5", "reviewed_by": EVIL, "reviewed_on": "2024"},
            },
            {"source": f"B{EVIL}", "target": "2.1", "relation": "related"},
        ],
    }


def _maple(target: Path) -> None:
    """EVIL in the MAPLE files' headers, names, statements, texts, errata and notes."""

    def standards(data: dict[str, Any]) -> None:
        data["framework"]["title"] = data["framework"]["publisher"] = EVIL
        standard = _find(data["items"], "1")
        standard["title"] = standard["text"] = EVIL
        indicator = _find(standard["items"], "1b")
        indicator["title"] = indicator["text"] = EVIL
        _find(standard["items"], "1d")["parts"][0]["text"] = EVIL

    def competencies(data: dict[str, Any]) -> None:
        data["framework"]["title"] = EVIL
        theme = next(t for t in data["tags"] if t["code"] == "LC")
        theme["name"] = theme["description"] = EVIL
        domain = data["items"][0]
        domain["title"] = domain["details"]["full_name"] = EVIL
        comp = _find(domain["items"], "VVC.3")
        comp["title"] = EVIL
        ind = _find(comp["items"], "VVC.3.a")
        ind["text"] = f"{WORD} {EVIL}"
        ind["parts"][0]["text"] = EVIL

    def alignments(data: dict[str, Any]) -> None:
        data["crosswalk"]["title"] = data["crosswalk"]["publisher"] = EVIL
        entry = next(a for a in data["links"] if a["source"] == "VVC.3.a")
        entry["note"] = EVIL
        for erratum in entry["errata"]:
            erratum["note"] = EVIL
        data["source_notes"][0]["note"] = EVIL

    _edit(target / "standards.yaml", standards)
    _edit(target / "competencies.yaml", competencies)
    _edit(target / "alignments.yaml", alignments)


def evil_data(target: Path) -> Path:
    """A copy of the packaged data with EVIL in every kind of text, and a framework and crosswalk of it."""
    unsealed_copy(target)
    _maple(target)
    for name, data in (("ev.yaml", _framework()), ("ev-bps.yaml", _crosswalk())):
        (target / name).write_text(yaml_text(data), encoding="utf-8")
    return target


# Every unsafe character as a test finds it, written out apart from textsafe (a test of it should not
# lean on it): C0 but line feed and tab, DEL and C1, the bidirectional marks, overrides and isolates, line
# and paragraph separators, surrogates, and the noncharacters.
_RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\ufdd0-\ufdef" + "".join(f"{chr(p << 16 | 0xFFFE)}{chr(p << 16 | 0xFFFF)}" for p in range(17)) + "]"
)


def raw(text: str) -> str | None:
    """The first unsafe character a text (CRLF line ends allowed) sends as it is, with some context."""
    m = _RAW.search(text.replace("\r\n", "\n"))
    return None if m is None else repr(text.replace("\r\n", "\n")[max(0, m.start() - 30) : m.end() + 10])


def visible(text: str) -> bool:
    """Whether EVIL's escape shows: ``\\x1b`` (CSV, tables, Markdown) or ``\\u001b`` (JSON)."""
    return "\\x1b" in text or "\\u001b" in text
