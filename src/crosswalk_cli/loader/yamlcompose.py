"""YAML events straight to plain values (YMap, YSeq, str, bool, None, Other), without recursion,
without a node tree, and within stated limits.

PyYAML's composer builds a node for every value, each with two position marks, and recurses once per
nesting level on the C stack (25,000 nested ``[`` in a 50 KB file overflow it: SIGSEGV). libyaml's
parser itself is iterative, so this module pulls its events one by one and builds the values at once,
keeping no node: a 34 MB file of 1.4 million values takes a fifth of the memory its node tree did.

Limits, each refused with one line the moment it is passed: a collection opening deeper than
``max_depth``; more than ``max_nodes`` values (keys, texts, lists and mappings, an alias counting as
everything it stands for); an alias that refers to the collection it is in, or that nests deeper than
``max_depth`` once expanded. An alias is the value its anchor names, shared, never copied.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import DataError
from .yamlvalues import YMap, YSeq, scalar_value, tag_problem

# PyYAML's stubs type the C parser's events and marks apart from the Python ones; both behave alike.
Mark = Any
_STR = "tag:yaml.org,2002:str"


class TooDeep(yaml.MarkedYAMLError):
    """A collection opens deeper than the limit (the mark says where)."""

    def __init__(self, limit: int, mark: Mark | None) -> None:
        super().__init__(problem=f"nested more than {limit} deep", problem_mark=mark)
        self.limit = limit


def _error(problem: str, mark: Mark | None) -> yaml.composer.ComposerError:
    return yaml.composer.ComposerError(None, None, problem, mark)


@dataclass(slots=True)
class _Value:
    """A value built, with what an alias to it needs: where it was written, how many values it holds
    (itself included), how deep it nests, and whether it can be a mapping key (text)."""

    value: Any
    line: int
    size: int = 1
    height: int = 0
    text: bool = False
    open: bool = False  # a collection still being read: an alias to it would refer to itself


@dataclass(slots=True)
class _Open:
    """A collection being filled; ``key`` is the mapping key waiting for its value."""

    entry: _Value
    key: str | None = None
    key_line: int = 0


class _Builder:
    def __init__(self, path: str, max_depth: int, max_nodes: int) -> None:
        self.path, self.max_depth, self.max_nodes = path, max_depth, max_nodes
        self.anchors: dict[str, _Value] = {}
        self.open: list[_Open] = []
        self.root: _Value | None = None
        self.written = 0  # values as written (an alias adds nothing)
        self.expanded = 0  # values with every alias expanded

    def fail(self, line: int, problem: str) -> DataError:
        return DataError([f"{self.path}:{line}: {problem}"])

    def count(self, entry: _Value, written: int) -> None:
        self.written += written
        self.expanded += entry.size
        if self.expanded > self.max_nodes:
            raise self.fail(
                entry.line,
                f"more than {self.max_nodes:,} values (keys, texts, lists and mappings, aliases "
                "expanded); a data file may hold no more",
            )

    def anchor(self, name: str | None, entry: _Value, mark: Mark) -> None:
        if name is None:
            return
        if name in self.anchors:
            raise _error(f"found duplicate anchor {name!r}", mark)
        self.anchors[name] = entry

    def attach(self, entry: _Value, line: int = 0) -> None:
        """Put ``entry`` in the open collection (``line``: where an alias to it is written)."""
        depth = len(self.open)
        if depth + entry.height > self.max_depth:
            raise self.fail(line or entry.line, f"nested more than {self.max_depth} deep")
        if not self.open:
            self.root = entry
            return
        top = self.open[-1]
        parent = top.entry
        parent.size += entry.size
        parent.height = max(parent.height, entry.height + 1)
        container = parent.value
        if isinstance(container, YSeq):
            container.append(entry.value)
            container.lines.append(entry.line)
        elif top.key is None:
            if not entry.text:
                raise self.fail(entry.line, "a mapping key must be plain text")
            if entry.value in container:
                first = container.lines[entry.value]
                raise self.fail(entry.line, f"duplicate key '{entry.value}' (first at line {first})")
            top.key, top.key_line = sys.intern(entry.value), entry.line
        else:
            container.add(top.key, entry.value, top.key_line)
            top.key = None

    def scalar(self, loader: Any, event: Any) -> None:
        start = event.start_mark
        tag = event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        line = start.line + 1
        problem = tag_problem(tag, "text")
        if problem:
            raise self.fail(line, problem)
        entry = _Value(scalar_value(tag, event.value), line, text=tag == _STR)
        self.count(entry, 1)
        self.anchor(event.anchor, entry, start)
        self.attach(entry)

    def start(self, loader: Any, event: Any, mapping: bool) -> None:
        start = event.start_mark
        if len(self.open) >= self.max_depth:
            raise TooDeep(self.max_depth, start)
        kind = yaml.MappingNode if mapping else yaml.SequenceNode
        tag = event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(kind, None, event.implicit)
        line = start.line + 1
        problem = tag_problem(tag, "a mapping" if mapping else "a list")
        if problem:
            raise self.fail(line, problem)
        entry = _Value(YMap(line) if mapping else YSeq(line), line, open=True)
        self.count(entry, 1)
        self.anchor(event.anchor, entry, start)
        self.open.append(_Open(entry))

    def end(self) -> None:
        entry = self.open.pop().entry
        entry.open = False
        self.attach(entry)

    def alias(self, event: Any) -> None:
        entry = self.anchors.get(event.anchor)
        if entry is None:
            raise _error(f"found undefined alias {event.anchor!r}", event.start_mark)
        if entry.open:
            raise self.fail(entry.line, "an alias refers to itself")
        self.count(entry, 0)
        self.attach(entry, event.start_mark.line + 1)


def build(loader: Any, path: str, max_depth: int, max_nodes: int) -> list[Any]:
    """The stream's document as plain values: ``[value]``, or ``[]`` for a stream with none; a value
    past a limit is a DataError. YAML syntax errors are raised as yaml.MarkedYAMLError (TooDeep past
    ``max_depth``), as PyYAML's composer raises them."""
    ev = yaml.events
    loader.get_event()  # stream start
    if loader.check_event(ev.StreamEndEvent):
        return []
    loader.get_event()  # document start
    b = _Builder(path, max_depth, max_nodes)
    while True:
        event: Any = loader.get_event()
        if isinstance(event, ev.ScalarEvent):
            b.scalar(loader, event)
        elif isinstance(event, ev.MappingStartEvent):
            b.start(loader, event, True)
        elif isinstance(event, ev.SequenceStartEvent):
            b.start(loader, event, False)
        elif isinstance(event, ev.SequenceEndEvent | ev.MappingEndEvent):
            b.end()
        elif isinstance(event, ev.AliasEvent):
            b.alias(event)
        elif isinstance(event, ev.DocumentEndEvent):
            break
    if not loader.check_event(ev.StreamEndEvent):
        raise _error("the file holds more than one YAML document", loader.get_event().start_mark)
    if b.root is None:
        return []
    if b.expanded > max(100_000, 10 * b.written):
        raise DataError(
            [f"{path}: anchors and aliases expand {b.written} nodes to {b.expanded}; refusing to load"]
        )
    return [b.root.value]
