"""`crosswalk import case PACKAGE.json... --out DIR`, end to end: a data directory the other commands read,
our own CASE export brought back, and hostile inputs refused with one line and nothing written."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from crosswalk_cli.loader import FILES
from crosswalk_cli.model import Crosswalk

from .conftest import Invoke

FIXTURES = Path(__file__).parent / "fixtures" / "case"
PACKAGES = [str(FIXTURES / n) for n in ("wayfinding-1.1.json", "peer-coaching-1.0.json", "pairings-1.1.json")]


def one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("crosswalk: error: "), stderr
    return lines[0]


def tree(folder: Path) -> dict[str, bytes]:
    """Every name in ``folder`` with a regular file's bytes (a FIFO or folder is named, never read)."""
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() if p.is_file() else b"" for p in sorted(folder.iterdir())}


def test_fixtures_import_into_a_data_directory(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = invoke("import", "case", *PACKAGES, "--out", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    names = ["WLS.yaml", "PC.yaml", "PC-WLS.yaml", "WLS-PC.yaml"]
    assert r.stderr.splitlines() == [f"crosswalk: wrote {out / n}" for n in names]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)

    r = invoke("frameworks", "--data-dir", str(out), "--json")
    assert r.exit_code == 0 and r.stderr == ""
    doc = json.loads(r.stdout)
    assert [(f["id"], f["counts"]) for f in doc["frameworks"]] == [
        ("PC", {"Strand": 3, "Criterion": 3}),
        ("WLS", {"Domain": 2, "Standard": 4, "Indicator": 1}),
    ]
    assert [(c["id"], c["from"], c["to"], c["counts"], c["drafted"]) for c in doc["crosswalks"]] == [
        ("PC-WLS", "PC", "WLS", {"exactMatchOf": 1, "isPartOf": 1, "isRelatedTo": 1}, 0),
        ("WLS-PC", "WLS", "PC", {"primary": 2, "isRelatedTo": 1, "ext:mentors": 1}, 0),
    ]

    r = invoke("item", "PC:PC.A.1", "--data-dir", str(out), "--json")
    assert r.exit_code == 0 and r.stderr == ""
    item = json.loads(r.stdout)
    assert (item["text"], item["parent"]["id"], item["level"]) == (
        "Agree on the focus of the visit beforehand.",
        "PC:PC.A",
        "Criterion",
    )
    assert [(k["crosswalk"], k["relation"], k["direction"], k["item"]["id"]) for k in item["links"]] == [
        ("PC-WLS", "isRelatedTo", "to", "WLS:W.1.1"),
        ("WLS-PC", "primary", "from", "WLS:b"),
    ]
    # a CASE association is not a suggestion: it keeps its provenance and is not counted as drafted
    assert all(k["published"] for k in item["links"])
    assert item["links"][1]["provenance"]["method"] == "CASE 1.1 association in pairings-1.1.json"
    r = invoke("item", "PC:PC.A.1", "--data-dir", str(out))
    assert "CASE isRelatedTo" in r.stdout and "Drafted" not in r.stdout

    r = invoke("items", "WLS", "--data-dir", str(out), "-f", "csv")
    assert r.exit_code == 0
    assert [line.split(",")[0] for line in r.stdout.splitlines()[1:] if line.startswith("WLS:")] == [
        "WLS:W.1",
        "WLS:W.1.1",
        "WLS:b",
        "WLS:W.2",
        "WLS:W.2.1",
        "WLS:6f8c9329-3014-5015-8178-f063b28a7e57",
        "WLS:W.2.2",
    ]


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our own `export case` output, imported back as another tool's would be: without the source files
    our crosswalk document carries in its notes (tests below import it with them)."""
    from typer.testing import CliRunner

    from crosswalk_cli.cli import app

    base = tmp_path_factory.mktemp("roundtrip")
    runner = CliRunner()
    r = runner.invoke(app, ["export", "case", "--out", str(base / "exp")])
    assert r.exit_code == 0, r.stderr
    packages = sorted(str(p) for p in (base / "exp").iterdir())
    assert [Path(p).name for p in packages] == ["competencies.json", "crosswalk.json", "standards.json"]
    crosswalk = base / "exp" / "crosswalk.json"
    package = json.loads(crosswalk.read_text("utf-8"))
    del package["CFDocument"]["notes"]
    crosswalk.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", "utf-8")
    r = runner.invoke(app, ["import", "case", *packages, "--out", str(base / "out")])
    assert r.exit_code == 0, r.stderr
    return base / "out"


def items_of(invoke: Invoke, framework: str, *extra: str) -> list[dict[str, object]]:
    r = invoke("items", framework, "--json", *extra)
    assert r.exit_code == 0 and r.stderr == "", r.stderr
    items: list[dict[str, object]] = json.loads(r.stdout)["items"]
    return items


def test_our_export_imports_back(invoke: Invoke, round_trip: Path) -> None:
    assert sorted(p.name for p in round_trip.iterdir()) == ["LCLCPE-MPSAL.yaml", "LCLCPE.yaml", "MPSAL.yaml"]
    doc = json.loads(invoke("frameworks", "--data-dir", str(round_trip), "--json").stdout)
    assert [
        (c["id"], c["from"], c["to"], c["counts"], c["links"], c["drafted"]) for c in doc["crosswalks"]
    ] == [("LCLCPE-MPSAL", "LCLCPE", "MPSAL", {"primary": 109, "additional": 348}, 457, 0)]
    for packaged, imported in (("MA", "MPSAL"), ("JFF", "LCLCPE")):
        ours = items_of(invoke, packaged)
        theirs = items_of(invoke, imported, "--data-dir", str(round_trip))
        assert [(i["id"], i["code"], i["depth"]) for i in theirs] == [
            (f"{imported}:{i['code']}", i["code"], i["depth"]) for i in ours
        ]
        assert [str(i["level"]).lower() for i in theirs] == [i["level"] for i in ours]
        for mine, back in zip(ours, theirs, strict=True):
            text, got = str(mine["text"]), str(back["text"])
            if mine["depth"] == 0 and packaged == "JFF":
                # a domain's name is its title or its whole statement; its description is a CASE note
                assert mine["title"] in (back["title"], got), mine["code"]
                continue
            if not text:  # a competency with a title only: CASE needs a full statement, the title
                assert (back["title"], got) == ("", mine["title"]), mine["code"]
                continue
            if packaged == "MA":  # (a JFF indicator's record repeats its competency's title; CASE does not)
                assert back["title"] == mine["title"], mine["code"]
            # the same text, and for an item with elements or sub-items, those after it, one a line
            assert got == text or got.startswith(text + "\n"), mine["code"]
    domain = json.loads(invoke("item", "LCLCPE:VVC", "--data-dir", str(round_trip), "--json").stdout)
    vvc = json.loads(invoke("item", "JFF:VVC", "--json").stdout)
    assert [n["note"] for n in domain["notes"]] == [f"Foundational domain: Leaders and Vision. {vvc['text']}"]


def test_an_import_has_no_maple_files(invoke: Invoke, round_trip: Path) -> None:
    for args in (("standard", "1b"), ("competency", "VVC.1"), ("matrix",)):
        r = invoke(*args, "--data-dir", str(round_trip))
        assert r.exit_code == 1 and r.stdout == ""
        assert one_line(r.stderr) == (
            "crosswalk: error: this data has no standards.yaml, competencies.yaml and alignments.yaml, "
            "which this command reads; 'crosswalk frameworks', 'item' and 'items' show any framework"
        )
    r = invoke("item", "MPSAL:1b", "--data-dir", str(round_trip), "--json")
    assert r.exit_code == 0
    ours = json.loads(invoke("item", "MA:1b", "--json").stdout)["links"]
    back = json.loads(r.stdout)["links"]
    assert [(k["relation"], k["item"]["code"]) for k in back] == [
        (k["relation"], k["item"]["code"]) for k in ours
    ]


# --- hostile inputs -------------------------------------------------------------------------------------


def hostile(tmp_path: Path, what: str) -> tuple[list[str], Path]:
    """The arguments of one hostile import, and the --out it names."""
    out = tmp_path / "out"
    good = str(FIXTURES / "wayfinding-1.1.json")
    if what == "not json":
        (tmp_path / "bad.json").write_text("this is not JSON\n", encoding="utf-8")
        return [good, str(tmp_path / "bad.json")], out
    if what == "a directory":
        (tmp_path / "adir.json").mkdir()
        return [good, str(tmp_path / "adir.json")], out
    if what == "a fifo":
        os.mkfifo(tmp_path / "fifo.json")
        return [good, str(tmp_path / "fifo.json")], out
    if what == "missing":
        return [good, str(tmp_path / "missing.json")], out
    if what == "a json list":
        (tmp_path / "list.json").write_text("[1, 2, 3]\n", encoding="utf-8")
        return [good, str(tmp_path / "list.json")], out
    if what == "empty":
        (tmp_path / "empty.json").write_bytes(b"")
        return [good, str(tmp_path / "empty.json")], out
    assert what == "out is a file"
    out.write_text("keep me\n", encoding="utf-8")
    return [good], out


@pytest.mark.parametrize(
    ("what", "code", "needle"),
    [
        ("not json", 1, "bad.json:1: not JSON"),
        ("a directory", 1, "adir.json: not a regular file"),
        ("a fifo", 1, "fifo.json: not a regular file"),
        ("missing", 1, "missing.json: file not found"),
        ("a json list", 1, "list.json"),
        ("empty", 1, "empty.json"),
        ("out is a file", 2, "out' is a file"),
    ],
)
def test_hostile_inputs_give_one_line_and_write_nothing(
    invoke: Invoke, tmp_path: Path, what: str, code: int, needle: str
) -> None:
    args, out = hostile(tmp_path, what)
    before = tree(tmp_path)
    r = invoke("import", "case", *args, "--out", str(out))
    assert r.exit_code == code and r.stdout == ""
    assert needle in one_line(r.stderr)
    assert "Traceback" not in r.stderr
    assert tree(tmp_path) == before  # --out neither made nor touched, no temporary left behind


def test_an_existing_directory_is_not_touched_when_a_package_fails(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("import", "case", *PACKAGES, "--out", str(out)).exit_code == 0
    before = tree(out)
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    r = invoke(
        "import", "case", str(FIXTURES / "wayfinding-1.1.json"), str(tmp_path / "bad.json"), "--out", str(out)
    )
    assert r.exit_code == 1 and "bad.json" in one_line(r.stderr)
    assert tree(out) == before


def test_an_import_that_would_break_the_directory_writes_nothing(invoke: Invoke, tmp_path: Path) -> None:
    # The document is already there under another file name: the import is refused before anything is
    # written (it used to write, say "wrote", then fail, leaving a directory that no longer loads).
    out = tmp_path / "out"
    assert invoke("import", "case", str(FIXTURES / "wayfinding-1.1.json"), "--out", str(out)).exit_code == 0
    (out / "WLS.yaml").rename(out / "mine.yaml")
    before = tree(out)
    r = invoke("import", "case", str(FIXTURES / "wayfinding-1.1.json"), "--out", str(out))
    assert r.exit_code == 1 and r.stdout == ""
    assert one_line(r.stderr) == (
        f"crosswalk: error: {out / 'mine.yaml'}: holds, as framework 'WLS', the CASE document the import "
        "would write again as WLS.yaml: nothing was written"
    )
    assert tree(out) == before
    assert invoke("frameworks", "--data-dir", str(out)).exit_code == 0


def test_an_import_beside_the_packaged_data(invoke: Invoke, data_copy: Path) -> None:
    r = invoke("import", "case", *PACKAGES, "--out", str(data_copy))
    assert r.exit_code == 0, r.stderr
    doc = json.loads(invoke("frameworks", "--data-dir", str(data_copy), "--json").stdout)
    assert [f["id"] for f in doc["frameworks"]] == ["MA", "JFF", "PC", "WLS", "BPS"]  # files by name
    r = invoke("standard", "1b", "--data-dir", str(data_copy), "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["counts"] == {"primary": 5, "additional": 25}


def test_our_own_export_round_trips_exactly(invoke: Invoke, tmp_path: Path, cw: Crosswalk) -> None:
    """export case, import case, export case: byte-identical packages, the data files themselves back, and
    every MAPLE answer the same on the imported directory."""
    from crosswalk_cli.loader import FILES, default_data_dir

    first, back, second = tmp_path / "first", tmp_path / "back", tmp_path / "second"
    assert invoke("export", "case", "--out", str(first)).exit_code == 0
    packages = [str(first / n) for n in ("standards.json", "competencies.json", "crosswalk.json")]
    assert invoke("import", "case", *packages, "--out", str(back)).exit_code == 0
    assert sorted(p.name for p in back.iterdir()) == sorted(FILES)
    for name in FILES:
        assert (back / name).read_bytes() == (default_data_dir() / name).read_bytes()
    assert invoke("export", "case", "--out", str(second), "--data-dir", str(back)).exit_code == 0
    for name in ("standards.json", "competencies.json", "crosswalk.json"):
        assert (second / name).read_bytes() == (first / name).read_bytes(), name
    for args in (
        *(["standard", sid] for sid in [*cw.standards, *cw.standard_indicators]),
        *(["competency", cid] for cid in [*cw.competencies, *cw.indicators]),
        *(["theme", code] for code in cw.themes),
        ["errata"], ["matrix"], ["search", "data"],
    ):  # fmt: skip
        here = invoke(*args, "--json")
        there = invoke(*args, "--json", "--data-dir", str(back))
        assert here.stdout == there.stdout, args


def test_damaged_source_files_in_our_notes_are_one_line(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "exp"
    assert invoke("export", "case", "--out", str(out)).exit_code == 0
    crosswalk = out / "crosswalk.json"
    package = json.loads(crosswalk.read_text("utf-8"))
    head, files = package["CFDocument"]["notes"].split("\n", 1)
    sources = json.loads(files)
    for notes in (
        package["CFDocument"]["notes"][:-5],
        head + '\n{"../escape.yaml": "x"}',
        head + "\n" + json.dumps({**sources, "self_assessment.yaml": "garbage: ["}),  # a file the load skips
        head + "\n" + json.dumps({"standards.yaml": sources["standards.yaml"]}),  # not all three
    ):
        package["CFDocument"]["notes"] = notes
        crosswalk.write_text(json.dumps(package), "utf-8")
        r = invoke("import", "case", str(crosswalk), "--out", str(tmp_path / "never"))
        assert r.exit_code == 1 and r.stdout == "" and one_line(r.stderr)
        assert "source files in its notes" in r.stderr
        assert not (tmp_path / "never").exists()


# --- naming the frameworks ------------------------------------------------------------------------------


def test_id_renames_a_framework_and_its_crosswalks(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = invoke("import", "case", *PACKAGES, "--out", str(out), "--id", "wls=Way", "--id", "PC=Coach")
    assert r.exit_code == 0, r.stderr
    names = ["Way.yaml", "Coach.yaml", "Coach-Way.yaml", "Way-Coach.yaml"]
    assert r.stderr.splitlines() == [f"crosswalk: wrote {out / n}" for n in names]
    doc = json.loads(invoke("frameworks", "--data-dir", str(out), "--json").stdout)
    assert [f["id"] for f in doc["frameworks"]] == ["Coach", "Way"]
    assert [(c["id"], c["from"], c["to"]) for c in doc["crosswalks"]] == [
        ("Coach-Way", "Coach", "Way"),
        ("Way-Coach", "Way", "Coach"),
    ]
    r = invoke("item", "Coach:PC.A.1", "--data-dir", str(out), "--json")
    assert [k["item"]["id"] for k in json.loads(r.stdout)["links"]] == ["Way:W.1.1", "Way:b"]
    # two documents may swap their ids
    swapped = tmp_path / "swapped"
    r = invoke("import", "case", *PACKAGES, "--out", str(swapped), "--id", "WLS=PC", "--id", "PC=WLS")
    assert r.exit_code == 0, r.stderr
    r = invoke("items", "PC", "--data-dir", str(swapped), "--json")
    assert json.loads(r.stdout)["items"][0]["id"] == "PC:W.1"


def test_our_bps_export_imports_back_as_bps(invoke: Invoke, tmp_path: Path) -> None:
    """The derived id of BPS's title is USBLC; --id gives the package back its own id and the same items."""
    r = invoke("export", "case", "--framework", "bps", "--out", str(tmp_path / "exp"))
    assert (
        r.exit_code == 0 and r.stderr == f"crosswalk: wrote {tmp_path / 'exp' / 'BPS.json'}\n"
    )  # its own id
    package = str(tmp_path / "exp" / "BPS.json")
    r = invoke("import", "case", package, "--out", str(tmp_path / "plain"))
    assert r.exit_code == 0 and r.stderr == f"crosswalk: wrote {tmp_path / 'plain' / 'USBLC.yaml'}\n"
    r = invoke("import", "case", package, "--out", str(tmp_path / "named"), "--id", "USBLC=BPS")
    assert r.exit_code == 0 and r.stderr == f"crosswalk: wrote {tmp_path / 'named' / 'BPS.yaml'}\n"
    ours = items_of(invoke, "BPS")
    back = items_of(invoke, "BPS", "--data-dir", str(tmp_path / "named"))
    assert [(i["id"], i["text"]) for i in back] == [(i["id"], i["text"]) for i in ours]
    assert len(ours) == 20
    # the draft's date travels as its statusStartDate, so a second export is the first
    frameworks = json.loads(invoke("frameworks", "--data-dir", str(tmp_path / "named"), "--json").stdout)
    assert frameworks["frameworks"][0]["date"] == "2017-03-20"
    again = tmp_path / "again"
    assert invoke("export", "case", "--framework", "BPS", "--data-dir", str(tmp_path / "named"), "--out",
                  str(again)).exit_code == 0  # fmt: skip
    first = json.loads(Path(package).read_text("utf-8"))["CFDocument"]
    second = json.loads((again / "BPS.json").read_text("utf-8"))["CFDocument"]
    assert (second["statusStartDate"], second["lastChangeDateTime"]) == (
        "2017-03-20",
        first["lastChangeDateTime"],
    )


ID = "crosswalk: error: Invalid value for --id: "
HELP = " import case --help')"  # the runner calls the program 'root'; a shell, 'crosswalk'


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["X"], "'X': give ID=NEW, as in USBLC=BPS"),
        (["=B"], "'=B': give ID=NEW, as in USBLC=BPS"),
        (["WLS="], "'WLS=': give ID=NEW, as in USBLC=BPS"),
        (["WLS=A", "wls=B"], "'wls' is renamed twice"),
        (["FOO=B"], "no document would be named 'FOO' (the ids are PC, WLS)"),
        (["WLS=9x"], "'9x' is not an id: a letter, then at most 15 letters, digits or _"),
        (["WLS=A" + "b" * 16], f"'A{'b' * 16}' is not an id: a letter, then at most 15 letters, digits or _"),
        (["WLS=a b"], "'a b' is not an id: a letter, then at most 15 letters, digits or _"),
        # no '-': crosswalk files are {from}-{to}, and A-B to C must not be A to B-C
        (["WLS=A-B"], "'A-B' is not an id: a letter, then at most 15 letters, digits or _"),
        (
            ["WLS=Standards"],
            "'Standards' would be written as Standards.yaml, a name a data directory keeps for its own file",
        ),
        (
            ["PC=self_assessment"],
            "'self_assessment' would be written as self_assessment.yaml, a name a data "
            "directory keeps for its own file",
        ),
        (
            ["WLS=pc"],
            "two frameworks would both be named 'PC' and 'pc' (ids ignore case): rename one of them",
        ),
        (["WLS=A" + "b" * 15, "PC=a" + "B" * 15], "(ids ignore case): rename one of them"),
    ],
)
def test_bad_ids_are_bad_usage_in_one_line_and_write_nothing(
    invoke: Invoke, tmp_path: Path, ids: list[str], message: str
) -> None:
    out = tmp_path / "out"
    flags = [x for pair in ids for x in ("--id", pair)]
    r = invoke("import", "case", *PACKAGES, "--out", str(out), *flags)
    assert r.exit_code == 2 and r.stdout == ""
    line = one_line(r.stderr)
    assert line.startswith(ID) and line.endswith(HELP) and message in line
    assert not out.exists()


