"""Where the compiled store lives, and when it may be read instead of rebuilt.

One database per set of data directories read (the packaged data, yours, or both), named after their
real paths (symbolic links resolved, so a relative ``--data-dir`` names a different store from each
folder), in the user's cache directory (``$XDG_CACHE_HOME/crosswalk``, else ``~/.cache/crosswalk``),
never inside a data directory, with a record beside it (record.py). A lookup reads the store only if all
of these hold:

- the record is whole, and names this crosswalk's format (its version, the store's schema and the code
  that builds stores) and these real directories;
- each directory's listing (key.py: each YAML file's real path, device, inode, size, modification and
  change times) equals the recorded one and no file had changed less than ``key.SLACK_NS`` before it
  was recorded, or else the files' SHA-256 digests equal the recorded ones;
- the store file's own device, inode, size and times equal the recorded ones and a lookup has seen it
  older than ``key.SLACK_NS``, or else its bytes give the recorded SHA-256.

Otherwise the store is rebuilt from the YAML, checked exactly as ``validate`` checks it. A store built
while a file changed under it answers that one run and is not kept. With no writable cache directory,
no room for it, or where it cannot be put in place (a folder in its way), the store is built for the one
run.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from . import key, record, schema

if TYPE_CHECKING:
    from ..datadir import Sources
    from ..model import DataSet


class Store(sqlite3.Connection):
    """A connection to a store; ``record`` is the file that vouches for it (None: a store for one run),
    so that a reader who finds it damaged after all can have it rebuilt (``forget``)."""

    record: Path | None = None


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "crosswalk"


def _builders() -> str:
    """Sizes and times of the code that turns source files into a store (the readers, the model, the
    compiler): a store built by other code is rebuilt, even where the version number did not change."""
    package = Path(__file__).resolve().parent.parent
    paths = [package / "text" / name for name in ("ids.py", "phrases.py", "safe.py")]
    paths += (package / "model").glob("*.py")
    paths += (package / "store").glob("*.py")
    paths += (package / "loader").glob("*.py")
    stats = [(p.name, p.stat()) for p in sorted(paths)]
    return ",".join(f"{name}:{st.st_size}:{st.st_mtime_ns}" for name, st in stats)


def _format() -> str:
    builders = zlib.crc32(_builders().encode())
    return f"{schema.VERSION}/{__version__}/{builders:08x}"


def _reals(src: Sources) -> tuple[str, ...]:
    return tuple(os.path.realpath(d) for d in src.directories)


def store_path(src: Sources) -> Path:
    """The store of the directories ``src`` reads, named after their real paths."""
    reals = _reals(src)
    name = os.path.basename(reals[-1]).encode("utf-8", "surrogateescape").hex()[:40]
    tag = zlib.crc32(os.fsencode("\0".join(reals)))
    return cache_dir() / f"store-{name}-{tag:08x}.sqlite"


def record_path(store: Path) -> Path:
    return store.with_suffix(".key")


def _connect_ro(path: Path | str) -> Store | None:
    """Read-only, and immutable: the file at a store's name is never written, only replaced, so SQLite
    need not lock it or look for a journal (which, beside a store, nobody of ours wrote)."""
    uri = Path(os.path.abspath(path)).as_uri()
    try:
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, factory=Store)
    except (sqlite3.Error, ValueError):
        return None


def open_store(src: Sources) -> Store:
    """A connection to an up-to-date store of the directories ``src`` reads, building it when needed."""
    from ..errors import DataError

    reals = _reals(src)
    path = store_path(src)
    fmt = _format()
    try:
        found = key.listings(reals)
    except OSError as exc:
        raise DataError(
            [f"{exc.filename or reals[-1]}: cannot read the data directory: {exc.strerror}"]
        ) from None
    kept = record.read(record_path(path))
    db = None
    if kept is not None and kept.format == fmt and tuple(one[0] for one in kept.source) == reals:
        db = _reuse(path, kept, found, reals)
    db = db or _rebuild(src, reals, path, fmt)
    _opened.append(db)
    return db


_opened: list[Store] = []  # the stores this run has opened (forget_opened)


def forget_opened() -> None:
    """The stores this run opened proved unreadable after all: remove their records, so that the next
    run rebuilds them."""
    for db in _opened:
        if db.record is not None:
            with contextlib.suppress(OSError):
                os.unlink(db.record)


def _reuse(
    path: Path, kept: record.Record, found: tuple[key.Listing, ...], reals: tuple[str, ...]
) -> Store | None:
    """The store at ``path`` if its record vouches for it and for the files now there, else None. Where
    the record vouched only through digests, it is brought up to date for the next lookup."""
    import time

    now = time.time_ns()
    checked = kept.copy()
    if found != kept.source or kept.racy:
        names = [[e[0] for e in one[3]] for one in found]
        if names != [[name for name, _ in one] for one in kept.digests]:
            return None
        current = key.source_key(reals)
        if current is None or current[1] != kept.digests:
            return None
        checked.source, checked.racy = current[0], current[2]
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    if record.identity(st) != kept.store or not kept.confirmed:
        if not record.check_store(path, st, kept.store_digest):
            return None
        checked.store = record.identity(st)
        checked.confirmed = max(st.st_ctime_ns, st.st_mtime_ns) < now - key.SLACK_NS
    db = _connect_ro(path)
    if db is None:
        return None
    with contextlib.suppress(OSError):
        if record.identity(os.stat(path)) == record.identity(st):  # still the file checked
            db.record = record_path(path)
            if checked.values() != kept.values():
                record.write(db.record, checked)
            return db
    db.close()
    return None


def _load(src: Sources, reals: tuple[str, ...]) -> tuple[DataSet, key.Key | None]:
    """The checked data, and the key of the files it was read from: None if they changed meanwhile (the
    store then answers this run but is not kept)."""
    from ..loader import load_all

    before = key.source_key(reals)
    data = load_all(src)
    after = key.source_key(reals)
    return data, before if before is not None and after is not None and before[:2] == after[:2] else None


def _compile(
    data: DataSet, built: key.Key | None, target: str | None, fmt: str, reals: tuple[str, ...]
) -> Store:
    """The store of ``data`` in the file ``target`` (None: in memory), open for reading."""
    from .compile import compile_into

    where = ":memory:" if target is None else f"{Path(target).as_uri()}?vfs=unix-none"
    db = sqlite3.connect(where, uri=True, factory=Store)
    db.execute("PRAGMA journal_mode = OFF")  # a failed build is thrown away whole; nothing to roll back
    db.execute("PRAGMA synchronous = OFF")  # the file is flushed once, before it is put in place
    meta = {"format": fmt, "directories": json.dumps(reals), "digests": json.dumps(built[1] if built else [])}
    compile_into(db, data, meta)
    db.execute("PRAGMA query_only = ON")
    return db


def _rebuild(src: Sources, reals: tuple[str, ...], path: Path, fmt: str) -> Store:
    """Build the store in a locked temporary file beside ``path``, rename it into place and write its
    record. Where that cannot be done (no writable cache, a full disk, a folder at the store's name),
    the store answers this run only."""
    import time

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        record.sweep(path.parent, time.time_ns())
        fd, tmp = record.create_temp(path)
    except OSError:
        return _compile(*_load(src, reals), None, fmt, reals)
    kept = False
    try:
        data, built = _load(src, reals)
        try:
            db = _compile(data, built, tmp, fmt, reals)
        except sqlite3.Error:
            return _compile(data, built, None, fmt, reals)
        del data  # the model of a large directory is most of a build's memory
        if built is not None:
            with contextlib.suppress(OSError):
                kept = _keep(db, fd, tmp, path, fmt, built)
    finally:
        os.close(fd)  # releases the lock
        if not kept:  # a store not put in place: the open connection still reads it
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return db


def _keep(db: Store, fd: int, tmp: str, path: Path, fmt: str, built: key.Key) -> bool:
    """Flush the built store, rename it into place and write its record. The store's status is taken
    after the rename (which moves its change time), through the descriptor: of this file, whatever
    another build may have renamed over it since."""
    os.fsync(fd)
    digest = record.digest_fd(fd)
    os.replace(tmp, path)
    st = os.fstat(fd)
    db.record = record_path(path)
    listings, digests, racy = built
    kept = record.Record(fmt, listings, racy, digests, record.identity(st), digest, False)
    record.write(db.record, kept)
    return True
