"""The loader says what it expected: the field a wrong name most likely means (did you mean), every problem
of a file at once (not one wave per fix), a count past a cap, and what an unquoted colon in a text did."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswalk_cli.datadir import Sources
from crosswalk_cli.loader import MAX_PROBLEMS, DataError, load_all

from .conftest import Invoke

HEADER = """framework:
  id: X
  title: A framework
  publisher: Someone
  license: CC0 1.0
  levels: [competency, practice]
"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_all(Sources(tmp_path, packaged=False))
    return [p.replace(f"{tmp_path}/", "") for p in info.value.problems]


def test_children_and_licence_are_named_and_what_they_hold_is_checked_in_the_same_run(tmp_path: Path) -> None:
    text = HEADER.replace("license:", "licence:") + (
        "items:\n- code: A\n  text: Lead learning\n  children:\n  - code: A.1\n    txt: Observe classrooms\n"
    )
    assert _problems(tmp_path, text) == [
        "x.yaml:5: unknown field 'licence' in 'framework'; did you mean 'license'?",
        "x.yaml:10: unknown field 'children' in an item; did you mean 'items'?",
        "x.yaml:12: unknown field 'txt' in an item; did you mean 'text'?",
    ]


def test_a_misnamed_top_field_does_not_hide_the_header_problems(tmp_path: Path) -> None:
    text = HEADER.replace("title:", "titel:") + "children:\n- code: A\n  text: Lead learning\n  tags: [EQ]\n"
    assert _problems(tmp_path, text) == [
        "x.yaml:7: unknown field 'children' in the document; did you mean 'items'?",
        "x.yaml:3: unknown field 'titel' in 'framework'; did you mean 'title'?",
        "x.yaml:10: item 'A': tag 'EQ' is not among the framework's tags",
    ]


def test_a_missing_required_field_no_other_stands_for_is_still_named(tmp_path: Path) -> None:
    text = HEADER + "entries:\n- code: A\n  text: Lead learning\n"
    assert _problems(tmp_path, text) == [
        "x.yaml:7: unknown field 'entries' in the document; did you mean 'notes'?",
        "x.yaml:1: missing field 'items' in the document",
    ]


def test_problems_past_the_cap_are_counted(tmp_path: Path) -> None:
    items = "".join(f"- code: A{n}\n  txt: text {n}\n" for n in range(MAX_PROBLEMS + 7))
    problems = _problems(tmp_path, HEADER + "items:\n" + items)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1] == "and 7 more problems (fix these and run again)"
    assert all("unknown field 'txt' in an item; did you mean 'text'?" in p for p in problems[:-1])


def test_an_unquoted_colon_says_what_happened_and_how_to_quote_it(invoke: Invoke, tmp_path: Path) -> None:
    text = HEADER + "items:\n- code: A\n  text: The leader observes: weekly, and it's noted\n"
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    result = invoke("validate", "--data-dir", str(tmp_path), "--no-packaged")
    assert result.exit_code == 1
    assert result.stderr == (
        f"crosswalk: error: {tmp_path}/x.yaml:9: a text holds ': ' (a colon and a space), which YAML reads "
        "as the start of a field inside it; put the whole text in quotes, as in "
        "text: 'The leader observes: weekly, and it''s noted' (a quote inside single quotes is written "
        "twice: '')\n"
    )
