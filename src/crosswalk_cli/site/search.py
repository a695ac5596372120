"""Search in the browser with no server and no network: the build writes an inverted index as a script
(``search-index.js``, loaded by a ``<script>`` element, which browsers allow from ``file://`` where they
refuse ``fetch``), and ``search.js`` looks words up in it by prefix. docs/site.md compares it with
static-search libraries."""

from __future__ import annotations

import json
import re
import unicodedata

from .html import page
from .paths import Doc, Site

INDEX = "search-index.js"
SNIPPET = 160  # characters of a result's text shown under it
_WORD = re.compile(r"[^\W_]{2,}")


def words(text: str) -> list[str]:
    """The words of a text as the index keeps them: lower case, accents dropped, two letters or more
    (search.js reads a query the same way)."""
    flat = unicodedata.normalize("NFKD", text.lower())
    flat = "".join(c for c in flat if not unicodedata.combining(c))
    return _WORD.findall(flat)


def index_script(docs: list[Doc]) -> bytes:
    hits: dict[str, list[int]] = {}
    for n, d in enumerate(docs):
        for w in dict.fromkeys(words(f"{d.title} {d.kind} {d.text}")):
            hits.setdefault(w, []).append(n)
    order = sorted(hits)
    rows = [[d.path, d.title, d.kind, " ".join(d.text.split())[:SNIPPET]] for d in docs]
    data = {"docs": rows, "words": order, "hits": [hits[w] for w in order]}
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e")  # nothing that could end a script
    return f"window.CROSSWALK_SEARCH={text};\n".encode("ascii")


def search_page(site: Site) -> None:
    here = "search.html"
    body = (
        "<h1>Search</h1>"
        '<form role="search" action="search.html" method="get"><label for=q>Words to find</label> '
        "<input id=q name=q type=search autocomplete=off> <button type=submit>Search</button></form>"
        "<noscript><p class=warning>Search needs JavaScript, which is off. Every page can be reached "
        'from the <a href="index.html">home page</a> without it.</p></noscript>'
        "<p>Search runs in this browser from an index built with the site: no server and no network, "
        "opened from a web server or straight from the files (file://) alike. Every word must match "
        "the start of a word on the page.</p>"
        "<p id=count role=status aria-live=polite></p><ol id=results class=results></ol>"
    )
    site.files[here] = page(
        here,
        "Search",
        body,
        crumbs=[("index.html", "Home")],
        scripts=[INDEX, "search.js"],
        canonical=site.canonical(here),
    )
    site.files[INDEX] = index_script(site.docs)
