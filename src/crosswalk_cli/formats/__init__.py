"""The writers: a View (``shape.py``) in each format, and the one table that names them.

Every command's ``--format`` is built from WRITERS, and exports and pictures write through it too. Each
writer is imported only when its format is asked for: rich only for tables and pictures, so JSON, CSV
and Markdown start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import IO

from .shape import View

# format -> (module in formats/, function(view, out)); in the order --help lists them
WRITERS: dict[str, tuple[str, str]] = {
    "table": ("table", "write_table"),
    "json": ("jsonfmt", "write_json"),
    "csv": ("csvfmt", "write_csv"),
    "markdown": ("markdown", "write_markdown"),
    "svg": ("picture", "write_svg"),
    "html": ("picture", "write_html"),
}


def writer(fmt: str) -> Callable[[View, IO[str]], None]:
    module, function = WRITERS[fmt]
    write: Callable[[View, IO[str]], None] = getattr(import_module(f".{module}", __name__), function)
    return write


def emit(view: View, fmt: str, out: IO[str] | None = None) -> None:
    """Write ``view`` to ``out`` (stdout) in ``fmt``, one of WRITERS."""
    writer(fmt)(view, out or sys.stdout)