def test_the_same_rename_twice_is_one_rename(invoke: Invoke, tmp_path: Path) -> None:
    r = invoke("import", "case", *PACKAGES, "--out", str(tmp_path / "o"), "--id", "WLS=W", "--id", "wls=W")
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "o" / "W.yaml").is_file()


def test_id_with_only_our_own_exact_packages_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("export", "case", "--out", str(tmp_path / "exp")).exit_code == 0
    packages = sorted(str(p) for p in (tmp_path / "exp").iterdir())
    r = invoke("import", "case", *packages, "--out", str(tmp_path / "out"), "--id", "ma=MASS")
    assert r.exit_code == 2
    assert one_line(r.stderr) == (
        f"{ID}'ma' cannot be renamed: crosswalk's own exported MAPLE packages come back exactly as they "
        f"were, ids included (JFF, MA) (see 'root{HELP}"
    )
    r = invoke("import", "case", *packages, "--out", str(tmp_path / "out"), "--id", "BPS=B")
    assert one_line(r.stderr) == (
        f"{ID}no document would be named 'BPS' (the ids are none; crosswalk's own MAPLE packages keep "
        f"theirs: JFF, MA) (see 'root{HELP}"
    )
    # beside other packages, a new id may not take theirs
    bps = tmp_path / "bps"
    assert invoke("export", "case", "--framework", "BPS", "--out", str(bps)).exit_code == 0
    r = invoke("import", "case", *packages, str(bps / "BPS.json"), "--out", str(tmp_path / "out"), "--id",
               "USBLC=jff")  # fmt: skip
    assert r.exit_code == 2
    assert "two frameworks would both be named 'JFF' and 'jff' (ids ignore case)" in one_line(r.stderr)
    assert not (tmp_path / "out").exists()


