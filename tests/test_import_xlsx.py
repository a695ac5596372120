"""`crosswalk import csv BOOK.xlsx`: a workbook read with the optional openpyxl, the same columns and checks
as a CSV file; without openpyxl, one line saying what to install."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest

from crosswalk_cli.datadir import Sources
from crosswalk_cli.loader import load_all

from .conftest import Invoke

openpyxl = pytest.importorskip("openpyxl")


def _book(path: Path, rows: list[list[object]], title: str = "Items", first: str | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    if first is not None:  # another sheet before it
        sheet.title = first
        sheet = book.create_sheet(title)
    else:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _run(invoke: Invoke, book: Path, out: Path, *more: str) -> tuple[int, str]:
    r = invoke("import", "csv", str(book), "--out", str(out), "--id", "W", "--title", "Workbook", *more)
    assert r.stdout == "" and "Traceback" not in r.stderr
    return r.exit_code, r.stderr


def test_a_workbook_becomes_a_framework(invoke: Invoke, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Code", "Parent", "Title", "Text", "Tags"],
        [1, None, "Vision", "Sets a vision.", "Equity"],
        [1.1, 1, None, '=CONCAT("Shares", " it")', None],
        [2, None, "Dated", datetime.datetime(2026, 9, 1), None],
    ]
    book = _book(tmp_path / "b.xlsx", rows, first="Cover")
    code, stderr = _run(invoke, book, tmp_path / "o", "--sheet", "Items")
    assert (code, stderr) == (0, f"crosswalk: wrote {tmp_path / 'o' / 'W.yaml'}\n")
    (f,) = load_all(Sources(tmp_path / "o", packaged=False)).frameworks
    assert [(i.code, i.parent, i.text) for i in f.items] == [
        ("1", None, "Sets a vision."),
        ("1.1", "1", '=CONCAT("Shares", " it")'),  # a formula is its text, never evaluated
        ("2", None, "2026-09-01"),
    ]


def test_the_first_sheet_by_default_and_a_missing_sheet_named(invoke: Invoke, tmp_path: Path) -> None:
    book = _book(tmp_path / "b.xlsx", [["code", "text"], ["A", "a"]], first="Cover")
    code, stderr = _run(invoke, book, tmp_path / "o")
    assert code == 1 and stderr.startswith(
        f"crosswalk: error: {book}: no rows: the first row names the columns"
    )
    code, stderr = _run(invoke, book, tmp_path / "o", "--sheet", "Nope")
    assert (code, stderr) == (1, f"crosswalk: error: {book}: no sheet 'Nope' (the sheets: Cover, Items)\n")
    csv = tmp_path / "s.csv"
    csv.write_text("code,text\nA,a\n", encoding="utf-8")
    code, stderr = _run(invoke, csv, tmp_path / "o", "--sheet", "Items")
    assert (code, stderr) == (
        1,
        f"crosswalk: error: {csv}: --sheet is for an .xlsx workbook; this is a CSV file\n",
    )
    assert not (tmp_path / "o").exists()


def test_a_broken_or_swollen_workbook_is_one_line(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    code, stderr = _run(invoke, broken, tmp_path / "o")
    assert code == 1 and stderr.startswith(
        f"crosswalk: error: {broken}: not an .xlsx workbook openpyxl can read"
    )
    book = _book(tmp_path / "b.xlsx", [["code", "text"], ["A", "a"]])
    monkeypatch.setattr("crosswalk_cli.exchange.tableimport.read.MAX_UNPACKED", 1024)
    code, stderr = _run(invoke, book, tmp_path / "o")
    assert (code, stderr) == (
        1,
        f"crosswalk: error: {book}: unpacks to more than 1,024 bytes; a workbook may hold no more\n",
    )
    assert not (tmp_path / "o").exists()


def test_without_openpyxl_one_line_says_how_to_install_it(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = _book(tmp_path / "b.xlsx", [["code", "text"], ["A", "a"]])
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    code, stderr = _run(invoke, book, tmp_path / "o")
    assert (code, stderr) == (
        2,
        f"crosswalk: error: {book}: reading an .xlsx workbook needs openpyxl: "
        "pip install 'crosswalk-cli[xlsx]'\n",
    )
    assert not (tmp_path / "o").exists()


def test_a_sheet_wider_than_the_limit_is_refused_not_cut(invoke: Invoke, tmp_path: Path) -> None:
    row: list[object] = ["A", "a", *[None] * 70, "far away"]
    book = _book(tmp_path / "b.xlsx", [["code", "text"], row])
    code, stderr = _run(invoke, book, tmp_path / "o")
    assert (code, stderr) == (
        1,
        f"crosswalk: error: {book}: the sheet spans 73 columns; a spreadsheet may have 64\n",
    )
