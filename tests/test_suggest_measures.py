"""`suggest --evaluate`'s measures of what a reviewer sees: the first suggestion one of the item's links
(any relation), precision@3, recall@5 and recall@8 of all its links."""

from __future__ import annotations

import json

import pytest

from crosswalk_cli.suggest import KnownLink
from crosswalk_cli.suggest.scoring import evaluate_rankings

from .conftest import Invoke

LINKS = {
    "A": [KnownLink("A", "T1", "primary"), KnownLink("A", "T2", "additional"),
          KnownLink("A", "T9", "additional", 0.5), KnownLink("A", "T8", "additional", 0.5)],
    "B": [KnownLink("B", "T3", "primary"), KnownLink("B", "T4", "additional")],
}  # fmt: skip
RANKINGS = {
    "A": ["T2", "T5", "T1", "T6", "T7", "T3", "T4", "T9", "T8"],  # an additional link first, the primary 3rd
    "B": ["T5", "T6", "T7", "T1", "T2", "T8", "T9", "T3", "T4"],  # the primary 8th, the additional 9th
}


def test_the_measures_count_every_link_where_a_reviewer_would() -> None:
    e = evaluate_rankings(lambda i: LINKS[i], "primary", RANKINGS)
    assert (e.n, e.top1, e.top3, e.ranks) == (2, 0.0, 0.5, {"A": 3, "B": 8})
    assert e.first_linked == 0.5  # A's first is a link, of a weaker relation
    assert e.precision3 == pytest.approx((2 / 3 + 0) / 2)
    assert e.recall5 == pytest.approx((2 / 3 + 0) / 2)  # A: T1 and T2 of weights 1, 1, 0.5, 0.5
    assert e.recall8 == pytest.approx((2.5 / 3 + 1 / 2) / 2)


def test_evaluate_gives_the_new_measures(invoke: Invoke) -> None:
    result = invoke("suggest", "--evaluate", "MAPLE", "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["top1"], doc["top3"]) == (0.398, 0.685)  # the primary's top-1 and top-3 stay
    figures = {k: doc[k] for k in ("first_linked", "precision3", "recall5", "recall8")}
    assert figures == {"first_linked": 0.75, "precision3": 0.562, "recall5": 0.575, "recall8": 0.762}
    table = invoke("suggest", "--evaluate", "MAPLE").stdout
    for line in ("recall@8: share of all the item's links in the first 8", "precision@3"):
        assert line in table
    assert "the first suggestion is one of the item's links (any relation)  " in table
