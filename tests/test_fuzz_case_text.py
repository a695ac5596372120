"""A seeded, bounded run of the CASE-import text fuzzer (the long campaign:
`python -m tests.fuzz.fuzz_case_text --n 500`)."""

from __future__ import annotations

from .fuzz import fuzz_case_text


def test_hostile_text_is_refused_or_shown_escaped() -> None:
    outcome = fuzz_case_text.run(40, seed=20240918, checks=6)
    assert outcome.failed == 0, "\n".join(outcome.examples)
    assert outcome.refused > 10 and outcome.imported > 10 and outcome.checks > 50  # both paths, and output
    assert set(outcome.kinds) == {"odd", "unsafe", "both"}
