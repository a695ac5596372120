"""A View as the plain text a table writes to a pipe or a file, without rich.

To a pipe or a file, ``draw()`` (``table.py``) writes no styles, only layout; rich's import and layout
were most of a lookup's time there. ``plain_table`` lays out the same title, facts grid, sections and
notes with ``plainlayout`` (rich's wrapping and table widths, redone) and gives the very text
``write_table`` would write through rich, or None when it cannot be sure of it, and rich draws.

It is used only when every one of these holds (else rich draws, as before):

- every character of every text shown is one cell wide in rich's own measure and not a control: the
  printable ASCII characters and the line feed, and the ranges in ``ONE_CELL`` (Latin-1 and Latin
  Extended letters and signs; general punctuation: quotation marks, dashes, the ellipsis; arrows); tests
  check them against ``rich.cells`` at every Unicode version rich knows. Wide, combining and zero-width
  characters (and anything else) go to rich. Tabs and other controls never reach the layout:
  ``shown()`` escapes them, as ``draw()`` does;
- the width (COLUMNS, read as ``console()`` reads it) is from ``MIN_WIDTH`` to ``MAX_WIDTH``: the
  range the tests compare with rich;
- nothing makes rich treat the output as a terminal or otherwise: no FORCE_COLOR or TTY_COMPATIBLE
  in the environment (rich writes styles then), not Windows (rich narrows a legacy console by one
  column there), not inside IPython (rich displays there instead of writing);
- rich's own arithmetic would not fail (``plainlayout.Unsure``).
"""

from __future__ import annotations

import builtins
import os
import sys

from ..text.safe import escape_controls
from . import plainlayout as layout
from .shape import Section, View

MIN_WIDTH = 10
MAX_WIDTH = 1000

# Code point ranges (inclusive) one cell wide in rich at every Unicode version it knows, besides ASCII.
ONE_CELL = (
    (0x00A0, 0x00AC),  # Latin-1: no-break space, signs (U+00AD, the soft hyphen, left to rich)
    (0x00AE, 0x024F),  # Latin-1 letters, Latin Extended-A and -B
    (0x2000, 0x200A),  # spaces: en, em, thin, hair ... (white space to str.split and re, as in rich)
    (0x2010, 0x2027),  # dashes, quotation marks, bullets, ellipsis
    (0x202F, 0x205E),  # narrow no-break space, per mille, primes, angle quotation marks ...
    (0x2190, 0x21FF),  # arrows
)
_SAFE = frozenset(
    "\n"
    + "".join(map(chr, range(0x20, 0x7F)))
    + "".join(chr(c) for lo, hi in ONE_CELL for c in range(lo, hi + 1))
)


def fit(section: Section, width: int) -> list[int] | None:
    """Column widths that keep every column at least its ``min_width`` (rich's own sharing may go
    below it and split a word), the room left shared by ratio; None when all fits or nothing can."""
    texts = [[c.header, *(row.get(c.key, "") for row in section.rows)] for c in section.columns]
    widest = [max(len(line) for text in col for line in text.split("\n")) for col in texts]
    least = [w if c.no_wrap else (c.min_width or 1) for c, w in zip(section.columns, widest, strict=True)]
    room = width - 3 * (len(section.columns) - 1)  # a space of padding each side and a rule between
    if sum(widest) <= room or sum(least) > room:
        return None
    sizes = list(least)
    for i, c in enumerate(section.columns):  # short columns (no ratio) whole first, if they fit
        if not c.ratio:
            sizes[i] = max(sizes[i], min(widest[i], room - sum(sizes) + sizes[i]))
    while (spare := room - sum(sizes)) > 0:
        growing = [i for i, size in enumerate(sizes) if size < widest[i]]
        if not growing:
            break
        shares = [section.columns[i].ratio or 1 for i in growing]
        for i, share in zip(growing, shares, strict=True):
            sizes[i] = min(widest[i], sizes[i] + max(1, spare * share // sum(shares)))
        while sum(sizes) > room:  # rounding up overshot: give the last growing column back
            sizes[growing[-1]] -= 1
    return sizes


def _shown(text: str) -> str:
    return escape_controls(text, keep_newlines=True)


def _rich_decides() -> bool:
    """Whether rich would draw to a file differently from the plain layout (module docstring)."""
    env = os.environ
    return (
        "FORCE_COLOR" in env
        or "TTY_COMPATIBLE" in env
        or sys.platform == "win32"
        or hasattr(builtins, "get_ipython")
    )


def cell_text(row: dict[str, str], key: str, shade: bool, sub: str | None) -> str:
    """A table cell's text as ``draw()`` makes it: the value (a count as an even tile), the ``sub`` line."""
    value = _shown(row.get(key, ""))
    if shade:
        value = f" {value:>3} "
    if sub and row.get(sub):
        value += "\n" + _shown(row[sub])
    return value


def plain_table(view: View, width: int) -> str | None:
    """What ``write_table`` writes of ``view`` to a pipe or a file ``width`` columns wide; None: let rich."""
    if not MIN_WIDTH <= width <= MAX_WIDTH or _rich_decides():
        return None
    texts: list[str] = []
    blocks: list[list[str] | layout.Table] = [[_shown(view.title)]]
    if view.facts:
        facts = tuple(zip(*((_shown(label), _shown(value)) for label, value in view.facts), strict=True))
        blocks.append(
            layout.Table(
                (
                    layout.Column(facts[0], no_wrap=True, fold=False),
                    layout.Column(facts[1], ratio=1, fold=False),
                ),
                grid=True,
            )
        )
    for section in view.sections:
        blocks.append([""])
        if not section.rows:
            blocks.append([_shown(f"{section.title}: {section.empty}")])
            continue
        fixed = fit(section, width) if any(c.min_width for c in section.columns) else None
        columns = tuple(
            layout.Column(
                (_shown(c.header), *(cell_text(row, c.key, c.shade, c.sub) for row in section.rows)),
                width=fixed[i] if fixed else None,
                ratio=None if fixed else c.ratio,
                no_wrap=c.no_wrap,
                max_width=c.max_width,
            )
            for i, c in enumerate(section.columns)
        )
        blocks.append(layout.Table(columns, title=_shown(section.title)))
    for note in view.notes:
        blocks += [[""], [_shown(note)]]
    for block in blocks:
        texts += block if isinstance(block, list) else [t for c in block.columns for t in c.texts]
        texts += [block.title] if isinstance(block, layout.Table) else []
    if not all(_SAFE.issuperset(text) for text in texts):
        return None
    lines: list[str] = []
    try:
        for block in blocks:
            if isinstance(block, layout.Table):
                lines += layout.crop(block.lines(width), width)
            else:  # Console.print(Text(...)): wrapped, not padded
                lines += layout.wrap(block[0], width, pad=False)
    except layout.Unsure:
        return None
    return "".join(line.rstrip(" ") + "\n" for line in lines)
