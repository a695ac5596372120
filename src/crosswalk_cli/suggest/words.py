"""Words as the suggester compares them: content words, a light stemmer, two-word phrases.

The stemmer removes inflections (plurals, -ed, -ing, -ly) and a few derivations that keep the
meaning (-ment, -ion after t or s), and nothing that changes it: 'effects' and 'effective',
'information' and 'informal', 'structural' and 'structured', 'educators' and 'educational' stay
apart, while 'communicate', 'communicates', 'communicating' and 'communication' meet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import pairwise

_STOP = """a about above across after again against all also am an and any are as at be because
    been before being below between both but by can could did do does doing down during each
    either etc eg e g ie few for from further had has have having here how if in into is it
    its itself just may might more most much must no nor not of off on once only or other our
    ours out over own per same should so some such than that the their theirs them themselves
    then there these they this those through to too under until up upon us very via was we were
    what when where whether which while who whom why will with within without would you your
    including include includes well like one two three many every co"""
STOPWORDS = frozenset(_STOP.split())

_WORD = re.compile(r"[a-z0-9]+")
_CLAUSE = re.compile(r"[,.;:()\u2014\u2013/]| and | or ")
_VOWEL = re.compile(r"[aeiouy]")
_KEEP_DOUBLE = ("ll", "ss", "zz", "ff")


def _strip_inflection(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith("sses"):
        return w[:-2]
    if len(w) > 4 and w.endswith(("xes", "ches", "shes", "zes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        return w[:-1]
    for suffix in ("ing", "ed"):
        base = w[: -len(suffix)]
        if w.endswith(suffix) and len(base) >= 3 and _VOWEL.search(base):
            if len(base) > 3 and base[-1] == base[-2] and base[-2:] not in _KEEP_DOUBLE:
                base = base[:-1]  # planned -> plan
            return base
    return w


@cache  # a few hundred distinct words, each met many times
def stem(word: str) -> str:
    """A key shared by the forms of one word: 'assessments' -> 'assess', 'communication' -> 'communicat'."""
    w = _strip_inflection(word)
    if len(w) > 5 and w.endswith("ly"):
        w = w[:-2]
    if len(w) > 6 and w.endswith("ment"):
        w = w[:-4]
    elif len(w) > 6 and w.endswith(("tion", "sion")):
        w = w[:-3]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def words(text: str) -> list[tuple[str, str]]:
    """(stem, word as written, lower case) for each content word of ``text``, in order."""
    text = text.lower().replace("\u2019", "'").replace("'s", "")
    return [
        (stem(w), w) for w in _WORD.findall(text) if w not in STOPWORDS and len(w) > 1 and not w.isdigit()
    ]


def stems(texts: Iterable[str]) -> set[str]:
    return {s for text in texts for s, _ in words(text)}


def phrases(texts: Iterable[str]) -> set[tuple[str, str]]:
    """Two-word phrases as stem pairs: content words next to each other within one clause."""
    found: set[tuple[str, str]] = set()
    for text in texts:
        for clause in _CLAUSE.split(text.lower()):
            ws = [s for s, _ in words(clause)]
            found.update(pairwise(ws))
    return found
