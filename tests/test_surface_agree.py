"""What one thing reads like does not depend on where it is shown: a suggestion's score as stored (three
decimals) on the review screen, in the file, in `item` and in every format of `suggest`; a suggested item
with its title in a draft's table and CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from .conftest import Invoke
from .test_review import run, saved
from .test_suggest_cli import ok


def test_a_score_reads_the_same_everywhere(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "bps-ma.yaml"
    code, stdout, _ = run(out, "1\nq\n")
    assert code == 0
    [entry] = saved(out).entries
    stored = dict(entry.provenance)["score"]
    assert re.fullmatch(r"\d\.\d{3}", stored)
    assert f"(suggestion, score {stored})" in stdout  # the review screen
    doc = json.loads(ok(invoke, "suggest", "BPS:1.1", "--to", "MA", "--json"))
    first = doc["suggestions"][0]
    assert f"{first['score']:.3f}" == stored
    rows = list(csv.DictReader(io.StringIO(ok(invoke, "suggest", "BPS:1.1", "--to", "MA", "-f", "csv"))))
    assert rows[0]["score"] == stored
    assert f" {stored} " in ok(invoke, "suggest", "BPS:1.1", "--to", "MA")
    md = ok(invoke, "suggest", "BPS:1.1", "--to", "MA", "-f", "markdown")
    assert f"| {stored} |" in md.replace("\\", "")
    drafts = list(
        csv.DictReader(io.StringIO(ok(invoke, "suggest", "--from", "BPS", "--to", "MA", "-f", "csv")))
    )
    assert drafts[0]["score"] == stored


def test_a_draft_names_what_it_suggests(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke, "suggest", "--from", "BPS", "--to", "MA", "-k", "1", "--json"))
    first = doc["items"][0]["suggestions"][0]["item"]
    assert first["title"]
    rows = list(
        csv.DictReader(io.StringIO(ok(invoke, "suggest", "--from", "BPS", "--to", "MA", "-f", "csv")))
    )
    assert (rows[0]["suggested"], rows[0]["suggested_title"]) == (first["id"], first["title"])
    table = ok(invoke, "suggest", "--from", "BPS", "--to", "MA", "-k", "1")
    assert first["title"].split()[0] in table.split(first["id"], 1)[1].split("\n", 1)[1].split("BPS:")[0]
    md = ok(invoke, "suggest", "--from", "BPS", "--to", "MA", "-k", "1", "-f", "markdown")
    assert f"{first['id']}<br>{first['title']}" in md or f"{first['id']} {first['title']}" in md
