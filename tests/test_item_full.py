"""`item` answers as fully as the presets, for every item the presets answer for: each of the 108
competency indicators carries what `competency` shows (text, sub-items, themes, printed labels, errata,
the standards it is linked to), and each of the 21 standard indicators what `standard` shows (text,
elements, the competency indicators linked to it, by relation)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from .conftest import Invoke
from .maple import Maple


def _json(invoke: Invoke, *args: str) -> dict[str, Any]:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_every_competency_indicator(invoke: Invoke, cw: Maple) -> None:
    for code in cw.indicators:
        preset, item = _json(invoke, "competency", code), _json(invoke, "item", f"JFF:{code}")
        shown = preset["indicator"]
        assert item["text"] == shown["text"], code
        assert [p["text"] for p in item["parts"]] == shown["subitems"], code
        assert list(item["tags"]) == shown["themes"], code
        assert item["tags_incomplete"] == shown["themes_incomplete"], code
        assert item["tags_recovered"] == shown["themes_from_crosswalk"], code
        assert item["parent"]["title"] == shown["competency"]["title"], code
        assert item["printed_labels"] == preset["printed_labels"], code
        assert item["errata"] == preset["errata"], code
        linked = sorted(
            (k["item"]["code"], k["relation"]) for k in item["links"] if k["crosswalk"] == "MAPLE"
        )
        assert linked == sorted((s["id"], s["relation"]) for s in preset["standards"]), code
    assert len(cw.indicators) == 108


def test_every_standard_indicator(invoke: Invoke, cw: Maple) -> None:
    for code in cw.standard_indicators:
        preset, item = _json(invoke, "standard", code), _json(invoke, "item", f"MA:{code}")
        shown = preset["standard"]
        assert (item["text"], item["title"], item["label"]) == (shown["text"], shown["name"], shown["code"])
        assert item["parts"] == shown["elements"], code
        linked = Counter(
            (k["item"]["code"], k["relation"]) for k in item["links"] if k["crosswalk"] == "MAPLE"
        )
        assert linked == Counter((c["id"], c["relation"]) for c in preset["competencies"]), code
    assert len(cw.standard_indicators) == 21