# --- what is already in --out ---------------------------------------------------------------------------


def test_an_earlier_import_of_the_same_documents_is_replaced(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("import", "case", *PACKAGES, "--out", str(out)).exit_code == 0
    first = tree(out)
    (out / "WLS.yaml").write_text((out / "WLS.yaml").read_text("utf-8").replace("Draft", "Old"), "utf-8")
    (out / "PC-WLS.yaml").write_text("# stale\n" + (out / "PC-WLS.yaml").read_text("utf-8"), "utf-8")
    r = invoke("import", "case", *PACKAGES, "--out", str(out))
    assert r.exit_code == 0, r.stderr
    assert tree(out) == first


def refused(invoke: Invoke, out: Path, *args: str) -> str:
    before = tree(out)
    r = invoke("import", "case", *args, "--out", str(out))
    assert r.exit_code == 1 and r.stdout == ""
    assert tree(out) == before
    return one_line(r.stderr)


def test_a_file_of_something_else_is_never_replaced(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("import", "case", *PACKAGES, "--out", str(out)).exit_code == 0
    bps = tmp_path / "bps"
    assert invoke("export", "case", "--framework", "BPS", "--out", str(bps)).exit_code == 0
    # another document's framework file
    assert refused(invoke, out, str(bps / "BPS.json"), "--id", "USBLC=PC") == (
        f"crosswalk: error: {out / 'PC.yaml'}: is already there and is not an earlier import of the same "
        "CASE document: nothing was written (use another --out, or --id)"
    )
    # a crosswalk with a link a person added (no CASE association behind it)
    path = out / "PC-WLS.yaml"
    text = path.read_text("utf-8")
    path.write_text(text + "- source: PC.B\n  target: W.1\n  relation: isRelatedTo\n", "utf-8")
    assert invoke("frameworks", "--data-dir", str(out)).exit_code == 0
    assert refused(invoke, out, *PACKAGES).startswith(f"crosswalk: error: {path}: is already there")
    path.write_text(text, "utf-8")
    # a name that differs only in case (one file on some file systems), a folder, a FIFO
    (out / "WLS.yaml").rename(out / "wls.yaml")
    assert refused(invoke, out, *PACKAGES) == (
        f"crosswalk: error: {out / 'wls.yaml'}: is named WLS.yaml but for case, one file on some systems: "
        "nothing was written (rename it, or use another --out)"
    )
    (out / "wls.yaml").rename(out / "WLS.yaml")
    (out / "PC.yaml").unlink()
    (out / "PC.yaml").mkdir()
    assert refused(invoke, out, *PACKAGES).startswith(f"crosswalk: error: {out / 'PC.yaml'}: is already")
    (out / "PC.yaml").rmdir()
    os.mkfifo(out / "PC.yaml")
    assert refused(invoke, out, *PACKAGES).startswith(f"crosswalk: error: {out / 'PC.yaml'}: is already")
    (out / "PC.yaml").unlink()
    # a link with the name, even to an earlier import of the same document: writing would go through it
    elsewhere = tmp_path / "elsewhere"
    assert invoke("import", "case", *PACKAGES, "--out", str(elsewhere)).exit_code == 0
    (out / "PC.yaml").symlink_to(elsewhere / "PC.yaml")
    before = tree(elsewhere)
    assert refused(invoke, out, *PACKAGES).startswith(f"crosswalk: error: {out / 'PC.yaml'}: is already")
    assert tree(elsewhere) == before


def test_a_reviewed_crosswalk_is_never_replaced(invoke: Invoke, tmp_path: Path) -> None:
    """Not even one whose every link came from CASE, or one with no links but a review record."""
    out = tmp_path / "out"
    assert invoke("import", "case", *PACKAGES, "--out", str(out)).exit_code == 0
    path = out / "PC-WLS.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("links:\n", "reviewed: [PC.B]\nlinks:\n", 1), "utf-8")
    assert invoke("frameworks", "--data-dir", str(out)).exit_code == 0
    assert refused(invoke, out, *PACKAGES).startswith(f"crosswalk: error: {path}: is already there")
    path.write_text(text[: text.index("links:")] + "links: []\n", "utf-8")
    assert invoke("frameworks", "--data-dir", str(out)).exit_code == 0
    assert refused(invoke, out, *PACKAGES).startswith(f"crosswalk: error: {path}: is already there")


def test_a_data_file_of_the_directory_is_never_replaced(
    invoke: Invoke, data_copy: Path, tmp_path: Path
) -> None:
    """Our own exact export carries the packaged files (sealed); the copy's differ (edited, unsealed)."""
    exp = tmp_path / "exp"
    assert invoke("export", "case", "--out", str(exp)).exit_code == 0
    standards = data_copy / "standards.yaml"
    standards.write_text(standards.read_text("utf-8").replace("Instruction", "Instructing", 1), "utf-8")
    line = refused(invoke, data_copy, *sorted(str(p) for p in exp.iterdir()))
    assert re.fullmatch(
        rf"crosswalk: error: {re.escape(str(data_copy))}/(standards|competencies|alignments)\.yaml: "
        r"is already there and is not an earlier import of the same CASE document: nothing was written .*",
        line,
    )


def test_a_crosswalk_to_our_own_exact_export_links_to_its_items(
    invoke: Invoke, data_copy: Path, tmp_path: Path
) -> None:
    """Beside crosswalk's own MAPLE packages (restored as they were), another package's associations to
    their items make a crosswalk to MA or JFF, not notes saying the items are missing."""
    (data_copy / "bps-ma.yaml").write_text(
        "crosswalk:\n  id: BPS-MA\n  title: BPS to MA\n  publisher: P\n  license: L\n  from: BPS\n  to: MA\n"
        "  relations: [zeta, additional, alpha, primary]\nlinks:\n"
        "- source: '1.1'\n  target: 1a\n  relation: zeta\n- source: '3.2'\n  target: 1e\n  relation: alpha\n"
        "- source: '1.2'\n  target: 1b\n  relation: primary\n"
        "- source: '2.1'\n  target: 2a\n  relation: additional\n",
        "utf-8",
    )
    exp = tmp_path / "exp"
    for what in (["--framework", "BPS"], ["--crosswalk", "BPS-MA"], []):
        assert invoke("export", "case", *what, "--data-dir", str(data_copy), "--out", str(exp)).exit_code == 0
    assert sorted(p.name for p in exp.iterdir()) == [
        "BPS-MA.json", "BPS.json", "competencies.json", "crosswalk.json", "standards.json",
    ]  # fmt: skip
    out = tmp_path / "out"
    r = invoke(
        "import", "case", *sorted(str(p) for p in exp.iterdir()), "--out", str(out), "--id", "USBLC=BPS"
    )
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "BPS-MA.yaml", "BPS.yaml", "alignments.yaml", "competencies.yaml", "standards.yaml",
    ]  # fmt: skip
    for name in FILES:
        assert (out / name).read_bytes() == (data_copy / name).read_bytes()
    r = invoke("item", "MA:1a", "--data-dir", str(out), "--json")
    links = [(k["crosswalk"], k["relation"], k["item"]["id"]) for k in json.loads(r.stdout)["links"]]
    assert ("BPS-MA", "zeta", "BPS:1.1") in links
    # the relations come back from the groupings our export writes, strongest first
    doc = json.loads(invoke("frameworks", "--data-dir", str(out), "--json").stdout)
    assert [(c["id"], c["counts"]) for c in doc["crosswalks"]] == [
        ("MAPLE", {"primary": 109, "additional": 348}),
        ("BPS-MA", {"zeta": 1, "additional": 1, "alpha": 1, "primary": 1}),
    ]
    assert "  relations: [zeta, additional, alpha, primary]\n" in (out / "BPS-MA.yaml").read_text("utf-8")
    # the crosswalk without BPS's own package: the link has nowhere to go, and nothing is written
    packages = [
        str(exp / n) for n in ("BPS-MA.json", "competencies.json", "crosswalk.json", "standards.json")
    ]
    r = invoke("import", "case", *packages, "--out", str(tmp_path / "none"))
    assert r.exit_code == 1
    assert one_line(r.stderr).startswith(
        "crosswalk: error: MA:1a, of crosswalk's own export, is linked to an item of none of the given "
        "packages: '1.1' "
    )
    assert not (tmp_path / "none").exists()


def test_a_document_already_imported_under_another_id_is_not_imported_twice(
    invoke: Invoke, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert invoke("import", "case", *PACKAGES, "--out", str(out)).exit_code == 0
    assert refused(invoke, out, *PACKAGES, "--id", "WLS=W") == (
        f"crosswalk: error: {out / 'WLS.yaml'}: holds, as framework 'WLS', the CASE document the import "
        "would write again as W.yaml: nothing was written"
    )
    (out / "WLS.yaml").rename(out / "mine.yaml")  # the id, not the file name, is what a user knows it by
    line = refused(invoke, out, *PACKAGES, "--id", "WLS=W")
    assert line.startswith(
        f"crosswalk: error: {out / 'mine.yaml'}: holds, as framework 'WLS', the CASE document"
    )


def test_our_own_export_twice_with_other_data_is_refused(
    invoke: Invoke, tmp_path: Path, data_copy: Path
) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    assert invoke("export", "case", "--out", str(ours)).exit_code == 0
    assert (
        invoke("export", "case", "--data-dir", str(data_copy), "--out", str(theirs)).exit_code == 0
    )  # unsealed
    both = [
        str(d / n) for d in (ours, theirs) for n in ("standards.json", "competencies.json", "crosswalk.json")
    ]
    r = invoke("import", "case", *both, "--out", str(tmp_path / "out"))
    assert r.exit_code == 1
    assert one_line(r.stderr) == (
        f"crosswalk: error: {theirs / 'crosswalk.json'}: crosswalk's own export is given twice, with other "
        "data"
    )
    same = [str(ours / n) for n in ("standards.json", "competencies.json", "crosswalk.json")] * 2
    assert invoke("import", "case", *same, "--out", str(tmp_path / "out")).exit_code == 0


def hostile_package(tmp_path: Path, name: str, **document: str) -> Path:
    package = json.loads((FIXTURES / "wayfinding-1.1.json").read_text("utf-8"))
    package["CFDocument"].update(document)
    path = tmp_path / name
    path.write_text(json.dumps(package), "utf-8")
    return path


def test_a_title_cannot_write_yaml_into_the_header(invoke: Invoke, tmp_path: Path) -> None:
    path = hostile_package(tmp_path, "t.json", title="Plain\nnotes:\n- text: INJECTED\n#")
    out = tmp_path / "out"
    assert invoke("import", "case", str(path), "--out", str(out)).exit_code == 0
    text = (out / "PNTI.yaml").read_text("utf-8")
    assert text.startswith("# Plain\\nnotes:\\n- text: INJECTED\\n#: imported from t.json (CASE 1.1).\n")
    import yaml

    assert all("INJECTED" not in note["text"] for note in yaml.safe_load(text)["notes"])


def test_a_lone_surrogate_is_one_line_not_a_traceback(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        (FIXTURES / "wayfinding-1.1.json")
        .read_text("utf-8")
        .replace('"title": "Way', '"title": "\\ud800Way', 1),
        "utf-8",
    )
    r = invoke("import", "case", str(path), "--out", str(tmp_path / "out"))
    assert r.exit_code == 1
    assert one_line(r.stderr) == (
        f"crosswalk: error: {path}: holds '\\ud800', half of a surrogate pair, which is not text"
    )
    assert not (tmp_path / "out").exists()
    # a whole pair is text: U+1F600
    path.write_text(path.read_text("utf-8").replace("\\ud800Way", "\\ud83d\\ude00Way"), "utf-8")
    assert invoke("import", "case", str(path), "--out", str(tmp_path / "out")).exit_code == 0
    # a package file name that is not UTF-8 (it goes into the files written)
    odd = tmp_path / os.fsdecode(b"bad\xff.json")
    odd.write_bytes((FIXTURES / "wayfinding-1.1.json").read_bytes())
    r = invoke("import", "case", str(odd), "--out", str(tmp_path / "odd"))
    assert r.exit_code == 1 and one_line(r.stderr).endswith(": its file name is not UTF-8")
    assert not (tmp_path / "odd").exists()


def test_many_relations_come_back_in_their_order(invoke: Invoke, tmp_path: Path) -> None:
    """3,000 relations, strongest first as the groupings list them (it once took two minutes: the
    relations were ranked again for every association; the suite's time shows it, no test asserts one)."""
    package = json.loads((FIXTURES / "pairings-1.1.json").read_text("utf-8"))
    template = package["CFAssociations"][0]
    groupings, associations = [], []
    for n in range(3000):
        ident = f"00000000-0000-4000-8000-{n:012d}"
        when = "2020-01-01T00:00:00+00:00"
        description = f"Links of relation 'r{n}'"
        groupings.append(
            {
                "identifier": ident,
                "uri": ident,
                "title": f"r{n}",
                "description": description,
                "lastChangeDateTime": when,
            }
        )
        grouping = {"title": f"r{n}", "identifier": ident, "uri": ident}
        associations.append(
            {
                **template,
                "identifier": f"10000000-0000-4000-8000-{n:012d}",
                "CFAssociationGroupingURI": grouping,
            }
        )
    package.setdefault("CFDefinitions", {})["CFAssociationGroupings"] = groupings
    package["CFAssociations"] = associations
    path = tmp_path / "many.json"
    path.write_text(json.dumps(package), "utf-8")
    ends = [str(FIXTURES / "wayfinding-1.1.json"), str(FIXTURES / "peer-coaching-1.0.json")]
    r = invoke("import", "case", *ends, str(path), "--out", str(tmp_path / "out"))
    assert r.exit_code == 0, r.stderr
    doc = json.loads(invoke("frameworks", "--data-dir", str(tmp_path / "out"), "--json").stdout)
    crosswalk = max(doc["crosswalks"], key=lambda c: len(c["counts"]))
    assert list(crosswalk["counts"]) == [f"r{n}" for n in range(3000)]


def test_text_that_cannot_be_written_is_one_error() -> None:
    """The last guard before writing: the reader already refuses half surrogate pairs and file names that
    are not UTF-8, so this meets only what slips past it."""
    from crosswalk_cli.commands.imports import _encoded
    from crosswalk_cli.errors import DataError

    assert _encoded({"a.yaml": "é"}) == {"a.yaml": "é".encode()}
    with pytest.raises(DataError) as exc:
        _encoded({"a.yaml": "ok", "b.yaml": "x\udcff"})
    assert exc.value.problems == [
        "the packages hold '\\udcff', which is not Unicode text (a lone surrogate, or a file name that is "
        "not UTF-8): nothing was written"
    ]
