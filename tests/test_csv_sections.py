"""A CSV keeps every row the other formats show. One rule: a result with rows of more than one kind is one
table whose first column, ``section``, names the JSON key each row comes from; each kind's columns follow,
each once. The same thing has the same columns in every command, and a CSV names the item it is about."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .conftest import Invoke
from .test_assess import team_files


def table(invoke: Invoke, *args: str) -> list[dict[str, str]]:
    r = invoke(*args, "-f", "csv")
    assert (r.exit_code, r.stderr) == (0, ""), r.stderr
    return list(csv.DictReader(io.StringIO(r.stdout)))


def sections(rows: list[dict[str, str]]) -> list[str]:
    return list(dict.fromkeys(r["section"] for r in rows))


def test_frameworks_csv_keeps_the_crosswalks(invoke: Invoke) -> None:
    rows = table(invoke, "frameworks")
    assert sections(rows) == ["frameworks", "crosswalks"]
    doc = json.loads(invoke("frameworks", "--json").stdout)
    assert [r["id"] for r in rows if r["section"] == "crosswalks"] == [c["id"] for c in doc["crosswalks"]]
    assert [r["id"] for r in rows if r["section"] == "frameworks"] == [f["id"] for f in doc["frameworks"]]


def test_standard_csv_keeps_what_is_aligned_to_the_whole(invoke: Invoke) -> None:
    rows = table(invoke, "standard", "1")
    doc = json.loads(invoke("standard", "1", "--json").stdout)
    assert sections(rows) == ["indicators", "competencies"]
    whole = [r for r in rows if r["section"] == "competencies"]
    assert [r["id"] for r in whole] == [k["id"] for k in doc["competencies"]] and whole
    assert {r["standard"] for r in rows} == {"1"} and {r["via"] for r in whole} == {"1"}


def test_item_csv_has_the_item_itself(invoke: Invoke) -> None:
    doc = json.loads(invoke("item", "BPS:2.3", "--json").stdout)
    rows = table(invoke, "item", "BPS:2.3")
    [own] = [r for r in rows if r["section"] == "item"]
    assert (own["id"], own["text"]) == ("BPS:2.3", doc["text"]) and doc["links"] == []
    linked = table(invoke, "item", "MA:1b")
    assert sections(linked) == ["item", "links"]
    assert len([r for r in linked if r["section"] == "links"]) == len(
        json.loads(invoke("item", "MA:1b", "--json").stdout)["links"]
    )


def test_assess_report_csv_keeps_every_table(invoke: Invoke, tmp_path: Path) -> None:
    files = team_files(tmp_path)
    doc = json.loads(invoke("assess", "report", *files, "--json").stdout)
    rows = table(invoke, "assess", "report", *files)
    assert sections(rows) == ["competencies", "standards", "priorities"]
    focus = [s for s in doc["standards"] if s["growth"] or s["strengths"]]
    assert [r["id"] for r in rows if r["section"] == "standards"] == [s["id"] for s in doc["standards"]]
    assert focus
    assert [r["competency"] for r in rows if r["section"] == "priorities"] == [
        p["id"] for p in doc["priorities"]
    ]


def test_errata_and_validate_keep_their_second_table(invoke: Invoke) -> None:
    errata = table(invoke, "errata")
    assert sections(errata) == ["errata", "source_notes"]
    assert all(r["note"] for r in errata)
    notes = table(invoke, "errata", "--framework", "BPS")
    doc = json.loads(invoke("errata", "--framework", "BPS", "--json").stdout)
    assert [r["note"] for r in notes] == [n["note"] for n in doc["source_notes"]] and notes
    assert sections(table(invoke, "validate")) == ["counts", "files"]


def test_the_same_columns_for_the_same_thing(invoke: Invoke) -> None:
    # an item whose themes may be incomplete: 'themes' holds its codes, 'themes_incomplete' says so
    linked = {r["id"]: r for r in table(invoke, "standard", "1b")}
    listed = {r["id"]: r for r in table(invoke, "theme", "EI")}
    for rows in (linked, listed):
        assert (rows["VVC.2.b"]["themes"], rows["VVC.2.b"]["themes_incomplete"]) == ("EI", "yes")
        assert not any("?" in r["themes"] for r in rows.values())
    shared = ("id", "domain", "competency", "competency_title", "text", "themes", "themes_incomplete")
    assert all(key in next(iter(rows.values())) for rows in (linked, listed) for key in shared)
    # a standard's CSV names it, so that CSVs of several standards stack
    assert {r["standard"] for r in linked.values()} == {"1b"}
    assert {r["competency"] for r in table(invoke, "competency", "VVC.2.b")} == {"VVC.2.b"}
