"""Reading and writing files the way git and SQLite do: whole or not at all, and only regular files.

Every file crosswalk writes goes through ``write_atomic`` (one file) or ``write_tree`` (a folder of
files): the data goes to a temporary file beside the target, is flushed to disk, and is renamed over
the target, so an interruption leaves the old file or the new one, never a torn one. Only a regular
file (or a new name) is replaced; a symbolic link is followed and its target written; a folder, FIFO,
device or socket is refused. A replaced file keeps its mode (and, where allowed, its owner); a new
one gets the mode the umask gives. Every failure is a ``FileError``: one line, no traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

from .errors import CrosswalkError
from .text.safe import escape_controls

NAME_MAX = 255  # bytes in one file name on the usual file systems (ext4, APFS, NTFS)


class FileError(CrosswalkError):
    """A file that cannot be read or written; the message names it and says why."""


def shown(path: Path | str) -> str:
    """A path as messages show it: control characters escaped."""
    return escape_controls(str(path))


def _reason(exc: OSError, path: Path) -> str:
    code = exc.errno
    if code == errno.ENOENT:
        return f"the folder {shown(path.parent)} does not exist"
    if code == errno.ENAMETOOLONG:
        size = len(os.fsencode(path.name))
        if size > NAME_MAX:
            return f"the file name is {size} bytes long; at most {NAME_MAX} are allowed"
        return "the path is too long"
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "no space left on the device"
    if code == errno.EXDEV:
        return "it is on another file system than its temporary file"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.EROFS:
        return "read-only file system"
    if code == errno.ENOTDIR:
        return "a part of the path is not a folder"
    if code == errno.ELOOP:
        return "too many levels of symbolic links"
    return (exc.strerror or str(exc)).lower()


def _kind(mode: int) -> str | None:
    """What a non-regular file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link that loops"
    return "not a regular file"


