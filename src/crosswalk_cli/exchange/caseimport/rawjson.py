"""A CASE package file's bytes and its JSON, within stated limits: a regular file of at most MAX_BYTES,
UTF-8, nested at most MAX_NESTING deep, no constant JSON refuses, no half of a surrogate pair.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ...errors import CrosswalkError

MAX_BYTES = 64 * 1024 * 1024
MAX_NESTING = 64  # a CASE package nests 5 deep; extensions get room, a bracket bomb does not
# A string (unrolled, and its closing quote optional, so an unclosed one cannot make the scan quadratic)
# or a bracket.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)


class CaseImportError(CrosswalkError):
    """A CASE package that cannot be imported; the message names the file."""


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, from a regular file of at most ``limit`` bytes. Opened without blocking and
    checked on the open descriptor, so a FIFO swapped in after a check cannot hang the import."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise CaseImportError(f"{path}: file not found") from None
    except OSError as exc:
        raise CaseImportError(f"{path}: cannot read: {exc.strerror}") from None
    chunks: list[bytes] = []
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise CaseImportError(f"{path}: not a regular file")
        if st.st_size > limit:
            raise CaseImportError(f"{path}: {st.st_size} bytes is larger than the {limit} allowed")
        size = 0
        while size <= limit:  # the file may grow after fstat: read no more than one byte past the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise CaseImportError(f"{path}: cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise CaseImportError(f"{path}: larger than the {limit} bytes allowed")
    return data


def _check_nesting(path: Path, text: str) -> None:
    """Refuse JSON nested deeper than MAX_NESTING before parsing it (brackets inside strings skipped)."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, match.start()) + 1
                raise CaseImportError(f"{path}:{line}: JSON nested more than {MAX_NESTING} deep")
        elif token in "]}":
            depth -= 1


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def parse_json(path: Path, raw: bytes, convert: Mapping[str, Callable[[int, Any], Any]] | None = None) -> Any:
    """The JSON value of a file's bytes. With ``convert``, the arrays under those top-level keys come as
    jsonstream.Converted lists, each element converted as it is read (a package of 100,000 items never
    holds all their JSON objects at once)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise CaseImportError(f"{path}:{line}: not UTF-8 (byte {exc.start})") from None
    del raw  # only the text is needed now: the bytes go before the parse makes its objects
    text = text.removeprefix("\ufeff")
    _check_nesting(path, text)

    def no_constant(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    halves = _SURROGATE_ESCAPE.search(text) is not None  # JSON may write half a pair, which is no text
    if convert and not halves:
        from .jsonstream import load

        data = load(text, convert, no_constant)
        if data is not None:
            return data
    try:
        data = json.loads(text, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        raise CaseImportError(f"{path}:{exc.lineno}: not JSON: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise CaseImportError(f"{path}: not JSON: {exc}") from None
    if halves:
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            half = f"\\u{ord(exc.object[exc.start]):04x}"
            raise CaseImportError(
                f"{path}: holds '{half}', half of a surrogate pair, which is not text"
            ) from None
    return data
