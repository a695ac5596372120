"""A View as a terminal table, drawn by rich (imported here only); to a pipe or a file, by plaintable.py
when it can (the same text, without rich): title, facts, sections, notes."""

from __future__ import annotations

import os
from typing import IO, Any

from .plaintable import MAX_WIDTH, fit, plain_table
from .shape import View


def console(out: IO[str], record: bool = False) -> Any:
    """The one place that decides how the terminal is drawn; NO_COLOR and COLUMNS are honoured."""
    from rich.console import Console

    width = height = None
    if not out.isatty():
        width = file_width()
        height = 25  # given, or rich asks the terminals for it at each of a table's many measures
    elif os.environ.get("COLUMNS", "").isdigit() and int(os.environ["COLUMNS"]) > MAX_WIDTH:
        width = MAX_WIDTH  # rich takes COLUMNS over the terminal's own width: held to the same bound
    con = Console(
        file=out, highlight=False, soft_wrap=False, width=width, height=height, emoji=False, record=record
    )
    # rich would exit 1 itself on a closed pipe; raised instead, the entry point ends the run with 0.
    con.on_broken_pipe = _broken_pipe  # type: ignore[method-assign]
    return con


def file_width() -> int:
    """The width drawn to a pipe or a file: COLUMNS, else (unset or not a whole number) 80; at most
    MAX_WIDTH, since rich pads every line to the width (COLUMNS=999999999 was a billion spaces a line)."""
    try:
        return min(int(os.environ.get("COLUMNS", "80")), MAX_WIDTH)
    except ValueError:
        return 80


def _broken_pipe() -> None:
    raise BrokenPipeError


def shade(value: str, top: int, muted: str = "dim") -> str:
    """A background from pale to deep blue by a count's share of the largest; white text when dark.

    Each text colour is at least 4.5:1 on its background (WCAG AA): black on the three pale blues
    (17, 12 and 8.7:1), white on the two deep ones (5.1 and 7.9:1)."""
    try:
        n = int(value)
    except ValueError:
        return ""
    if n == 0 or top == 0:
        return muted
    level = n / top
    steps = ((0.2, "on #dbe9f6"), (0.4, "on #9ecae1"), (0.6, "on #6baed6"), (0.8, "on #2171b5"))
    background = next((bg for limit, bg in steps if level <= limit), "on #08519c")
    return f"{'#ffffff ' if level > 0.6 else '#000000 '}{background}"


def draw(view: View, out: IO[str], con: Any = None, muted: str = "dim") -> None:
    """Draw the view; ``muted`` is the style of secondary text (a colour in pictures, where dim is faint)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from ..text.safe import escape_controls as printable

    def shown(text: str) -> str:  # data may hold escape sequences: show them, do not send them
        return printable(text, keep_newlines=True)

    con = con or console(out)
    con.print(Text(shown(view.title), style="bold"))
    if view.facts:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold cyan", no_wrap=True)
        grid.add_column(ratio=1)
        for label, value in view.facts:
            grid.add_row(Text(shown(label)), Text(shown(value)))  # as Text: a '[b]' in it is no markup
        con.print(grid)
    for section in view.sections:
        con.print()
        if not section.rows:
            con.print(Text(shown(f"{section.title}: {section.empty}"), style="bold"))
            continue
        table = Table(
            title=Text(shown(section.title), style="bold"),  # Text, not markup: '\\[b]' shown as given
            title_justify="left",
            box=box.SIMPLE_HEAD,
            expand=True,
            pad_edge=False,
            show_edge=False,
        )
        fixed = fit(section, con.width) if any(c.min_width for c in section.columns) else None
        for i, c in enumerate(section.columns):
            table.add_column(
                Text(shown(c.header)),
                ratio=None if fixed else c.ratio,
                width=fixed[i] if fixed else None,
                no_wrap=c.no_wrap,
                style=c.style,
                max_width=c.max_width,
                overflow="fold",
            )
        shaded = [c.key for c in section.columns if c.shade]
        top = max(
            (
                int(r[k].split("+")[0])  # '3+1?': shaded by the 3 that list the theme
                for r in section.rows
                for k in shaded
                if r.get(k, "").split("+")[0].isdigit() and not r.get("_total")
            ),
            default=0,
        )
        for row in section.rows:
            cells = []
            for c in section.columns:
                value = shown(row.get(c.key, ""))
                if c.shade:  # a tile of even width, so the shading reads as a heat map
                    value = f" {value:>3} "
                cell = Text(value, style="bold" if row.get("_total") else "")
                if c.shade and not row.get("_total"):
                    cell.stylize(shade(row.get(c.key, "").split("+")[0], top, muted))
                if c.sub and row.get(c.sub):
                    cell.append("\n" + shown(row[c.sub]), style=muted)
                if view.highlight:
                    cell.highlight_words(view.highlight, style="bold reverse", case_sensitive=False)
                cells.append(cell)
            table.add_row(*cells)
        con.print(table)
    for note in view.notes:
        con.print()
        con.print(Text(shown(note), style=muted))


def write_table(view: View, out: IO[str]) -> None:
    """On a terminal, drawn as it goes; to a pipe or a file, drawn whole and each line's trailing spaces
    (rich pads every line to the width) left out: there, without styles, by ``plaintable`` (the same
    text, without rich's import), unless it leaves the view to rich."""
    if out.isatty():
        draw(view, out)
        return
    plain = plain_table(view, file_width())
    out.write(plain if plain is not None else drawn_text(view))


def drawn_text(view: View) -> str:
    """What rich draws of ``view`` to a pipe or a file, each line's trailing spaces left out."""
    import io

    drawn = io.StringIO()
    draw(view, drawn, console(drawn))
    return "\n".join(line.rstrip(" ") for line in drawn.getvalue().split("\n"))
