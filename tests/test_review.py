"""`crosswalk suggest --from A --to B --review --out FILE --reviewer NAME`, at the terminal: decisions saved
one by one in a generic crosswalk file, resumed, interrupted, locked; and the reviewed file as data."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswalk_cli import prompt
from crosswalk_cli import review as review_module
from crosswalk_cli.cli import app
from crosswalk_cli.loader.generic import read_crosswalk
from crosswalk_cli.model_items import LinkCrosswalk

from .conftest import Invoke, unsealed_copy

REVIEWER = "A. Reviewer"
METHOD = re.compile(r"crosswalk suggest \S+, words and neighbours \(TF-IDF, votes of linked items\)")
BPS_LEAVES = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4",
              "4.1", "4.2", "4.3", "4.4", "4.5"]  # fmt: skip


def run(out: Path, keys: str, *extra: str, reviewer: str = REVIEWER) -> tuple[int, str, str]:
    args = ["suggest", "--from", "BPS", "--to", "MA", "--review", "--top", "3", "--out", str(out)]
    result = CliRunner().invoke(app, [*args, "--reviewer", reviewer, *extra], input=keys)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def saved(path: Path) -> LinkCrosswalk:
    return read_crosswalk(path, path.read_bytes())


def links_of(cw: LinkCrosswalk) -> list[tuple[str, str, str]]:
    return [(k.source, k.target, k.relation) for k in cw.links]


def candidates(code: str) -> list[tuple[str, float]]:
    r = CliRunner().invoke(app, ["suggest", f"BPS:{code}", "--to", "MA", "--top", "3", "--json"])
    return [(s["item"]["code"], s["score"]) for s in json.loads(r.stdout)["suggestions"]]


def check_provenance(cw: LinkCrosswalk) -> None:
    today = dt.date.today().isoformat()
    for k in cw.links:
        p = dict(k.provenance)
        assert set(p) == {"method", "score", "reviewed_by", "reviewed_on"}
        assert METHOD.fullmatch(p["method"]), p["method"]
        assert (p["reviewed_by"], p["reviewed_on"]) == (REVIEWER, today)
        assert dict(candidates(k.source))[k.target] == float(p["score"])


def test_answer_reject_skip_back_quit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "bps-ma.yaml"
    written: list[bytes] = []
    real = review_module.write_atomic

    def recording(path: Path, data: bytes) -> Path:
        written.append(data)
        return real(path, data)

    monkeypatch.setattr(review_module, "write_atomic", recording)
    # 1.1: accept 1; 1.2: accept 1 and 3; 1.3: a reply that is none, then reject all; 2.1: skip;
    # 2.2: back to 2.1, accept 2; 2.2: stop
    code, stdout, stderr = run(out, "1\n1 3\n9\nr\ns\nb\n2\nq\n")
    assert (code, stderr) == (0, "")
    assert [int(n) for n in re.findall(r"^(\d+) of 16  BPS:", stdout, re.M)] == [1, 2, 3, 3, 4, 5, 4, 5]
    assert "Type 1-3 (or several), r, s, b or q." in stdout
    assert "(suggestion, score 0.47)" in stdout  # every candidate is called a suggestion
    assert "4 of 16 items decided, 4 links, saved in" in stdout

    c11, c12, c21 = candidates("1.1"), candidates("1.2"), candidates("2.1")
    want = [
        ("1.1", c11[0][0], "primary"),
        ("1.2", c12[0][0], "primary"),
        ("1.2", c12[2][0], "additional"),
        ("2.1", c21[1][0], "primary"),
    ]
    final = saved(out)
    assert links_of(final) == want
    assert final.reviewed == ("1.1", "1.2", "1.3", "2.1")
    assert (final.info.id, final.info.extra["from"], final.info.extra["to"]) == ("BPS-MA", "BPS", "MA")
    assert final.info.relations == ("primary", "additional")
    assert (final.info.extra["status"], final.info.extra["reviewed_by"]) == ("reviewed", REVIEWER)
    check_provenance(final)

    # the file was written at the start and after each decision (not after a skip, a back or a stop),
    # and each version is a whole generic crosswalk file
    assert len(written) == 5
    versions = []
    for n, data in enumerate(written):
        (tmp_path / f"v{n}.yaml").write_bytes(data)
        versions.append(saved(tmp_path / f"v{n}.yaml"))
    assert [v.reviewed for v in versions] == [
        (),
        ("1.1",),
        ("1.1", "1.2"),
        ("1.1", "1.2", "1.3"),
        final.reviewed,
    ]
    assert [len(v.links) for v in versions] == [0, 1, 3, 3, 4]
    assert all(not p.name.startswith(".") for p in tmp_path.iterdir())  # the lock file is gone


def test_a_rerun_resumes_at_the_first_undecided_item(tmp_path: Path) -> None:
    out = tmp_path / "bps-ma.yaml"
    code, _, _ = run(out, "1\ns\nr\n")  # 1.1 accepted, 1.2 skipped, 1.3 rejected; then the input ends
    assert code == 0 and saved(out).reviewed == ("1.1", "1.3")
    code, stdout, _ = run(out, "2\nq\n")
    assert code == 0
    assert f"Resuming {out}: 2 of 16 items decided." in " ".join(stdout.split())
    assert re.findall(r"^(\d+ of 16  BPS:\S+)", stdout, re.M)[0] == "2 of 16  BPS:1.2"
    again = saved(out)
    assert again.reviewed == ("1.1", "1.3", "1.2")
    assert links_of(again) == [
        ("1.1", candidates("1.1")[0][0], "primary"),
        ("1.2", candidates("1.2")[1][0], "primary"),
    ]
    # a decision taken again replaces the first one
    code, stdout, _ = run(out, "b\nr\nq\n")  # resumes at 2.1; back to 1.3 (index before it), reject
    assert re.findall(r"^\d+ of 16  BPS:(\S+)", stdout, re.M)[:2] == ["2.1", "1.3"]
    assert saved(out).reviewed == ("1.1", "1.2", "1.3")
    # every item decided: the rerun says so and asks nothing
    code, stdout, _ = run(out, "r\n" * 13)
    assert code == 0 and saved(out).reviewed == tuple(BPS_LEAVES)
    code, stdout, _ = run(out, "")
    assert code == 0 and "16 of 16 items decided" in stdout and "> " not in stdout


def test_ctrl_c_keeps_every_decision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Interrupting(io.StringIO):
        def readline(self, *args: object) -> str:
            line = super().readline()
            if not line:
                raise KeyboardInterrupt
            return line

    out = tmp_path / "bps-ma.yaml"
    monkeypatch.setattr(sys, "stdin", Interrupting("1\nr\n1 2\n"))
    from crosswalk_cli.commands.common import Format
    from crosswalk_cli.commands.suggest import suggest

    with pytest.raises(BaseException) as exc:
        suggest(
            ident=None, to="MA", source="BPS", top=3, evaluate=None, review=True, out=out,
            reviewer=REVIEWER, fmt=Format.table, as_json=False, data_dir=None,
        )  # fmt: skip
    assert getattr(exc.value, "exit_code", None) == 130
    kept = saved(out)
    assert kept.reviewed == ("1.1", "1.2", "1.3")
    assert [k.source for k in kept.links] == ["1.1", "1.3", "1.3"]
    check_provenance(kept)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bps-ma.yaml"]  # no lock or temporary file left


def test_ctrl_c_through_the_cli_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = iter(["1\n"])

    def read_line() -> str:
        for line in calls:
            return line
        raise KeyboardInterrupt

    monkeypatch.setattr(prompt, "_read_line", read_line)
    out = tmp_path / "bps-ma.yaml"
    code, stdout, _ = run(out, "")
    assert code == 130
    assert f"Stopped. 1 of 16 decisions are saved in {out}." in " ".join(stdout.split())
    assert saved(out).reviewed == ("1.1",)


def test_a_locked_file_is_refused(tmp_path: Path) -> None:
    from crosswalk_cli.fileio import exclusive_lock

    out = tmp_path / "bps-ma.yaml"
    run(out, "1\n")
    before = out.read_bytes()
    with exclusive_lock(out, "'crosswalk suggest --review'"):
        code, stdout, stderr = run(out, "r\nr\n")
    assert code == 1 and stdout == ""
    assert stderr.splitlines() == [
        f"crosswalk: error: {out}: another 'crosswalk suggest --review' is using it "
        f"(it holds {tmp_path / '.bps-ma.yaml.lock'}); finish that one first"
    ]
    assert out.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--from", "BPS", "--to", "MA", "--review", "--reviewer", "R"], "Invalid value for --out"),
        (["--from", "BPS", "--to", "MA", "--review", "--out", "F"], "Invalid value for --reviewer"),
        (
            ["--from", "BPS", "--to", "MA", "--review", "--out", "F", "--reviewer", "  "],
            "Invalid value for --reviewer",
        ),
        (
            ["--from", "BPS", "--to", "MA", "--review", "--out", "F", "--reviewer", "a\x1b[2Jb"],
            "'\\x1b' at position 2",
        ),
        (["--from", "BPS", "--to", "MA", "--review", "--out", "-", "--reviewer", "R"], "not '-'"),
        (["BPS:1.1", "--to", "MA", "--review", "--out", "F", "--reviewer", "R"], "give --from, not an ID"),
        (["--to", "MA", "--review", "--out", "F", "--reviewer", "R"], "give --from, not an ID"),
        (["--from", "BPS", "--review", "--out", "F", "--reviewer", "R"], "Invalid value for --to"),
    ],
)
def test_options_refused_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], needle: str
) -> None:
    # a blank or unsafe reviewer and '--out -' used to be taken (a file named '-' was written)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["suggest", *args], input="1\n")
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("crosswalk: error: ") and needle in line
    assert list(tmp_path.iterdir()) == []


HANDMADE = """\
# our own crosswalk, agreed in committee
crosswalk:
  id: BOS-MA
  title: Boston to Massachusetts
  publisher: Boston Public Schools
  license: CC BY 4.0
  from: BPS
  to: MA
  relations: [primary, additional]
  status: published
