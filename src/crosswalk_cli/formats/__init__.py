"""The writers: a View (``shape.py``) as a table, JSON, CSV or Markdown, and the one function that picks.

Each writer is imported only when its format is asked for: rich only for tables, so JSON, CSV and
Markdown start fast.
"""

from __future__ import annotations

import sys
from typing import IO

from .shape import View

FORMATS = ("table", "json", "csv", "markdown")


def emit(view: View, fmt: str, out: IO[str] | None = None) -> None:
    """Write ``view`` to ``out`` (stdout) in ``fmt``: one of FORMATS; anything else draws the table."""
    out = out or sys.stdout
    if fmt == "json":
        from .jsonfmt import write_json

        write_json(view, out)
    elif fmt == "csv":
        from .csvfmt import write_csv

        write_csv(view, out)
    elif fmt == "markdown":
        from .markdown import markdown

        out.write(markdown(view))
    else:
        from .table import draw

        draw(view, out)
