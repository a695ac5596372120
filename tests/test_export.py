"""`export csv` and `export markdown`: any crosswalk through one path (the packaged MAPLE crosswalk and a
district's crosswalk written beside it), and the matrix."""

from __future__ import annotations

import csv
import io
import itertools
import json
from pathlib import Path

import yaml

from crosswalk_cli.text.csvout import FORMULA_STARTS

from . import hostile
from .conftest import YOURS, Invoke
from .maple import Maple
from .test_markdown import MD, inline_text, tags, texts

DOCUMENT_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "li",
    "strong",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "blockquote",
}
COLUMNS = (
    "entry",
    "relation",
    "source_framework",
    "source_code",
    "source_label",
    "source_title",
    "source_text",
    "source_top",
    "source_parent",
    "source_parent_title",
    "source_tags",
    "target_framework",
    "target_code",
    "target_label",
    "target_title",
    "target_text",
    "printed_label",
    "note",
    "drafted",
    "method",
    "score",
    "reviewed_by",
    "reviewed_on",
    "reviewed_at",
    "rationale",
    "provenance",
)
DRAFTED = {
    "method": "crosswalk suggest 1.0, words",
    "score": "0.42",
    "reviewed_by": "A. Coach",
    "reviewed_on": "2026-01-02",
}


def district(folder: Path) -> Path:
    """A district's framework DIST and its crosswalk DIST-MA to the packaged MA, written in ``folder``:
    titles and texts that try to break out of Markdown and CSV, parts, tags, a label, details, errata, a
    drafted link, source notes, a review record."""
    folder.mkdir(parents=True, exist_ok=True)
    framework = {
        "framework": {
            "id": "DIST",
            "title": "District leader skills",
            "publisher": "A District",
            "license": "not stated",
            "date": "2025-09",
            "levels": ["area", {"name": "skill", "long": "district skill"}],
        },
        "phrases": {"tag": "focus"},
        "tags": [{"code": "EQ", "name": "Equity | access", "description": hostile.TITLE}],
        "items": [
            {
                "code": "A",
                "label": "I",
                "title": hostile.TITLE,
                "text": hostile.STATEMENT,
                "details": {"focus": hostile.FORMULA},
                "items": [
                    {
                        "code": "A.1",
                        "text": hostile.TEXT,
                        "tags": ["EQ"],
                        "tags_incomplete": True,
                        "parts": [
                            {"label": "a", "text": hostile.SUBITEM},
                            {"label": "b", "title": "Named", "text": hostile.ELEMENT},
                        ],
                    },
                    {"code": "A.2", "text": hostile.FORMULA},
                ],
            },
            {"code": "B", "title": "Plain area", "items": [{"code": "B.1", "text": "Second skill."}]},
        ],
        "source_notes": [{"kind": "slip", "where": "A.2", "note": "Printed twice."}],
    }
    crosswalk = {
        "crosswalk": {
            "id": "DIST-MA",
            "title": hostile.TITLE,
            "publisher": "A District",
            "license": "not stated",
            "from": "DIST",
            "to": "MA",
            "status": "adopted",  # a district's own: its links read as published
            "relations": [{"name": "strong", "heading": "Strong match"}, "weak"],
            "reviewed_by": "A. Coach",
        },
        "links": [
            {
                "source": "A.1",
                "printed_label": "A-1",
                "strong": "1b",
                "weak": ["1a", "2a"],
                "note": hostile.FORMULA_CELLS["+"],
                "errata": [
                    {"kind": "printed_label", "printed": "A-1", "note": "Printed as A-1."},
                    {"kind": "letter", "printed": "II(a)", "resolved": "2a", "note": "Read as 2a."},
                ],
            },
            {"source": "A.2", "target": "1", "relation": "weak", "provenance": DRAFTED},
        ],
        "source_notes": [{"kind": "misprint", "where": "page 2", "note": hostile.FORMULA_CELLS["@"]}],
        "reviewed": ["A.1", "A.2", "B.1"],
    }
    for name, data in (("dist.yaml", framework), ("dist-ma.yaml", crosswalk)):
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return folder


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- export csv -----------------------------------------------------------------------------------------


