"""Which files already in the directory an import may write over: only earlier imports of the same thing.

A regular file (not a symbolic link) is replaced when it holds exactly what the import writes, or when it is
- a framework file of the same CASE document (the same ``case_identifier``), or
- a crosswalk file of the same id with links, every one of which came from a CASE association, and no
  review record.
Anything else (a reviewed crosswalk, a framework of another document, a file that is not data, a folder,
a FIFO or a link with the name) is kept, and the import refused: data is never lost to an import. So is a
document already imported under another name (``twins``): one document, two frameworks.
"""

from __future__ import annotations

from pathlib import Path


def replaceable(path: Path, new_text: str) -> bool:
    """Whether the import may write ``new_text`` over ``path``, which exists (see the module docstring)."""
    from ..errors import CrosswalkError
    from ..fileio import read_regular
    from ..loader.generic import kind_of, read_crosswalk, read_framework
    from ..loader.yamlread import MAX_FILE_BYTES

    new = new_text.encode("utf-8")
    if path.is_symlink():  # writing would go through it, outside the folder
        return False
    try:
        old = read_regular(path, MAX_FILE_BYTES)
        if old is None or old == new:
            return old is not None
        if kind_of(path, old) != kind_of(path, new):
            return False
        if kind_of(path, old) == "framework":
            ident = read_framework(path, old).info.extra.get("case_identifier", "")
            return bool(ident) and ident == read_framework(path, new).info.extra.get("case_identifier")
        was, now = read_crosswalk(path, old), read_crosswalk(path, new)
        from_case = all(k.provenance.get("case_identifier") for k in was.links)
        return was.info.id == now.info.id and bool(was.links) and from_case and not was.reviewed
    except CrosswalkError:
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
    from ..errors import CrosswalkError
    from ..fileio import read_regular
    from ..loader.generic import kind_of, read_framework
    from ..loader.yamlread import MAX_FILE_BYTES

    def document(path: Path, raw: bytes) -> tuple[str, str]:
        try:
            if kind_of(path, raw) != "framework":
                return "", ""
            info = read_framework(path, raw).info
        except CrosswalkError:
            return "", ""
        return info.extra.get("case_identifier", ""), info.id

    new = {d: name for name, text in files.items() if (d := document(folder / name, text.encode("utf-8"))[0])}
    if not new or not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name in files:
            continue
        try:
            raw = read_regular(path, MAX_FILE_BYTES)
        except CrosswalkError:
            continue  # the load check says what is wrong with it
        ident, fid = document(path, raw) if raw is not None else ("", "")
        if ident in new:
            found.append((path, fid, new[ident]))
    return found
