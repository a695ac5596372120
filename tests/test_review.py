"""`crosswalk suggest --from A --to B --review --out FILE --reviewer NAME`, at the terminal: decisions saved
one by one in a crosswalk file of the data format, resumed, interrupted, locked; and the reviewed file as
data, copied alone into a directory of its own as the closing advice says."""

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
from crosswalk_cli.cli import build_app
from crosswalk_cli.loader.crosswalks import read_crosswalk
from crosswalk_cli.model import Crosswalk

from .conftest import Invoke

REVIEWER = "A. Reviewer"
METHOD = re.compile(r"crosswalk suggest \S+, words and neighbours \(TF-IDF, votes of linked items\)")
BPS_LEAVES = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4",
              "4.1", "4.2", "4.3", "4.4", "4.5"]  # fmt: skip


def cli(args: list[str], keys: str = "") -> tuple[int, str, str]:
    result = CliRunner().invoke(build_app(args), args, input=keys)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def run(
    out: Path, keys: str, *extra: str, reviewer: str = REVIEWER, source: str = "BPS"
) -> tuple[int, str, str]:
    args = ["suggest", "--from", source, "--to", "MA", "--review", "--top", "3", "--out", str(out)]
    return cli([*args, "--reviewer", reviewer, *extra], keys)


def saved(path: Path) -> Crosswalk:
    return read_crosswalk(path, path.read_bytes())


def links_of(x: Crosswalk) -> list[tuple[str, str, str]]:
    return [(e.source, k.target, k.relation) for e in x.entries for k in e.links]


def candidates(code: str, *extra: str) -> list[tuple[str, float]]:
    _, stdout, _ = cli(
        ["suggest", code if ":" in code else f"BPS:{code}", "--to", "MA", "--top", "3", "--json", *extra]
    )
    return [(s["item"]["code"], s["score"]) for s in json.loads(stdout)["suggestions"]]


def check_provenance(x: Crosswalk, *extra: str) -> None:
    """Each entry says how it was made: the method, each target's score (in the entry's order), who
    reviewed it and when."""
    today = dt.date.today().isoformat()
    for e in x.entries:
        p = dict(e.provenance)
        assert set(p) == {"method", "score", "reviewed_by", "reviewed_on"}
        assert METHOD.fullmatch(p["method"]), p["method"]
        assert (p["reviewed_by"], p["reviewed_on"]) == (REVIEWER, today)
        scores = [float(s) for s in p["score"].split(", ")]
        ranked = dict(candidates(f"{x.source}:{e.source}", *extra))
        assert [ranked[k.target] for k in e.links] == scores


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
    assert [e.source for e in final.entries] == ["1.1", "1.2", "2.1"]  # an entry per accepted item
    assert final.reviewed == ("1.1", "1.2", "1.3", "2.1")
    assert (final.id, final.source, final.target) == ("BPS-MA", "BPS", "MA")
    assert tuple(r.name for r in final.relations) == ("primary", "additional")  # MAPLE's, into MA
    assert (final.header.extra["status"], final.header.extra["reviewed_by"]) == ("reviewed", REVIEWER)
    check_provenance(final)
    text = out.read_text(encoding="utf-8")
    assert f"- source: '1.2'\n  primary: {c12[0][0]}\n  additional: {c12[2][0]}\n" in text

    # the file was written at the start and after each decision (not after a skip, a back or a stop),
    # and each version is a whole crosswalk file
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
    assert [len(links_of(v)) for v in versions] == [0, 1, 3, 3, 4]
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
    from crosswalk_cli.commands.common import TABLE
    from crosswalk_cli.commands.suggest import suggest

    with pytest.raises(BaseException) as exc:
        suggest(
            ident=None, to="MA", source="BPS", top=3, evaluate=None, review=True, out=out,
            reviewer=REVIEWER, fmt=TABLE, as_json=False, data_dir=None, packaged=True,
        )  # fmt: skip
    assert getattr(exc.value, "exit_code", None) == 130
    kept = saved(out)
    assert kept.reviewed == ("1.1", "1.2", "1.3")
    assert [s for s, _, _ in links_of(kept)] == ["1.1", "1.3", "1.3"]
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
    code, stdout, stderr = cli(["suggest", *args], "1\n")
    assert code == 2 and stdout == ""
    [line] = stderr.splitlines()
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
    code, stdout, _ = run(out, "1\n1 3\nr\nq\n")
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
    assert "Links: 1 " in table and f"primary →   MA:{first} " in table
    assert "BPS-MA: drafted by" in table
    both = ok(invoke, "item", "BPS:1.2", "--data-dir", str(data))
    assert (
        "Links: 2 " in both
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


def ok(invoke: Invoke, *args: str) -> str:
    r = invoke(*args)
    assert (r.exit_code, r.stderr) == (0, ""), r.stderr
    return r.stdout


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
    assert rows[1:] == [
        f'BPS-MA,primary,to,MA:{link_made.target},,1,,"BPS-MA: drafted by {p["method"]}; score {p["score"]}; '
        f'reviewed by {REVIEWER}, {p["reviewed_on"]}"'
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
    assert draft["skipped"] == 0 and len(draft["items"]) == 16
    # the review resumes where it stopped, in the data directory too
    code, stdout, _ = run(data / "bps-ma.yaml", "q\n", "--data-dir", str(data))
    assert code == 0 and re.findall(r"^\d+ of 16  BPS:(\S+)", stdout, re.M) == ["2.1"]


# --- relations: from the data, or from the file ------------------------------------------------------


def test_links_into_a_framework_no_crosswalk_joins_take_the_relations_the_file_names(
    invoke: Invoke, tmp_path: Path
) -> None:
    from .test_suggest_cli import district

    mine = district(tmp_path)
    out = tmp_path / "rusd-ma.yaml"
    args = ["suggest", "--from", "RUSD", "--to", "MA", "--data-dir", str(mine), "--review", "--top", "3"]
    # MA has a crosswalk (MAPLE): its relations, strongest first
    code, stdout, stderr = cli([*args, "--out", str(out), "--reviewer", REVIEWER], "1 2\nq\n")
    assert (code, stderr) == (0, "")
    assert "the first as primary, others as additional" in " ".join(stdout.split())
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
    assert "'relations' (strongest first) and 'status: reviewed', and 'links: []'" in line
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
