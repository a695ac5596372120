"""A link no source publishes never looks published: the example district's crosswalk (drafted by crosswalk
suggest, reviewed by a person) is labelled drafted, with its provenance, by every preset in every format."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import ROOT, Invoke

DISTRICT = str(ROOT / "docs" / "examples" / "district")
FROM_FILE = (
    "drafted by crosswalk suggest; score 0.705; reviewed by A. Principal Supervisor, 2026-09-15T14:02:00Z"
)
NOTE = "Drafted links were suggested by crosswalk and reviewed by a person; no source prints them."


def out(invoke: Invoke, *args: str) -> str:
    """The command's output through the district's crosswalk, tables wide enough to keep a cell on a line."""
    r = invoke(*args, "--crosswalk", "RUSD-MA", "--data-dir", DISTRICT, env={"COLUMNS": "300"})
    assert (r.exit_code, r.stderr) == (0, ""), r.stderr
    return r.stdout


def flat(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- standard: a leaf, and the item above it -----------------------------------------------------------


def test_standard_leaf_json_says_published_and_provenance(invoke: Invoke) -> None:
    [link] = json.loads(out(invoke, "standard", "1e", "--json"))["competencies"]
    assert link["id"] == "R1.2" and link["published"] is False
    assert link["provenance"]["method"] == "crosswalk suggest" and link["provenance"]["score"] == "0.705"


def test_standard_leaf_csv_table_markdown_label_the_link(invoke: Invoke) -> None:
    [row] = rows(out(invoke, "standard", "1e", "-f", "csv"))
    assert (row["standard"], row["id"], row["published"], row["provenance"]) == ("1e", "R1.2", "", FROM_FILE)
    assert FROM_FILE in flat(out(invoke, "standard", "1e")) and NOTE in flat(out(invoke, "standard", "1e"))
    markdown = flat(out(invoke, "standard", "1e", "-f", "markdown"))
    assert FROM_FILE in markdown and NOTE in markdown


def test_published_links_say_so(invoke: Invoke) -> None:
    r = invoke("standard", "1e", "-f", "csv")
    assert r.exit_code == 0
    assert {row["provenance"] for row in rows(r.stdout)} == {"published"}
    assert {row["published"] for row in rows(r.stdout)} == {"yes"}
    table = invoke("standard", "1e").stdout
    assert NOTE not in flat(table) and "Source" not in table  # no column for what every link shares
    assert all(k["published"] for k in json.loads(invoke("standard", "1e", "--json").stdout)["competencies"])


def test_standard_counts_say_how_many_are_drafted(invoke: Invoke) -> None:
    doc = json.loads(out(invoke, "standard", "1", "--json"))
    assert {c["id"]: c["drafted"] for c in doc["indicators"]}["1e"] == 1
    counted = {r["id"]: r["drafted"] for r in rows(out(invoke, "standard", "1", "-f", "csv"))}
    assert counted["1e"] == "1" and counted["1a"] == "0"
    for fmt in ("table", "markdown"):
        assert "Drafted" in out(invoke, "standard", "1", "-f", fmt)
    standards = json.loads(out(invoke, "standards", "--json"))["standards"]
    assert sum(c["drafted"] for s in standards for c in s["indicators"]) == 7


# --- competency: a leaf, and the item above it ---------------------------------------------------------


def test_competency_leaf_labels_its_links(invoke: Invoke) -> None:
    links = json.loads(out(invoke, "competency", "R1.2", "--json"))["standards"]
    assert [(k["id"], k["published"], k["provenance"]["score"]) for k in links] == [("1e", False, "0.705")]
    [row] = rows(out(invoke, "competency", "R1.2", "-f", "csv"))
    assert (row["competency"], row["id"], row["provenance"]) == ("R1.2", "1e", FROM_FILE)
    for fmt in ("table", "markdown"):
        shown = flat(out(invoke, "competency", "R1.2", "-f", fmt))
        assert FROM_FILE in shown and NOTE in shown


@pytest.mark.parametrize("args", [("competency", "R1"), ("theme", "DATA"), ("competencies",)])
def test_list_rows_label_their_drafted_links(invoke: Invoke, args: tuple[str, ...]) -> None:
    doc = json.loads(out(invoke, *args, "--json"))
    listed = doc.get("indicators") or doc["competencies"]
    r12 = next(x for x in listed if x["id"] == "R1.2")
    assert r12["primary"] == ["1e"] and r12["primary_drafted"] == ["1e"]
    assert r12["primary_provenance"][0]["score"] == "0.705"
    row = next(x for x in rows(out(invoke, *args, "-f", "csv")) if x["id"] == "R1.2")
    assert (row["primary"], row["primary_drafted"]) == ("1e", "1e")
    assert row["primary_provenance"] == f"1e: {FROM_FILE}"
    for fmt in ("table", "markdown"):
        shown = flat(out(invoke, *args, "-f", fmt))
        assert "1e (drafted)" in shown and NOTE in shown
