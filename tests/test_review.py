"""`crosswalk suggest --from A --to B --review --out FILE --reviewer NAME`, at the terminal: decisions saved
one by one in a crosswalk file of the data format, resumed, interrupted, locked (the file as data:
test_review_data.py)."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswalk_cli import prompt
from crosswalk_cli.cli import build_app
from crosswalk_cli.loader.crosswalks import read_crosswalk
from crosswalk_cli.model import Crosswalk
from crosswalk_cli.suggest import review as review_module

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
    reviewed it and when (an ISO 8601 time in UTC); a no-match entry says who decided and when."""
    for e in x.entries:
        p = dict(e.provenance)
        assert p["reviewed_by"] == REVIEWER
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", p["reviewed_at"]), p
        if e.no_match:
            assert set(p) == {"reviewed_by", "reviewed_at"} and e.links == ()
            continue
        assert set(p) == {"method", "score", "reviewed_by", "reviewed_at"}
        assert METHOD.fullmatch(p["method"]), p["method"]
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
    # 1.1: accept 1; 1.2: accept 1 and 3; 1.3: a reply that is none (one line, the item is not shown
    # again), then no match; 2.1: skip; 2.2: back to 2.1, accept 2; 2.2: stop
    code, stdout, stderr = run(out, "1\n1 3\n9\nn\ns\nb\n2\nq\n")
    assert (code, stderr) == (0, "")
    assert [int(n) for n in re.findall(r"^(\d+) of 16  BPS:", stdout, re.M)] == [1, 2, 3, 4, 5, 4, 5]
    assert ">   Type 1-3, +ID, n, r, t, s, b or q (? explains each).\n> " in stdout
    assert "(suggestion, score 0.475)" in stdout  # every candidate is called a suggestion
    assert "4 of 16 items decided, 4 links, 1 no match, saved in" in " ".join(stdout.split())

    c11, c12, c21 = candidates("1.1"), candidates("1.2"), candidates("2.1")
    want = [
        ("1.1", c11[0][0], "primary"),
        ("1.2", c12[0][0], "primary"),
        ("1.2", c12[2][0], "additional"),
        ("2.1", c21[1][0], "primary"),
    ]
    final = saved(out)
    assert links_of(final) == want
    assert [(e.source, e.no_match) for e in final.entries] == [
        ("1.1", False), ("1.2", False), ("1.3", True), ("2.1", False)
    ]  # an entry per decided item  # fmt: skip
    assert final.reviewed == ("1.1", "1.2", "1.3", "2.1")
    assert (final.id, final.source, final.target) == ("BPS-MA", "BPS", "MA")
    assert tuple(r.name for r in final.relations) == ("primary", "additional")  # MAPLE's, into MA
    assert final.header.extra["status"] == "draft" and final.reviewers == (REVIEWER,)
    assert final.header.publisher == REVIEWER
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
    code, _, _ = run(out, "1\ns\nn\n")  # 1.1 accepted, 1.2 skipped, 1.3 no match; then the input ends
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
    code, stdout, _ = run(out, "b\nn\nq\n")  # resumes at 2.1; back to 1.3 (index before it), no match
    assert re.findall(r"^\d+ of 16  BPS:(\S+)", stdout, re.M)[:2] == ["2.1", "1.3"]
    assert saved(out).reviewed == ("1.1", "1.2", "1.3")
    # every item decided: the rerun says so and asks nothing
    code, stdout, _ = run(out, "n\n" * 13)
    assert code == 0 and saved(out).reviewed == tuple(BPS_LEAVES)
    assert saved(out).header.extra["status"] == "reviewed"  # every item decided
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
    monkeypatch.setattr(sys, "stdin", Interrupting("1\nn\n1 2\n"))
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
        ("handmade", "not a crosswalk under review (its status is published; a review's is draft"),
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
