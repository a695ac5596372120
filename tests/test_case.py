"""CASE 1.1 packages: valid against the CFPackage rules (tests/schemas), linked up, reproducible, for any
framework and crosswalk."""

from __future__ import annotations

import copy
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .conftest import YOURS, Invoke
from .maple import Maple
from .test_export import district

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "case-1.1-cfpackage.schema.json").read_text(encoding="utf-8")
)
# RFC 3986 absolute URI: a scheme, then only URI characters.
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
FILES = ("MA.json", "JFF.json", "MAPLE.json")  # the first crosswalk's target, source, and itself


def _uri(value: object) -> bool:
    if not isinstance(value, str) or not URI.match(value):
        return False
    parts = urlsplit(value)
    return bool(parts.netloc) if parts.scheme in ("http", "https") else True


def _date_time(value: object) -> bool:
    if not isinstance(value, str) or not DATE_TIME.match(value):
        return False
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


def _date(value: object) -> bool:
    return (
        isinstance(value, str)
        and re.fullmatch(r"\d{4}-\d\d-\d\d", value) is not None
        and bool(date.fromisoformat(value))
    )


def _int32(value: object) -> bool:
    return not isinstance(value, int) or -(2**31) <= value < 2**31


FORMATS = jsonschema.FormatChecker(formats=())
for _name, _check in (("uri", _uri), ("date-time", _date_time), ("date", _date), ("int32", _int32)):
    FORMATS.checks(_name, raises=(ValueError,))(_check)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=FORMATS)


def problems(package: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(package)]


def same_model(a: Path, b: Path) -> bool:
    """Whether two data files say the same, but for the CASE identity an import records in the header."""
    from crosswalk_cli.loader import read_file
    from crosswalk_cli.model import plain

    def said(path: Path) -> str:
        record = plain(read_file(path, path.read_bytes()))
        record["header"]["extra"] = {
            k: v for k, v in record["header"]["extra"].items() if k not in ("case_identifier", "case_uri")
        }
        return json.dumps(record, sort_keys=True)

    return said(a) == said(b)


