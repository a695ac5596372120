"""Where the data is: the frameworks and crosswalks shipped with crosswalk, and a directory of your own
beside them (``--data-dir``, else ``$CROSSWALK_DATA_DIR``; the one place either is read).

Your files are read after the packaged ones: a framework or crosswalk of yours whose id is a packaged
one's replaces it (``crosswalk frameworks`` says where each came from); ``--no-packaged`` reads your
directory alone.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation at start-up
# (some 0.02 ms a field, at every start); written as plain types, they cost nothing (tests/test_speed_paths).

import os
from pathlib import Path
from typing import NamedTuple

from .errors import DataError, ExitStatus

ENV_VAR = "CROSSWALK_DATA_DIR"
PACKAGED = "packaged"  # the origin of a file shipped with crosswalk
SELF_ASSESSMENT = "self_assessment.yaml"  # the survey, read by `assess`, not a framework or crosswalk


def default_data_dir() -> Path:
    """The data shipped inside the package (the wheel puts it beside this module); in a source
    checkout or an editable install, the repository's ``data/``. (Not importlib.resources: the
    package is always a folder on disk, and that import costs every lookup a millisecond.)"""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    return packaged if packaged.is_dir() else here.parents[1] / "data"


class Sources(NamedTuple):
    """The directories a run reads, in order: the packaged data (unless left out), then yours."""

    user: Path | None = None
    packaged: bool = True

    @property
    def directories(self) -> tuple[Path, ...]:
        own = (self.user,) if self.user is not None else ()
        return ((default_data_dir(),) if self.packaged else ()) + own

    def origin(self, directory: Path) -> str:
        return PACKAGED if self.packaged and directory == default_data_dir() else str(directory)

    def files(self) -> list[tuple[Path, str]]:
        """Every data file read, with its origin, in order: each directory's YAML files by name."""
        out = []
        for directory in self.directories:
            origin = self.origin(directory)
            out += [(p, origin) for p in sorted(directory.glob("*.yaml")) if p.name != SELF_ASSESSMENT]
        return out


class UsageError(DataError):
    exit_code = ExitStatus.USAGE


def sources(option: str | os.PathLike[str] | None = None, packaged: bool = True) -> Sources:
    """``--data-dir`` wins, then ``$CROSSWALK_DATA_DIR``; the packaged data comes first unless left out."""
    chosen = option or os.environ.get(ENV_VAR)
    user = Path(chosen) if chosen else None
    if user is None:
        if not packaged:
            raise UsageError(["--no-packaged reads your own data alone: give --data-dir DIR"])
        return Sources(None, True)
    check_directory(user)
    if packaged and _same(user, default_data_dir()):
        return Sources(None, True)  # the packaged directory itself, named
    return Sources(user, packaged)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


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
