"""A crosswalk's heat map as SVG inside its page, with the same numbers as a table: a row per target
item, a column per top item of the source framework. A wide matrix has its columns merged into at most
``MAX_COLUMNS`` runs of neighbours; a long one is cut into pages of ``ROWS`` rows."""

from __future__ import annotations

from typing import NamedTuple

from ..queries.matrix import Matrix, MatrixRow
from .html import esc, link, table

CELL, ROW_LABEL, TOP = 34, 96, 30  # geometry, in SVG units
MAX_COLUMNS, ROWS = 24, 30
# Cells have five shades, white to dark blue (style.css: .s0-.s4), and each its number's colour, at
# least 4.5:1 against it (.i0-.i4): grey on white, black on the light blues, white on the dark ones.


class Grid(NamedTuple):
    """The matrix as drawn: column labels (a code, or the first and last code of a run) and the rows."""

    labels: tuple[str, ...]
    titles: tuple[str, ...]
    rows: tuple[tuple[MatrixRow, tuple[int, ...]], ...]
    most: int


def grid(m: Matrix) -> Grid:
    n = len(m.columns)
    size = -(-n // MAX_COLUMNS) if n > MAX_COLUMNS else 1
    runs = [m.columns[k : k + size] for k in range(0, n, size)]
    labels = tuple(r[0].code if len(r) == 1 else f"{r[0].code}–{r[-1].code}" for r in runs)
    titles = tuple(
        f"{r[0].code} {r[0].title}" if len(r) == 1 else f"{len(r)} top items, {r[0].code} to {r[-1].code}"
        for r in runs
    )
    rows = tuple((row, tuple(sum(row.counts[k : k + size]) for k in range(0, n, size))) for row in m.rows)
    return Grid(labels, titles, rows, max((c for _, cs in rows for c in cs), default=0))


def _step(n: int, most: int) -> int:
    """A cell's shade, 0 (none) to 4 (the most)."""
    return 0 if n == 0 else 1 + min(3, (n * 4 - 1) // max(most, 1))


def svg(g: Grid, rows: tuple[tuple[MatrixRow, tuple[int, ...]], ...], caption: str) -> str:
    wide = max(1, max((len(label) for label in g.labels), default=1) // 5)  # merged runs need room
    cell = CELL * wide
    width = ROW_LABEL + cell * len(g.labels)
    height = TOP + CELL * len(rows)
    out = [
        f'<svg class=heat role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{esc(caption)}</title>'
    ]
    for n, (label, title) in enumerate(zip(g.labels, g.titles, strict=True)):
        x = ROW_LABEL + cell * n + cell // 2
        out.append(
            f'<text x="{x}" y="{TOP - 10}" text-anchor="middle">'
            f"<title>{esc(title)}</title>{esc(label)}</text>"
        )
    base = round(CELL * 0.62)
    for y, (row, counts) in enumerate(rows):  # a row is a group moved down; its cells give only x
        out.append(f'<g transform="translate(0 {TOP + CELL * y})">')
        out.append(f'<text x="{ROW_LABEL - 6}" y="{base}" text-anchor="end">{esc(row.item.code)}</text>')
        for n, count in enumerate(counts):
            step, x = _step(count, g.most), ROW_LABEL + cell * n
            out.append(f'<rect x="{x}" width="{cell}" height="{CELL}" class=s{step} />')
            out.append(f'<text x="{x + cell // 2}" y="{base}" class="n i{step}">{count}</text>')
        out.append("</g>")
    return "".join(out) + "</svg>"


def numbers(
    here: str,
    item_path: dict[int, str],
    g: Grid,
    rows: tuple[tuple[MatrixRow, tuple[int, ...]], ...],
    caption: str,
) -> str:
    """The same numbers as a table, for a screen reader and for copying."""
    trs = [
        f"<tr><th scope=row>{link(here, item_path[r.item.key], r.item.code)}</th>"
        + "".join(f"<td>{c}</td>" for c in counts)
        + f"<td>{sum(counts)}</td></tr>"
        for r, counts in rows
    ]
    return (
        "<details><summary>The heat map as a table</summary>"
        + table(caption, ("Item", *g.labels, "Total"), trs, "matrix")
        + "</details>"
    )
