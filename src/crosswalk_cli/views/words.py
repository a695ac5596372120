"""The words of a page about a crosswalk's frameworks: level names, the name of their tags, relation
headings and phrases, all from the data (text/phrases.py has the defaults), never from the code."""

from __future__ import annotations

from collections.abc import Sequence

from ..queries.records import CrosswalkInfo, FrameworkInfo, ItemRef, Level
from ..text.phrases import Phrases, count, plural

__all__ = ["Words", "a", "cap", "count", "joined", "plural"]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def a(noun: str) -> str:
    """``a standard``, ``an indicator``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def joined(words: Sequence[str], last: str = "and") -> str:
    """``primary and additional``; ``a, b or c``."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


class Words:
    """What a page calls things: ``framework``'s own words, and its crosswalk's, which come first."""

    def __init__(self, framework: FrameworkInfo, crosswalk: CrosswalkInfo | None = None,
                 other: FrameworkInfo | None = None) -> None:  # fmt: skip
        """``framework``: the page's; ``other``: the crosswalk's other framework, where a page shows items
        of both. Phrases: the crosswalk's first, then its source framework's, then the other's."""
        self.framework = framework
        self.crosswalk = crosswalk
        self.other = other
        infos = [i for i in (framework, other) if i is not None]
        source = [i for i in infos if crosswalk is not None and i.id == crosswalk.source]
        given = [dict(i.phrases) for i in infos if i not in source] + [dict(i.phrases) for i in source]
        if crosswalk is not None:
            given.append(dict(crosswalk.phrases))
        self.phrase = Phrases(*given)

    # --- levels ---------------------------------------------------------------------------------
    def level(self, ref: ItemRef) -> Level:
        info = self.framework if ref.framework == self.framework.id or self.other is None else self.other
        return info.level(ref.depth)

    def names(self, level: Level, n: int = 0) -> str:
        """The plural of a level's short name: indicators; its name after a count ``n`` of one."""
        if n == 1:
            return level.name
        return level.plural if level.long == level.name else plural(level.name)

    def names_long(self, level: Level, n: int = 0) -> str:
        """The plural of a level's long name: leader practices; its long name after a count of one."""
        return level.long if n == 1 else level.plural

    def item_name(self, ref: ItemRef) -> str:
        """``Standard I``: the item's level and its label (or code)."""
        return f"{cap(self.level(ref).name)} {ref.label or ref.code}"

    def via(self, ref: ItemRef) -> str:
        return f"via {self.item_name(ref)}"

    # --- tags -----------------------------------------------------------------------------------
    @property
    def tag(self) -> str:
        return self.phrase("tag")

    @property
    def tags(self) -> str:
        return plural(self.tag)

    def lost(self, form: str = "tags_lost") -> str:
        return self.phrase(form, tags=self.tags)

    # --- relations ------------------------------------------------------------------------------
    @property
    def relations(self) -> tuple[str, ...]:
        return self.crosswalk.relation_names if self.crosswalk is not None else ()

    def relation_words(self, relation: str) -> str:
        """How a matrix names the links it counts: ``primary and additional`` for all of them."""
        return joined(list(self.relations)) if relation == "all" else relation

    def group_fact(self, ref: ItemRef) -> str:
        """An ancestor in a fact line; a grouping item by the phrase 'group_fact'."""
        if not self.level(ref).grouping:
            return f"{ref.code} {ref.title}".strip()
        fields = {"code": ref.code, "title": ref.title, "label": ref.label or ""}
        fields.update({f"detail_{k}": v for k, v in ref.details})
        return self.phrase("group_fact", **fields)

    def short_name(self, ref: ItemRef) -> str:
        fields = {"code": ref.code, "title": ref.title, "label": ref.label or ""}
        fields.update({f"detail_{k}": v for k, v in ref.details})
        return self.phrase("short_name", **fields)
