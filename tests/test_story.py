"""A district's whole job, end to end, as real processes with scripted replies (issue 21):
a spreadsheet becomes a framework; crosswalk drafts links to the state's standards; two reviewers
decide (a suggestion accepted, a target added by hand, a rationale, an explicit no match); coverage
shows what is missing; the crosswalk goes out as CASE and comes back elsewhere with no --id, with
the same links and provenance, and a second export gives the same bytes; the SQLite export answers
an analyst's questions as the JSON does."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHEET = ROOT / "docs" / "examples" / "spreadsheet" / "lakeside.csv"


class Story:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.env = os.environ | {
            "HOME": str(home),
            "XDG_CACHE_HOME": str(home / "cache"),
            "COLUMNS": "80",
            "NO_COLOR": "1",
        }
        self.env.pop("CROSSWALK_DATA_DIR", None)

    def run(self, *args: str, replies: str = "") -> str:
        done = subprocess.run(
            [sys.executable, "-m", "crosswalk_cli", *args],
            input=replies,
            capture_output=True,
            text=True,
            cwd=self.home,
            env=self.env,
            timeout=120,
        )
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr
        return done.stdout

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json"))


def _links(story: Story, item: str, *where: str) -> list[tuple[str, str, str, bool, dict[str, str]]]:
    page = story.json("item", item, *where)
    return sorted(
        (k["crosswalk"], k["relation"], k["item"]["id"], k["published"], k["provenance"])
        for k in page["links"]
    )


def test_a_district_crosswalk_from_spreadsheet_to_sql(tmp_path: Path) -> None:
    story = Story(tmp_path)
    (tmp_path / "lakeside.csv").write_bytes(SHEET.read_bytes())

    # 1. The spreadsheet becomes a framework beside the packaged ones.
    story.run("import", "csv", "lakeside.csv", "-o", "data", "--id", "LAKE", "--title", "Lakeside practices")
    leaves = [i["id"] for i in story.json("items", "LAKE", "--data-dir", "data")["items"]]
    assert "LAKE:L1.1" in leaves and "LAKE:L2.2" in leaves

    # 2. crosswalk drafts links to the state's standards.
    draft = story.json("suggest", "--from", "LAKE", "--to", "MA", "--data-dir", "data")
    assert draft["items"], draft

    # 3. Two reviewers: the first accepts a suggestion, adds a target no suggestion named, gives a
    # rationale with an accepted suggestion, and stops; the second says no target fits the last item.
    review = ("suggest", "--from", "LAKE", "--to", "MA", "--review", "--top", "3")
    out = ("--out", "data/lake-ma.yaml", "--data-dir", "data")
    first = "1\n+MA:2d\nr Walkthroughs feed the supervision cycle.\n1\nq\n"
    story.run(*review, *out, "--reviewer", "A. Lead", replies=first)
    story.run(*review, *out, "--reviewer", "B. Coach", replies="r Nothing in MA reports to staff.\nn\n")
    here = ("--data-dir", "data")
    header = story.json("frameworks", *here)
    walk = next(c for c in header["crosswalks"] if c["id"] == "LAKE-MA")
    assert walk["from"] == "LAKE" and walk["to"] == "MA"
    added = _links(story, "LAKE:L1.2", *here)
    assert [(r, t, p) for _, r, t, p, _ in added] == [("primary", "MA:2d", False)]
    assert added[0][4]["method"] == "reviewer" and added[0][4]["reviewed_by"] == "A. Lead"
    reasoned = _links(story, "LAKE:L2.1", *here)
    assert reasoned[0][4]["rationale"] == "Walkthroughs feed the supervision cycle."
    assert all(not published for *_, published, _ in reasoned)
    none_fits = story.json("item", "LAKE:L2.2", *here)
    assert none_fits["no_match"] and not none_fits["links"]
    text = (tmp_path / "data" / "lake-ma.yaml").read_text(encoding="utf-8")
    assert "- A. Lead\n  - B. Coach\n" in text and "publisher: A. Lead\n" in text

    # 4. Coverage tells the decided no match from what is missing.
    coverage = story.json("coverage", "LAKE-MA", *here)
    states = {s["item"]["id"]: (s["state"], s["decided_by"], s["rationale"]) for s in coverage["sources"]}
    assert states == {"LAKE:L2.2": ("no match", "B. Coach", "Nothing in MA reports to staff.")}
    assert {t["item"]["id"] for t in coverage["targets"]} >= {"MA:1a"}
    assert "MA:2d" not in {t["item"]["id"] for t in coverage["targets"]}

    # 5-7. Out as CASE, in elsewhere with no --id: the same ids, links and provenance; again the same bytes.
    story.run("export", "case", "-o", "pkg", "--crosswalk", "LAKE-MA", *here)
    packages = sorted(p.name for p in (tmp_path / "pkg").iterdir())
    assert packages == ["LAKE-MA.json", "LAKE.json", "MA.json"]
    story.run("import", "case", *(f"pkg/{p}" for p in packages), "-o", "elsewhere")
    there = ("--data-dir", "elsewhere", "--no-packaged")
    for item in ("LAKE:L1.1", "LAKE:L1.2", "LAKE:L2.1", "LAKE:L2.2"):
        assert _links(story, item, *there) == _links(story, item, *here), item
    assert story.json("item", "LAKE:L2.2", *there)["no_match"]
    again = story.json("coverage", "LAKE-MA", *there)
    assert again["sources"] == coverage["sources"] and again["levels"] == coverage["levels"]
    story.run("export", "case", "-o", "pkg2", "--crosswalk", "LAKE-MA", *there)
    for name in packages:
        assert (tmp_path / "pkg2" / name).read_bytes() == (tmp_path / "pkg" / name).read_bytes(), name

    # 8-9. The analyst's SQLite file answers as the JSON does.
    story.run("export", "sqlite", "-o", "lake.db", *there)
    db = sqlite3.connect(tmp_path / "lake.db")
    try:
        rows = db.execute(
            "SELECT source_code, target_code, relation, method, reviewed_by, rationale FROM links"
            " WHERE crosswalk = 'LAKE-MA' AND target_code IS NOT NULL ORDER BY source_code"
        ).fetchall()
        from_json = []
        for item in ("LAKE:L1.1", "LAKE:L1.2", "LAKE:L2.1"):
            for _, relation, target, _, p in _links(story, item, *here):
                code = item.split(":")[1]
                row = (code, target.split(":")[1], relation, p.get("method"))
                from_json.append((*row, p.get("reviewed_by"), p.get("rationale")))
        assert rows == from_json
        assert db.execute(
            "SELECT s.code, d.reviewed_by, d.rationale FROM decision d JOIN item s ON s.key = d.source"
            " WHERE d.no_match = 1"
        ).fetchall() == [("L2.2", "B. Coach", "Nothing in MA reports to staff.")]
        found = db.execute(
            "SELECT i.framework, i.code FROM item_search JOIN item i ON i.key = item_search.rowid"
            " WHERE item_search MATCH 'families' AND i.framework = 'LAKE'"
        ).fetchall()
        assert found == [("LAKE", "L2.1")]
    finally:
        db.close()
