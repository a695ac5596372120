"""Where the compiled store lives and when it is rebuilt.

One database per data directory, in the user's cache directory (``$XDG_CACHE_HOME/crosswalk``,
else ``~/.cache/crosswalk``), never inside the data directory. Its ``meta`` table records what it
was built from: the directory, crosswalk's version, the store's schema and record classes, and for
every source file its name, size, modification time and a SHA-256 of its bytes. A lookup compares
names, sizes and times (one ``stat`` per file); when any differs it compares the bytes' digests and
rebuilds unless they match. A database whose recorded key does not match is never read. With no
writable cache directory the store is built in memory for the one run.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import zlib
from pathlib import Path

from .. import __version__
from ..datadir import Sources
from . import schema

SUFFIX = ".yaml"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "crosswalk"


def _builders() -> str:
    """Sizes and times of the code that turns source files into a store (the readers, the model, the
    compiler): a store built by other code is rebuilt, even where the version number did not change."""
    package = Path(__file__).resolve().parent.parent
    paths = [package / "ids.py", package / "phrases.py", package / "datadir.py"]
    paths += (package / "model").glob("*.py")
    paths += (package / "store").glob("*.py")
    paths += (package / "loader").glob("*.py")
    stats = [(p.name, p.stat()) for p in sorted(paths)]
    return ",".join(f"{name}:{st.st_size}:{st.st_mtime_ns}" for name, st in stats)


def _format() -> str:
    builders = zlib.crc32(_builders().encode())
    return f"{schema.VERSION}/{__version__}/{builders:08x}"


def source_files(src: Sources) -> list[Path]:
    """The files a store is built from: every data file of the directories read, in order."""
    return [p for p, _ in src.files()]


def _stats(files: list[Path]) -> list[list[object]]:
    out: list[list[object]] = []
    for p in files:
        st = p.stat()
        out.append([str(p), st.st_size, st.st_mtime_ns])
    return out


def _digests(files: list[Path]) -> list[list[str]]:
    import hashlib

    return [[str(p), hashlib.sha256(p.read_bytes()).hexdigest()] for p in files]


def _key(src: Sources) -> str:
    return json.dumps([os.fsdecode(os.fsencode(str(d))) for d in src.directories])


def store_path(src: Sources) -> Path:
    name = (src.user or src.directories[0]).name.encode("utf-8", "surrogateescape").hex()[:40]
    tag = zlib.crc32(os.fsencode(_key(src)))
    return cache_dir() / f"store-{name}-{tag:08x}.sqlite"


def _meta(db: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
        return {}


def _open_ro(path: Path) -> sqlite3.Connection | None:
    try:
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, ValueError):
        return None


def fresh(db: sqlite3.Connection, src: Sources, files: list[Path]) -> bool:
    """Does this database hold exactly what these files say? Stats first, digests if they moved."""
    meta = _meta(db)
    if meta.get("format") != _format() or meta.get("directory") != _key(src):
        return False
    if meta.get("stats") == json.dumps(_stats(files)):
        return True
    return meta.get("digests") == json.dumps(_digests(files))


def build(src: Sources, files: list[Path], target: str | Path) -> sqlite3.Connection:
    """Check the source files and compile them into ``target`` (a path, or ':memory:')."""
    from ..loader import load_all
    from .compile import compile_into

    stats, digests = _stats(files), _digests(files)
    data = load_all(src)
    if _digests(files) != digests:  # a file changed while we read it: keep nothing stale
        stats, digests = [], []
    db = sqlite3.connect(target)
    meta = {
        "format": _format(),
        "directory": _key(src),
        "stats": json.dumps(stats),
        "digests": json.dumps(digests),
    }
    compile_into(db, data, meta)
    return db


def open_store(src: Sources) -> sqlite3.Connection:
    """A connection to an up-to-date store for ``src``, building it when needed."""
    files = source_files(src)
    path = store_path(src)
    db = _open_ro(path) if path.is_file() else None
    if db is not None:
        if fresh(db, src, files):
            return db
        db.close()
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError:
        return build(src, files, ":memory:")
    try:
        build(src, files, tmp).close()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    db = _open_ro(path)
    return db if db is not None else build(src, files, ":memory:")


def export_to(src: Sources, target: Path) -> Path:
    """Build the store for ``directory`` into the file ``target``, whole or not at all: a new name or a
    regular file (kept at its mode; a symlink's target is written); anything else is refused."""
    import stat
    import tempfile

    from ..errors import DataError

    path = target.resolve() if target.is_symlink() else target
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise DataError([f"{target}: cannot write: {exc.strerror}"]) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise DataError([f"{target}: not a regular file; give a new name or an existing database file"])
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise DataError([f"{target}: cannot write: {exc.strerror}"]) from None
    try:
        os.unlink(tmp)  # sqlite3 creates the file itself
        build(src, source_files(src), tmp).close()
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        raise DataError([f"{target}: cannot write: {exc.strerror}"]) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return path
