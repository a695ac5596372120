"""What a reviewer types at `suggest --review`, read into one action (docs/review.md):

- ``1`` or ``1 3``: accept those suggestions, the first with the strongest relation, the others with the
  next; ``3=additional`` (or a prefix of the relation: ``3=add``) sets one link's relation;
- ``+ID`` (``+MA:2d``, ``+2d``) or ``a ID ...``: link any target by its id, beside or instead of the
  suggestions (``+2d=primary`` with a relation);
- ``n`` (``none``, ``no match``): no target fits;
- ``r TEXT`` (or ``r`` and the text on the next line): why, kept with the item's decision;
- ``t``: the full texts; ``?``: every reply.

Pure: no terminal, no file. The session (review.py) says what each action did, in one line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple


class Pick(NamedTuple):
    target: str  # the target's code
    relation: str
    candidate: int | None  # its place among the suggestions (from 0), None: added by the reviewer


class Action(NamedTuple):
    kind: str  # "accept", "none", "why", "texts", "help", or "wrong" (``text`` says what is wrong)
    picks: tuple[Pick, ...] = ()
    text: str = ""


NONE = ("n", "none", "no", "no match", "nomatch", "reject", "r all")
TEXTS = ("t", "text", "texts")
HELP = ("?", "h", "help")


def number(word: str) -> int | None:
    """A choice number typed in any script's decimal digits ('2', '\u0662', '\uff12'), or None: superscripts
    and circled digits ('\u00b2', '\u2460') are digits to str.isdigit but not numbers to int(), and a number
    of thousands of digits is no choice either."""
    if not word.isdecimal() or len(word) > 6:
        return None
    return int(word)


def read(
    reply: str,
    candidates: Sequence[str],
    relations: Sequence[str],
    targets: Mapping[str, str],
    framework: str,
) -> Action:
    """The action a reply asks for. ``candidates``: the suggested targets' codes, in order; ``targets``:
    every item of the target framework, by its code in lower case (its code as written)."""
    said = reply.strip()
    low = " ".join(said.lower().split())
    if low in NONE:
        return Action("none")
    if low in TEXTS:
        return Action("texts")
    if low in HELP:
        return Action("help")
    if low == "r" or low.startswith("r "):
        return Action("why", text=said[1:].strip())
    words = said.replace(",", " ").split()  # as typed: a message shows an id as the reviewer wrote it
    adding = bool(words) and words[0].lower() in ("a", "add")
    if adding:
        words = [f"+{w.lstrip('+')}" for w in words[1:]]
    if not words:
        return Action("wrong", text="say which target to add: a ID (or +ID)")
    picks: list[tuple[str, str | None, int | None]] = []
    for word in words:
        pick, equals, relation = word.partition("=")
        if equals and not relation:
            return Action("wrong", text=f"name a relation after '=': {', '.join(relations)}")
        found = _target(pick, candidates, targets, framework)
        if isinstance(found, str):
            return Action("wrong", text=found)
        rel = None
        if relation:
            rel = _relation(relation, relations)
            if rel is None:
                return Action("wrong", text=f"no relation '{relation[:20]}' here: {', '.join(relations)}")
        picks.append((found[0], rel, found[1]))
    chosen: list[Pick] = []
    for n, (code, rel, candidate) in enumerate(dict((p[0], p) for p in picks).values()):
        default = relations[0] if n == 0 else relations[min(1, len(relations) - 1)]
        chosen.append(Pick(code, rel or default, candidate))
    rank = {r: n for n, r in enumerate(relations)}
    return Action("accept", tuple(sorted(chosen, key=lambda p: rank[p.relation])))


def _target(
    word: str, candidates: Sequence[str], targets: Mapping[str, str], framework: str
) -> tuple[str, int | None] | str:
    """The target a word names, and its place among the suggestions; or what is wrong with it."""
    if not word.startswith("+"):
        n = number(word)
        if n is None or not 1 <= n <= len(candidates):
            return f"type 1-{len(candidates)}, +ID, n, r, t, s, b or q (? explains each)"
        return candidates[n - 1], n - 1
    ident = word[1:]
    if not ident:
        return "say which target to add: +ID (or a ID)"
    prefix = f"{framework.lower()}:"
    code = ident.lower()[len(prefix) :] if ident.lower().startswith(prefix) else ident.lower()
    if code not in targets:
        shown = ident[:30] + ("…" if len(ident) > 30 else "")
        return f"{framework} has no item '{shown}'"
    real = targets[code]
    return real, (candidates.index(real) if real in candidates else None)


def _relation(word: str, relations: Sequence[str]) -> str | None:
    """The relation a word names: in full, or by the start of one relation's name only."""
    word = word.lower()
    exact = [r for r in relations if r.lower() == word]
    starting = [r for r in relations if r.lower().startswith(word)]
    if exact:
        return exact[0]
    return starting[0] if len(starting) == 1 else None
