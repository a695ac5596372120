"""`crosswalk import csv FILE --out DIR`: a district's spreadsheet becomes a framework file the loader reads;
every bad row is one line naming the row and column, all at once, and nothing is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crosswalk_cli.datadir import Sources
from crosswalk_cli.loader import load_all
from crosswalk_cli.model import Framework

from .conftest import Invoke

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "spreadsheet" / "lakeside.csv"
HEADER = ("--id", "LAKE", "--title", "Lakeside", "--publisher", "Lakeside Schools", "--license", "CC0 1.0")


def _import(invoke: Invoke, path: Path, out: Path, *options: str) -> tuple[int, str]:
    r = invoke("import", "csv", str(path), "--out", str(out), *(options or HEADER))
    assert r.stdout == "" and "Traceback" not in r.stderr
    return r.exit_code, r.stderr


def _framework(out: Path) -> Framework:
    (framework,) = load_all(Sources(out, packaged=False)).frameworks
    return framework


def _tree(f: Framework) -> list[tuple[str, str | None, int]]:
    return [(i.code, i.parent, i.depth) for i in f.items]


def test_the_example_spreadsheet_becomes_a_framework(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "new" / "data"  # a missing folder is made
    code, stderr = _import(invoke, EXAMPLE, out)
    assert (code, stderr) == (0, f"crosswalk: wrote {out / 'LAKE.yaml'}\n")
    f = _framework(out)
    assert (f.id, f.header.title, f.header.publisher, f.header.license) == (
        "LAKE", "Lakeside", "Lakeside Schools", "CC0 1.0",
    )  # fmt: skip
    assert [lv.name for lv in f.levels] == ["competency", "practice"]  # from the type column
    assert _tree(f) == [
        ("L1", None, 0), ("L1.1", "L1", 1), ("L1.2", "L1", 1),
        ("L2", None, 0), ("L2.1", "L2", 1), ("L2.2", "L2", 1),
    ]  # fmt: skip
    by_code = {i.code: i for i in f.items}
    assert by_code["L1"].title == "Lead learning"
    assert by_code["L1"].text.endswith("at the centre of the school's work: every plan starts there.")
    assert by_code["L1.1"].tags == ("Equity", "Using-evidence")
    assert dict(by_code["L1.1"].details) == {"notes": "The walkthrough form is in the staff handbook."}
    assert [(t.code, t.name) for t in f.tags] == [("Equity", "Equity"), ("Using-evidence", "Using evidence")]
    r = invoke("item", "LAKE:L1.1", "--data-dir", str(out))
    assert r.exit_code == 0 and "Observes classrooms weekly" in r.stdout
    # the same import again writes the same file: nothing is lost, and it says so
    assert _import(invoke, EXAMPLE, out) == (0, f"crosswalk: wrote {out / 'LAKE.yaml'}\n")


def test_level_smart_level_and_opensalt_names_give_the_same_tree(invoke: Invoke, tmp_path: Path) -> None:
    sheets = {
        "parent": "code,parent,text\nA,,a\nA.1,A,b\nA.1.x,A.1,c\nB,,d\n",
        "parent after child": "code,parent,text\nA.1.x,A.1,c\nA,,a\nA.1,A,b\nB,,d\n",
        "level": "Code,Level,Text\nA,1,a\nA.1,2,b\nA.1.x,3,c\nB,1,d\n",
        "opensalt": "humanCodingScheme,smartLevel,fullStatement,CFItemType\n"
        "A,1,a,S\nA.1,1.1,b,I\nA.1.x,1.1.1,c,E\nB,2,d,S\n",
    }
    trees = {}
    for name, text in sheets.items():
        sheet = tmp_path / f"{name}.csv"
        sheet.write_text(text, encoding="utf-8")
        code, stderr = _import(invoke, sheet, tmp_path / name, "--id", "T", "--title", "T")
        assert code == 0, stderr
        trees[name] = sorted(_tree(_framework(tmp_path / name)), key=lambda t: t[0])
    assert len({repr(t) for t in trees.values()}) == 1, trees
    assert [lv.name for lv in _framework(tmp_path / "opensalt").levels] == ["S", "I", "E"]
    assert [lv.name for lv in _framework(tmp_path / "level").levels] == ["level 1", "level 2", "level 3"]


def test_a_bom_semicolons_and_a_formula_looking_cell_are_just_text(invoke: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_bytes(b'\xef\xbb\xbfcode;text\r\nA;=HYPERLINK("http://x","y")\r\n+B;@SUM(1)\r\n')
    assert _import(invoke, sheet, tmp_path / "o", "--id", "T", "--title", "T")[0] == 0
    items = _framework(tmp_path / "o").items
    assert [(i.code, i.text) for i in items] == [("A", '=HYPERLINK("http://x","y")'), ("+B", "@SUM(1)")]


BAD = [
    (b"", "s.csv: no rows: the first row names the columns (code, text ...), each further row an item"),
    (b"code,text\n\n", "s.csv: no items: only the header row (row 1)"),
    (b"code,text\nA,caf\xe9\n", "s.csv: line 2: not UTF-8 (byte 15); save the sheet as 'CSV UTF-8'"),
    (b'code,text\nA,"open\n', "s.csv: row 2: not CSV: unexpected end of data"),
    (b"code,text\nA,a,more\n", "s.csv: row 2: a cell in column 3, which the header row does not name"),
    (b"text\na\n", "s.csv: row 1: no 'code' column (each item needs its code)"),
    (
        b"code,parent,level,text\nA,,1,a\n",
        "s.csv: row 1: give one of parent, level, not both: they could disagree",
    ),
    (b"code,text\nA,a\x1b[2J\n", "s.csv: row 2, column 'text': holds '\\x1b' at position 2, which is not"),
    (b"code,text\nA\nB,b\n", "s.csv: row 2: item 'A' has neither text nor title"),
    (b"code,text,level\nA,a,2\n", "s.csv: row 2, column 'level': level 2 follows level 0"),
    (
        b"code,text,level\nA,a,one\n",
        "s.csv: row 2, column 'level': 'one' is not a level: 1 (a top item) to 24",
    ),
    (b"code,text,smart level\nA,a,1\nB,b,2.1\n", "s.csv: row 3, column 'smart level': no row has smart"),
]


@pytest.mark.parametrize(("data", "line"), BAD, ids=[b[1].split(": ", 1)[1][:40] for b in BAD])
def test_a_bad_sheet_is_one_line_naming_the_row_and_nothing_is_written(
    invoke: Invoke, tmp_path: Path, data: bytes, line: str
) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_bytes(data)
    code, stderr = _import(invoke, sheet, tmp_path / "o", "--id", "T", "--title", "T")
    assert code == 1
    assert stderr.startswith(f"crosswalk: error: {tmp_path}/{line}") and stderr.count("\n") == 1, stderr
    assert not (tmp_path / "o").exists()


def test_every_row_problem_at_once(invoke: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("code,parent,text\nA,,a\nB,C,b\nA,,c\nD,E,d\nE,D,e\nF,F,f\n", encoding="utf-8")
    code, stderr = _import(invoke, sheet, tmp_path / "o", "--id", "T", "--title", "T")
    assert code == 1 and not (tmp_path / "o").exists()
    assert stderr.replace(f"{tmp_path}/", "").splitlines() == [
        "crosswalk: error: s.csv: row 4, column 'code': code 'A' is row 2's too",
        "crosswalk: error: s.csv: row 3, column 'parent': no item 'C' in the file "
        "(a parent is given by its code)",
        "crosswalk: error: s.csv: row 7, column 'parent': item 'F' is its own parent",
        "crosswalk: error: s.csv: row 5, column 'parent': parents form a cycle: D -> E -> D",
    ]


def test_unknown_columns_say_which_they_likely_mean(invoke: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("Cod,Full Statement,Colour\nA,a,red\n", encoding="utf-8")
    code, stderr = _import(invoke, sheet, tmp_path / "o", "--id", "T", "--title", "T")
    assert code == 1
    lines = stderr.replace(f"{tmp_path}/", "").splitlines()
    assert lines[0].startswith(
        "crosswalk: error: s.csv: row 1, column 1: unknown column 'Cod'; did you mean 'code'?"
    )
    assert lines[1].startswith(
        "crosswalk: error: s.csv: row 1, column 3: unknown column 'Colour' (the columns: code,"
    )
    assert lines[2:] == ["crosswalk: error: s.csv: row 1: no 'code' column (each item needs its code)"]
    # 'Full Statement' is OpenSALT's fullStatement: the text


def test_not_a_regular_file(invoke: Invoke, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.csv")
    (tmp_path / "folder.csv").mkdir()
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.truncate(16 * 1024 * 1024 + 1)
    for name, says in [
        ("fifo.csv", "is a FIFO (named pipe), not a regular file"),
        ("folder.csv", "is a folder, not a regular file"),
        ("big.csv", "larger than 16 MiB, the most a spreadsheet may be"),
        ("none.csv", "file not found"),
    ]:
        code, stderr = _import(invoke, tmp_path / name, tmp_path / "o", "--id", "T", "--title", "T")
        assert (code, stderr) == (1, f"crosswalk: error: {tmp_path / name}: {says}\n")
    assert not (tmp_path / "o").exists()


def test_a_file_already_there_is_never_replaced_silently(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert _import(invoke, EXAMPLE, out)[0] == 0
    edited = (out / "LAKE.yaml").read_text(encoding="utf-8").replace("Lead learning", "Lead learning well")
    (out / "LAKE.yaml").write_text(edited, encoding="utf-8")
    code, stderr = _import(invoke, EXAMPLE, out)
    assert (code, stderr) == (
        1,
        f"crosswalk: error: {out / 'LAKE.yaml'}: is already there and holds other data than this import: "
        "nothing was written (use another --out or --id, or move the file away)\n",
    )
    assert (out / "LAKE.yaml").read_text(encoding="utf-8") == edited
    # another file of the folder with the framework id: the loader's own check, one line
    (out / "LAKE.yaml").rename(out / "lakeside.yaml")
    code, stderr = _import(invoke, EXAMPLE, out)
    assert code == 1 and stderr.count("\n") == 1 and "framework id 'LAKE' is taken by" in stderr
    assert sorted(p.name for p in out.iterdir()) == ["lakeside.yaml"]


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (("--id", "R-1", "--title", "T"), "Invalid value for --id: 'R-1' is not an id"),
        (("--id", "R", "--title", "T", "--date", "May"), "Invalid value for --date: 'May': give YYYY-MM"),
        (("--id", "R", "--title", "a\x1bb"), "Invalid value for --title: holds '\\x1b' at position 2"),
        (("--id", "R", "--title", " "), "Invalid value for --title: is empty"),
        (("--id", "R", "--title", "T", "--levels", ","), "Invalid value for --levels: name the levels"),
        (("--title", "T"), "Missing option '--id'"),
    ],
)
def test_bad_header_options_are_bad_usage(
    invoke: Invoke, tmp_path: Path, options: tuple[str, ...], says: str
) -> None:
    code, stderr = _import(invoke, EXAMPLE, tmp_path / "o", *options)
    assert code == 2 and stderr.startswith(f"crosswalk: error: {says}") and stderr.count("\n") == 1, stderr
    assert not (tmp_path / "o").exists()


def test_levels_must_cover_the_tree(invoke: Invoke, tmp_path: Path) -> None:
    code, stderr = _import(invoke, EXAMPLE, tmp_path / "o", "--id", "T", "--title", "T", "--levels", "area")
    assert (code, stderr) == (
        1, f"crosswalk: error: {EXAMPLE}: the items nest 2 levels deep, and --levels names 1\n",
    )  # fmt: skip
    code, _ = _import(invoke, EXAMPLE, tmp_path / "o", "--id", "T", "--title", "T", "--levels", "area, step")
    assert code == 0 and [lv.name for lv in _framework(tmp_path / "o").levels] == ["area", "step"]


def test_a_keyword_gets_one_tag_code_however_often_it_is_used(invoke: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    rows = "".join(f"A{n},a,Equity\n" for n in range(3))
    sheet.write_text("code,text,tags\n" + rows + 'B,b,"Equity!, Equity"\n', encoding="utf-8")
    assert _import(invoke, sheet, tmp_path / "o", "--id", "T", "--title", "T")[0] == 0
    f = _framework(tmp_path / "o")
    assert [(t.code, t.name) for t in f.tags] == [("Equity", "Equity"), ("Equity-2", "Equity!")]
    assert f.items[-1].tags == ("Equity-2", "Equity")


def test_a_cell_broken_into_lines_on_windows_keeps_its_lines(invoke: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_bytes(b'code,text\r\nA,"first line\r\nsecond line"\r\nB,"old\rmac"\r\n')
    assert _import(invoke, sheet, tmp_path / "o", "--id", "T", "--title", "T")[0] == 0
    assert [i.text for i in _framework(tmp_path / "o").items] == ["first line\nsecond line", "old\nmac"]


@pytest.mark.parametrize("given", ["MA", "jff"])
def test_a_packaged_frameworks_id_is_refused(invoke: Invoke, tmp_path: Path, given: str) -> None:
    """A file of yours named like a packaged framework replaces it, and the packaged crosswalk into it
    then fails on every command: the import says so instead of writing it."""
    out = tmp_path / "data"
    result = invoke("import", "csv", str(EXAMPLE), "-o", str(out), "--id", given, "--title", "Mine")
    assert result.exit_code == 2 and result.stdout == "" and not out.exists()
    assert f"'{given}' is a packaged framework's id ({given.upper()})" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("date", ["2026-02-30", "2026-13", "2026-00-10", "26-01-01", "2026-1-1"])
def test_a_date_the_calendar_has_not_is_refused(invoke: Invoke, tmp_path: Path, date: str) -> None:
    out = tmp_path / "data"
    result = invoke("import", "csv", str(EXAMPLE), "-o", str(out), *HEADER, "--date", date)
    assert result.exit_code == 2 and not out.exists()
    assert f"'{date}': give YYYY-MM or YYYY-MM-DD" in result.stderr
