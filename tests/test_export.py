"""Exports (CSV, Markdown, CASE 1.1) and the matrix."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from crosswalk_cli.model import Crosswalk

from .conftest import Invoke

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def printed_links(cw: Crosswalk) -> list[tuple[str, str, str, str]]:
    out = []
    for a in cw.alignments:
        out.append((str(a.seq), a.primary, a.competency, "primary"))
        out += [(str(a.seq), s, a.competency, "additional") for s in a.additional]
    return out


def test_csv_parses_back_to_the_links(invoke: Invoke, cw: Crosswalk) -> None:
    result = invoke("export", "csv")
    assert result.exit_code == 0 and result.stderr == ""
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 109 + 348
    assert [(r["entry"], r["standard_id"], r["competency_id"], r["relation"]) for r in rows] == printed_links(
        cw
    )
    by_key = {(r["competency_id"], r["standard_id"], r["relation"]): r for r in rows}
    row = by_key[("VVC.3.a", "1b", "primary")]
    assert row["indicator_text"] == cw.indicators["VVC.3.a"].text  # commas and quotes survive
    assert row["printed_label"] == "VVC.3.e" and "Printed as VVC.3.e" in row["note"]
    assert by_key[("VVC.4.a", "1", "primary")]["standard_name"] == "Instructional Leadership"
    from crosswalk_cli.export import CSV_COLUMNS

    assert tuple(rows[0]) == CSV_COLUMNS
    assert "indicator_text" in CSV_COLUMNS and "printed_label" in CSV_COLUMNS


def test_csv_file_for_spreadsheets(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "crosswalk.csv"
    result = invoke("export", "csv", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: spreadsheets then read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 457


def test_markdown_contains_every_link(invoke: Invoke, cw: Crosswalk) -> None:
    doc = invoke("export", "markdown").stdout
    assert doc.startswith("# Leadership for Personalized Learning")
    sections = re.split(r"^### ", doc, flags=re.MULTILINE)
    by_indicator = {}
    for section in sections[1:]:
        match = re.search(r"\((\w+)\)\n", section.splitlines()[0] + "\n")
        assert match
        by_indicator[match.group(1)] = section
    standard_one = sections[0].split("## Standard I:")[1]
    for a in cw.alignments:
        where = standard_one if a.primary in cw.standards else by_indicator[a.primary]
        entry = where[where.index(f"- **{a.competency}**") :].split("\n- **")[0]
        for sid in a.additional:
            assert re.search(rf"Additional standards:.*\b{sid}\b", entry), (a.competency, sid)
    footnotes = re.findall(r"^\[\^\d+\]: ", doc, flags=re.MULTILINE)
    assert len(footnotes) == 20 + 1  # every erratum, and the whole-standard note
    for sid in ("2d", "3a", "3b", "3d"):
        assert "No competency indicator is directly aligned" in by_indicator[sid]


REQUIRED = {
    "CFDocument": {"identifier", "uri", "creator", "title", "lastChangeDateTime"},
    "CFItems": {"identifier", "fullStatement", "uri", "lastChangeDateTime"},
    "CFAssociations": {"identifier", "associationType", "uri", "originNodeURI", "destinationNodeURI",
                       "lastChangeDateTime"},
    "CFItemTypes": {"identifier", "uri", "title", "description", "hierarchyCode", "lastChangeDateTime"},
    "CFConcepts": {"identifier", "uri", "title", "keywords", "hierarchyCode", "lastChangeDateTime"},
    "CFLicenses": {"identifier", "uri", "title", "licenseText", "lastChangeDateTime"},
    "CFAssociationGroupings": {"identifier", "uri", "title", "lastChangeDateTime"},
}  # fmt: skip
TYPES = set(
    [
        "isChildOf",
        "isPeerOf",
        "isPartOf",
        "exactMatchOf",
        "precedes",
        "isRelatedTo",
        "replacedBy",
        "exemplar",
        "hasSkillLevel",
        "isTranslationOf",
    ]
)


@pytest.fixture()
def case(invoke: Invoke, tmp_path: Path) -> dict[str, Any]:
    result = invoke("export", "case", "--out", str(tmp_path / "case"))
    assert result.exit_code == 0, result.stderr
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted((tmp_path / "case").iterdir())}


def _objects(package: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = [("CFDocument", package["CFDocument"])]
    out += [("CFItems", x) for x in package.get("CFItems", [])]
    out += [("CFAssociations", x) for x in package.get("CFAssociations", [])]
    for kind, values in package.get("CFDefinitions", {}).items():
        out += [(kind, x) for x in values]
    return out


def test_case_packages_follow_the_schema_facts(case: dict[str, Any], cw: Crosswalk) -> None:
    assert set(case) == {"standards.json", "competencies.json", "crosswalk.json"}
    nodes = {}
    for package in case.values():
        assert set(package) <= {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "extensions"}
        assert set(package["CFDefinitions"]) <= {"CFItemTypes", "CFConcepts", "CFSubjects", "CFLicenses",
                                                 "CFAssociationGroupings"}  # fmt: skip
        for kind, obj in _objects(package):
            assert REQUIRED[kind] <= set(obj), (kind, REQUIRED[kind] - set(obj))
            assert UUID.match(obj["identifier"]), obj["identifier"]
            assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", obj["lastChangeDateTime"])
        nodes[package["CFDocument"]["identifier"]] = package["CFDocument"]
        nodes.update({x["identifier"]: x for x in package.get("CFItems", [])})
        assert package["CFDocument"]["caseVersion"] == "1.1"
    for package in case.values():
        for assoc in package["CFAssociations"]:
            assert assoc["associationType"] in TYPES or assoc["associationType"].startswith("ext:")
            for end in ("originNodeURI", "destinationNodeURI"):
                ref = assoc[end]
                assert set(ref) == {"title", "identifier", "uri"}
                assert ref["identifier"] in nodes, ref
                assert ref["uri"] == nodes[ref["identifier"]]["uri"]
    standards, competencies, crosswalk = (
        case["standards.json"],
        case["competencies.json"],
        case["crosswalk.json"],
    )
    assert len(standards["CFItems"]) == len(cw.standards) + len(cw.standard_indicators)
    assert len(competencies["CFItems"]) == len(cw.domains) + len(cw.competencies) + len(cw.indicators)
    assert "CFItems" not in crosswalk
    assert len(crosswalk["CFAssociations"]) == 109 + 348
    groups = {g["identifier"]: g["title"] for g in crosswalk["CFDefinitions"]["CFAssociationGroupings"]}
    counted = {}
    for assoc in crosswalk["CFAssociations"]:
        title = groups[assoc["CFAssociationGroupingURI"]["identifier"]]
        counted[title] = counted.get(title, 0) + 1
    assert counted == {"Directly aligned": 109, "Additional standard supported": 348}
    themed = next(x for x in competencies["CFItems"] if x["humanCodingScheme"] == "VVC.4.c")
    assert themed["conceptKeywords"] == ["Equity and Inclusion", "Learner-Centered Approaches"]
    assert len(competencies["CFDefinitions"]["CFConcepts"]) == 6
    assert standards["CFDefinitions"]["CFLicenses"][0]["title"] == "CC BY 4.0"


def test_case_export_is_reproducible(invoke: Invoke, tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert invoke("export", "case", "--out", str(tmp_path / name)).exit_code == 0
    for f in (tmp_path / "a").iterdir():
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes()


def test_matrix_numbers(invoke: Invoke, cw: Crosswalk) -> None:
    data = json.loads(invoke("matrix", "--json").stdout)
    assert data["total"] == 455  # 109 primary pairs + 348 additional, less CB.2.f's and SRS.1.d's repeats
    rows = {r["id"]: r for r in data["rows"]}
    assert rows["1b"]["counts"] == {"VVC": 5, "PSMV": 8, "CB": 8, "SRS": 8}
    assert rows["1"]["whole_standard"] is True and rows["1"]["total"] == 1
    for sid, row in rows.items():
        if row["whole_standard"]:
            continue
        seen = json.loads(invoke("standard", sid, "--json").stdout)["competencies"]
        assert row["total"] == len([c for c in seen if c["via"] is None]), sid
    primary = json.loads(invoke("matrix", "--relation", "primary", "--json").stdout)
    assert primary["total"] == 109
    assert [r["id"] for r in primary["rows"] if r["total"] == 0] == ["2d", "3a", "3b", "3d"]
    themed = json.loads(invoke("matrix", "--theme", "EI", "--json").stdout)
    assert themed["total"] < data["total"]


def test_matrix_pictures(invoke: Invoke, tmp_path: Path) -> None:
    svg, html = tmp_path / "m.svg", tmp_path / "m.html"
    result = invoke("matrix", "--svg", str(svg), "--html", str(html))
    assert result.exit_code == 0
    assert result.stdout == ""  # saving the pictures replaces the table (issue 9)
    assert result.stderr == f"crosswalk: wrote {svg}\ncrosswalk: wrote {html}\n"
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg")
    page = html.read_text(encoding="utf-8")
    assert "<html" in page and "Continuous" in page and "background-color" in page
