"""`crosswalk suggest`, end to end: one item, a draft, --evaluate, the refusals, and the labelling rule:
a suggestion is always called one, and nothing suggested ever shows up as a link."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .conftest import YOURS, Invoke

LABEL = "suggestions, not links: no source publishes them; a person decides"
BPS_LEAVES = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4",
              "4.1", "4.2", "4.3", "4.4", "4.5"]  # fmt: skip


def ok(invoke: Invoke, *args: str) -> str:
    r = invoke(*args)
    assert (r.exit_code, r.stderr) == (0, ""), r.stderr
    return r.stdout


def one_line(invoke: Invoke, code: int, *args: str) -> str:
    r = invoke(*args)
    assert r.exit_code == code and r.stdout == "", (r.exit_code, r.stdout)
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("crosswalk: error: "), r.stderr
    return lines[0]


def test_one_item_json(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke, "suggest", "BPS:3.2", "--to", "MA", "--json"))
    assert doc["command"] == "suggest" and doc["label"] == LABEL
    assert doc["item"]["id"] == "BPS:3.2" and doc["to"] == "MA"
    assert doc["method"].startswith("crosswalk suggest ")
    assert doc["voters"] == ["MAPLE"] and doc["published"] == []
    got = doc["suggestions"]
    assert len(got) == 5
    assert [s["id"] for s in got] == ["MA:1e", "MA:1c", "MA:4d", "MA:1f", "MA:2c"]
    for s in got:
        assert s["suggestion"] is True and s["published"] is None
        assert s["id"].startswith("MA:") and s["item"]["id"] == s["id"]
        assert isinstance(s["score"], float) and 0.0 <= s["score"] <= 1.0
        assert s["evidence"] and all(isinstance(e, str) and e for e in s["evidence"])
    assert [s["score"] for s in got] == sorted((s["score"] for s in got), reverse=True)
    assert "shared phrases: decision making, multiple sources" in got[0]["evidence"]


def test_one_item_table_csv_markdown(invoke: Invoke) -> None:
    table = ok(invoke, "suggest", "BPS:3.2", "--to", "MA")
    assert table.startswith("Suggestions for BPS:3.2 in MA\n")
    assert "Suggestions (not links): 5" in table
    assert table.rstrip().endswith(f"These are {LABEL}.")
    rows = list(csv.DictReader(io.StringIO(ok(invoke, "suggest", "BPS:3.2", "--to", "ma", "-f", "csv"))))
    assert [r["id"] for r in rows] == ["MA:1e", "MA:1c", "MA:4d", "MA:1f", "MA:2c"]
    assert rows[0]["score"] == "0.751" and all(r["published"] == "" for r in rows)
    md = ok(invoke, "suggest", "BPS:3.2", "--to", "MA", "-f", "markdown")
    assert "## Suggestions (not links): 5" in md and LABEL in md


@pytest.mark.parametrize("k", [1, 3, 21])
def test_top(invoke: Invoke, k: int) -> None:
    doc = json.loads(ok(invoke, "suggest", "3.2", "--to", "MA", "--top", str(k), "--json"))
    assert len(doc["suggestions"]) == k
    five = json.loads(ok(invoke, "suggest", "3.2", "--to", "MA", "--json"))["suggestions"]
    assert [s["id"] for s in doc["suggestions"]][:5] == [s["id"] for s in five][:k]
    if k == 21:  # every MA indicator once
        assert len({s["id"] for s in doc["suggestions"]}) == 21


def test_a_published_item_shows_which_candidates_are_published(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke, "suggest", "VVC.3.a", "--to", "MA", "--top", "8", "--json"))
    assert doc["item"]["id"] == "JFF:VVC.3.a"
    printed = {"MA:1b": "primary", "MA:4a": "additional", "MA:4d": "additional", "MA:4e": "additional"}
    assert sorted(doc["published"]) == sorted(f"{r} {i}" for i, r in printed.items())
    got = {s["id"]: s["published"] for s in doc["suggestions"]}
    assert {i: r for i, r in got.items() if r is not None} == printed  # all four found, each marked
    assert all(r is None for i, r in got.items() if i not in printed)  # and nothing else is
    assert all(s["suggestion"] is True for s in doc["suggestions"])
    table = " ".join(ok(invoke, "suggest", "VVC.3.a", "--to", "MA").split())
    assert (
        "Published: primary MA:1b (MAPLE), additional MA:4a (MAPLE), additional MA:4d (MAPLE), "
        "additional MA:4e (MAPLE)"
    ) in table


def test_a_draft_covers_every_leaf(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke, "suggest", "--from", "BPS", "--to", "MA", "--json"))
    assert (doc["from"], doc["to"], doc["label"], doc["skipped"]) == ("BPS", "MA", LABEL, 0)
    assert [i["item"]["id"] for i in doc["items"]] == [f"BPS:{c}" for c in BPS_LEAVES]  # no competency
    assert all(len(i["suggestions"]) == 5 for i in doc["items"])
    assert all(s["suggestion"] is True for i in doc["items"] for s in i["suggestions"])
    # an item's candidates do not depend on how it is asked (they did: 7 of the 16 ranked otherwise alone)
    for code, drafted in zip(BPS_LEAVES, doc["items"], strict=True):
        alone = json.loads(ok(invoke, "suggest", f"BPS:{code}", "--to", "MA", "--json"))
        assert alone["suggestions"] == drafted["suggestions"], code

    rows = list(
        csv.DictReader(io.StringIO(ok(invoke, "suggest", "--from", "BPS", "--to", "MA", "-f", "csv")))
    )
    assert len(rows) == 80
    assert [r["item"] for r in rows[::5]] == [f"BPS:{c}" for c in BPS_LEAVES]
    assert [r["rank"] for r in rows[:5]] == ["1", "2", "3", "4", "5"]
    assert {r["suggestion"] for r in rows} == {"yes"}

    md = ok(invoke, "suggest", "--from", "BPS", "--to", "MA", "-f", "markdown", "--top", "2")
    assert md.startswith("# Draft crosswalk BPS to MA: suggestions for 16 items (not links)\n")
    assert "## Suggestions (not links): 32" in md
    assert md.count("\n| BPS:") == 32

    table = ok(invoke, "suggest", "--from", "BPS", "--to", "MA", "--top", "1")
    assert "Suggestions (not links): 16" in table and "review them with --review --out FILE" in table


def test_a_draft_leaves_out_what_is_published(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke, "suggest", "--from", "JFF", "--to", "MA", "--json"))
    assert (doc["items"], doc["skipped"]) == ([], 108)  # MAPLE links every JFF indicator


def test_evaluate_matches_the_engine(invoke: Invoke) -> None:
    from crosswalk_cli.datadir import sources
    from crosswalk_cli.store import open_database
    from crosswalk_cli.suggest import Suggester
    from crosswalk_cli.suggest.fromstore import inputs

    d = inputs(open_database(sources()), "MA", only="MAPLE")
    e = Suggester(d.sources, d.targets, d.links, strongest=d.strongest).evaluate()
    doc = json.loads(ok(invoke, "suggest", "--evaluate", "MAPLE", "--json"))
    assert (doc["crosswalk"], doc["from"], doc["to"], doc["items"]) == ("MAPLE", "JFF", "MA", 108)
    for key in ("top1", "top3", "top5", "mrr", "recall5"):
        assert isinstance(doc[key], float)
        assert doc[key] == round(getattr(e, key), 3), key
    assert (doc["top1"], doc["top3"], doc["top5"]) == (0.398, 0.685, 0.824)
    assert isinstance(doc["seconds"], float) and doc["seconds"] >= 0
    assert json.loads(ok(invoke, "suggest", "--evaluate", "maple", "--json"))["top5"] == 0.824
    table = ok(invoke, "suggest", "--evaluate", "MAPLE")
    assert table.startswith("Leave-one-out over MAPLE (JFF to MA): own links hidden\n")
    assert "0.398" in table and "0.824" in table
    # the crosswalk's own strongest relation names what is measured
    assert "top-1: the human primary is the first suggestion" in table
    assert "mean reciprocal rank of the primary" in table


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (("BPS:3.2",), 2, "Invalid value for --to: say which framework to suggest into"),
        (("BPS:3.2", "--from", "BPS", "--to", "MA"), 2, "give an ID or --from, not both"),
        (("--to", "MA"), 2, "give an ID, or --from FRAMEWORK"),
        (
            ("--evaluate", "NOPE"),
            2,
            "no crosswalk 'NOPE'; the crosswalks are MAPLE" + YOURS,
        ),
        (("BPS:3.2", "--evaluate", "MAPLE"), 2, "--evaluate takes a crosswalk and nothing else"),
        (("--evaluate", "MAPLE", "--to", "MA"), 2, "--evaluate takes a crosswalk and nothing else"),
        (
            ("BPS:3.2", "--to", "XX"),
            2,
            "no framework 'XX'; the frameworks are MA, JFF, BPS" + YOURS,
        ),
        (
            ("--from", "XX", "--to", "MA"),
            2,
            "no framework 'XX'; the frameworks are MA, JFF, BPS" + YOURS,
        ),
        (
            ("--from", "BPS", "--to", "XX"),
            2,
            "no framework 'XX'; the frameworks are MA, JFF, BPS" + YOURS,
        ),
        (
            ("NOPE:1", "--to", "MA"),
            2,
            "no framework 'NOPE'; the frameworks are MA, JFF, BPS" + YOURS,
        ),
        (
            ("--from", "BPS", "--to", "XX", "--review", "--out", "F", "--reviewer", "R"),
            2,
            "no framework 'XX'; the frameworks are MA, JFF, BPS" + YOURS,
        ),
        (("BPS:9.9", "--to", "MA"), 2, "no item 'BPS:9.9'"),
        (("1", "--to", "MA"), 2, "names several items: MA:1, BPS:1; give one as FRAMEWORK:CODE"),
        (("MA:1b", "--to", "MA"), 1, "MA:1b is an item of MA itself"),
        (("BPS:3.2", "--to", "MA", "--top", "0"), 2, "--top"),
    ],
)
def test_refusals(invoke: Invoke, args: tuple[str, ...], code: int, needle: str) -> None:
    assert needle in one_line(invoke, code, "suggest", *args)


def test_suggestions_never_become_links(invoke: Invoke, tmp_path: Path) -> None:
    before = {
        "item": ok(invoke, "item", "BPS:3.2", "--json"),
        "ma": ok(invoke, "item", "MA:1e", "--json"),
        "standard": ok(invoke, "standard", "1e", "--json"),
        "competency": ok(invoke, "competency", "VVC.3.a", "--json"),
        "frameworks": ok(invoke, "frameworks", "--json"),
    }
    assert invoke("export", "csv", "--out", str(tmp_path / "before.csv")).exit_code == 0
    ok(invoke, "suggest", "BPS:3.2", "--to", "MA", "--json")
    ok(invoke, "suggest", "--from", "BPS", "--to", "MA")
    ok(invoke, "suggest", "VVC.3.a", "--to", "MA")
    ok(invoke, "suggest", "--evaluate", "MAPLE")
    after = {
        "item": ok(invoke, "item", "BPS:3.2", "--json"),
        "ma": ok(invoke, "item", "MA:1e", "--json"),
        "standard": ok(invoke, "standard", "1e", "--json"),
        "competency": ok(invoke, "competency", "VVC.3.a", "--json"),
        "frameworks": ok(invoke, "frameworks", "--json"),
    }
    assert after == before
    assert json.loads(after["item"])["links"] == []
    assert "BPS" not in after["ma"] and "BPS" not in after["standard"]
    assert json.loads(after["frameworks"])["crosswalks"][0]["drafted"] == 0
    assert invoke("export", "csv", "--out", str(tmp_path / "after.csv")).exit_code == 0
    assert (tmp_path / "after.csv").read_bytes() == (tmp_path / "before.csv").read_bytes()
    assert "BPS" not in (tmp_path / "after.csv").read_text(encoding="utf-8")
    assert "No crosswalk in the data covers BPS" in ok(invoke, "item", "BPS:3.2")


DISTRICT = """\
framework:
  id: RUSD
  title: Riverbend Unified School Leader Standards
  publisher: Riverbend Unified School District
  license: CC BY 4.0
  levels: [domain, standard]
