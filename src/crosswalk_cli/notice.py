"""The one way crosswalk writes a message to stderr: ``crosswalk: MESSAGE``, echoed arguments cut to a
readable length, control characters escaped."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

_argv: tuple[str, ...] = ()  # the command line being run, so messages can cut what they echo of it


def remember(argv: Sequence[str]) -> None:
    global _argv
    _argv = tuple(argv)


def say(message: str) -> None:
    """One line on stderr."""
    from .text.safe import ECHO_LIMIT, PATH_LIMIT, shorten
    from .text.safe import escape_controls as printable

    for arg in sorted(set(_argv), key=len, reverse=True):
        for piece in (arg, *arg.split("=", 1)[1:]):
            if len(piece) > (PATH_LIMIT if os.sep in piece else ECHO_LIMIT):  # paths are long by nature
                message = message.replace(piece, shorten(piece))
    sys.stderr.write(f"crosswalk: {printable(message)}\n")


def report(exc: BaseException) -> int | None:
    """The one place an error of the library's becomes stderr lines and an exit code: its own errors,
    from every command, and a store that passed its checks and still could not be read. None for any
    other error, which is a bug to show whole."""
    from .errors import CrosswalkError, ExitStatus

    if isinstance(exc, CrosswalkError):
        for line in exc.lines():
            say(f"error: {line}")
        return int(exc.exit_code)
    if _damaged_store(exc):
        from .store.cache import forget_opened

        forget_opened()
        say(f"error: the compiled store could not be read ({exc}); it is rebuilt at the next run")
        return int(ExitStatus.DATA)
    return None


def _damaged_store(exc: BaseException) -> bool:
    """A store that passed its checks and still could not be read (damaged between the check and the
    read): SQLite's database errors, or a column that is not the JSON the store writes."""
    names = {c.__module__ + "." + c.__name__ for c in type(exc).__mro__}
    return "sqlite3.DatabaseError" in names or "json.decoder.JSONDecodeError" in names
