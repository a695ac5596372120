"""Where the data is: ``--data-dir``, then ``$CROSSWALK_DATA_DIR``, then the data shipped with crosswalk."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DataError

ENV_VAR = "CROSSWALK_DATA_DIR"


def default_data_dir() -> Path:
    """The data shipped inside the package (the wheel puts it beside this module); in a source
    checkout or an editable install, the repository's ``data/``. (Not importlib.resources: the
    package is always a folder on disk, and that import costs every lookup a millisecond.)"""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    return packaged if packaged.is_dir() else here.parents[1] / "data"


def resolve_data_dir(option: str | os.PathLike[str] | None) -> Path:
    """``--data-dir`` wins, then ``$CROSSWALK_DATA_DIR``, then the packaged data."""
    chosen = option or os.environ.get(ENV_VAR)
    return Path(chosen) if chosen else default_data_dir()


def check_directory(directory: Path) -> None:
    """One line for a data directory that is missing, not a directory, or cannot be reached
    (a name too long, a file where a folder should be, no permission)."""
    import errno
    import stat

    try:
        mode = directory.stat().st_mode
    except FileNotFoundError:
        raise DataError([f"{directory}: data directory not found"]) from None
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:
            raise DataError([f"{directory}: data directory not found (part of the path is a file)"]) from None
        raise DataError([f"{directory}: cannot open the data directory: {exc.strerror}"]) from None
    if not stat.S_ISDIR(mode):
        raise DataError([f"{directory}: not a directory"])
