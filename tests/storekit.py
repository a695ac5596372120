"""What the store tests share: a data directory's store file, and an answer read straight from its store."""

from __future__ import annotations

from pathlib import Path

from crosswalk_cli.datadir import sources
from crosswalk_cli.store import open_database
from crosswalk_cli.store.cache import store_path


def store_of(data: Path) -> Path:
    """The store file of ``data`` read beside the packaged data (as ``--data-dir data`` reads it)."""
    return store_path(sources(data))


def title(data: Path, code: str = "1b") -> str:
    """An MA item's title, from an up-to-date store of ``data`` beside the packaged data."""
    db = open_database(sources(data))
    row = db.execute("SELECT title FROM item WHERE framework = 'MA' AND code = ?", (code,)).fetchone()
    return str(row[0])
