"""YAML text to plain values that remember their lines, strictly, safely and within stated limits.

PyYAML's C parser (when present) hands its events to yamlcompose, which builds the values at once,
without recursion and without a node tree, so no YAML tag can construct a Python object, duplicate keys
are caught, and nesting, size and aliases are bounded. The limits, each one line when passed, before
the memory it would cost is spent: MAX_FILE_BYTES bytes (checked before the file is read), MAX_NODES
values (keys, texts, lists and mappings, an alias counting as all it stands for: counted as the file is
read) and MAX_DEPTH levels. The project's largest data (bench/scale_data.py at 1000 times the shipped
data: 37 MB and 1.13 million values in its largest file) and a 100,000-item CASE import (34 MB, 1.42
million values) fit. PyYAML is imported only here and in yamlcompose.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import DataError

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NODES = 2_000_000
MAX_DEPTH = 64


def read_bytes(path: Path) -> bytes:
    """A data file's bytes: a regular file of at most MAX_FILE_BYTES, its size checked before it is
    read, and no more than that read should it grow meanwhile."""
    shown = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataError([f"{shown}: file not found"]) from None
    except OSError as exc:
        raise DataError([f"{shown}: cannot read: {exc.strerror}"]) from None
    if not path.is_file():
        raise DataError([f"{shown}: not a regular file"])
    too_big = DataError([f"{shown}: larger than {MAX_FILE_BYTES >> 20} MiB, the most a data file may be"])
    if size > MAX_FILE_BYTES:
        raise too_big
    try:
        with open(path, "rb") as f:
            raw = f.read(size + 1)
            if len(raw) > size:  # it grew since: read on, up to one byte past the limit
                raw += f.read(MAX_FILE_BYTES + 1 - len(raw))
    except OSError as exc:
        raise DataError([f"{shown}: cannot read: {exc.strerror}"]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise too_big
    return raw


def _check_text(shown: str, raw: bytes) -> None:
    """Refuse bytes that are not UTF-8, or no text at all, without holding the whole file as text."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    blank = True
    step = 1 << 20
    try:
        for start in range(0, max(len(raw), 1), step):
            piece = decoder.decode(raw[start : start + step], final=start + step >= len(raw))
            blank = blank and not piece.strip()
    except UnicodeDecodeError:
        try:
            raw.decode("utf-8")  # again, whole, for the exact place
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise DataError([f"{shown}:{line}: not UTF-8 (byte {exc.start})"]) from None
    if blank:
        raise DataError([f"{shown}: file is empty"])


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
    _check_text(shown, raw)
    from .yamlcompose import TooDeep, build

    loader = Loader(raw)  # the bytes, not a str: the C parser would make a UTF-8 copy of a str
    try:
        document = build(loader, shown, MAX_DEPTH, MAX_NODES)
    except TooDeep as exc:
        where = f":{exc.problem_mark.line + 1}" if exc.problem_mark is not None else ""
        raise DataError([f"{shown}{where}: nested more than {exc.limit} deep"]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}" if mark is not None else ""
        if exc.problem and "maximum nesting depth" in exc.problem:
            # the libyaml in PyYAML 6.0.4 stops flow nesting past 1,000 levels in its scanner,
            # before the first event of the too-deep node reaches build(): the same refusal.
            raise DataError([f"{shown}{where}: nested more than {MAX_DEPTH} deep"]) from None
        problem = exc.problem or exc.context or "invalid YAML"
        if problem.startswith("mapping values are not allowed") and mark is not None:
            raise DataError([f"{shown}{where}: {colon_hint(raw, mark.line)}"]) from None
        raise DataError([f"{shown}{where}: YAML syntax error: {problem}"]) from None
    except yaml.YAMLError as exc:
        raise DataError([f"{shown}: YAML error: {exc}"]) from None
    except RecursionError:
        raise DataError([f"{shown}: nested too deeply"]) from None
    finally:
        loader.dispose()
    if not document:
        raise DataError([f"{shown}: file is empty"])
    return document[0]


def colon_hint(raw: bytes, line: int) -> str:
    """What a text holding ``: `` unquoted did (YAML read it as a field inside the text: its syntax error
    is 'mapping values are not allowed'), and the line as it should be written: the text in quotes."""
    from ..text.safe import shown

    start = 0
    for _ in range(line):
        start = raw.find(b"\n", start) + 1
        if start == 0:
            break
    end = raw.find(b"\n", start)
    text = raw[start : end if end >= 0 else len(raw)].decode("utf-8", "replace").rstrip("\r")
    key, sep, value = text.partition(": ")
    value = value.strip()
    advice = "put the whole text in quotes"
    if sep and value and value[0] not in "'\"":
        quoted = "'" + value.replace("'", "''") + "'"
        advice += f", as in {shown(key.strip() + ': ' + quoted, 100)}"
    return (
        "a text holds ': ' (a colon and a space), which YAML reads as the start of a field inside it; "
        f"{advice} (a quote inside single quotes is written twice: '')"
    )
