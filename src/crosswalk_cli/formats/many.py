"""Several Views of one command in one output: a lookup given several ids (``item MA:1a MA:1b``).

Each View is written by its format's own writer (``WRITERS``), so an answer reads the same alone or among
others; what joins them depends on the format (docs/multi-id.md):

- JSON: an array of the objects the command writes for one id, in the order the ids were given;
- CSV: one header, then every answer's rows; a first column ``lookup`` names the item each row answers
  for, and the header holds every answer's columns once (a row leaves others' columns empty);
- table and Markdown: the answers one after another, a blank line between;
- SVG and HTML are pictures of one answer: several are a usage error, before anything is written.

One View is written exactly as the command writes it alone.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import IO

from ..errors import CrosswalkError, ExitStatus
from . import writer
from .shape import View

LOOKUP = "lookup"  # the CSV column naming the item a row answers for
PICTURES = ("svg", "html")


class OnePicture(CrosswalkError):
    """A picture format asked of several answers (bad usage)."""

    exit_code = ExitStatus.USAGE


def emit_many(answers: Sequence[tuple[str, View]], fmt: str, out: IO[str]) -> None:
    """Write each (id, View) in ``fmt`` to ``out`` as one output; the id names the answer in CSV."""
    if len(answers) == 1:
        writer(fmt)(answers[0][1], out)
        return
    if fmt in PICTURES:
        raise OnePicture(f"--format {fmt} draws one answer: give one id, or use table, markdown or csv")
    if fmt == "json":
        out.write(_json_array([_written(view, fmt) for _, view in answers]))
    elif fmt == "csv":
        out.write(_stacked_csv([(name, _written(view, fmt)) for name, view in answers]))
    else:
        for n, (_, view) in enumerate(answers):
            if n:
                out.write("\n")
            writer(fmt)(view, out)


def _written(view: View, fmt: str) -> str:
    buffer = io.StringIO()
    writer(fmt)(view, buffer)
    return buffer.getvalue()


def _json_array(objects: Sequence[str]) -> str:
    """JSON texts of objects (as ``json.dumps(..., indent=2)`` writes them) as one array, indented as
    ``json.dumps`` would indent the list. A JSON text holds no raw line break inside a string, so its
    lines can be indented one by one."""
    items = ["\n".join("  " + line for line in text.rstrip("\n").split("\n")) for text in objects]
    return "[\n" + ",\n".join(items) + "\n]\n"


def _stacked_csv(tables: Sequence[tuple[str, str]]) -> str:
    """CSV texts (a header and rows each) as one: ``lookup`` first, then every header's columns once."""
    import csv

    from ..text.csvout import csv_text

    parsed = [(name, list(csv.reader(io.StringIO(text, newline="")))) for name, text in tables]
    keys = list(dict.fromkeys([LOOKUP, *(k for _, rows in parsed for k in (rows[0] if rows else []))]))
    out_rows = []
    for name, rows in parsed:
        header = rows[0] if rows else []
        for row in rows[1:]:
            cells = {LOOKUP: name, **dict(zip(header, row, strict=True))}
            out_rows.append([cells.get(k, "") for k in keys])
    return csv_text(keys, out_rows)
