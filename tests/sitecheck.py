"""Reading a built site back, for the site's tests: each page's links, resources and text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    """The links (``<a href>``), the resources a browser fetches (``src``, ``<link href>``), the ids, and
    the text of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.fetched: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))
        elif tag == "link" and a.get("href") and a.get("rel") != "canonical":
            self.fetched.append(str(a["href"]))
        if a.get("src"):
            self.fetched.append(str(a["src"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text("utf-8"))
    p.close()
    return p


def is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme or url.startswith("//"))


def broken_links(site: Path) -> tuple[int, list[str]]:
    """How many internal links every page holds, and those that name no file of the site (or no id
    in it)."""
    count, broken = 0, []
    pages = {p: read(p) for p in site.rglob("*.html")}
    for path, page in pages.items():
        for url in page.links + page.fetched:
            if is_external(url):
                continue
            count += 1
            parts = urlsplit(url)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{path.relative_to(site)} -> {url}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(site)} -> {url} (no such id)")
    return count, broken
