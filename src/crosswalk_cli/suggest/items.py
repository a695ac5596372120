"""What the suggester is given and what it gives back. Nothing here knows a framework."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple


class Source(NamedTuple):
    """An item to find links for."""

    id: str
    text: str
    context: tuple[str, ...] = ()  # its own sub-items, part of what it says
    parent_text: str = ""  # the title of what it belongs to
    group: str = ""  # items sharing a group are siblings
    area: str = ""  # a wider grouping (groups of groups)
    tags: tuple[str, ...] = ()


class Target(NamedTuple):
    """An item a source may be linked to."""

    id: str
    text: str
    name: str = ""
    parent_text: str = ""  # the statement of what it belongs to
    elements: tuple[str, ...] = ()


class KnownLink(NamedTuple):
    """A link already made. ``weight`` is its share: a link to a whole group of targets, given as
    one link per member, gives each member 1/n."""

    source: str
    target: str
    relation: str  # one of the crosswalk's relations
    weight: float = 1.0
    where: str = ""  # the crosswalk that has it, for the evidence ("... in CROSSWALK")


class Params(NamedTuple):
    """Every choice the suggester makes, fixed in advance (see bench/suggest_eval.py for how)."""

    # how much each part of a document counts
    w_context: float = 1.0
    w_parent: float = 0.5  # a source's parent title
    w_name: float = 2.0
    w_elements: float = 1.0
    w_target_parent: float = 0.3  # a target's parent statement
    # how much a link of a weaker relation counts, relative to the strongest
    other_relation: float = 0.3
    # neighbours: the k most similar sources that have links
    k: int = 7
    # the text signal: "tfidf" (cosine) or "bm25"
    text_model: str = "tfidf"
    bm25_k1: float = 1.2
    bm25_b: float = 0.75
    # naive Bayes smoothing
    bayes_alpha: float = 1.0
    # subtract the mean source before source-to-source similarity
    center: bool = True
    # mixing weights of the signals (each scaled so that its best target has 1): fitted by
    # fit.fit() on the packaged crosswalk (bench/suggest_eval.py), 0 = unused
    w_text: float = 1.99
    w_profile: float = 1.23
    w_bayes: float = 0.85
    w_knn: float = 1.28
    w_siblings: float = 0.9
    w_prior: float = 0.0
    w_area: float = 0.31
    w_tags: float = 0.51
    w_dense_text: float = 0.0
    w_dense_profile: float = 0.0

    def with_weights(self, weights: Mapping[str, float]) -> Params:
        """These params with some signals' weights changed: {"text": 1.0, "knn": 0.0}."""
        changes: dict[str, Any] = {f"w_{k}": float(v) for k, v in weights.items()}
        return self._replace(**changes)


class Vote(NamedTuple):
    """Another source that is linked to the suggested target and resembles the item."""

    source: str
    similarity: float  # cosine of their words, 0..1
    relation: str
    sibling: bool
    where: str = ""  # the crosswalk that has the link


class Suggestion(NamedTuple):
    id: str
    score: float  # 0..1: the weighted mean of the signals
    evidence: list[str]
    signals: dict[str, float]
    shared_words: list[str]
    votes: list[Vote]


class Evaluation(NamedTuple):
    """Leave-one-out: each source with a link of the strongest relation, its own links hidden."""

    n: int
    top1: float  # share of items whose strongest link is the first suggestion
    top3: float
    top5: float
    mrr: float  # mean of 1 / rank of the first accepted target
    recall5: float  # share of all an item's links (by weight) found in its first five
    first_linked: float  # share of items whose first suggestion is one of its links, of any relation
    precision3: float  # mean share of the first three suggestions that are the item's links
    recall8: float  # share of all an item's links (by weight) found in its first eight
    ranks: dict[str, int]  # item -> rank of its first accepted target
