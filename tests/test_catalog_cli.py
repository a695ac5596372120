"""`crosswalk frameworks`, `crosswalk item ID` and `crosswalk items FRAMEWORK`, end to end through the CLI."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from .conftest import SEEDS, YOURS, Invoke
from .maple import Maple as Crosswalk

BPS_SEED = SEEDS / "004_eaf4f94e5e771a55.txt"


def ok(invoke: Invoke, *args: str) -> str:
    r = invoke(*args)
    assert (r.exit_code, r.stderr) == (0, ""), r.stderr
    return r.stdout


def refused(invoke: Invoke, code: int, *args: str) -> str:
    r = invoke(*args)
    assert r.exit_code == code and r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("crosswalk: error: "), r.stderr
    assert "Traceback" not in r.stderr
    return lines[0]


# --- frameworks ---------------------------------------------------------------------------------------


def test_frameworks_json(invoke: Invoke, cw: Crosswalk) -> None:
    doc = json.loads(ok(invoke, "frameworks", "--json"))
    assert doc["command"] == "frameworks"
    assert [(f["id"], f["title"]) for f in doc["frameworks"]] == [
        ("MA", cw.standards_framework.title),
        ("JFF", cw.competencies_framework.title),
        ("BPS", "Unified Set of BPS Leader Competencies"),
    ]
    ma, jff, bps = doc["frameworks"]
    assert ma["counts"] == {"standard": 4, "indicator": 21} and ma["items"] == 25
    assert jff["counts"] == {"domain": 4, "competency": 21, "indicator": 108} and jff["items"] == 133
    assert bps["counts"] == {"competency": 4, "sub-competency": 16} and bps["items"] == 20
    assert (bps["publisher"], bps["status"], bps["version"], bps["date"], bps["license"]) == (
        "Boston Public Schools",
        "draft",
        "4",
        "2017-03-20",
        "not stated",
    )
    assert bps["levels"] == ["competency", "sub-competency"]
    [maple] = doc["crosswalks"]
    assert (maple["id"], maple["from"], maple["to"]) == ("MAPLE", "JFF", "MA")
    assert maple["relations"] == ["primary", "additional"]
    assert maple["counts"] == {"primary": 109, "additional": 348}
    assert (maple["links"], maple["drafted"]) == (457, 0)
    assert ok(invoke, "frameworks", "-f", "json") == ok(invoke, "frameworks", "--json")


def test_frameworks_table_csv_markdown(invoke: Invoke) -> None:
    table = ok(invoke, "frameworks")
    assert table.startswith("Frameworks: 3; crosswalks: 1\n")
    assert re.search(r"^BPS +Unified Set of BPS +draft +2017-03-20 +4 competencies +packaged *$", table, re.M)
    assert re.search(r"^ +Leader Competencies +16 sub-competencies *$", table, re.M)
    assert re.search(r"^MAPLE +Leadership for +JFF +MA +109 primary +0 +packaged *$", table, re.M)
    assert re.search(r"^ +Personalized Learning: +348 additional *$", table, re.M)

    rows = list(csv.DictReader(io.StringIO(ok(invoke, "frameworks", "-f", "csv"))))
    assert [(r["section"], r["id"], r["status"], r["version"], r["items"]) for r in rows] == [
        ("frameworks", "MA", "", "", "25"),
        ("frameworks", "JFF", "", "", "133"),
        ("frameworks", "BPS", "draft", "4", "20"),
        ("crosswalks", "MAPLE", "", "", ""),
    ]

    md = ok(invoke, "frameworks", "-f", "markdown")
    assert md.startswith("# Frameworks: 3; crosswalks: 1\n")
    assert (
        "| BPS | Unified Set of BPS Leader Competencies (Boston Public Schools) | draft | 2017-03-20 "
        "| 4 competencies 16 sub-competencies |" in md
    )
    assert "| JFF | MA | 109 primary 348 additional | 0 |" in md


# --- item -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["bps:2.3", "2.3", "Bps:2.3"])
def test_item_ids_agree(invoke: Invoke, given: str) -> None:
    want = ok(invoke, "item", "BPS:2.3", "--json")
    assert ok(invoke, "item", given, "--json") == want
    assert ok(invoke, "item", given) == ok(invoke, "item", "BPS:2.3")


def test_item_json_carries_the_seed_text(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke, "item", "BPS:2.3", "--json"))
    assert (doc["id"], doc["framework"], doc["code"], doc["level"], doc["title"]) == (
        "BPS:2.3",
        "BPS",
        "2.3",
        "sub-competency",
        "",
    )
    text = (
        "Cultivates and maintain a culture of unwavering belief and commitment that all students can "
        "achieve at high levels"
    )
    assert doc["text"] == text
    assert (
        doc["parent"]["id"] == "BPS:2" and doc["parent"]["title"] == "Inspire commitment to a common vision"
    )
    assert doc["children"] == [] and doc["links"] == [] and doc["crosswalks"] == []
    assert [n["kind"] for n in doc["notes"]] == ["verb_form"]
    if BPS_SEED.exists():
        assert f"  - 2.3. {text}\n" in BPS_SEED.read_text(encoding="utf-8")


def test_a_titled_item(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke, "item", "BPS:1", "--json"))
    assert doc["title"] == "Lead with equity and authenticity"
    assert doc["text"] == (
        "Use self understanding and reflection to lead anti-bias and anti-racist practices, and affirm, "
        "celebrate, and know our students, families, and staff"
    )
    assert doc["parent"] is None and doc["level"] == "competency"
    assert [c["id"] for c in doc["children"]] == ["BPS:1.1", "BPS:1.2", "BPS:1.3"]
    assert doc["children"][0]["text"] == (
        "Recognize and disrupt the effects of personal biases (of self and others) and structural biases"
    )
    assert doc["links"] == []
    if BPS_SEED.exists():
        assert f"1. {doc['title']}: {doc['text']}\n" in BPS_SEED.read_text(encoding="utf-8")


def test_item_table_says_no_crosswalk_covers_bps(invoke: Invoke) -> None:
    out = ok(invoke, "item", "BPS:2.3")
    assert out.startswith("BPS:2.3  Cultivates and maintain")
    assert "No crosswalk in the data covers BPS: no source publishes a link for this item." in out
    assert "Links:" not in out
    md = ok(invoke, "item", "BPS:2.3", "-f", "markdown")
    assert "No crosswalk in the data covers BPS" in md
    rows = list(csv.DictReader(io.StringIO(ok(invoke, "item", "BPS:2.3", "-f", "csv"))))
    assert [(r["section"], r["id"]) for r in rows] == [("item", "BPS:2.3"), ("notes", "")]  # no link rows


def test_ma_item_lists_its_maple_links(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke, "item", "MA:1b", "--json"))
    assert doc["crosswalks"] == ["MAPLE"]
    links = {(k["item"]["id"], k["relation"], k["via"]) for k in doc["links"]}
    assert all(k["crosswalk"] == "MAPLE" and k["direction"] == "from" for k in doc["links"])
    assert all(k["published"] is True and k["provenance"] == {} for k in doc["links"])
    # `item` answers as fully as `standard`: the same links, those made to the whole standard marked via 1
    std = json.loads(ok(invoke, "standard", "1b", "--json"))
    assert links == {(f"JFF:{c['id']}", c["relation"], c["via"]) for c in std["competencies"]}
    assert len(links) == 30 and ("JFF:VVC.4.a", "primary", "1") in links
    whole = json.loads(ok(invoke, "item", "MA:1", "--json"))
    assert {(k["item"]["id"], k["relation"], k["via"]) for k in whole["links"]} == {
        ("JFF:VVC.4.a", "primary", None)
    }
    table = ok(invoke, "item", "MA:1b")
    assert "Links: 30" in table and "published (MAPLE)" in table and "via Standard I" in table
    rows = [r for r in csv.DictReader(io.StringIO(ok(invoke, "item", "MA:1b", "-f", "csv"))) if r["item"]]
    assert {(r["item"], r["relation"], r["via"] or None) for r in rows} == links
    assert {r["provenance"] for r in rows} == {"published (MAPLE)"}


def test_a_jff_item_links_the_other_way(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke, "item", "VVC.3.a", "--json"))
    assert doc["id"] == "JFF:VVC.3.a"
    assert [(k["direction"], k["relation"], k["item"]["id"]) for k in doc["links"]] == [
        ("to", "primary", "MA:1b"),
        ("to", "additional", "MA:4a"),
        ("to", "additional", "MA:4d"),
        ("to", "additional", "MA:4e"),
    ]


def test_an_ambiguous_id_lists_its_candidates(invoke: Invoke) -> None:
    line = refused(invoke, 2, "item", "1")
    assert line == "crosswalk: error: '1' names several items: MA:1, BPS:1; give one as FRAMEWORK:CODE"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (
            ("item", "XX:1"),
            "no framework 'XX'; the frameworks are MA, JFF, BPS" + YOURS,
        ),
        (("item", "BPS:9.9"), "no item 'BPS:9.9'"),
        (("item", "nothing"), "no item 'nothing'"),
        (
            ("items", "nope"),
            "no framework 'nope'; the frameworks are MA, JFF, BPS" + YOURS,
        ),
    ],
)
def test_unknown_ids_exit_2(invoke: Invoke, args: tuple[str, ...], needle: str) -> None:
    assert needle in refused(invoke, 2, *args)


# --- items ----------------------------------------------------------------------------------------------

BPS_ORDER = ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3", "2.4",
             "3", "3.1", "3.2", "3.3", "3.4", "4", "4.1", "4.2", "4.3", "4.4", "4.5"]  # fmt: skip


def test_items_in_printed_order(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke, "items", "bps", "--json"))
    assert doc["framework"]["id"] == "BPS" and doc["framework"]["items"] == 20
    assert [i["code"] for i in doc["items"]] == BPS_ORDER
    assert [i["depth"] for i in doc["items"]] == [0 if "." not in c else 1 for c in BPS_ORDER]
    rows = list(csv.DictReader(io.StringIO(ok(invoke, "items", "BPS", "-f", "csv"))))
    assert [r["id"] for r in rows] == [f"BPS:{c}" for c in BPS_ORDER]
    table = ok(invoke, "items", "BPS")
    assert table.startswith("Unified Set of BPS Leader Competencies (BPS): 20 items\n")
    found = re.findall(r"^(BPS:[\d.]+) ", table, re.M)
    assert found == [f"BPS:{c}" for c in BPS_ORDER]
    if BPS_SEED.exists():
        seed = BPS_SEED.read_text(encoding="utf-8")
        printed = re.findall(r"^\s*(?:- )?(\d(?:\.\d)?)\. ", seed, re.M)
        assert printed == BPS_ORDER


def test_origins_name_the_directory_as_this_run_gives_it(tmp_path: Path) -> None:
    """A store serves a directory however it is spelt; the files it names are where this run finds them,
    not where the run that built the store did (a relative path from another folder)."""
    import os
    import shutil
    import subprocess
    import sys

    district = shutil.copytree(Path(__file__).parents[1] / "docs" / "examples" / "district", tmp_path / "d")
    (tmp_path / "elsewhere").mkdir()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    env.pop("CROSSWALK_DATA_DIR", None)

    def origins(cwd: Path, data_dir: str) -> set[str]:
        done = subprocess.run(
            [sys.executable, "-m", "crosswalk_cli", "frameworks", "--json", "--data-dir", data_dir],
            cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        page = json.loads(done.stdout)
        return {x["origin"] for x in page["frameworks"] + page["crosswalks"]} - {"packaged"}

    assert origins(tmp_path, "d") == {"d/rusd.yaml", "d/rusd-ma.yaml"}
    assert origins(tmp_path / "elsewhere", str(district)) == {
        f"{district}/rusd.yaml",
        f"{district}/rusd-ma.yaml",
    }
    assert origins(tmp_path / "elsewhere", "../d") == {"../d/rusd.yaml", "../d/rusd-ma.yaml"}
