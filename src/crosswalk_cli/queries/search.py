"""``crosswalk search``: every word must occur; best first."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model import Crosswalk
from .links import keep, theme_match


class SearchHit(NamedTuple):
    kind: str  # "standard" or "competency"
    id: str
    title: str
    text: str
    themes: tuple[str, ...]
    score: int
    themes_incomplete: bool = False
    theme_match: str | None = None


class SearchResult(NamedTuple):
    query: str
    words: tuple[str, ...]
    hits: tuple[SearchHit, ...]
    theme_filter: tuple[str, ...]


_WORD = re.compile(r"\w[\w'’-]*")


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


def search(cw: Crosswalk, query: str, themes: tuple[str, ...] = ()) -> SearchResult:
    """Case-insensitive search; every word must match; best first, then framework order."""
    words = search_words(query)
    hits: list[SearchHit] = []
    if words:
        if not themes:
            for s in cw.standards.values():
                score = _score(words, s.name, s.statement)
                if score:
                    hits.append(SearchHit("standard", s.id, s.name, s.statement, (), score))
            for si in cw.standard_indicators.values():
                body = "\n".join(
                    [si.text, *(f"{e.name + ': ' if e.name else ''}{e.text}" for e in si.elements)]
                )
                score = _score(words, si.name, body)
                if score:
                    hits.append(SearchHit("standard", si.id, si.name, body, (), score))
        for ind in cw.indicators.values():
            if not keep(ind, themes):
                continue
            title = cw.competencies[ind.competency].title
            body = "\n".join([ind.text, *ind.subitems])
            score = _score(words, title, body)
            if score:
                hits.append(
                    SearchHit(
                        "competency",
                        ind.id,
                        title,
                        body,
                        ind.themes,
                        score,
                        ind.themes_incomplete,
                        theme_match(ind, themes),
                    )
                )
    order = {id(h): n for n, h in enumerate(hits)}
    hits.sort(key=lambda h: (-h.score, order[id(h)]))
    return SearchResult(query, words, tuple(hits), themes)
