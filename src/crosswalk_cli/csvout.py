"""Every CSV the tool writes: one line ending, and no cell a spreadsheet would run as a formula.

A spreadsheet reads a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula (``=HYPERLINK(...)`` in a title becomes a link that leaks data when clicked). As the OWASP
"CSV Injection" page recommends, such a cell gets a single quote in front, which makes spreadsheets
take it as text; a program reading the CSV sees the quote.
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
    """A header and rows as CSV text: minimal quoting, CRLF line ends, every cell made safe."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_END)
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()
