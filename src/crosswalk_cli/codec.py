"""Records to JSON and back, derived from the record classes themselves.

Every record (a NamedTuple) is written as an object with its class name under ``"$"`` and one key
per field (``_fields``), other tuples as lists. Reading it back calls the class with exactly those keys,
so a record whose class gained or lost a field fails loudly (TypeError) instead of loading silently
wrong; the store's key also covers the code that defines the classes (store/cache.py), so such a
database is rebuilt before it is ever read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

TAG = "$"


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        names: tuple[str, ...] | None = getattr(type(value), "_fields", None)
        if names is not None:
            return {TAG: type(value).__name__, **{n: _plain(v) for n, v in zip(names, value, strict=True)}}
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def encode(record: object) -> str:
    """One record (or any structure of records) as compact JSON text."""
    return json.dumps(_plain(record), ensure_ascii=False, separators=(",", ":"))


class Decoder:
    """Rebuilds records of the given classes; an unknown class name is an error, never a dict."""

    def __init__(self, classes: Iterable[type], more: Callable[[], Iterable[type]] | None = None) -> None:
        self.classes = {c.__name__: c for c in classes}
        self._more = more  # further classes, loaded only when a record names one

    def _class(self, name: str) -> type:
        if name not in self.classes and self._more is not None:
            self.classes.update({c.__name__: c for c in self._more()})
            self._more = None
        return self.classes[name]

    def _build(self, value: Any) -> Any:
        if isinstance(value, list):
            return tuple(self._build(v) for v in value)
        if isinstance(value, dict):
            name = value.get(TAG)
            fields = {k: self._build(v) for k, v in value.items() if k != TAG}
            if name is None:
                return fields
            return self._class(name)(**fields)
        return value

    def decode(self, text: str) -> Any:
        return self._build(json.loads(text))