items:
- code: I
  title: Teaching and learning
  text: Leaders keep teaching and learning at the centre of the school.
  items:
  - code: I.1
    text: Observe classrooms often and give teachers timely, specific feedback on their instruction.
  - code: I.2
    text: Use student assessment data from multiple sources to plan instruction and support.
- code: II
  title: Families and community
  text: Leaders make families partners in their children's learning.
  items:
  - code: II.1
    text: Engage families in two-way communication about student learning and school decisions.
"""


def district(tmp_path: Path) -> Path:
    """A data directory holding one district framework file and nothing else."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "rusd.yaml").write_text(DISTRICT, encoding="utf-8")
    return mine


def test_a_framework_of_your_own_alone_in_its_directory(invoke: Invoke, tmp_path: Path) -> None:
    # the packaged frameworks and crosswalk are read beside it: its items are ranked into MA from
    # MAPLE's links, like any framework's
    mine = str(district(tmp_path))
    doc = json.loads(ok(invoke, "suggest", "--from", "RUSD", "--to", "MA", "--data-dir", mine, "--json"))
    assert (doc["from"], doc["to"], doc["skipped"]) == ("RUSD", "MA", 0)
    assert [i["item"]["id"] for i in doc["items"]] == ["RUSD:I.1", "RUSD:I.2", "RUSD:II.1"]
    assert all(i["voters"] == ["MAPLE"] and len(i["suggestions"]) == 5 for i in doc["items"])
    firsts = {i["item"]["id"]: i["suggestions"][0]["id"] for i in doc["items"]}
    assert firsts["RUSD:I.2"] == "MA:1e"  # data-informed decision-making
    alone = json.loads(ok(invoke, "suggest", "RUSD:I.2", "--to", "MA", "--data-dir", mine, "--json"))
    assert alone["suggestions"] == doc["items"][1]["suggestions"]
    # and the other way: MA's items ranked into it, with no crosswalk of its own to vote
    into = json.loads(ok(invoke, "suggest", "MA:1e", "--to", "RUSD", "--data-dir", mine, "--json"))
    assert into["voters"] == [] and into["suggestions"][0]["id"] == "RUSD:I.2"
    # without --data-dir it is not there, and the message says what is
    assert "no framework 'RUSD'; the frameworks are MA, JFF, BPS" + YOURS in one_line(
        invoke, 2, "suggest", "--from", "RUSD", "--to", "MA"
    )
    # --no-packaged: RUSD alone, MA is missing
    assert "no framework 'MA'; the frameworks are RUSD" in one_line(
        invoke, 2, "suggest", "--from", "RUSD", "--to", "MA", "--data-dir", mine, "--no-packaged"
    )
