"""The file `crosswalk suggest --review` writes, as data: copied alone into a directory as its closing
advice says, it loads beside the packaged frameworks, its links drafted, never published; and the
relations its links take, from the data's crosswalks or from the file itself."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from crosswalk_cli.model import Crosswalk

from .conftest import Invoke
from .test_review import REVIEWER, check_provenance, cli, links_of, run, saved
from .test_suggest_cli import district, ok

# --- the reviewed file as data ----------------------------------------------------------------------


def follow_the_advice(stdout: str, tmp_path: Path) -> Path:
    """Do what the review's last line says, word for word: copy FILE into a data directory (a new,
    empty one) for crosswalk's --data-dir."""
    said = " ".join(stdout.split())
    advice = re.search(r"Use it: copy (\S+) into a data directory and run crosswalk with --data-dir\.", said)
    assert advice is not None, said
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(advice.group(1), data)
    return data


@pytest.fixture()
def reviewed_data(tmp_path: Path) -> tuple[Path, Crosswalk]:
    out = tmp_path / "bps-ma.yaml"
    code, stdout, _ = run(out, "1\n1 3\nn\nq\n")
    assert code == 0
    data = follow_the_advice(stdout, tmp_path)
    assert [p.name for p in data.iterdir()] == ["bps-ma.yaml"]  # the reviewed file alone
    return data, saved(out)


def test_the_reviewed_file_alone_is_a_data_directory(
    invoke: Invoke, reviewed_data: tuple[Path, Crosswalk]
) -> None:
    # the packaged frameworks are read beside it: its links show at once, in every page
    data, reviewed = reviewed_data
    [(_, first, _), (_, second, _), (_, third, _)] = links_of(reviewed)
    table = ok(invoke, "item", "BPS:1.1", "--data-dir", str(data))
    assert "Links: 1\n" in table and f"primary →   MA:{first} " in table
    assert "BPS-MA: drafted by" in table
    both = ok(invoke, "item", "BPS:1.2", "--data-dir", str(data))
    assert (
        "Links: 2\n" in both
        and f"primary →      MA:{second} " in both
        and f"additional →   MA:{third} " in both
    )
    frameworks = ok(invoke, "frameworks", "--data-dir", str(data))
    row = next(line for line in frameworks.splitlines() if line.startswith("BPS-MA "))
    assert " BPS    MA   2 primary " in row and row.split()[-1] == "bps-ma.yaml"  # its file, beside packaged
    assert "1 additional" in frameworks
    assert ok(invoke, "item", "BPS:1.1", "--data-dir", str(data), "--json") != ok(
        invoke, "item", "BPS:1.1", "--json"
    )


