"""docs/data-format.md's district example beside the packaged data: every command answers for it as for
MAPLE, and a district's files replace, add to or stand without the packaged ones as the page says."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, Invoke

DISTRICT = ROOT / "docs" / "examples" / "district"
DOC = ROOT / "docs" / "data-format.md"


def ok(invoke: Invoke, *args: str) -> str:
    result = invoke(*args, "--data-dir", str(DISTRICT))
    assert result.exit_code == 0, (args, result.stderr)
    assert result.stderr == ""
    return result.stdout


def test_the_example_is_valid_beside_the_packaged_data_and_alone(invoke: Invoke) -> None:
    counts = json.loads(ok(invoke, "validate", "--json"))["counts"]
    assert counts["RUSD competencies"] == 3 and counts["RUSD leader practices"] == 5
    assert counts["RUSD-MA primary links"] == 5 and counts["MAPLE entries"] == 109
    alone = invoke("validate", "--data-dir", str(DISTRICT), "--no-packaged")
    assert alone.exit_code == 1  # its crosswalk names MA, which only the packaged data holds
    assert "'to: MA' names no framework of the data (the frameworks: RUSD)" in alone.stderr


def test_frameworks_says_where_each_came_from(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke, "frameworks", "--json"))
    origins = {f["id"]: f["origin"] for f in doc["frameworks"]} | {
        x["id"]: x["origin"] for x in doc["crosswalks"]
    }
    assert origins == {
        "MA": "packaged", "JFF": "packaged", "BPS": "packaged", "MAPLE": "packaged",
        "RUSD": str(DISTRICT / "rusd.yaml"), "RUSD-MA": str(DISTRICT / "rusd-ma.yaml"),
    }  # fmt: skip
    assert [f["id"] for f in doc["frameworks"]] == ["MA", "JFF", "RUSD", "BPS"]  # joined by a crosswalk first
    assert re.search(r"^RUSD +Riverbend Unified .* rusd\.yaml *$", ok(invoke, "frameworks"), re.M)


def test_every_preset_answers_for_the_district_crosswalk(invoke: Invoke) -> None:
    std = json.loads(ok(invoke, "standard", "1e", "--crosswalk", "RUSD-MA", "--json"))
    assert [(c["id"], c["relation"], c["competency"]) for c in std["competencies"]] == [
        ("R1.2", "primary", "R1")
    ]
    comp = json.loads(ok(invoke, "competency", "R1.1", "--crosswalk", "rusd-ma", "--json"))
    assert [(s["id"], s["relation"]) for s in comp["standards"]] == [("1d", "primary"), ("1b", "additional")]
    assert comp["indicator"]["subitems"] == [
        "how the lesson's task matches grade-level standards",
        "which students did the thinking, and which did not",
    ]
    table = ok(invoke, "competency", "R1.1", "--crosswalk", "RUSD-MA")
    assert "Focus areas EQ Equity" in table and "a. how the lesson's task" in table  # the data's own words
    theme = json.loads(ok(invoke, "theme", "equity", "--crosswalk", "RUSD-MA", "--json"))
    assert [r["id"] for r in theme["competencies"]] == ["R1.1", "R1.2", "R2.1", "R2.2"]
    assert ok(invoke, "themes", "--crosswalk", "RUSD-MA").startswith(
        "2 focus areas, carried by the 5 leader practices"
    )
    listed = ok(invoke, "competencies", "--crosswalk", "RUSD-MA")
    assert listed.startswith(
        "Riverbend Unified School Leader Competencies (an example): 3 competencies, 5\npractices"
    )
    matrix = json.loads(ok(invoke, "matrix", "--crosswalk", "RUSD-MA", "--json"))
    assert matrix["total"] == 7 and len(matrix["rows"]) == 21  # every MA indicator, the gaps too
    assert re.search(
        r"^1e +I-E +Data-informed Decision-making +1 +0 +1 *$",
        ok(invoke, "standards", "--crosswalk", "RUSD-MA"),
        re.M,
    )
    assert json.loads(ok(invoke, "errata", "--crosswalk", "RUSD-MA", "--json"))["errata"] == []
    found = json.loads(ok(invoke, "search", "families", "--crosswalk", "RUSD-MA", "--json"))
    assert "R2.1" in [h["id"] for h in found["results"]]


def test_item_shows_the_links_of_every_crosswalk_with_their_provenance(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke, "item", "MA:1e", "--json"))
    assert doc["crosswalks"] == ["MAPLE", "RUSD-MA"]
    rusd = [k for k in doc["links"] if k["crosswalk"] == "RUSD-MA"]
    assert [(k["item"]["id"], k["relation"], k["published"]) for k in rusd] == [
        ("RUSD:R1.2", "primary", False)
    ]
    assert rusd[0]["provenance"]["reviewed_by"] == "A. Principal Supervisor"
    table = ok(invoke, "item", "RUSD:R1.2")
    assert "RUSD-MA: drafted by" in table and "score 0.705; reviewed" in table
    assert "no source\nprints them" in table
    row = ok(invoke, "item", "RUSD:R1.2", "-f", "csv").splitlines()[-1]
    said = "drafted by crosswalk suggest; score 0.705; reviewed by A. Principal Supervisor, 2026-09-15T14:02"
    assert said in row


def test_a_file_of_yours_replaces_the_packaged_one_of_the_same_id(invoke: Invoke, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    packaged = ROOT / "data" / "standards.yaml"
    text = re.sub(r"(?m)^seal: .*\n", "", packaged.read_text("utf-8"))
    (mine / "my-ma.yaml").write_text(text.replace("title: Curriculum", "title: Curriculum (ours)"), "utf-8")
    shutil.copy(DISTRICT / "rusd.yaml", mine)
    doc = json.loads(invoke("standard", "1a", "--json", "--data-dir", str(mine)).stdout)
    assert doc["standard"]["name"] == "Curriculum (ours)"
    origins = {
        f["id"]: f["origin"]
        for f in json.loads(invoke("frameworks", "--json", "--data-dir", str(mine)).stdout)["frameworks"]
    }
    assert origins["MA"] == str(mine / "my-ma.yaml") and origins["JFF"] == "packaged"


@pytest.mark.parametrize("name", ["rusd.yaml", "rusd-ma.yaml"])
def test_the_page_shows_the_example_files_as_they_are(name: str) -> None:
    """Each YAML block of the page that the example holds is a piece of the example, word for word."""
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text("utf-8"), re.DOTALL)
    example = (DISTRICT / name).read_text("utf-8")
    header = "framework:" if name == "rusd.yaml" else "crosswalk:"
    [block] = [b for b in blocks if b.startswith(header)]
    for line in block.splitlines():
        bare = line.split("  #")[0].rstrip()
        assert bare in example, line


def _every_command(tmp: Path) -> dict[str, list[str]]:
    """A command line for each registered command, about the district's files."""
    x = ["--crosswalk", "RUSD-MA"]
    return {
        "standard": ["standard", "1d", *x],
        "competency": ["competency", "R1", *x],
        "theme": ["theme", "EQ", *x],
        "standards": ["standards", *x],
        "competencies": ["competencies", *x],
        "themes": ["themes", *x],
        "search": ["search", "lesson", *x],
        "errata": ["errata", *x],
        "frameworks": ["frameworks"],
        "item": ["item", "RUSD:R2.2"],
        "items": ["items", "RUSD"],
        "suggest": ["suggest", "RUSD:R3.1", "--to", "MA"],
        "validate": ["validate"],
        "matrix": ["matrix", *x],
        "coverage": ["coverage", "RUSD-MA"],
        "export": ["export", "case", *x, "--out", str(tmp / "case")],
        "import": ["import", "case", str(tmp / "case" / "RUSD.json"), "--out", str(tmp / "imported")],
        "assess": ["assess", "report", str(tmp / "none.yaml"), "--data-dir", str(tmp / "survey")],
        "assess report": ["assess", "report", str(tmp / "none.yaml"), "--data-dir", str(tmp / "survey")],
        "site": ["site", str(tmp / "site")],
    }


def test_every_command_answers_for_the_district_files_alone(invoke: Invoke, tmp_path: Path) -> None:
    """The district's two files, alone in their directory (beside the packaged data), answer every
    command the registry holds: a new command must be added here."""
    from crosswalk_cli.commands import COMMANDS

    lines = _every_command(tmp_path)
    assert sorted(lines) == sorted(c.name for c in COMMANDS)
    for name, args in lines.items():
        if name in ("assess", "assess report"):
            continue  # a survey goes with a crosswalk; tests/test_assess.py runs one of a district's own
        plain = name in ("export", "import", "site")  # they write files: no --format
        for fmt in ("table", "json") if not plain else ("table",):
            options = ("--format", fmt) if not plain else ()
            reads = ("--data-dir", str(DISTRICT)) if name != "import" else ()  # import reads packages
            result = invoke(*args, *options, *reads)
            assert result.exit_code == 0, (args, result.stderr)
            assert "Traceback" not in result.stderr
    assert (tmp_path / "imported" / "RUSD.yaml").is_file()
