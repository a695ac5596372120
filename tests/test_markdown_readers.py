"""The Markdown the tool writes reads as the same text in a CommonMark reader (markdown-it, with and without
GFM tables), pandoc's gfm, commonmark_x and its own markdown: every text the JSON gives is found whole in
what each reader makes of it, with no list, footnote or raw HTML a reader would make of the data.

Compared as a reader shows text: runs of white space are one space, and pandoc's typographic quotes,
dashes and ellipses (its markdown's `smart`) are taken as the plain ones they stand for."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from markdown_it import MarkdownIt

from .conftest import Invoke

COMMANDS = (
    ("standard", "1b"),
    ("standard", "4a"),
    ("standard", "1"),
    ("competency", "VVC.3.a"),
    ("competency", "PSMV.1.a"),
    ("theme", "EI"),
    ("item", "MA:4a"),
    ("item", "JFF:VVC.4.a"),
)
WITH_PARTS = ("JFF:VVC.3.a", "JFF:PSMV.1.a", "JFF:VVC.4.a", "JFF:PSMV.2.c", "JFF:VVC.2.d", "MA:4a")
PANDOC = shutil.which("pandoc")
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---", "…": "..."})


def plain(text: str) -> str:
    return " ".join(text.translate(TYPOGRAPHY).split())


def strings(doc: Any, skip: tuple[str, ...] = ()) -> Iterator[str]:
    """Every text in a JSON document (not its ids and keys), each part of an item as the item shows it."""
    if isinstance(doc, dict):
        if {"number", "text"} <= set(doc) and "name" in doc:  # an element: '1. Name: text'
            name = f"{doc['name']}: " if doc["name"] else ""
            yield f"{doc['number']}. {name}{doc['text']}" if doc["number"] else f"{name}{doc['text']}"
        for key, value in doc.items():
            if key not in skip:
                yield from strings(value, skip)
    elif isinstance(doc, list):
        for value in doc:
            yield from strings(value, skip)
    elif isinstance(doc, str) and len(doc) > 12 and " " in doc:  # a text, not a code
        yield doc


def markdown_it_text(doc: str, tables: bool) -> str:
    md = MarkdownIt("commonmark")
    if tables:
        md = md.enable("table")
    out = []
    for token in md.parse(doc):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline", "html_inline"):
                    out.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    out.append(" ")
            out.append(" ")
        elif token.type in ("html_block", "code_block", "fence"):
            out.append(f" <<{token.type}>> ")  # raw HTML or code the data never asked for
    return "".join(out)


def pandoc_text(doc: str, reader: str) -> str:
    """The text of pandoc's reading of ``doc``: its AST's strings, any list made of the data marked."""
    assert PANDOC is not None
    ast = json.loads(
        subprocess.run(
            [PANDOC, "-f", reader, "-t", "json"], input=doc, capture_output=True, text=True, check=True
        ).stdout
    )
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for x in node:
                walk(x)
        elif isinstance(node, dict):
            kind, content = node.get("t"), node.get("c")
            if kind == "Str":
                out.append(content)
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif kind in ("Code", "RawInline", "Math"):
                out.append(content[-1])
            elif kind == "Quoted":
                mark = '"' if content[0]["t"] == "DoubleQuote" else "'"
                out.append(mark)
                walk(content[1])
                out.append(mark)
            elif kind == "Note":
                out.append(" <<footnote>> ")
            elif kind == "OrderedList" and content[0][1]["t"] != "Decimal":
                out.append(" <<lettered list>> ")  # what the data's 'i.' or 'II.' became
                walk(content)
            else:
                walk(content)
            if kind in ("Para", "Plain", "Header", "Div"):
                out.append(" ")

    walk(ast["blocks"])
    return "".join(out)


def documents(invoke: Invoke) -> Iterator[tuple[str, str, list[str]]]:
    """(what, Markdown, the texts its --json gives) for each command, and for the export."""
    for args in COMMANDS:
        md = invoke(*args, "-f", "markdown").stdout
        # a list row's parent title is JSON's alone (the table groups rows under their top item instead)
        skip = ("competency_title",) if args[0] == "theme" else ()
        yield " ".join(args), md, list(strings(json.loads(invoke(*args, "--json").stdout), skip))
    export = invoke("export", "markdown").stdout
    texts = []
    for item in WITH_PARTS:  # an item's text and its parts, each on its line
        doc = json.loads(invoke("item", item, "--json").stdout)
        texts += [doc["text"], *strings(doc["parts"])]
    for framework in ("MA", "JFF"):  # every target item, and every source item a link shows (the leaves)
        items = json.loads(invoke("items", framework, "--json").stdout)["items"]
        leaf = max(x["depth"] for x in items)
        texts += [i["text"] for i in items if framework == "MA" or i["depth"] == leaf]
    yield "export markdown", export, [t for t in texts if t]


def mismatches(read: str, texts: list[str]) -> list[str]:
    seen = plain(read)
    wrong = [t for t in texts if plain(t) not in seen]
    wrong += [m for m in ("<<", "[^") if m in seen]
    return wrong


@pytest.fixture(scope="module")
def docs(request: pytest.FixtureRequest) -> list[tuple[str, str, list[str]]]:
    from typer.testing import CliRunner

    from crosswalk_cli.cli import app

    runner = CliRunner()

    def invoke(*args: str) -> Any:
        result = runner.invoke(app, list(args), env={"COLUMNS": "80", "CROSSWALK_DATA_DIR": None})
        assert result.exit_code == 0, result.stderr
        return result

    return list(documents(invoke))


@pytest.mark.parametrize("tables", [False, True], ids=["commonmark", "gfm-tables"])
def test_markdown_it_reads_every_json_text(docs: list[tuple[str, str, list[str]]], tables: bool) -> None:
    for what, md, texts in docs:
        assert texts, what
        assert mismatches(markdown_it_text(md, tables), texts) == [], what
        assert "<br>" not in md and "&#32;?" not in md and "  " not in md.split("\n", 1)[0], what


@pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed: the pandoc readers are not checked")
@pytest.mark.parametrize("reader", ["gfm", "commonmark_x", "markdown"])
def test_pandoc_reads_every_json_text(docs: list[tuple[str, str, list[str]]], reader: str) -> None:
    for what, md, texts in docs:
        assert mismatches(pandoc_text(md, reader), texts) == [], (what, reader)


def test_the_data_lists_are_escaped_for_pandoc(docs: list[tuple[str, str, list[str]]]) -> None:
    # without pandoc: no line of the data starts as a lettered or roman list item would
    marker = re.compile(r"^\(?(?:[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)] ", re.M)
    for what, md, _ in docs:
        assert not marker.search(md), (what, marker.search(md))
