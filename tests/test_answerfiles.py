"""Answer files: every problem reported clearly, odd names kept safe, CSV kept as CSV, one status
vocabulary, and the same person never counted twice without a word."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswalk_cli.cli import app

from .conftest import Invoke


def take(out: Path, keys: str, *extra: str, columns: int = 80) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, ["assess", "take", "--out", str(out), *extra], input=keys, env={"COLUMNS": str(columns)}
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def errors(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    assert all(line.startswith("crosswalk: error: ") for line in lines), stderr
    return lines


# --- Problems in answer files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "needle"),
    [
        ("competency,rating\nVVC.1,emerging,\n", "x.csv", "line 2: 3 cells but the header has 2"),
        ("competency,rating,Rating\nVVC.1,emerging,x\n", "x.csv", "line 1: column 'rating' appears twice"),
        (
            "competency,rating\nVVC.1," + "a" * 140_000 + "\n",
            "x.csv",
            "line 2: field larger than field limit",
        ),
        ("competency,rating\nVVC.1,emer\0ging\n", "x.csv", "line 2:"),
        ("", "x.csv", "the file is empty"),
        ("!!map\n", "x.yaml", "YAML tag !!map on text"),
        ("!!seq\n", "x.yaml", "YAML tag !!seq on text"),
        ("--- !!seq []\n", "x.yaml", "expected a mapping with 'answers'"),
        ("!!str hello\n", "x.yaml", "expected a mapping with 'answers'"),
        ("!!binary aGk=\n", "x.yaml", "unsupported YAML tag"),
        ("42\n", "x.yaml", "expected a mapping with 'answers'"),
        ("answers: [VVC.1]\n", "x.yaml", "'answers' must map competency ids to ratings"),
        ("answers:\n  VVC.1: {a: 1}\n", "x.yaml", "the rating for 'VVC.1' must be text"),
        ("respondent: [A]\nanswers: {}\n", "x.yaml", "'respondent' must be text"),
        (b"respondent: \xff\n".decode("latin-1"), "x.yaml", "not UTF-8 (byte 12)"),
    ],
)
def test_bad_files_give_clear_errors(
    invoke: Invoke, tmp_path: Path, content: str, name: str, needle: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("latin-1" if "\xff" in content else "utf-8"))
    result = invoke("assess", "report", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    [line] = errors(result.stderr)
    assert str(path) in line and needle in line


def test_every_problem_gets_a_line(invoke: Invoke, tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    a.write_text(
        "colour: red\nanswers:\n  VVC.9: emerging\n  VVC.1: superb\n  VVC.2: emerging\n  vvc2: not_yet\n",
        encoding="utf-8",
    )
    b = tmp_path / "b.csv"
    b.write_text("competency,rating\nXX.1,emerging\nCB.1,great\nCB.2,1,\n", encoding="utf-8")
    result = invoke("assess", "report", str(a), str(b))
    assert result.exit_code == 1 and result.stdout == ""
    lines = errors(result.stderr)
    expected = [
        "a.yaml:1: unknown field 'colour'",
        "a.yaml: line 3: unknown competency 'VVC.9'",
        "a.yaml: line 4: unknown rating 'superb' for VVC.1",
        "a.yaml: line 6: VVC.2 is answered twice",
        "b.csv: line 4: 3 cells but the header has 2",
    ]
    assert len(lines) == len(expected)
    for line, needle in zip(lines, expected, strict=True):
        assert needle in line, (needle, line)
    # the other CSV problems are reported once its row-shape problem is fixed
    b.write_text("competency,rating\nXX.1,emerging\nCB.1,great\n", encoding="utf-8")
    lines = errors(invoke("assess", "report", str(b)).stderr)
    assert len(lines) == 2 and "unknown competency 'XX.1'" in lines[0] and "'great'" in lines[1]


@pytest.mark.parametrize("given", ["VVC.1", "vvc1", "I.1", "vvc 1", "I-1", "JFF:VVC.1"])
def test_an_answer_names_its_competency_in_any_form(invoke: Invoke, tmp_path: Path, given: str) -> None:
    """Ids resolve through the store's aliases: the code, the numbered form (the domain's numeral), in any
    case and with any separators."""
    path = tmp_path / "a.csv"
    path.write_text(f"competency,rating\n{given},emerging\n", encoding="utf-8")
    result = invoke("assess", "report", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["competencies"][0]["counts"]["emerging"] == 1


@pytest.mark.parametrize(
    "given",
    ["VVC.1.a", "VVC", "1a", "MA:1a", "Create and share a vision to prepare students for the future"],
)
def test_an_answer_names_a_competency_by_id_only(invoke: Invoke, tmp_path: Path, given: str) -> None:
    """An indicator, a domain, a standard indicator or a title is no competency's id."""
    path = tmp_path / "a.csv"
    path.write_text(f"competency,rating\n{given},emerging\n", encoding="utf-8")
    result = invoke("assess", "report", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    assert errors(result.stderr) == [f"crosswalk: error: {path}: line 2: unknown competency '{given}'"]


def test_echoed_values_are_cut(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(f"answers:\n  VVC.1: {'x' * 40_000}\n", encoding="utf-8")
    [line] = errors(invoke("assess", "report", str(path)).stderr)
    assert len(line) < 400 and "xxx…" in line


# --- Names and ids: refused on the way in, escaped on the way out ---------------------------------


@pytest.mark.parametrize(
    "name", ["A\x7fB", "A\x85B", "A\x9bB", "A\ufffeB", "A\uffffB", "A\x1b[2J", "A\nB", "\u202eA"]
)
def test_unsafe_respondent_names_are_refused(tmp_path: Path, name: str) -> None:
    out = tmp_path / "a.yaml"
    code, _, stderr = take(out, "1\n", "--respondent", name)
    assert code == 2
    [line] = errors(stderr)
    assert "--respondent:" in line and "\x1b" not in line and "\x85" not in line
    assert not out.exists()


def test_a_name_with_bytes_that_are_not_utf8_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "crosswalk_cli", "assess", "take", "-o", str(out), "-r", b"Jos\xe9"],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=20,
    )
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "crosswalk: error: --respondent: a byte that is not UTF-8 at position 4; "
        "use letters, digits, spaces and punctuation\n"
    )
    assert not out.exists()


