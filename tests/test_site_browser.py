"""The site in a real headless Chromium (the system's, driven by playwright): opened over file:// and over
a local HTTP server on 127.0.0.1, every internal link followed, search used, axe-core run on every page
kind, the self-assessment form filled in and its file given to `assess report`, and a screenshot of each
page kind (into $CROSSWALK_SITE_SHOTS, where set: docs/screenshots was made so).

Needs: chromium (Debian package), playwright (pip), axe-core (npm; $CROSSWALK_AXE names axe.min.js).
.ci/run installs all three; without them these tests skip with one line saying what is missing."""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

from .conftest import ROOT, Invoke

DISTRICT = ROOT / "docs" / "examples" / "district"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# One page of each kind (packaged data), and the district's drafted, reviewed crosswalk.
KINDS = {
    "index": "index.html",
    "framework": "framework/MA.html",
    "item": "item/JFF/VVC.3.a.html",
    "crosswalk": "crosswalk/MAPLE.html",
    "crosswalk-links": "crosswalk/MAPLE/links/1.html",
    "tag": "tag/JFF/LC.html",
    "assess-print": "assess/index.html",
    "assess-form": "assess/form.html",
    "search": "search.html?q=personalized%20learning",
}
DISTRICT_KINDS = {
    "district-item": "item/RUSD/R1.1.html",
    "district-crosswalk": "crosswalk/RUSD-MA.html",
    "district-links": "crosswalk/RUSD-MA/links/1.html",
}


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def _axe() -> Path | None:
    given = os.environ.get("CROSSWALK_AXE")
    return Path(given) if given and Path(given).is_file() else None


