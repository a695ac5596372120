"""Every CSV the tool writes: CRLF line ends, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswalk_cli.cli import app
from crosswalk_cli.text.csvout import FORMULA_STARTS, safe_cell

from . import hostile
from .conftest import Invoke

CSV_COMMANDS = [
    ["export", "csv"],
    ["standard", "1b", "-f", "csv"],
    ["standard", "1", "-f", "csv"],
    ["standards", "-f", "csv"],
    ["competency", "VVC.3.a", "-f", "csv"],
    ["competencies", "-f", "csv"],
    ["theme", "LC", "-f", "csv"],
    ["themes", "-f", "csv"],
    ["search", "list", "-f", "csv"],
    ["errata", "-f", "csv"],
    ["matrix", "-f", "csv"],
    ["validate", "-f", "csv"],
]


def run(*args: str) -> str:
    """Standard output exactly as written (the runner's .stdout turns CRLF into LF)."""
    result = CliRunner().invoke(app, list(args), env={"CROSSWALK_DATA_DIR": None})
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes.decode("utf-8")


def line_ends(text: str) -> list[str]:
    """The line ends between records (not those inside a quoted cell)."""
    ends, quoted = [], False
    for n, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == "\n" and not quoted:
            ends.append(text[n - 1 : n + 1] if n else char)
    return ends


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def test_safe_cell() -> None:
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_cell(start + "1+1") == "'" + start + "1+1"
    for value in ("", "1", "VVC.3.a", " =1", "'=1", "a=1", "Ensures that", "–dash"):
        assert safe_cell(value) == value


@pytest.mark.parametrize("args", CSV_COMMANDS, ids=lambda a: " ".join(a))
def test_one_line_ending_for_every_csv(args: list[str]) -> None:
    out = run(*args)
    ends = line_ends(out)
    assert out.endswith("\r\n") and set(ends) == {"\r\n"}  # every record ends CRLF (RFC 4180)
    assert len(ends) == len(list(csv.reader(io.StringIO(out, newline=""))))
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells(out))  # true of the shipped data


def test_export_csv_file_has_a_bom_and_crlf(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "crosswalk.csv"
    assert invoke("export", "csv", "--out", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n") == 458
    # What the README tells readers: utf-8-sig reads the file with or without the mark.
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert next(iter(rows[0])) == "entry" and len(rows) == 457


@pytest.mark.parametrize("args", CSV_COMMANDS, ids=lambda a: " ".join(a))
def test_formulas_in_the_data_reach_no_spreadsheet(tmp_path: Path, args: list[str]) -> None:
    data = hostile.hostile_data(tmp_path)
    found = cells(run(*args, "--data-dir", str(data)))
    assert not any(cell.startswith(FORMULA_STARTS) for cell in found)
    dangerous = [hostile.FORMULA, *hostile.FORMULA_CELLS.values()]
    for value in dangerous:  # each shows up guarded, or not at all: never bare
        assert value not in found
    if args[0] in ("export", "standards") or args[:2] == ["standard", "1"]:
        assert "'" + hostile.FORMULA in found
    if args[0] in ("export", "standards"):
        assert all("'" + value in found for value in hostile.FORMULA_CELLS.values())


def test_export_csv_file_with_formulas(invoke: Invoke, tmp_path: Path) -> None:
    data = hostile.hostile_data(tmp_path)
    out = tmp_path / "x.csv"
    assert invoke("export", "csv", "--out", str(out), "--data-dir", str(data)).exit_code == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        names = {row["target_title"] for row in csv.DictReader(f)}  # the title of 1b
    assert "'" + hostile.FORMULA in names and hostile.FORMULA not in names
