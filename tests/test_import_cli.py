"""`crosswalk import case PACKAGE.json... --out DIR`, end to end: a data directory the other commands read,
our own CASE export brought back, and hostile inputs refused with one line and nothing written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from crosswalk_cli.datadir import default_data_dir

from .conftest import Invoke
from .maple import Maple
from .test_case import same_model

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
    lines = r.stderr.splitlines()
    assert lines[:4] == [f"crosswalk: wrote {out / n}" for n in names]
    warned = [line.split(": ")[2:4] for line in lines[4:]]  # what the import fixed, after what it wrote
    assert warned == [["wayfinding-1.1.json", "external association (W.1.1)"],
                      ["wayfinding-1.1.json", "external association (W.2)"],
                      ["peer-coaching-1.0.json", "external association (PC.B)"],
                      ["peer-coaching-1.0.json", "orphan (PC.C)"]]  # fmt: skip
    assert sorted(p.name for p in out.iterdir()) == sorted(names)

    r = invoke("frameworks", "--data-dir", str(out), "--json", "--no-packaged")
    assert r.exit_code == 0 and r.stderr == ""
    doc = json.loads(r.stdout)
    assert [(f["id"], f["counts"]) for f in doc["frameworks"]] == [  # first the crosswalks' targets
        ("WLS", {"Domain": 2, "Standard": 4, "Indicator": 1}),
        ("PC", {"Strand": 3, "Criterion": 3}),
    ]
    assert [(c["id"], c["from"], c["to"], c["counts"], c["drafted"]) for c in doc["crosswalks"]] == [
        ("PC-WLS", "PC", "WLS", {"exactMatchOf": 1, "isPartOf": 1, "isRelatedTo": 1}, 0),
        ("WLS-PC", "WLS", "PC", {"isRelatedTo": 3, "ext:mentors": 1}, 0),
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
        ("WLS-PC", "isRelatedTo", "from", "WLS:b"),
    ]
    # a CASE association is not a suggestion: it keeps its provenance and is not counted as drafted
    assert all(k["published"] for k in item["links"])
    assert item["links"][1]["provenance"]["method"] == (
        "CASE 1.1 association in pairings-1.1.json, grouping 'Directly aligned'"
    )
    r = invoke("item", "PC:PC.A.1", "--data-dir", str(out))
    assert "pairings-1.1.json" in r.stdout and "Drafted" not in r.stdout

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
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`crosswalk export case` of the packaged data: MA.json, JFF.json, MAPLE.json and BPS.json."""
    from typer.testing import CliRunner

    from crosswalk_cli.cli import app

    out = tmp_path_factory.mktemp("exported")
    for extra in ([], ["--framework", "BPS"]):
        r = CliRunner().invoke(app, ["export", "case", "--out", str(out), *extra])
        assert r.exit_code == 0, r.stderr
    return out


def items_of(invoke: Invoke, framework: str, *extra: str) -> list[dict[str, object]]:
    r = invoke("items", framework, "--json", *extra)
    assert r.exit_code == 0 and r.stderr == "", r.stderr
    items: list[dict[str, object]] = json.loads(r.stdout)["items"]
    return items


def test_our_own_export_round_trips_exactly(
    invoke: Invoke, exported: Path, tmp_path: Path, cw: Maple
) -> None:
    """export case, import case, export case: the data as it was, byte-identical packages, and every MAPLE
    answer the same from the imported directory alone as from the packaged data."""
    back, second = tmp_path / "back", tmp_path / "second"
    names = ["MA.json", "JFF.json", "MAPLE.json", "BPS.json"]
    r = invoke("import", "case", *(str(exported / n) for n in names), "--out", str(back))
    assert r.exit_code == 0, r.stderr
    written = ("MA.yaml", "JFF.yaml", "BPS.yaml", "MAPLE.yaml")
    assert r.stderr.splitlines() == [f"crosswalk: wrote {back / n}" for n in written]
    packaged = {"MA": "standards", "JFF": "competencies", "BPS": "bps", "MAPLE": "alignments"}
    for ident, name in packaged.items():
        assert same_model(default_data_dir() / f"{name}.yaml", back / f"{ident}.yaml"), ident
    for extra in ([], ["--framework", "BPS"]):
        assert (
            invoke(
                "export", "case", "--out", str(second), "--data-dir", str(back), "--no-packaged", *extra
            ).exit_code
            == 0
        )
    for name in names:
        assert (second / name).read_bytes() == (exported / name).read_bytes(), name
    for args in (
        *(["standard", sid] for sid in [*cw.standards, *cw.standard_indicators]),
        *(["competency", cid] for cid in [*cw.competencies, *cw.indicators]),
        *(["theme", code] for code in cw.themes),
        ["errata"],
        ["matrix"],
        ["search", "data"],
        ["standards"],
        ["competencies"],
        ["themes"],
        ["item", "BPS:2.3"],
        ["errata", "--framework", "BPS"],
    ):
        here = invoke(*args, "--json")
        there = invoke(*args, "--json", "--data-dir", str(back), "--no-packaged")
        assert here.exit_code == 0 and here.stdout == there.stdout, args
    for args in (["standard", "1b"], ["competency", "VVC.3.a"], ["theme", "EI"], ["errata"], ["matrix"]):
        for fmt in ("table", "csv", "markdown"):
            here = invoke(*args, "-f", fmt)
            assert here.stdout == invoke(*args, "-f", fmt, "--data-dir", str(back), "--no-packaged").stdout
            assert here.stdout == invoke(*args, "-f", fmt, "--data-dir", str(back)).stdout  # beside it


