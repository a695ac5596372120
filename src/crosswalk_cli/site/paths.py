"""Where each page of the site lives, and what every page builder shares: the store, the file names
handed out so far, the pages written, and the search entries gathered on the way."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple, TypeVar

from ..queries import fetch
from ..queries.records import CrosswalkInfo, ItemRef
from .html import Names, esc, slug

T = TypeVar("T")
PUBLISHED = ("", "published")  # crosswalk statuses whose links a source stands by


class Doc(NamedTuple):
    """One search result: its page, title, kind and the text searched."""

    path: str
    title: str
    kind: str
    text: str


class Site:
    """The site being built: pages by path (bytes), and search entries."""

    def __init__(self, db: sqlite3.Connection, base_url: str | None = None) -> None:
        self.db = db
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        self.names = Names()
        self.files: dict[str, bytes] = {}
        self.docs: list[Doc] = []
        self.frameworks = {fid: fetch.framework(db, fid) for fid in fetch.frameworks(db)}
        self.crosswalks = {cid: fetch.crosswalk(db, cid) for cid in fetch.crosswalks(db)}

    def canonical(self, path: str) -> str | None:
        return self.base_url + path if self.base_url else None

    # --- paths -------------------------------------------------------------------------------------
    def item(self, ref: ItemRef) -> str:
        return self.names.path(f"item/{slug(ref.framework)}", ref.code)

    def framework(self, fid: str) -> str:
        return self.names.path("framework", fid)

    def crosswalk(self, cid: str) -> str:
        return self.names.path("crosswalk", cid)

    def links(self, cid: str, n: int = 1) -> str:
        """Page ``n`` of a crosswalk's links."""
        return self.names.path(self.crosswalk(cid).removesuffix(".html") + "/links", str(n))

    def tag(self, fid: str, code: str) -> str:
        return self.names.path(f"tag/{slug(fid)}", code)

    def downloads(self, cid: str) -> str:
        """The folder of a crosswalk's downloads."""
        return self.names.path("download", cid, "")


def item_label(ref: ItemRef) -> str:
    """``FW:CODE Title`` as plain text."""
    name = ref.title or ref.text
    short = name if len(name) <= 90 else name[:89] + "…"
    return f"{ref.qualified} {short}".strip()


def status_words(x: CrosswalkInfo) -> str:
    """How a crosswalk's status reads on its pages: empty for one a source publishes."""
    status = (x.status or "").strip()
    if status.lower() in PUBLISHED:
        return ""
    return f"Not published: this crosswalk's status is {esc(status)}."


def is_published(x: CrosswalkInfo) -> bool:
    return (x.status or "").strip().lower() in PUBLISHED


PER_PAGE = 250  # rows of a long list on one page: a page stays well under 100 KB


def chunks(rows: list[T], per: int = PER_PAGE) -> list[list[T]]:
    return [rows[n : n + per] for n in range(0, len(rows), per)] or [[]]


def page_paths(site: Site, first: str, count: int, sub: str = "") -> list[str]:
    """The paths of a list's pages: the first is ``first``; page k is ``FIRST-WITHOUT-.html{sub}/k.html``."""
    folder = first.removesuffix(".html") + sub
    return [first] + [site.names.path(folder, str(k)) for k in range(2, count + 1)]


def pager(here: str, paths: list[str], label: str) -> str:
    """Links to every page of a list, the current one marked."""
    from .html import rel

    if len(paths) < 2:
        return ""
    items = "".join(
        f'<li><a href="{rel(here, p)}"'
        + (' aria-current="page"><strong>' if p == here else ">")
        + f"{n}"
        + ("</strong>" if p == here else "")
        + "</a></li>"
        for n, p in enumerate(paths, 1)
    )
    return f'<nav aria-label="{esc(label)}: pages" class=pager><ol>{items}</ol></nav>'
