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
