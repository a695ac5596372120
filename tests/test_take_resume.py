"""Resuming ``crosswalk assess take``: from open statement to open statement; answered ones only on
purpose (``b``, ``--start N``); and the report's words for its columns and statuses."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from crosswalk_cli.cli import app


def take(out: Path, keys: str, *extra: str) -> str:
    result = CliRunner().invoke(app, ["assess", "take", "--out", str(out), *extra], input=keys)
    assert result.exit_code == 0, result.output
    return result.stdout


def answers_in(path: Path) -> dict[str, str]:
    import yaml

    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))["answers"])


def test_resume_skips_answered_statements(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    take(out, "1\n2\ns\n4\n")  # 1, 2 and 4 answered; 3 skipped; input ends
    assert answers_in(out) == {"VVC.1": "not_yet", "VVC.2": "emerging", "VVC.4": "implementing"}
    shown = take(out, "3\n3\n")  # 3, then the next OPEN statement (5), not the answered 4
    assert "Resuming" in shown and "3 of 21" in shown and "5 of 21" in shown
    assert "4 of 21  (" not in shown
    saved = answers_in(out)
    assert saved["VVC.4"] == "implementing"
    assert saved["VVC.3"] == "developing" and saved["VVC.5"] == "developing"


def test_skip_goes_to_the_next_open_statement(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    take(out, "1\ns\n1\n")  # 1 and 3 answered, 2 skipped
    shown = take(out, "s\n2\n")  # resume at 2; skip leads past the answered 3 to 4
    assert "3 of 21  (" not in shown
    assert answers_in(out) == {"VVC.1": "not_yet", "VVC.3": "not_yet", "VVC.4": "emerging"}


def test_back_steps_to_an_answered_statement(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    take(out, "1\n1\n")
    take(out, "b\n4\n2\n")  # resume at 3; back to the answered 2 and change it; then on to 3
    assert answers_in(out) == {"VVC.1": "not_yet", "VVC.2": "implementing", "VVC.3": "emerging"}


def test_start_steps_through_answered_statements_in_order(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    take(out, "1\n1\n1\n")
    take(out, "2\n2\n", "--start", "1")  # 1 and 2 changed, in order
    assert answers_in(out) == {"VVC.1": "emerging", "VVC.2": "emerging", "VVC.3": "not_yet"}


def test_all_answered_says_so_and_stops(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    take(out, "4\n" * 21)
    shown = take(out, "1\n")  # nothing is asked: the 1 changes nothing
    assert "Every statement is answered" in shown and "--start" in shown
    assert "1 of 21  (" not in shown
    assert set(answers_in(out).values()) == {"implementing"}


def test_report_names_its_columns_and_statuses_for_what_they_hold(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    take(a, "3\n" * 21)
    take(b, "3\n" * 21)
    result = CliRunner().invoke(app, ["assess", "report", str(a), str(b)], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if line.startswith("Competency"))
    assert header.split()[:2] == ["Competency", "Title"]  # the column holds the competencies' titles
    ratings = {"not yet", "emerging", "developing", "implementing"}  # the survey's rating words
    statuses = [line.split("  ")[-1].strip() for line in result.stdout.splitlines() if "(3.0)" in line]
    assert statuses and all(s == "in between (3.0)" for s in statuses)
    assert not any(s.split(" (")[0].lower() in ratings for s in statuses)
    assert "competencies in between" in result.stdout  # the advice says the status's own words
