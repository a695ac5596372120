"""HTML for the site: escaping, file names that are also URLs, relative links, and the page frame.

Everything from the data goes through ``esc``: unsafe characters are written as visible escapes
(text/safe.py), then ``& < > " '`` as entities, so a hostile text shows as text and never as markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import cache

from ..text.safe import escape_text

_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*")


def esc(text: object) -> str:
    """Data text as HTML text or an attribute value (quotes escaped too)."""
    return html.escape(escape_text(str(text)), quote=True)


def slug(text: str) -> str:
    """A name that is one safe path segment and reads like ``text``: letters, digits, dots and hyphens
    stay; any other character (and a leading dot) becomes ``_`` and its UTF-8 bytes in hex."""
    out = []
    for n, ch in enumerate(text):
        if ch.isascii() and (ch.isalnum() or (ch in ".-" and n > 0)):
            out.append(ch)
        else:
            out.append("_" + ch.encode("utf-8", "surrogatepass").hex())
    return "".join(out) or "_"


class Names:
    """File names handed out once each, so that two codes never share a file, even where the file system
    folds case (``A`` and ``a``): a later one that folds to an earlier one gets ``_2``, ``_3``..."""

    def __init__(self) -> None:
        self._given: dict[tuple[str, str], str] = {}
        self._used: set[str] = set()

    def path(self, folder: str, name: str, ext: str = ".html") -> str:
        key = (folder, name)
        if key not in self._given:
            base = f"{folder}/{slug(name)}"
            path, n = base + ext, 1
            while path.casefold() in self._used:
                n += 1
                path = f"{base}_{n}{ext}"
            self._used.add(path.casefold())
            self._given[key] = path
        return self._given[key]


def rel(here: str, there: str) -> str:
    """The relative URL of ``there`` from the page ``here`` (both site paths, ``a/b.html``, made of
    ``slug`` names: nothing in them needs quoting)."""
    return _rel(here.rpartition("/")[0], there)


@cache
def _rel(folder: str, there: str) -> str:
    up = folder.split("/") if folder else []
    down = there.split("/")
    same = 0
    while same < min(len(up), len(down) - 1) and up[same] == down[same]:
        same += 1
    return "../" * (len(up) - same) + "/".join(down[same:])


def link(here: str, there: str, text: str, attrs: str = "") -> str:
    """An ``<a>`` to another page of the site; ``text`` is escaped here."""
    return f'<a href="{rel(here, there)}"{attrs}>{esc(text)}</a>'


_WEB = re.compile(r"https?://", re.IGNORECASE)


def web_link(url: str, text: str, attrs: str = "") -> str:
    """An ``<a>`` to a URL from the data, only when its scheme is http or https (after stripping white
    space); any other URL (``javascript:``, ``data:``...) shows as escaped text and is never an href."""
    url = url.strip()
    if not _WEB.match(url):
        return f"{esc(text)} ({esc(url)})" if text and text != url else esc(url)
    return f'<a href="{esc(url)}"{attrs}>{esc(text)}</a>'


def paragraphs(text: str) -> str:
    """A data text as paragraphs, one per blank-line-separated block; single line feeds kept as breaks."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return "".join("<p>" + "<br>".join(esc(line) for line in b.split("\n")) + "</p>" for b in blocks)


def dl(pairs: Iterable[tuple[str, str]]) -> str:
    """Facts as a description list; values are HTML already (escape them first)."""
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in pairs)
    return f"<dl class=facts>{rows}</dl>" if rows else ""


def page(
    here: str,
    title: str,
    body: str,
    *,
    crumbs: Iterable[tuple[str, str]] = (),
    scripts: Iterable[str] = (),
    canonical: str | None = None,
) -> bytes:
    """A whole page: skip link, header with the site's navigation, breadcrumbs, main, footer.
    ``crumbs`` are (site path, text) pairs above the page's own title; ``body`` is HTML."""
    nav = [("index.html", "Home"), ("search.html", "Search"), ("assess/index.html", "Self-assessment")]
    navs = "".join(f"<li>{link(here, p, t)}</li>" for p, t in nav)
    trail = "".join(f"<li>{link(here, p, t)}</li>" for p, t in crumbs)
    crumb = f'<nav aria-label="Breadcrumb" class=crumbs><ol>{trail}</ol></nav>' if trail else ""
    js = "".join(f'<script src="{rel(here, s)}" defer></script>' for s in scripts)
    canon = f'<link rel="canonical" href="{esc(canonical)}">' if canonical else ""
    text = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title>{canon}"
        f'<link rel="stylesheet" href="{rel(here, "style.css")}">{js}</head>\n<body>'
        f'<a class=skip href="#main">Skip to content</a>'
        f'<header><nav aria-label="Site"><ul>{navs}</ul></nav></header>\n'
        f'<main id=main tabindex="-1">{crumb}{body}</main>\n'
        f"<footer><p>Built by crosswalk from the data it was given. Every page works offline.</p></footer>"
        "</body></html>\n"
    )
    return text.encode("utf-8")


def table(caption: str, heads: Iterable[str], rows: Iterable[str], cls: str = "") -> str:
    """A table with a caption and column headings (text, escaped here); ``rows`` are ``<tr>`` HTML."""
    head = "".join(f"<th scope=col>{esc(h)}</th>" for h in heads)
    attr = f" class={cls}" if cls else ""
    return (
        f"<table{attr}><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
