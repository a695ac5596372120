"""Rank targets for a source item, with the evidence behind each.

Signals, each scaled so that its best target has 1, then mixed by the weights in ``Params``:

  text      BM25 (or TF-IDF cosine) of the item's words against the target's own words
  profile   cosine with the centroid of the sources already linked to the target:
            the target described in the source framework's own words
  bayes     naive Bayes: how likely the item's words are among the words of the sources
            already linked to the target (Laplace smoothing, the target's link count as prior)
  knn       the k most similar other sources vote for their links
  siblings  the sources in the item's group vote for their links
  area      the sources in its wider area vote for their links
  tags      sources sharing its tags vote, by the share of tags they have in common
  prior     how often the target is already a link of the strongest relation
  dense_*   text and profile again with dense vectors, when an embedder is given

A link of the strongest relation counts 1 (times its weight), any other ``other_relation``.
Links can be hidden per call: leave-one-out hides the held-out item's own links, and only those.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple, TypeVar

from ..errors import CrosswalkError
from . import evidence
from .index import (
    Bag,
    Centred,
    Spellings,
    TextIndex,
    Vec,
    add,
    bag,
    cosine,
    dot,
    source_parts,
    target_parts,
    unit,
)
from .items import Evaluation, KnownLink, Params, Source, Suggestion, Target, Vote
from .scoring import combine, evaluate_rankings, scaled

Embedder = Callable[[Sequence[str]], Sequence[Sequence[float]]]
SIGNALS = (
    "text",
    "profile",
    "bayes",
    "knn",
    "siblings",
    "area",
    "tags",
    "prior",
    "dense_text",
    "dense_profile",
)


class SuggestError(CrosswalkError, ValueError):
    """The inputs do not make a crosswalk to suggest for (unknown ids, duplicates): one line for the CLI."""


class _Query(NamedTuple):
    source: Source
    bag: Bag
    vec: Vec
    dense: Sequence[float] | None


def document(parts: Iterable[tuple[str, float]]) -> str:
    """One text for an embedder: the parts that count, in order."""
    return " ".join(text for text, weight in parts if text and weight > 0)


class Suggester:
    """The items, their vectors and the known links; ranks targets for a source."""

    def __init__(
        self,
        sources: Sequence[Source],
        targets: Sequence[Target],
        links: Sequence[KnownLink],
        params: Params | None = None,
        *,
        strongest: str,
        embed: Embedder | None = None,
        derive: bool = True,
    ) -> None:
        """``strongest``: the relation whose links count fully (a crosswalk's first); ``derive=False``
        leaves the words and sums unset, for ``suggest.kept`` to fill from a file."""
        self.params = params or Params()
        self.strongest = strongest
        self.sources = _unique(sources, "source")
        self.targets = _unique(targets, "target")
        self.links = tuple(links)
        self._links_of: dict[str, list[KnownLink]] = {}
        for lk in self.links:
            if lk.source not in self.sources:
                raise SuggestError(f"a link names source '{lk.source}', which is not among the sources")
            if lk.target not in self.targets:
                raise SuggestError(f"a link names target '{lk.target}', which is not among the targets")
            self._links_of.setdefault(lk.source, []).append(lk)
        self._links_to: dict[str, list[KnownLink]] = {}  # in the order of _links_of, for the same sums
        for lks in self._links_of.values():
            for lk in lks:
                self._links_to.setdefault(lk.target, []).append(lk)
        self._embed = embed
        self._sdense: dict[str, Sequence[float]] = {}
        self._tdense: dict[str, Sequence[float]] = {}
        self._dense_sum: dict[str, list[float]] = {}
        if embed is not None:
            self._embed_all(embed)
        if derive:
            self.derive()

    def _embed_all(self, embed: Embedder) -> None:
        p = self.params
        sdocs = [document(source_parts(s, p)) for s in self.sources.values()]
        tdocs = [document(target_parts(t, p)) for t in self.targets.values()]
        vectors = list(embed(sdocs + tdocs))
        self._sdense = dict(zip(self.sources, vectors[: len(sdocs)], strict=True))
        self._tdense = dict(zip(self.targets, vectors[len(sdocs) :], strict=True))
        for o, lks in self._links_of.items():
            for lk in lks:
                w = self.strength(lk)
                acc = self._dense_sum.setdefault(lk.target, [0.0] * len(self._sdense[o]))
                for k, x in enumerate(self._sdense[o]):
                    acc[k] += w * x

    def derive(self) -> None:
        """The words of every item, their vectors and, per target, the sums over its known links
        (linked sources' vectors and words, link weights): what every ranking reads."""
        p = self.params
        self.spellings: Spellings = {}
        self._sbag = {i: bag(source_parts(s, p), self.spellings) for i, s in self.sources.items()}
        tbags = {i: bag(target_parts(t, p), self.spellings) for i, t in self.targets.items()}
        self.index = TextIndex(self._sbag, tbags, p)
        self._svec = {i: self.index.tfidf(b) for i, b in self._sbag.items()}
        self._centred = Centred(self._svec) if p.center else None
        profile_sum = {t: self._profile_sum(t) for t in self.targets}
        self._prior: dict[str, float] = dict.fromkeys(self.targets, 0.0)
        self._word_sum: dict[str, dict[str, float]] = {t: {} for t in self.targets}
        self._class_sum: dict[str, float] = dict.fromkeys(self.targets, 0.0)
        for o, lks in self._links_of.items():
            for lk in lks:
                w = self.strength(lk)
                add(self._word_sum[lk.target], self._sbag[o], w)
                self._class_sum[lk.target] += w
                if lk.relation == self.strongest:
                    self._prior[lk.target] += lk.weight
        self._profile_unit = {t: unit(v) for t, v in profile_sum.items()}

    def _profile_sum(self, target: str) -> dict[str, float]:
        """The linked sources' vectors summed, each by its link's strength: the target's profile."""
        acc: dict[str, float] = {}
        for lk in self._links_to.get(target, ()):
            add(acc, self._svec[lk.source], self.strength(lk))
        return acc

    # -- links
    def strength(self, lk: KnownLink) -> float:
        return lk.weight * (1.0 if lk.relation == self.strongest else self.params.other_relation)

    # -- queries
    def _query_of(self, source_id: str) -> _Query:
        if source_id not in self.sources:
            raise SuggestError(f"no source item '{source_id}'")
        s = self.sources[source_id]
        return _Query(s, self._sbag[source_id], self._svec[source_id], self._sdense.get(source_id))

    def _query_for(self, s: Source) -> _Query:
        b = bag(source_parts(s, self.params))
        dense = None
        if self._embed is not None:
            dense = next(iter(self._embed([document(source_parts(s, self.params))])))
        return _Query(s, b, self.index.tfidf(b), dense)

    def similarities(self, q: _Query) -> dict[str, float]:
        """How much each other source resembles the query, by its words."""
        if self._centred is not None:
            return self._centred.similarity(q.vec, self._svec, q.source.id)
        return {o: cosine(q.vec, v) for o, v in self._svec.items() if o != q.source.id}

    def signals(
        self, q: _Query, hidden: frozenset[str]
    ) -> tuple[dict[str, dict[str, float]], dict[str, list[Vote]], dict[str, Vec]]:
        """Each signal per target, scaled to [0, 1]; the votes; the profiles used."""
        p = self.params
        tids = list(self.targets)
        hidden = hidden & self._links_of.keys()
        text = self.index.text_scores(q.bag, q.vec)

        profiles = self._profile_unit
        prior = self._prior
        dense_sums: dict[str, Sequence[float]] = dict(self._dense_sum)
        word_sums = self._word_sum
        class_sums = self._class_sum
        if hidden:
            sums: dict[str, dict[str, float]] = {}
            word_sums = dict(word_sums)
            class_sums = dict(class_sums)
            prior = dict(prior)
            for o in hidden:
                for lk in self._links_of[o]:
                    w = self.strength(lk)
                    if lk.target not in sums:
                        sums[lk.target] = self._profile_sum(lk.target)
                    add(sums[lk.target], self._svec[o], -w)
                    if word_sums[lk.target] is self._word_sum[lk.target]:
                        word_sums[lk.target] = dict(word_sums[lk.target])
                    add(word_sums[lk.target], self._sbag[o], -w)
                    class_sums[lk.target] -= w
                    if o in self._sdense:
                        dense_sums[lk.target] = [
                            a - w * x for a, x in zip(dense_sums[lk.target], self._sdense[o], strict=True)
                        ]
                    if lk.relation == self.strongest:
                        prior[lk.target] -= lk.weight
            profiles = dict(profiles)
            for t, v in sums.items():
                profiles[t] = unit({k: x for k, x in v.items() if x > 1e-12})
        profile = {t: max(0.0, cosine(q.vec, profiles[t])) for t in tids}

        bayes = self._bayes(q.bag, word_sums, class_sums)

        sims = self.similarities(q)
        voters = [o for o in self._links_of if o not in hidden and o != q.source.id]
        nearest = {o for o in sorted(voters, key=lambda o: -sims[o])[: p.k] if sims[o] > 0}
        src = q.source
        sibs = {o for o in voters if src.group and self.sources[o].group == src.group}
        mytags = set(src.tags)
        knn = dict.fromkeys(tids, 0.0)
        sib = dict.fromkeys(tids, 0.0)
        area = dict.fromkeys(tids, 0.0)
        tagv = dict.fromkeys(tids, 0.0)
        votes: dict[str, list[Vote]] = {}
        for o in voters:
            so = self.sources[o]
            in_area = bool(src.area) and so.area == src.area and o not in sibs
            share = len(mytags & set(so.tags)) / len(mytags | set(so.tags)) if mytags and so.tags else 0.0
            if not (o in nearest or o in sibs or in_area or share):
                continue
            for lk in self._links_of[o]:
                w = self.strength(lk)
                if o in nearest:
                    knn[lk.target] += sims[o] * w
                if o in sibs:
                    sib[lk.target] += w / len(sibs)
                if in_area:
                    area[lk.target] += w
                tagv[lk.target] += share * w
                if o in nearest or o in sibs:
                    plain = cosine(q.vec, self._svec[o])
                    votes.setdefault(lk.target, []).append(Vote(o, plain, lk.relation, o in sibs, lk.where))

        dense_text = dict.fromkeys(tids, 0.0)
        dense_profile = dict.fromkeys(tids, 0.0)
        if q.dense is not None:
            for t in tids:
                dense_text[t] = max(0.0, dot(q.dense, self._tdense[t]))
                acc = dense_sums.get(t, ())
                n = math.sqrt(sum(x * x for x in acc))
                dense_profile[t] = max(0.0, dot(q.dense, acc) / n) if n > 1e-9 else 0.0

        raw = {
            "text": text,
            "profile": profile,
            "bayes": bayes,
            "knn": knn,
            "siblings": sib,
            "area": area,
            "tags": tagv,
            "prior": {t: max(0.0, prior[t]) for t in tids},
            "dense_text": dense_text,
            "dense_profile": dense_profile,
        }
        return {k: scaled(v) for k, v in raw.items()}, votes, profiles

    def _bayes(
        self,
        words: Mapping[str, float],
        word_sums: Mapping[str, Mapping[str, float]],
        class_sums: Mapping[str, float],
    ) -> dict[str, float]:
        """exp of the log-posterior per query word, relative to the best target: in (0, 1]."""
        alpha = self.params.bayes_alpha
        vocabulary = len(self.index.idf) + 1
        length = sum(words.values()) or 1.0
        logp = {}
        for t in self.targets:
            counts = word_sums[t]
            total = math.log(max(0.0, sum(counts.values())) + alpha * vocabulary)
            lp = math.log(max(0.0, class_sums[t]) + 0.5)
            for s, c in words.items():
                lp += c * (math.log(max(0.0, counts.get(s, 0.0)) + alpha) - total)
            logp[t] = lp
        best = max(logp.values(), default=0.0)
        return {t: math.exp((lp - best) / length) for t, lp in logp.items()}

    def weights(self) -> dict[str, float]:
        p = self.params
        return {k: float(getattr(p, f"w_{k}")) for k in SIGNALS}

    def _ranked(self, sig: Mapping[str, Mapping[str, float]]) -> list[tuple[str, float]]:
        return combine(sig, self.weights(), list(self.targets))

    def rank(self, source_id: str, hide: Iterable[str] = ()) -> list[tuple[str, float]]:
        """Every target with its score, best first; the links of the sources in ``hide`` unused."""
        sig, _, _ = self.signals(self._query_of(source_id), frozenset(hide))
        return self._ranked(sig)

    # -- the API
    def suggest(self, source_id: str, top: int = 5, hide_own: bool = True) -> list[Suggestion]:
        """The ``top`` targets for a source item, with evidence. ``hide_own`` ignores its own known links."""
        q = self._query_of(source_id)
        return self._suggest(q, frozenset({source_id}) if hide_own else frozenset(), top)

    def suggest_text(
        self,
        text: str,
        top: int = 5,
        *,
        id: str = "",
        context: tuple[str, ...] = (),
        parent_text: str = "",
        group: str = "",
        area: str = "",
        tags: tuple[str, ...] = (),
    ) -> list[Suggestion]:
        """Targets for an item that is not among the sources: it has no links; every source's links vote."""
        if id and id in self.sources:
            raise SuggestError(f"'{id}' is already a source item; use suggest()")
        src = Source(id or "\0", text, context, parent_text, group, area, tags)
        return self._suggest(self._query_for(src), frozenset(), top)

    def _suggest(self, q: _Query, hidden: frozenset[str], top: int) -> list[Suggestion]:
        sig, votes, profiles = self.signals(q, hidden)
        ranked = self._ranked(sig)[: max(0, top)]
        wording = evidence.Wording(q.source, self.params, self.spellings)
        out = []
        for t, score in ranked:
            target = self.targets[t]
            mine = sorted(votes.get(t, []), key=self._vote_order)
            shared = wording.shared_words(q.vec, self.index.tvec[t], target)
            lines = wording.lines(target, shared, q.vec, profiles[t], self.index.tvec[t], mine)
            out.append(
                Suggestion(
                    id=t,
                    score=round(score, 3),
                    evidence=lines,
                    signals={k: round(s[t], 3) for k, s in sig.items() if self.weights()[k] > 0},
                    shared_words=shared,
                    votes=mine,
                )
            )
        return out

    def _vote_order(self, v: Vote) -> tuple[bool, float, str]:
        return (v.relation != self.strongest, -v.similarity, v.source)

    def evaluate(self) -> Evaluation:
        """Leave-one-out over every source with a link of the strongest relation."""
        rankings = {i: [t for t, _ in self.rank(i, hide=(i,))] for i in self.evaluable()}
        return evaluate_rankings(self.links_of, self.strongest, rankings)

    def evaluable(self) -> list[str]:
        return [i for i, lks in self._links_of.items() if any(lk.relation == self.strongest for lk in lks)]

    @property
    def has_dense(self) -> bool:
        return self._embed is not None

    def links_of(self, source_id: str) -> list[KnownLink]:
        return list(self._links_of.get(source_id, ()))


_Item = TypeVar("_Item", Source, Target)


def _unique(items: Sequence[_Item], kind: str) -> dict[str, _Item]:
    out: dict[str, _Item] = {}
    for item in items:
        if item.id in out:
            raise SuggestError(f"{kind} id '{item.id}' is given twice")
        out[item.id] = item
    return out
