"""rich's layout of plain text and tables, re-done in the standard library for text without styles.

``plaintable`` draws a View to a pipe or a file with this instead of rich, whose import and layout cost
more than the rest of a lookup. The output must be what rich writes there, character for character, so
each function here follows one piece of rich (1 cell a character: callers pass only such text):

- ``wrap``: ``Text.wrap`` with overflow "fold": each line split at ``\\n``, words (``\\s*\\S+\\s*``) laid
  out by ``_wrap.divide_line`` (a word longer than the width folded into pieces of the width), each
  piece's trailing white space cut back to the width (``Text.rstrip_end``), then justified ("left" pads
  to the width; "default" leaves the line) and cut to the width (``Text.truncate``);
- ``measure``: ``Text.__rich_measure__``: (longest word, longest line);
- ``Grid`` and ``Table``: ``rich.table.Table``'s column widths (``_measure_column`` through
  ``Padding`` and ``Measurement.get``, ``_calculate_column_widths``, ``_collapse_widths``,
  ``_ratio.ratio_distribute`` / ``ratio_reduce``) and its rows (``Padding``, ``render_lines``,
  ``Segment.set_shape``, a header aligned to the bottom, cells to the top), for the two kinds
  ``draw()`` uses: ``Table.grid(padding=(0, 1))`` and a ``box.SIMPLE_HEAD`` table with ``pad_edge`` and
  ``show_edge`` off, whose only drawn line is the rule of ``─`` under the header.

Lines come back padded as rich pads them; ``Console.print``'s cropping to the console's width is the
caller's (``crop``). Styles are not modelled: without a terminal rich writes none.
"""

from __future__ import annotations

import re
from itertools import pairwise
from math import ceil
from typing import NamedTuple

_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")


def _divide_line(text: str, width: int, fold: bool) -> list[int]:
    """``rich._wrap.divide_line``: where a line breaks."""
    breaks: list[int] = []
    offset = 0
    position = 0
    while (match := _WORD.match(text, position)) is not None:
        start, position = match.span()
        word = match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width and not fold:  # a line of its own, cut later
            if start:
                breaks.append(start)
            offset = len(word)
        elif length > width:  # folded: a break before each piece of the width
            pieces = [word[i : i + width] for i in range(0, len(word), width)]
            for n, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if n == len(pieces) - 1:
                    offset = len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _rstrip_end(line: str, size: int) -> str:
    """``Text.rstrip_end``: trailing white space removed only as far as the line is over ``size``."""
    if len(line) > size and (match := _TRAILING_SPACE.search(line)) is not None:
        return line[: len(line) - min(len(match.group()), len(line) - size)]
    return line


def wrap(text: str, width: int, *, pad: bool, no_wrap: bool = False, fold: bool = True) -> list[str]:
    """``Text.wrap`` (justify "left" when ``pad``, else "default"; overflow "fold", else "ellipsis":
    a line over the width ends in '…'); ``width`` >= 1."""
    lines: list[str] = []
    for line in text.split("\n"):
        if no_wrap:
            pieces = [line]
        else:
            bounds = [0, *_divide_line(line, width, fold), len(line)]
            pieces = [_rstrip_end(line[a:b], width) for a, b in pairwise(bounds)]
        for piece in pieces:
            if len(piece) > width:
                piece = piece[:width] if fold else piece[: width - 1] + "…"
            lines.append(piece.ljust(width) if pad else piece)
    return lines


def measure(text: str) -> tuple[int, int]:
    """``Text.__rich_measure__``: the longest word (or line, if none), the longest line."""
    lines = text.splitlines()
    longest = max(map(len, lines)) if lines else 0
    words = text.split()
    return (max(map(len, words)) if words else longest), longest


def _limit(lo: int, hi: int, most: int) -> tuple[int, int]:
    return min(lo, most), min(hi, most)  # Measurement.with_maximum


def _normal(lo: int, hi: int) -> tuple[int, int]:  # Measurement.normalize
    lo = min(max(0, lo), hi)
    return max(0, lo), max(0, lo, hi)


def _measure_padded(text: str, left: int, right: int, most: int) -> tuple[int, int]:
    """``Measurement.get`` of ``Padding(text, (0, right, 0, left))`` within ``most`` cells."""
    if most < 1:
        return 0, 0
    if most - left - right < 1:
        lo, hi = most, most
    else:
        lo, hi = _limit(*_normal(*measure(text)), most)
        if hi < 1:
            lo, hi = 0, 0
        lo, hi = _limit(lo + left + right, hi + left + right, most)
    lo, hi = _limit(*_normal(lo, hi), most)
    return (0, 0) if hi < 1 else _normal(lo, hi)


def ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """``rich._ratio.ratio_reduce``."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            share = min(most, round(ratio * remaining / total_ratio))
            result.append(value - share)
            remaining -= share
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def ratio_distribute(total: int, ratios: list[int], minimums: list[int] | None = None) -> list[int]:
    """``rich._ratio.ratio_distribute`` (which asserts a positive sum of ratios: Unsure instead)."""
    if minimums:
        ratios = [ratio if least else 0 for ratio, least in zip(ratios, minimums, strict=True)]
    total_ratio = sum(ratios)
    if total_ratio <= 0:
        raise Unsure("no ratio to share by")
    remaining = total
    result = []
    for ratio, least in zip(ratios, minimums or [0] * len(ratios), strict=True):
        share = max(least, ceil(ratio * remaining / total_ratio)) if total_ratio > 0 else remaining
        result.append(share)
        total_ratio -= ratio
        remaining -= share
    return result


class Unsure(Exception):
    """A case the plain layout does not model (where rich itself would fail): let rich draw it."""


class Column(NamedTuple):
    """What ``Table.add_column`` is given, and the column's texts: its header, then a cell a row."""

    texts: tuple[str, ...]
    width: int | None = None
    ratio: int | None = None
    no_wrap: bool = False
    max_width: int | None = None
    fold: bool = True  # overflow "fold"; else "ellipsis" (a grid's, by default)


