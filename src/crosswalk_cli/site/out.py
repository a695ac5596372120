"""Where the site goes, and what a rebuild may remove: only what an earlier build wrote.

The marker ``.crosswalk-site`` is a manifest: its first line ``HEADER``, then every file and folder the
build wrote (folders end in ``/``), one site path a line. A rebuild replaces OUT only when every entry in
OUT is one its manifest lists; anything else (a file added by hand, a data folder, a hand-made marker)
makes it refuse and change nothing. OUT that is a symbolic link is refused: replacing it would act on
the folder it points to.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import CrosswalkError, ExitStatus

MARK = ".crosswalk-site"
HEADER = "crosswalk site manifest 1"
_MAX_MARK = 64 * 1024 * 1024  # bytes a manifest may have (a 100x site's is about 1 MB)


class SiteError(CrosswalkError):
    exit_code = ExitStatus.USAGE


def manifest(paths: list[str]) -> str:
    """The marker's text for a site of these files: each file, and each folder that holds one."""
    folders = {p.rsplit("/", 1)[0] + "/" for p in paths if "/" in p}
    for f in list(folders):
        while "/" in f[:-1]:
            f = f[:-1].rsplit("/", 1)[0] + "/"
            folders.add(f)
    return "\n".join([HEADER, *sorted(folders | set(paths))]) + "\n"


def _entry(line: str) -> bool:
    """A site path a manifest may list: relative, plain segments, no ``..``."""
    name = line.removesuffix("/")
    parts = name.split("/")
    return bool(name) and all(p not in ("", ".", "..") for p in parts) and not any(c in name for c in "\\\0")


def _listed(out: Path) -> set[str] | None:
    """The entries the marker in ``out`` lists; None when it is not a manifest this command wrote."""
    mark = out / MARK
    try:
        st = os.lstat(mark)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_MARK:
            return None
        with open(mark, "rb") as f:
            text = f.read(_MAX_MARK).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.split("\n")
    if lines[0] != HEADER or lines[-1] != "" or not all(_entry(x) for x in lines[1:-1]):
        return None
    return set(lines[1:-1])


def _unexpected(out: Path, listed: set[str]) -> str | None:
    """The first entry of ``out`` (walked in name order, links never followed) the manifest does not list
    as what it is: a file as a file, a folder as a folder."""
    pending = [""]
    while pending:
        folder = pending.pop()
        for name in sorted(os.listdir(out / folder) if folder else os.listdir(out)):
            rel = f"{folder}{name}"
            if rel == MARK:
                continue
            mode = os.lstat(out / rel).st_mode
            if stat.S_ISDIR(mode) and rel + "/" in listed:
                pending.append(rel + "/")
            elif not (stat.S_ISREG(mode) and rel in listed):
                return rel
    return None


def check(out: Path, data_dir: Path | None) -> set[str]:
    """OUT may be written: it is new, an empty folder, or a site whose manifest lists all it holds.
    The entries a rebuild will remove (none for a new or empty folder); else a usage error."""
    from ..fileio import shown

    if data_dir is not None:
        real, mine = Path(os.path.realpath(out)), Path(os.path.realpath(data_dir))
        if mine == real or mine.is_relative_to(real):
            raise SiteError(f"{shown(out)}: holds --data-dir {shown(data_dir)}; write the site elsewhere")
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        return set()
    except OSError as exc:
        raise SiteError(f"{shown(out)}: cannot use it: {exc.strerror}") from None
    if stat.S_ISLNK(st.st_mode):
        raise SiteError(f"{shown(out)}: is a symbolic link; give the folder itself (links are not followed)")
    if not stat.S_ISDIR(st.st_mode):
        raise SiteError(f"{shown(out)}: is not a folder; give a new or empty folder for the site")
    try:
        entries = os.listdir(out)
        if not entries:
            return set()
        if MARK not in entries:
            raise SiteError(
                f"{shown(out)}: is not empty and was not written by crosswalk site; "
                "give a new or empty folder"
            )
        listed = _listed(out)
        if listed is None:
            raise SiteError(f"{shown(out)}: its {MARK} is not a manifest crosswalk site wrote; nothing done")
        extra = _unexpected(out, listed)
    except OSError as exc:
        raise SiteError(f"{shown(out)}: cannot use it: {exc.strerror}") from None
    if extra is not None:
        raise SiteError(
            f"{shown(out)}: holds {shown(extra)}, which crosswalk site did not write; move it out of the "
            "folder or give another folder (nothing changed)"
        )
    return listed


def remove(old: Path, listed: set[str]) -> bool:
    """Remove the entries of an earlier site (moved to ``old``), then ``old`` itself: nothing the
    manifest does not list. False when something else is left (it appeared since the check)."""
    from contextlib import suppress

    for rel in sorted((r for r in listed if not r.endswith("/")), reverse=True):
        with suppress(OSError):
            os.unlink(old / rel)
    for rel in sorted((r for r in listed if r.endswith("/")), key=lambda r: -r.count("/")):
        with suppress(OSError):
            os.rmdir(old / rel)
    with suppress(OSError):
        os.unlink(old / MARK)
    try:
        os.rmdir(old)
    except OSError:
        return False
    return True
