"""Text bound for a terminal: control characters shown escaped, echoed input cut to a readable length.

Anything from the data (``--data-dir``) or from the command line can hold an escape sequence (``\\x1b[2J``
clears the screen) or a bidirectional override; shown raw it would act on the terminal instead of being
read. A 40,000-character argument echoed whole in an error buries the message.
"""

from __future__ import annotations

import re

ECHO_LIMIT = 60  # characters of an echoed argument shown before '…'
PATH_LIMIT = 300  # an argument holding a path is cut only past this length

# C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides and isolates.
_OTHER_CONTROLS = "\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ANY_CONTROL = re.compile(f"[\x00-\x0a{_OTHER_CONTROLS}]")
_CONTROL_BUT_NEWLINE = re.compile(f"[\x00-\x09{_OTHER_CONTROLS}]")


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\u202e``)."""
    pattern = _CONTROL_BUT_NEWLINE if keep_newlines else _ANY_CONTROL
    return pattern.sub(_escape, text)


def shorten(text: str, limit: int = ECHO_LIMIT) -> str:
    """An echoed argument cut to ``limit`` characters and '…'."""
    return text if len(text) <= limit else text[:limit] + "…"


def shown(text: str, limit: int = ECHO_LIMIT) -> str:
    """An argument as an error message echoes it: cut short, controls escaped."""
    return printable(shorten(text, limit))
