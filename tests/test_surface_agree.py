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


# --- ids and names as people type them; words that agree ------------------------------------------------


def test_a_level_word_before_any_answering_code(invoke: Invoke) -> None:
    assert ok(invoke, "standard", "standard 1b").startswith(ok(invoke, "standard", "1b").split("\n")[0])
    assert ok(invoke, "standard", "standard 1").split("\n")[0] == ok(invoke, "standard", "1").split("\n")[0]


def test_a_domain_by_a_word_or_the_start_of_its_name(invoke: Invoke) -> None:
    by_code = {c: ok(invoke, "competencies", "--domain", c, "--json") for c in ("VVC", "PSMV")}
    for given, code in [
        ("vision", "VVC"),
        ("Vision", "VVC"),
        ("vision values and culture", "VVC"),
        ("personal skills", "PSMV"),
    ]:
        assert ok(invoke, "competencies", "--domain", given, "--json") == by_code[code], given
    r = invoke("competencies", "--domain", "nothing like it")
    assert r.exit_code != 0 and len(r.stderr.splitlines()) == 1


def test_a_text_that_goes_on_in_parts_shows_them_in_lists(invoke: Invoke) -> None:
    item = json.loads(ok(invoke, "item", "JFF:VVC.3.a", "--json"))
    assert item["text"].endswith("by:") and item["parts"]
    lines = [f"{p['number']}. {p['text']}" for p in item["parts"]]
    listed = json.loads(ok(invoke, "standard", "1b", "--json"))["competencies"]
    assert next(k for k in listed if k["id"] == "VVC.3.a")["parts"] == item["parts"]
    row = next(r for r in csv.DictReader(io.StringIO(ok(invoke, "standard", "1b", "-f", "csv"))))
    rows = list(csv.DictReader(io.StringIO(ok(invoke, "theme", "LC", "-f", "csv"))))
    for r in (row, *rows):
        assert "parts" in r
    assert next(r for r in rows if r["id"] == "VVC.3.a")["parts"].split("\n") == lines
    wide = invoke("standard", "1b", env={"COLUMNS": "400"}).stdout
    assert all(line in wide for line in lines)
    md = ok(invoke, "standard", "1b", "-f", "markdown").replace("\\", "")
    assert all(line in md for line in lines)
    for args in (("competency", "VVC.3"), ("theme", "LC"), ("competencies", "--domain", "VVC")):
        shown = invoke(*args, env={"COLUMNS": "400"}).stdout
        assert all(line in shown for line in lines), args


def test_counts_agree_with_their_nouns(invoke: Invoke) -> None:
    table = ok(invoke, "frameworks")
    assert "4 standards" in table and "21 indicators" in table and "4 standard\n" not in table
    doc = json.loads(ok(invoke, "frameworks", "--json"))
    assert doc["frameworks"][0]["counts"] == {"standard": 4, "indicator": 21}  # JSON keys: the level names
    help_text = ok(invoke, "assess", "--help")
    assert "..." not in help_text.split("Commands:")[1]


def test_the_review_counts_its_links_in_words(tmp_path: Path) -> None:
    code, stdout, _ = run(tmp_path / "one.yaml", "1\nq\n")
    assert code == 0 and "1 link, 0 no match, saved in" in " ".join(stdout.split())


# --- provenance: in words alike everywhere, and every key carried --------------------------------------


def test_provenance_in_words_reads_the_review_time_either_way() -> None:
    from crosswalk_cli.exchange.export import provenance_words
    from crosswalk_cli.views.common import made

    old = {"method": "crosswalk suggest", "score": "0.475", "reviewed_by": "R", "reviewed_on": "2026-09-15"}
    new = {**old, "reviewed_at": "2026-12-05T10:15:00Z", "rationale": "fits"}
    del new["reviewed_on"]
    assert made(old) == "drafted by crosswalk suggest; score 0.475; reviewed by R, 2026-09-15"
    assert (
        made(new)
        == "drafted by crosswalk suggest; score 0.475; reviewed by R, 2026-12-05T10:15:00Z; why: fits"
    )
    assert provenance_words(new) == made(new) and provenance_words({}) == "" and made({}) == "published"


def test_export_csv_carries_every_provenance_key(invoke: Invoke) -> None:
    from .conftest import ROOT

    district = str(ROOT / "docs" / "examples" / "district")
    r = invoke("export", "csv", "--crosswalk", "RUSD-MA", "--data-dir", district)
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    first = json.loads(rows[0]["provenance"])
    assert first == {k: rows[0][k] for k in first} and set(first) >= {"method", "score", "reviewed_by"}
    published = list(csv.DictReader(io.StringIO(ok(invoke, "export", "csv"))))
    assert {row["provenance"] for row in published} == {""}


def test_one_of_a_kind_is_said_in_the_singular(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(
        "framework:\n  id: ONE\n  title: One item\n  publisher: Me\n  license: CC0 1.0\n  levels: [skill]\n"
        "items:\n- code: A\n  text: The only skill.\n",
        encoding="utf-8",
    )
    assert ok(invoke, "items", "ONE", "--data-dir", str(tmp_path)).startswith("One item (ONE): 1 item\n")
    row = next(x for x in ok(invoke, "frameworks", "--data-dir", str(tmp_path)).splitlines() if "ONE" in x)
    assert " 1 skill " in f"{row} " and "1 skills" not in row
