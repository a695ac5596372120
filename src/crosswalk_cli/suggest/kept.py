"""The suggester's words and sums kept between runs, so that one lookup does not rebuild them.

Ranking reads every item's words and, per target, sums over its known links; working them out
takes longer than the rest of a ``suggest`` run. They depend only on the inputs, the parameters
and this package's code, so they are kept in the cache directory beside the store, under a key that
spells all of those out in full (the inputs by value, the code by its files' sizes and times).

The format is ``marshal``, the one Python keeps its own compiled modules in (``__pycache__``), with
the same trust: a file in the user's own cache directory. It reads in a fifth of the time JSON
takes, which is what makes keeping worth it. A file whose key differs, that cannot be read, or whose
contents are not shaped as below is ignored and written again; a cache directory that cannot be
written only costs the time.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from .engine import Suggester
from .index import Centred, TextIndex
from .items import KnownLink, Params, Source, Target

# What is kept, per object: attribute -> (how many levels of mappings hold its numbers, whose ids key
# the outermost: "s" the sources, "t" the targets, "" any words).
_SUGGESTER = {
    "spellings": (2, ""),
    "_sbag": (2, "s"),
    "_svec": (2, "s"),
    "_prior": (1, "t"),
    "_word_sum": (2, "t"),
    "_class_sum": (1, "t"),
    "_profile_unit": (2, "t"),
}
_INDEX = {
    "idf": (1, ""),
    "_unseen_idf": (0, ""),
    "target_bags": (2, "t"),
    "_bm25_idf": (1, ""),
    "_length": (1, "t"),
    "_mean_length": (0, ""),
    "tvec": (2, "t"),
}
_CENTRED = {"mean": (1, ""), "mm": (0, ""), "mdot": (1, "s"), "cnorm": (1, "s")}
_NUMBERS = {int, float}
# A kept state larger than this is neither written nor read (its size is checked before it is read):
# the shipped data's state is 0.4 MB and grows with the data, 35 MB at 100 times its size (the
# largest scale kept); past that, suggest works its sums out at each run instead.
MAX_BYTES = 64 << 20
KEEP = 16  # kept files in the cache directory; the least recently written go first


def suggester(
    sources: Sequence[Source],
    targets: Sequence[Target],
    links: Sequence[KnownLink],
    strongest: str,
    params: Params | None = None,
) -> Suggester:
    """A Suggester for these inputs, its words and sums read from the cache when they were kept."""
    params = params or Params()
    sg = Suggester(sources, targets, links, params, strongest=strongest, derive=False)
    key = _key(sg)
    path = _path(sg)
    if not _restore(sg, _read(path, key)):
        sg.derive()
        _write(path, key, _dump(sg))
    return sg


def _code() -> str:
    """This package's suggest modules by size and time: a change of code is a change of key."""
    here = Path(__file__).resolve().parent
    stats = sorted((p.name, p.stat()) for p in here.glob("*.py"))
    return ",".join(f"{name}:{st.st_size}:{st.st_mtime_ns}" for name, st in stats)


def _key(sg: Suggester) -> str:
    parts = (__version__, _code(), sg.params, sg.strongest, *sg.sources.values(), *sg.targets.values())
    return repr((*parts, *sg.links))


def _path(sg: Suggester) -> Path:
    """One file per set of items, so a changed text or link replaces its file rather than adding one
    (a changed set of items adds one: ``_prune`` keeps the newest ``KEEP``)."""
    from ..store.cache import cache_dir

    names = "\n".join([*sg.sources, "", *sg.targets]).encode("utf-8", "surrogateescape")
    return cache_dir() / f"suggest-{zlib.crc32(names):08x}-{len(sg.sources)}-{len(sg.targets)}.marshal"


def _read(path: Path, key: str) -> Any:
    """The state kept under ``key``, or None. The state is stored as marshal bytes with their CRC-32,
    so a file damaged on disk is never unmarshalled."""
    from ..fileio import FileError, read_regular

    try:  # a FIFO put in its place is passed by, a file over MAX_BYTES is not read
        raw = read_regular(path, MAX_BYTES)
        if raw is None:
            return None
        # The key comes first, as marshal writes text (UTF-8): a file not kept under this key is
        # passed by before anything in it is unmarshalled (a crafted file cannot spend memory).
        mark = key.encode("utf-8", "surrogatepass")
        if raw.find(mark, 0, len(mark) + 16) < 0:
            return None
        kept = marshal.loads(raw)
        del raw
        if not (isinstance(kept, tuple) and len(kept) == 3 and kept[0] == key):
            return None
        _, crc, blob = kept
        if not isinstance(blob, bytes) or zlib.crc32(blob) != crc:
            return None
        return marshal.loads(blob)
    except (FileError, EOFError, ValueError, TypeError, RecursionError, MemoryError):
        return None


def _write(path: Path, key: str, state: dict[str, Any]) -> None:
    """Write the state whole or not at all (a temporary file renamed over the old one); any failure,
    Ctrl-C included, leaves no temporary file behind."""
    import tempfile

    try:
        blob = marshal.dumps(state)
        kept = marshal.dumps((key, zlib.crc32(blob), blob))
    except ValueError:
        return
    if len(kept) > MAX_BYTES:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(kept)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            return
        raise
    _prune(path.parent)


def _prune(directory: Path) -> None:
    """Remove all but the ``KEEP`` most recently written kept files (regular files only)."""
    import stat

    found = []
    for p in directory.glob("suggest-*.marshal"):
        with contextlib.suppress(OSError):
            st = p.lstat()
            if stat.S_ISREG(st.st_mode):
                found.append((st.st_mtime_ns, p))
    for _, p in sorted(found, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            p.unlink()


def _dump(sg: Suggester) -> dict[str, Any]:
    parts: dict[str, Any] = {
        "suggester": {a: getattr(sg, a) for a in _SUGGESTER},
        "index": {a: getattr(sg.index, a) for a in _INDEX},
    }
    if sg._centred is not None:
        parts["centred"] = {a: getattr(sg._centred, a) for a in _CENTRED}
    return parts


def _restore(sg: Suggester, state: Any) -> bool:
    """Fill ``sg`` from a kept state that has every part, keyed by these sources and targets, made of
    numbers where numbers belong (checked a mapping at a time, so that it stays cheap)."""
    ids = {"s": sg.sources.keys(), "t": sg.targets.keys()}
    shapes = {"suggester": _SUGGESTER, "index": _INDEX, "centred": _CENTRED if sg.params.center else {}}
    if not isinstance(state, dict) or state.keys() != {p for p, fields in shapes.items() if fields}:
        return False
    for part, fields in shapes.items():
        values = state.get(part, {})
        if not isinstance(values, dict) or values.keys() != fields.keys():
            return False
        for name, (depth, keyed) in fields.items():
            value = values[name]
            if not _numbers(value, depth) or (keyed and value.keys() != ids[keyed]):
                return False
    index = TextIndex.__new__(TextIndex)
    vars(index).update(state["index"], params=sg.params)
    vars(sg).update(state["suggester"], index=index, _centred=None)
    if sg.params.center:
        sg._centred = Centred.__new__(Centred)
        vars(sg._centred).update(state["centred"])
    return True


def _numbers(value: Any, depth: int) -> bool:
    """A number (depth 0), {key: number} (1) or {key: {key: number}} (2)."""
    if depth == 0:
        return type(value) in _NUMBERS
    if not isinstance(value, dict):
        return False
    if depth == 1:
        return set(map(type, value.values())) <= _NUMBERS
    return all(isinstance(v, dict) and set(map(type, v.values())) <= _NUMBERS for v in value.values())
