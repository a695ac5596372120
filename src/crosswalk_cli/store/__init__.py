"""The compiled SQLite store: what lookups read (see cache.py for where it lives and when it is rebuilt)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

    from ..datadir import Sources


def open_database(src: Sources) -> sqlite3.Connection:
    """An up-to-date store of the data ``src`` names."""
    from .cache import open_store

    return open_store(src)


def database_bytes(src: Sources) -> bytes:
    """The whole up-to-date store as a database file's bytes (``export sqlite``)."""
    return open_database(src).serialize()
