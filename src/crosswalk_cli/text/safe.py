"""Text from outside (names, ids, file names) made safe to show, and checked on the way in.

A character is unsafe when a terminal, a Markdown reader or a YAML parser would act on it instead of
showing it: control characters (C0, DEL, C1), line and paragraph separators, the bidirectional
overrides and isolates, lone surrogates (what Python makes of bytes that are not UTF-8) and the
noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF, ...). Shown text has each one escaped as Python would
write it (``\\x1b``, ``\\n``, ``\\u202e``); text we store is refused if it holds any but a line feed or a
tab (the loader and ``import case`` refuse it; every writer escapes it all the same, for data stored before).
"""

from __future__ import annotations

import re
from functools import cache

# Unsafe characters outside ASCII's C0 range, as a regular-expression class. The noncharacters of planes 1
# to 16 (U+1FFFE, U+1FFFF, ... U+10FFFF) are matched as the one range from the first to the last, and
# _unsafe() keeps just them: a class of 32 single astral characters made every search of a page's JSON
# some 15 times slower (2 ms).
_HIGH = (
    "\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe-\U0010ffff"
)
_PATTERNS = {  # compiled at first use: each costs about half a millisecond, which every start would pay
    "all": f"[\x00-\x1f{_HIGH}]",
    "keep newlines": f"[\x00-\x09\x0b-\x1f{_HIGH}]",
    "text": f"[\x00-\x08\x0b-\x1f{_HIGH}]",  # what a stored text may not hold: it may hold \n and \t
    "high": f"[{_HIGH}]",
}


@cache
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(_PATTERNS[name])


def _unsafe(ch: str) -> bool:
    """Whether a character the patterns match is unsafe: all are but those of the astral range that are
    not noncharacters."""
    c = ord(ch)
    return c <= 0xFFFF or c & 0xFFFE == 0xFFFE


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(ch: str) -> str:
    if not _unsafe(ch):
        return ch
    if ch in _NAMED:
        return _NAMED[ch]
    c = ord(ch)
    if c <= 0xFF:
        return f"\\x{c:02x}"
    return f"\\u{c:04x}" if c <= 0xFFFF else f"\\U{c:08x}"


def escape_controls(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every unsafe character written as an escape; safe text comes back unchanged."""
    if text.isascii() and text.isprintable():
        return text
    return _pattern("keep newlines" if keep_newlines else "all").sub(lambda m: _escape(m.group()), text)


def escape_text(text: str) -> str:
    """A data text as a file format writes it (CSV, Markdown): every unsafe character escaped, its line
    feeds and tabs kept, which a document may hold and a terminal only moves the cursor for."""
    if text.isascii() and text.isprintable():
        return text
    return _pattern("text").sub(lambda m: _escape(m.group()), text)


ECHO_LIMIT = 60  # characters of an echoed argument shown before '…'
PATH_LIMIT = 300  # an argument holding a path is cut only past this length


def shorten(text: str, limit: int = ECHO_LIMIT) -> str:
    """An echoed argument cut to ``limit`` characters and '…' (a 40,000-character one buries the message)."""
    return text if len(text) <= limit else text[:limit] + "…"


def shown(text: str, limit: int = ECHO_LIMIT) -> str:
    """An argument as an error message echoes it: cut short, unsafe characters escaped."""
    return escape_controls(shorten(text, limit))


def first_unsafe(text: str, *, in_text: bool = False) -> str | None:
    """A description of the first unsafe character (``'\\x1b' at position 3``), or None. ``in_text``: a
    data text, which may hold line feeds and tabs (never a carriage return, which can overwrite a line)."""
    if text.isascii() and text.isprintable():
        return None
    m = next((m for m in _pattern("text" if in_text else "all").finditer(text) if _unsafe(m.group())), None)
    if m is None:
        return None
    ch = m.group()
    what = "a byte that is not UTF-8" if 0xDC80 <= ord(ch) <= 0xDCFF else f"'{_escape(ch)}'"
    return f"{what} at position {m.start() + 1}"


def json_safe(dumped: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the unsafe characters it leaves
    raw written as ``\\uXXXX``: the same data, but nothing a terminal acts on. (json already escapes
    C0; the rest can only stand inside strings, where the escape is valid.)"""

    def escape(m: re.Match[str]) -> str:
        c = ord(m.group())
        if not _unsafe(m.group()):
            return m.group()
        if c > 0xFFFF:
            c -= 0x10000
            return f"\\u{0xD800 + (c >> 10):04x}\\u{0xDC00 + (c & 0x3FF):04x}"
        return f"\\u{c:04x}"

    return dumped if dumped.isascii() else _pattern("high").sub(escape, dumped)
