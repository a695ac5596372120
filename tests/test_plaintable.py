"""The plain table writer (formats/plaintable.py) against rich on made-up Views: seeded random titles,
facts, sections and notes of every option a Column has, words of every length, odd spaces and the
non-ASCII characters it takes, at widths 10 to 1000 (most 20 to 200); every case is rich's text byte for
byte, or (a case it leaves to rich) None. Also: its characters are one cell wide in rich, and a label
is not markup."""

from __future__ import annotations

import io
import random

import pytest
from rich.cells import get_character_cell_size

from crosswalk_cli.formats import table
from crosswalk_cli.formats.plaintable import MAX_WIDTH, MIN_WIDTH, ONE_CELL, plain_table
from crosswalk_cli.formats.shape import Column, Section, View
from crosswalk_cli.text.safe import escape_controls


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


# Characters of the words: ASCII (markup-like brackets and backslashes too) and some of ONE_CELL
LETTERS = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789.,;:-_()[]/'\"?!#*+=<>@"
ONE_CELL_SAMPLE = "éüßñÅçøœłŠ’‘“”–—…•→←§°±×÷«»¿¡\u2011\u2032"
SPACES = [" ", " ", " ", " ", "  ", "   ", "\n", " \n", "\n ", "\n\n", "\xa0", "\u2009", "\u202f"]
OTHERS = "\u4e2d\u754c\U0001f600\u0301\u200b\u00ad\ufe0f\u200d\u3000\uff21"  # wide, combining, zero-width...
CONTROLS = "\t\x1b\r\x85\u2028\u202e\x00"  # shown() escapes them: 'a\\tb', as rich shows them


def _word(rng: random.Random, width: int) -> str:
    size = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 12, rng.randint(1, 30), rng.randint(width - 3, width + 5)])
    pool = LETTERS * 3 + ONE_CELL_SAMPLE if rng.random() < 0.3 else LETTERS
    pool += CONTROLS if rng.random() < 0.03 else ""
    pool += "\\" if rng.random() < 0.03 else ""
    return "".join(rng.choice(pool) for _ in range(max(0, size)))


def _text(rng: random.Random, width: int, most: int = 12) -> str:
    parts: list[str] = []
    for _ in range(rng.choice([0, 1, 1, 2, 3, rng.randint(0, most)])):
        parts += [_word(rng, width), rng.choice(SPACES)]
    text = "".join(parts[:-1])
    if rng.random() < 0.15:
        text = rng.choice(SPACES) + text
    if rng.random() < 0.15:
        text += rng.choice(SPACES)
    return text


def _count(rng: random.Random) -> str:
    return rng.choice(["0", "1", "3", "12", "100", "3+1?", "", "-", rng.choice(LETTERS)])


def _section(rng: random.Random, width: int) -> Section:
    columns = []
    for i in range(rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6])):
        shade = rng.random() < 0.15
        columns.append(
            Column(
                f"k{i}",
                _text(rng, width, 3),
                ratio=rng.choice([None, None, 0, 1, 2, 3]),
                no_wrap=rng.random() < 0.25,
                style=rng.choice([None, "bold", "dim"]),
                max_width=rng.choice([None, None, None, rng.randint(1, 40)]),
                min_width=rng.choice([None, None, None, rng.randint(1, 25)]),
                shade=shade,
                sub=f"s{i}" if rng.random() < 0.2 else None,
            )
        )
    rows = []
    for _ in range(rng.choice([0, 1, 1, 2, 3, 5, rng.randint(1, 12)])):
        row = {c.key: _count(rng) if c.shade else _text(rng, width) for c in columns if rng.random() < 0.9}
        row.update({c.sub: _text(rng, width, 4) for c in columns if c.sub and rng.random() < 0.7})
        if rng.random() < 0.1:
            row["_total"] = "1"
        rows.append(row)
    return Section(
        _text(rng, width, 4), tuple(columns), tuple(rows), empty=rng.choice(["None.", "", "nothing"])
    )


def _view(rng: random.Random, width: int) -> View:
    return View(
        "random",
        _text(rng, width, 6),
        {},
        facts=tuple((_text(rng, width, 3), _text(rng, width)) for _ in range(rng.choice([0, 0, 1, 2, 4]))),
        sections=tuple(_section(rng, width) for _ in range(rng.choice([0, 1, 1, 2, 3]))),
        notes=tuple(_text(rng, width) for _ in range(rng.choice([0, 0, 1, 2]))),
        highlight=tuple(_word(rng, width)[:4] for _ in range(rng.choice([0, 0, 1, 2]))),
    )


