"""The plain table writer (formats/plaintable.py) against rich on made-up Views: seeded random titles,
facts, sections and notes of every option a Column has, words of every length, odd spaces and the
non-ASCII characters it takes, at widths 10 to 250; every case is rich's text byte for byte, or (a
case it leaves to rich) None. Also: its characters are one cell wide in rich, and a label is not markup."""

from __future__ import annotations

import io

import pytest

from crosswalk_cli.formats import table
from crosswalk_cli.formats.plaintable import plain_table
from crosswalk_cli.formats.shape import View


def test_a_label_is_shown_as_given_not_read_as_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fact's label with brackets: rich read it as markup ('[x]' was lost, '[b]' made bold)."""
    monkeypatch.setenv("COLUMNS", "80")
    view = View("c", "T", {}, facts=(("[b]Code[/b] [x]", "v [i]"), ("[/]", "w")))
    out = io.StringIO()
    table.draw(view, out, table.console(out))
    assert [line.rstrip() for line in out.getvalue().splitlines()[1:]] == [
        "[b]Code[/b] [x] v [i]",
        "[/]             w",
    ]
    assert plain_table(view, 80) == table.drawn_text(view)
