"""Arguments holding bytes that are not UTF-8 (Python reads them as lone surrogates): every text
parameter of every command refuses them as bad usage, in one line, before anything is read or written.
They reached SQLite, which raised UnicodeEncodeError: a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from crosswalk_cli.cli import app, build_app

BAD = "a\udcff"  # what Python makes of the argument bytes b"a\xff"
# A valid value for each required argument, so the parameter under test is the one that fails.
REQUIRED = {
    ("standard", "ident"): "1a",
    ("competency", "ident"): "VVC.3",
    ("theme", "code"): "EI",
    ("search", "words"): "data",
    ("item", "ident"): "BPS:2.3",
    ("items", "framework"): "BPS",
    ("assess", "report", "files"): "answers.yaml",
    ("import", "case", "packages"): "package.json",
    ("export", "sqlite", "out"): "out.sqlite",
    ("export", "case", "out"): "case",
    ("import", "case", "out"): "imported",
    ("assess", "take", "out"): "answers.yaml",
    ("suggest", "source"): "BPS",
    ("suggest", "to"): "MA",
}


def _text_parameters() -> Iterator[tuple[list[str], str, list[str]]]:
    """(command path, the parameter's name, the arguments giving it BAD) for every text parameter."""

    def walk(command: object, path: list[str]) -> Iterator[tuple[list[str], str, list[str]]]:
        commands = getattr(command, "commands", None)
        if commands is not None:
            for name, sub in commands.items():
                yield from walk(sub, [*path, name])
            return
        params = getattr(command, "params", [])
        for param in params:
            if type(param.type).__name__ not in ("StringParamType", "Text"):
                continue
            args = []
            for other in params:  # the required arguments, the one under test as BAD
                value = REQUIRED.get((*path, other.name))
                if other is param:
                    args += [BAD] if not other.opts[0].startswith("-") else []
                elif value is not None and other.opts[0].startswith("-"):
                    args += [other.opts[0], value]
                elif value is not None:
                    args.append(value)
            if param.opts[0].startswith("-"):
                args += [param.opts[0], BAD]
            yield path, param.name, args

    yield from walk(typer.main.get_command(build_app()), [])


CASES = list(_text_parameters())


def test_the_sweep_covers_every_command_with_text() -> None:
    commands = {" ".join(path) for path, _, _ in CASES}
    assert {"standard", "competency", "theme", "search", "item", "items", "suggest", "errata"} <= commands
    assert {"matrix", "export case", "export csv", "assess take", "import case", "import csv"} <= commands
    assert len(CASES) >= 25


@pytest.mark.parametrize(("path", "name", "args"), CASES, ids=[f"{' '.join(p)}:{n}" for p, n, _ in CASES])
def test_a_text_argument_that_is_not_utf8_is_bad_usage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: list[str], name: str, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CROSSWALK_DATA_DIR", raising=False)
    result = CliRunner().invoke(app, [*path, *args], input="")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and "not UTF-8" in result.stderr, result.stderr
    assert result.stderr.startswith("crosswalk: error: ") and "\udcff" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_argument_bytes_through_the_console_script(tmp_path: Path) -> None:
    """The bytes as a shell passes them, to a real process."""
    env = {**os.environ, "HOME": str(tmp_path)}
    for command in (["competency", b"\xff"], ["item", b"BPS:\xff"], ["search", b"caf\xe9"]):
        proc = subprocess.run(
            [sys.executable, "-m", "crosswalk_cli", *command], capture_output=True, env=env, timeout=60
        )
        assert proc.returncode == 2, proc
        assert b"Traceback" not in proc.stderr and proc.stderr.count(b"\n") == 1, proc.stderr
        assert b"not UTF-8" in proc.stderr
