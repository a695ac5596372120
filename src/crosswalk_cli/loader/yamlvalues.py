"""The values YAML is read into: mappings and lists that remember their lines, and what is not text.

``yamlcompose`` builds them from the parser's events; every reader of data files checks them.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Any

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TYPE_NAMES = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    _BOOL: "true/false",
    _NULL: "nothing",
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_KNOWN_TAGS = frozenset({*_TYPE_NAMES, _STR, _MAP, _SEQ})


class YMap(dict[str, Any]):
    """A mapping that remembers its own line and the line of each key (``m.lines[key]``).

    The keys' lines are kept as an array in the keys' order, not as a second dictionary: a 100,000-item
    file holds 100,000 mappings, and a dictionary of line numbers each was a quarter of its memory."""

    __slots__ = ("_index", "_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self._lines = array("I")
        self._index: dict[str, int] | None = None

    def add(self, key: str, value: Any, line: int) -> None:
        """Set a new key, written on ``line``."""
        self[key] = value
        self._lines.append(line)
        self._index = None  # (a key added after the index was built: the checker's field it stands for)

    @property
    def lines(self) -> KeyLines:
        return KeyLines(self)

    def line_of(self, key: str) -> int | None:
        if len(self._lines) <= 16:
            return next((self._lines[i] for i, k in enumerate(self) if k == key), None)
        if self._index is None:
            self._index = {k: i for i, k in enumerate(self)}
        i = self._index.get(key)
        return None if i is None else self._lines[i]


class KeyLines:
    """The line of each key of a YMap, read like a dictionary."""

    __slots__ = ("_map",)

    def __init__(self, owner: YMap) -> None:
        self._map = owner

    def __getitem__(self, key: str) -> int:
        line = self._map.line_of(key)
        if line is None:
            raise KeyError(key)
        return line

    def get(self, key: str, default: int) -> int:
        line = self._map.line_of(key)
        return default if line is None else line

    def __contains__(self, key: object) -> bool:
        return key in self._map


class YSeq(list[Any]):
    """A sequence that remembers its own line and the line of each item."""

    __slots__ = ("line", "lines")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines = array("I")


@dataclass(frozen=True, eq=False)
class Other:
    """A scalar that is not text (a number, a date, ...): kept only to say what it was."""

    kind: str
    raw: str


def tag_problem(tag: str, found: str) -> str | None:
    """Why a value of this tag cannot be read (``found``: 'text', 'a mapping' or 'a list'), or None."""
    if tag not in _KNOWN_TAGS:
        return f"unsupported YAML tag {tag}"
    shape = {_MAP: "a mapping", _SEQ: "a list"}.get(tag, "text")
    if shape != found:
        return f"YAML tag {tag.replace('tag:yaml.org,2002:', '!!')} on {found}, which it does not describe"
    return None


def scalar_value(tag: str, value: str) -> Any:
    """A scalar of a known scalar tag as a plain value: str, None, bool or Other."""
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() in ("yes", "true", "on")
    return Other(_TYPE_NAMES[tag], value)