def _missing(what: str) -> None:
    """Skip with one line; in CI ($CROSSWALK_SITE_BROWSER=required, set by .ci/run), fail instead."""
    if os.environ.get("CROSSWALK_SITE_BROWSER") == "required":
        pytest.fail(f"{what}, and .ci/run requires the browser tests")
    pytest.skip(f"{what}: browser tests skipped")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("no playwright (pip install playwright)")
    path = _chromium()
    if path is None:
        _missing("no headless Chromium (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from typer.testing import CliRunner

    from crosswalk_cli.cli import app

    root = tmp_path_factory.mktemp("sites")
    out = {}
    for name, args in (("packaged", []), ("district", ["--data-dir", str(DISTRICT)])):
        result = CliRunner().invoke(app, ["site", str(root / name), *args], env={"CROSSWALK_DATA_DIR": ""})
        assert result.exit_code == 0, result.stderr
        out[name] = root / name
    return out


@pytest.fixture(scope="module")
def server(sites: dict[str, Path]) -> Iterator[str]:
    """The sites served over HTTP on 127.0.0.1 (a free port), stopped when the module's tests end."""
    handler = partial(_Quiet, directory=str(sites["packaged"].parent))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _watch(page: Any, base: str, outside: list[str]) -> None:
    """Record every request that leaves the site (none may)."""
    page.on(
        "request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else outside.append(r.url)
    )


def crawl(browser: Any, base: str) -> tuple[int, int, list[str], list[str]]:
    """Follow every internal link from the index: pages opened, links checked, broken links, and requests
    that left the site."""
    page = browser.new_page()
    outside: list[str] = []
    _watch(page, base, outside)
    todo, seen, broken, checked = [base + "index.html"], set(), [], 0
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(url, wait_until="domcontentloaded")
        if base.startswith("http") and (response is None or response.status != 200):
            broken.append(url)
            continue
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            target = urldefrag(href)[0]
            if not target.startswith(base) or not href.startswith(base):
                continue
            checked += 1
            if target.endswith(".html"):
                todo.append(target)
            elif not _exists(page, base, target):
                broken.append(f"{url} -> {href}")
    page.close()
    return len(seen), checked, broken, outside


def _exists(page: Any, base: str, url: str) -> bool:
    """A download (CSV, JSON, SQLite): there to fetch."""
    if base.startswith("file:"):
        return Path(urlsplit(url).path).is_file()
    return bool(page.request.head(url).status == 200)


@pytest.mark.parametrize(
    ("scheme", "name"), [("file", "packaged"), ("http", "packaged"), ("file", "district")]
)
def test_every_internal_link_works_and_nothing_leaves_the_site(
    browser: Any, sites: dict[str, Path], server: str, scheme: str, name: str
) -> None:
    root = sites[name]
    base = root.as_uri() + "/" if scheme == "file" else f"{server}{name}/"
    pages, checked, broken, outside = crawl(browser, base)
    print(f"{scheme} {name}: {pages} pages, {checked} internal links, {len(broken)} broken")
    assert broken == [] and outside == []
    assert pages == len(list(root.rglob("*.html")))


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_search_finds_a_word_and_opens_the_result(
    browser: Any, sites: dict[str, Path], server: str, scheme: str
) -> None:
    base = sites["packaged"].as_uri() + "/" if scheme == "file" else f"{server}packaged/"
    page = browser.new_page()
    page.goto(base + "search.html")
    page.fill("#q", "personalized learning")
    page.press("#q", "Enter")
    page.wait_for_selector("#results li a")
    assert "results for" in page.inner_text("#count")
    first = page.locator("#results li a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.url.endswith(".html") and ("/item/" in page.url or "/framework/" in page.url)
    assert title.split()[0] in page.inner_text("h1")
    page.close()


def _axe_violations(page: Any, axe: Path) -> list[str]:
    page.add_script_tag(path=str(axe))
    found = page.evaluate(f"axe.run(document, {{runOnly: {{type: 'tag', values: {WCAG}}}}})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in found["violations"]]


def test_axe_finds_no_violation_on_any_page_kind(browser: Any, sites: dict[str, Path], server: str) -> None:
    axe = _axe()
    if axe is None:
        _missing("no axe-core ($CROSSWALK_AXE: the path of axe.min.js; npm install axe-core)")
    shots = os.environ.get("CROSSWALK_SITE_SHOTS")
    page = browser.new_page(viewport={"width": 1000, "height": 760})
    results = {}
    for site, kinds in (("packaged", KINDS), ("district", DISTRICT_KINDS)):
        for kind, path in kinds.items():
            page.goto(f"{server}{site}/{path}")
            results[kind] = _axe_violations(page, axe)
            if shots:
                page.screenshot(path=str(Path(shots) / f"{kind}.png"))
    print("axe violations per page kind:", json.dumps({k: len(v) for k, v in results.items()}))
    assert {k: v for k, v in results.items() if v} == {}
    page.close()


def test_keyboard_no_script_and_print(browser: Any, sites: dict[str, Path]) -> None:
    base = sites["packaged"].as_uri() + "/"
    page = browser.new_page()
    page.goto(base + "item/MA/1b.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('header')).display") == "none"
    page.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "index.html")
    page.click("text=Massachusetts Professional Standards for Administrative Leadership (MA)")
    page.click("a[href$='MA/1b.html']")
    assert "MA:1b" in page.inner_text("h1")
    page.goto(base + "search.html")
    assert "Search needs JavaScript" in page.inner_text("main")
    context.close()


def test_the_form_saves_a_file_assess_report_reads(
    browser: Any, sites: dict[str, Path], tmp_path: Path, invoke: Invoke
) -> None:
    page = browser.new_page(accept_downloads=True)
    page.goto(sites["packaged"].as_uri() + "/assess/form.html")
    page.fill("#respondent", 'Team lead "A" <b>&</b>')
    page.fill("#date", "2026-12-05")
    fieldsets = page.locator("fieldset")
    statements = fieldsets.count()
    for n in range(statements - 1):  # the last statement is left unanswered
        fieldsets.nth(n).locator("input").nth(n % 5).check()
    with page.expect_download() as info:
        page.click("#save")
    saved = tmp_path / "answers.yaml"
    info.value.save_as(saved)
    assert "answered" in page.inner_text("#saved")
    page.close()
    result = invoke("assess", "report", str(saved), "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    text = json.dumps(report)
    assert 'Team lead \\"A\\" <b>&</b>' in text or "Team lead" in text
    assert saved.read_text("utf-8").count("\n  ") == statements - 1
