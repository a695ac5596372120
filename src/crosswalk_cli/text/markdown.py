"""The one Markdown escaper: data text in, Markdown out that renders back to exactly that text, read
the same by a CommonMark reader (markdown-it), pandoc's gfm and pandoc's own markdown.

CommonMark lets a backslash escape any ASCII punctuation, so escaping more than needed is harmless;
escaping less lets a title open a code span, a link, raw HTML, a heading or a list (or, in pandoc's
markdown, a superscript, math, attributes or a citation). Inline syntax is escaped everywhere; what only
matters where a line begins is escaped at the start of every line: ``#``, ``-``, ``+``, ``=``, ``:``, and the
list markers pandoc also reads, ``1.``, ``i.``, ``a)``, ``(ii)``. Spaces at either end of a line become
character references, which no Markdown strips. A line break becomes a hard line break (a backslash at
the end of the line); a table cell or a heading is one line, so there a line break is a space (no raw
HTML anywhere). A carriage return is a line break, as in Markdown; the other characters a terminal or a
reader would act on (control characters, bidirectional overrides, noncharacters: safe.py) are written as
visible escapes (``\\x1b``, itself escaped to show as such), whatever the data's age.
"""

from __future__ import annotations

import re

# Inline syntax anywhere: escapes, code, emphasis, links and images, HTML and autolinks, entities,
# table pipes, strikethrough, and # (an ATX heading's closing run).
_INLINE = re.compile(r"([\\`*_\[\]<>&|~#^${}@])")
# A list marker as pandoc's fancy lists read it: a number, a letter or a roman numeral, then '.' or ')',
# or all of it in parentheses; then a space or the line's end.
_LINE_START = re.compile(r"^([-+=:])|^(\(?)(\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=[ \t]|$)")
_EDGE_SPACE = {" ": "&#32;", "\t": "&#9;"}


def _start(m: re.Match[str]) -> str:
    if m[1]:
        return "\\" + m[1]
    return ("\\(" if m[2] else "") + m[3] + "\\" + m[4]


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
    if one_line:
        return _line(text.replace("\n", " "))
    lines = [_line(line) for line in text.split("\n")]
    # A backslash break works only between two lines of a paragraph: breaks at either end are <br>.
    first = next((n for n, line in enumerate(lines) if line), len(lines))
    last = max(first, *(n for n, line in enumerate(lines) if line)) if first < len(lines) else first
    if first == len(lines):
        return "<br>" * (len(lines) - 1)
    return "<br>" * first + "\\\n".join(lines[first : last + 1]) + "<br>" * (len(lines) - 1 - last)
