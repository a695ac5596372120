"""Exports (CSV, Markdown, CASE 1.1) and the matrix."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from crosswalk_cli.model import Crosswalk

from .conftest import Invoke


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