def test_csv_is_every_maple_link_in_the_generic_columns(invoke: Invoke, cw: Maple) -> None:
    result = invoke("export", "csv")
    assert result.exit_code == 0 and result.stderr == ""
    rows = rows_of(result.stdout)
    assert tuple(rows[0]) == COLUMNS
    printed = [
        (str(a.seq), a.competency, t, r)
        for a in cw.alignments
        for t, r in [(a.primary, "primary"), *((s, "additional") for s in a.additional)]
    ]
    assert [(r["entry"], r["source_code"], r["target_code"], r["relation"]) for r in rows] == printed
    assert len(rows) == 109 + 348
    by_key = {(r["source_code"], r["target_code"], r["relation"]): r for r in rows}
    row = by_key[("VVC.3.a", "1b", "primary")]
    ind = cw.indicators["VVC.3.a"]
    assert (row["source_text"], row["source_tags"]) == (ind.text, " ".join(ind.themes))  # commas, quotes
    assert (row["source_top"], row["source_parent"]) == ("VVC", "VVC.3")
    assert row["source_parent_title"] == cw.competencies["VVC.3"].title
    assert row["printed_label"] == "VVC.3.e" and row["note"].startswith("Printed as VVC.3.e")
    assert (row["source_framework"], row["target_framework"], row["target_label"]) == ("JFF", "MA", "I-B")
    whole = by_key[("VVC.4.a", "1", "primary")]
    assert (whole["target_title"], whole["target_label"]) == ("Instructional Leadership", "I")
    assert all(r["drafted"] == r["method"] == "" for r in rows)


def test_csv_file_for_spreadsheets(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "crosswalk.csv"
    result = invoke("export", "csv", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == f"crosswalk: wrote {out}\n"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: spreadsheets then read UTF-8
    assert raw.count(b"\n") == raw.count(b"\r\n") == 458
    with out.open(encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.DictReader(f))) == 457
    dash = invoke("export", "csv", "--out", "-")
    assert dash.stdout == invoke("export", "csv").stdout and not dash.stdout.startswith("\ufeff")


def test_a_district_crosswalk_goes_through_the_same_columns(invoke: Invoke, tmp_path: Path) -> None:
    data = district(tmp_path / "data")
    result = invoke("export", "csv", "--crosswalk", "dist-ma", "--data-dir", str(data))
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result.stdout)
    assert tuple(rows[0]) == COLUMNS
    assert [(r["entry"], r["source_code"], r["relation"], r["target_code"]) for r in rows] == [
        ("1", "A.1", "strong", "1b"),
        ("1", "A.1", "weak", "1a"),
        ("1", "A.1", "weak", "2a"),
        ("2", "A.2", "weak", "1"),
    ]
    first, drafted = rows[0], rows[3]
    assert (first["source_top"], first["source_parent"], first["source_parent_title"]) == (
        "A",
        "A",
        hostile.TITLE,
    )
    assert first["note"] == "'" + hostile.FORMULA_CELLS["+"] + " Printed as A-1. Read as 2a."  # guarded
    assert (first["printed_label"], first["source_tags"], first["drafted"]) == ("A-1", "EQ", "")
    assert drafted["source_text"] == "'" + hostile.FORMULA  # no cell a spreadsheet would run
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row.values())
    assert {k: drafted[k] for k in DRAFTED} == DRAFTED and drafted["drafted"] == "yes"


def test_an_unknown_crosswalk_is_one_line(invoke: Invoke) -> None:
    for fmt in ("csv", "markdown"):
        result = invoke("export", fmt, "--crosswalk", "NOPE")
        assert result.exit_code == 2 and result.stdout == ""
        assert (
            result.stderr == "crosswalk: error: no crosswalk 'NOPE'; the crosswalks are MAPLE" + YOURS + "\n"
        )


# --- export markdown ------------------------------------------------------------------------------------


def sections(doc: str) -> dict[str, list[list[str]]]:
    """Each heading's text, with the rows of the table under it (cells as a reader sees them)."""
    out: dict[str, list[list[str]]] = {}
    heading = ""
    row: list[str] = []
    for a, b in itertools.pairwise(MD.parse(doc)):
        if a.type == "heading_open":
            heading = inline_text(b)
            out[heading] = []
        elif a.type == "tr_open":
            row = []
            out[heading].append(row)
        elif a.type in ("td_open", "th_open"):
            row.append(inline_text(b))
    return out


