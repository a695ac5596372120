"""The record beside each store (``store-*.key``): what vouches for the store file and its sources.

A store file is never changed in place: it is built under a temporary name and renamed into place, and
only then is its record written. The record holds the store's own device, inode, size, modification and
change times and the SHA-256 of its bytes, and the source key it was built from (key.py). Damage to the
store is a write, and a write moves its change time, so a store whose status matches its record is read
as it is; any other is read only if its bytes still give the recorded digest, and rebuilt if not. Right
after a build the store's change time is still within a clock tick of a write that would not move it,
so the record says ``confirmed=False`` and lookups check the digest until one finds the store older than
``key.SLACK_NS`` and records it as confirmed.

The record is written as marshal data after a magic line and a CRC-32 of it: a damaged, truncated or
foreign record reads as None (and the store is rebuilt), never as something else.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
import zlib
from pathlib import Path
from typing import Any

from .key import Digests, Listing

MAGIC = b"crosswalk store record 1\n"
TEMP_PREFIX = ".store-"
TEMP_SUFFIX = ".tmp"
STALE_NS = 60_000_000_000  # a temporary file older than this, and unlocked, was left by a killed build

Identity = tuple[int, int, int, int, int]  # device, inode, size, mtime_ns, ctime_ns


FIELDS = ("format", "source", "racy", "digests", "store", "store_digest", "confirmed")
TYPES = (str, tuple, tuple, tuple, tuple, str, bool)


class Record:
    """What a record holds (a plain class: defining a NamedTuple would cost every lookup 0.2 ms)."""

    __slots__ = FIELDS

    def __init__(
        self,
        format: str,
        source: Listing,
        racy: tuple[str, ...],
        digests: Digests,
        store: Identity,
        store_digest: str,
        confirmed: bool,
    ) -> None:
        self.format, self.source, self.racy, self.digests = format, source, racy, digests
        self.store, self.store_digest, self.confirmed = store, store_digest, confirmed

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in FIELDS)

    def copy(self) -> Record:
        return Record(*self.values())


def identity(st: os.stat_result) -> Identity:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def read(path: Path) -> Record | None:
    """The record at ``path``, or None if there is none or it is not whole."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with open(fd, "rb", closefd=False) as f:
            raw = f.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    head = len(MAGIC) + 4
    if not raw.startswith(MAGIC) or zlib.crc32(raw[head:]) != int.from_bytes(raw[len(MAGIC) : head], "big"):
        return None
    try:
        value = marshal.loads(raw[head:])
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(value, tuple) or tuple(map(type, value)) != TYPES:
        return None
    return Record(*value)


def write(path: Path, record: Record) -> None:
    """Replace the record at ``path`` whole; a record that cannot be written is simply not there."""
    body = marshal.dumps(record.values())
    data = MAGIC + zlib.crc32(body).to_bytes(4, "big") + body
    try:
        fd, tmp = create_temp(path)
    except OSError:
        return
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    finally:
        os.close(fd)


def digest_fd(fd: int) -> str:
    """SHA-256 of the whole file open at ``fd``."""
    import hashlib

    os.lseek(fd, 0, os.SEEK_SET)
    with open(fd, "rb", closefd=False) as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def check_store(path: Path, seen: os.stat_result, expected: str) -> bool:
    """Does the file at ``path``, still the one ``seen`` describes, give the digest ``expected``?"""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        if identity(os.fstat(fd)) != identity(seen):
            return False
        return digest_fd(fd) == expected and identity(os.fstat(fd)) == identity(seen)
    except OSError:
        return False
    finally:
        os.close(fd)


# --- temporary files ---------------------------------------------------------------------------------


def create_temp(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, locked (``flock``) for as long as its descriptor is open,
    so that ``sweep`` can tell one being written from one whose writer was killed."""
    import fcntl
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    with contextlib.suppress(OSError):  # a file system without flock: sweep() then leaves it alone
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd, tmp


def sweep(folder: Path, now_ns: int) -> None:
    """Remove the temporary files of builds that were killed: only our names (``.store-*.tmp``, and the
    journals an older crosswalk left beside them), only regular files of this user, only those older
    than a minute, and of those only the ones no process holds locked."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
            _remove_stale(folder / name, now_ns, locked=True)
    for name in names:
        journal = name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX + "-journal")
        if journal and not os.path.lexists(folder / name.removesuffix("-journal")):
            _remove_stale(folder / name, now_ns, locked=False)


def _remove_stale(path: Path, now_ns: int, *, locked: bool) -> None:
    import fcntl

    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or st.st_mtime_ns > now_ns - STALE_NS:
            return
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return
    try:
        if locked:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held: its builder is alive
        held, named = os.fstat(fd), os.lstat(path)
        if (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino):
            os.unlink(path)
    except OSError:
        pass
    finally:
        os.close(fd)
