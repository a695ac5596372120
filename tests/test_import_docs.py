"""docs/import.md's examples are real: each ```shell block (commands and what they print, stdout then stderr,
errors included) is rerun in one fresh folder, and the sheet imported as the page says gives the framework
file the page shows (docs/examples/spreadsheet/LAKE.yaml). Its ```console blocks (stdout) are rerun by
tests/readme_examples.py with every docs/*.md."""

from __future__ import annotations

import contextlib
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswalk_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "import.md"
SHELL = re.compile(r"```shell\n(.*?)```", re.DOTALL)


def _commands(block: str) -> list[tuple[str, str]]:
    """(command line, what it prints) for each ``$ crosswalk`` of a block; a line ending in ``\\`` goes on."""
    out: list[tuple[str, str]] = []
    for piece in re.split(r"^\$ ", block.replace("\\\n", ""), flags=re.MULTILINE)[1:]:
        command, _, printed = piece.partition("\n")
        out.append((command, printed))
    return out


def _run(command: str, work: Path) -> str:
    args = shlex.split(command)
    assert args[0] == "crosswalk", command
    with contextlib.chdir(work):
        r = CliRunner().invoke(
            app, args[1:], env={"COLUMNS": "80", "NO_COLOR": "1", "CROSSWALK_DATA_DIR": None}
        )
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.stdout + r.stderr


BLOCKS = SHELL.findall(PAGE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{n}" for n in range(1, len(BLOCKS) + 1)])
def test_the_shell_examples_print_what_the_page_says(block: str, tmp_path: Path) -> None:
    for name in ("docs", "examples"):
        (tmp_path / name).symlink_to(ROOT / name)
    for command, printed in _commands(block):
        assert _run(command, tmp_path) == printed, command


def test_the_page_has_its_examples() -> None:
    commands = [c for block in BLOCKS for c, _ in _commands(block)]
    assert any(c.startswith("crosswalk import csv docs/examples/spreadsheet/lakeside.csv") for c in commands)
    assert any("broken.csv" in c for c in commands) and any("validate" in c for c in commands)


def test_the_sheet_imported_as_the_page_says_is_the_file_it_shows(tmp_path: Path) -> None:
    (tmp_path / "docs").symlink_to(ROOT / "docs")
    (command, _), *_ = _commands(BLOCKS[0])
    _run(command, tmp_path)
    shown = ROOT / "docs" / "examples" / "spreadsheet" / "LAKE.yaml"
    assert (tmp_path / "district" / "LAKE.yaml").read_bytes() == shown.read_bytes()
