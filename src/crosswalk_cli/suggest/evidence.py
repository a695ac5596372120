"""Evidence in words a reader can check against the two texts: shared words and phrases, words
shared with the items already linked to the target, and the similar items that vote for it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .index import Spellings, source_parts
from .items import Params, Source, Target, Vote
from .words import phrases, stems, words

MAX_WORDS = 6
MAX_VOTES = 4


class Wording:
    """Says stems as the item writes them, and as the target writes them where that differs."""

    def __init__(self, source: Source, params: Params, spellings: Spellings) -> None:
        self.source = source
        self.spellings = spellings
        self.own = stems([source.text, *source.context])  # not its parent's title
        self.mine: dict[str, str] = {}
        for text, _ in source_parts(source, params):
            for s, w in words(text):
                self.mine.setdefault(s, w)
        self.phrases = phrases([source.text, *source.context])

    def spell(self, stem: str) -> str:
        if stem in self.mine:
            return self.mine[stem]
        seen = self.spellings.get(stem)
        return max(seen.items(), key=lambda kv: kv[1])[0] if seen else stem  # the first of the most used

    def shared_words(self, vec: Mapping[str, float], tvec: Mapping[str, float], target: Target) -> list[str]:
        """Words in both, the most telling first; 'effects ~ effect' where two forms were joined."""
        theirs: dict[str, str] = {}
        for text in (target.name, target.text, *target.elements):
            for s, w in words(text):
                theirs.setdefault(s, w)
        ranked = sorted(((x * tvec[s], s) for s, x in vec.items() if s in tvec), key=lambda c: (-c[0], c[1]))
        out = []
        for _, s in ranked:
            mine, other = self.spell(s), theirs.get(s)
            if other is None:
                out.append(f"{mine} (in the target's parent statement)")
                continue
            word = mine if mine == other else f"{mine} ~ {other}"
            out.append(word if s in self.own else f"{word} (in the item's parent title)")
        return out[:MAX_WORDS]

    def lines(
        self,
        target: Target,
        shared: Sequence[str],
        vec: Mapping[str, float],
        profile: Mapping[str, float],
        tvec: Mapping[str, float],
        votes: Sequence[Vote],
    ) -> list[str]:
        out = []
        both = self.phrases & phrases([target.name, target.text, *target.elements])
        if both:
            out.append(
                "shared phrases: " + ", ".join(sorted(f"{self.spell(a)} {self.spell(b)}" for a, b in both))
            )
        if shared:
            out.append("shared words: " + ", ".join(shared))
        linked = sorted(
            ((x * profile[s], s) for s, x in vec.items() if s in profile and s not in tvec),
            key=lambda c: (-c[0], c[1]),
        )
        linked_words = [self.spell(s) for c, s in linked[:5] if c > 0.005]
        if linked_words:
            out.append("words it shares with items already linked here: " + ", ".join(linked_words))
        for v in votes[:MAX_VOTES]:
            how = "similar, same group" if v.sibling else "similar"
            where = f" in {v.where}" if v.where else ""
            out.append(
                f"{v.source}, {v.similarity:.2f} {how}, is aligned to {target.id} ({v.relation}){where}"
            )
        return out
