"""YAML text to plain values that remember their lines, strictly and safely.

YAML is parsed to a node tree (PyYAML's C parser when present, composed without recursion) and
converted by hand, so no YAML tag can construct a Python object, duplicate keys are caught, nesting is
bounded and alias bombs are measured before anything is expanded. PyYAML is imported only here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataError

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
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
    """A mapping that remembers its own line and the line of each key."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: dict[str, int] = {}


class YSeq(list[Any]):
    """A sequence that remembers its own line and the line of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: list[int] = []


@dataclass(frozen=True, eq=False)
class Other:
    """A scalar that is not text (a number, a date, ...): kept only to say what it was."""

    kind: str
    raw: str


def _expanded_size(root: yaml.Node, path: str) -> None:
    """Refuse documents whose aliases expand far beyond their written size, or loop."""
    import yaml

    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise DataError([f"{path}:{node.start_mark.line + 1}: an alias refers to itself"])
        if depth > MAX_DEPTH:
            raise DataError([f"{path}:{node.start_mark.line + 1}: nested more than {MAX_DEPTH} deep"])
        active.add(key)
        total = 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k, depth + 1) + size(v, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                total += size(item, depth + 1)
        active.discard(key)
        sizes[key] = total
        return total

    expanded = size(root, 0)
    written = len(sizes)
    if expanded > max(100_000, 10 * written):
        raise DataError(
            [f"{path}: anchors and aliases expand {written} nodes to {expanded}; refusing to load"]
        )


def _convert(node: yaml.Node, path: str) -> Any:
    import yaml

    line = node.start_mark.line + 1
    if node.tag not in _KNOWN_TAGS:
        raise DataError([f"{path}:{line}: unsupported YAML tag {node.tag}"])
    shape = {_MAP: yaml.MappingNode, _SEQ: yaml.SequenceNode}.get(node.tag, yaml.ScalarNode)
    if not isinstance(node, shape):
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        found = "a mapping" if isinstance(node, yaml.MappingNode) else "a list"
        found = "text" if isinstance(node, yaml.ScalarNode) else found
        raise DataError([f"{path}:{line}: YAML tag {tag} on {found}, which it does not describe"])
    if isinstance(node, yaml.MappingNode):
        result = YMap(line)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise DataError([f"{path}:{key_line}: a mapping key must be plain text"])
            key = str(key_node.value)
            if key in result:
                raise DataError(
                    [f"{path}:{key_line}: duplicate key '{key}' (first at line {result.lines[key]})"]
                )
            result[key] = _convert(value_node, path)
            result.lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        seq = YSeq(line)
        for item in node.value:
            seq.append(_convert(item, path))
            seq.lines.append(item.start_mark.line + 1)
        return seq
    assert isinstance(node, yaml.ScalarNode)
    if node.tag == _STR:
        return str(node.value)
    if node.tag == _NULL:
        return None
    if node.tag == _BOOL:
        return str(node.value).lower() in ("yes", "true", "on")
    return Other(_TYPE_NAMES[node.tag], str(node.value))


def read_bytes(path: Path) -> bytes:
    shown = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataError([f"{shown}: file not found"]) from None
    except OSError as exc:
        raise DataError([f"{shown}: cannot read: {exc.strerror}"]) from None
    if not path.is_file():
        raise DataError([f"{shown}: not a regular file"])
    if size > MAX_FILE_BYTES:
        raise DataError([f"{shown}: {size} bytes is larger than the {MAX_FILE_BYTES} allowed"])
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataError([f"{shown}: cannot read: {exc.strerror}"]) from None


def read_yaml(path: Path, raw: bytes | None = None) -> Any:
    """Parse one file into YMap/YSeq/str/bool/None/Other, or raise DataError."""
    import yaml

    try:
        from yaml import CSafeLoader as Loader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeLoader as Loader  # type: ignore[assignment]

    shown = str(path)
    if raw is None:
        raw = read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError([f"{shown}:{line}: not UTF-8 (byte {exc.start})"]) from None
    if not text.strip():
        raise DataError([f"{shown}: file is empty"])
    from .yamlcompose import TooDeep, compose

    loader = Loader(text)
    try:
        root = compose(loader, MAX_DEPTH)
    except TooDeep as exc:
        where = f":{exc.problem_mark.line + 1}" if exc.problem_mark is not None else ""
        raise DataError([f"{shown}{where}: nested more than {exc.limit} deep"]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}" if mark is not None else ""
        if exc.problem and "maximum nesting depth" in exc.problem:
            # the libyaml in PyYAML 6.0.4 stops flow nesting past 1,000 levels in its scanner,
            # before the first event of the too-deep node reaches compose(): the same refusal.
            raise DataError([f"{shown}{where}: nested more than {MAX_DEPTH} deep"]) from None
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError([f"{shown}{where}: YAML syntax error: {problem}"]) from None
    except yaml.YAMLError as exc:
        raise DataError([f"{shown}: YAML error: {exc}"]) from None
    except RecursionError:
        raise DataError([f"{shown}: nested too deeply"]) from None
    finally:
        loader.dispose()
    if root is None:
        raise DataError([f"{shown}: file is empty"])
    _expanded_size(root, shown)
    return _convert(root, shown)
