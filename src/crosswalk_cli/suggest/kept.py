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

# What is kept, per object: its attributes, and whose ids key each ("s" the sources, "t" the targets).
_SUGGESTER = {
    "spellings": "",
    "_sbag": "s",
    "_svec": "s",
    "_prior": "t",
    "_word_sum": "t",
    "_class_sum": "t",
    "_profile_unit": "t",
}
_INDEX = {
    "idf": "",
    "_unseen_idf": "",
    "target_bags": "t",
    "_bm25_idf": "",
    "_length": "t",
    "_mean_length": "",
    "tvec": "t",
}
_CENTRED = {"mean": "", "mm": "", "mdot": "s", "cnorm": "s"}


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
    """One file per set of items (so a changed crosswalk replaces its file rather than adding one)."""
    from ..store.cache import cache_dir

    names = "\n".join([*sg.sources, "", *sg.targets]).encode("utf-8", "surrogateescape")
    return cache_dir() / f"suggest-{zlib.crc32(names):08x}-{len(sg.sources)}-{len(sg.targets)}.marshal"


def _read(path: Path, key: str) -> Any:
    """The state kept under ``key``, or None. The state is stored as marshal bytes with their CRC-32,
    so a file damaged on disk is never unmarshalled."""
    import stat

    try:  # opened without blocking and read only if a regular file: a FIFO put in its place is passed by
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        with open(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            kept = marshal.loads(f.read())
        if not (isinstance(kept, tuple) and len(kept) == 3 and kept[0] == key):
            return None
        _, crc, blob = kept
        if not isinstance(blob, bytes) or zlib.crc32(blob) != crc:
            return None
        return marshal.loads(blob)
    except (OSError, EOFError, ValueError, TypeError, RecursionError):
        return None


def _write(path: Path, key: str, state: dict[str, Any]) -> None:
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        blob = marshal.dumps(state)
        with os.fdopen(fd, "wb") as f:
            marshal.dump((key, zlib.crc32(blob), blob), f)
        os.replace(tmp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _dump(sg: Suggester) -> dict[str, Any]:
    parts: dict[str, Any] = {
        "suggester": {
            **{a: getattr(sg, a) for a in _SUGGESTER},
            "spellings": {s: dict(c) for s, c in sg.spellings.items()},
        },
        "index": {a: getattr(sg.index, a) for a in _INDEX},
    }
    if sg._centred is not None:
        parts["centred"] = {a: getattr(sg._centred, a) for a in _CENTRED}
    return parts


def _restore(sg: Suggester, state: Any) -> bool:
    """Fill ``sg`` from a kept state that has every part, keyed by these sources and targets."""
    ids = {"s": sg.sources.keys(), "t": sg.targets.keys()}
    shapes = {"suggester": _SUGGESTER, "index": _INDEX, "centred": _CENTRED if sg.params.center else {}}
    if not isinstance(state, dict) or state.keys() != {p for p, fields in shapes.items() if fields}:
        return False
    for part, fields in shapes.items():
        values = state.get(part, {})
        if not isinstance(values, dict) or values.keys() != fields.keys():
            return False
        if any(
            keyed and not (isinstance(values[a], dict) and values[a].keys() == ids[keyed])
            for a, keyed in fields.items()
        ):
            return False
    index = TextIndex.__new__(TextIndex)
    vars(index).update(state["index"], params=sg.params)
    vars(sg).update(state["suggester"], index=index, _centred=None)
    if sg.params.center:
        sg._centred = Centred.__new__(Centred)
        vars(sg._centred).update(state["centred"])
    return True
