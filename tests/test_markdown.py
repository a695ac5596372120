"""Markdown out, rendered by a CommonMark parser (markdown-it-py): the text that comes back is the
data's text, and no tag appears that the data did not ask for."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from crosswalk_cli.text.markdown import escape

from . import hostile
from .conftest import Invoke

# CommonMark with raw HTML on (so any HTML we let through shows), plus GFM tables and strikethrough.
MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
DOCUMENT_TAGS = {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "br"}
VIEW_TAGS = DOCUMENT_TAGS | {"table", "thead", "tbody", "tr", "th", "td", "blockquote"}


def inline_text(token: Any) -> str:
    """What a reader sees of one inline token: text, with every line break as a newline."""
    out = []
    for child in token.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and child.content == "<br>"
        ):
            out.append("\n")
        elif child.type in ("strong_open", "strong_close"):
            continue
        else:  # code, links, images, emphasis, raw HTML: nothing the data asked for
            out.append(f"<<{child.type}>>")
    return "".join(out)


def texts(doc: str) -> list[str]:
    return [inline_text(t) for t in MD.parse(doc) if t.type == "inline"]


def tags(doc: str) -> set[str]:
    return {t.lower() for t in re.findall(r"<([A-Za-z][A-Za-z0-9]*)", MD.render(doc))}


def empty_bullets(doc: str) -> int:
    """List items whose first child is another list: what `  - 1. text` renders as."""
    tokens = MD.parse(doc)
    return sum(
        1
        for a, b in itertools.pairwise(tokens)
        if a.type == "list_item_open" and b.type in ("bullet_list_open", "ordered_list_open")
    )


def seen(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- --format markdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "shows"),
    [
        (["standard", "1b"], ("TITLE", "TEXT", "FORMULA")),
        (["standard", "1"], ("STATEMENT", "FORMULA")),
        (["competency", "VVC.3.a"], ("TITLE", "TEXT", "SUBITEM", "FORMULA")),
        (["competencies", "--domain", "VVC"], ("TITLE", "TEXT")),
        (["standards"], ("FORMULA",)),
        (["search", "list"], ("TITLE",)),
        (["theme", "LC"], ("TEXT",)),
    ],
)
def test_format_markdown_of_hostile_titles(
    invoke: Invoke, tmp_path: Path, args: list[str], shows: tuple[str, ...]
) -> None:
    data = hostile.hostile_data(tmp_path)
    result = invoke(*args, "--format", "markdown", "--data-dir", str(data))
    assert result.exit_code == 0, result.stderr
    doc = result.stdout
    assert tags(doc) <= VIEW_TAGS, tags(doc) - VIEW_TAGS
    assert not any("<<" in t for t in texts(doc))
    tokens = MD.parse(doc)
    assert sum(t.type == "heading_open" and t.tag == "h1" for t in tokens) == 1
    shown = "\n".join(texts(doc))
    for name in shows:
        assert seen(getattr(hostile, name)) in shown, name


def test_table_cells_come_back_exactly(invoke: Invoke, tmp_path: Path) -> None:
    data = hostile.hostile_data(tmp_path)
    doc = invoke("standard", "1b", "--format", "markdown", "--data-dir", str(data)).stdout
    cells = [
        inline_text(b)
        for a, b in itertools.pairwise(MD.parse(doc))
        if a.type == "td_open" and b.type == "inline"
    ]
    assert any(c.startswith(f"{hostile.TEXT} ") for c in cells)  # then its parts, its parent in parentheses
    assert "VVC.3.a (printed VVC.3.e)" in cells  # a cell is one line: a newline in it is a space


# --- the escaper itself: seeded and bounded ---------------------------------------------------------------

PIECES = [*"\\`*_[]<>&|~#-+=.)!( \t\n\r1234567890ab:\"'/^$%{}", "```", "---", "1. ", "<script>", "&amp;"]
PIECES += ["http://x.y", "[x](y)", "    ", "> ", "***", "<!-- ", "-->", "&#32;", "\\\n", "  \n"]


def test_escaper_round_trips_random_text_in_every_place() -> None:
    rng = random.Random(20240917)
    for _ in range(1500):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        want = seen(text)
        para = texts(escape(text) + "\n")
        if want.strip("\n"):  # a paragraph of line breaks alone is no paragraph
            assert para == [want], (text, escape(text))
        assert texts(f"- **X** {escape(text)}\n  - next\n") == [f"X {want}", "next"], text
        table = f"| a | b |\n| --- | --- |\n| {escape(text, one_line=True)} | z |\n"
        line = want.replace("\n", " ")  # a table cell, a heading: one line
        assert texts(table) == ["a", "b", line, "z"], text
        assert texts(f"## {escape(text, one_line=True)}\n") == [line], text
        assert "br" not in tags(table) | tags(f"## {escape(text, one_line=True)}\n")  # no raw HTML
        for doc in (escape(text), table):
            assert tags(doc) <= {"p", "br", "table", "thead", "tbody", "tr", "th", "td"}, text
