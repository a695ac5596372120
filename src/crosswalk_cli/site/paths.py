"""Where each page of the site lives, and what every page builder shares: the store, the file names
handed out so far, the pages written, and the search entries gathered on the way."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from ..queries import fetch
from ..queries.records import CrosswalkInfo, ItemRef
from .html import Names, esc, slug

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
