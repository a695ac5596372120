"""A seeded, bounded run of the reply fuzzer (the long campaign: `python -m tests.fuzz.fuzz_review --n 300`):
twelve sessions of `suggest --review` and `assess take`, each a real process fed random replies."""

from __future__ import annotations

from .fuzz import fuzz_review


def test_random_replies_end_cleanly() -> None:
    outcome = fuzz_review.run(12, seed=4)  # before the fix, two of these twelve ended in a traceback
    assert outcome.tried == 12
    assert outcome.failed == 0, "\n".join(outcome.examples)
    assert set(outcome.codes) <= {0, 1, 2, 130}
