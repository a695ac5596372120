"""Commands and formats agree (issue 9): a theme filter keeps the same indicators everywhere, JSON keys
have one type, wrong-command ids point to the right command, names resolve like ids."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from .conftest import Invoke
from .maple import Maple as Crosswalk


def as_json(invoke: Invoke, *args: str) -> Any:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _expected(cw: Crosswalk, code: str) -> dict[str, str]:
    """Under a filter on ``code``: every indicator listing it, and every one whose themes may be
    incomplete (derived from the data, not a count)."""
    return {
        i.id: "listed" if code in i.themes else "possible"
        for i in cw.indicators.values()
        if code in i.themes or i.themes_incomplete
    }


@pytest.mark.parametrize("code", ["EI", "RT", "LC"])
def test_theme_filter_keeps_the_same_indicators_in_every_command(
    invoke: Invoke, cw: Crosswalk, code: str
) -> None:
    expected = _expected(cw, code)
    assert "possible" in expected.values()  # the data has indicators whose themes may be incomplete

    theme = as_json(invoke, "theme", code)
    seen = {c["id"]: c["theme_match"] for c in [*theme["competencies"], *theme["themes_incomplete"]]}
    assert seen == expected

    comps = as_json(invoke, "competencies", "--theme", code)
    assert {c["id"]: c["theme_match"] for c in comps["indicators"]} == expected

    matrix = as_json(invoke, "matrix", "--theme", code)
    rows = {r["id"]: r for r in matrix["rows"]}
    for sid in cw.standard_indicators:
        unfiltered = as_json(invoke, "standard", sid)["competencies"]
        filtered = as_json(invoke, "standard", sid, "--theme", code)["competencies"]
        assert [(c["id"], c["relation"]) for c in filtered] == [
            (c["id"], c["relation"]) for c in unfiltered if c["id"] in expected
        ]
        assert all(c["theme_match"] == expected[c["id"]] for c in filtered)
        direct = [c for c in filtered if c["via"] is None]  # the matrix counts direct links
        for d in matrix["domains"]:
            in_domain = [c for c in direct if c["domain"] == d["code"]]
            assert rows[sid]["counts"][d["code"]] == len(in_domain)
            assert rows[sid]["possible"][d["code"]] == sum(c["theme_match"] == "possible" for c in in_domain)

    for word in ("data", "students", "learning"):
        results = as_json(invoke, "search", word, "--theme", code)["results"]
        assert results
        assert all(r["theme_match"] == expected[r["id"]] for r in results)
        everything = as_json(invoke, "search", word)["results"]
        assert {r["id"] for r in results} == {
            r["id"] for r in everything if r["kind"] == "competency" and r["id"] in expected
        }


def test_theme_filter_marks_the_same_rows_in_every_format(invoke: Invoke, cw: Crosswalk) -> None:
    expected = _expected(cw, "EI")
    possible = {i for i, m in expected.items() if m == "possible"}
    for args in (["standard", "4d"], ["competencies"], ["search", "learning"], ["theme", "EI"]):
        filtered = [*args, "--theme", "EI"] if args[0] != "theme" else args
        rows = list(csv.DictReader(io.StringIO(invoke(*filtered, "--format", "csv").stdout)))
        marked = {r["id"] for r in rows if r["theme_match"] == "possible"}
        data = json.loads(invoke(*filtered, "--json").stdout)
        items = [
            *data.get("competencies", []),
            *data.get("indicators", []),
            *data.get("results", []),
            *data.get("themes_incomplete", []),
        ]
        assert marked == {c["id"] for c in items if c.get("theme_match") == "possible"}, args
        assert marked and marked <= possible
        table = invoke(*filtered).stdout
        assert table.count("+EI?") >= len(marked)
        assert "may also carry EI" in " ".join(table.split())


def test_standard_4d_keeps_what_theme_ei_lists(invoke: Invoke) -> None:
    """The issue's case: `standard 4d -t EI` dropped what `theme EI` lists as 'may also carry EI'."""
    theme = {c["id"] for c in as_json(invoke, "theme", "EI")["themes_incomplete"]}
    linked = {c["id"] for c in as_json(invoke, "standard", "4d")["competencies"]}
    kept = {c["id"] for c in as_json(invoke, "standard", "4d", "-t", "EI")["competencies"]}
    assert theme & linked and theme & linked <= kept


