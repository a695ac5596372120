"""A spreadsheet's cells as text: a CSV file (comma, semicolon or tab separated, UTF-8 with or without a
byte-order mark) or, with the optional openpyxl, an .xlsx workbook's first sheet (or the one named).

Within stated limits, each refused with one line naming the file: a regular file (no folder, FIFO or
device: never waited on) of at most MAX_BYTES, an .xlsx whose parts unpack to at most MAX_UNPACKED
bytes, at most MAX_ROWS rows of at most MAX_COLUMNS columns, a cell of at most MAX_CELL characters. A
cell is text as written: one that starts with ``=``, ``+``, ``-`` or ``@`` is not a formula here, and a
workbook's formula comes as its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...errors import CrosswalkError, DataError, ExitStatus
from ...fileio import shown

MAX_BYTES = 16 * 1024 * 1024
MAX_UNPACKED = 256 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 64
MAX_CELL = 100_000
_ZIP = b"PK\x03\x04"
INSTALL = "pip install 'crosswalk-cli[xlsx]'"


class NeedsOpenpyxl(CrosswalkError):
    """An .xlsx workbook given where openpyxl is not installed: what to install (bad usage)."""

    exit_code = ExitStatus.USAGE


@dataclass(frozen=True)
class Table:
    """The header row's names and each further row's cells (as many as names), with its row number as
    a spreadsheet counts it (the header is row 1; a blank row is skipped but counted)."""

    path: Path
    names: list[str]
    rows: list[tuple[int, list[str]]]


def _fail(path: Path, message: str) -> DataError:
    return DataError([f"{shown(path)}: {message}"])


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The table the file holds (a workbook by its content, not its name)."""
    from ...fileio import read_regular

    raw = read_regular(path, MAX_BYTES, "a spreadsheet")
    if raw is None:
        raise _fail(path, "file not found")
    if raw.startswith(_ZIP):
        cells = _workbook(path, raw, sheet)
    elif sheet is not None:
        raise _fail(path, "--sheet is for an .xlsx workbook; this is a CSV file")
    else:
        cells = _csv(path, raw)
    return _table(path, cells)


def _csv(path: Path, raw: bytes) -> list[tuple[int, list[str]]]:
    import csv
    import io

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise _fail(
            path, f"line {line}: not UTF-8 (byte {exc.start}); save the sheet as 'CSV UTF-8'"
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # the header's own separator; a comma where it has none
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, row in enumerate(reader, 1):
            if number > MAX_ROWS + 1:
                raise _fail(path, f"more than {MAX_ROWS:,} rows; a spreadsheet may hold no more")
            rows.append((number, row))
    except csv.Error as exc:
        raise _fail(path, f"row {number + 1}: not CSV: {exc}") from None
    return rows


def _cell(value: object) -> str:
    """A workbook cell's value as text: a whole number without '.0', a date as YYYY-MM-DD."""
    import datetime

    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _workbook(path: Path, raw: bytes, sheet: str | None) -> list[tuple[int, list[str]]]:
    import io
    import zipfile

    try:
        import openpyxl  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        raise NeedsOpenpyxl(f"{shown(path)}: reading an .xlsx workbook needs openpyxl: {INSTALL}") from None
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
        if unpacked > MAX_UNPACKED:
            raise _fail(path, f"unpacks to more than {MAX_UNPACKED:,} bytes; a workbook may hold no more")
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except DataError:
        raise
    except Exception as exc:  # openpyxl raises what the zip and XML libraries raise on a broken file
        raise _fail(path, f"not an .xlsx workbook openpyxl can read ({type(exc).__name__})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            names = ", ".join(book.sheetnames)
            raise _fail(path, f"no sheet '{sheet}' (the sheets: {names})")
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        if (ws.max_column or 0) > MAX_COLUMNS:  # as the sheet declares its extent: no cell is read past it
            raise _fail(
                path, f"the sheet spans {ws.max_column} columns; a spreadsheet may have {MAX_COLUMNS}"
            )
        rows = []
        for number, values in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
            if number > MAX_ROWS + 1:
                raise _fail(path, f"more than {MAX_ROWS:,} rows; a spreadsheet may hold no more")
            rows.append((number, [_cell(v) for v in values]))
        return rows
    except DataError:
        raise
    except Exception as exc:
        raise _fail(path, f"not an .xlsx workbook openpyxl can read ({type(exc).__name__})") from None
    finally:
        book.close()


def _lines(cell: str) -> str:
    """A cell's line breaks as line feeds: a sheet saved on Windows may break a cell's lines with a
    carriage return and line feed, which a terminal would act on and the data may not hold."""
    return cell.replace("\r\n", "\n").replace("\r", "\n") if "\r" in cell else cell


def _table(path: Path, cells: list[tuple[int, list[str]]]) -> Table:
    """The header and the rows that are not blank, each as long as the header."""
    kept = [(n, row) for n, row in cells if any(c.strip() for c in row)]
    if not kept:
        raise _fail(
            path, "no rows: the first row names the columns (code, text ...), each further row an item"
        )
    (head_row, names), rows = kept[0], kept[1:]
    while names and not names[-1].strip():
        names = names[:-1]
    if len(names) > MAX_COLUMNS:
        raise _fail(path, f"more than {MAX_COLUMNS} columns")
    out: list[tuple[int, list[str]]] = []
    for number, row in rows:
        if any(c.strip() for c in row[len(names) :]):
            column = len(names) + 1 + next(i for i, c in enumerate(row[len(names) :]) if c.strip())
            raise _fail(path, f"row {number}: a cell in column {column}, which the header row does not name")
        for cell in row:
            if len(cell) > MAX_CELL:
                raise _fail(path, f"row {number}: a cell longer than {MAX_CELL:,} characters")
        kept_cells = [_lines(c) for c in row[: len(names)]]
        out.append((number, [*kept_cells, *[""] * (len(names) - len(kept_cells))]))
    if not out:
        raise _fail(path, f"no items: only the header row (row {head_row})")
    return Table(path, names, out)
