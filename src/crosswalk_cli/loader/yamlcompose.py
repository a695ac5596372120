"""YAML events to a node tree, without recursion and with a depth limit.

PyYAML's C composer (``get_single_node``) recurses once per nesting level on the C stack: 25,000
nested ``[`` in a 50 KB file overflow it and the process dies with SIGSEGV before any Python check
can run. libyaml's parser itself is iterative, so this module pulls its events one by one and
builds the same nodes PyYAML would, refusing the first collection that opens deeper than the limit.
"""

from __future__ import annotations

from typing import Any

import yaml

# PyYAML's stubs type the C parser's events and marks apart from the Python ones; both behave alike.
Mark = Any


class TooDeep(yaml.MarkedYAMLError):
    """A collection opens deeper than the limit (the mark says where)."""

    def __init__(self, limit: int, mark: Mark | None) -> None:
        super().__init__(problem=f"nested more than {limit} deep", problem_mark=mark)
        self.limit = limit


def _error(problem: str, mark: Mark | None) -> yaml.composer.ComposerError:
    return yaml.composer.ComposerError(None, None, problem, mark)


def compose(loader: Any, max_depth: int) -> yaml.Node | None:
    """The single document of the stream as nodes (None for an empty stream); raises
    yaml.MarkedYAMLError (TooDeep past ``max_depth``) as PyYAML's composer would."""
    ev = yaml.events
    loader.get_event()  # stream start
    if loader.check_event(ev.StreamEndEvent):
        return None
    loader.get_event()  # document start
    anchors: dict[str, yaml.Node] = {}
    open_nodes: list[yaml.SequenceNode | yaml.MappingNode] = []
    pending_keys: list[yaml.Node | None] = []
    root: yaml.Node | None = None

    def attach(node: yaml.Node) -> None:
        nonlocal root
        if not open_nodes:
            root = node
            return
        parent = open_nodes[-1]
        if isinstance(parent, yaml.SequenceNode):
            parent.value.append(node)
        elif pending_keys[-1] is None:
            pending_keys[-1] = node
        else:
            parent.value.append((pending_keys[-1], node))
            pending_keys[-1] = None

    def remember(anchor: str | None, node: yaml.Node, mark: Mark | None) -> None:
        if anchor is None:
            return
        if anchor in anchors:
            raise _error(f"found duplicate anchor {anchor!r}", mark)
        anchors[anchor] = node

    while True:
        event: Any = loader.get_event()
        start: Mark = event.start_mark
        if isinstance(event, ev.AliasEvent):
            if event.anchor not in anchors:
                raise _error(f"found undefined alias {event.anchor!r}", start)
            attach(anchors[event.anchor])
        elif isinstance(event, ev.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            end: Mark = event.end_mark
            scalar = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
            remember(event.anchor, scalar, start)
            attach(scalar)
        elif isinstance(event, ev.SequenceStartEvent | ev.MappingStartEvent):
            if len(open_nodes) >= max_depth:
                raise TooDeep(max_depth, start)
            kind = yaml.SequenceNode if isinstance(event, ev.SequenceStartEvent) else yaml.MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(kind, None, event.implicit)
            node = kind(tag, [], start, None, flow_style=event.flow_style)
            remember(event.anchor, node, start)
            attach(node)
            open_nodes.append(node)
            pending_keys.append(None)
        elif isinstance(event, ev.SequenceEndEvent | ev.MappingEndEvent):
            open_nodes.pop().end_mark = event.end_mark
            pending_keys.pop()
        elif isinstance(event, ev.DocumentEndEvent):
            break
    if not loader.check_event(ev.StreamEndEvent):
        raise _error("the file holds more than one YAML document", loader.get_event().start_mark)
    return root
