"""A View as Markdown: the title a heading, facts a list, each section a heading (its lead paragraphs) and
a pipe table, notes quoted."""

from __future__ import annotations

import re
from typing import IO

from ..text.markdown import escape
from .shape import Column, View


def _cell(text: str) -> str:
    return escape(text, one_line=True)


def _heading(text: str) -> str:
    """A title as a heading: one line, the runs of spaces a terminal title lines up with made one."""
    return _cell(re.sub(" {2,}", " ", text))


def _shown(row: dict[str, str], column: Column) -> str:
    """A cell's text, with the second line a table draws under it (``sub``) in parentheses."""
    text = row.get(column.key, "")
    sub = row.get(column.sub, "") if column.sub else ""
    return f"{text} ({sub})" if sub else text


def markdown(view: View) -> str:
    lines = [f"# {_heading(view.title)}", ""]
    for label, value in view.facts:
        lines.append(f"- **{escape(label)}:** {escape(value)}")
    if view.facts:
        lines.append("")
    for section in view.sections:
        lines += [f"{'#' * (2 + section.depth)} {_heading(section.title)}", ""]
        for paragraph in section.lead:
            lines += [escape(paragraph), ""]
        if not section.rows:
            lines += [escape(section.empty), ""] if section.empty else []
            continue
        lines.append("| " + " | ".join(_cell(c.header) for c in section.columns) + " |")
        lines.append("|" + "|".join(" --- " for _ in section.columns) + "|")
        for row in section.rows:
            lines.append("| " + " | ".join(_cell(_shown(row, c)) for c in section.columns) + " |")
        lines.append("")
    for note in view.notes:
        lines += ["> " + escape(note).replace("\n", "\n> "), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def write_markdown(view: View, out: IO[str]) -> None:
    out.write(markdown(view))
