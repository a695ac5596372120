"""`assess take` and `suggest --review` lock what the file is, not only its name: a second session on
another name of the same file (a hard link) is refused, before and after the first one saved (each
save is a new file renamed into place, which the first session locks before the rename). Killing a
review at any moment loses no decision it reported saved."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from crosswalk_cli import fileio
from crosswalk_cli.cli import app
from crosswalk_cli.loader.crosswalks import read_crosswalk

ANSWERS = "respondent: A\nanswers:\n  VVC.1: emerging\n"
TAKE = "'crosswalk assess take'"
REVIEW = ["suggest", "--from", "BPS", "--to", "MA", "--review", "--top", "3", "--reviewer", "R"]


def take(out: Path, keys: str = "2\n") -> tuple[int, str]:
    result = CliRunner().invoke(app, ["assess", "take", "-o", str(out)], input=keys)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def refused(out: Path) -> None:
    before = out.read_bytes()
    code, stderr = take(out)
    assert code == 1
    assert stderr == (
        f"crosswalk: error: {out}: another {TAKE} is using this file under another name (a link to it); "
        "finish that one first\n"
    )
    assert out.read_bytes() == before


def test_another_name_of_a_file_in_use_is_refused(tmp_path: Path) -> None:
    first, other = tmp_path / "a.yaml", tmp_path / "sub" / "b.yaml"
    other.parent.mkdir()
    first.write_text(ANSWERS, encoding="utf-8")
    os.link(first, other)
    with fileio.exclusive_lock(first, TAKE):
        refused(other)
    assert take(other) == (0, "")  # free again


def test_after_a_save_every_name_of_the_old_and_the_new_file_is_refused(tmp_path: Path) -> None:
    first, old_link, new_link = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    first.write_text(ANSWERS, encoding="utf-8")
    os.link(first, old_link)
    with fileio.exclusive_lock(first, TAKE):
        for n in range(3):  # each save is a new file, renamed over the name
            fileio.write_atomic(first, f"{ANSWERS}  VVC.2: emerging\n# {n}\n".encode())
            new_link.unlink(missing_ok=True)
            os.link(first, new_link)
            refused(new_link)
            refused(old_link)
    assert take(new_link) == (0, "")


def test_a_file_the_session_creates_is_locked_once_it_exists(tmp_path: Path) -> None:
    new, link = tmp_path / "new.yaml", tmp_path / "link.yaml"
    with fileio.exclusive_lock(new, TAKE):
        fileio.write_atomic(new, ANSWERS.encode())
        os.link(new, link)
        refused(link)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "new.yaml"]  # no lock left


def test_two_processes_on_two_names_of_one_file(tmp_path: Path) -> None:
    out, link = tmp_path / "review.yaml", tmp_path / "other-name.yaml"
    env = {**os.environ, "COLUMNS": "80", "HOME": str(tmp_path)}
    first = subprocess.run(
        [sys.executable, "-m", "crosswalk_cli", *REVIEW, "--out", str(out)],
        input="1\nq\n", capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    os.link(out, link)
    holder = subprocess.Popen(
        [sys.executable, "-m", "crosswalk_cli", *REVIEW, "--out", str(out)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().startswith("Resuming"), "the holder did not start"
        second = subprocess.run(
            [sys.executable, "-m", "crosswalk_cli", *REVIEW, "--out", str(link)],
            input="r\nr\nq\n", capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert second.returncode == 1, second
        assert "another 'crosswalk suggest --review' is using this file under another name" in second.stderr
        holder.stdin.write("2\nq\n")
        holder.stdin.close()
        assert holder.wait(timeout=60) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    assert read_crosswalk(out, out.read_bytes()).reviewed == ("1.1", "1.2")


def test_killed_at_any_moment_a_review_loses_no_saved_decision(tmp_path: Path) -> None:
    """Ten kills (SIGKILL) at random moments of a review answering as fast as it reads; after each,
    the file reads back whole and holds every decision an earlier run had saved."""
    out = tmp_path / "review.yaml"
    env = {**os.environ, "COLUMNS": "80", "HOME": str(tmp_path)}
    rng = random.Random(18)
    decided: tuple[str, ...] = ()
    for _ in range(10):
        proc = subprocess.Popen(
            [sys.executable, "-m", "crosswalk_cli", *REVIEW, "--out", str(out)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        assert proc.stdin is not None
        proc.stdin.write(b"1\n" * 16)
        proc.stdin.flush()
        time.sleep(rng.uniform(0.3, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdin.close()
        if out.exists():
            now = read_crosswalk(out, out.read_bytes()).reviewed
            assert now[: len(decided)] == decided
            decided = now
    finished = subprocess.run(
        [sys.executable, "-m", "crosswalk_cli", *REVIEW, "--out", str(out)],
        input="1\n" * 16, capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr
    assert len(read_crosswalk(out, out.read_bytes()).reviewed) == 16