ALL_JSON = [
    ["standard", "1b"], ["standard", "1"], ["standard", "1", "-t", "EI"], ["standard", "4d", "-t", "EI"],
    ["competency", "VVC.3.a"], ["competency", "VVC.3"], ["theme", "EI"], ["standards"], ["competencies"],
    ["competencies", "-t", "EI"], ["themes"], ["search", "data"], ["search", "data", "-t", "EI"],
    ["errata"], ["validate"], ["matrix"], ["matrix", "-t", "EI"],
]  # fmt: skip


def _kind(value: Any) -> str:
    return type(value).__name__


def test_one_type_per_key(invoke: Invoke) -> None:
    """A top-level key means the same thing in every command; `counts` hold numbers; an indicator item
    has the same keys with the same types wherever it appears. (null is allowed beside one type.)"""
    top: dict[str, dict[str, str]] = {}
    items: dict[str, dict[str, str]] = {}
    for args in ALL_JSON:
        data = as_json(invoke, *args)
        where = " ".join(args)
        for key, value in data.items():
            if value is not None:
                top.setdefault(key, {})[_kind(value)] = where
        for name, number in data.get("counts", {}).items():
            assert isinstance(number, int), (where, name)
        for key in ("competencies", "indicators", "themes_incomplete", "results"):
            for item in data.get(key, []) if isinstance(data.get(key), list) else []:
                if isinstance(item, dict) and "themes_incomplete" in item:
                    for k, v in item.items():
                        if v is not None:
                            items.setdefault(k, {})[_kind(v)] = where
    assert {k: v for k, v in top.items() if len(v) > 1} == {}
    assert {k: v for k, v in items.items() if len(v) > 1} == {}
    assert top["themes_incomplete"] == {"list": top["themes_incomplete"]["list"]}


@pytest.mark.parametrize(
    ("args", "kind"),
    [(["standard", "1b"], "indicator"), (["standard", "1"], "standard"),
     (["competency", "VVC.3.a"], "indicator"), (["competency", "VVC.3"], "competency")],
)  # fmt: skip
def test_kind_tells_a_whole_from_an_indicator(invoke: Invoke, args: list[str], kind: str) -> None:
    assert as_json(invoke, *args)["kind"] == kind


@pytest.mark.parametrize(
    ("args", "needle"),
    [(["standard", "VVC.3.a"], "try 'crosswalk competency VVC.3.a'"),
     (["standard", "vvc3"], "try 'crosswalk competency VVC.3'"),
     (["competency", "1b"], "try 'crosswalk standard 1b'"),
     (["competency", "I-B"], "try 'crosswalk standard 1b'"),
     (["competency", "VVC"], "try 'crosswalk competencies --domain VVC'"),
     (["standard", "PSMV"], "try 'crosswalk competencies --domain PSMV'"),
     (["standard", "EI"], "try 'crosswalk theme EI'"),
     (["competencies", "--domain", "XYZ"], "no domain 'XYZ'; the domains are VVC, PSMV, CB, SRS")],
)  # fmt: skip
def test_wrong_command_hints(invoke: Invoke, args: list[str], needle: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert needle in result.stderr


@pytest.mark.parametrize(
    ("name", "expected"),
    [("instruction", "1b"), ("Instruction", "1b"), ("curriculum", "1a"), ("CULTURAL PROFICIENCY", "4b"),
     ("data-informed decision-making", "1e"), ("Instructional Leadership", "1")],
)  # fmt: skip
def test_standard_names_resolve_like_theme_names(invoke: Invoke, name: str, expected: str) -> None:
    assert as_json(invoke, "standard", name)["standard"]["id"] == expected


def test_names_never_shadow_ids(invoke: Invoke, cw: Crosswalk) -> None:
    from crosswalk_cli.datadir import sources
    from crosswalk_cli.queries import fetch
    from crosswalk_cli.queries.resolve import resolve_in
    from crosswalk_cli.store import open_database

    db = open_database(sources())
    ma = fetch.framework(db, "MA")
    for ident in [*cw.standards, *cw.standard_indicators]:
        assert fetch.item(db, resolve_in(db, ma, ident)).code == ident