def test_good_names_are_kept_exactly(tmp_path: Path) -> None:
    import yaml

    out = tmp_path / "a.yaml"
    name = 'Zoë "Z" O\'Brien \\ 校长 👩🏽‍🏫'
    assert take(out, "1\n", "--respondent", name)[0] == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["respondent"] == name


def test_a_file_holding_odd_characters_stays_readable(invoke: Invoke, tmp_path: Path) -> None:
    import yaml

    out = tmp_path / "a.yaml"
    out.write_text(
        'respondent: "A\\x85\\uFFFE\\e[2J\\nB\\x7f"\nanswers:\n  VVC.1: emerging\n', encoding="utf-8"
    )
    assert take(out, "2\n")[0] == 0  # resumed and saved again
    saved = out.read_text(encoding="utf-8")
    assert yaml.safe_load(saved)["respondent"] == "A\x85\ufffe\x1b[2J\nB\x7f"
    assert all(ch == "\n" or " " <= ch < "\x7f" or ch > "\x9f" for ch in saved)
    assert "\ufffe" not in saved
    for fmt in ("table", "markdown", "csv", "json"):
        result = invoke("assess", "report", str(out), "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x85" not in result.stdout, fmt
    table = invoke("assess", "report", str(out)).stdout
    assert "(A\\x85\\ufffe\\x1b[2J\\nB\\x7f)" in table
    markdown = invoke("assess", "report", str(out), "--format", "markdown").stdout
    from markdown_it import MarkdownIt

    heading = MarkdownIt().parse(markdown.splitlines()[0])[1].content  # the heading's text as rendered
    expected = "Self-assessment: 1 respondent (A\\x85\\ufffe\\x1b[2J\\nB\\x7f)"
    assert MarkdownIt().renderInline(heading) == expected


def test_a_newline_in_a_name_injects_no_heading(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text('respondent: "A\\n# Injected"\nanswers:\n  VVC.1: emerging\n', encoding="utf-8")
    markdown = invoke("assess", "report", str(path), "--format", "markdown").stdout
    assert not any(line.startswith("# Injected") for line in markdown.splitlines())
    from markdown_it import MarkdownIt

    heading = MarkdownIt().parse(markdown.splitlines()[0])[1].content
    assert "A\\n# Injected" in MarkdownIt().renderInline(heading)


def test_escapes_in_ids_and_file_names_are_shown_escaped(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text('answers:\n  "\\e[2JVVC.1": emerging\n  VVC.2: "\\e]0;x\\a"\n', encoding="utf-8")
    result = invoke("assess", "report", str(path))
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    lines = errors(result.stderr)
    assert "unknown competency '\\x1b[2JVVC.1'" in lines[0]
    assert "unknown rating '\\x1b]0;x\\x07'" in lines[1]
    odd = tmp_path / "b\x1b[2J.yaml"
    odd.write_text("answers:\n  VVC.1: emerging\n", encoding="utf-8")
    result = invoke("assess", "report", str(odd), str(path.with_name("none.yaml")))
    assert "\x1b" not in result.stderr
    good = invoke("assess", "report", str(odd))
    assert good.exit_code == 0 and "\x1b" not in good.stdout and "b\\x1b[2J.yaml" in good.stdout


# --- CSV answer files keep their form ------------------------------------------------------------


def test_resuming_a_csv_keeps_it_csv(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "coach.csv"
    original = '\ufeffCompetency,Rating,Notes\r\nvvc1,Emerging,"talk to, the team"\r\nVVC.2,4,\r\n'
    out.write_bytes(original.encode("utf-8"))
    code, stdout, _ = take(out, "1\n")  # VVC.3: Not Yet
    assert code == 0 and "Resuming" in stdout and "3 of 21 answered" in stdout
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark kept
    text = raw.decode("utf-8-sig")
    assert text.count("\r\n") == 4 and "\n" not in text.replace("\r\n", "")  # line endings kept
    assert list(csv.reader(io.StringIO(text))) == [
        ["Competency", "Rating", "Notes"],
        ["vvc1", "Emerging", "talk to, the team"],  # untouched rows as they were
        ["VVC.2", "4", ""],
        ["VVC.3", "not_yet", ""],
    ]
    code, _, _ = take(out, "3\n", "--start", "1")  # change VVC.1
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[1] == ["vvc1", "developing", "talk to, the team"]
    data = json.loads(invoke("assess", "report", str(out), "--json").stdout)
    assert {c["id"]: c["counts"] for c in data["competencies"] if c["answered"]} == {
        "VVC.1": {"not_yet": 0, "emerging": 0, "developing": 1, "implementing": 0, "dont_know": 0},
        "VVC.2": {"not_yet": 0, "emerging": 0, "developing": 0, "implementing": 1, "dont_know": 0},
        "VVC.3": {"not_yet": 1, "emerging": 0, "developing": 0, "implementing": 0, "dont_know": 0},
    }


def test_a_new_csv_is_csv(tmp_path: Path) -> None:
    out = tmp_path / "new.csv"
    assert take(out, "2\n5\n")[0] == 0
    assert out.read_text(encoding="utf-8") == "competency,rating\nVVC.1,emerging\nVVC.2,dont_know\n"


def test_a_csv_has_no_place_for_a_respondent(tmp_path: Path) -> None:
    out = tmp_path / "coach.csv"
    code, _, stderr = take(out, "1\n", "-r", "Coach")
    assert code == 2 and "has no place for it" in stderr and not out.exists()


# --- The report: one vocabulary, no one counted twice ---------------------------------------------


def team(tmp_path: Path) -> list[str]:
    (tmp_path / "a.yaml").write_text(
        "respondent: A\nanswers:\n  VVC.1: not_yet\n  VVC.2: implementing\n  VVC.3: developing\n"
        "  VVC.4: dont_know\n",
        encoding="utf-8",
    )
    (tmp_path / "b.csv").write_text(
        "competency,rating\nVVC.1,emerging\nVVC.2,4\nVVC.3,implementing\n", encoding="utf-8"
    )
    return [str(tmp_path / "a.yaml"), str(tmp_path / "b.csv")]


def test_json_and_csv_say_the_same_status_and_mean(invoke: Invoke, tmp_path: Path) -> None:
    for files in (team(tmp_path), team(tmp_path)[:1]):
        data = json.loads(invoke("assess", "report", *files, "--json").stdout)
        report = invoke("assess", "report", *files, "--format", "csv").stdout
        rows = [r for r in csv.DictReader(io.StringIO(report)) if r["section"] == "competencies"]
        assert [r["competency"] for r in rows] == [c["id"] for c in data["competencies"]]
        for row, item in zip(rows, data["competencies"], strict=True):
            assert row["status"] == item["status"], item["id"]
            assert row["mean"] == ("" if item["mean"] is None else str(item["mean"]))
        statuses = {c["status"] for c in data["competencies"]}
        assert statuses <= {"growth", "middle", "strength", "unknown", "unanswered"}
    assert statuses == {"growth", "middle", "strength", "unknown", "unanswered"}  # A alone


def test_the_same_file_twice_is_refused(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _ = team(tmp_path)
    (tmp_path / "link.yaml").symlink_to(a)
    monkeypatch.chdir(tmp_path)
    for second in (a, "a.yaml", "./a.yaml", "link.yaml"):
        result = invoke("assess", "report", a, second)
        assert result.exit_code == 2 and result.stdout == ""
        [line] = errors(result.stderr)
        assert "are the same file; give each answers file once" in line


def test_the_same_respondent_twice_is_counted_with_a_warning(invoke: Invoke, tmp_path: Path) -> None:
    a, _ = team(tmp_path)
    copy = tmp_path / "copy.yaml"
    copy.write_text(Path(a).read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke("assess", "report", a, str(copy), "--json")
    assert result.exit_code == 0
    assert result.stderr == f"crosswalk: warning: {a} and {copy} are both from 'A'; both are counted\n"
    assert json.loads(result.stdout)["competencies"][0]["answered"] == 2
