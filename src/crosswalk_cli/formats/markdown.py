"""A View as Markdown: the title a heading, facts a list, each section a heading (its lead paragraphs) and
a pipe table, notes quoted."""

from __future__ import annotations

from typing import IO

from ..text.markdown import escape
from .shape import View


def _cell(text: str) -> str:
    return escape(text, one_line=True)


def markdown(view: View) -> str:
    lines = [f"# {_cell(view.title)}", ""]
    for label, value in view.facts:
        lines.append(f"- **{escape(label)}:** {escape(value)}")
    if view.facts:
        lines.append("")
    for section in view.sections:
        lines += [f"{'#' * (2 + section.depth)} {_cell(section.title)}", ""]
        for paragraph in section.lead:
            lines += [escape(paragraph), ""]
        if not section.rows:
            lines += [escape(section.empty), ""] if section.empty else []
            continue
        lines.append("| " + " | ".join(_cell(c.header) for c in section.columns) + " |")
        lines.append("|" + "|".join(" --- " for _ in section.columns) + "|")
        for row in section.rows:
            lines.append("| " + " | ".join(_cell(row.get(c.key, "")) for c in section.columns) + " |")
        lines.append("")
    for note in view.notes:
        lines += ["> " + escape(note).replace("\n", "\n> "), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def write_markdown(view: View, out: IO[str]) -> None:
    out.write(markdown(view))