def _umask() -> int:
    """The process's umask (read without changing it where Linux allows)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _target(path: Path) -> tuple[Path, os.stat_result | None]:
    """The file a write to ``path`` should replace (a symbolic link's target), and its status if it
    exists; refuse anything that is not a regular file."""
    real = Path(os.path.realpath(path))
    try:
        st = os.lstat(real)
    except FileNotFoundError:
        return real, None
    except OSError as exc:
        raise FileError(f"{shown(path)}: cannot write: {_reason(exc, real)}") from None
    kind = _kind(st.st_mode)
    if kind is not None:
        hint = (
            "; write to stdout with '-o -'" if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode) else ""
        )
        raise FileError(f"{shown(path)}: is {kind}, not a regular file; not replacing it{hint}")
    return real, st


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def _write_temp(folder: Path, name: str, data: bytes, old: os.stat_result | None) -> str:
    """A flushed temporary file in ``folder`` holding ``data``, with the mode (and owner) of ``old``."""
    import tempfile  # here, not at the top: reading through this module should not pay for it

    short = name[:48]  # the temporary name must stay under the limit even when the target is at it
    fd, tmp = tempfile.mkstemp(prefix=f".{short}.", suffix=".tmp", dir=folder)
    try:
        if old is not None and old.st_uid != os.geteuid():
            with contextlib.suppress(OSError):
                os.fchown(fd, old.st_uid, old.st_gid)
        os.fchmod(fd, stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_umask())
        _write_fd(fd, data)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    return tmp


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (as SQLite does); some systems cannot open a folder, which is fine."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path, data: bytes) -> Path:
    """Replace ``path`` (or its link's target) with ``data`` whole; return the file written."""
    real, old = _target(path)
    where = path if Path(os.path.abspath(path)) == real else real  # a link's target is named as such
    if len(os.fsencode(real.name)) > NAME_MAX:
        raise FileError(f"{shown(path)}: cannot write: {_reason(OSError(errno.ENAMETOOLONG, ''), where)}")
    tmp = None
    try:
        tmp = _write_temp(real.parent, real.name, data, old)
        _hold_new(tmp, real)
        os.replace(tmp, real)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise FileError(f"{shown(path)}: cannot write: {_reason(exc, where)}") from None
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    _sync_folder(real.parent)
    return real


def write_tree(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write several files into ``folder``, all or none: each is written and flushed in a temporary
    folder first (beside ``folder`` when it is new, so one rename makes it appear whole; inside it
    when it exists), and only then moved into place. A failure removes the temporary folder."""
    import tempfile

    real = Path(os.path.realpath(folder))
    try:
        st = os.lstat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise FileError(f"{shown(folder)}: cannot write: {_reason(exc, real)}") from None
    if st is not None and not stat.S_ISDIR(st.st_mode):
        raise FileError(f"{shown(folder)}: is {_kind(st.st_mode)}, not a folder")
    targets = {name: _target(real / name) for name in files} if st is not None else {}
    parent = real if st is not None else real.parent
    try:
        if st is None:
            parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".{real.name[:48]}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise FileError(f"{shown(folder)}: cannot write: {_reason(exc, real)}") from None
    try:
        for name, data in files.items():
            old = targets[name][1] if name in targets else None
            os.replace(_write_temp(stage, name, data, old), stage / name)
        if st is None:
            os.chmod(stage, 0o777 & ~_umask())  # mkdtemp made it 0700
            os.rename(stage, real)
            _sync_folder(real.parent)
            return
        device = os.stat(stage).st_dev
        for target, _ in targets.values():
            if os.stat(target.parent).st_dev != device:
                raise OSError(errno.EXDEV, "cross-device", str(target))
        for name, (target, _) in targets.items():
            os.replace(stage / name, target)
        os.rmdir(stage)
    except OSError as exc:
        _remove(stage)
        raise FileError(f"{shown(folder)}: cannot write: {_reason(exc, real)}; nothing was changed") from None
    except BaseException:
        _remove(stage)
        raise
    _sync_folder(real)


def _remove(stage: Path) -> None:
    import shutil

    shutil.rmtree(stage, ignore_errors=True)


# --- Reading --------------------------------------------------------------------------------------


def read_regular(path: Path, limit: int, what: str = "an answers file") -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes (``what`` it is, for the message past
    it), or None if there is no such file. Opened without blocking, so a FIFO is refused rather than
    waited on; a device is never read; the size is checked before a byte is read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise FileError(f"{shown(path)}: is a socket, not a regular file") from None
        raise FileError(f"{shown(path)}: cannot read: {_reason(exc, path)}") from None
    try:
        st = os.fstat(fd)
        kind = _kind(st.st_mode)
        if kind is not None:
            raise FileError(f"{shown(path)}: is {kind}, not a regular file")
        too_big = FileError(f"{shown(path)}: larger than {_size(limit)}, the most {what} may be")
        if st.st_size > limit:
            raise too_big
        chunks = []
        total = 0
        want = st.st_size + 1  # one read takes the whole file: no chunks to join into a second copy
        while chunk := os.read(fd, max(want - total, 1 << 16)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while we read
                raise too_big
        return b"".join(chunks)
    except OSError as exc:
        raise FileError(f"{shown(path)}: cannot read: {_reason(exc, path)}") from None
    finally:
        os.close(fd)


def _size(n: int) -> str:
    return f"{n >> 20} MiB" if n % (1 << 20) == 0 else f"{n} bytes"


# --- Locking --------------------------------------------------------------------------------------
#
# A session that rewrites a file (`assess take`, `suggest --review`) holds two locks (fcntl.flock, not
# waiting): one on ``.NAME.lock`` beside the file, for the name (the file may not exist yet), and one on
# the file itself, for what it is: another name of it (a hard link, or a path through other folders)
# leads to the same locked file. Every write renames a new file over the old, so the session locks
# each new file before the rename makes it visible (write_atomic does, for a path a lock is held on),
# and keeps its first file locked as well: a hard link made earlier still names that one.

_HELD: dict[str, list[int]] = {}  # real path -> descriptors of its files this process holds locked


def lock_path(path: Path) -> Path:
    """The lock file beside ``path`` (beside its link's target): ``.NAME.lock``."""
    real = Path(os.path.realpath(path))
    name = f".{real.name}.lock"
    if len(os.fsencode(name)) > NAME_MAX:
        import hashlib

        name = f".{hashlib.sha256(os.fsencode(real.name)).hexdigest()[:16]}.lock"
    return real.with_name(name)


def _busy(exc: OSError) -> bool:
    return exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES)


def _lock_name(path: Path, holder: str) -> int:
    """A descriptor of ``path``'s lock file, locked."""
    import fcntl

    lock = lock_path(path)
    for _ in range(10):
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        except OSError as exc:
            raise FileError(f"{shown(path)}: cannot write: {_reason(exc, lock)}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if _busy(exc):
                raise FileError(
                    f"{shown(path)}: another {holder} is using it (it holds {shown(lock)}); "
                    "finish that one first"
                ) from None
            raise FileError(f"{shown(path)}: cannot lock: {_reason(exc, lock)}") from None
        try:  # a holder that just finished may have removed the file we opened: lock the one there
            same = os.fstat(fd).st_ino == os.stat(lock).st_ino
        except OSError:
            same = False
        if same:
            return fd
        os.close(fd)
    raise FileError(f"{shown(path)}: cannot lock {shown(lock)}")  # pragma: no cover - ten in a row


def _lock_file(path: Path, holder: str) -> int | None:
    """A descriptor of the file ``path`` names, locked; None if there is no regular file there yet
    (reading it says what is wrong with anything else)."""
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return None
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if _busy(exc):
            raise FileError(
                f"{shown(path)}: another {holder} is using this file under another name (a link to it); "
                "finish that one first"
            ) from None
        return None  # a file system without locks: the name's lock still holds
    return fd


def _hold_new(tmp: str, real: Path) -> None:
    """Lock the file about to be renamed to ``real`` if this process holds ``real``'s lock: it keeps
    its first file and this one locked, and lets go of the one this replaces."""
    held = _HELD.get(str(real))
    if held is None:
        return
    import fcntl

    with contextlib.suppress(OSError):
        fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a new file: nobody else has it
        except OSError:
            os.close(fd)
            return
        if len(held) > 1:
            os.close(held.pop())
        held.append(fd)


@contextlib.contextmanager
def exclusive_lock(path: Path, holder: str) -> Iterator[None]:
    """Hold ``path``'s locks (its name's and its file's, see above) while the block runs; another
    process holding either is a ``FileError`` naming ``holder``. The lock file is removed afterwards."""
    try:
        import fcntl  # noqa: F401
    except ImportError:  # pragma: no cover - not POSIX: no locking
        yield
        return
    lock = lock_path(path)
    fd = _lock_name(path, holder)
    held: list[int] = []
    real = os.path.realpath(path)
    try:
        first = _lock_file(path, holder)
        if first is not None:
            held.append(first)
        _HELD[real] = held
        yield
    finally:
        _HELD.pop(real, None)
        for kept in held:
            os.close(kept)
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)
