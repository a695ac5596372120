"""A CASE package's JSON with its big arrays (CFItems, CFAssociations) turned into records one element
at a time, so their JSON objects never all exist at once.

``json.loads`` of a 65 MB package of 100,000 items made 200 MB of dictionaries before the first record
was built, and freeing them left the memory too scattered to give back. Here the top-level object is
walked by hand and each element of a chosen array is decoded with json's own scanner, converted, and
dropped. Whatever this walk does not expect (a syntax error, a constant json refuses, text holding half
a surrogate pair) makes it give up: the caller then parses the whole text the ordinary way, which
reports the problem exactly as before. A conversion's error is kept, not raised, so the caller raises
it in the order it checks things; the walk goes on to the end, so a syntax error later still wins.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from ...errors import CrosswalkError

_SPACE = re.compile(r"[ \t\n\r]*")


class Converted(list[Any]):
    """The records of one array, or the first error converting it."""

    failure: CrosswalkError | None = None

    def records(self) -> tuple[Any, ...]:
        if self.failure is not None:
            raise self.failure
        return tuple(self)


class _GiveUp(Exception):
    pass


def _expect(text: str, pos: int, chars: str) -> tuple[str, int]:
    """The character at ``pos`` (one of ``chars``) and the position after it and the space after."""
    char = text[pos : pos + 1]
    if not char or char not in chars:
        raise _GiveUp
    return char, _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]


def _array(
    text: str, pos: int, decode: Callable[[str, int], tuple[Any, int]], convert: Callable[[int, Any], Any]
) -> tuple[Converted, int]:
    out = Converted()
    _, pos = _expect(text, pos, "[")
    if text[pos : pos + 1] == "]":
        return out, pos + 1
    n = 0
    while True:
        value, pos = decode(text, pos)
        if out.failure is None:
            try:
                out.append(convert(n, value))
            except CrosswalkError as exc:
                out.failure = exc
                out.clear()
        del value
        n += 1
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        char, pos = _expect(text, pos, ",]")
        if char == "]":
            return out, pos


def load(text: str, convert: Mapping[str, Callable[[int, Any], Any]], constant: Callable[[str], Any]) -> Any:
    """The JSON value of ``text``, the arrays under the top-level keys of ``convert`` as Converted
    lists; None when the text is anything but a plain, well-formed JSON object (parse it whole)."""
    decoder = json.JSONDecoder(parse_constant=constant)
    decode = decoder.raw_decode
    try:
        pos = _SPACE.match(text).end()  # type: ignore[union-attr]
        _, pos = _expect(text, pos, "{")
        result: dict[str, Any] = {}
        if text[pos : pos + 1] == "}":
            pos += 1
        else:
            while True:
                key, pos = decode(text, pos)
                if not isinstance(key, str):
                    raise _GiveUp
                pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
                _, pos = _expect(text, pos, ":")
                if key in convert and text[pos : pos + 1] == "[":
                    result[key], pos = _array(text, pos, decode, convert[key])
                else:
                    result[key], pos = decode(text, pos)
                pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
                char, pos = _expect(text, pos, ",}")
                if char == "}":
                    break
        if _SPACE.match(text, pos).end() != len(text):  # type: ignore[union-attr]
            raise _GiveUp
    except (_GiveUp, ValueError, RecursionError):  # json.JSONDecodeError is a ValueError
        return None
    return result
