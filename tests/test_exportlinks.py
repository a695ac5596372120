"""A reviewed, drafted crosswalk exported: CSV, Markdown and CASE each say which links were drafted, by
what, and who reviewed them; the CASE associations point at the identifiers of the frameworks' packages."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswalk_cli.cli import app

from .conftest import Invoke, unsealed_copy
from .test_case import problems


@pytest.fixture()
def reviewed(tmp_path: Path) -> Path:
    """The packaged data plus a BPS-to-MA crosswalk reviewed at the terminal: two items accepted."""
    data = unsealed_copy(tmp_path / "data")
    out = tmp_path / "bps-ma.yaml"
    args = ["suggest", "--from", "BPS", "--to", "MA", "--review", "--out", str(out), "--reviewer", "A. Coach"]
    result = CliRunner().invoke(app, [*args, "--data-dir", str(data)], input="1\n1 2\nq\n")
    assert result.exit_code == 0, result.output
    shutil.copy(out, data / "bps-ma.yaml")
    return data


def test_csv_marks_every_drafted_link(invoke: Invoke, reviewed: Path) -> None:
    result = invoke("export", "csv", "--crosswalk", "bps-ma", "--data-dir", str(reviewed))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["source_code"], r["relation"]) for r in rows] == [("1.1", "primary"), ("1.2", "primary"),
                                                                  ("1.2", "additional")]  # fmt: skip
    assert all(r["drafted"] == "yes" and r["reviewed_by"] == "A. Coach" for r in rows)
    assert all(r["method"].startswith("crosswalk suggest") and float(r["score"]) > 0 for r in rows)
    assert all(r["source_framework"] == "BPS" and r["target_framework"] == "MA" for r in rows)


def test_markdown_says_who_drafted_and_reviewed(invoke: Invoke, reviewed: Path) -> None:
    from markdown_it import MarkdownIt

    text = invoke("export", "markdown", "--crosswalk", "BPS-MA", "--data-dir", str(reviewed)).stdout
    html = MarkdownIt().render(text)
    assert "no source prints them" in html
    assert html.count("reviewed by A. Coach") == 3
    assert "<h2>BPS:1.1</h2>" in html and "<h2>BPS:1.2</h2>" in html


def test_case_associations_carry_notes_and_point_at_the_frameworks_items(
    invoke: Invoke, reviewed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    for extra in (["--crosswalk", "BPS-MA"], ["--framework", "BPS"], []):
        assert invoke("export", "case", *extra, "--out", str(out), "--data-dir", str(reviewed)).exit_code == 0
    package = json.loads((out / "BPS-MA.json").read_text("utf-8"))
    assert problems(package) == []
    bps = {i["identifier"] for i in json.loads((out / "BPS.json").read_text("utf-8"))["CFItems"]}
    ma = {i["identifier"] for i in json.loads((out / "standards.json").read_text("utf-8"))["CFItems"]}
    associations = package["CFAssociations"]
    assert len(associations) == 3
    for a in associations:
        assert a["originNodeURI"]["identifier"] in bps and a["destinationNodeURI"]["identifier"] in ma
        assert "drafted by crosswalk suggest" in a["notes"] and "reviewed by A. Coach" in a["notes"]
    assert {g["title"] for g in package["CFDefinitions"]["CFAssociationGroupings"]} == {
        "primary",
        "additional",
    }


def test_an_unknown_crosswalk_is_one_line(invoke: Invoke) -> None:
    result = invoke("export", "csv", "--crosswalk", "NOPE")
    assert result.exit_code == 2 and result.stdout == "" and result.stderr.count("\n") == 1
    assert "no crosswalk 'NOPE'" in result.stderr
