"""Talking with a person at the keyboard, for `assess take` and `suggest --review`: text wrapped to the
terminal without breaking words, and one reply read at a time, with the moves both sessions share."""

from __future__ import annotations

import errno
import sys
from collections.abc import Sequence

STOP = "\0stop"  # q, or the end of input: stop, everything given is kept
BACK = "\0back"  # b: the previous one
SKIP = "\0skip"  # s or an empty line: the next one, nothing changed


def width() -> int:
    """The terminal's width ($COLUMNS first), never under 20."""
    import shutil

    return max(20, shutil.get_terminal_size((80, 24)).columns)


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    """``text`` wrapped to the terminal, paragraph by paragraph; words are never broken."""
    import textwrap

    lines = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            lines.append("")
            continue
        lines += textwrap.wrap(
            paragraph,
            width(),
            initial_indent=indent if first is None else first,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return "\n".join(lines)


def pack(items: Sequence[str], indent: str, sep: str = " · ") -> str:
    """Items on as few lines as fit the terminal, never split inside one."""
    lines: list[str] = []
    line = ""
    for item in items:
        if line and len(line) + len(sep) + len(item) > width():
            lines.append(line)
            line = ""
        line = f"{line}{sep}{item}" if line else f"{indent}{item}"
    return "\n".join([*lines, line])


def echo(text: str = "") -> None:
    """One line of the session on stdout; data's control characters shown as escapes, never sent."""
    from .text.safe import escape_controls

    sys.stdout.write(escape_controls(text, keep_newlines=True) + "\n")


def _read_line() -> str | None:
    """One line of input, or None at its end (also when stdin is closed or unreadable)."""
    stdin = sys.stdin
    if stdin is None:
        return None
    try:
        line = stdin.readline()
    except UnicodeDecodeError:
        return "\ufffd\n"  # not text: answered as an unknown reply
    except OSError as exc:
        if exc.errno == errno.EBADF:
            raise  # a closed stdin (`<&-`) is no answer: the entry point ends the run with one line
        return None
    except ValueError:
        return None
    return line or None


def ask(keep_case: bool = False) -> str:
    """Prompt and read one reply: STOP, BACK or SKIP for the moves, else the reply in lower case (as
    typed, but for the spaces around it, with ``keep_case``)."""
    sys.stdout.write("> ")
    sys.stdout.flush()
    text = _read_line()
    if text is None:  # end of input
        echo()
        return STOP
    reply = text.strip().lower()
    moves = {"q": STOP, "quit": STOP, "b": BACK, "back": BACK, "s": SKIP, "skip": SKIP, "": SKIP}
    return moves.get(reply, text.strip() if keep_case else reply)


def ask_text(label: str) -> str | None:
    """Prompt with ``label`` and read one line of free text, as typed (None at the end of input)."""
    sys.stdout.write(label)
    sys.stdout.flush()
    text = _read_line()
    if text is None:
        echo()
        return None
    return text.strip()


def move(index: int, total: int, reply: str) -> int | None:
    """Where BACK or SKIP leads from ``index`` of ``total``: None past the last."""
    if reply == BACK:
        return max(0, index - 1)
    return index + 1 if index + 1 < total else None