def _spoiled(rng: random.Random, view: View) -> View:
    """The view with one character it leaves to rich put into its title, a note or a cell."""
    other = rng.choice(OTHERS)
    where = rng.choice(["title", "note", "cell"])
    if where == "cell" and view.sections and view.sections[0].rows and view.sections[0].columns:
        section = view.sections[0]
        key = section.columns[0].key
        row = {**section.rows[0], key: section.rows[0].get(key, "") + other + "x"}
        return view._replace(sections=(section._replace(rows=(row, *section.rows[1:])), *view.sections[1:]))
    if where == "note":
        return view._replace(notes=(*view.notes, f"a{other}b"))
    return view._replace(title=view.title + other)


@pytest.mark.parametrize("seed", range(8))
def test_random_views_are_rich_text(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    plain_cases = left_to_rich = 0
    for _ in range(400):
        width = rng.choice(
            [rng.randint(20, 200)] * 6 + [rng.randint(MIN_WIDTH, 250)] * 3 + [rng.randint(250, MAX_WIDTH)]
        )
        view = _view(rng, width)
        spoiled = rng.random() < 0.1
        if spoiled:
            view = _spoiled(rng, view)
        monkeypatch.setenv("COLUMNS", str(width))
        plain = plain_table(view, width)
        if spoiled:
            assert plain is None, (seed, width, view)
        if plain is None:
            left_to_rich += 1
        else:
            assert plain == table.drawn_text(view), (seed, width, view)
            plain_cases += 1
    assert plain_cases >= 300
    print(f"seed {seed}: {plain_cases} drawn plain, {left_to_rich} left to rich, all equal")


def test_every_character_it_takes_is_one_cell_in_rich() -> None:
    """ONE_CELL against rich's own measure, at every Unicode version rich has a table for (UNICODE_VERSION
    picks one); rich's fast path for text it knows is one cell wide is not used: each character alone."""
    from rich._unicode_data._versions import VERSIONS

    points = [c for lo, hi in ONE_CELL for c in range(lo, hi + 1)] + list(range(0x20, 0x7F))
    assert len(points) > 600
    for version in VERSIONS:
        wrong = [hex(c) for c in points if get_character_cell_size(chr(c), version) != 1]
        assert not wrong, (version, wrong)


@pytest.mark.parametrize(
    "char", ["\u4e2d", "\U0001f600", "e\u0301", "\u200b", "\u00ad", "\u2764\ufe0f", "\uff21"]
)
def test_a_wide_or_zero_width_character_is_left_to_rich(char: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    section = Section(
        "S", (Column("a", "A", ratio=1), Column("b", "B")), ({"a": f"x {char} y" * 5, "b": "1"},)
    )
    view = View("c", "Title", {}, sections=(section,))
    assert plain_table(view, 40) is None
    assert plain_table(view._replace(sections=(section._replace(rows=({"a": "x y " * 5, "b": "1"},)),)), 40)
    out = io.StringIO()
    table.write_table(view, out)
    assert out.getvalue() == table.drawn_text(view) and char in out.getvalue()


@pytest.mark.parametrize("width", [-5, 0, 1, MIN_WIDTH - 1, MAX_WIDTH + 1])
def test_a_width_it_was_not_compared_at_is_left_to_rich(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    view = View("c", "Title", {}, facts=(("Label", "value"),))
    assert plain_table(view, MIN_WIDTH) is not None and plain_table(view, MAX_WIDTH) is not None
    assert plain_table(view, width) is None


@pytest.mark.parametrize("name, value", [("FORCE_COLOR", "1"), ("FORCE_COLOR", ""), ("TTY_COMPATIBLE", "1")])
def test_when_rich_would_see_a_terminal_rich_draws(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FORCE_COLOR (any value, to rich 13) or TTY_COMPATIBLE=1: rich writes styles even to a file."""
    view = View("c", "Title", {}, facts=(("Label", "value"),))
    monkeypatch.setenv(name, value)
    assert plain_table(view, 80) is None


@pytest.mark.parametrize("text", ["a\\[b]", "ends\\", "[bold]x[/]", "\x1b[31m"])
def test_titles_and_headers_are_shown_as_given(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A section title or header is text, not markup, in both writers: before, rich read them as escaped
    markup, which showed 'a\\[b]' as 'a[b]' and doubled a trailing backslash."""
    monkeypatch.setenv("COLUMNS", "80")
    for section in (
        Section(text, (Column("a", "A"),), ({"a": "1"},)),
        Section("S", (Column("a", text),), ({"a": "1"},)),
    ):
        view = View("c", "Title", {}, sections=(section,))
        drawn = table.drawn_text(view)
        assert escape_controls(text) in drawn
        assert plain_table(view, 80) == drawn
