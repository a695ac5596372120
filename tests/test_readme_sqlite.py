"""The manual's `export sqlite` example (docs/exchange.md) gives what it says."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from .conftest import Invoke

PAGE = Path(__file__).resolve().parents[1] / "docs" / "exchange.md"


def test_the_readme_sqlite_example(invoke: Invoke, tmp_path: Path) -> None:
    text = PAGE.read_text(encoding="utf-8")
    block = text[text.index("crosswalk export sqlite crosswalk.db") :]
    query = re.search(r'sqlite3 crosswalk\.db "([^"]+)"', block)
    assert query is not None
    shown = re.findall(r"^# (\S+\|\S+\|\S+)$", block[: block.index("```")], re.MULTILINE)
    target = tmp_path / "crosswalk.db"
    assert invoke("export", "sqlite", str(target)).exit_code == 0
    rows = ["|".join(row) for row in sqlite3.connect(target).execute(query.group(1))]
    assert rows == shown
