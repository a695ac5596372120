"""Short ids: the normalized forms by which people type an item, and the items they name."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\s._\-()\[\]:/]+")


def normalize(text: str) -> str:
    """The form ids are compared in: lower case, separators dropped (``I-B`` -> ``ib``)."""
    return _SEPARATORS.sub("", text.strip().lower())


def keyed(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map normalized keys to ids, dropping any key two different ids would share."""
    result: dict[str, str] = {}
    clashes: set[str] = set()
    for key, ident in pairs:
        if not key:
            continue
        if key in result and result[key] != ident:
            clashes.add(key)
        result.setdefault(key, ident)
    return {k: v for k, v in result.items() if k not in clashes}
