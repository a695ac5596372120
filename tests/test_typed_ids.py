"""Ids and names as people type them (issue 20): a level's name before a code, the tool's own heading
copied back, a misspelt title, a code that does not exist, FRAMEWORK:CODE with no such code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Invoke


def _first_line(invoke: Invoke, *args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()[0]


def _error(invoke: Invoke, *args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("typed", ["Standard I", "standard 1", "STANDARD  I", "Standard: 1"])
def test_level_name_before_a_code_or_label(invoke: Invoke, typed: str) -> None:
    assert _first_line(invoke, "standard", typed) == _first_line(invoke, "standard", "1")


@pytest.mark.parametrize("code", ["1", "1b", "3c"])
def test_own_heading_copied_back(invoke: Invoke, code: str) -> None:
    heading = _first_line(invoke, "standard", code)
    assert _first_line(invoke, "standard", heading) == heading


def test_title_and_code_heading_form(invoke: Invoke) -> None:
    assert _first_line(invoke, "standard", "Instruction (1b)") == _first_line(invoke, "standard", "1b")


def test_heading_whose_title_does_not_fit_is_not_taken(invoke: Invoke) -> None:
    assert _error(invoke, "standard", "Curriculum (1b)").startswith(
        "crosswalk: error: no standard or indicator 'Curriculum (1b)'"
    )


def test_misspelt_title_suggests_the_closest_titles(invoke: Invoke) -> None:
    line = _error(invoke, "standard", "Curriculm")
    assert line == "crosswalk: error: no standard or indicator 'Curriculm'; did you mean Curriculum (1a)?"
    # the suggestion, copied back, resolves
    assert _first_line(invoke, "standard", "Curriculum (1a)") == _first_line(invoke, "standard", "1a")


def test_no_such_code_says_what_there_is(invoke: Invoke) -> None:
    line = _error(invoke, "standard", "5")
    assert line == "crosswalk: error: no standard or indicator '5'; the standards are 1, 2, 3, 4"


def test_codes_still_suggest_codes(invoke: Invoke) -> None:
    assert _error(invoke, "standard", "1g").endswith("; did you mean 1, 1f, 1e?")


def test_framework_code_form_with_no_such_code(invoke: Invoke) -> None:
    line = _error(invoke, "item", "bps:9.9")
    assert "FRAMEWORK:CODE" not in line
    assert (
        line == "crosswalk: error: no item 'bps:9.9'; BPS has no such code; the competencies are 1, 2, 3, 4"
    )


def test_framework_code_form_with_a_close_code(invoke: Invoke) -> None:
    line = _error(invoke, "item", "BPS:2.9")
    assert line.startswith("crosswalk: error: no item 'BPS:2.9'; BPS has no such code; did you mean ")
    assert "4.2" in line.split("did you mean ")[1]


def test_codes_alike_but_for_case_or_separators_are_told_apart_as_typed(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A framework may have codes alike in the form ids are matched in (Ab and aB; L1.1 and L11): the
    code typed exactly names its item; typed loosely, the id lists both."""
    data = tmp_path / "d"
    data.mkdir()
    (data / "cs.yaml").write_text(
        "framework:\n  id: CS\n  title: Codes\n  publisher: me\n  license: CC0\n"
        "  levels: [item]\nitems:\n"
        "- {code: Ab, text: First.}\n- {code: aB, text: Second.}\n"
        "- {code: L1.1, text: Third.}\n- {code: L11, text: Fourth.}\n",
        encoding="utf-8",
    )
    for given, text in (
        ("CS:Ab", "First."),
        ("CS:aB", "Second."),
        ("CS:L1.1", "Third."),
        ("CS:L11", "Fourth."),
    ):
        result = invoke("item", given, "--data-dir", str(data), "--json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["text"] == text
    loose = invoke("item", "CS:AB", "--data-dir", str(data))
    assert loose.exit_code == 2 and "names several items: CS:Ab, CS:aB" in loose.stderr
