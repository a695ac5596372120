"""``crosswalk site OUT/``: the data as a static site that needs no server and no network.

Pages are read from the store through the same queries the commands use (queries/) and written as
HTML here; every link is relative and names a file, so the site works from any static host and from
``file://``. The site is built in a temporary folder beside OUT and moved into place whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .out import MARK, SiteError

if TYPE_CHECKING:
    import sqlite3

    from ..assess.assessment import SelfAssessment
    from ..datadir import Sources

STATIC = ("style.css", "search.js", "assess.js")


def check_base_url(url: str) -> None:
    """An absolute http(s) URL without query or fragment (as CASE's --base-uri), or a usage error."""
    from ..exchange.case import BaseUriError, uri_minter

    try:
        uri_minter(url)
    except BaseUriError:
        shown = url if len(url) <= 80 else url[:80] + "…"
        hint = "give an absolute http(s) URL without query or fragment, e.g. https://example.org/crosswalk/"
        raise SiteError(f"--base-url {shown!r}: {hint}") from None


def render(src: Sources, base_url: str | None = None) -> dict[str, bytes]:
    """Every file of the site, by its path in the site."""
    from importlib.resources import files

    from ..queries import fetch
    from ..queries.catalog import catalog
    from ..store import open_database
    from .crosswalkpage import crosswalk_page
    from .itempage import item_page
    from .pages import framework_page, index_page
    from .paths import Site
    from .search import search_page

    db = open_database(src)
    site = Site(db, base_url)
    survey = _survey(src, db)
    index_page(site, catalog(db), survey is not None)
    for fid, info in site.frameworks.items():
        items = fetch.where(db, "i.framework = ?", (fid,))
        framework_page(site, info, items)
        for ref in items:
            item_page(site, ref.key)
    sqlite = None
    if site.crosswalks:
        from ..exchange.sqliteout import analyst_bytes

        sqlite = "download/data.sqlite"
        site.files[sqlite] = analyst_bytes(src)  # the analyst's file (docs/sqlite.md), not the lookup store
    for cid in site.crosswalks:
        crosswalk_page(site, cid, sqlite)
    if survey is not None:
        from .assesspage import form_page, print_page

        print_page(site, survey)
        form_page(site, survey)
    else:
        from .assesspage import no_survey

        no_survey(site)
    search_page(site)
    static = files(__package__) / "static"
    for name in STATIC:
        site.files[name] = (static / name).read_bytes()
    return site.files


def _survey(src: Sources, db: sqlite3.Connection) -> SelfAssessment | None:
    from ..assess.survey import open_survey, survey_path

    path = survey_path(src)
    if path is None:
        return None
    survey, _ = open_survey(path, db)
    return survey


def build(src: Sources, out: Path, base_url: str | None = None) -> int:
    """Write the site into ``out`` (new, empty, or a site this command wrote before, holding nothing
    else); the file count."""
    from .out import check, manifest, remove

    listed = check(out, src.user)
    files = render(src, base_url)
    real = Path(os.path.realpath(out))
    real.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{real.name[:48]}.", suffix=".tmp", dir=real.parent))
    try:
        for name, data in files.items():
            path = stage / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        (stage / MARK).write_text(manifest(list(files)), encoding="utf-8")
        os.chmod(stage, 0o755)
        if real.exists():
            old = real.parent / f".{real.name[:48]}.old-{os.getpid()}"
            os.rename(real, old)
            os.rename(stage, real)
            if not remove(old, listed):
                from ..fileio import shown
                from ..notice import say

                say(f"{shown(old)}: kept: it holds files the earlier site did not list")
        else:
            os.rename(stage, real)
    except OSError as exc:
        shutil.rmtree(stage, ignore_errors=True)
        from ..fileio import FileError, shown

        raise FileError(f"{shown(out)}: cannot write the site: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return len(files)
