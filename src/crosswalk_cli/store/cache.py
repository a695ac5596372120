"""Where the compiled store lives, and when it may be read instead of rebuilt.

One database per data directory, named after the directory's real path (symbolic links resolved, so a
relative ``--data-dir`` names a different store from each folder), in the user's cache directory
(``$XDG_CACHE_HOME/crosswalk``, else ``~/.cache/crosswalk``), never inside the data directory, with a
record beside it (record.py). A lookup reads the store only if all of these hold:

- the record is whole, and names this crosswalk's format (its version, the store's schema and the
  code that builds stores) and this real directory;
- the directory's listing (key.py: each YAML file's real path, device, inode, size, modification and
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
    from ..model_items import DataSet


class Store(sqlite3.Connection):
    """A connection to a store; ``record`` is the file that vouches for it (None: a store for one run),
    so that a reader who finds it damaged after all can have it rebuilt (read.py)."""

    record: Path | None = None


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "crosswalk"


def _builders() -> str:
    """Sizes and times of the code that turns source files into a store (the readers, the model, the
    compiler): a store built by other code is rebuilt, even where the version number did not change."""
    package = Path(__file__).resolve().parent.parent
    paths = [package / "model.py", package / "model_items.py", package / "codec.py"]
    paths += (package / "store").glob("*.py")
    paths += (package / "loader").glob("*.py")
    stats = [(p.name, p.stat()) for p in sorted(paths)]
    return ",".join(f"{name}:{st.st_size}:{st.st_mtime_ns}" for name, st in stats)


def _format() -> str:
    builders = zlib.crc32(_builders().encode())
    return f"{schema.VERSION}/{__version__}/{builders:08x}"


def store_path(directory: str | os.PathLike[str]) -> Path:
    """The store of a data directory, named after its real path."""
    real = os.path.realpath(directory)
    name = os.path.basename(real).encode("utf-8", "surrogateescape").hex()[:40]
    tag = zlib.crc32(os.fsencode(real))
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


def open_store(directory: Path) -> sqlite3.Connection:
    """A connection to an up-to-date store for ``directory``, building it when needed."""
    from ..errors import DataError

    real = os.path.realpath(directory)
    path = store_path(real)
    fmt = _format()
    try:
        found = key.listing(real)
    except OSError as exc:
        raise DataError([f"{directory}: cannot read the data directory: {exc.strerror}"]) from None
    kept = record.read(record_path(path))
    if kept is not None and kept.format == fmt and kept.source[0] == real:
        db = _reuse(path, kept, found)
        if db is not None:
            return db
    return _rebuild(directory, real, path, fmt)


def _reuse(path: Path, kept: record.Record, found: key.Listing) -> Store | None:
    """The store at ``path`` if its record vouches for it and for the files now there, else None. Where
    the record vouched only through digests, it is brought up to date for the next lookup."""
    import time

    now = time.time_ns()
    checked = kept.copy()
    if found != kept.source or kept.racy:
        if [e[0] for e in found[3]] != [name for name, _ in kept.digests]:
            return None
        current = key.source_key(found[0])
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


def _load(directory: Path, real: str) -> tuple[DataSet, key.Key | None]:
    """The checked data, and the key of the files it was read from: None if they changed meanwhile (the
    store then answers this run but is not kept)."""
    from ..loader import load_all

    before = key.source_key(real)
    data = load_all(directory)
    after = key.source_key(real)
    return data, before if before is not None and after is not None and before[:2] == after[:2] else None


def _compile(data: DataSet, built: key.Key | None, target: str | None, fmt: str, real: str) -> Store:
    """The store of ``data`` in the file ``target`` (None: in memory), open for reading."""
    from .compile import compile_into

    where = ":memory:" if target is None else f"{Path(target).as_uri()}?vfs=unix-none"
    db = sqlite3.connect(where, uri=True, factory=Store)
    db.execute("PRAGMA journal_mode = OFF")  # a failed build is thrown away whole; nothing to roll back
    db.execute("PRAGMA synchronous = OFF")  # the file is flushed once, before it is put in place
    meta = {"format": fmt, "directory": real, "digests": json.dumps(built[1] if built else [])}
    compile_into(db, data, meta)
    db.execute("PRAGMA query_only = ON")
    return db


def _rebuild(directory: Path, real: str, path: Path, fmt: str) -> Store:
    """Build the store in a locked temporary file beside ``path``, rename it into place and write its
    record. Where that cannot be done (no writable cache, a full disk, a folder at the store's name),
    the store answers this run only."""
    import time

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        record.sweep(path.parent, time.time_ns())
        fd, tmp = record.create_temp(path)
    except OSError:
        return _compile(*_load(directory, real), None, fmt, real)
    kept = False
    try:
        data, built = _load(directory, real)
        try:
            db = _compile(data, built, tmp, fmt, real)
        except sqlite3.Error:
            return _compile(data, built, None, fmt, real)
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
    listing, digests, racy = built
    kept = record.Record(fmt, listing, racy, digests, record.identity(st), digest, False)
    record.write(db.record, kept)
    return True