class Table(NamedTuple):
    """A ``rich.table.Table`` of plain text: a grid (no box, no header, padding collapsed) or a section
    (``box.SIMPLE_HEAD``, header shown, expanded); padding (0, 1), edges neither padded nor drawn."""

    columns: tuple[Column, ...]
    grid: bool = False
    title: str = ""

    def _pads(self, i: int) -> tuple[int, int]:
        """(left, right) padding of column ``i``'s cells (``_get_cells``' get_padding); their sum is
        ``_get_padding_width``."""
        left = 0 if self.grid or i == 0 else 1  # collapsed: max(0, left - right) = 0
        right = 0 if i == len(self.columns) - 1 else 1
        return left, right

    def _extra(self) -> int:
        return 0 if self.grid else len(self.columns) - 1

    def _measure_column(self, i: int, most: int) -> tuple[int, int]:
        if most < 1:
            return 0, 0
        column = self.columns[i]
        left, right = self._pads(i)
        if column.width is not None:
            return _limit(column.width + left + right, column.width + left + right, most)
        sizes = [_measure_padded(text, left, right, most) for text in column.texts]
        lo = max((s[0] for s in sizes), default=1)
        hi = max((s[1] for s in sizes), default=most)
        lo, hi = _limit(lo, hi, most)
        if column.max_width is not None:
            lo, hi = _limit(lo, hi, column.max_width + left + right)
        return lo, hi

    def widths(self, most: int) -> list[int]:
        """``_calculate_column_widths`` within ``most`` cells (the width less the rules between)."""
        columns = self.columns
        ranges = [self._measure_column(i, most) for i in range(len(columns))]
        widths = [hi or 1 for _, hi in ranges]
        if not self.grid:  # expand
            ratios = [c.ratio or 0 for c in columns if c.ratio is not None]
            if any(ratios):
                fixed = [0 if c.ratio is not None else hi for (_, hi), c in zip(ranges, columns, strict=True)]
                least = [
                    (c.width or 1) + sum(self._pads(i)) for i, c in enumerate(columns) if c.ratio is not None
                ]
                shares = iter(ratio_distribute(most - sum(fixed), ratios, least))
                widths = [
                    fixed[i] + next(shares) if c.ratio is not None else w
                    for i, (c, w) in enumerate(zip(columns, widths, strict=True))
                ]
        table_width = sum(widths)
        if table_width > most:
            widths = _collapse(widths, [c.width is None and not c.no_wrap for c in columns], most)
            table_width = sum(widths)
            if table_width > most:
                widths = ratio_reduce(table_width - most, [1] * len(widths), widths, widths)
                table_width = sum(widths)
            # re-measured within each width; rich keeps the total of before (so does this)
            widths = [self._measure_column(i, w)[1] or 0 for i, w in enumerate(widths)]
        if table_width < most and not self.grid:
            widths = [
                w + pad for w, pad in zip(widths, ratio_distribute(most - table_width, widths), strict=True)
            ]
        return widths

    def lines(self, most: int) -> list[str]:
        """The table drawn ``most`` cells wide (``__rich_console__``): title, rows, rule under the header."""
        if not self.columns:
            return [""]
        extra = self._extra()
        widths = self.widths(max(0, most - extra))  # as rich's update_width: never below 0
        table_width = sum(widths) + extra
        out = wrap(self.title, table_width, pad=True) if self.title and table_width >= 1 else []
        rows = list(zip(*(c.texts for c in self.columns), strict=True))
        rule = "─" * table_width
        joint = "" if self.grid else " "
        for n, row in enumerate(rows):
            header = n == 0 and not self.grid
            cells = [
                self._cell(i, text, width) for i, (text, width) in enumerate(zip(row, widths, strict=True))
            ]
            height = max(map(len, cells))
            for i, cell in enumerate(cells):
                blanks = [" " * widths[i]] * (height - len(cell))
                cell[:] = blanks + cell if header else cell + blanks
            for k in range(max(1, height)):
                out.append(
                    joint.join(
                        cell[k] if k < len(cell) else " " * w for cell, w in zip(cells, widths, strict=True)
                    )
                )
            if header:
                out.append(rule)
        return out

    def _cell(self, i: int, text: str, width: int) -> list[str]:
        """``render_lines(Padding(text))`` in a column ``width`` cells wide: lines of that width."""
        left, right = self._pads(i)
        inner = width - left - right
        if width < 1 or inner < 1:
            return []
        pad_left, pad_right = " " * left, " " * right
        return [
            pad_left + line + pad_right
            for line in wrap(
                text, inner, pad=True, no_wrap=self.columns[i].no_wrap, fold=self.columns[i].fold
            )
        ]


def _collapse(widths: list[int], wrapable: list[bool], most: int) -> list[int]:
    """``Table._collapse_widths``: the widest wrapable columns narrowed, in turn, toward the next widest."""
    total = sum(widths)
    excess = total - most
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, ok in zip(widths, wrapable, strict=True) if ok)
            second = max(w if ok and w != widest else 0 for w, ok in zip(widths, wrapable, strict=True))
            ratios = [1 if w == widest and ok else 0 for w, ok in zip(widths, wrapable, strict=True)]
            if not any(ratios) or not widest - second:
                break
            widths = ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
            total = sum(widths)
            excess = total - most
    return widths


def crop(lines: list[str], width: int) -> list[str]:
    """``Console.print``'s ``Segment.split_and_crop_lines(..., pad=False)``: each line cut to the width."""
    return [line[:width] for line in lines]