def test_a_reviewed_link_shows_as_drafted_with_its_provenance(
    invoke: Invoke, reviewed_data: tuple[Path, Crosswalk]
) -> None:
    data, reviewed = reviewed_data
    first = reviewed.entries[0]
    [link_made] = first.links
    assert (first.source, link_made.relation) == ("1.1", "primary")
    doc = json.loads(ok(invoke, "item", "BPS:1.1", "--data-dir", str(data), "--json"))
    assert doc["crosswalks"] == ["BPS-MA"]
    [link] = doc["links"]
    assert (link["crosswalk"], link["relation"], link["direction"]) == ("BPS-MA", "primary", "to")
    assert link["item"]["id"] == f"MA:{link_made.target}"
    assert link["published"] is False
    assert link["provenance"] == dict(first.provenance)
    p = dict(first.provenance)
    rows = ok(invoke, "item", "BPS:1.1", "--data-dir", str(data), "-f", "csv").splitlines()
    assert rows[2:] == [
        f'links,,,,,,,,,,BPS-MA,primary,to,MA:{link_made.target},,1,,"BPS-MA: drafted by {p["method"]}; '
        f'score {p["score"]}; reviewed by {REVIEWER}, {p["reviewed_at"]}",,,'  # no_match's columns: empty
    ]
    md = ok(invoke, "item", "BPS:1.1", "--data-dir", str(data), "-f", "markdown")
    assert f"BPS-MA: drafted by {p['method']}; score {p['score']}" in md.replace("\\", "")
    table = " ".join(ok(invoke, "item", "BPS:1.1", "--data-dir", str(data)).split())
    assert "published" not in table
    assert (
        "Drafted links were suggested by crosswalk and reviewed by a person; no source prints them." in table
    )
    # an item accepted with two candidates: one entry, each target's score in its order
    two = json.loads(ok(invoke, "item", "BPS:1.2", "--data-dir", str(data), "--json"))["links"]
    assert [(k["relation"], k["provenance"]["score"]) for k in two] == [
        ("primary", dict(reviewed.entries[1].provenance)["score"]),
        ("additional", dict(reviewed.entries[1].provenance)["score"]),
    ]
    assert len(two[0]["provenance"]["score"].split(", ")) == 2
    # a rejected item has no link, and says it is covered by a crosswalk
    assert "No link for this item in BPS-MA." in ok(invoke, "item", "BPS:1.3", "--data-dir", str(data))
    # the other end shows it too, marked drafted beside MAPLE's published links
    ma = json.loads(ok(invoke, "item", f"MA:{link_made.target}", "--data-dir", str(data), "--json"))
    mine = [k for k in ma["links"] if k["crosswalk"] == "BPS-MA"]
    assert ("BPS:1.1", False) in [(k["item"]["id"], k["published"]) for k in mine]
    assert all(k["published"] for k in ma["links"] if k["crosswalk"] == "MAPLE")


def test_frameworks_counts_the_drafted_links(invoke: Invoke, reviewed_data: tuple[Path, Crosswalk]) -> None:
    data, _ = reviewed_data
    doc = json.loads(ok(invoke, "frameworks", "--data-dir", str(data), "--json"))
    assert [(c["id"], c["links"], c["drafted"]) for c in doc["crosswalks"]] == [
        ("MAPLE", 457, 0),
        ("BPS-MA", 3, 3),
    ]
    assert doc["crosswalks"][1]["counts"] == {"primary": 2, "additional": 1}
    assert doc["crosswalks"][1]["publisher"] == REVIEWER
    assert doc["crosswalks"][1]["origin"] == str(data / "bps-ma.yaml")


def test_maple_commands_ignore_the_drafted_links(
    invoke: Invoke, reviewed_data: tuple[Path, Crosswalk]
) -> None:
    data, reviewed = reviewed_data
    for target in {t for _, t, _ in links_of(reviewed)}:
        mine = invoke("standard", target, "--data-dir", str(data), "--json")
        packaged = invoke("standard", target, "--json")
        assert mine.exit_code == 0 and mine.stdout == packaged.stdout
        assert "BPS" not in invoke("standard", target, "--data-dir", str(data)).stdout
    csv_mine = invoke("export", "csv", "--data-dir", str(data), "--out", "-").stdout
    assert csv_mine == invoke("export", "csv", "--out", "-").stdout and "BPS" not in csv_mine


def test_suggest_does_not_call_a_drafted_link_published(
    invoke: Invoke, reviewed_data: tuple[Path, Crosswalk]
) -> None:
    # it did: "Published: primary MA:4b (BPS-MA)", and the draft left the reviewed items out as published
    data, _ = reviewed_data
    doc = json.loads(ok(invoke, "suggest", "BPS:1.1", "--to", "MA", "--data-dir", str(data), "--json"))
    assert doc["published"] == []
    assert all(s["published"] is None for s in doc["suggestions"])
    assert "Published:" not in ok(invoke, "suggest", "BPS:1.1", "--to", "MA", "--data-dir", str(data))
    draft = json.loads(
        ok(invoke, "suggest", "--from", "BPS", "--to", "MA", "--data-dir", str(data), "--json")
    )
    # the items decided are not drafted again (they were: issue 21)
    assert draft["skipped"] == 0 and draft["decided"] == 3 and len(draft["items"]) == 13
    assert [i["item"]["code"] for i in draft["items"]][:1] == ["2.1"]
    # the review resumes where it stopped, in the data directory too
    code, stdout, _ = run(data / "bps-ma.yaml", "q\n", "--data-dir", str(data))
    assert code == 0 and re.findall(r"^\d+ of 16  BPS:(\S+)", stdout, re.M) == ["2.1"]


