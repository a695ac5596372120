"""The library's own errors: each knows its exit code and the lines to show, so the CLI turns any of
them into stderr lines and an exit in one place without importing the modules that raise them."""

from __future__ import annotations

EXIT_DATA = 1
EXIT_USAGE = 2


class CrosswalkError(Exception):
    exit_code = EXIT_DATA

    def lines(self) -> list[str]:
        return [str(self)]
