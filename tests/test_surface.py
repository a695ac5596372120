"""Frictions of the surface (issue 20): two formats asked at once, counts of one, help that says what
an option does, tables without trailing padding when written to a pipe or a file."""

from __future__ import annotations

import pytest

from .conftest import Invoke

BOTH = [  # a command of each module that takes --format and --json
    ["standard", "1b"],
    ["theme", "EI"],
    ["frameworks"],
    ["item", "MA:1b"],
    ["matrix"],
    ["validate"],
]


@pytest.mark.parametrize("args", BOTH, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("order", ["json first", "format first"])
@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_json_with_another_format_is_a_usage_error(
    invoke: Invoke, args: list[str], order: str, fmt: str
) -> None:
    options = ["--json", "--format", fmt] if order == "json first" else ["-f", fmt, "--json"]
    result = invoke(*args, *options)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert f"give --json or --format {fmt}, not both" in result.stderr


def test_json_with_format_json_is_json(invoke: Invoke) -> None:
    both = invoke("standard", "1b", "--json", "--format", "json")
    assert both.exit_code == 0, both.stderr
    assert both.stdout == invoke("standard", "1b", "--json").stdout


@pytest.mark.parametrize("args", [["standard", "1b"], ["competency", "VVC.3"], ["matrix"], ["frameworks"]])
def test_a_table_to_a_pipe_or_file_has_no_trailing_spaces(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.split("\n")
    assert len(lines) > 5 and lines[-1] == ""
    assert [line for line in lines if line.endswith(" ")] == []


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["competencies", "--domain", "CB", "-f", "markdown"], ": 1 domain, 5 competencies, 22 indicators"),
        (["search", "equity", "--framework", "BPS"], "Search 'equity' in BPS: 1 item"),
        (["search", "budget", "--framework", "BPS"], "Search 'budget' in BPS: 0 items"),
    ],
)
def test_a_count_of_one_names_one(invoke: Invoke, args: list[str], first_line: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split("\n")[0].endswith(first_line)


def test_level_names_after_a_count() -> None:
    from crosswalk_cli.queries.records import Level
    from crosswalk_cli.views.words import Words

    level = Level("indicator", "leader practice", "leader practices", "")
    words = Words.__new__(Words)
    assert [words.names(level, n) for n in (0, 1, 2)] == ["indicators", "indicator", "indicators"]
    assert [words.names_long(level, n) for n in (0, 1, 2)] == [
        "leader practices",
        "leader practice",
        "leader practices",
    ]


def test_matrix_help_says_the_picture_replaces_the_table(invoke: Invoke) -> None:
    text = " ".join(invoke("matrix", "--help").stdout.split())
    assert "Also save" not in text
    assert "Save the picture as SVG instead of printing the table." in text
    assert "Save the picture as HTML instead of printing the table." in text
