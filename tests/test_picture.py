"""The heat map as SVG and HTML: loads nothing from the network, has a title, and every text meets
WCAG AA contrast (4.5:1) against its background, computed from the colours in the files."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import Invoke

SVG = "{http://www.w3.org/2000/svg}"
AA = 4.5
MATRIX_RUNS = [[], ["--relation", "primary"], ["--relation", "additional"], ["--theme", "EI"]]


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of #rrggbb."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic AA near-miss
    assert contrast("#c0c0c0", "#3182bd") == pytest.approx(2.28, abs=0.01)  # the old deep cells


@pytest.fixture(params=MATRIX_RUNS, ids=lambda a: " ".join(a) or "all")
def pictures(request: pytest.FixtureRequest, invoke: Invoke, tmp_path: Path) -> tuple[str, str]:
    svg, html = tmp_path / "m.svg", tmp_path / "m.html"
    result = invoke("matrix", *request.param, "--svg", str(svg), "--html", str(html))
    assert result.exit_code == 0, result.stderr
    return svg.read_text(encoding="utf-8"), html.read_text(encoding="utf-8")


# --- offline ----------------------------------------------------------------------------------------


def no_fetch_in_css(css: str) -> None:
    assert "@import" not in css and "@font-face" not in css
    assert all(target.strip("'\" ").startswith("#") for target in re.findall(r"url\(([^)]*)\)", css))


def test_svg_loads_nothing(pictures: tuple[str, str]) -> None:
    svg = pictures[0]
    root = ET.fromstring(svg)  # the namespace (xmlns) is an identifier, never fetched
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        assert tag not in ("image", "script", "foreignObject", "use", "a", "feImage"), tag
        for name, value in element.attrib.items():
            assert not re.search(r"https?:|//", value), (tag, name, value)
            if name.endswith("href") or name == "src":
                assert value.startswith("#"), (tag, name, value)
            if name == "style" or tag == "style":
                no_fetch_in_css(value)
            if "url(" in value:
                assert re.fullmatch(r"url\(#[\w-]+\)", value), value
        if tag == "style":
            no_fetch_in_css(element.text or "")
    # The only http(s) in the file is the namespace.
    assert re.findall(r"https?://[^\s\"'<>]*", svg) == ["http://www.w3.org/2000/svg"]


class _Page(HTMLParser):
    """Collects, from rich's HTML, every text with its colour and background, and what could fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str | None, str | None]] = []
        self.texts: list[tuple[str, str | None, str | None]] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.title = ""
        self.styles = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, k, v or "") for k, v in attrs]
        if tag in ("title", "style"):
            self._in = tag
        if tag == "span":
            style = dict(attrs).get("style") or ""
            colour = re.search(r"(?:^|;)\s*color:\s*(#[0-9a-f]{6})", style)
            back = re.search(r"background-color:\s*(#[0-9a-f]{6})", style)
            self.stack.append((colour[1] if colour else None, back[1] if back else None))

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self.stack.pop()
        self._in = None if tag in ("title", "style") else self._in

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "style":
            self.styles += data
        elif data.strip():
            colour = next((c for c, _ in reversed(self.stack) if c), None)
            back = next((b for _, b in reversed(self.stack) if b), None)
            self.texts.append((data, colour, back))


def test_html_loads_nothing(pictures: tuple[str, str]) -> None:
    page = _Page()
    page.feed(pictures[1])
    assert not {"link", "script", "img", "iframe", "object", "embed", "base", "svg"} & set(page.tags)
    for tag, name, value in page.attributes:
        assert name not in ("src", "href", "srcset", "action"), (tag, name)
        assert not re.search(r"https?:|//", value), (tag, name, value)
        if name == "style":
            no_fetch_in_css(value)
    no_fetch_in_css(page.styles)
    assert "http" not in pictures[1]


# --- titled -----------------------------------------------------------------------------------------


def test_both_have_a_title(pictures: tuple[str, str]) -> None:
    svg, html = pictures
    root = ET.fromstring(svg)
    title = root.find(f"{SVG}title")
    assert root[0] is title and title is not None  # the first child: the picture's accessible name
    assert (title.text or "").startswith("Links by standard indicator and domain (")
    assert root.get("aria-labelledby") == title.get("id") and root.get("role") == "img"
    page = _Page()
    page.feed(html)
    assert page.title == title.text
    assert '<html lang="en">' in html


# --- contrast ---------------------------------------------------------------------------------------


def test_html_contrast_of_every_text(pictures: tuple[str, str]) -> None:
    page = _Page()
    page.feed(pictures[1])
    body = re.search(r"body \{\s*color: (#[0-9a-f]{6});\s*background-color: (#[0-9a-f]{6});", page.styles)
    assert body
    checked = set()
    for text, colour, back in page.texts:
        pair = (colour or body[1], back or body[2])
        assert contrast(*pair) >= AA, (text, pair, round(contrast(*pair), 2))
        checked.add(pair)
    assert len(page.texts) > 100 and len({b for _, b in checked}) >= 4  # the shades were all seen


def test_svg_contrast_of_every_text(pictures: tuple[str, str]) -> None:
    root = ET.fromstring(pictures[0])
    css = "".join(s.text or "" for s in root.iter(f"{SVG}style"))
    fills = {name: fill for name, fill in re.findall(r"\.([\w-]+) \{ fill: (#[0-9a-f]{6})", css)}
    page = next(r for r in root.iter(f"{SVG}rect") if r.get("width") == "100%")
    clips = {id(r) for c in root.iter(f"{SVG}clipPath") for r in c.iter(f"{SVG}rect")}
    tiles = [
        (float(r.get("x", 0)), float(r.get("y", 0)), float(r.get("width", 0)), float(r.get("height", 0)),
         r.get("fill"))
        for r in root.iter(f"{SVG}rect")
        if id(r) not in clips and r is not page
    ]  # fmt: skip
    texts = list(root.iter(f"{SVG}text"))
    assert len(texts) > 100
    backgrounds = set()
    for text in texts:
        colour = text.get("fill") or fills[text.get("class", "")]
        x, y = float(text.get("x", 0)), float(text.get("y", 0)) - 10  # y is the baseline; 20px type
        under = [fill for tx, ty, w, h, fill in tiles if tx <= x < tx + w and ty <= y <= ty + h]
        back = under[-1] if under else page.get("fill")
        assert back and contrast(colour, back) >= AA, (text.text, colour, back)
        backgrounds.add(back)
    assert len(backgrounds) >= 4


def test_terminal_shading_keeps_its_contrast_too() -> None:
    from crosswalk_cli.formats.table import shade as _shade

    for n in range(1, 11):
        fg, _, bg = _shade(str(n), 10).partition(" on ")
        assert contrast(fg, bg) >= AA, (n, fg, bg)