def export(
    invoke: Invoke, out: Path, *extra: str, files: tuple[str, ...] = FILES
) -> dict[str, dict[str, Any]]:
    result = invoke("export", "case", "--out", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [f"crosswalk: wrote {out / n}" for n in files]
    assert sorted(p.name for p in out.iterdir()) == sorted(files)
    return {name: json.loads((out / name).read_text(encoding="utf-8")) for name in files}


@pytest.fixture()
def case(invoke: Invoke, tmp_path: Path) -> dict[str, dict[str, Any]]:
    return export(invoke, tmp_path / "case")


def test_the_schema_catches_what_case_1_1_forbids(case: dict[str, dict[str, Any]]) -> None:
    """The test's schema is no rubber stamp: each mutation below is a real CASE 1.1 violation."""
    VALIDATOR.check_schema(SCHEMA)
    good = case["MAPLE.json"]

    def broken(change: Any) -> list[str]:
        package = copy.deepcopy(good)
        change(package)
        return problems(package)

    mutations = {
        "CFDocumentURI (a CASE 1.0 field)": lambda p: p["CFAssociations"][0].update(
            CFDocumentURI=p["CFDocument"]["licenseURI"]
        ),
        "an unknown top-level key": lambda p: p.update(CFDocuments=[]),
        "a missing required field": lambda p: p["CFAssociations"][0].pop("originNodeURI"),
        "an uppercase identifier": lambda p: p["CFDocument"].update(
            identifier=p["CFDocument"]["identifier"].upper()
        ),
        "a version-5 UUID with a bad variant": lambda p: p["CFDocument"].update(
            identifier="08ba5825-a26d-5337-cdd8-4a8e9d82272a"
        ),
        "a uri with a space": lambda p: p["CFDocument"].update(uri="urn:uuid:not a uri"),
        "a relative uri": lambda p: p["CFDocument"].update(uri="/uri/x"),
        "a date without time": lambda p: p["CFDocument"].update(lastChangeDateTime="2018-07-01"),
        "an association type outside the vocabulary": lambda p: p["CFAssociations"][0].update(
            associationType="isAlignedTo"
        ),
        "a sequence number beyond int32": lambda p: p["CFAssociations"][0].update(sequenceNumber=2**31),
        "a caseVersion of 1.0": lambda p: p["CFDocument"].update(caseVersion="1.0"),
        "an extra key in a link": lambda p: p["CFAssociations"][0]["originNodeURI"].update(targetType="x"),
    }
    for what, change in mutations.items():
        assert broken(change), what
    extended = copy.deepcopy(good)
    extended["CFAssociations"][0]["associationType"] = "ext:hasAlignment"
    extended["CFAssociations"][0]["originNodeURI"]["targetType"] = "CASE"
    assert problems(extended) == []


@pytest.mark.parametrize("base", [None, "https://case.example.org/uri", "http://localhost:8000/case/"])
def test_every_package_follows_case_1_1(invoke: Invoke, tmp_path: Path, base: str | None) -> None:
    packages = export(invoke, tmp_path / "case", *(["--base-uri", base] if base else []))
    for name, package in packages.items():
        assert problems(package) == [], name
    uris = [
        x["uri"]
        for p in packages.values()
        for x in [p["CFDocument"], *p.get("CFItems", []), *p["CFAssociations"]]
    ]
    if base is None:
        assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", u) for u in uris)
    else:
        assert all(u == f"{base.rstrip('/')}/{u.rsplit('/', 1)[1]}" for u in uris)
    for p in packages.values():
        for x in [p["CFDocument"], *p.get("CFItems", []), *p["CFAssociations"]]:
            assert x["uri"].endswith(x["identifier"])


def test_links_resolve_within_the_three_packages(case: dict[str, dict[str, Any]], cw: Maple) -> None:
    nodes: dict[str, dict[str, Any]] = {}
    for package in case.values():
        nodes[package["CFDocument"]["identifier"]] = package["CFDocument"]
        nodes.update({x["identifier"]: x for x in package.get("CFItems", [])})
        definitions = package["CFDefinitions"]
        nodes.update({x["identifier"]: x for kind in definitions.values() for x in kind})
    for package in case.values():
        for item in package.get("CFItems", []):
            assert nodes[item["CFItemTypeURI"]["identifier"]]["title"] == item["CFItemType"]
        for assoc in package["CFAssociations"]:
            for end in ("originNodeURI", "destinationNodeURI", "CFAssociationGroupingURI"):
                if end in assoc:
                    ref = assoc[end]
                    assert ref["uri"] == nodes[ref["identifier"]]["uri"], ref
    standards, competencies, crosswalk = (case[n] for n in FILES)
    assert standards["CFItems"][1]["alternativeLabel"] == "I-A"
    elements = sum(len(i.elements) for i in cw.standard_indicators.values())  # CFItems of their own
    assert elements == 6
    assert len(standards["CFItems"]) == len(cw.standards) + len(cw.standard_indicators) + elements
    subitems = sum(len(i.subitems) for i in cw.indicators.values())
    assert (
        len(competencies["CFItems"]) == len(cw.domains) + len(cw.competencies) + len(cw.indicators) + subitems
    )
    assert "CFItems" not in crosswalk
    assert len(crosswalk["CFAssociations"]) == 109 + 348
    groups = {g["identifier"]: g["title"] for g in crosswalk["CFDefinitions"]["CFAssociationGroupings"]}
    counted: dict[str, int] = {}
    for assoc in crosswalk["CFAssociations"]:
        assert assoc["associationType"] == "isRelatedTo"
        title = groups[assoc["CFAssociationGroupingURI"]["identifier"]]
        counted[title] = counted.get(title, 0) + 1
    assert counted == {"Directly aligned (primary)": 109, "Also supports this indicator (additional)": 348}
    themed = next(x for x in competencies["CFItems"] if x["humanCodingScheme"] == "VVC.4.c")
    assert themed["conceptKeywords"] == ["Equity and Inclusion", "Learner-Centered Approaches"]
    assert themed["extensions"] == {"crosswalk-cli": {"tags": ["EI", "LC"]}}  # what CASE has no field for
    parts = next(x for x in competencies["CFItems"] if x["humanCodingScheme"] == "VVC.3.a")
    ind = cw.indicators["VVC.3.a"]
    assert parts["fullStatement"] == ind.text  # its sub-items: items under it
    assert "text" not in parts["extensions"]["crosswalk-cli"]
    under = [a["originNodeURI"]["identifier"] for a in competencies["CFAssociations"]
             if a["destinationNodeURI"]["identifier"] == parts["identifier"]]  # fmt: skip
    subs = [nodes[u] for u in under]
    assert [(x["humanCodingScheme"], x["listEnumeration"], x["fullStatement"]) for x in subs] == [
        ("VVC.3.a.i", "i", ind.subitems[0]),
        ("VVC.3.a.ii", "ii", ind.subitems[1]),
    ]
    assert all(x["extensions"] == {"crosswalk-cli": {"part": True}} for x in subs)
    header = competencies["CFDocument"]["extensions"]["crosswalk-cli"]["framework"]
    assert (
        header["id"] == "JFF"
        and "title" not in header
        and header["levels"][0] == {"name": "domain", "grouping": True}
    )
    concepts = competencies["CFDefinitions"]["CFConcepts"]
    assert len(concepts) == 6 and all(c["keywords"].count("|") == 1 for c in concepts)
    assert standards["CFDefinitions"]["CFLicenses"][0]["title"] == "CC BY 4.0"
    # Each hierarchy reaches its document through isChildOf.
    for package in (standards, competencies):
        parent = {
            a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["identifier"]
            for a in package["CFAssociations"]
        }
        for item in package["CFItems"]:
            node, steps = item["identifier"], 0
            while node in parent and steps < 5:
                node, steps = parent[node], steps + 1
            assert node == package["CFDocument"]["identifier"], item["humanCodingScheme"]


@pytest.mark.parametrize("extra", [(), ("--base-uri", "https://case.example.org/uri")])
def test_case_export_is_byte_identical_across_runs(
    invoke: Invoke, tmp_path: Path, extra: tuple[str, ...]
) -> None:
    export(invoke, tmp_path / "a", *extra)
    export(invoke, tmp_path / "b", *extra)
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize(
    "base",
    [
        "case.example.org",
        "ftp://case.example.org/uri",
        "https://",
        "https:///uri",
        "https://case.example.org/u ri",
        "https://case.example.org/uri?x=1",
        "https://case.example.org/uri#top",
        'https://case.example.org/"uri"',
        "https://[::1/uri",
        "https://case.example.org/" + "x" * 5000 + "\x1b[2J",
    ],
)
def test_a_bad_base_uri_is_one_clear_error_and_writes_nothing(
    invoke: Invoke, tmp_path: Path, base: str
) -> None:
    result = invoke("export", "case", "--out", str(tmp_path / "case"), "--base-uri", base)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("crosswalk: error: --base-uri ")
    assert "absolute http(s) URL" in lines[0] and len(lines[0]) < 300 and "\x1b" not in lines[0]
    assert not (tmp_path / "case").exists()


def test_one_framework_as_one_package(invoke: Invoke, tmp_path: Path) -> None:
    """`export case --framework BPS`: Boston's draft alone, valid CASE 1.1, its tree and texts whole;
    importing it back gives the same framework, under its own id."""
    from crosswalk_cli.datadir import default_data_dir
    from crosswalk_cli.loader import load_all

    out = tmp_path / "out"
    package = export(invoke, out, "--framework", "bps", files=("BPS.json",))["BPS.json"]
    assert problems(package) == []
    bps = load_all().framework("BPS")
    items = {i["humanCodingScheme"]: i for i in package["CFItems"]}
    assert list(items) == [i.code for i in bps.items]
    for item in bps.items:
        assert items[item.code]["fullStatement"] == item.text
        assert items[item.code].get("abbreviatedStatement") == (item.title or None)
    parents = {
        a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["identifier"]
        for a in package["CFAssociations"]
    }
    by_id = {i["identifier"]: code for code, i in items.items()}
    for item in bps.items:
        parent = parents[items[item.code]["identifier"]]
        assert by_id.get(parent) == item.parent  # the document itself for a top item
    document = package["CFDocument"]
    assert (document["adoptionStatus"], document["version"], document["statusStartDate"]) == (
        "Draft",
        "4",
        "2017-03-20",
    )
    assert document["notes"].startswith("Why did we build these competencies?:\nTo provide a guide")
    back = tmp_path / "back"
    result = invoke("import", "case", str(out / "BPS.json"), "--out", str(back))
    assert result.exit_code == 0 and result.stderr == f"crosswalk: wrote {back / 'BPS.yaml'}\n"
    assert same_model(default_data_dir() / "bps.yaml", back / "BPS.yaml")
    again = export(
        invoke,
        tmp_path / "again",
        "--framework",
        "BPS",
        "--data-dir",
        str(back),
        "--no-packaged",
        files=("BPS.json",),
    )
    assert (tmp_path / "again" / "BPS.json").read_bytes() == (out / "BPS.json").read_bytes(), again


def test_unknown_ids_and_both_options_are_one_line_and_write_nothing(invoke: Invoke, tmp_path: Path) -> None:
    for extra, message in (
        (
            ["--framework", "NOPE"],
            "no framework 'NOPE'; the frameworks are MA, JFF, BPS" + YOURS,
        ),
        (
            ["--crosswalk", "NOPE"],
            "no crosswalk 'NOPE'; the crosswalks are MAPLE" + YOURS,
        ),
        (
            ["--framework", "MA", "--crosswalk", "MAPLE"],
            "Invalid value for --framework: give --framework or "
            "--crosswalk, not both (see 'crosswalk export case --help')",
        ),
    ):
        result = invoke("export", "case", *extra, "--out", str(tmp_path / "x"))
        assert result.exit_code == 2 and result.stderr == f"crosswalk: error: {message}\n", result.stderr
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "bps.yaml").write_bytes((Path(__file__).parents[1] / "data" / "bps.yaml").read_bytes())
    result = invoke("export", "case", "--out", str(tmp_path / "x"), "--data-dir", str(alone), "--no-packaged")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "the data has none" in result.stderr
    assert not (tmp_path / "x").exists()


