"""``crosswalk search``: items holding every word, best first.

Two rankings over the same items: a crosswalk's two frameworks scored by how often and where the words
occur (every word must occur in the item's title or text, any case: ``search TEXT``); or any frameworks
through the store's full-text index, by bm25, a word matching its prefixes (``search TEXT --framework``).
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation at start-up
# (some 0.02 ms a field, at every start); written as plain types, they cost nothing (tests/test_speed_paths).

import re
import sqlite3
from collections.abc import Sequence
from typing import NamedTuple

from . import fetch
from .links import tag_match, with_context
from .records import CrosswalkInfo, FrameworkInfo, ItemRef, Tag

_WORD = re.compile(r"\w[\w'’-]*")


class SearchHit(NamedTuple):
    item: ItemRef
    side: str  # "target" or "source": which framework of the crosswalk it belongs to
    title: str  # its title, or its parent's where it has none
    text: str  # its text with its parts
    score: int
    tag_match: str | None = None


class SearchResult(NamedTuple):
    crosswalk: CrosswalkInfo
    query: str
    words: tuple[str, ...]
    hits: tuple[SearchHit, ...]
    tag_filter: tuple[str, ...]
    source: FrameworkInfo  # the crosswalk's source framework, whose tags filter
    tags: tuple[Tag, ...]


def search_words(query: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w.lower() for w in _WORD.findall(query)))


def _score(words: tuple[str, ...], title: str, text: str) -> int:
    """0 unless every word occurs; more for whole words, title hits, and the exact phrase."""
    haystack = f"{title}\n{text}".lower()
    score = 0
    for w in words:
        hits = haystack.count(w)
        if not hits:
            return 0
        whole = len(re.findall(rf"\b{re.escape(w)}\b", haystack))
        score += hits + 2 * whole + (3 if w in title.lower() else 0)
    if len(words) > 1 and " ".join(words) in haystack:
        score += 5
    return score


def search(db: sqlite3.Connection, x: CrosswalkInfo, query: str, tags: Sequence[str] = ()) -> SearchResult:
    """The crosswalk's items with a text (not grouping ones), scored; under a tag filter, only the items
    of the framework the tags belong to (its source). Ties keep the frameworks' order, level by level."""
    words = search_words(query)
    hits: list[SearchHit] = []
    if words:
        sides = (("source", x.source),) if tags else (("target", x.target), ("source", x.source))
        for side, fid in sides:
            grouping = [n for n, lv in enumerate(fetch.framework(db, fid).levels) if lv.grouping]
            refs = fetch.where(db, "i.framework = ? AND i.text != ''", (fid,))
            refs = sorted((r for r in refs if r.depth not in grouping), key=lambda r: r.depth)
            known = {r.key: r for r in refs}
            with_context(db, refs, known)
            for r in refs:
                match = tag_match(r, tags)
                if match == "":
                    continue
                title = r.title or (known[r.parent].title if r.parent is not None else "")
                body = "\n".join([r.text, *(f"{p.title + ': ' if p.title else ''}{p.text}" for p in r.parts)])
                score = _score(words, title, body)
                if score:
                    hits.append(SearchHit(r, side, title, body, score, match))
    order = {id(h): n for n, h in enumerate(hits)}
    hits.sort(key=lambda h: (-h.score, order[id(h)]))
    source = fetch.framework(db, x.source)
    return SearchResult(x, query, words, tuple(hits), tuple(tags), source, tuple(fetch.tags(db, x.source)))


class ItemHit(NamedTuple):
    item: ItemRef
    match: str  # the matching passage, each matched word in [brackets]
    rank: float  # bm25: lower is better


class ItemSearch(NamedTuple):
    query: str
    frameworks: tuple[str, ...]
    hits: tuple[ItemHit, ...]


def search_items(db: sqlite3.Connection, words: tuple[str, ...], frameworks: tuple[str, ...]) -> ItemSearch:
    """Items of the given frameworks whose title or text holds every word (a word matches its prefixes:
    'assess' finds 'assessment'), best first by bm25, through the store's full-text index."""
    terms = " AND ".join('"' + w.replace('"', '""') + '"*' for w in words)
    rows = db.execute(
        "SELECT item_search.rowid, snippet(item_search, -1, '[', ']', '…', 24), bm25(item_search)"
        " FROM item_search JOIN item i ON i.key = item_search.rowid WHERE item_search MATCH ?"
        f" AND i.framework IN ({','.join('?' * len(frameworks))}) ORDER BY bm25(item_search), i.position",
        (terms, *frameworks),
    ).fetchall()
    refs = fetch.items(db, [r[0] for r in rows])
    hits = tuple(ItemHit(refs[r[0]], r[1], round(r[2], 4)) for r in rows)
    return ItemSearch(" ".join(words), frameworks, hits)