links:
- source: '1.1'
  target: 4b
  relation: primary
  note: agreed in committee
"""


@pytest.mark.parametrize(
    ("what", "needle"),
    [
        ("handmade", "not a file 'crosswalk suggest --review' wrote (its link 1 was not drafted"),
        ("other ends", "it reviews MA to JFF, not BPS to MA"),
        ("folder", "is a folder, not a regular file"),
        ("fifo", "is a FIFO (named pipe), not a regular file"),
        ("not yaml", "YAML syntax error"),
    ],
)
def test_an_out_file_review_did_not_write_is_left_alone(tmp_path: Path, what: str, needle: str) -> None:
    # a hand-made crosswalk with the same ends used to be rewritten as a review file, losing its header
    out = tmp_path / "out.yaml"
    if what == "handmade":
        out.write_text(HANDMADE, encoding="utf-8")
    elif what == "other ends":
        out.write_text(
            HANDMADE.replace("from: BPS", "from: MA").replace("to: MA", "to: JFF"), encoding="utf-8"
        )
    elif what == "folder":
        out.mkdir()
    elif what == "fifo":
        os.mkfifo(out)
    else:
        out.write_text("links: [\n", encoding="utf-8")
    before = out.read_bytes() if out.is_file() else None
    code, stdout, stderr = run(out, "1\n")
    assert code == 1 and stdout == ""
    [line] = stderr.splitlines()
    assert line.startswith(f"crosswalk: error: {out}") and needle in line
    assert (out.read_bytes() if out.is_file() else None) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]


# --- the reviewed file as data ----------------------------------------------------------------------


@pytest.fixture()
def reviewed_data(tmp_path: Path) -> tuple[Path, LinkCrosswalk]:
    out = tmp_path / "bps-ma.yaml"
    code, _, _ = run(out, "1\n1 3\nr\nq\n")
    assert code == 0
    data = unsealed_copy(tmp_path / "data")
    shutil.copy(out, data / "bps-ma.yaml")
    return data, saved(out)


def test_a_reviewed_link_shows_as_drafted_with_its_provenance(
    invoke: Invoke, reviewed_data: tuple[Path, LinkCrosswalk]
) -> None:
    data, reviewed = reviewed_data
    first = reviewed.links[0]
    assert (first.source, first.relation) == ("1.1", "primary")
    r = invoke("item", "BPS:1.1", "--data-dir", str(data), "--json")
    assert r.exit_code == 0 and r.stderr == ""
    doc = json.loads(r.stdout)
    assert doc["crosswalks"] == ["BPS-MA"]
    [link] = doc["links"]
    assert (link["crosswalk"], link["relation"], link["direction"]) == ("BPS-MA", "primary", "to")
    assert link["item"]["id"] == f"MA:{first.target}"
    assert link["published"] is False
    assert link["provenance"] == dict(first.provenance)
    p = dict(first.provenance)
    rows = invoke("item", "BPS:1.1", "--data-dir", str(data), "-f", "csv").stdout.splitlines()
    assert rows[1:] == [
        f'BPS-MA,primary,to,MA:{first.target},1,"BPS-MA: drafted by {p["method"]}; score {p["score"]}; '
        f'reviewed by {REVIEWER}, {p["reviewed_on"]}"'
    ]
    md = invoke("item", "BPS:1.1", "--data-dir", str(data), "-f", "markdown").stdout
    assert f"BPS-MA: drafted by {p['method']}; score {p['score']}" in md.replace("\\", "")
    table = " ".join(invoke("item", "BPS:1.1", "--data-dir", str(data)).stdout.split())
    assert "published" not in table
    assert (
        "Drafted links were suggested by crosswalk and reviewed by a person; no source prints them." in table
    )
    # a rejected item has no link, and says it is covered by a crosswalk
    assert "No link for this item in BPS-MA." in invoke("item", "BPS:1.3", "--data-dir", str(data)).stdout
    # the other end shows it too, marked drafted beside MAPLE's published links
    ma = json.loads(invoke("item", f"MA:{first.target}", "--data-dir", str(data), "--json").stdout)
    mine = [k for k in ma["links"] if k["crosswalk"] == "BPS-MA"]
    assert [(k["item"]["id"], k["published"]) for k in mine] == [("BPS:1.1", False)]
    assert all(k["published"] for k in ma["links"] if k["crosswalk"] == "MAPLE")


def test_frameworks_counts_the_drafted_links(
    invoke: Invoke, reviewed_data: tuple[Path, LinkCrosswalk]
) -> None:
    data, _ = reviewed_data
    doc = json.loads(invoke("frameworks", "--data-dir", str(data), "--json").stdout)
    assert [(c["id"], c["links"], c["drafted"]) for c in doc["crosswalks"]] == [
        ("MAPLE", 457, 0),
        ("BPS-MA", 3, 3),
    ]
    assert doc["crosswalks"][1]["counts"] == {"primary": 2, "additional": 1}
    assert doc["crosswalks"][1]["publisher"] == REVIEWER


def test_maple_commands_ignore_the_drafted_links(
    invoke: Invoke, reviewed_data: tuple[Path, LinkCrosswalk]
) -> None:
    data, reviewed = reviewed_data
    for target in {k.target for k in reviewed.links}:
        mine = invoke("standard", target, "--data-dir", str(data), "--json")
        packaged = invoke("standard", target, "--json")
        assert mine.exit_code == 0 and mine.stdout == packaged.stdout
        assert "BPS" not in invoke("standard", target, "--data-dir", str(data)).stdout
    csv_mine = invoke("export", "csv", "--data-dir", str(data), "--out", "-").stdout
    assert csv_mine == invoke("export", "csv", "--out", "-").stdout and "BPS" not in csv_mine


def test_suggest_does_not_call_a_drafted_link_published(
    invoke: Invoke, reviewed_data: tuple[Path, LinkCrosswalk]
) -> None:
    # it did: "Published: primary MA:4b (BPS-MA)", and the draft left the reviewed items out as published
    data, _ = reviewed_data
    doc = json.loads(invoke("suggest", "BPS:1.1", "--to", "MA", "--data-dir", str(data), "--json").stdout)
    assert doc["published"] == []
    assert all(s["published"] is None for s in doc["suggestions"])
    assert "Published:" not in invoke("suggest", "BPS:1.1", "--to", "MA", "--data-dir", str(data)).stdout
    draft = json.loads(
        invoke("suggest", "--from", "BPS", "--to", "MA", "--data-dir", str(data), "--json").stdout
    )
    assert draft["skipped"] == 0 and len(draft["items"]) == 16
    # the review resumes where it stopped, in the data directory too
    code, stdout, _ = run(data / "bps-ma.yaml", "q\n", "--data-dir", str(data))
    assert code == 0 and re.findall(r"^\d+ of 16  BPS:(\S+)", stdout, re.M) == ["2.1"]
