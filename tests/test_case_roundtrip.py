"""A reviewed crosswalk through CASE and back with nothing lost (issue 21, part 4): provenance, decisions,
ids and dates in the extensions CASE 1.1 allows; definitions whose identifiers never stand for two
contents; real dates and descriptions; byte-identical second export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import Invoke

REVIEWED = """\
crosswalk:
  id: BPS-MA
  title: BPS to MA, drafted and reviewed
  publisher: A. Coach
  license: not stated
  from: BPS
  to: MA
  relations: [primary, additional]
  status: reviewed
  reviewed_by: A. Coach
links:
- source: '1.1'
  primary: 4b
  provenance:
    method: crosswalk suggest 0.1.0, words and neighbours (TF-IDF, votes of linked items)
    score: '0.475'
    reviewed_by: A. Coach
    reviewed_on: '2026-12-01'
- source: '1.2'
  primary: 3a
  additional: 3c
  provenance:
    method: crosswalk suggest 0.1.0, words and neighbours (TF-IDF, votes of linked items)
    score: 0.625, 0.561
    reviewed_by: B. Second
    reviewed_on: '2026-12-03'
    case_uri: https://case.example.org/uri/x
reviewed: ['1.1', '1.2', '1.3']
"""


def reviewed(folder: Path) -> Path:
    """A data directory holding a reviewed, drafted crosswalk from BPS to MA."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bps-ma.yaml").write_text(REVIEWED, encoding="utf-8")
    return folder


def export(invoke: Invoke, out: Path, *args: str) -> dict[str, dict[str, Any]]:
    result = invoke("export", "case", "--out", str(out), *args)
    assert result.exit_code == 0, result.stderr
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.iterdir())}


def test_definitions_never_share_an_identifier_with_different_content(invoke: Invoke, tmp_path: Path) -> None:
    """A server keeps one object per identifier: across every package we write, one identifier is one
    content (the item type 'Indicator' is level 2 of MA and level 3 of JFF; a licence has the date of
    each package)."""
    data = reviewed(tmp_path / "data")
    packages = export(invoke, tmp_path / "a")  # MAPLE: MA, JFF, MAPLE
    packages |= {f"b/{k}": v for k, v in export(invoke, tmp_path / "b", "--framework", "BPS").items()}
    more = export(invoke, tmp_path / "c", "--crosswalk", "BPS-MA", "--data-dir", str(data))
    packages |= {f"c/{k}": v for k, v in more.items()}
    seen: dict[str, tuple[str, dict[str, Any]]] = {}
    kinds = set()
    for name, package in packages.items():
        for kind, definitions in package["CFDefinitions"].items():
            for d in definitions:
                kinds.add(kind)
                first = seen.setdefault(d["identifier"], (name, d))
                assert first[1] == d, (kind, first[0], name)
    assert kinds == {"CFLicenses", "CFItemTypes", "CFConcepts", "CFAssociationGroupings"}
    item_types = [d for p in packages.values() for d in p["CFDefinitions"].get("CFItemTypes", ())]
    indicators = {d["hierarchyCode"] for d in item_types if d["title"] == "Indicator"}
    assert indicators == {"2", "3"}  # both kept, under two identifiers
    for package in packages.values():  # the document's licence is the package's own
        (licence,) = package["CFDefinitions"]["CFLicenses"]
        assert package["CFDocument"]["licenseURI"]["identifier"] == licence["identifier"]


def test_a_drafted_crosswalk_is_dated_by_its_decisions(invoke: Invoke, tmp_path: Path) -> None:
    """A crosswalk with no date of its own is as new as its last decision, and each link as its own."""
    data = reviewed(tmp_path / "data")
    package = export(invoke, tmp_path / "a", "--crosswalk", "BPS-MA", "--data-dir", str(data))["BPS-MA.json"]
    assert package["CFDocument"]["lastChangeDateTime"] == "2026-12-03T00:00:00+00:00"
    times = {
        a["originNodeURI"]["title"]: a["lastChangeDateTime"]
        for a in package["CFAssociations"]
        if a["associationType"] == "isRelatedTo"
    }
    assert times == {"1.1": "2026-12-01T00:00:00+00:00", "1.2": "2026-12-03T00:00:00+00:00"}
    for definitions in package["CFDefinitions"].values():
        assert {d["lastChangeDateTime"] for d in definitions} == {"2026-12-03T00:00:00+00:00"}
    every = json.dumps(package)
    assert "1970-01-01" not in every


def test_documents_describe_their_framework(invoke: Invoke, tmp_path: Path) -> None:
    """A framework with no description or source of its own is described by its title, publisher and
    date, never by a date alone or a file's path."""
    packages = export(invoke, tmp_path / "a")
    jff = packages["JFF.json"]["CFDocument"]
    assert jff["description"] == (
        "Leadership Competencies for Learner-Centered, Personalized Education, Jobs for the Future and the "
        "Council of Chief State School Officers, 2017-09"
    )
    for package in packages.values():
        description = package["CFDocument"]["description"]
        assert " " in description and ".yaml" not in description and "seeds" not in description
