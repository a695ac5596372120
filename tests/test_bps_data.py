"""data/bps.yaml, the Boston Public Schools leader competencies (draft version 4), against the printed text.

The file is read with ``yaml.safe_load`` (the loader does not read generic framework files yet) and checked
against ``004_eaf4f94e5e771a55.txt``, parsed here on its own, in both directions: nothing transcribed that is
not printed, nothing printed that is not transcribed. Normalised are only whitespace and the converter's
Markdown (``***`` emphasis, a leading ``- `` bullet, indentation).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT, SEEDS

BPS_FILE = ROOT / "data" / "bps.yaml"
BPS_TEXT = SEEDS / "004_eaf4f94e5e771a55.txt"
SECOND_READING = ROOT / "tests" / "fixtures" / "bps_second_reading.tsv"

# The one data format (docs/data-format.md): the keys BPS's file may use, and the required ones.
TOP_KEYS = {"framework", "notes", "source_notes", "items", "tags", "phrases", "seal"}
FRAMEWORK_KEYS = {
    "id", "title", "publisher", "license", "license_url", "version", "status", "date", "printed_date",
    "source", "description", "citation", "citation_url", "levels", "case_identifier", "case_uri",
}  # fmt: skip
FRAMEWORK_REQUIRED = {"id", "title", "publisher", "license", "levels"}
NOTE_KEYS = {"title", "text"}
SOURCE_NOTE_KEYS = {"kind", "where", "note"}
ITEM_KEYS = {
    "code", "title", "text", "label", "parts", "tags", "tags_incomplete", "tags_recovered", "recovered_by",
    "details", "case_identifier", "case_uri", "items",
}  # fmt: skip

# The printed lines that are neither framing, competency nor sub-competency.
HEADING = "VERSION 4 (3/20/17) - UNIFIED SET OF BPS LEADER COMPETENCIES"
FRAMING_HEADING = "DRAFT FRAMING:"

FRAMING_LINE = re.compile(r"\*\*\*(?P<title>[^*]+)\*\*\*\s+(?P<text>.+)")
SUB_LINE = re.compile(r"(?P<code>\d+\.\d+)\. (?P<text>.+)")
COMPETENCY_LINE = re.compile(r"(?P<code>\d+)\. (?P<title>[^:]+): (?P<text>.+)")


def norm(text: str) -> str:
    """Whitespace and the converter's *** emphasis only."""
    return re.sub(r"\s+", " ", text.replace("***", "")).strip()


def unbullet(line: str) -> str:
    """A printed line without its indentation and the converter's leading "- " bullet."""
    line = line.strip()
    return line[2:] if line.startswith("- ") else line


@dataclass
class Printed:
    """What 004 prints, read line by line."""

    whole: str = ""
    other_lines: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    competencies: list[tuple[str, str, str]] = field(default_factory=list)
    subs: list[tuple[str, str, str]] = field(default_factory=list)  # code, parent, text
    lines: list[str] = field(default_factory=list)  # 1-based line n is lines[n - 1], unbulleted