def test_a_district_crosswalk_as_packages(invoke: Invoke, tmp_path: Path) -> None:
    """Any crosswalk, one path: valid packages, byte-identical twice, and back from CASE as it was, beside
    the packaged data or alone."""
    data = district(tmp_path / "data")
    files = ("MA.json", "DIST.json", "DIST-MA.json")
    first = export(invoke, tmp_path / "a", "--crosswalk", "dist-ma", "--data-dir", str(data), files=files)
    export(invoke, tmp_path / "b", "--crosswalk", "dist-ma", "--data-dir", str(data), files=files)
    for name, package in first.items():
        assert problems(package) == [], name
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    crosswalk = first["DIST-MA.json"]
    assert [g["title"] for g in crosswalk["CFDefinitions"]["CFAssociationGroupings"]] == [
        "Strong match",
        "weak",
    ]
    back = tmp_path / "back"
    packages = [str(tmp_path / "a" / n) for n in files]
    result = invoke("import", "case", *packages, "--out", str(back))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in back.iterdir()) == ["DIST-MA.yaml", "DIST.yaml", "MA.yaml"]
    assert same_model(data / "dist.yaml", back / "DIST.yaml")
    assert same_model(data / "dist-ma.yaml", back / "DIST-MA.yaml")
    for args in (
        ["export", "markdown", "--crosswalk", "DIST-MA"],
        ["item", "DIST:A.1", "--json"],
        ["errata", "--crosswalk", "DIST-MA", "--json"],
    ):
        here = invoke(*args, "--data-dir", str(data))
        for there in (
            invoke(*args, "--data-dir", str(back)),
            invoke(*args, "--data-dir", str(back), "--no-packaged"),
        ):
            assert there.stdout == here.stdout and here.exit_code == 0, args
    export(
        invoke,
        tmp_path / "c",
        "--crosswalk",
        "dist-ma",
        "--data-dir",
        str(back),
        "--no-packaged",
        files=files,
    )
    for name in files:
        assert (tmp_path / "c" / name).read_bytes() == (tmp_path / "a" / name).read_bytes(), name
