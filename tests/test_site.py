"""`crosswalk site OUT/`: the pages it writes for the packaged data, a district's data and an imported CASE
package, read back as files (tests/test_site_browser.py opens them in a real browser)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from .conftest import ROOT, Invoke
from .hostile_text import CHARS, EVIL, evil_data
from .sitecheck import broken_links, is_external, read

DISTRICT = ROOT / "docs" / "examples" / "district"
MAX_PAGE = 100 * 1024  # bytes before compression, search index and downloads aside


def build(invoke: Invoke, out: Path, *args: str) -> Path:
    result = invoke("site", str(out), *args)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    return out


@pytest.fixture(scope="module")
def packaged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from crosswalk_cli.cli import app

    out = tmp_path_factory.mktemp("site") / "packaged"
    env = {"CROSSWALK_DATA_DIR": ""}
    result = CliRunner().invoke(app, ["site", str(out), "--base-url", "https://example.org/cw/"], env=env)
    assert result.exit_code == 0, result.stderr
    return out


def test_file_names_are_safe_and_never_shared() -> None:
    from crosswalk_cli.site.html import Names, slug

    assert slug("VVC.3.a") == "VVC.3.a" and slug("B\x1b") == "B_1b" and slug(".x") == "_2ex"
    assert slug("a/b") == "a_2fb" and slug("é") == "_c3a9" and slug("") == "_"
    names = Names()
    paths = [names.path("item/X", c) for c in ("A", "a", "A", "a_2")]
    assert paths == ["item/X/A.html", "item/X/a_2.html", "item/X/A.html", "item/X/a_5f2.html"]


def test_every_page_kind_is_written(packaged: Path) -> None:
    for path in (
        "index.html",
        "framework/MA.html",
        "item/MA/1b.html",
        "item/JFF/VVC.3.a.html",
        "crosswalk/MAPLE.html",
        "tag/JFF/LC.html",
        "assess/index.html",
        "assess/form.html",
        "search.html",
        "search-index.js",
        "download/MAPLE/links.csv",
        "download/MAPLE/case-crosswalk.json",
        "download/data.sqlite",
        "crosswalk/MAPLE/links/2.html",
    ):
        assert (packaged / path).is_file(), path


def test_no_link_is_broken_and_nothing_is_fetched_from_outside(packaged: Path) -> None:
    count, broken = broken_links(packaged)
    assert broken == [] and count > 1000
    for path in packaged.rglob("*.html"):
        page = read(path)
        assert [u for u in page.fetched if is_external(u)] == [], path
        assert not [u for u in page.links if u.startswith("/")], path  # relative, so file:// works
    css = (packaged / "style.css").read_text("utf-8") + (packaged / "search.js").read_text("utf-8")
    assert "http" not in css and "@import" not in css and "fetch(" not in css


def test_pages_are_small_and_have_one_main_and_one_h1(packaged: Path) -> None:
    sizes = {p: p.stat().st_size for p in packaged.rglob("*.html")}
    assert max(sizes.values()) < MAX_PAGE, max(sizes, key=sizes.__getitem__)
    for path in sizes:
        tags = read(path).tags
        assert tags.count("main") == 1 and tags.count("h1") == 1, path
        assert tags.count("header") == 1 and tags.count("footer") == 1, path


def test_an_item_page_shows_text_links_both_ways_and_errata(packaged: Path) -> None:
    text = " ".join(read(packaged / "item/MA/1b.html").text)
    assert "Ensures that instructional practices" in text
    assert "Linked from JFF" in text and "VVC.2.b" in text
    jff = " ".join(read(packaged / "item/JFF/VVC.3.a.html").text)
    assert "links to MA" in jff and "Erratum" in jff
    canonical = (packaged / "item/MA/1b.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://example.org/cw/item/MA/1b.html">' in canonical


def test_the_crosswalk_page_has_its_heat_map_coverage_and_downloads(packaged: Path) -> None:
    html = (packaged / "crosswalk/MAPLE.html").read_text("utf-8")
    assert html.count("<svg") == 1 and "<rect" in html
    assert "108 of 108 JFF items without parts have a link" in html
    csv = (packaged / "download/MAPLE/links.csv").read_text("utf-8-sig")
    assert csv.splitlines()[0].startswith("entry,relation,")
    package = json.loads((packaged / "download/MAPLE/case-crosswalk.json").read_text("utf-8"))
    assert package["CFAssociations"]
    assert (packaged / "download/data.sqlite").read_bytes()[:15] == b"SQLite format 3"
    # the analyst's file of `export sqlite` (docs/sqlite.md), not the lookup store's internal tables
    import sqlite3

    db = sqlite3.connect(packaged / "download/data.sqlite")
    names = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    db.close()
    assert {"item", "links", "decision", "item_search"} <= names and not names & {"alias", "meta", "entry"}


def test_search_index_holds_every_item(packaged: Path) -> None:
    text = (packaged / "search-index.js").read_text("ascii")
    data = json.loads(text[text.index("=") + 1 : text.rindex(";")])
    paths = {d[0] for d in data["docs"]}
    assert "item/MA/1b.html" in paths and len(paths) == len(data["docs"])
    assert data["words"] == sorted(data["words"]) and len(data["words"]) == len(data["hits"])


def test_a_district_crosswalk_says_it_is_not_published(invoke: Invoke, tmp_path: Path) -> None:
    """RUSD-MA is drafted and reviewed: its pages say so and nothing of it reads as published."""
    out = build(invoke, tmp_path / "site", "--data-dir", str(DISTRICT))
    assert broken_links(out)[1] == []
    page = " ".join(read(out / "item/RUSD/R1.1.html").text)
    assert "Not published: this crosswalk's status is reviewed" in page
    assert "Drafted" in page and "reviewed by A. Principal Supervisor" in page
    assert "Published" not in page.replace("Not published", "")
    target = " ".join(read(out / "item/MA/1d.html").text)
    assert "Drafted" in target and "RUSD:R1.1" in target
    xwalk = " ".join(read(out / "crosswalk/RUSD-MA.html").text)
    assert "Not published" in xwalk and "Published" not in xwalk.replace("Not published", "")


def test_a_site_for_an_imported_case_package(invoke: Invoke, tmp_path: Path) -> None:
    fixtures = sorted((ROOT / "tests" / "fixtures" / "case").glob("*.json"))
    result = invoke("import", "case", *map(str, fixtures), "--out", str(tmp_path / "data"))
    assert result.exit_code == 0, result.stderr
    out = build(invoke, tmp_path / "site", "--data-dir", str(tmp_path / "data"), "--no-packaged")
    count, broken = broken_links(out)
    assert broken == [] and count > 50
    assert list((out / "crosswalk").glob("*.html"))
    assert "no self-assessment" in (out / "assess/index.html").read_text("utf-8")


def test_hostile_texts_render_as_text(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crosswalk_cli.loader.checker import _Checker

    monkeypatch.setattr(_Checker, "unsafe", lambda *args: False, raising=False)
    data = evil_data(tmp_path / "data")
    out = build(invoke, tmp_path / "site", "--data-dir", str(data))
    assert broken_links(out)[1] == []
    unsafe = re.compile("[" + "".join(c for c in CHARS.values() if c not in "\r") + "]")
    for path in [*out.rglob("*.html"), out / "search-index.js"]:
        text = path.read_text("utf-8")
        assert not unsafe.search(text), (path, unsafe.search(text))
        assert "<b>" not in text and "pwned\x07" not in text
    page = (out / "item/EV/A.html").read_text("utf-8")
    assert "Evil \\x1b]0;pwned\\x07" in page  # shown, escaped, as text
    assert EVIL not in page
    evil_item = [p.name for p in (out / "item/EV").iterdir() if p.name.startswith("B")]
    assert evil_item and all(re.fullmatch(r"[A-Za-z0-9._-]+", n) for n in evil_item)


def test_markup_in_the_data_shows_as_text(invoke: Invoke, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    text = (DISTRICT / "rusd.yaml").read_text("utf-8")
    text = text.replace("title: Lead learning", 'title: "<script>alert(1)</script> & <b>bold</b>"')
    (mine / "rusd.yaml").write_text(text, "utf-8")
    out = build(invoke, tmp_path / "site", "--data-dir", str(mine))
    page = (out / "item/RUSD/R1.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "<script>alert" not in page and "<b>bold" not in page
    assert "\\u003cscript" in (out / "search-index.js").read_text("ascii")


def test_out_must_be_new_empty_or_a_site(invoke: Invoke, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    result = invoke("site", str(mine))
    assert result.exit_code == 2 and "not empty" in result.stderr and "Traceback" not in result.stderr
    assert (mine / "notes.txt").read_text() == "keep me" and len(list(mine.iterdir())) == 1
    file = tmp_path / "file"
    file.write_text("x")
    result = invoke("site", str(file))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert invoke("site", str(fifo)).exit_code == 2
    site = build(invoke, tmp_path / "site")
    (site / "stale.html").write_text("old")
    result = invoke("site", str(site))  # a file the site did not write: refused, kept
    assert result.exit_code == 2 and "stale.html" in result.stderr and (site / "stale.html").is_file()
    (site / "stale.html").unlink()
    (site / "index.html").write_text("old")
    build(invoke, site)  # a site built before is replaced whole
    assert "old" not in (site / "index.html").read_text("utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers


def test_a_bad_base_url_is_refused_before_anything_is_written(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("site", str(tmp_path / "site"), "--base-url", "javascript:alert(1)\x1b")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("crosswalk: error: --base-url 'javascript:alert(1)\\x1b': give an")
    assert not (tmp_path / "site").exists()


def test_at_ten_times_the_data_long_lists_are_cut_into_small_pages(invoke: Invoke, tmp_path: Path) -> None:
    """A crosswalk's links and heat map, a long framework and a tag's items go on pages of their own, each
    under 100 KB, and every one is linked."""
    import subprocess
    import sys

    data = tmp_path / "data"
    script = ROOT / "bench" / "scale_data.py"
    subprocess.run([sys.executable, str(script), str(ROOT / "data"), str(data), "10"], check=True)
    out = build(invoke, tmp_path / "site", "--data-dir", str(data), "--no-packaged")
    sizes = {p: p.stat().st_size for p in out.rglob("*.html")}
    assert max(sizes.values()) < MAX_PAGE, max(sizes, key=sizes.__getitem__)
    assert (out / "crosswalk/MAPLE/links/2.html").is_file() and (
        out / "crosswalk/MAPLE/heat/2.html"
    ).is_file()
    assert "Titles only here" in (out / "framework/JFF.html").read_text("utf-8")
    count, broken = broken_links(out)
    assert broken == [] and count > 10_000


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_rebuild_never_deletes_what_the_site_did_not_write(invoke: Invoke, tmp_path: Path) -> None:
    """The marker is a manifest: a rebuild refuses (exit 2, nothing changed) when OUT holds anything else."""
    site = build(invoke, tmp_path / "s5", "--data-dir", str(DISTRICT))
    assert (site / ".crosswalk-site").read_text("utf-8").startswith("crosswalk site manifest 1\n")
    mine = site / "mydata"
    mine.mkdir()
    (mine / "rusd.yaml").write_bytes((DISTRICT / "rusd.yaml").read_bytes())
    before = _tree(site)
    result = invoke("site", str(site), "--data-dir", str(mine))
    assert result.exit_code == 2 and "--data-dir" in result.stderr and result.stderr.count("\n") == 1
    assert _tree(site) == before
    (site / "item" / "notes.txt").write_text("keep me")
    result = invoke("site", str(site), "--data-dir", str(DISTRICT))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "item/notes.txt" in result.stderr or "mydata" in result.stderr
    assert (site / "item" / "notes.txt").read_text() == "keep me" and (mine / "rusd.yaml").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_hand_made_marker_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "thesis.docx").write_bytes(b"years of work")
    for marker in ("", "crosswalk site manifest 1\n../x\n", "crosswalk site manifest 1\nthesis.docx"):
        (thesis / ".crosswalk-site").write_text(marker)
        result = invoke("site", str(thesis))
        assert result.exit_code == 2 and "not a manifest" in result.stderr, (marker, result.stderr)
        assert (thesis / "thesis.docx").read_bytes() == b"years of work"
    # a manifest that lists the file as a folder does not cover it either
    (thesis / ".crosswalk-site").write_text("crosswalk site manifest 1\nthesis.docx/\n")
    result = invoke("site", str(thesis))
    assert result.exit_code == 2 and "thesis.docx" in result.stderr
    assert (thesis / "thesis.docx").read_bytes() == b"years of work"


def test_out_that_is_a_symbolic_link_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    site = build(invoke, tmp_path / "site", "--data-dir", str(DISTRICT))
    before = _tree(site)
    (tmp_path / "link").symlink_to(site)
    result = invoke("site", str(tmp_path / "link"), "--data-dir", str(DISTRICT))
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert _tree(site) == before and (tmp_path / "link").is_symlink()


def test_a_site_is_rebuilt_over_itself(invoke: Invoke, tmp_path: Path) -> None:
    site = build(invoke, tmp_path / "site", "--data-dir", str(DISTRICT))
    (site / "index.html").unlink()  # a file the site wrote may be missing
    build(invoke, site)  # the packaged data alone: fewer files than before
    assert (site / "item/MA/1b.html").is_file() and (site / "index.html").is_file()
    assert not (site / "item/RUSD").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>x</script>", "ht\ttp://x"]
)
def test_a_url_from_the_data_is_a_link_only_when_it_is_http(invoke: Invoke, tmp_path: Path, url: str) -> None:
    """The loader refuses a header's address that is not http(s), so no site is built from it (and the
    site makes links only of http(s) addresses on its own: test_web_link_makes_an_href_...)."""
    mine = tmp_path / "mine"
    mine.mkdir()
    for name in ("rusd.yaml", "rusd-ma.yaml"):
        text = (DISTRICT / name).read_text("utf-8")
        if name == "rusd.yaml":
            text = text.replace("https://creativecommons.org/publicdomain/zero/1.0/", json.dumps(url))
        else:
            field = f"  license_url: {json.dumps(url)}\n"
            text = text.replace("  license: CC0 1.0\n", "  license: CC0 1.0\n" + field)
        (mine / name).write_text(text, "utf-8")
    result = invoke("site", str(tmp_path / "site"), "--data-dir", str(mine))
    assert result.exit_code == 1 and not (tmp_path / "site").exists()
    assert result.stderr.count("give a web address (http:// or https://)") == 2
    good = read(build(invoke, tmp_path / "good", "--data-dir", str(DISTRICT)) / "framework/RUSD.html")
    assert "https://creativecommons.org/publicdomain/zero/1.0/" in good.links


def test_web_link_makes_an_href_only_of_http_and_https() -> None:
    from crosswalk_cli.site.html import web_link

    assert web_link(" HTTPS://x.org/a?b=1&c ", "L") == '<a href="HTTPS://x.org/a?b=1&amp;c">L</a>'
    assert web_link("http://x.org", "L", " rel=x") == '<a href="http://x.org" rel=x>L</a>'
    for bad in ("javascript:alert(1)", "\x01javascript:x", "vbscript:x", "//evil.org", "data:,x", "/etc"):
        assert "href" not in web_link(bad, "L") and "<a" not in web_link(bad, "<b>")
    assert web_link('javascript:"<x>"', "L") == "L (javascript:&quot;&lt;x&gt;&quot;)"


def test_every_page_of_a_crosswalk_says_it_is_not_published_or_drafted(
    invoke: Invoke, tmp_path: Path
) -> None:
    out = build(invoke, tmp_path / "site", "--data-dir", str(DISTRICT))
    links = " ".join(read(out / "crosswalk/RUSD-MA/links/1.html").text)
    assert "Not published: this crosswalk's status is reviewed" in links
    # no status, yet drafted links: the pages say how many, never just "published"
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "rusd.yaml").write_bytes((DISTRICT / "rusd.yaml").read_bytes())
    text = (DISTRICT / "rusd-ma.yaml").read_text("utf-8").replace("  status: reviewed\n", "")
    lines = text.split("\n")
    first = next(n for n, line in enumerate(lines) if "provenance:" in line)
    (mine / "rusd-ma.yaml").write_text("\n".join(lines[:first] + lines[first + 1 :]), "utf-8")
    out = build(invoke, tmp_path / "mine-site", "--data-dir", str(mine))
    count = read(out / "crosswalk/RUSD-MA/links/1.html").text.count("Drafted")
    found = re.search(r"Links \((\d+)\)", (out / "crosswalk/RUSD-MA.html").read_text("utf-8"))
    assert found is not None
    total = int(found[1])
    assert 0 < count < total
    for path in ("crosswalk/RUSD-MA.html", "crosswalk/RUSD-MA/links/1.html"):
        page = " ".join(read(out / path).text)
        assert f"{count} of its {total} links are drafted" in page, path
    assert f"published ({count} of its {total} links drafted)" in " ".join(
        read(out / "crosswalk/RUSD-MA.html").text
    )


def test_search_finds_a_crosswalk_by_its_title(invoke: Invoke, tmp_path: Path) -> None:
    out = build(invoke, tmp_path / "site", "--data-dir", str(DISTRICT))
    text = (out / "search-index.js").read_text("ascii")
    data = json.loads(text[text.index("=") + 1 : text.rindex(";")])
    found = set(range(len(data["docs"])))
    for word in ("riverbend", "competencies", "massachusetts"):  # words of RUSD-MA's title
        found &= set(data["hits"][data["words"].index(word)])
    assert "crosswalk/RUSD-MA.html" in {data["docs"][n][0] for n in found}
    assert next(d for d in data["docs"] if d[0] == "crosswalk/RUSD-MA.html")[2] == "crosswalk"


def test_long_words_wrap_instead_of_overflowing(packaged: Path) -> None:
    css = (packaged / "style.css").read_text("utf-8")
    rules = dict(re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S)))
    wrapped = {
        sel.strip()
        for sels, body in rules.items()
        if re.search(r"overflow-wrap:\s*(anywhere|break-word)", body)
        for sel in sels.split(",")
    }
    assert {"main", "p", "li", "td", "th", "dd", "h1", "caption"} <= wrapped, wrapped


def test_an_item_with_many_links_keeps_its_page_small(invoke: Invoke, tmp_path: Path) -> None:
    """One item linked to 1,500 others: its page shows the first links and points at the links pages."""
    import yaml

    many = 1500
    data = tmp_path / "data"
    data.mkdir()
    for fid, codes in (("ONE", ["A"]), ("MANY", [f"M{n}" for n in range(many)])):
        framework = {"id": fid, "title": f"{fid} framework", "publisher": "Tests", "license": "CC0 1.0"}
        framework["levels"] = [{"name": "item"}]
        items = [
            {"code": c, "title": f"Item {c} with a title of some length", "text": "Text " * 12} for c in codes
        ]
        (data / f"{fid.lower()}.yaml").write_text(yaml.safe_dump({"framework": framework, "items": items}))
    crosswalk = {"id": "BIG", "title": "Big", "publisher": "Tests", "license": "CC0 1.0", "from": "ONE"}
    crosswalk.update({"to": "MANY", "relations": ["primary"]})
    links = [{"source": "A", "target": f"M{n}", "relation": "primary"} for n in range(many)]
    (data / "big.yaml").write_text(yaml.safe_dump({"crosswalk": crosswalk, "links": links}))
    out = build(invoke, tmp_path / "site", "--data-dir", str(data), "--no-packaged")
    item = out / "item/ONE/A.html"
    assert item.stat().st_size < MAX_PAGE, item.stat().st_size
    page = read(item)
    assert f"of {many} links are shown here" in " ".join(page.text)
    assert "../../crosswalk/BIG/links/1.html" in page.links
    assert broken_links(out)[1] == []
