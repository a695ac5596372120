"""`crosswalk coverage CROSSWALK` (issue 21): the items a crosswalk links to nothing, on both sides, a
decided "no match" apart from items nobody decided on, and counts per level, in every format; `item`
tells a decided no match from an item never reviewed; `matrix --crosswalk` keeps its empty rows and
columns."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .conftest import ROOT, Invoke
from .test_review import REVIEWER, run

DISTRICT = ROOT / "docs" / "examples" / "district"


@pytest.fixture()
def reviewed(tmp_path: Path) -> Path:
    """A data directory with a review of BPS into MA: 1.1 linked, 1.2 no match (with a rationale), 1.3
    linked by hand to 2d; the other 13 leaves undecided."""
    data = tmp_path / "data"
    code, _, stderr = run(data / "bps-ma.yaml", "1\nr Not ours.\nn\n+2d\nq\n")
    assert (code, stderr) == (0, "")
    return data


def ok(invoke: Invoke, *args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_coverage_tells_no_match_from_undecided(invoke: Invoke, reviewed: Path) -> None:
    doc = json.loads(ok(invoke, "coverage", "BPS-MA", "--data-dir", str(reviewed), "--json"))
    assert (doc["crosswalk"], doc["from"], doc["to"], doc["status"]) == ("BPS-MA", "BPS", "MA", "draft")
    states = {g["item"]["id"]: g["state"] for g in doc["sources"]}
    assert len(states) == 14 and states["BPS:1.2"] == "no match"
    assert "BPS:1.1" not in states and "BPS:1.3" not in states
    assert sum(1 for s in states.values() if s == "undecided") == 13
    [decided] = [g for g in doc["sources"] if g["state"] == "no match"]
    assert (decided["decided_by"], decided["rationale"]) == (REVIEWER, "Not ours.")
    assert {g["state"] for g in doc["targets"]} == {"no link"} and len(doc["targets"]) == 19
    levels = {(c["side"], c["level"]): c for c in doc["levels"]}
    assert levels[("source", "competency")] | {} == {
        "side": "source", "framework": "BPS", "level": "competency",
        "items": 4, "linked": 1, "no_match": 0, "unlinked": 3,
    }  # fmt: skip
    leaf = next(c for (side, _), c in levels.items() if side == "source" and c["items"] == 16)
    assert (leaf["linked"], leaf["no_match"], leaf["unlinked"]) == (2, 1, 14)
    assert next(c for (side, _), c in levels.items() if side == "target" and c["items"] == 21)["linked"] == 2


def test_coverage_in_every_format(invoke: Invoke, reviewed: Path) -> None:
    args = ("coverage", "BPS-MA", "--data-dir", str(reviewed))
    table = ok(invoke, *args)
    assert table.startswith("Coverage of BPS-MA (BPS to MA): 14 BPS items and 19 MA items with no link")
    assert "BPS items with no link: 14 (1 no match, 13 undecided)" in table
    rows = list(csv.DictReader(io.StringIO(ok(invoke, *args, "-f", "csv"))))
    assert rows[0].keys() >= {"section", "side", "item", "level", "state", "decided_by", "rationale", "items"}
    sections = [r["section"] for r in rows]  # every row of every table: the CSV rule (formats/csvfmt.py)
    assert (sections.count("levels"), sections.count("sources"), sections.count("targets")) == (4, 14, 19)
    assert [r["state"] for r in rows if r["item"] == "BPS:1.2"] == ["no match"]
    md = ok(invoke, *args, "-f", "markdown")
    assert "| BPS:1.2 | no match | A\\. Reviewer |" in md  # "A." escaped: pandoc reads it as a list marker


def test_coverage_of_a_published_crosswalk_and_a_wrong_id(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke, "coverage", "RUSD-MA", "--data-dir", str(DISTRICT), "--json"))
    assert doc["sources"] == [] and len(doc["targets"]) == 14
    result = invoke("coverage", "NOPE")
    assert result.exit_code != 0 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("crosswalk: error: ")


def test_item_tells_a_decided_no_match_from_never_reviewed(invoke: Invoke, reviewed: Path) -> None:
    # both said only "No link for this item in BPS-MA." (issue 21)
    decided = ok(invoke, "item", "BPS:1.2", "--data-dir", str(reviewed))
    never = ok(invoke, "item", "BPS:2.1", "--data-dir", str(reviewed))
    said = " ".join(decided.split())
    assert (
        "BPS-MA: no match, a person decided no item fits (A. Reviewer, 20" in said and ": Not ours." in said
    )
    assert "no match" not in never
    [decided] = json.loads(ok(invoke, "item", "BPS:1.2", "--data-dir", str(reviewed), "--json"))["no_match"]
    assert (decided["crosswalk"], decided["reviewed_by"], decided["rationale"]) == (
        "BPS-MA",
        "A. Reviewer",
        "Not ours.",
    )
    assert decided["reviewed_at"].startswith("20")
    assert json.loads(ok(invoke, "item", "BPS:2.1", "--data-dir", str(reviewed), "--json"))["no_match"] == []
    # every format says who decided and why: CSV has a no_match row, Markdown the note
    rows = list(
        csv.DictReader(io.StringIO(ok(invoke, "item", "BPS:1.2", "--data-dir", str(reviewed), "-f", "csv")))
    )
    assert [
        (r["crosswalk"], r["reviewed_by"], r["rationale"]) for r in rows if r["section"] == "no_match"
    ] == [("BPS-MA", "A. Reviewer", "Not ours.")]
    md = ok(invoke, "item", "BPS:1.2", "--data-dir", str(reviewed), "-f", "markdown")
    assert "no match, a person decided no item fits" in md and "Not ours." in md


def test_matrix_keeps_the_rows_and_columns_with_no_link(invoke: Invoke, reviewed: Path) -> None:
    doc = json.loads(ok(invoke, "matrix", "--crosswalk", "BPS-MA", "--data-dir", str(reviewed), "--json"))
    assert [c["id"] for c in doc["columns"]] == ["BPS:1", "BPS:2", "BPS:3", "BPS:4"]  # 2-4 have no link
    assert len(doc["rows"]) == 21 and doc["total"] == 2


def test_a_decided_item_is_not_drafted_again(invoke: Invoke, reviewed: Path) -> None:
    doc = json.loads(
        ok(invoke, "suggest", "--from", "BPS", "--to", "MA", "--data-dir", str(reviewed), "--json")
    )
    assert doc["decided"] == 3 and [i["item"]["code"] for i in doc["items"]][:1] == ["2.1"]
    assert len(doc["items"]) == 13
