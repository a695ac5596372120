"""Read the data files into the checked model, strictly.

Every problem becomes one line naming the file, the line where it can, and what is wrong; all of a
run's problems are reported at once. A data directory's YAML files say what they are by their top-level
keys: ``framework`` and ``items`` make a framework file, ``crosswalk`` and ``links`` a crosswalk file
(docs/data-format.md). Lookups read the compiled store (see store/), so YAML is parsed only when the
store is built and by ``validate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..datadir import PACKAGED, SELF_ASSESSMENT, Sources
from ..errors import DataError
from ..model import Crosswalk, DataSet, Framework
from .checker import Partial, _describe, seal_of
from .crosswalks import coverage, crosswalk_of
from .frameworks import framework_of
from .yamlread import MAX_DEPTH, MAX_FILE_BYTES, read_bytes, read_yaml
from .yamlvalues import YMap

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "SELF_ASSESSMENT", "DataError", "load_all", "read_bytes", "seal_of"]


MAX_PROBLEMS = 50  # the problem lines one run shows; the others are counted


@dataclass(frozen=True, slots=True)
class _Read:
    path: Path
    origin: str
    record: Framework | Crosswalk
    sealed: bool  # the file carries a seal


def _parsed(path: Path, raw: bytes) -> tuple[str, YMap]:
    """The file's YAML, read once, and what it is: 'framework', 'crosswalk', or a DataError saying why
    it is neither."""
    doc = read_yaml(path, raw)
    if not isinstance(doc, YMap):
        raise DataError([f"{path}:1: the document must be a mapping, found {_describe(doc)}"])
    if "framework" in doc or "items" in doc:
        return "framework", doc
    if "crosswalk" in doc or "links" in doc:
        return "crosswalk", doc
    raise DataError([
        f"{path}:1: missing fields: a framework file has 'framework' and 'items', a crosswalk file "
        "'crosswalk' and 'links' (docs/data-format.md)"
    ])  # fmt: skip


def read_file(path: Path, raw: bytes) -> Framework | Crosswalk:
    kind, doc = _parsed(path, raw)
    return framework_of(path, doc) if kind == "framework" else crosswalk_of(path, doc)


def load_all(src: Sources | None = None, *, cap: int = MAX_PROBLEMS) -> DataSet:
    """Load and check every data file; raise DataError listing every problem found: the first ``cap`` of
    them and a line counting the others (``cap=0``: all of them)."""
    src = src or Sources()
    problems: list[str] = []
    read: list[_Read] = []
    for path, origin in src.files():
        try:
            kind, doc = _parsed(path, read_bytes(path))
        except DataError as exc:
            problems += exc.problems
            continue
        of = framework_of if kind == "framework" else crosswalk_of
        try:
            read.append(_Read(path, origin, of(path, doc), "seal" in doc))
        except DataError as exc:
            problems += exc.problems
            if isinstance(exc, Partial):  # what could be read still joins, so that all is said at once
                read.append(_Read(path, origin, exc.record, "seal" in doc))
    clashes: set[str] = set()
    kept = _replaced(read, problems, clashes)
    crosswalks = [r for r in kept if isinstance(r.record, Crosswalk)]
    frameworks = _ordered([r for r in kept if isinstance(r.record, Framework)], crosswalks)
    problems += _joins(frameworks, crosswalks, clashes)
    if problems:
        raise DataError(capped(problems, cap) if cap else problems)
    return DataSet(
        tuple(r.record for r in frameworks if isinstance(r.record, Framework)),
        tuple(r.record for r in crosswalks if isinstance(r.record, Crosswalk)),
        MappingProxyType({r.record.id: _shown(r) for r in kept}),
        MappingProxyType({_file(r): r.sealed for r in sorted(kept, key=_file)}),
    )


def capped(problems: list[str], limit: int = MAX_PROBLEMS) -> list[str]:
    """The first ``limit`` problems, and a last line counting the others: a file broken everywhere does
    not bury the terminal, and fixing the first ones shows the next."""
    if len(problems) <= limit:
        return problems
    more = len(problems) - limit
    return [*problems[:limit], f"and {more} more problem{'s' if more > 1 else ''} (fix these and run again)"]


def _shown(r: _Read) -> str:
    """Where a record came from, as pages say it: 'packaged', or your file's path."""
    return r.origin if r.origin == PACKAGED else str(r.path)


def _file(r: _Read) -> str:
    """A file in use, as `validate` names it: a packaged one by its name, yours by its path."""
    return r.path.name if r.origin == PACKAGED else str(r.path)


def _replaced(read: list[_Read], problems: list[str], clashes: set[str]) -> list[_Read]:
    """Your file replaces a packaged one of the same id (ids ignore case); two of your own files, or
    two packaged ones, may not share an id."""
    kept: dict[tuple[str, str], _Read] = {}
    for r in read:
        kind = "framework" if isinstance(r.record, Framework) else "crosswalk"
        key = (kind, r.record.id.casefold())
        other = kept.get(key)
        if other is not None and (other.origin == r.origin):
            how = "" if other.record.id == r.record.id else f" ('{other.record.id}': ids ignore case)"
            taken = f"is taken by {other.path.name}, another file of this directory{how}"
            problems.append(f"{r.path}: {kind} id '{r.record.id}' {taken}")
            clashes.add(r.record.id.casefold())
            continue
        kept[key] = r  # a later directory (yours) replaces the packaged file
    return list(kept.values())


def _ordered(frameworks: list[_Read], crosswalks: list[_Read]) -> list[_Read]:
    """Frameworks in the order pages list them: those a crosswalk joins first, in the crosswalks' order
    (its target, then its source), then the others in the order read."""
    rank: dict[str, int] = {}
    for r in crosswalks:
        assert isinstance(r.record, Crosswalk)
        for fid in (r.record.target, r.record.source):
            rank.setdefault(fid, len(rank))
    return sorted(frameworks, key=lambda r: rank.get(r.record.id, len(rank)))


def _joins(frameworks: list[_Read], crosswalks: list[_Read], clashes: set[str]) -> list[str]:
    """Every crosswalk joins two frameworks of the data, and every link names items they have (unless it
    joins a framework two files claim: which one it means cannot be told, and the clash is reported)."""
    problems = []
    codes: dict[str, set[str]] = {}  # by framework id, case folded (ids ignore case)
    leaves: dict[str, list[str]] = {}
    for r in frameworks:
        assert isinstance(r.record, Framework)
        codes[r.record.id.casefold()] = {i.code for i in r.record.items}
        leaves[r.record.id.casefold()] = [i.code for i in r.record.items if not i.children]
    known = ", ".join(r.record.id for r in frameworks) or "none"
    for r in crosswalks:
        x = r.record
        assert isinstance(x, Crosswalk)
        ends = {"from": x.source, "to": x.target}
        if {x.source.casefold(), x.target.casefold()} & clashes:
            continue
        missing = [(key, fid) for key, fid in ends.items() if fid.casefold() not in codes]
        for key, fid in missing:
            problems.append(
                f"{r.path}: '{key}: {fid}' names no framework of the data (the frameworks: {known})"
            )
        if missing:
            continue
        source, target = x.source.casefold(), x.target.casefold()
        for e in x.entries:
            if e.source and e.source not in codes[source]:
                problems.append(f"{r.path}: link {e.seq}: no item '{e.source}' in framework {x.source}")
            for k in e.links:
                if k.target and k.target not in codes[target]:
                    problems.append(f"{r.path}: link {e.seq}: no item '{k.target}' in framework {x.target}")
        problems += coverage(r.path, x, leaves[source], leaves[target])
    return problems
