"""Our extension of a CASE object (case.py writes it), checked before anything is built from it: every
field is one the data format has, of the kind it has there; anything else is one error naming the place.

- A framework's document: the framework file without its items (``framework`` header with ``levels``,
  ``phrases``, ``tags``, ``notes``, ``source_notes``); a crosswalk's document: the crosswalk file without
  its links (``crosswalk`` header with ``relations``, ``phrases``, ``source_notes``, ``reviewed``). The
  CFDocument's own title and publisher stand for the header's.
- An item: what its CASE fields do not hold (case.item_extension); or ``part: true``, a part of the item
  it is a child of (its text ``""`` where it has none).
- An association: the number of the entry it belongs to, and on an entry's first, the entry's printed
  label, note, errata, provenance (every key it has) and ``no_match`` (a person decided no target fits:
  then the association is of type case.NO_MATCH, to the target framework's document).
"""

from __future__ import annotations

import re
from typing import Any

ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")  # a framework or crosswalk id, as the loader allows it

Spec = Any  # str, bool or int: a value of that kind; [spec]: a list; {key: spec} ('*': any other key)
TEXTS: Spec = [str]
TEXT_MAP: Spec = {"*": str}
SOURCE_NOTES: Spec = [{"kind": str, "where": str, "note": str}]
LEVEL: Spec = (str, {"name": str, "long": str, "plural": str, "text": str, "grouping": bool})
FRAMEWORK: Spec = {
    "framework": {"*": str, "levels": [LEVEL]},
    "phrases": TEXT_MAP,
    "tags": [{"code": str, "name": str, "description": str, "source": str}],
    "notes": [{"title": str, "text": str}],
    "source_notes": SOURCE_NOTES,
}
CROSSWALK: Spec = {
    "crosswalk": {"*": str, "relations": [(str, {"name": str, "heading": str})], "reviewers": TEXTS},
    "phrases": TEXT_MAP,
    "errata_kinds": {"*": TEXTS},
    "coverage": {
        "entries": int,
        "sources": str,
        "links": {"*": int},
        "errata": int,
        "source_notes": int,
        "unlinked_targets": TEXTS,
    },
    "source_notes": SOURCE_NOTES,
    "reviewed": TEXTS,
}
ITEM: Spec = {
    "text": str,
    "parts": [{"label": str, "title": str, "text": str}],
    "tags": TEXTS,
    "tags_incomplete": bool,
    "tags_recovered": TEXTS,
    "recovered_by": str,
    "details": TEXT_MAP,
    "part": bool,
}
ENTRY: Spec = {
    "entry": int,
    "printed_label": str,
    "note": str,
    "errata": [{"kind": str, "note": str, "printed": str, "resolved": str}],
    "provenance": TEXT_MAP,
    "no_match": bool,
}
_KINDS = {str: "text", bool: "true or false", int: "a whole number"}


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number")


def _check(value: Any, spec: Spec, where: str) -> None:
    """Raise ValueError('{where}: what is wrong') where ``value`` does not fit ``spec``."""
    if isinstance(spec, tuple):
        if isinstance(value, str):
            return _check(value, spec[0], where)
        return _check(value, spec[1], where)
    if isinstance(spec, list):
        if not isinstance(value, list):
            raise ValueError(f"{where}: must be a list, not {_kind(value)}")
        for n, inner in enumerate(value):
            _check(inner, spec[0], f"{where}[{n}]")
        return None
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise ValueError(f"{where}: must be an object, not {_kind(value)}")
        for key, inner in value.items():
            if key not in spec and "*" not in spec:
                raise ValueError(f"{where}: no field '{key}' (fields: {', '.join(spec)})")
            _check(inner, spec.get(key, spec.get("*")), f"{where}.{key}")
        return None
    fits = isinstance(value, spec) and (spec is bool or not isinstance(value, bool))
    if spec is int:
        fits = fits and 0 < value < 2**31
    if not fits:
        raise ValueError(f"{where}: must be {_KINDS[spec]}, not {_kind(value)}")
    return None


def check(kind: str, value: Any) -> dict[str, Any]:
    """Our extension of a 'document', 'item' or 'association', checked; ValueError('.place: why')."""
    if kind == "document":
        if not isinstance(value, dict) or not ({"framework", "crosswalk"} & set(value)):
            raise ValueError(": must be an object with 'framework' or 'crosswalk'")
        spec = FRAMEWORK if "framework" in value else CROSSWALK
        _check(value, spec, "")
        header = value["framework" if "framework" in value else "crosswalk"]
        ident = header.get("id")
        if not isinstance(ident, str) or not ID.fullmatch(ident):
            where = "framework" if spec is FRAMEWORK else "crosswalk"
            raise ValueError(f".{where}.id: must be an id: a letter, then at most 31 letters, digits, - or _")
    else:
        _check(value, ITEM if kind == "item" else ENTRY, "")
        if kind == "association" and "entry" not in value:
            raise ValueError(": has no 'entry'")
    result: dict[str, Any] = value
    return result
