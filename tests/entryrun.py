"""One command line run in this process as the installed ``crosswalk`` runs it (``entry.run``: the quick
path for the common lookups, typer for the rest), its output captured: what the tests and the checked
examples in the docs compare."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from crosswalk_cli import entry


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


class Stream(io.StringIO):
    """A captured standard stream: UTF-8 as a pipe's would be, and no terminal."""

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


@contextmanager
def environment(env: Mapping[str, str | None]) -> Iterator[None]:
    """Variables set (None: unset) for the block, then put back as they were."""
    saved = {key: os.environ.get(key) for key in env}
    try:
        for key, value in env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run(args: Sequence[str], env: Mapping[str, str | None] | None = None) -> Result:
    out, err = Stream(), Stream()
    streams = sys.stdin, sys.stdout, sys.stderr
    with environment(env or {}):
        sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), out, err
        try:
            code = entry.run(list(args))
        finally:
            sys.stdin, sys.stdout, sys.stderr = streams
    return Result(code, out.getvalue(), err.getvalue())
