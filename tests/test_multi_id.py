"""Several ids in one lookup (issue 20, docs/multi-id.md): one id writes exactly what it always wrote;
several write each answer as it reads alone, joined as the format allows; a bad id among several
prints nothing on stdout."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import Invoke

LOOKUPS = [  # command, several ids, what FRAMEWORK:CODE each names
    ("standard", ["1a", "1b", "1c"], ["MA:1a", "MA:1b", "MA:1c"]),
    ("competency", ["VVC.1.a", "VVC.1.b"], ["JFF:VVC.1.a", "JFF:VVC.1.b"]),
    ("item", ["MA:1a", "MA:1b", "MA:1c"], ["MA:1a", "MA:1b", "MA:1c"]),
    ("standard", ["1", "1b"], ["MA:1", "MA:1b"]),  # a whole standard and an indicator: two kinds
]
IDS = [f"{c} {' '.join(ids)}" for c, ids, _ in LOOKUPS]


def test_one_id_keeps_its_json_object(invoke: Invoke) -> None:
    result = invoke("standard", "1b", "--json")
    assert result.exit_code == 0, result.stderr
    assert isinstance(json.loads(result.stdout), dict)
    assert json.loads(result.stdout)["competencies"]


@pytest.mark.parametrize(("command", "ids", "names"), LOOKUPS, ids=IDS)
def test_several_ids_give_an_array_of_the_objects_one_id_gives(
    invoke: Invoke, command: str, ids: list[str], names: list[str]
) -> None:
    result = invoke(command, *ids, "--json")
    assert result.exit_code == 0, result.stderr
    alone = [json.loads(invoke(command, i, "--json").stdout) for i in ids]
    assert json.loads(result.stdout) == alone
    assert result.stdout == json.dumps(alone, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(("command", "ids", "names"), LOOKUPS, ids=IDS)
def test_several_ids_stack_csv_rows_under_one_header_with_a_lookup_column(
    invoke: Invoke, command: str, ids: list[str], names: list[str]
) -> None:
    result = invoke(command, *ids, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    header, *rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert header[0] == "lookup"
    assert len(header) == len(set(header))
    expected = []
    for ident, name in zip(ids, names, strict=True):
        one_header, *one_rows = list(csv.reader(io.StringIO(invoke(command, ident, "-f", "csv").stdout)))
        assert set(one_header) <= set(header)
        expected += [{"lookup": name, **dict(zip(one_header, r, strict=True))} for r in one_rows]
    assert [dict(zip(header, r, strict=True)) for r in rows] == [
        {k: e.get(k, "") for k in header} for e in expected
    ]


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_several_ids_write_the_answers_one_after_another(invoke: Invoke, fmt: str) -> None:
    result = invoke("standard", "1a", "1b", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    one, two = (invoke("standard", i, "-f", fmt).stdout for i in ("1a", "1b"))
    assert result.stdout == one + "\n" + two


@pytest.mark.parametrize(
    "args",
    [
        ["standard", "1a", "1zz", "1c", "--json"],
        ["competency", "VVC.1.a", "nothing", "-f", "csv"],
        ["item", "MA:1a", "MA:9z"],
        ["item", "MA:1a", "NOPE:1a", "--json"],
    ],
    ids=lambda a: " ".join(a),
)
def test_an_unknown_id_among_several_prints_one_line_and_nothing_on_stdout(
    invoke: Invoke, args: list[str]
) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("crosswalk: error: ")


@pytest.mark.parametrize("fmt", ["svg", "html"])
def test_a_picture_of_several_answers_is_a_usage_error(invoke: Invoke, fmt: str) -> None:
    result = invoke("standard", "1a", "1b", "-f", fmt)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert f"--format {fmt} draws one answer" in result.stderr
    assert invoke("standard", "1a", "-f", fmt).exit_code == 0


def test_ids_repeat_as_given(invoke: Invoke) -> None:
    result = json.loads(invoke("standard", "1b", "1a", "1b", "--json").stdout)
    assert [r["standard"]["id"] for r in result] == ["1b", "1a", "1b"]
