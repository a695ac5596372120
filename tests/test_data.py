"""The packaged data: counts, references, and cross-checks against the source texts."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from .conftest import CROSSWALK_TEXT, JFF_TEXT, ROOT
from .maple import Indicator
from .maple import Maple as Crosswalk

THEME_CODES = ("EI", "RT", "CI", "CM", "LC", "CA")


def norm(text: str) -> str:
    """Whitespace and quote characters only (plus the converter's Markdown emphasis and links)."""
    text = text.replace("**", "")
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return re.sub(r"\s+", " ", text).strip()


def test_counts(cw: Crosswalk) -> None:
    assert len(cw.standards) == 4
    assert len(cw.standard_indicators) == 21
    assert [len(s.indicator_ids) for s in cw.standards.values()] == [6, 5, 4, 6]
    assert list(cw.themes) == list(THEME_CODES)
    assert list(cw.domains) == ["VVC", "PSMV", "CB", "SRS"]
    assert len(cw.competencies) == 21
    assert [len(d.competency_ids) for d in cw.domains.values()] == [5, 5, 5, 6]
    assert len(cw.indicators) == 108
    assert Counter(i.domain for i in cw.indicators.values()) == {"VVC": 24, "PSMV": 32, "CB": 22, "SRS": 30}
    assert len(cw.alignments) == 109
    assert sum(len(a.additional) for a in cw.alignments) == 348
    assert sum(len(a.errata) for a in cw.alignments) == 20


def test_ids_follow_the_scheme(cw: Crosswalk) -> None:
    assert list(cw.standard_indicators) == [
        "1a", "1b", "1c", "1d", "1e", "1f", "2a", "2b", "2c", "2d", "2e",
        "3a", "3b", "3c", "3d", "4a", "4b", "4c", "4d", "4e", "4f",
    ]  # fmt: skip
    for si in cw.standard_indicators.values():
        numeral = cw.standards[si.standard].numeral
        assert si.code == f"{numeral}-{si.id[-1].upper()}"
    for c in cw.competencies.values():
        assert re.fullmatch(rf"{c.domain}\.\d", c.id)
        letters = [i.rsplit(".", 1)[1] for i in c.indicator_ids]
        assert letters == list("abcdefghi"[: len(letters)])
    assert cw.standard_indicators["1e"].name == "Data-informed Decision-making"
    assert len(cw.standard_indicators["1d"].elements) == 4
    assert [e.name for e in cw.standard_indicators["4a"].elements] == ["Mission and Core Values", "Meetings"]
    assert cw.standard_indicators["4d"].name == "Continuous Learning"


def test_every_indicator_is_in_the_crosswalk_and_references_resolve(cw: Crosswalk) -> None:
    assert {a.competency for a in cw.alignments} == set(cw.indicators)
    targets = set(cw.standards) | set(cw.standard_indicators)
    for a in cw.alignments:
        assert a.competency in cw.indicators
        assert a.primary in targets
        assert set(a.additional) <= targets
    assert [a.competency for a in cw.alignments if a.primary in cw.standards] == ["VVC.4.a"]
    assert [c for c, n in Counter(a.competency for a in cw.alignments).items() if n > 1] == ["SRS.1.d"]
    for ind in cw.indicators.values():
        assert set(ind.themes) <= set(cw.themes)


def test_errata_recorded(cw: Crosswalk) -> None:
    labels = {a.competency: a.printed_label for a in cw.alignments if a.printed_label}
    assert labels == {
        "VVC.3.a": "VVC.3.e", "VVC.4.c": "VVC.4.a", "VVC.3.c": "VVC.3.b", "CB.2.f": "CB.2.e",
        "CB.1.b": "CB.1.c", "SRS.4.a": "SRS.4.f", "SRS.5.b": "SRS.5.f", "VVC.2.f": "VVC.2.d",
        "CB.1.c": "CB.1.b",
    }  # fmt: skip
    resolved = sorted(
        (a.competency, e.resolved) for a in cw.alignments for e in a.errata if e.kind.endswith("_mismatch")
    )
    assert resolved == sorted([
        ("VVC.4.c", "4d"), ("VVC.4.b", "4d"), ("VVC.4.d", "4d"), ("SRS.5.d", "4c"), ("PSMV.2.a", "4d"),
        ("CB.3.d", "4c"), ("CB.4.c", "4c"), ("CB.1.e", "2b"),
    ])  # fmt: skip
    assert [a.competency for a in cw.alignments if a.primary in a.additional] == ["CB.2.f"]
    for a in cw.alignments:
        for e in a.errata:
            assert "\n" not in e.note and e.note.endswith(".")


# --- Against the source texts -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def jff(seeds: Path) -> str:
    return norm(JFF_TEXT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def crosswalk_text(seeds: Path) -> str:
    return norm(CROSSWALK_TEXT.read_text(encoding="utf-8"))


def test_competency_texts_are_in_the_jff_document(cw: Crosswalk, jff: str) -> None:
    missing = [i.id for i in cw.indicators.values() if norm(i.text) not in jff]
    missing += [f"{i.id} sub-item" for i in cw.indicators.values() for s in i.subitems if norm(s) not in jff]
    missing += [c.id for c in cw.competencies.values() if norm(c.title) not in jff]
    assert missing == []


def _printed(text: str, source: str) -> bool:
    """In the source whole, or in two parts where a page break split it (1d's second element)."""
    if text in source:
        return True
    words = text.split(" ")
    return any(
        " ".join(words[:n]) in source and " ".join(words[n:]) in source for n in range(3, len(words) - 2)
    )


def test_standard_texts_are_in_the_crosswalk(cw: Crosswalk, crosswalk_text: str) -> None:
    missing = [s.id for s in cw.standards.values() if norm(s.statement) not in crosswalk_text]
    for si in cw.standard_indicators.values():
        if norm(f"({si.id[-1]}) {si.name} Indicator:") not in crosswalk_text:
            missing.append(f"{si.id} name")
        if norm(si.text) not in crosswalk_text:
            missing.append(f"{si.id} text")
        missing += [
            f"{si.id} element {e.number}" for e in si.elements if not _printed(norm(e.text), crosswalk_text)
        ]
    assert missing == []


def test_themes_are_as_printed_in_the_jff_document(cw: Crosswalk, seeds: Path) -> None:
    lines = [line for line in JFF_TEXT.read_text(encoding="utf-8").split("\n") if line.startswith("- ")]
    problems = []
    for ind in cw.indicators.values():
        found = [line for line in lines if norm(ind.text) in norm(line)]
        assert len(found) == 1, ind.id
        line = found[0]
        printed = re.findall(r"\b(EI|RT|CI|CM|LC|CA)\b", norm(line)[len(norm(ind.text)) - 10 :])
        lost = line != line.rstrip()
        own = [t for t in ind.themes if t not in ind.themes_from_crosswalk]
        if own != printed:
            problems.append(f"{ind.id}: data {own}, printed {printed}")
        if lost != ind.icons_lost:
            problems.append(f"{ind.id}: icons_lost {ind.icons_lost}, line ends in a blank: {lost}")
    assert problems == []


def _quotes_either_way(text: str) -> str:
    return "".join("['’]" if ch in "'’" else re.escape(ch) for ch in text)


def _crosswalk_entry(text: str, ind: Indicator) -> tuple[str, str]:
    """The crosswalk's entry that prints this indicator (from its competency heading to the end of its
    text), and what follows the indicator's text up to the next entry."""
    where = re.search(_quotes_either_way(ind.text[:40]), text)
    assert where, ind.id
    entry_start = text.rfind("Additional Standards", 0, where.start())
    entry_end = text.index("Additional Standards", where.end())
    end = re.search(_quotes_either_way(ind.text[-15:]), text[where.start() : entry_end])
    assert end, ind.id
    return text[entry_start : where.start() + end.end()], text[where.start() + end.end() : entry_end]


def test_recovered_ei_marks_are_in_the_crosswalk(cw: Crosswalk, seeds: Path) -> None:
    """EI is taken from the crosswalk only where the JFF icons were lost, and each recovered EI records what
    it rests on: an EI mark the crosswalk prints in the indicator's entry (on its heading, its text or the
    line after it), or only the blank a lost icon leaves at the end of the text (VVC.2.b, PSMV.2.f)."""
    raw = CROSSWALK_TEXT.read_text(encoding="utf-8")
    text = raw[raw.index("Full Crosswalk\n\nThis crosswalk") : raw.index("\nBibliography\n\nCCSSO")]
    legend = "EI : Equity and Inclusion"  # the page legend, not a mark
    marks = {}
    for ind in cw.indicators.values():
        if not ind.themes_from_crosswalk:
            assert ind.crosswalk_mark is None, ind.id
            continue
        assert ind.icons_lost and ind.themes_from_crosswalk == ("EI",), ind.id
        entry, after = _crosswalk_entry(text, ind)
        entry = entry.replace(legend, "")
        printed = bool(re.search(r"\bEI\b", entry) or re.match(r"\s*(- )?\**EI\b", after))
        blank = bool(re.match(r"( \n|  <)", after)) and not printed
        marks[ind.id] = "printed" if printed else "blank" if blank else "none"
    assert marks == {i.id: i.crosswalk_mark for i in cw.indicators.values() if i.themes_from_crosswalk}
    assert sorted(i for i, m in marks.items() if m == "blank") == ["PSMV.2.f", "VVC.2.b"]
    assert len(marks) == 9
    incomplete = sorted(i.id for i in cw.indicators.values() if i.themes_incomplete)
    assert incomplete == sorted(i.id for i in cw.indicators.values() if i.icons_lost)
    assert incomplete == sorted([
        "VVC.1.c", "PSMV.2.d", "PSMV.2.e", "PSMV.3.a", "PSMV.3.d", "PSMV.3.e", "PSMV.3.f", "PSMV.3.g",
        "SRS.6.a",
        "VVC.2.a", "VVC.2.b", "VVC.2.c", "VVC.2.d", "PSMV.2.c", "PSMV.2.f", "SRS.6.b", "SRS.6.c", "SRS.6.d",
    ])  # fmt: skip


def test_regulation_is_cited_as_printed(cw: Crosswalk, seeds: Path) -> None:
    """The report cites the standards as "603 CMR 7.10" and links section 10 of 603 CMR 7."""
    raw = CROSSWALK_TEXT.read_text(encoding="utf-8")
    extra = cw.standards_framework.extra
    cited = re.findall(r"Administrative Leadership \(\[(603 CMR [0-9.]+)\]\(#\)\)", raw)
    assert cited == [extra["citation"]] == ["603 CMR 7.10"]
    assert f"<{extra['citation_url']}>" in raw


def test_self_assessment_text_is_as_printed(cw: Crosswalk, seeds: Path) -> None:
    """Appendix A's lines, in the order printed: introduction, instructions, the discussion line, the
    questions, then per domain its heading, introduction, prompt and statements."""
    from crosswalk_cli.assess.survey import load_survey, survey_path
    from crosswalk_cli.datadir import sources

    path = survey_path(sources())
    assert path is not None
    survey = load_survey(path, cw.data)
    raw = CROSSWALK_TEXT.read_text(encoding="utf-8")
    appendix = norm(raw[raw.index("Leadership Competencies Self-Assessment 7") :])
    assert survey.discussion == "Discuss your thinking with others on your School Team."
    parts = [survey.introduction, survey.instructions, survey.discussion, *survey.questions]
    for g in survey.groups:
        parts += [g.heading, g.introduction, survey.prompt]
        parts += [f"{s.number}. {s.text}" for s in survey.statements if s.group == g.item]
    position = 0
    for part in parts:
        found = appendix.find(norm(part), position)
        assert found >= 0, part
        position = found + len(norm(part))


def test_alignments_agree_with_an_independent_second_reading(cw: Crosswalk) -> None:
    """tests/fixtures/second_reading.tsv was typed by a separate reader from the crosswalk text alone
    (its notes are beside it). Both readings agree entry for entry; the only rule they share is the one
    the printed errors force: an additional standard whose number or letter contradicts its name is read
    by its name."""
    with (ROOT / "tests" / "fixtures" / "second_reading.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    theirs = [
        (r["canonical_id"], r["printed_label"], r["primary"], tuple(filter(None, r["additional"].split(","))))
        for r in rows
    ]
    ours = [(a.competency, a.printed_label or a.competency, a.primary, a.additional) for a in cw.alignments]
    assert ours == theirs
