"""docs/review.md shows real output: its examples, run again in order, print what the page says, and
the review file it shows is, line for line, the one they write."""

from __future__ import annotations

import re

from .review_docs import BLOCK, DOC, render


def test_the_review_page_shows_real_output() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert len(BLOCK.findall(text)) >= 5
    page, written = render(text)
    assert page == text, "run `.venv/bin/python -m tests.review_docs` to refresh docs/review.md"
    [shown] = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    for line in shown.splitlines():
        assert line in written.splitlines(), line
