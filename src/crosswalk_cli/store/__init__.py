"""The compiled SQLite store: what lookups read (see cache.py for where it lives and when it is rebuilt)."""

from __future__ import annotations

import os

from ..model import Crosswalk


def open_crosswalk(data_dir: str | os.PathLike[str] | None = None) -> Crosswalk:
    """The checked data of ``data_dir`` as a lazily read Crosswalk, from an up-to-date store."""
    from ..datadir import check_directory, resolve_data_dir
    from .cache import open_store
    from .read import crosswalk

    directory = resolve_data_dir(data_dir)
    check_directory(directory)
    return crosswalk(open_store(directory))
