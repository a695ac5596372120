"""The commands end to end through typer's CliRunner: every format, exact answers, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from typing import Any

import pytest

from .conftest import Invoke
from .maple import Maple as Crosswalk

COMMANDS = [
    ["standard", "1b"],
    ["standard", "1"],
    ["standard", "4a", "--theme", "EI"],
    ["competency", "VVC.3.a"],
    ["competency", "VVC.3"],
    ["theme", "EI"],
    ["standards"],
    ["competencies"],
    ["competencies", "--domain", "CB", "--theme", "LC"],
    ["themes"],
    ["search", "data"],
    ["errata"],
    ["validate"],
    ["matrix"],
    ["matrix", "--relation", "primary", "--theme", "EI"],
]


def as_json(invoke: Invoke, *args: str) -> Any:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_every_command_in_every_format(invoke: Invoke, args: list[str], fmt: str) -> None:
    result = invoke(*args, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    if fmt == "json":
        data = json.loads(out)
        assert data["schema_version"] == 2  # raised when a published key changed type (README)
        assert data["command"] == args[0]
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows)
    elif fmt == "markdown":
        assert out.startswith("# ")
    else:
        assert out.strip() and "\x1b[" not in out


def test_json_shortcut_equals_format_json(invoke: Invoke) -> None:
    assert invoke("standard", "1b", "--json").stdout == invoke("standard", "1b", "-f", "json").stdout


def test_standard_1b(invoke: Invoke) -> None:
    data = as_json(invoke, "standard", "1b")
    assert data["standard"]["id"] == "1b"
    assert data["standard"]["code"] == "I-B"
    primary = [(c["id"], c["via"]) for c in data["competencies"] if c["relation"] == "primary"]
    assert primary == [
        ("VVC.2.b", None),
        ("VVC.3.a", None),
        ("VVC.4.c", None),
        ("PSMV.1.a", None),
        ("VVC.4.a", "1"),
    ]
    additional = [c["id"] for c in data["competencies"] if c["relation"] == "additional"]
    assert len(additional) == 25 and len(set(additional)) == 25
    assert {"PSMV.1.g", "CB.2.f", "SRS.5.f", "CB.1.e"} <= set(additional)
    labels = {c["id"]: c["printed_label"] for c in data["competencies"] if c["printed_label"]}
    assert labels == {"VVC.3.a": "VVC.3.e", "VVC.4.c": "VVC.4.a", "CB.2.f": "CB.2.e", "CB.1.b": "CB.1.c",
                      "SRS.4.a": "SRS.4.f"}  # fmt: skip


def test_standard_table_says_via_standard_i(invoke: Invoke) -> None:
    lines = invoke("standard", "1b").stdout.splitlines()
    id_column = " ".join(" ".join(line[:12].split()) for line in lines if line[:12].strip())
    assert "VVC.4.a via Standard I" in id_column
    assert "VVC.3.a (printed VVC.3.e)" in id_column


def test_primary_is_not_repeated_as_additional(invoke: Invoke) -> None:
    data = as_json(invoke, "standard", "2b")
    ids = [c["id"] for c in data["competencies"]]
    assert len(ids) == len(set(ids))
    assert ("CB.2.f", "primary") in [(c["id"], c["relation"]) for c in data["competencies"]]
    data = as_json(invoke, "standard", "4a")
    assert [c["relation"] for c in data["competencies"] if c["id"] == "SRS.1.d"] == ["primary"]


def test_whole_standard(invoke: Invoke) -> None:
    data = as_json(invoke, "standard", "I")
    assert data["standard"]["id"] == "1"
    counts = {i["id"]: (i["primary"], i["additional"]) for i in data["indicators"]}
    assert counts["1b"] == (5, 25)
    assert counts["1a"] == (3, counts["1a"][1])
    assert [c["id"] for c in data["competencies"]] == ["VVC.4.a"]
    empty = as_json(invoke, "standard", "3")
    assert {i["id"]: i["primary"] for i in empty["indicators"]} == {"3a": 0, "3b": 0, "3c": 3, "3d": 0}


def test_competency_srs_1_d(invoke: Invoke) -> None:
    data = as_json(invoke, "competency", "SRS.1.d")
    links = [(s["id"], s["relation"]) for s in data["standards"]]
    assert links == [("4a", "primary"), ("4d", "primary"), ("1a", "additional"), ("1b", "additional"),
                     ("1c", "additional"), ("4e", "additional"), ("2c", "additional")]  # fmt: skip
    assert [e["kind"] for e in data["errata"]] == ["duplicate", "duplicate"]


def test_competency_whole_standard_link(invoke: Invoke) -> None:
    data = as_json(invoke, "competency", "VVC.4.a")
    assert data["standards"][0] == {
        "id": "1", "relation": "primary", "code": "I", "name": "Instructional Leadership",
        "standard": "Instructional Leadership", "whole_standard": True, "entries": [1],
        "published": True, "provenance": {},
    }  # fmt: skip
    assert [s["id"] for s in data["standards"][1:]] == ["2a", "4b", "4d"]
    assert data["indicator"]["subitems"][0].startswith("student-led and adult-supported")


def test_competency_errata_and_incomplete_themes(invoke: Invoke) -> None:
    data = as_json(invoke, "competency", "vvc4c")
    assert data["printed_labels"] == ["VVC.4.a"]
    assert {e["kind"] for e in data["errata"]} == {"printed_label", "letter_mismatch"}
    table = " ".join(invoke("competency", "PSMV.3.a").stdout.split())
    assert "may be incomplete" in table
    assert as_json(invoke, "competency", "PSMV.3.a")["indicator"]["themes_incomplete"] is True
    recovered = as_json(invoke, "competency", "VVC.2.b")["indicator"]
    assert recovered["themes"] == ["EI"] and recovered["themes_from_crosswalk"] == ["EI"]


def test_whole_competency(invoke: Invoke) -> None:
    data = as_json(invoke, "competency", "VVC.3")
    assert [(i["id"], i["primary"]) for i in data["indicators"]] == [
        ("VVC.3.a", ["1b"]), ("VVC.3.b", ["4d"]), ("VVC.3.c", ["2a"]), ("VVC.3.d", ["4d"]),
        ("VVC.3.e", ["4d"]),
    ]  # fmt: skip


def test_theme(invoke: Invoke, cw: Crosswalk) -> None:
    data = as_json(invoke, "theme", "equity")
    assert data["theme"]["code"] == "EI"
    ids = [c["id"] for c in data["competencies"]]
    assert ids == [i.id for i in cw.indicators.values() if "EI" in i.themes]
    assert len(ids) == 25
    assert [c["id"] for c in data["themes_incomplete"]] == [
        "VVC.1.c", "PSMV.2.d", "PSMV.2.e", "PSMV.3.a", "PSMV.3.d", "PSMV.3.e", "PSMV.3.f", "PSMV.3.g",
        "SRS.6.a",
    ]  # fmt: skip
    assert all("id" in c for c in data["competencies"])
    out = " ".join(invoke("theme", "EI").stdout.split())
    assert "9 more indicators lost their theme icons" in out
    assert as_json(invoke, "theme", "Coherence and Alignment")["theme"]["code"] == "CA"
    assert as_json(invoke, "theme", "risk")["theme"]["code"] == "RT"


def test_lists(invoke: Invoke, cw: Crosswalk) -> None:
    standards = as_json(invoke, "standards")
    assert standards["counts"] == {"standards": 4, "indicators": 21}
    comps = as_json(invoke, "competencies", "--domain", "PSMV")
    assert comps["counts"] == {"domains": 1, "competencies": 5, "indicators": 32}
    themes = as_json(invoke, "themes")
    assert {t["code"]: t["indicators"] for t in themes["themes"]}["EI"] == 25
    flagged = [i.id for i in cw.indicators.values() if i.themes_incomplete]
    assert [i["id"] for i in themes["themes_incomplete"]] == flagged
    assert themes["counts"] == {"themes": 6, "indicators": 108, "themes_incomplete": len(flagged)}
    assert [i["id"] for i in themes["indicators"]] == list(cw.indicators)
    assert len(flagged) == 18


def test_theme_filter(invoke: Invoke, cw: Crosswalk) -> None:
    data = as_json(invoke, "competencies", "--theme", "RT", "--theme", "cm")
    expected = [i.id for i in cw.indicators.values() if {"RT", "CM"} & set(i.themes) or i.themes_incomplete]
    assert [i["id"] for i in data["indicators"]] == expected
    one_b = as_json(invoke, "standard", "1b", "--theme", "EI")
    assert [c["id"] for c in one_b["competencies"] if c["relation"] == "primary"] == ["VVC.2.b", "VVC.4.c"]
    assert all(
        "EI" in c["themes"] if c["theme_match"] == "listed" else c["themes_incomplete"]
        for c in one_b["competencies"]
    )
    found = as_json(invoke, "search", "data", "--theme", "EI")
    assert found["results"] and all(
        r["kind"] == "competency" and ("EI" in r["themes"]) == (r["theme_match"] == "listed")
        for r in found["results"]
    )


def test_search(invoke: Invoke) -> None:
    data = as_json(invoke, "search", "Data")
    ids = [r["id"] for r in data["results"]]
    assert "1e" in ids and "CB.4.a" in ids
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)
    both = as_json(invoke, "search", "family concerns")
    assert both["results"][0]["id"] == "3d"
    for r in both["results"]:
        assert "family" in r["text"].lower() + r["title"].lower()
        assert "concerns" in r["text"].lower() + r["title"].lower()
    assert as_json(invoke, "search", "zzzz")["results"] == []


def test_search_highlights_matches(invoke: Invoke) -> None:
    result = invoke("search", "budget", env={"FORCE_COLOR": "1", "TERM": "xterm"})
    assert re.search(r"\x1b\[[0-9;]*7m[Bb]udget", result.stdout)


def test_errata(invoke: Invoke) -> None:
    data = as_json(invoke, "errata")
    assert len(data["errata"]) == 20
    assert len(data["source_notes"]) == 9
    kinds = {e["kind"] for e in data["errata"]}
    assert kinds == {"printed_label", "standard_mismatch", "letter_mismatch", "duplicate", "self_listed"}


def test_both_directions_agree(cw: Crosswalk) -> None:
    """Every printed link is seen from its target (standard) and its source (competency), under the
    strongest relation the entries give it, and nothing is seen that the data does not say."""
    from crosswalk_cli.datadir import sources
    from crosswalk_cli.queries.item import page
    from crosswalk_cli.queries.links import FROM, TO
    from crosswalk_cli.queries.resolve import resolve_item
    from crosswalk_cli.store import open_database

    db = open_database(sources())
    seen_from: dict[str, dict[str, str]] = {}  # target id -> {source id: relation}
    for sid in [*cw.standards, *cw.standard_indicators]:
        found = page(db, resolve_item(db, f"MA:{sid}"), "MAPLE", FROM).linked(FROM)
        seen_from[sid] = {k.item.code: k.relation for k in found if k.via is None}
    for a in cw.alignments:
        seen_to = {
            k.item.code: k.relation
            for k in page(db, resolve_item(db, f"JFF:{a.competency}"), "MAPLE", TO).linked(TO)
        }
        for sid, relation in [(a.primary, "primary"), *((s, "additional") for s in a.additional)]:
            primary_somewhere = any(x.primary == sid for x in cw.by_competency[a.competency])
            expected = "primary" if primary_somewhere else relation
            assert seen_from[sid][a.competency] == expected, (a.competency, sid)
            assert seen_to[sid] == expected, (a.competency, sid)
    for sid, links in seen_from.items():
        for source in links:
            assert any(sid in (x.primary, *x.additional) for x in cw.by_competency[source]), (sid, source)


@pytest.mark.parametrize(
    ("form", "expected"),
    [("1b", "1b"), ("1B", "1b"), ("1.b", "1b"), ("1(b)", "1b"), ("I-B", "1b"), ("Ib", "1b"), ("i-b", "1b"),
     ("1", "1"), ("I", "1"), ("IV", "4"), ("IV-F", "4f"), ("4f", "4f")],
)  # fmt: skip
def test_standard_id_forms(invoke: Invoke, form: str, expected: str) -> None:
    assert as_json(invoke, "standard", form)["standard"]["id"] == expected


@pytest.mark.parametrize(
    "form", ["VVC.3.a", "vvc3a", "VVC 3a", "vvc.3a", "I.3.a", "i3a", "VVC-3-A", "vvc.3.A"]
)
def test_competency_id_forms(invoke: Invoke, form: str) -> None:
    assert as_json(invoke, "competency", form)["indicator"]["id"] == "VVC.3.a"


def test_competency_id_forms_for_other_domains(invoke: Invoke) -> None:
    assert as_json(invoke, "competency", "IV.6.d")["indicator"]["id"] == "SRS.6.d"
    assert as_json(invoke, "competency", "psmv4")["competency"]["id"] == "PSMV.4"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["standard", "1z"], "no standard or indicator '1z'; did you mean"),
        (["standard", "5a"], "no standard or indicator '5a'"),
        (["competency", "VVC.9.z"], "no competency or indicator 'VVC.9.z'; did you mean"),
        (["competency", "VVC.3.z"], "did you mean VVC.3"),
        (["theme", "XX"], "no theme 'XX'"),
        (["competencies", "--domain", "ZZ"], "no domain 'ZZ'"),
        (["standard", "1b", "--theme", "nothing"], "no theme 'nothing'"),
        (["standard", "1b", "--format", "xml"], "'xml' is not one of"),
        (["standard", "1b", "--bogus"], "No such option: --bogus"),
        (["standard"], "Missing argument 'ID...'"),
        (["frobnicate"], "No such command 'frobnicate'"),
        (["search", "  "], "give at least one word"),
    ],
)
def test_usage_errors(invoke: Invoke, args: list[str], needle: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("crosswalk: error: ")
    assert needle in lines[0]


def test_bad_data_exits_1(invoke: Invoke, tmp_path: Any) -> None:
    (tmp_path / "standards.yaml").write_text("standards: [\n", encoding="utf-8")
    result = invoke("standard", "1b", "--data-dir", str(tmp_path))
    assert result.exit_code == 1
    assert "standards.yaml" in result.stderr and "Traceback" not in result.stderr


def test_narrow_terminal_loses_no_text(invoke: Invoke, cw: Crosswalk) -> None:
    out = invoke("standard", "1b", env={"COLUMNS": "60"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 60
    flat = " ".join(out.split())
    for ind in [cw.indicators["VVC.2.b"], cw.indicators["SRS.5.f"], cw.indicators["CB.1.e"]]:
        assert " ".join(ind.text.split()) in flat or all(word in flat for word in ind.text.split())
    for word in cw.standard_indicators["1b"].text.split():
        assert word in flat


def test_tables_fit_80_columns(invoke: Invoke) -> None:
    for args in COMMANDS:
        out = invoke(*args).stdout
        assert max(len(line) for line in out.splitlines()) <= 80, args


def test_no_color(invoke: Invoke) -> None:
    colored = invoke("standard", "1b", env={"FORCE_COLOR": "1", "TERM": "xterm"}).stdout
    assert re.search(r"\x1b\[[0-9;]*3\dm", colored)
    plain = invoke("standard", "1b", env={"FORCE_COLOR": "1", "TERM": "xterm", "NO_COLOR": "1"}).stdout
    assert not re.search(r"\x1b\[[0-9;]*3\dm", plain)


def test_piped_into_head_ends_quietly() -> None:
    code = "import sys; sys.argv[0] = 'crosswalk'; from crosswalk_cli.entry import main; main()"
    proc = subprocess.run(
        f'{sys.executable} -c "{code}" competencies | head -n 2',
        shell=True,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        check=False,
    )
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 2
    assert proc.stderr == ""


@pytest.mark.parametrize(
    ("words", "expected"),
    [("crosswalk standard 1", {"1", "1a", "1f"}), ("crosswalk competency VVC.3.", {"VVC.3.a", "VVC.3.e"}),
     ("crosswalk theme C", {"CI", "CM", "CA"}), ("crosswalk theme c", {"ci", "cm", "ca"})],
)  # fmt: skip
def test_shell_completion_for_ids(invoke: Invoke, words: str, expected: set[str]) -> None:
    env = {
        "_CROSSWALK_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    from typer.testing import CliRunner

    from crosswalk_cli.cli import app

    result = CliRunner().invoke(app, [], env=env, prog_name="crosswalk")
    offered = set(result.stdout.split())
    assert expected <= offered, result.stdout


def test_version_and_python_m(invoke: Invoke) -> None:
    from crosswalk_cli import __version__

    assert invoke("--version").stdout == f"crosswalk {__version__}\n"
    proc = subprocess.run(
        [sys.executable, "-m", "crosswalk_cli", "standard", "I-B", "--json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["standard"]["id"] == "1b"


def test_no_arguments_shows_help(invoke: Invoke) -> None:
    result = invoke()
    assert "standard" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
