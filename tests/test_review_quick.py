"""A hostile review of the two speed changes: the quick path (quick.py) and the plain table writer
(formats/plaintable.py, plainlayout.py). Each test here shows a case where the fast path's answer is not
the one the slow path (typer; rich) gives, as the promise says it must be."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crosswalk_cli.formats import table
from crosswalk_cli.formats.plaintable import plain_table
from crosswalk_cli.formats.shape import Column, Section, View


def test_more_columns_than_the_width_lays_out_as_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve columns at COLUMNS=10: the rules between them (11 cells) leave the columns -1 cells. rich
    clamps that to 0 (ConsoleOptions.update_width: max(0, width)); plainlayout.Table.lines passes -1 on
    to widths(), so the columns (and the title, wrapped to the table's width) come out otherwise.
    plain: 'A B C D E' / 'G H I J K' / 'M N O P'; rich: 'A B C D E' / 'H I J K L' / 'O P'."""
    monkeypatch.setenv("COLUMNS", "10")
    no_wrap = {1, 4, 8}
    ratio = {1: 1, 4: 2}
    columns = tuple(Column(f"c{i}", "", ratio=ratio.get(i), no_wrap=i in no_wrap) for i in range(12))
    view = View("c", "", {}, sections=(Section("A B C D E F G H I J K L M N O P", columns, ({},)),))
    assert plain_table(view, 10) in (None, table.drawn_text(view))


def test_many_ratio_columns_with_a_cell_lay_out_as_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same clamp, seen in a row's height: sixteen columns of mixed ratios at COLUMNS=14, one cell
    'aa'. plainlayout gives its column 3 cells (the cell folds onto two lines); rich gives it 2 (no line)."""
    monkeypatch.setenv("COLUMNS", "14")
    ratios = (1, 5, 2, 5, 1, 2, 0, 5, 5, 1, 0, 2, None, 0, 0, 0)
    columns = tuple(Column(f"c{i}", "", ratio=r) for i, r in enumerate(ratios))
    view = View("c", "", {}, sections=(Section("", columns, ({"c11": "aa"},), empty=""),))
    assert plain_table(view, 14) in (None, table.drawn_text(view))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="an address-space limit (RLIMIT_AS)")
def test_a_huge_columns_is_one_line_or_an_answer_never_a_traceback(tmp_path: Path) -> None:
    """COLUMNS=999999999 to a pipe: plain_table leaves widths over MAX_WIDTH to rich, and rich pads every
    line to a billion cells: gigabytes a line, a run that does not end (or MemoryError). Under a 1.5 GB
    address-space limit (to see it fail fast, not to swap) it ends in a MemoryError traceback, on the
    quick path and on typer's alike. Bad input must be one stderr line and an exit code, or an answer."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    env = {**os.environ, "COLUMNS": "999999999", "XDG_CACHE_HOME": str(tmp_path / "c"), "HOME": str(tmp_path)}
    env.pop("CROSSWALK_DATA_DIR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "crosswalk_cli", "standard", "1a"],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limit,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-300:]
    if proc.returncode:
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("crosswalk: "), proc.stderr
    else:
        assert "1a" in proc.stdout
