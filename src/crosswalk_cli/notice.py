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
