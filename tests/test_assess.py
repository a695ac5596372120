"""The self-assessment: its data, taking it at the keyboard, answer files, and the report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswalk_cli.assess import answers, assessment
from crosswalk_cli.assess.survey import load_survey, survey_path
from crosswalk_cli.cli import app
from crosswalk_cli.datadir import sources
from crosswalk_cli.errors import DataError
from crosswalk_cli.loader import load_all
from crosswalk_cli.model import DataSet

from .conftest import CROSSWALK_TEXT, Invoke
from .maple import Maple, maple


@pytest.fixture(scope="module")
def data() -> DataSet:
    return load_all()


@pytest.fixture(scope="module")
def mp(data: DataSet) -> Maple:
    """The packaged MAPLE crosswalk in its own words (tests/maple.py)."""
    return maple(data)


@pytest.fixture(scope="module")
def survey(data: DataSet) -> assessment.SelfAssessment:
    path = survey_path(sources())
    assert path is not None
    return load_survey(path, data)


def take(tmp_path: Path, keys: str, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / "answers.yaml"
    result = CliRunner().invoke(app, ["assess", "take", "--out", str(out), *extra], input=keys)
    return result.exit_code, result.stdout, out


def answers_in(path: Path) -> dict[str, str]:
    import yaml

    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))["answers"])


def test_survey_data(mp: Maple, survey: assessment.SelfAssessment) -> None:
    assert survey.crosswalk == "MAPLE" and survey.title == "Leadership Competencies Self-Assessment"
    assert [s.item for s in survey.statements] == list(mp.competencies)
    assert [s.group for s in survey.statements] == [c.domain for c in mp.competencies.values()]
    assert [s.number for s in survey.statements] == list(range(1, 22))
    assert [r.code for r in survey.ratings] == [
        "not_yet",
        "emerging",
        "developing",
        "implementing",
        "dont_know",
    ]
    assert [g.item for g in survey.groups] == list(mp.domains)
    assert survey.start_with == "VVC" and mp.domains["VVC"].role == "foundational"
    assert len(survey.questions) == 5
    if CROSSWALK_TEXT.exists():
        text = " ".join(CROSSWALK_TEXT.read_text(encoding="utf-8").split())
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
        assess_take(out=out, respondent=None, start=None, data_dir=None, packaged=True)
    assert getattr(exc.value, "exit_code", None) == 130
    assert answers_in(out) == {"VVC.1": "developing", "VVC.2": "developing"}


def test_interruption_during_save_leaves_the_old_file(
    tmp_path: Path, survey: assessment.SelfAssessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "answers.yaml"
    answers.save_answers(path, assessment.Answers("A", None, {"VVC.1": "emerging"}), survey)
    before = path.read_bytes()

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    from crosswalk_cli import fileio

    monkeypatch.setattr(fileio.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        answers.save_answers(path, assessment.Answers("A", None, {"VVC.1": "implementing"}), survey)
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


def test_standards_view_follows_the_alignments(invoke: Invoke, tmp_path: Path, mp: Maple) -> None:
    """Each standard indicator lists the growth areas and strengths linked to it, under the strongest
    relation any of the competency's indicators has to it (an alignment to a whole standard counting for
    each of its indicators), as the printed crosswalk says."""
    data = json.loads(invoke("assess", "report", *team_files(tmp_path), "--json").stdout)
    for focus in data["standards"]:
        sid = focus["id"]
        for group, expected_ids in (("growth", data["growth"]), ("strengths", data["strengths"])):
            expected = {}
            for cid in expected_ids:
                relation = None
                for iid in mp.competencies[cid].indicator_ids:
                    for a in mp.by_competency[iid]:
                        primaries = (
                            mp.standards[a.primary].indicator_ids
                            if a.primary in mp.standards
                            else (a.primary,)
                        )
                        if sid in primaries:
                            relation = "primary"
                        elif sid in a.additional and relation is None:
                            relation = "additional"
                if relation:
                    expected[cid] = relation
            assert {x["competency"]: x["relation"] for x in focus[group]} == expected, (sid, group)
    assert [f["id"] for f in data["standards"]] == list(mp.standard_indicators)
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


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("item: VVC.2\n", "item: VVC.1\n", "competency 'VVC.1' has a second statement (first at line"),
        ("item: VVC.2\n", "item: VVC.9\n", "unknown competency 'VVC.9'"),
        ("item: VVC.2\n", "item: VVC.2.a\n", "'VVC.2.a' is no competency (it is at the indicator level)"),
        ("item: VVC.2\n", "item: 1a\n", "unknown competency '1a'"),  # an item of the target framework
        (
            "- number: 21\n  item: SRS.6\n  text: Leadership uses communication approaches that enables "
            "shared responsibility.\n",
            "",
            "competency 'SRS.6' has no statement",
        ),
        (
            "crosswalk: MAPLE\n",
            "crosswalk: NOPE\n",
            "no crosswalk 'NOPE' in the data (the crosswalks: MAPLE)",
        ),
        ("start_with: VVC\n", "start_with: VVC.1\n", "unknown domain 'VVC.1'"),
        ("- item: PSMV\n", "- item: XX\n", "unknown domain 'XX'"),
        ("- item: PSMV\n", "- item: VVC\n", "domain 'VVC' has a second group (first at line"),
        ("- number: 2\n  item:", "- number: 2\n  competency:", "unknown field 'competency' in a statement"),
    ],
)
def test_survey_file_is_validated(data_copy: Path, old: str, new: str, needle: str) -> None:
    """Every statement names a real item of the crosswalk's source framework, all of one level, each
    item of that level once; the groups and start_with name its top items; the crosswalk is the data's."""
    path = data_copy / "self_assessment.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    src = sources(data_copy, packaged=False)
    assert survey_path(src) == path
    with pytest.raises(DataError) as exc:
        load_survey(path, load_all(src))
    assert needle in str(exc.value) and str(path) in str(exc.value)


