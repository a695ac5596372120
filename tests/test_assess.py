"""The self-assessment: its data, taking it at the keyboard, answer files, and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswalk_cli import answerfile, assessment
from crosswalk_cli.cli import app
from crosswalk_cli.loader import DataError, load_self_assessment
from crosswalk_cli.model import Crosswalk

from .conftest import SEEDS, Invoke


@pytest.fixture(scope="module")
def survey(cw: Crosswalk) -> assessment.SelfAssessment:
    return load_self_assessment(cw)


def take(tmp_path: Path, keys: str, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / "answers.yaml"
    result = CliRunner().invoke(app, ["assess", "take", "--out", str(out), *extra], input=keys)
    return result.exit_code, result.stdout, out


def answers_in(path: Path) -> dict[str, str]:
    import yaml

    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))["answers"])


def test_survey_data(cw: Crosswalk, survey: assessment.SelfAssessment) -> None:
    assert [s.competency for s in survey.statements] == list(cw.competencies)
    assert [s.number for s in survey.statements] == list(range(1, 22))
    assert [r.code for r in survey.ratings] == [
        "not_yet",
        "emerging",
        "developing",
        "implementing",
        "dont_know",
    ]
    assert [d.domain for d in survey.domains] == list(cw.domains)
    assert len(survey.questions) == 5
    if SEEDS.exists():
        text = " ".join((SEEDS / "000_b9ae63979e673c63.txt").read_text(encoding="utf-8").split())
        for s in survey.statements:
            assert f"{s.number}. {s.text}" in text


def test_take_answer_back_skip_finish(tmp_path: Path) -> None:
    # 1: emerging; 2: emerging, back, developing; 3: skip; 4: not yet; then 5..21 all "implementing"
    keys = "2\n2\nb\n3\ns\n1\n" + "4\n" * 17
    code, out, path = take(tmp_path, keys, "--respondent", "Principal")
    assert code == 0
    assert "1 of 21" in out and "21 of 21" in out
    saved = answers_in(path)
    assert saved["VVC.1"] == "emerging"
    assert saved["VVC.2"] == "developing"
    assert "VVC.3" not in saved
    assert saved["VVC.4"] == "not_yet"
    assert saved["SRS.6"] == "implementing"
    assert len(saved) == 20
    assert "Not answered yet: VVC.3" in out


def test_resume_after_an_interrupted_run(tmp_path: Path) -> None:
    code, _, path = take(tmp_path, "1\n2\n")  # input ends: like a closed terminal
    assert code == 0
    assert answers_in(path) == {"VVC.1": "not_yet", "VVC.2": "emerging"}
    code, out, path = take(tmp_path, "5\nq\n")
    assert "Resuming" in out and "3 of 21" in out
    assert answers_in(path) == {"VVC.1": "not_yet", "VVC.2": "emerging", "VVC.3": "dont_know"}


def test_ctrl_c_keeps_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    class Interrupting(io.StringIO):
        def readline(self, *args: object) -> str:
            line = super().readline()
            if not line:
                raise KeyboardInterrupt
            return line

    out = tmp_path / "answers.yaml"
    monkeypatch.setattr(sys, "stdin", Interrupting("3\n3\n"))
    from crosswalk_cli.commands.assess import assess_take

    with pytest.raises(BaseException) as exc:
        assess_take(out=out, respondent=None, start=None, data_dir=None)
    assert getattr(exc.value, "exit_code", None) == 130
    assert answers_in(out) == {"VVC.1": "developing", "VVC.2": "developing"}


def test_interruption_during_save_leaves_the_old_file(
    tmp_path: Path, survey: assessment.SelfAssessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "answers.yaml"
    answerfile.save_answers(path, assessment.Answers("A", None, {"VVC.1": "emerging"}), survey)
    before = path.read_bytes()

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    from crosswalk_cli import fileio

    monkeypatch.setattr(fileio.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        answerfile.save_answers(path, assessment.Answers("A", None, {"VVC.1": "implementing"}), survey)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]  # no temporary file left behind


def team_files(tmp_path: Path) -> list[str]:
    (tmp_path / "a.yaml").write_text(
        "respondent: A\nanswers:\n  VVC.1: not_yet\n  VVC.2: implementing\n  VVC.3: emerging\n"
        "  CB.1: developing\n  SRS.6: dont_know\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        "respondent: B\nanswers:\n  VVC.1: emerging\n  VVC.2: implementing\n  VVC.3: implementing\n"
        "  CB.1: developing\n  SRS.6: dont_know\n",
        encoding="utf-8",
    )
    (tmp_path / "c.csv").write_text(
        "competency,rating\nVVC.1,Emerging\nVVC.2,4\nVVC.3,not yet\nCB.1,implementing\n", encoding="utf-8"
    )
    return [str(tmp_path / n) for n in ("a.yaml", "b.yaml", "c.csv")]


def test_team_report_matches_hand_computation(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("assess", "report", *team_files(tmp_path), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    by_id = {c["id"]: c for c in data["competencies"]}
    # VVC.1: not_yet(1), emerging(2), emerging(2) -> mean 5/3 = 1.67 -> growth
    assert by_id["VVC.1"]["counts"] == {
        "not_yet": 1,
        "emerging": 2,
        "developing": 0,
        "implementing": 0,
        "dont_know": 0,
    }
    assert by_id["VVC.1"]["mean"] == 1.67 and by_id["VVC.1"]["status"] == "growth"
    # VVC.2: 4, 4, 4 -> 4.0 -> strength
    assert by_id["VVC.2"]["mean"] == 4.0 and by_id["VVC.2"]["status"] == "strength"
    # VVC.3: 2, 4, 1 -> 2.33 -> growth
    assert by_id["VVC.3"]["mean"] == 2.33 and by_id["VVC.3"]["status"] == "growth"
    # CB.1: 3, 3, 4 -> 3.33 -> middle
    assert by_id["CB.1"]["mean"] == 3.33 and by_id["CB.1"]["status"] == "middle"
    # SRS.6: two I Don't Know, nothing rated
    assert by_id["SRS.6"]["dont_know"] == 2 and by_id["SRS.6"]["mean"] is None
    assert by_id["SRS.6"]["status"] == "unknown"
    assert data["growth"] == ["VVC.1", "VVC.3"]
    assert data["strengths"] == ["VVC.2"]
    assert data["dont_know"] == {"SRS.6": 2}
    assert len(data["missing"][team_files(tmp_path)[2]]) == 17
    assert [p["id"] for p in data["priorities"]] == ["VVC.1", "VVC.3"]
    assert data["respondents"] == ["A", "B", team_files(tmp_path)[2]]


def test_standards_view_follows_the_alignments(invoke: Invoke, tmp_path: Path, cw: Crosswalk) -> None:
    data = json.loads(invoke("assess", "report", *team_files(tmp_path), "--json").stdout)
    for focus in data["standards"]:
        sid = focus["id"]
        for group, expected_ids in (("growth", data["growth"]), ("strengths", data["strengths"])):
            expected = {}
            for cid in expected_ids:
                relation = None
                for iid in cw.competencies[cid].indicator_ids:
                    for a in cw.by_competency[iid]:
                        primaries = (
                            cw.standards[a.primary].indicator_ids
                            if a.primary in cw.standards
                            else (a.primary,)
                        )
                        if sid in primaries:
                            relation = "primary"
                        elif sid in a.additional and relation is None:
                            relation = "additional"
                if relation:
                    expected[cid] = relation
            assert {x["competency"]: x["relation"] for x in focus[group]} == expected, (sid, group)
    one_b = next(f for f in data["standards"] if f["id"] == "1b")
    assert {"competency": "VVC.3", "relation": "primary"} in one_b["growth"]  # VVC.3.a is primary for 1b
    assert {"competency": "VVC.1", "relation": "additional"} in one_b["growth"]  # VVC.1.a lists 1b


def test_report_formats(invoke: Invoke, tmp_path: Path) -> None:
    files = team_files(tmp_path)
    table = invoke("assess", "report", *files)
    assert table.exit_code == 0 and "Where to start" in table.stdout
    markdown = invoke("assess", "report", *files, "--format", "markdown")
    assert markdown.stdout.startswith("# Self-assessment: 3 respondents")
    assert "## Where growth areas and strengths meet the standards" in markdown.stdout
    assert "What did you learn about leadership at your school?" in markdown.stdout


@pytest.mark.parametrize(
    ("content", "name", "needle"),
    [
        ("answers:\n  VVC.9: emerging\n", "x.yaml", "unknown competency 'VVC.9'"),
        ("answers:\n  VVC.1: superb\n", "x.yaml", "unknown rating 'superb' for VVC.1"),
        ("answers: [\n", "x.yaml", "YAML syntax error"),
        ("answers:\n  VVC.1: emerging\n  vvc1: not_yet\n", "x.yaml", "VVC.1 is answered twice"),
        ("colour: red\n", "x.yaml", "unknown field 'colour'"),
        ("competency;rating\nVVC.1;emerging\n", "x.csv", "needs the columns competency,rating"),
        ("competency,rating\nVVC.1,great\n", "x.csv", "line 2: unknown rating 'great'"),
    ],
)
def test_bad_answer_files(invoke: Invoke, tmp_path: Path, content: str, name: str, needle: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = invoke("assess", "report", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert str(path) in result.stderr and needle in result.stderr


def test_missing_answers_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("assess", "report", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1 and "nope.yaml: file not found" in result.stderr


def test_take_refuses_a_broken_answers_file(tmp_path: Path) -> None:
    (tmp_path / "answers.yaml").write_text("answers:\n  VVC.1: superb\n", encoding="utf-8")
    code, _, path = take(tmp_path, "1\n")
    assert code == 1
    assert "superb" in path.read_text(encoding="utf-8")  # left as it was


def test_survey_file_is_validated(cw: Crosswalk, data_copy: Path) -> None:
    path = data_copy / "self_assessment.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("competency: VVC.2", "competency: VVC.1"), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_self_assessment(cw, data_copy)
    assert "second statement" in str(exc.value) and "self_assessment.yaml" in str(exc.value)
    path.write_text(text.replace("competency: VVC.2", "competency: VVC.9"), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_self_assessment(cw, data_copy)
    assert "unknown competency 'VVC.9'" in str(exc.value)


# --- At the terminal ----------------------------------------------------------------------------------


def test_take_with_stdin_closed_keeps_answers(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "answers.yaml"
    out.write_text("answers:\n  VVC.1: emerging\n", encoding="utf-8")
    command = f'"{sys.executable}" -m crosswalk_cli assess take -o "{out}" <&-'
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=20)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["crosswalk: error: standard input is closed"]
    assert answers_in(out) == {"VVC.1": "emerging"}  # the answers given before are kept


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_take_wraps_to_the_terminal(
    tmp_path: Path, survey: assessment.SelfAssessment, columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a file name longer than the line would stay whole, over the width
    result = CliRunner().invoke(
        app, ["assess", "take", "-o", "a.yaml"], input="4\n" * 21, env={"COLUMNS": str(columns)}
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line for line in lines if len(line) > columns] == []
    words = set(result.stdout.split())
    texts = [survey.introduction, survey.instructions, *(s.text for s in survey.statements)]
    texts += [d.introduction for d in survey.domains]
    assert {w for text in texts for w in text.split()} <= words  # no word broken in half
    assert "  1 Not Yet" in result.stdout  # a choice is never split from its number


@pytest.mark.parametrize("columns", [60, 80, 100])
def test_report_never_breaks_a_word(invoke: Invoke, tmp_path: Path, cw: Crosswalk, columns: int) -> None:
    for files in (team_files(tmp_path), team_files(tmp_path)[:1]):
        result = invoke("assess", "report", *files, env={"COLUMNS": str(columns)})
        assert result.exit_code == 0
        assert max(len(line) for line in result.stdout.splitlines()) <= columns
        words = {w.strip(",()") for w in result.stdout.split()}
        titles = {w.strip(",") for c in cw.competencies.values() for w in c.title.split()}
        labels = {"Implementing", "Emerging", "Developing", "answered", "growth", "strength"}
        assert titles | labels <= words, sorted((titles | labels) - words)


def test_a_save_that_fails_is_said_to_be_unsaved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    from crosswalk_cli import fileio

    out = tmp_path / "answers.yaml"
    real_write = os.write
    writes = {"n": 0}

    def full_after_two_answers(fd: int, data: bytes) -> int:
        writes["n"] += 1
        if writes["n"] > 3:  # the empty file, then two answers
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(fileio.os, "write", full_after_two_answers)
    result = CliRunner().invoke(app, ["assess", "take", "-o", str(out)], input="1\n2\n3\n4\n")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "3 (VVC.3) was NOT saved; 2 of 21 answers are saved in" in result.stderr
    assert answers_in(out) == {"VVC.1": "not_yet", "VVC.2": "emerging"}


def test_a_save_failure_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from crosswalk_cli import fileio

    out = tmp_path / "answers.yaml"
    out.write_text("answers:\n  VVC.1: emerging\n", encoding="utf-8")

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, "write", full)
    result = CliRunner().invoke(app, ["assess", "take", "-o", str(out)], input="3\n")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [
        f"crosswalk: error: {out}: cannot write: no space left on the device",
        f"crosswalk: error: the answer to 2 (VVC.2) was NOT saved; 1 of 21 answers are saved in {out}",
    ]
    assert answers_in(out) == {"VVC.1": "emerging"}
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]  # no temporary or lock file left


def test_take_to_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["assess", "take", "-o", str(tmp_path / "missing" / "dir" / "x.yaml")])
    assert result.exit_code == 1 and not isinstance(result.exception, AttributeError)
    assert result.stderr == (
        f"crosswalk: error: {tmp_path / 'missing' / 'dir' / 'x.yaml'}: cannot write: "
        f"the folder {tmp_path / 'missing' / 'dir'} does not exist\n"
    )
    assert result.stdout == ""
