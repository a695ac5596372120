"""The one Markdown escaper: data text in, Markdown out that renders back to exactly that text.

CommonMark lets a backslash escape any ASCII punctuation, so escaping more than needed is harmless;
escaping less lets a title open a code span, a link, raw HTML, a heading or a list. Inline syntax is
escaped everywhere; what only matters where a line begins (``#``, ``-``, ``+``, ``=``, ``1.``) is
escaped at the start of every line; spaces at either end of a line become character references, which
no Markdown strips. A line break becomes a hard line break, or ``<br>`` in a table cell or a heading,
where a Markdown line cannot end. A carriage return is a line break, as in Markdown; the other characters
a terminal or a reader would act on (control characters, bidirectional overrides, noncharacters: safe.py)
are written as visible escapes (``\\x1b``, itself escaped to show as such), whatever the data's age.
"""

from __future__ import annotations

import re

# Inline syntax anywhere: escapes, code, emphasis, links and images, HTML and autolinks, entities,
# table pipes, strikethrough, and # (an ATX heading's closing run).
_INLINE = re.compile(r"([\\`*_\[\]<>&|~#])")
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")
_EDGE_SPACE = {" ": "&#32;", "\t": "&#9;"}


def _start(m: re.Match[str]) -> str:
    return f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}"


def _line(text: str) -> str:
    text = _LINE_START.sub(_start, _INLINE.sub(r"\\\1", text))
    body = text.strip(" \t")
    lead = text[: len(text) - len(text.lstrip(" \t"))]
    trail = text[len(lead) + len(body) :]
    return "".join(_EDGE_SPACE[c] for c in lead) + body + "".join(_EDGE_SPACE[c] for c in trail)


def escape(text: str, *, one_line: bool = False) -> str:
    """Markdown for ``text``: in a paragraph or list item, or (``one_line``) a table cell or heading."""
    from .safe import escape_text

    text = escape_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_line(line) for line in text.split("\n")]
    if one_line:
        return "<br>".join(lines)
    # A backslash break works only between two lines of a paragraph: breaks at either end are <br>.
    first = next((n for n, line in enumerate(lines) if line), len(lines))
    last = max(first, *(n for n, line in enumerate(lines) if line)) if first < len(lines) else first
    if first == len(lines):
        return "<br>" * (len(lines) - 1)
    return "<br>" * first + "\\\n".join(lines[first : last + 1]) + "<br>" * (len(lines) - 1 - last)
