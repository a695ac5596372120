"""Which files already in the directory an import may write over: only earlier imports of the same thing.

A regular file (not a symbolic link) is replaced when it holds exactly what the import writes, or when it is
- a framework file of the same CASE document (the same ``case_identifier``), or
- a crosswalk file of the same id and no review record, made from the same CASE document (the same
  ``case_identifier``: a crosswalk we exported) or with links every one of which came from a CASE
  association.
Anything else (a reviewed crosswalk, a framework of another document, a file that is not data, a folder,
a FIFO or a link with the name) is kept, and the import refused: data is never lost to an import. So is a
document already imported under another name (``twins``): one document, two frameworks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...model import Crosswalk, Framework


def _parsed(path: Path, raw: bytes) -> Framework | Crosswalk:
    """The framework or crosswalk file ``raw`` holds; a CrosswalkError if it is neither."""
    from ...loader import read_file

    return read_file(path, raw)


def _document(path: Path, raw: bytes) -> tuple[str, str]:
    """(CASE document identifier, framework id) of a framework file, ('', '') for anything else."""
    from ...errors import CrosswalkError
    from ...model import Framework

    try:
        parsed = _parsed(path, raw)
    except CrosswalkError:
        return "", ""
    if not isinstance(parsed, Framework):
        return "", ""
    return parsed.header.extra.get("case_identifier", ""), parsed.id


def replaceable(path: Path, new_text: str) -> bool:
    """Whether the import may write ``new_text`` over ``path``, which exists (see the module docstring)."""
    from ...errors import CrosswalkError
    from ...fileio import read_regular
    from ...loader.yamlread import MAX_FILE_BYTES
    from ...model import Crosswalk, Framework

    new = new_text.encode("utf-8")
    if path.is_symlink():  # writing would go through it, outside the folder
        return False
    try:
        old = read_regular(path, MAX_FILE_BYTES)
        if old is None or old == new:
            return old is not None
        was, now = _parsed(path, old), _parsed(path, new)
    except CrosswalkError:
        return False
    ident = was.header.extra.get("case_identifier", "")
    same_document = bool(ident) and ident == now.header.extra.get("case_identifier")
    if isinstance(was, Framework) and isinstance(now, Framework):
        return same_document
    if isinstance(was, Crosswalk) and isinstance(now, Crosswalk):
        from_case = bool(was.entries) and all(e.provenance.get("case_identifier") for e in was.entries)
        return was.id == now.id and (same_document or from_case) and not was.reviewed
    return False


def kept_files(folder: Path, files: dict[str, str]) -> list[tuple[Path, str]]:
    """(entry, name to write) for the entries of ``folder`` that writing ``files`` would replace (names
    compared without regard to case, as some file systems do) and that are not ``replaceable``."""
    try:
        present = {p.name.casefold(): p for p in folder.iterdir()} if folder.is_dir() else {}
    except OSError:
        return []  # an unreadable folder: the writer says why
    kept = []
    for name, text in files.items():
        old = present.get(name.casefold())
        if old is not None and not (old.name == name and replaceable(old, text)):
            kept.append((old, name))
    return kept


def twins(folder: Path, files: dict[str, str]) -> list[tuple[Path, str, str]]:
    """(existing file, its framework id, the name it would be written as) for each framework file of
    ``folder`` holding a CASE document that ``files`` would write again under another name."""
    from ...errors import CrosswalkError
    from ...fileio import read_regular
    from ...loader.yamlread import MAX_FILE_BYTES

    others = [p for p in sorted(folder.glob("*.yaml")) if p.name not in files] if folder.is_dir() else []
    if not others:  # nothing to compare with: the new files are not parsed (100,000 items: 35 s, 140 MB)
        return []
    new = {
        d: name for name, text in files.items() if (d := _document(folder / name, text.encode("utf-8"))[0])
    }
    if not new:
        return []
    found = []
    for path in others:
        try:
            raw = read_regular(path, MAX_FILE_BYTES)
        except CrosswalkError:
            continue  # the load check says what is wrong with it
        ident, fid = _document(path, raw) if raw is not None else ("", "")
        if ident in new:
            found.append((path, fid, new[ident]))
    return found
