"""Every CSV the tool writes: one line ending, and no cell a spreadsheet would run as a formula.

A spreadsheet reads a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula (``=HYPERLINK(...)`` in a title becomes a link that leaks data when clicked). As the OWASP
"CSV Injection" page recommends, such a cell gets a single quote in front, which makes spreadsheets
take it as text; a program reading the CSV sees the quote.

Nor does a cell send a terminal (``cat file.csv``, ``--format csv`` on screen) a character it would act on:
control characters, bidirectional overrides and noncharacters (safe.py) are written as visible escapes
(``\\x1b``) before the formula guard looks at the cell. Line feeds (a quoted cell holds them) and tabs stay.
This is done here, where every CSV is written, not only where data is read: a store an older version
built, or any other way text arrives, comes out just as safe.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

LINE_END = "\r\n"  # RFC 4180, and what the csv module and spreadsheets write
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def safe_cell(value: str) -> str:
    """The cell as a spreadsheet should show it: text, never a formula."""
    return GUARD + value if value.startswith(FORMULA_STARTS) else value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A header and rows as CSV text: minimal quoting, CRLF line ends, every cell escaped and guarded."""
    import csv
    import io

    from .safe import escape_text

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_END)
    writer.writerow([safe_cell(escape_text(h)) for h in header])
    writer.writerows([safe_cell(escape_text(cell)) for cell in row] for row in rows)
    return buffer.getvalue()
