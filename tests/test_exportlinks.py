"""A reviewed, drafted crosswalk exported: CSV, Markdown and CASE each say which links were drafted, by
what, and who reviewed them; the CASE associations point at the identifiers of the frameworks' packages,
and the crosswalk comes back from CASE with nothing lost."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from .conftest import Invoke
from .test_case import problems, same_model

PROVENANCE = {
    "method": "crosswalk suggest 0.9, words and neighbours",
    "score": "0.61",
    "reviewed_by": "A. Coach",
    "reviewed_on": "2026-11-30T10:00:00+00:00",
}


@pytest.fixture()
def reviewed(tmp_path: Path) -> Path:
    """A BPS-to-MA crosswalk as `suggest --review` writes it: two items decided, three drafted links."""
    data = tmp_path / "data"
    data.mkdir()
    crosswalk = {
        "crosswalk": {
            "id": "BPS-MA",
            "title": "BPS to MA",
            "publisher": "A. Coach",
            "license": "not stated",
            "from": "BPS",
            "to": "MA",
            "relations": ["primary", "additional"],
            "status": "reviewed",
            "reviewed_by": "A. Coach",
        },
        "links": [
            {"source": "1.1", "target": "1a", "relation": "primary", "provenance": PROVENANCE},
            {"source": "1.2", "primary": "1b", "additional": "2a", "provenance": PROVENANCE},
        ],
        "reviewed": ["1.1", "1.2"],
    }
    (data / "bps-ma.yaml").write_text(yaml.safe_dump(crosswalk, sort_keys=False), "utf-8")
    return data


def test_csv_marks_every_drafted_link(invoke: Invoke, reviewed: Path) -> None:
    result = invoke("export", "csv", "--crosswalk", "bps-ma", "--data-dir", str(reviewed))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["source_code"], r["relation"], r["target_code"]) for r in rows] == [
        ("1.1", "primary", "1a"),
        ("1.2", "primary", "1b"),
        ("1.2", "additional", "2a"),
    ]
    assert all(r["drafted"] == "yes" and {k: r[k] for k in PROVENANCE} == PROVENANCE for r in rows)
    assert all(r["source_framework"] == "BPS" and r["target_framework"] == "MA" for r in rows)


def test_markdown_says_who_drafted_and_reviewed(invoke: Invoke, reviewed: Path) -> None:
    from markdown_it import MarkdownIt

    text = invoke("export", "markdown", "--crosswalk", "BPS-MA", "--data-dir", str(reviewed)).stdout
    html = MarkdownIt().enable("table").render(text)
    assert "no source prints them" in html
    assert html.count("reviewed by A. Coach, 2026-11-30T10:00:00+00:00") == 3
    assert (
        "<h3>Indicator I-A: Curriculum (1a)</h3>" in html
        and "<li><strong>Reviewed by:</strong> A. Coach</li>" in html
    )


def test_case_associations_carry_provenance_and_point_at_the_frameworks_items(
    invoke: Invoke, reviewed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = invoke("export", "case", "--crosswalk", "BPS-MA", "--out", str(out), "--data-dir", str(reviewed))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"crosswalk: wrote {out / n}" for n in ("MA.json", "BPS.json", "BPS-MA.json")
    ]
    package = json.loads((out / "BPS-MA.json").read_text("utf-8"))
    assert problems(package) == []
    bps = {i["identifier"] for i in json.loads((out / "BPS.json").read_text("utf-8"))["CFItems"]}
    ma = {i["identifier"] for i in json.loads((out / "MA.json").read_text("utf-8"))["CFItems"]}
    associations = package["CFAssociations"]
    assert len(associations) == 3
    for a in associations:
        assert a["originNodeURI"]["identifier"] in bps and a["destinationNodeURI"]["identifier"] in ma
        assert a["notes"] == (
            "Drafted by crosswalk suggest 0.9, words and neighbours; score 0.61; reviewed by A. Coach, "
            "2026-11-30T10:00:00+00:00."
        )
    # the provenance itself travels once per entry, in our extension of its first association
    assert [a.get("extensions", {}).get("crosswalk-cli") for a in associations] == [
        {"entry": 1, "provenance": PROVENANCE},
        {"entry": 2, "provenance": PROVENANCE},
        {"entry": 2},
    ]
    groupings = package["CFDefinitions"]["CFAssociationGroupings"]
    assert [(g["title"], g["description"]) for g in groupings] == [
        ("primary", "Links of relation 'primary'"),
        ("additional", "Links of relation 'additional'"),
    ]
    # back from CASE: the reviewed crosswalk with nothing lost, its review record included
    back = tmp_path / "back"
    result = invoke("import", "case", *(str(p) for p in sorted(out.iterdir())), "--out", str(back))
    assert result.exit_code == 0, result.stderr
    assert same_model(reviewed / "bps-ma.yaml", back / "BPS-MA.yaml")
    there = invoke("export", "csv", "--crosswalk", "BPS-MA", "--data-dir", str(back), "--no-packaged")
    assert (
        there.stdout == invoke("export", "csv", "--crosswalk", "BPS-MA", "--data-dir", str(reviewed)).stdout
    )