def read_printed(text: str) -> Printed:
    printed = Printed(lines=[unbullet(line) for line in text.splitlines()])
    printed.whole = norm(" ".join(printed.lines))
    parent = ""
    for line in filter(None, printed.lines):
        if m := FRAMING_LINE.fullmatch(line):
            printed.notes.append((norm(m["title"]), norm(m["text"])))
        elif m := SUB_LINE.fullmatch(line):
            printed.subs.append((m["code"], parent, norm(m["text"])))
        elif m := COMPETENCY_LINE.fullmatch(line):
            parent = m["code"]
            printed.competencies.append((m["code"], norm(m["title"]), norm(m["text"])))
        else:
            printed.other_lines.append(line)
    return printed


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    loaded = yaml.safe_load(BPS_FILE.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def printed(seeds: Path) -> Printed:
    if not BPS_TEXT.exists():
        pytest.skip(f"source text not found: {BPS_TEXT}")
    return read_printed(BPS_TEXT.read_text(encoding="utf-8"))


def transcribed(data: dict[str, Any]) -> Printed:
    """The data in the same shape as the printed reading."""
    ours = Printed()
    ours.notes = [(n["title"], n["text"]) for n in data["notes"]]
    for c in data["items"]:
        ours.competencies.append((c["code"], c["title"], c["text"]))
        ours.subs += [(s["code"], c["code"], s["text"]) for s in c["items"]]
    return ours


def differences(ours: Printed, theirs: Printed) -> list[str]:
    """Every way the transcription and the print differ: missing, not printed, or out of order."""
    found: list[str] = []
    for name in ("notes", "competencies", "subs"):
        mine, printed = getattr(ours, name), getattr(theirs, name)
        found += [f"{name}: printed, not transcribed: {row}" for row in printed if row not in mine]
        found += [f"{name}: transcribed, not printed: {row}" for row in mine if row not in printed]
        if not found and mine != printed:
            found.append(f"{name}: not in printed order")
    return found


# --- The file alone -----------------------------------------------------------------------------------------


def _check_item(item: Any, where: str, problems: list[str]) -> None:
    if not isinstance(item, dict):
        problems.append(f"{where}: not a mapping")
        return
    problems += [f"{where}: unknown key {k!r}" for k in item if k not in ITEM_KEYS]
    problems += [f"{where}: {k} missing" for k in ("code", "text") if k not in item]
    problems += [
        f"{where}: {k} not text" for k in ("code", "title", "text") if k in item and not _text(item[k])
    ]
    for child in item.get("items", []):
        _check_item(child, f"{where} > {child.get('code') if isinstance(child, dict) else '?'}", problems)


def _text(value: Any) -> bool:
    return isinstance(value, str) and value == value.strip() and "\n" not in value and value != ""


def test_bps_file_has_no_key_outside_the_format(data: dict[str, Any]) -> None:
    problems = [f"unknown top-level key {k!r}" for k in data if k not in TOP_KEYS]
    framework = data["framework"]
    problems += [f"framework: unknown key {k!r}" for k in framework if k not in FRAMEWORK_KEYS]
    problems += [f"framework: {k} missing" for k in FRAMEWORK_REQUIRED if k not in framework]
    problems += [f"framework: {k} not text" for k, v in framework.items() if k != "levels" and not _text(v)]
    for n in data["notes"]:
        problems += [f"note {n.get('title')}: unknown key {k!r}" for k in n if k not in NOTE_KEYS]
        problems += [f"note {n.get('title')}: {k} not text" for k in NOTE_KEYS if not _text(n.get(k))]
    for n in data["source_notes"]:
        problems += [
            f"source note {n.get('where')}: unknown key {k!r}" for k in n if k not in SOURCE_NOTE_KEYS
        ]
        problems += [
            f"source note {n.get('where')}: {k} not text" for k in SOURCE_NOTE_KEYS if not _text(n.get(k))
        ]
    for item in data["items"]:
        _check_item(item, f"item {item.get('code')}", problems)
    assert problems == []


def test_bps_framework_facts(data: dict[str, Any]) -> None:
    framework = data["framework"]
    assert {k: framework[k] for k in ("id", "publisher", "license", "version", "status", "levels")} == {
        "id": "BPS",
        "publisher": "Boston Public Schools",
        "license": "not stated",
        "version": "4",
        "status": "draft",
        "levels": ["competency", "sub-competency"],
    }
    month, day, year = (int(part) for part in framework["printed_date"].split("/"))
    assert date.fromisoformat(framework["date"]) == date(2000 + year, month, day) == date(2017, 3, 20)
    assert framework["source"]


def test_bps_codes_are_in_order_with_their_parents(data: dict[str, Any]) -> None:
    competencies = data["items"]
    assert [c["code"] for c in competencies] == ["1", "2", "3", "4"]
    assert all("title" in c for c in competencies)
    assert [len(c["items"]) for c in competencies] == [3, 4, 4, 5]
    for c in competencies:
        assert [s["code"] for s in c["items"]] == [f"{c['code']}.{n}" for n in range(1, len(c["items"]) + 1)]
        assert all("items" not in s and "title" not in s for s in c["items"])  # two levels, untitled subs


def test_bps_agrees_with_a_second_reading(data: dict[str, Any]) -> None:
    """tests/fixtures/bps_second_reading.tsv was typed from a second, separate reading of 004: each
    sub-competency's code, parent, line and first five words."""
    with SECOND_READING.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    theirs = [(r["code"], r["parent"], r["first_five_words"]) for r in rows]
    ours = [
        (s["code"], c["code"], " ".join(s["text"].split()[:5])) for c in data["items"] for s in c["items"]
    ]
    assert ours == theirs


def test_bps_source_notes_recorded(data: dict[str, Any]) -> None:
    assert [(n["kind"], n["where"]) for n in data["source_notes"]] == [
        ("heading", "framing"),
        ("ending", "4.5"),
        ("hyphenation", "1"),
        ("verb_form", "2.3"),
        ("verb_form", "4.3"),
        ("fragment", "How does this list of competencies for leaders relate to good instruction?"),
        ("punctuation", "How does this list of competencies for leaders relate to good instruction?"),
        ("missing_word", "What role will these competencies play in other district efforts?"),
        ("missing_word", "How do these competencies relate to my evaluation?"),
    ]
    assert all(n["note"].endswith(".") for n in data["source_notes"])


# --- Against the printed text -------------------------------------------------------------------------------


def test_bps_printed_lines_are_all_read(printed: Printed) -> None:
    """The independent reading sees every printed line: only the two headings are neither framing,
    competency nor sub-competency."""
    assert printed.other_lines == [HEADING, FRAMING_HEADING]
    assert (len(printed.notes), len(printed.competencies), len(printed.subs)) == (6, 4, 16)


def test_bps_heading_is_as_printed(data: dict[str, Any], printed: Printed) -> None:
    fw = data["framework"]
    assert f"VERSION {fw['version']} ({fw['printed_date']}) - {fw['title'].upper()}" == HEADING


def test_bps_items_and_notes_are_exactly_as_printed(data: dict[str, Any], printed: Printed) -> None:
    assert differences(transcribed(data), printed) == []


def test_bps_texts_occur_in_the_print(data: dict[str, Any], printed: Printed) -> None:
    texts = [n["title"] for n in data["notes"]] + [n["text"] for n in data["notes"]]
    for c in data["items"]:
        texts += [f"{c['code']}. {c['title']}: {c['text']}"]
        texts += [f"{s['code']}. {s['text']}" for s in c["items"]]
    assert [t for t in texts if norm(t) not in printed.whole] == []


def test_bps_source_notes_quote_the_print(data: dict[str, Any], printed: Printed) -> None:
    """Every double-quoted string in a source note is printed text, and the first is printed where the note
    says ('framing' is the framing as a whole)."""
    places = {n["title"]: n["text"] for n in data["notes"]}
    for c in data["items"]:
        places[c["code"]] = f"{c['title']}: {c['text']}"
        places.update({s["code"]: s["text"] for s in c["items"]})
    places["framing"] = printed.whole
    problems = []
    for n in data["source_notes"]:
        quotes = re.findall(r'"([^"]+)"', n["note"])
        if not quotes or n["where"] not in places or norm(quotes[0]) not in norm(places[n["where"]]):
            problems.append(f"{n['where']}: first quote not printed there")
        problems += [f"{n['where']}: {q!r} not printed" for q in quotes if norm(q) not in printed.whole]
    assert problems == []


def test_bps_second_reading_lines_are_printed(printed: Printed) -> None:
    with SECOND_READING.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert [r["code"] for r in rows] == [code for code, _, _ in printed.subs]
    for r in rows:
        assert printed.lines[int(r["source_line"]) - 1].startswith(f"{r['code']}. {r['first_five_words']} ")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  - 2.3. Cultivates and maintain", "  - 2.3. Cultivate and maintain"),  # a word
        ("  - 4.5. Provide relevant,", "  - 4.6. Provide relevant,"),  # a code
        ("\n  - 3.3. ", "\n  - 3.3. Connect\n  - 3.5. "),  # a line more
        ("learn from failure, and make practice public\n", "learn from failure\n"),  # a cut line
        ("gaps.. All", "gaps. All"),  # a slip corrected in the print
    ],
)
def test_bps_comparison_sees_a_changed_print(data: dict[str, Any], seeds: Path, old: str, new: str) -> None:
    """The comparison is not vacuous: one change to the printed text makes it fail."""
    if not BPS_TEXT.exists():
        pytest.skip(f"source text not found: {BPS_TEXT}")
    text = BPS_TEXT.read_text(encoding="utf-8")
    assert text.count(old) == 1
    assert differences(transcribed(data), read_printed(text.replace(old, new))) != []
