"""A seeded, bounded argument-vector fuzz (the long campaign: `python -m tests.fuzz.fuzz_argv --n 20000`)."""

from __future__ import annotations

import pytest

from .fuzz import fuzz_argv


def test_random_command_lines_end_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CROSSWALK_DATA_DIR", raising=False)
    outcome = fuzz_argv.run(300, seed=20240915)
    assert outcome.failed == 0, "\n".join(outcome.examples)
    assert set(outcome.codes) <= {0, 1, 2}
    assert outcome.codes[0] > 30 and outcome.codes[2] > 30  # it reaches past the parser, and fails too
