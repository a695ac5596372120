"""The import's YAML writer gives the same text through libyaml's emitter and PyYAML's own, for the
values an import writes: texts of every shape (line breaks, quotes, colons, '#', leading spaces,
Unicode, what YAML would read as another type), numbers, true/false, null, nested lists and maps, and
every packaged data file."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from crosswalk_cli.datadir import default_data_dir
from crosswalk_cli.exchange.caseimport.emit import dump

pytestmark = pytest.mark.skipif(not hasattr(yaml, "CSafeDumper"), reason="PyYAML has no libyaml here")

TEXTS = [
    "plain", "", " leading", "trailing ", "a: b", "# not a comment", "x #y", "'quoted'", '"double"',
    "yes", "no", "null", "~", "1.5", "0x1F", "2026-12-05", "- dash", "? q", "[a]", "{b}", "*star", "&amp",
    "!bang", "%pct", "@at", "`tick`", "line\nbreak", "two\n\nparagraphs\n", "tab\there", "ünïcödé — “q”",
    "end:", "a\n  indented", "|pipe", ">fold", "x" * 300, "🙂 emoji", "trailing newline\n", "\n lead",
    "back\\slash", "bom\ufeff",
]  # fmt: skip

CASES: list[Any] = [
    {"id": "X", "items": [{"code": t, "text": t, "tags": [t, t + "2"]} for t in TEXTS]},
    {"n": 1, "f": 1.5, "b": True, "none": None, "neg": -3, "list": [1, "a", None], "empty": [], "m": {}},
]
FILES = sorted(default_data_dir().glob("*.yaml"))


@pytest.mark.parametrize("data", CASES)
def test_libyaml_and_pyyaml_write_the_same_text(data: Any) -> None:
    fast = dump(data)
    assert fast == dump(data, yaml.SafeDumper)
    assert yaml.safe_load(fast) == data


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_packaged_file_is_written_alike(path: Any) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    fast = dump(doc)
    assert fast == dump(doc, yaml.SafeDumper)
    assert yaml.safe_load(fast) == doc