def test_markdown_puts_every_link_under_its_target(invoke: Invoke, cw: Maple) -> None:
    doc = invoke("export", "markdown").stdout
    assert doc.startswith("# Leadership for Personalized Learning")
    assert tags(doc) <= DOCUMENT_TAGS and "[^" not in doc  # plain CommonMark: no footnotes
    found = sections(doc)
    headings = {h.rsplit("(", 1)[-1].rstrip(")"): h for h in found if h.endswith(")")}
    assert headings["1"] == "Standard I: Instructional Leadership (1)"
    assert headings["1b"] == "Indicator I-B: Instruction (1b)"
    for a in cw.alignments:
        for target, relation in [(a.primary, "primary"), *((s, "additional") for s in a.additional)]:
            rows = found[headings[target]]
            assert rows[0] == ["Relation", "JFF", "Text", "Under", "Themes", "Notes"]
            mine = [r for r in rows[1:] if r[1].split(" ")[0] == a.competency and r[0] == relation]
            assert mine, (a.competency, target, relation)
            ind = cw.indicators[a.competency]
            numbered = zip(("i", "ii", "iii", "iv", "v", "vi"), ind.subitems, strict=False)
            assert mine[0][2] == " ".join([ind.text, *(f"{n}. {s}" for n, s in numbered)])  # a cell: a line
            for e in a.errata:  # inline, on the rows they concern
                if e.resolved in (None, target):
                    assert e.note in mine[0][5]
            if a.printed_label:
                assert mine[0][1] == f"{a.competency} (printed {a.printed_label})"
    shown = "\n".join(texts(doc))
    for i in cw.standard_indicators.values():
        assert i.text in shown and all(
            f"{e.number}. " + (e.name + ": " if e.name else "") + e.text in shown for e in i.elements
        )
    for sid in ("2d", "3a", "3b", "3d"):  # no entry's primary (the crosswalk prints them empty)
        assert "No JFF item is linked to it as primary." in doc.split(headings[sid])[1].split("###")[0]
    notes = found["Notes on the printed source"]
    assert [r[2] for r in notes[1:]] == [n.note for n in cw.source_notes]


def test_a_district_crosswalk_as_a_document(invoke: Invoke, tmp_path: Path) -> None:
    data = district(tmp_path / "data")
    result = invoke("export", "markdown", "--crosswalk", "DIST-MA", "--data-dir", str(data))
    assert result.exit_code == 0, result.stderr
    doc = result.stdout
    assert tags(doc) <= DOCUMENT_TAGS and MD.render(doc).count("<h1>") == 1
    assert texts(doc)[0] == hostile.TITLE  # the crosswalk's title, whole
    found = sections(doc)
    assert [r[:2] for r in found["Indicator I-B: Instruction (1b)"]] == [
        ["Relation", "DIST"],
        ["strong", "A.1 (printed A-1)"],
    ]
    row = found["Indicator II-A: Environment (2a)"][1]
    assert row[2] == " ".join([hostile.TEXT, f"a. {hostile.SUBITEM}", f"b. Named: {hostile.ELEMENT}"])
    assert row[3] == f"A {hostile.TITLE}" and row[4] == "EQ ?"
    assert row[5] == f"{hostile.FORMULA_CELLS['+']} Printed as A-1. Read as 2a."  # this link's erratum
    assert found["Indicator I-A: Curriculum (1a)"][1][5] == f"{hostile.FORMULA_CELLS['+']} Printed as A-1."
    whole = found["Standard I: Instructional Leadership (1)"][1]
    assert whole[2] == hostile.FORMULA and whole[5] == (
        "Drafted by crosswalk suggest 1.0, words; score 0.42; reviewed by A. Coach, 2026-01-02."
    )
    assert found["Notes on the printed source"][1] == ["misprint", "page 2", hostile.FORMULA_CELLS["@"]]
    shown = texts(doc)
    assert (
        "Drafted links were suggested by crosswalk and reviewed by a person; no source prints them." in shown
    )
    lost = "the source may not list all of this item's focuses"
    assert f"'?' after focuses: {lost}; its focuses may be incomplete." in shown
    assert "No DIST item is linked to it." in shown  # 1c: a leaf with no link
    assert (
        "Reviewed by: A. Coach" in shown
        and "To: MA: Massachusetts Professional Standards for Administrative Leadership, Massachusetts "
        "Department of Elementary and Secondary Education (CC BY 4.0)"
        in shown
    )
    assert not any("<<" in t for t in shown)


def test_markdown_file(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    result = invoke("export", "markdown", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == f"crosswalk: wrote {out}\n"
    assert out.read_text("utf-8") == invoke("export", "markdown").stdout
    folder = tmp_path / "folder.md"
    folder.mkdir()
    result = invoke("export", "markdown", "--out", str(folder))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and list(folder.iterdir()) == []


# --- the matrix -----------------------------------------------------------------------------------------


def test_matrix_numbers(invoke: Invoke, cw: Maple) -> None:
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