# --- relations: from the data, or from the file ------------------------------------------------------


def test_links_into_a_framework_no_crosswalk_joins_take_the_relations_the_file_names(
    invoke: Invoke, tmp_path: Path
) -> None:
    mine = district(tmp_path)
    out = tmp_path / "rusd-ma.yaml"
    args = ["suggest", "--from", "RUSD", "--to", "MA", "--data-dir", str(mine), "--review", "--top", "3"]
    # MA has a crosswalk (MAPLE): its relations, strongest first
    code, stdout, stderr = cli([*args, "--out", str(out), "--reviewer", REVIEWER], "1 2\nq\n")
    assert (code, stderr) == (0, "")
    assert "MA: primary, additional; the first as primary, others as additional" in " ".join(stdout.split())
    made = saved(out)
    assert [(e.source, [(k.relation) for k in e.links]) for e in made.entries] == [
        ("I.1", ["primary", "additional"])
    ]
    check_provenance(made, "--data-dir", str(mine))

    # into RUSD no crosswalk goes, nor out of it: none says which relations a link takes
    back = tmp_path / "bps-rusd.yaml"
    into = [
        "suggest",
        "--from",
        "BPS",
        "--to",
        "RUSD",
        "--data-dir",
        str(mine),
        "--review",
        "--out",
        str(back),
    ]
    code, stdout, stderr = cli([*into, "--reviewer", REVIEWER], "1\n")
    assert code == 1 and stdout == "" and not back.exists()
    [line] = stderr.splitlines()
    assert line.startswith(f"crosswalk: error: {back}: no crosswalk in the data joins RUSD")
    assert "'relations' (strongest first) and 'status: draft', and 'links: []'" in line
    # the reviewer names them in the file, as the message says; the review takes them
    back.write_text(
        "crosswalk:\n  id: BPS-RUSD\n  title: BPS to RUSD\n  publisher: me\n  license: CC0\n  from: BPS\n"
        "  to: RUSD\n  relations: [aligned, related]\n  status: reviewed\nlinks: []\n",
        encoding="utf-8",
    )
    code, stdout, stderr = cli([*into, "--reviewer", REVIEWER], "2 1\nq\n")
    assert (code, stderr) == (0, "")
    assert "the first as aligned, others as related" in " ".join(stdout.split())
    done = saved(back)
    assert [k.relation for e in done.entries for k in e.links] == ["aligned", "related"]
    assert tuple(r.name for r in done.relations) == ("aligned", "related")
    # and it loads beside the data: BPS:1.1 links into RUSD
    shutil.copy(back, mine)
    doc = json.loads(ok(invoke, "item", "BPS:1.1", "--data-dir", str(mine), "--json"))
    assert [(k["crosswalk"], k["relation"]) for k in doc["links"]] == [
        ("BPS-RUSD", "aligned"),
        ("BPS-RUSD", "related"),
    ]


def test_a_resumed_file_keeps_its_own_relations(tmp_path: Path) -> None:
    out = tmp_path / "bps-ma.yaml"
    run(out, "1\nq\n")
    text = out.read_text(encoding="utf-8")
    out.write_text(
        text.replace("- primary\n  - additional\n", "- close\n  - loose\n").replace("primary:", "close:"),
        encoding="utf-8",
    )
    code, stdout, _ = run(out, "1 2\nq\n")
    assert code == 0 and "the first as close, others as loose" in " ".join(stdout.split())
    assert [k.relation for e in saved(out).entries for k in e.links] == ["close", "close", "loose"]
