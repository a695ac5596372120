"""Plain data to YAML text as a stream of events, with no representation tree in between.

``yaml.dump`` first represents the whole document as nodes, then serializes them: for a 100,000-item
import that tree took 440 MB and most of the import's time. Here the data is walked once and each
value becomes its events at once, decided exactly as PyYAML's representer and serializer decide them
(the same tags, implicit flags and styles), so the text is the same ``yaml.dump`` wrote. Text holding a
line break is written as a block (``|``), a list of one-line texts in flow style (``[a, b]``),
everything else in block style. No value appears twice in the data the import builds, so no anchor
is written.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import yaml

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def _events(dumper: yaml.SafeDumper, data: Any) -> Iterator[yaml.Event]:
    ev = yaml.events
    yield ev.StreamStartEvent()
    yield ev.DocumentStartEvent(explicit=False)
    stack: list[Iterator[Any]] = [iter((data,))]
    ends: list[yaml.Event] = []
    while stack:
        value = next(stack[-1], _END)
        if value is _END:
            stack.pop()
            if ends:
                yield ends.pop()
            continue
        if isinstance(value, dict):
            yield ev.MappingStartEvent(None, _MAP, True, flow_style=False)
            stack.append(iter([part for pair in value.items() for part in pair]))
            ends.append(ev.MappingEndEvent())
        elif isinstance(value, list):
            flow = all(isinstance(v, str) and "\n" not in v for v in value)
            yield ev.SequenceStartEvent(None, _SEQ, True, flow_style=flow)
            stack.append(iter(value))
            ends.append(ev.SequenceEndEvent())
        else:
            yield _scalar(dumper, value)
    yield ev.DocumentEndEvent(explicit=False)
    yield ev.StreamEndEvent()


_END = object()


def _scalar(dumper: Any, value: Any) -> yaml.ScalarEvent:
    if isinstance(value, str):
        tag, text, style = _STR, value, "|" if "\n" in value else None
    else:  # a number, true/false or null: as the representer writes it
        node = dumper.represent_data(value)
        tag, text, style = node.tag, node.value, node.style
    implicit = (  # as the serializer decides whether the tag can go unwritten
        tag == dumper.resolve(yaml.ScalarNode, text, (True, False)),
        tag == dumper.resolve(yaml.ScalarNode, text, (False, True)),
    )
    return yaml.ScalarEvent(None, tag, implicit, text, style=style)


def dump(data: Any, dumper_class: Any = None) -> str:
    """``data`` (dicts, lists, texts, numbers, true/false, null) as one YAML document: keys in their
    order, Unicode as it is, lines never folded. libyaml's emitter, where PyYAML has it, writes the same
    text about seven times faster; where it escaped a character (libyaml escapes some PyYAML writes as
    they are, as an emoji), PyYAML's own writes it again (tests/test_caseimport_emit.py)."""
    if dumper_class is None and hasattr(yaml, "CSafeDumper"):
        fast = _dump(data, yaml.CSafeDumper)
        if "\\" not in fast:
            return fast
    return _dump(data, dumper_class or yaml.SafeDumper)


def _dump(data: Any, kind: Any) -> str:
    out = io.StringIO()
    dumper = kind(out, allow_unicode=True, width=1_000_000)
    try:
        for event in _events(dumper, data):
            dumper.emit(event)
    finally:
        dumper.dispose()
    return out.getvalue()