def test_a_survey_without_statements_is_refused(data_copy: Path) -> None:
    path = data_copy / "self_assessment.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("statements:\n")] + "statements: []\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_survey(path, load_all(sources(data_copy, packaged=False)))
    assert exc.value.problems == [f"{path}:{text[: text.index('statements:')].count(chr(10)) + 1}: "
                                  "the survey has no statement"]  # fmt: skip


def test_a_broken_survey_is_one_line_per_problem(invoke: Invoke, data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "self_assessment.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("item: CB.3\n", "item: CB.9\n"), encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text("answers:\n  VVC.1: emerging\n", encoding="utf-8")
    for command in (["assess", "report", str(answers)], ["assess", "take", "-o", str(answers)], ["validate"]):
        result = invoke(*command, "--data-dir", str(data_copy))
        assert result.exit_code == 1 and result.stdout == "", command
        assert result.stderr.splitlines() == [
            f"crosswalk: error: {path}:{text[: text.index('item: CB.3')].count(chr(10)) + 1}: "
            "unknown competency 'CB.9'"
        ], command


def test_your_survey_replaces_the_packaged_one(invoke: Invoke, tmp_path: Path) -> None:
    """A data directory's own self_assessment.yaml is the one taken and reported; a directory without one
    uses the packaged survey; --no-packaged without one is one clear line."""
    own = tmp_path / "own"
    own.mkdir()
    packaged = survey_path(sources())
    assert packaged is not None
    text = re.sub(r"(?m)^seal: .*\n", "", packaged.read_text(encoding="utf-8"))  # yours: unsealed
    (own / "self_assessment.yaml").write_text(
        text.replace("prompt: 'At my school:'", "prompt: 'In our district:'"), encoding="utf-8"
    )
    code, stdout, out = take(tmp_path, "1\nq\n", "--data-dir", str(own))
    assert code == 0 and "In our district:" in stdout and "At my school:" not in stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("assess", "report", str(out), "--data-dir", str(empty), "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["competencies"][0]["counts"]["not_yet"] == 1
    result = invoke("assess", "report", str(out), "--data-dir", str(empty), "--no-packaged")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"crosswalk: error: {empty}: no self_assessment.yaml (the survey); leave out --no-packaged to use "
        "the packaged one\n"
    )


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
    texts += [g.introduction for g in survey.groups]
    assert {w for text in texts for w in text.split()} <= words  # no word broken in half
    assert "  1 Not Yet" in result.stdout  # a choice is never split from its number


@pytest.mark.parametrize("columns", [60, 80, 100])
def test_report_never_breaks_a_word(invoke: Invoke, tmp_path: Path, mp: Maple, columns: int) -> None:
    for files in (team_files(tmp_path), team_files(tmp_path)[:1]):
        result = invoke("assess", "report", *files, env={"COLUMNS": str(columns)})
        assert result.exit_code == 0
        assert max(len(line) for line in result.stdout.splitlines()) <= columns
        words = {w.strip(",()") for w in result.stdout.split()}
        titles = {w.strip(",") for c in mp.competencies.values() for w in c.title.split()}
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


# --- Any crosswalk: the survey names it, the report speaks its words -------------------------------

GENERIC = {
    "skills.yaml": """framework:
  id: SK
  title: Skills
  publisher: Test
  license: CC0
  levels:
  - name: area
    grouping: true
  - skill
  - practice
items:
- code: A
  title: Alpha area
  text: The first area.
  items:
  - {code: A.1, title: Plan lessons, text: Plans., items: [{code: A.1.a, text: Plans well.},
                                                           {code: A.1.b, text: Plans often.}]}
  - {code: A.2, title: Teach lessons, text: Teaches., items: [{code: A.2.a, text: Teaches well.}]}
- code: B
  title: Beta area
  text: The second area.
  items:
  - {code: B.1, title: Assess learning, text: Assesses., items: [{code: B.1.a, text: Assesses well.}]}
""",
    "goals.yaml": """framework:
  id: GO
  title: Goals
  publisher: Test
  license: CC0
  levels: [goal, {name: outcome, long: goal outcome}]
items:
- code: G1
  label: One
  title: First goal
  text: First.
  items:
  - {code: G1a, label: 1-a, title: Outcome a, text: a.}
  - {code: G1b, label: 1-b, title: Outcome b, text: b.}
- code: G2
  title: Second goal
  text: Second.
  items:
  - {code: G2a, title: Outcome c, text: c.}
""",
    "sk-go.yaml": """crosswalk:
  id: SKGO
  title: Skills to goals
  publisher: Test
  license: CC0
  from: SK
  to: GO
  relations: [strong, weak]
links:
- {source: A.1.a, strong: G1}
- {source: A.1.b, weak: [G2a]}
- {source: A.2.a, strong: G2a, weak: [G1a]}
- {source: B.1.a, weak: [G1b]}
""",
    "self_assessment.yaml": """crosswalk: SKGO
title: Skills check
source: A test survey
introduction: Rate your skills.
instructions: Choose a rating.
discussion: Talk it over.
prompt: 'In my work:'
start_with: B
ratings:
- {code: low, label: Low, score: 1}
- {code: high, label: High, score: 4}
- {code: unsure, label: Unsure}
groups:
- {item: A, heading: The A area, introduction: About A.}
- {item: B, heading: The B area, introduction: About B.}
statements:
- {number: 1, item: A.1, text: I plan lessons.}
- {number: 2, item: A.2, text: I teach lessons.}
- {number: 3, item: B.1, text: I assess learning.}
questions: [What now?]
""",
}


@pytest.fixture()
def generic(tmp_path: Path) -> Path:
    """A data directory of its own: two small frameworks, a crosswalk with its own relations, a survey."""
    directory = tmp_path / "generic"
    directory.mkdir()
    for name, text in GENERIC.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def test_a_survey_of_any_crosswalk(invoke: Invoke, generic: Path, tmp_path: Path) -> None:
    """The survey's crosswalk, levels, relations and top items come from the data: the report follows
    each statement's item down to its practices and their links, a link to a whole goal counting for each
    of its outcomes, under the strongest relation; its advice starts with the top item `start_with`
    names; ids in answers files resolve by any form the store knows (``a2``)."""
    options = ("--data-dir", str(generic), "--no-packaged")
    code, stdout, out = take(tmp_path, "1\n1\nq\n", *options)
    assert code == 0 and "The A area" in stdout and "In my work:" in stdout and "(A.2)  I teach" in stdout
    assert out.read_text(encoding="utf-8").startswith("# Skills check answers (crosswalk assess take).\n")
    answers = tmp_path / "b.yaml"
    answers.write_text("answers:\n  a2: low\n  B.1: 1\n  A.1: unsure\n", encoding="utf-8")
    data = json.loads(invoke("assess", "report", str(out), str(answers), *options, "--json").stdout)
    assert [(c["id"], c["domain"], c["status"]) for c in data["competencies"]] == [
        ("A.1", "A", "growth"),
        ("A.2", "A", "growth"),
        ("B.1", "B", "growth"),
    ]
    assert [(f["id"], f["growth"]) for f in data["standards"]] == [
        ("G1a", [{"competency": "A.1", "relation": "strong"}, {"competency": "A.2", "relation": "weak"}]),
        ("G1b", [{"competency": "A.1", "relation": "strong"}, {"competency": "B.1", "relation": "weak"}]),
        ("G2a", [{"competency": "A.1", "relation": "weak"}, {"competency": "A.2", "relation": "strong"}]),
    ]
    assert data["priorities"] == [
        {"id": "B.1", "primary": []},  # start_with: B, although A.1 and A.2 score the same
        {"id": "A.1", "primary": ["G1a", "G1b"]},
        {"id": "A.2", "primary": ["G2a"]},
    ]
    table = invoke("assess", "report", str(out), str(answers), *options, env={"COLUMNS": "100"}).stdout
    for words in ("Skill ", "Goal outcome", "meet the goals", "A.1, A.2 (weak)", "1-a Outcome a"):
        assert words in table, words
    for words in ("Growth areas (Low): 3", "Strengths (High): 0", "Unsure: 1 answer"):
        assert words in table, words
    for word in ("Competency", "Standard", "primary", "additional", "I Don't Know"):
        assert word not in table, word
    validate = invoke("validate", *options)
    assert validate.exit_code == 0 and "self-assessment statements" in validate.stdout


def test_a_survey_title_is_one_comment_line(generic: Path, tmp_path: Path) -> None:
    """The title heads the answers files `assess take` writes: its line breaks cannot add YAML to them.
    A character a terminal would act on is refused, in the title as in every text of the survey."""
    path = generic / "self_assessment.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Skills check", 'title: "Skills\\nanswers: {A.1: high}"'))
    code, _, out = take(tmp_path, "1\nq\n", "--data-dir", str(generic), "--no-packaged")
    assert code == 0
    written = out.read_text(encoding="utf-8")
    assert written.splitlines()[0] == "# Skills answers: {A.1: high} answers (crosswalk assess take)."
    assert answers_in(out) == {"A.1": "low"}
    for field in ("title: Skills check", "prompt: 'In my work:'"):
        key = field.split(":")[0]
        path.write_text(text.replace(field, f'{key}: "Skills\\e"'))
        result = CliRunner().invoke(app, ["validate", "--data-dir", str(generic), "--no-packaged"])
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert f"'{key}' of the document holds '\\x1b'" in result.stderr