def test_our_export_read_as_another_tool_would(invoke: Invoke, exported: Path, tmp_path: Path) -> None:
    """Without our extensions (as a tool that drops them would give them back), the packages still make
    frameworks with the same items and texts (an item's parts: items under it, coded after it), and a
    crosswalk with the same links and relations."""
    from crosswalk_cli.loader import load_all

    data = load_all()
    plain = tmp_path / "plain"
    plain.mkdir()
    for name in ("MA.json", "JFF.json", "MAPLE.json"):
        package = json.loads((exported / name).read_text("utf-8"))
        for thing in [package["CFDocument"], *package.get("CFItems", []), *package["CFAssociations"]]:
            thing.pop("extensions", None)
        (plain / name).write_text(json.dumps(package, indent=2, ensure_ascii=False), "utf-8")
    out = tmp_path / "out"
    r = invoke("import", "case", *(str(p) for p in sorted(plain.iterdir())), "--out", str(out))
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["LCLCPE-MPSAL.yaml", "LCLCPE.yaml", "MPSAL.yaml"]
    doc = json.loads(invoke("frameworks", "--data-dir", str(out), "--no-packaged", "--json").stdout)
    assert [
        (c["id"], c["from"], c["to"], c["counts"], c["links"], c["drafted"]) for c in doc["crosswalks"]
    ] == [("LCLCPE-MPSAL", "LCLCPE", "MPSAL", {"primary": 109, "additional": 348}, 457, 0)]
    for packaged, imported in (("MA", "MPSAL"), ("JFF", "LCLCPE")):
        parts = {i.code: i.parts for i in data.framework(packaged).items}
        ours = items_of(invoke, packaged)
        theirs = items_of(invoke, imported, "--data-dir", str(out))
        expected = []
        for i in ours:
            expected.append((f"{imported}:{i['code']}", i["code"], i["depth"]))
            codes = [f"{i['code']}.{part.label}" for part in parts[str(i["code"])]]
            expected += [(f"{imported}:{c}", c, int(str(i["depth"])) + 1) for c in codes]
        assert [(i["id"], i["code"], i["depth"]) for i in theirs] == expected
        theirs = [i for i in theirs if i["code"] in parts]  # the items, their parts apart
        for mine, back in zip(ours, theirs, strict=True):
            text, got = str(mine["text"]), str(back["text"])
            if not text:  # a competency with a title only: CASE needs a full statement, the title
                assert (back["title"], got) == ("", mine["title"]), mine["code"]
                continue
            assert back["title"] == mine["title"], mine["code"]
            assert got == text, mine["code"]
    r = invoke("item", "MPSAL:1b", "--data-dir", str(out), "--json")
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
    assert [f["id"] for f in doc["frameworks"]] == ["MA", "JFF", "WLS", "PC", "BPS"]  # by crosswalk
    r = invoke("standard", "1b", "--data-dir", str(data_copy), "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["counts"] == {"primary": 5, "additional": 25}


# --- naming the frameworks ------------------------------------------------------------------------------


def test_id_renames_a_framework_and_its_crosswalks(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = invoke("import", "case", *PACKAGES, "--out", str(out), "--id", "wls=Way", "--id", "PC=Coach")
    assert r.exit_code == 0, r.stderr
    names = ["Way.yaml", "Coach.yaml", "Coach-Way.yaml", "Way-Coach.yaml"]
    assert r.stderr.splitlines()[:4] == [f"crosswalk: wrote {out / n}" for n in names]
    doc = json.loads(invoke("frameworks", "--data-dir", str(out), "--no-packaged", "--json").stdout)
    assert [f["id"] for f in doc["frameworks"]] == ["Way", "Coach"]
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


def test_our_bps_export_imports_back_as_bps(invoke: Invoke, exported: Path, tmp_path: Path) -> None:
    """BPS keeps its own id (its title alone would make USBLC); --id names it otherwise."""
    package = str(exported / "BPS.json")
    r = invoke("import", "case", package, "--out", str(tmp_path / "plain"))
    assert r.exit_code == 0 and r.stderr == f"crosswalk: wrote {tmp_path / 'plain' / 'BPS.yaml'}\n"
    ours = items_of(invoke, "BPS")
    back = items_of(invoke, "BPS", "--data-dir", str(tmp_path / "plain"))
    assert back == ours and len(ours) == 20
    r = invoke("import", "case", package, "--out", str(tmp_path / "named"), "--id", "bps=Boston")
    assert r.exit_code == 0 and r.stderr == f"crosswalk: wrote {tmp_path / 'named' / 'Boston.yaml'}\n"
    named = items_of(invoke, "Boston", "--data-dir", str(tmp_path / "named"))
    assert [(i["id"], i["text"]) for i in named] == [(f"Boston:{i['code']}", i["text"]) for i in ours]
    # the draft's date travels as its statusStartDate, and the renamed document keeps its identity
    frameworks = json.loads(invoke("frameworks", "--data-dir", str(tmp_path / "named"), "--json").stdout)
    assert frameworks["frameworks"][-1]["date"] == "2017-03-20"
    again = tmp_path / "again"
    assert (
        invoke(
            "export",
            "case",
            "--framework",
            "Boston",
            "--data-dir",
            str(tmp_path / "named"),
            "--out",
            str(again),
        ).exit_code
        == 0
    )
    first = json.loads(Path(package).read_text("utf-8"))
    second = json.loads((again / "Boston.json").read_text("utf-8"))
    assert second["CFDocument"]["identifier"] == first["CFDocument"]["identifier"]
    assert [i["identifier"] for i in second["CFItems"]] == [i["identifier"] for i in first["CFItems"]]
    assert (second["CFDocument"]["statusStartDate"], second["CFDocument"]["lastChangeDateTime"]) == (
        "2017-03-20",
        first["CFDocument"]["lastChangeDateTime"],
    )


ID = "crosswalk: error: Invalid value for --id: "
HELP = " import case --help')"  # the runner calls the program 'root'; a shell, 'crosswalk'


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["X"], "'X': give ID=NEW, as in WLS=Way"),
        (["=B"], "'=B': give ID=NEW, as in WLS=Way"),
        (["WLS="], "'WLS=': give ID=NEW, as in WLS=Way"),
        (["WLS=A", "wls=B"], "'wls' is renamed twice"),
        (["FOO=B"], "no document would be named 'FOO' (the ids are PC, WLS)"),
        (["WLS=9x"], "'9x' is not an id: a letter, then at most 15 letters, digits or _"),
        (["WLS=A" + "b" * 16], f"'A{'b' * 16}' is not an id: a letter, then at most 15 letters, digits or _"),
        (["WLS=a b"], "'a b' is not an id: a letter, then at most 15 letters, digits or _"),
        # no '-': crosswalk files are {from}-{to}, and A-B to C must not be A to B-C
        (["WLS=A-B"], "'A-B' is not an id: a letter, then at most 15 letters, digits or _"),
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


def test_id_names_only_what_the_packages_hold(invoke: Invoke, exported: Path, tmp_path: Path) -> None:
    packages = [str(exported / n) for n in ("MA.json", "JFF.json", "MAPLE.json")]
    r = invoke("import", "case", *packages, "--out", str(tmp_path / "out"), "--id", "BPS=B")
    assert r.exit_code == 2
    assert (
        one_line(r.stderr)
        == f"{ID}no document would be named 'BPS' (the ids are JFF, MA) (see 'crosswalk{HELP}"
    )
    # beside other packages, a new id may not take theirs
    bps = str(exported / "BPS.json")
    r = invoke("import", "case", *packages, bps, "--out", str(tmp_path / "out"), "--id", "BPS=jff")
    assert r.exit_code == 2
    assert "two frameworks would both be named 'jff' and 'JFF' (ids ignore case)" in one_line(r.stderr)
    assert not (tmp_path / "out").exists()
    r = invoke("import", "case", *packages, "--out", str(tmp_path / "out"), "--id", "ma=MASS")
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["JFF.yaml", "MAPLE.yaml", "MASS.yaml"]
    r = invoke("standard", "1b", "--json", "--data-dir", str(tmp_path / "out"), "--no-packaged")
    assert r.stdout == invoke("standard", "1b", "--json").stdout


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
    assert refused(invoke, out, str(bps / "BPS.json"), "--id", "BPS=PC") == (
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


def test_a_data_file_of_the_directory_is_never_doubled(
    invoke: Invoke, data_copy: Path, exported: Path
) -> None:
    """Our export imported into a directory that holds the same frameworks under other file names: the load
    check refuses, one line, nothing written."""
    line = refused(invoke, data_copy, *(str(p) for p in sorted(exported.iterdir())))
    assert line == (
        f"crosswalk: error: {data_copy / 'bps.yaml'}: is named BPS.yaml but for case, one file on some "
        "systems: nothing was written (rename it, or use another --out)"
    )
    packages = [str(exported / n) for n in ("MA.json", "JFF.json", "MAPLE.json")]
    line = refused(invoke, data_copy, *packages)
    assert line.startswith(
        f"crosswalk: error: {data_copy / 'alignments.yaml'}: crosswalk id 'MAPLE' is taken by "
    )
    assert line.endswith(" (and 2 more)")


def test_an_earlier_import_of_our_crosswalk_is_replaced_unless_reviewed(
    invoke: Invoke, exported: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    packages = [str(exported / n) for n in ("MA.json", "JFF.json", "MAPLE.json")]
    assert invoke("import", "case", *packages, "--out", str(out)).exit_code == 0
    first = tree(out)
    path = out / "MAPLE.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("impact all indicators", "impact every indicator", 1), "utf-8")
    assert invoke("import", "case", *packages, "--out", str(out)).exit_code == 0
    assert tree(out) == first
    path.write_text(text.replace("links:\n", "reviewed: [VVC.4.a]\nlinks:\n", 1), "utf-8")
    assert refused(invoke, out, *packages).startswith(f"crosswalk: error: {path}: is already there")


def test_a_crosswalk_beside_our_export_links_to_its_items(
    invoke: Invoke, data_copy: Path, tmp_path: Path
) -> None:
    """Packages exported one by one (a framework, a crosswalk, the first crosswalk) import together: the
    crosswalks link the frameworks' items, and keep their relations in their own order."""
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
        "BPS-MA.json",
        "BPS.json",
        "JFF.json",
        "MA.json",
        "MAPLE.json",
    ]
    out = tmp_path / "out"
    r = invoke("import", "case", *sorted(str(p) for p in exp.iterdir()), "--out", str(out))
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "BPS-MA.yaml",
        "BPS.yaml",
        "JFF.yaml",
        "MA.yaml",
        "MAPLE.yaml",
    ]
    assert same_model(data_copy / "bps-ma.yaml", out / "BPS-MA.yaml")
    r = invoke("item", "MA:1a", "--data-dir", str(out), "--no-packaged", "--json")
    links = [(k["crosswalk"], k["relation"], k["item"]["id"]) for k in json.loads(r.stdout)["links"]]
    assert ("BPS-MA", "zeta", "BPS:1.1") in links
    doc = json.loads(invoke("frameworks", "--data-dir", str(out), "--no-packaged", "--json").stdout)
    assert [(c["id"], c["counts"]) for c in doc["crosswalks"]] == [
        ("BPS-MA", {"zeta": 1, "additional": 1, "alpha": 1, "primary": 1}),
        ("MAPLE", {"primary": 109, "additional": 348}),
    ]
    # the crosswalk without BPS's own package: its links have one end imported, and are kept as notes of MA
    packages = [str(exp / n) for n in ("BPS-MA.json", "JFF.json", "MA.json", "MAPLE.json")]
    r = invoke("import", "case", *packages, "--out", str(tmp_path / "some"))
    assert r.exit_code == 0, r.stderr
    notes = yaml.safe_load((tmp_path / "some" / "MA.yaml").read_text("utf-8"))["source_notes"]
    assert [n["where"] for n in notes if n["kind"] == "external_association"] == ["1a", "1e", "1b", "2a"]


def test_the_same_document_twice_is_refused(
    invoke: Invoke, tmp_path: Path, exported: Path, data_copy: Path
) -> None:
    theirs = tmp_path / "theirs"
    assert invoke("export", "case", "--data-dir", str(data_copy), "--out", str(theirs)).exit_code == 0
    for other in (theirs, exported):  # another copy of the same data, or the very same files
        both = [str(d / n) for d in (exported, other) for n in ("MA.json", "JFF.json", "MAPLE.json")]
        r = invoke("import", "case", *both, "--out", str(tmp_path / "out"))
        assert r.exit_code == 1 and not (tmp_path / "out").exists()
        assert one_line(r.stderr).startswith(f"crosswalk: error: {other / 'MA.json'}: identifier ")
        assert f"(CFDocument) is also in {exported / 'MA.json'} (CFDocument)" in r.stderr


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
    doc = json.loads(
        invoke("frameworks", "--data-dir", str(tmp_path / "out"), "--no-packaged", "--json").stdout
    )
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
