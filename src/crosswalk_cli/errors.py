"""The library's own errors and the exit codes they end in: each error knows its code and the lines to
show, so the CLI turns any of them into stderr lines and an exit in one place (``cli._Group``) without
importing the modules that raise them."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum


class ExitStatus(IntEnum):
    """Every exit code crosswalk uses (docs/commands.md, "Exit codes")."""

    OK = 0
    DATA = 1  # bad data, or a file that cannot be read or written
    USAGE = 2  # unknown id, theme, option or format; a group without a command
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)


class CrosswalkError(Exception):
    exit_code: int = ExitStatus.DATA

    def lines(self) -> list[str]:
        return [str(self)]


class DataError(CrosswalkError):
    """Data or answers files that are missing, malformed or inconsistent; ``problems`` has one line each."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    def lines(self) -> list[str]:
        return self.problems
