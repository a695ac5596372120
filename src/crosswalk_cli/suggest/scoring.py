"""Signals mixed into a ranking, and how good a ranking is: top-k accuracy, mean reciprocal rank and
recall against known links."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .items import Evaluation, KnownLink


def evaluate_rankings(
    links_of: Callable[[str], Sequence[KnownLink]], strongest: str, rankings: Mapping[str, Sequence[str]]
) -> Evaluation:
    """Score rankings against the known links (``links_of`` an item's): top-k, MRR and the rank count a
    target of a link of the ``strongest`` relation; the first suggestion, precision and recall count
    every link (what a reviewer accepts), recall by each link's weight."""
    hit1 = hit3 = hit5 = rr = recall5 = recall8 = first = precision3 = 0.0
    ranks: dict[str, int] = {}
    for i, ranking in rankings.items():
        links = links_of(i)
        accepted = {lk.target for lk in links if lk.relation == strongest}
        rank = next((k + 1 for k, t in enumerate(ranking) if t in accepted), len(ranking) + 1)
        ranks[i] = rank
        hit1 += rank == 1
        hit3 += rank <= 3
        hit5 += rank <= 5
        rr += 1.0 / rank if rank <= len(ranking) else 0.0
        linked = {lk.target for lk in links}
        first += bool(ranking) and ranking[0] in linked
        precision3 += len(linked.intersection(ranking[:3])) / 3
        recall5 += _recall(links, ranking[:5])
        recall8 += _recall(links, ranking[:8])
    n = len(rankings)
    d = n or 1
    return Evaluation(
        n, hit1 / d, hit3 / d, hit5 / d, rr / d, recall5 / d, first / d, precision3 / d, recall8 / d, ranks
    )


def _recall(links: Sequence[KnownLink], first: Sequence[str]) -> float:
    """The share of the links (by weight) whose target is among ``first``."""
    total = sum(lk.weight for lk in links)
    shown = set(first)
    return sum(lk.weight for lk in links if lk.target in shown) / total if total else 0.0


def combine(
    sig: Mapping[str, Mapping[str, float]], weights: Mapping[str, float], order: Sequence[str]
) -> list[tuple[str, float]]:
    """Weighted mean of the signals per target (a score in [0, 1]), best first; ties keep ``order``."""
    used = [k for k in sig if weights.get(k, 0.0) > 0]
    total = sum(weights[k] for k in used) or 1.0
    scores = [(t, sum(weights[k] * sig[k][t] for k in used) / total) for t in order]
    return sorted(scores, key=lambda x: -x[1])


def scaled(scores: Mapping[str, float]) -> dict[str, float]:
    """Best target 1; a signal that is the same for every target says nothing, so 0 for all."""
    top = max(scores.values(), default=0.0)
    if top <= 0 or top == min(scores.values()):
        return dict.fromkeys(scores, 0.0)
    return {t: s / top for t, s in scores.items()}
