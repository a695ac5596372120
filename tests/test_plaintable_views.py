"""The plain table writer (formats/plaintable.py) against rich, on every view the commands draw: the packaged
data and the district example, every item, at widths from 20 to 200. The text must be rich's, byte for
byte; a view the writer leaves to rich is counted, and there must be none among these."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswalk_cli.api import Data
from crosswalk_cli.cli import app
from crosswalk_cli.formats import table
from crosswalk_cli.formats.plaintable import plain_table
from crosswalk_cli.formats.shape import View

from .conftest import ROOT
from .test_assess import team_files

DISTRICT = str(ROOT / "docs" / "examples" / "district")
WIDTHS = (20, 40, 60, 79, 80, 100, 132, 200)


def _commands(tmp_path: Path, data_dir: str | None) -> list[list[str]]:
    """Every command that draws a table, over every item it takes: packaged data, or with ``data_dir``."""
    with Data(data_dir) as data:
        items = {f["id"]: data.items(f["id"]) for f in data.frameworks()}
        crosswalks = data.crosswalks()
        themes = [t["code"] for t in data.themes()]
    ids = {framework: [i["id"] for i in found] for framework, found in items.items()}
    runs: list[list[str]] = []
    for x in crosswalks:
        given = ["--crosswalk", x["id"]]
        runs += [
            ["standard", *ids[x["to"]], *given],
            ["competency", *(i["id"] for i in items[x["from"]] if i["depth"]), *given],  # not a domain
            ["standards", *given],
            ["competencies", *given],
            ["themes", *given],
            ["errata", *given],
            ["coverage", x["id"]],
            ["matrix", *given],
            ["matrix", "--relation", "primary", *given],
        ]
    runs += [["theme", code] for code in themes]
    runs += [["item", *found] for found in ids.values()]
    runs += [["items", framework] for framework in ids]
    runs += [["errata", "--framework", framework] for framework in ids]
    runs += [
        ["search", *words]
        for words in (["data"], ["family", "concerns"], ["equity"], ["culture", "-t", "EI"])
    ]
    runs += [["search", "learning", "--framework", f] for f in ids]
    runs += [
        ["frameworks"],
        ["validate"],
        ["suggest", "MA:1b", "--to", "JFF"],
        ["assess", "report", *team_files(tmp_path)],
    ]
    return [[*run, "--data-dir", data_dir] if data_dir else run for run in runs]


def _views(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[View]:
    """The Views the commands give the table writer, caught on their way in."""
    caught: list[View] = []
    monkeypatch.setattr(table, "write_table", lambda view, out: caught.append(view))
    monkeypatch.delenv("CROSSWALK_DATA_DIR", raising=False)
    runner = CliRunner()
    for run in _commands(tmp_path, None) + _commands(tmp_path, DISTRICT):
        before = len(caught)
        result = runner.invoke(app, run)
        assert result.exit_code in (0, 1) and len(caught) > before, (run, result.output)
    return caught


def test_every_view_is_rich_text_at_every_width(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    views = _views(tmp_path, monkeypatch)
    compared = 0
    for width in WIDTHS:
        monkeypatch.setenv("COLUMNS", str(width))
        for view in views:
            plain = plain_table(view, width)
            assert plain is not None, (view.command, view.title, width)
            assert plain == table.drawn_text(view), (view.command, view.title, width)
            compared += 1
    assert len(views) > 400 and compared == len(views) * len(WIDTHS)
    print(f"{len(views)} views x {len(WIDTHS)} widths = {compared} compared")


# Runs one command line as the console script does, then says on stderr whether rich was imported.
WRAPPER = (
    "import sys\n"
    "from crosswalk_cli.entry import run\n"
    "code = run(sys.argv[1:])\n"
    "sys.stdout.flush()\n"
    "sys.stderr.write('rich imported' if 'rich' in sys.modules else 'no rich')\n"
    "sys.exit(code)\n"
)


def _piped(args: list[str], env: dict[str, str], out: Path) -> tuple[bytes, str]:
    """The command's stdout (written to a file, as ``> out`` would) and whether it imported rich."""
    with out.open("wb") as stdout:
        done = subprocess.run(
            [sys.executable, "-c", WRAPPER, *args], stdout=stdout, stderr=subprocess.PIPE, env=env, check=True
        )
    return out.read_bytes(), done.stderr.decode()


@pytest.mark.parametrize(
    "args, columns",
    [
        (["standard", "1b"], "80"),
        (["standard", "1b", "2a"], "20"),
        (["competency", "VVC.4.c"], "132"),
        (["matrix"], "100"),
        (["item", "RUSD:1.1", "--data-dir", DISTRICT], "60"),
        (["frameworks"], "not a number"),
    ],
)
def test_the_command_to_a_file_writes_rich_text_without_rich(
    tmp_path: Path, args: list[str], columns: str
) -> None:
    """The real command, its stdout a file: rich is not imported, and the text is what rich draws (the
    same run with TTY_COMPATIBLE=0 in the environment, which leaves the view to rich and means 'no
    terminal' to rich)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "CROSSWALK_DATA_DIR")
    }
    env["COLUMNS"] = columns
    plain, plain_said = _piped(args, env, tmp_path / "plain.txt")
    drawn, drawn_said = _piped(args, {**env, "TTY_COMPATIBLE": "0"}, tmp_path / "drawn.txt")
    assert (plain_said, drawn_said) == ("no rich", "rich imported")
    assert plain == drawn and plain.count(b"\n") > 3
