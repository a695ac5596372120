"""The wording of pages about a framework or crosswalk, which the data may give in its own words.

A page speaks of levels, tags and relations by the names the data gives them (a framework's ``levels``,
a crosswalk's ``relations``); what cannot be put together from names (why a framework's tags may be
incomplete, what a heading says) is a phrase: a template with named fields. Each phrase has a plain
default here; a framework or crosswalk file may give its own under ``phrases:`` (docs/data-format.md),
checked when the data is loaded: a known name, and only the fields the phrase offers.
"""

from __future__ import annotations

from collections.abc import Mapping

SCORE_PLACES = 3  # a suggestion's score is stored (suggest/engine.py) and shown to three decimals


def score_text(score: float) -> str:
    """A suggestion's score as every screen, page and file shows it: as stored, ``0.475``."""
    return f"{score:.{SCORE_PLACES}f}"


# name -> (default, the fields it may use)
CATALOG: dict[str, tuple[str, tuple[str, ...]]] = {
    # What a framework calls its tags (one of them).
    "tag": ("tag", ()),
    # Why an item's tags may be incomplete: said of one item, of several ("18 of 108 items ..."), in a
    # parenthesis about several, and in one about one.
    "tags_lost": ("the source may not list all of this item's {tags}", ("tags",)),
    "tags_lost_many": ("may not have all their {tags} listed in the source", ("tags",)),
    "tags_lost_short": ("their source may not list them all", ("tags",)),
    "tags_lost_its": ("its source may not list them all", ("tags",)),
    # Tags recovered from elsewhere: after their codes in a fact, and as a note's heading.
    "tags_recovered": ("recovered from another source", ()),
    "tags_recovered_heading": ("Recovered from other sources", ()),
    # A grouping item (a domain) in a fact line, and an item's short name in a legend.
    "group_fact": ("{code} {title}", ("code", "title", "label")),
    "short_name": ("{code} {title}", ("code", "title", "label")),
    # A crosswalk's entries, as the heading of their errata.
    "entries": ("Entries of the crosswalk", ()),
    # The note under a list of a framework's items counted by relation (crosswalk standards).
    "list_note": (
        "Each count is the number of {sources} a relation links to the item, including those linked to "
        "the whole {parent}.",
        ("sources", "parent"),
    ),
}


def fields_of(template: str) -> list[str]:
    import string  # here: only checking the data asks, and a lookup need not load it

    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


def problem(name: str, template: str) -> str | None:
    """Why a phrase the data gives cannot be used, or None."""
    if name not in CATALOG:
        from difflib import get_close_matches

        close = get_close_matches(name, list(CATALOG), n=1)
        return "no such phrase" + (f"; did you mean '{close[0]}'?" if close else "")
    allowed = CATALOG[name][1]
    try:
        used = fields_of(template)
    except ValueError as exc:
        return f"not a template ({exc}); write a brace as {{{{ or }}}}"
    wrong = [f for f in used if f not in allowed and not f.startswith("detail_")]
    if wrong:
        offered = ", ".join("{" + f + "}" for f in allowed) or "none"
        return f"unknown field {{{wrong[0]}}} (fields: {offered}, and an item's details as {{detail_NAME}})"
    return None


def plural(noun: str) -> str:
    """The English plural of a noun phrase (its last word): indicators, competencies, approaches."""
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


class Phrases:
    """The phrases of a page: the data's own (the last given wins), else the defaults."""

    def __init__(self, *given: Mapping[str, str]) -> None:
        self._given: dict[str, str] = {}
        for mapping in given:
            self._given.update(mapping)

    def __call__(self, name: str, **fields: str) -> str:
        template = self._given.get(name, CATALOG[name][0])
        return template.format_map(_Fields(fields))


class _Fields(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""  # a detail an item lacks


def count(n: int, noun: str, many: str | None = None) -> str:
    """``1 link``, ``4 links``: a count and its noun, agreeing."""
    return f"{n} {noun}" if n == 1 else f"{n} {many or plural(noun)}"
