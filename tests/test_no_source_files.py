"""Nothing the tool ships, prints or exports names a file of the project's own source texts (the plain-text
conversions kept beside a checkout, ../shared/seeds): sources are cited by title, publisher and date."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from crosswalk_cli.datadir import default_data_dir

from .conftest import ROOT, Invoke

# The folder's name, a path into it, or one of its files' names (NNN_<16 hex digits>.txt).
OWN_FILES = re.compile(r"seeds|shared/|\b\d{3}_[0-9a-f]{16}\.txt", re.IGNORECASE)
DISTRICT = ROOT / "docs" / "examples" / "district"


def named(text: str) -> list[str]:
    return [text[max(0, m.start() - 60) : m.end() + 60] for m in OWN_FILES.finditer(text)]


def data_files() -> list[Path]:
    packaged = default_data_dir().glob("*.yaml")
    return sorted([*packaged, *DISTRICT.glob("*.yaml"), *(ROOT / "examples").iterdir()])


@pytest.mark.parametrize("path", data_files(), ids=lambda path: path.name)
def test_no_data_file_names_a_source_file(path: Path) -> None:
    assert named(path.read_text(encoding="utf-8")) == []


def test_the_checker_sees_a_source_file_named() -> None:
    """The pattern finds what the data once printed (a BPS CASE description citing the seed by path)."""
    assert named('description: "as transcribed from ../shared/seeds/004_eaf4f94e5e771a55.txt"')
    assert named("see 004_eaf4f94e5e771a55.txt")
    assert not named("a shared vision, built on the seed of an idea")


def exports(invoke: Invoke, out: Path, data: list[str]) -> str:
    """Every export of every crosswalk and framework of one data directory, as one text."""
    listed = invoke("frameworks", "--json", *data)
    assert listed.exit_code == 0, listed.stderr
    texts = [listed.stdout]
    found = json.loads(listed.stdout)
    for crosswalk in [c["id"] for c in found["crosswalks"]]:
        for kind in ("csv", "markdown"):
            result = invoke("export", kind, "--crosswalk", crosswalk, *data)
            assert result.exit_code == 0, result.stderr
            texts.append(result.stdout)
        target = out / f"case-{crosswalk}"
        assert invoke("export", "case", "--crosswalk", crosswalk, "--out", str(target), *data).exit_code == 0
        texts += [path.read_text(encoding="utf-8") for path in sorted(target.iterdir())]
    for framework in [f["id"] for f in found["frameworks"]]:
        target = out / f"case-{framework}"
        assert invoke("export", "case", "--framework", framework, "--out", str(target), *data).exit_code == 0
        texts += [path.read_text(encoding="utf-8") for path in sorted(target.iterdir())]
        for command in (["items", framework], ["errata", "--framework", framework]):
            result = invoke(*command, "--json", *data)
            assert result.exit_code == 0, result.stderr
            texts.append(result.stdout)
    database = out / "crosswalk.db"
    assert invoke("export", "sqlite", str(database), *data).exit_code == 0
    with sqlite3.connect(database) as db:
        texts.append("\n".join(db.iterdump()))
    database.unlink()
    return "\n".join(texts)


@pytest.mark.parametrize("data", [[], ["--data-dir", str(DISTRICT)]], ids=["packaged", "district"])
def test_no_export_names_a_source_file(invoke: Invoke, tmp_path: Path, data: list[str]) -> None:
    text = exports(invoke, tmp_path, data)
    assert "Boston Public Schools" in text  # the BPS package's description, once the place of a path
    assert named(text) == []


def test_the_packages_cite_their_sources_by_publisher_date_and_url(invoke: Invoke, tmp_path: Path) -> None:
    """Where a source is online, a framework's CASE document cites it with its URL (the BPS draft: none)."""
    cited = {}
    for framework in ("MA", "JFF", "BPS"):
        out = tmp_path / framework
        assert invoke("export", "case", "--framework", framework, "--out", str(out)).exit_code == 0
        package = json.loads((out / f"{framework}.json").read_text(encoding="utf-8"))
        cited[framework] = package["CFDocument"]["description"]
    assert cited["MA"].endswith("July 2018, https://learnlaunch.org/reports/crosswalk/")
    assert "Jobs for the Future" in cited["JFF"] and "September 2017, http://www.ccsso.org/" in cited["JFF"]
    assert cited["BPS"].startswith("Boston Public Schools, ") and "3/20/17" in cited["BPS"]
