"""What a store was built from, told by what the files are rather than by the path typed.

The *listing* of a data directory: its real path (symbolic links resolved), its device and inode, and
for every ``*.yaml`` entry (the files the loader reads) its name, where it leads if it is a symbolic
link, its type, device, inode, size, modification time and change time, in nanoseconds. The change
time is set by the kernel at every write, rename, ``touch`` or ``cp -p`` and cannot be set back by a
user, so a file whose listing entry is unchanged has not been written since, except within one tick of
the file system's clock: a file changed less than ``SLACK_NS`` before its listing was taken is *racy*,
and its bytes are compared by SHA-256 until it is older (as git does for its index). A listing costs
one ``stat`` per file; digests are read only when a listing differs or a file is racy.
"""

from __future__ import annotations

import os
import stat

SUFFIX = ".yaml"
# Longer than one tick of any file system clock (FAT's two seconds) plus a little clock skew: a file
# changed longer ago than this cannot change again without its change time moving.
SLACK_NS = 3_000_000_000

# name, symbolic link's real target ('' for none), mode (or -errno when it cannot be read), device,
# inode, size, mtime_ns, ctime_ns
Entry = tuple[str, str, int, int, int, int, int, int]
# real path of the directory, its device and inode, its entries by name
Listing = tuple[str, int, int, tuple[Entry, ...]]
# (name, SHA-256 hex, or what the entry is when it is not a readable file)
Digests = tuple[tuple[str, str], ...]
# the listing, its digests and the names whose entries cannot vouch for their bytes yet (not a NamedTuple:
# defining one costs a lookup 0.2 ms)
Key = tuple[Listing, Digests, tuple[str, ...]]


def listing(real: str) -> Listing:
    """The directory ``real`` (already resolved) as it is now: one ``stat`` per YAML entry."""
    st = os.stat(real)
    entries: list[Entry] = []
    with os.scandir(real) as found:
        for e in found:
            if not e.name.endswith(SUFFIX):
                continue
            target = os.path.realpath(e.path) if e.is_symlink() else ""
            try:
                s = e.stat()
            except OSError as exc:
                entries.append((e.name, target, -(exc.errno or 1), 0, 0, 0, 0, 0))
                continue
            entries.append(
                (e.name, target, s.st_mode, s.st_dev, s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns)
            )
    entries.sort()
    return (real, st.st_dev, st.st_ino, tuple(entries))


def _stats(st: os.stat_result) -> tuple[int, int, int, int, int, int]:
    return (st.st_mode, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _digest(path: str, entry: Entry) -> str:
    """SHA-256 of the file the entry lists, read through one descriptor whose status must match the
    entry before and after reading ('changed' otherwise). Never opens what is not a regular file, and
    opens without blocking, so a FIFO put in its place cannot hang the run."""
    import hashlib

    mode = entry[2]
    if mode < 0:
        return f"unreadable {-mode}"
    if not stat.S_ISREG(mode):
        return f"not a file {stat.S_IFMT(mode):o}"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        return f"unreadable {exc.errno}"
    try:
        if _stats(os.fstat(fd)) != entry[2:]:
            return "changed"
        with open(fd, "rb", closefd=False) as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
        return digest if _stats(os.fstat(fd)) == entry[2:] else "changed"
    except OSError as exc:
        return f"unreadable {exc.errno}"
    finally:
        os.close(fd)


def digests(entries: tuple[Entry, ...], real: str) -> Digests:
    return tuple((e[0], _digest(os.path.join(real, e[0]), e)) for e in entries)


def racy(found: Listing, now_ns: int) -> tuple[str, ...]:
    """The entries changed so recently before ``now_ns`` that a change within the same clock tick
    would not move their times (or whose times lie in the future)."""
    return tuple(e[0] for e in found[3] if e[2] >= 0 and max(e[6], e[7]) >= now_ns - SLACK_NS)


def source_key(real: str) -> Key | None:
    """Listing, digests and racy names, taken so that they agree: None when a file changed meanwhile."""
    import time

    now = time.time_ns()
    first = listing(real)
    sums = digests(first[3], real)
    if "changed" in (d for _, d in sums) or listing(real) != first:
        return None
    return (first, sums, racy(first, now))
