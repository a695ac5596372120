"""The compiled SQLite store: what lookups read (see cache.py for where it lives and when it is rebuilt)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

    from ..model import Crosswalk


def open_database(data_dir: str | os.PathLike[str] | None = None) -> sqlite3.Connection:
    """An up-to-date store of ``data_dir`` (``--data-dir``, ``$CROSSWALK_DATA_DIR`` or the packaged data)."""
    from ..datadir import check_directory, resolve_data_dir
    from .cache import open_store

    directory = resolve_data_dir(data_dir)
    check_directory(directory)
    return open_store(directory)


def open_crosswalk(data_dir: str | os.PathLike[str] | None = None) -> Crosswalk:
    """The checked data of ``data_dir`` as a lazily read Crosswalk, from an up-to-date store."""
    from .read import crosswalk

    return crosswalk(open_database(data_dir))


def database_bytes(data_dir: str | os.PathLike[str] | None = None) -> bytes:
    """The whole up-to-date store of ``data_dir`` as a database file's bytes (``export sqlite``)."""
    return open_database(data_dir).serialize()
