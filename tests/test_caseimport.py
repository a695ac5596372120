"""CASE packages in: generic framework and crosswalk files out (caseimport)."""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from crosswalk_cli.datadir import default_data_dir
from crosswalk_cli.errors import CrosswalkError, ExitStatus
from crosswalk_cli.exchange.caseimport import MAX_BYTES, CaseImportError, import_packages
from crosswalk_cli.exchange.caseimport.naming import base_id, unique_ids
from crosswalk_cli.loader.crosswalks import ENTRY_FIELDS, PROVENANCE_FIELDS
from crosswalk_cli.loader.frameworks import ITEM_FIELDS
from crosswalk_cli.loader.headers import CROSSWALK_FIELDS, FRAMEWORK_FIELDS

from .test_case import same_model

FIXTURES = Path(__file__).parent / "fixtures" / "case"
WAYFINDING = FIXTURES / "wayfinding-1.1.json"
PEERS = FIXTURES / "peer-coaching-1.0.json"
PAIRINGS = FIXTURES / "pairings-1.1.json"
EXTERNAL_ITEM = "0c5e2f1a-6b7d-4e8f-9a01-b2c3d4e5f607"
EXTERNAL_DOCUMENT = "7d1e3c5b-9a2f-4b6d-8e0c-1f2a3b4c5d6e"

# The keys the data format allows (docs/data-format.md), by place; the loader refuses anything else.
FRAMEWORK_KEYS = {"framework", "notes", "source_notes", "items", "tags", "phrases"}
CROSSWALK_KEYS = {"crosswalk", "links", "phrases", "errata_kinds", "coverage", "source_notes", "reviewed"}
HEADER = {"id", "title", "publisher", "license", "license_url"}


def imported(*paths: Path) -> dict[str, Any]:
    return {name: yaml.safe_load(text) for name, text in import_packages(list(paths)).items()}


def walk(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        out.append(item)
        out += walk(item.get("items", []))
    return out


def shape(items: list[dict[str, Any]]) -> list[Any]:
    """The tree as codes: a leaf is its code, a parent (code, [children])."""
    return [(i["code"], shape(i["items"])) if "items" in i else i["code"] for i in items]


def check_generic(data: dict[str, Any]) -> None:
    """Only keys the data format knows, in the places it knows them."""
    if "framework" in data:
        assert set(data) <= FRAMEWORK_KEYS
        assert set(data["framework"]) <= {*HEADER, *FRAMEWORK_FIELDS, "levels"}
        assert {"id", "title", "publisher", "license", "levels"} <= set(data["framework"])
        for item in walk(data["items"]):
            assert set(item) <= {"code", *ITEM_FIELDS} and "code" in item and {"text", "title"} & set(item)
            assert set(item.get("tags", [])) <= {t["code"] for t in data.get("tags", [])}
        for note in data.get("source_notes", []):
            assert set(note) == {"kind", "where", "note"}
        codes = [i["code"] for i in walk(data["items"])]
        assert len(codes) == len(set(codes))
    else:
        assert set(data) <= CROSSWALK_KEYS and {"crosswalk", "links"} <= set(data)
        assert set(data["crosswalk"]) <= {*HEADER, *CROSSWALK_FIELDS, "from", "to", "relations"}
        names = [r if isinstance(r, str) else r["name"] for r in data["crosswalk"]["relations"]]
        for link in data["links"]:
            assert set(link) <= {"source", *ENTRY_FIELDS, *names}
            assert set(link.get("provenance", {})) <= set(PROVENANCE_FIELDS)
            assert link.get("relation", names[0]) in names


# --- The fixtures -----------------------------------------------------------------------------


def test_case_1_1_document_becomes_a_framework() -> None:
    files = imported(WAYFINDING)
    assert list(files) == ["WLS.yaml"]
    data = files["WLS.yaml"]
    check_generic(data)
    fw = data["framework"]
    assert fw == {
        "id": "WLS",  # the script capital L of the title folds to L
        "title": "Wayfinding 𝓛eadership Standards",
        "publisher": "Example Board of Education",
        "license": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "version": "2.0",
        "status": "draft",
        "date": "2024-05-01",
        "levels": ["Domain", "Standard", "Indicator"],
        "case_identifier": "d07992c1-639a-51f3-b078-fadf2e2aa18f",
        "case_uri": "https://standards.example.edu/uri/d07992c1-639a-51f3-b078-fadf2e2aa18f",
    }
    uncoded = "6f8c9329-3014-5015-8178-f063b28a7e57"  # no humanCodingScheme, no listEnumeration
    # sequenceNumber orders W.1 before W.2 and W.1.1 before b (the package lists them the other way);
    # W.2's children have none, so they keep package order. 'b' is a listEnumeration standing in for a code.
    assert shape(data["items"]) == [("W.1", ["W.1.1", "b"]), ("W.2", [("W.2.1", [uncoded]), "W.2.2"])]
    items = {i["code"]: i for i in walk(data["items"])}
    assert items["W.1"]["title"] == "Purpose"
    assert "title" not in items["W.2.1"]  # abbreviatedStatement equal to fullStatement
    assert (
        items["W.1.1"]["text"]
        == "Build a shared vision:\n\n- with *students*,\n- with families, and\n- with staff."
    )
    assert "| all | 120 |" in items[uncoded]["text"] and items[uncoded]["text"].endswith("📊.")
    assert items["b"]["text"].endswith("(中文, Español, 𐐷𐐯𐑅𐐨𐑉𐐯𐐻).")
    assert items[uncoded]["case_identifier"] == uncoded
    assert (
        items["W.2.2"]["case_uri"] == f"https://standards.example.edu/uri/{items['W.2.2']['case_identifier']}"
    )
    # A list of keywords, and a '|'-separated one inside the list; 'equity' is a keyword of concept EQ.
    assert items["W.1"]["tags"] == ["EQ", "Vision"]
    assert items["W.1.1"]["tags"] == ["EQ", "Community"]
    assert data["tags"] == [
        {"code": "EQ", "name": "Equity", "description": "Each learner gets what they need."},
        {"code": "Vision", "name": "Vision"},
        {"code": "Community", "name": "Community"},
    ]
    assert data["notes"][0]["text"].startswith("Standards for school leaders. *Draft*")
    assert {"kind": "case_note", "where": "W.2.2", "note": "Added in the 2024 revision."} in data[
        "source_notes"
    ]


def test_case_1_0_package_is_read_too() -> None:
    """OpenSALT's CASE 1.0 shape: CFPackageURI, CFDocumentURI on items and associations, '|' keywords,
    no sequence numbers (OpenSALT's order: codes in natural order), an item no isChildOf places (kept at
    the top, with a note)."""
    data = imported(PEERS)["PC.yaml"]
    check_generic(data)
    assert data["framework"]["id"] == "PC"  # every code begins with 'PC.'
    assert data["framework"]["license"] == "not stated"
    assert data["framework"]["publisher"] == "Peer Coaching Collaborative"  # the creator: no publisher
    assert shape(data["items"]) == [("PC.A", ["PC.A.1", "PC.A.2"]), ("PC.B", ["PC.B.1"]), "PC.C"]
    items = {i["code"]: i for i in walk(data["items"])}
    assert items["PC.B"]["tags"] == ["Feedback", "Trust"]
    assert items["PC.B.1"]["tags"] == ["Feedback", "Evidence"]  # 'Feedback | Evidence'
    assert "title" not in items["PC.A.1"]  # an empty abbreviatedStatement
    assert [t["code"] for t in data["tags"]] == ["Trust", "Evidence", "Feedback"]  # as met, in tree order
    orphan = data["source_notes"][-1]
    assert (orphan["kind"], orphan["where"]) == ("orphan", "PC.C")


def test_associations_between_documents_become_crosswalks() -> None:
    files = imported(WAYFINDING, PEERS, PAIRINGS)
    assert list(files) == ["WLS.yaml", "PC.yaml", "PC-WLS.yaml", "WLS-PC.yaml"]
    for data in files.values():
        check_generic(data)
    forward = files["PC-WLS.yaml"]
    assert forward["crosswalk"]["from"] == "PC" and forward["crosswalk"]["to"] == "WLS"
    assert forward["crosswalk"]["relations"] == ["exactMatchOf", "isPartOf", "isRelatedTo"]
    assert forward["crosswalk"]["title"] == "Peer Coaching Rubric (2016) to Wayfinding 𝓛eadership Standards"
    assert [(x["source"], x["target"], x["relation"]) for x in forward["links"]] == [
        ("PC.A.1", "W.1.1", "isRelatedTo"),
        ("PC.A.2", "6f8c9329-3014-5015-8178-f063b28a7e57", "exactMatchOf"),
        ("PC.B.1", "W.2", "isPartOf"),
    ]
    source = json.loads(PEERS.read_text(encoding="utf-8"))
    ids = [a["identifier"] for a in source["CFAssociations"] if a["associationType"] != "isChildOf"]
    assert [x["provenance"]["case_identifier"] for x in forward["links"]] == ids[:3]
    assert forward["links"][0]["provenance"]["method"] == "CASE 1.0 association in peer-coaching-1.0.json"
    # The crosswalk document (no items) names its crosswalk; another tool's grouping is recorded, its
    # associations keep their type.
    back = files["WLS-PC.yaml"]
    assert back["crosswalk"]["title"] == "Wayfinding to Peer Coaching: pairings"
    assert back["crosswalk"]["status"] == "published"
    assert back["crosswalk"]["relations"] == ["isRelatedTo", "ext:mentors"]
    assert [x["relation"] for x in back["links"]] == [
        "isRelatedTo",
        "ext:mentors",
        "isRelatedTo",
        "isRelatedTo",
    ]
    assert back["links"][0]["provenance"]["method"].endswith("grouping 'Directly aligned'")
    assert back["links"][2]["provenance"]["method"].endswith("grouping 'Draft pairs'")
    assert back["links"][0]["provenance"]["case_association_type"] == "isRelatedTo"
    # The exemplar points at a web page, outside every package: a note, not a link.
    notes = files["PC.yaml"]["source_notes"]
    assert [n["where"] for n in notes if n["kind"] == "external_association"] == ["PC.B"]


def test_external_associations_are_kept_as_notes() -> None:
    """Policy: one end outside the given packages -> a source note on the imported end's framework."""
    data = imported(WAYFINDING)["WLS.yaml"]
    external = [n for n in data["source_notes"] if n["kind"] == "external_association"]
    assert [n["where"] for n in external] == ["W.1.1", "W.2"]
    assert EXTERNAL_ITEM in external[0]["note"] and "'NAT.3'" in external[0]["note"]
    assert external[0]["note"].startswith("this isRelatedTo 'NAT.3'")
    assert EXTERNAL_DOCUMENT in external[1]["note"] and "exactMatchOf" in external[1]["note"]
    # The CASE 1.0 package alone: its links to the Wayfinding items become notes, none is lost.
    peers = imported(PEERS)["PC.yaml"]
    assert [n["where"] for n in peers["source_notes"] if n["kind"] == "external_association"] == [
        "PC.A.1",
        "PC.A.2",
        "PC.B.1",
        "PC.B",
    ]
    # A crosswalk document with one framework given: every link has one end inside, so notes again.
    alone = imported(WAYFINDING, PAIRINGS)
    assert list(alone) == ["WLS.yaml"]
    assert len([n for n in alone["WLS.yaml"]["source_notes"] if n["kind"] == "external_association"]) == 2 + 4


def test_fixtures_follow_the_case_1_1_schema() -> None:
    pytest.importorskip("jsonschema")
    from .test_case import problems

    for path in (WAYFINDING, PAIRINGS):
        assert problems(json.loads(path.read_text(encoding="utf-8"))) == [], path.name
    assert "caseVersion" not in json.loads(PEERS.read_text(encoding="utf-8"))["CFDocument"]


# --- Round trip: crosswalk export case -> import ----------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """`crosswalk export case` of the packaged data: MAPLE's three packages, and BPS's."""
    from typer.testing import CliRunner

    from crosswalk_cli.cli import app

    out = tmp_path_factory.mktemp("case")
    for extra in ([], ["--framework", "BPS"]):
        result = CliRunner().invoke(app, ["export", "case", "--out", str(out), *extra])
        assert result.exit_code == 0, result.stderr
    return [out / name for name in ("MA.json", "JFF.json", "MAPLE.json", "BPS.json")]


def test_our_export_imports_back_as_the_data_it_came_from(exported: list[Path], tmp_path: Path) -> None:
    files = import_packages(exported)
    assert list(files) == ["MA.yaml", "JFF.yaml", "BPS.yaml", "MAPLE.yaml"]  # ids kept
    for name, text in files.items():
        check_generic(yaml.safe_load(text))
        (tmp_path / name).write_text(text, "utf-8")
    packaged = {"MA": "standards", "JFF": "competencies", "BPS": "bps", "MAPLE": "alignments"}
    for ident, name in packaged.items():
        assert same_model(default_data_dir() / f"{name}.yaml", tmp_path / f"{ident}.yaml"), ident
    crosswalk = yaml.safe_load(files["MAPLE.yaml"])
    assert crosswalk["links"][4] == {
        "source": "VVC.3.a",
        "printed_label": "VVC.3.e",
        "primary": "1b",
        "additional": ["4a", "4d", "4e"],
        "errata": [
            {
                "kind": "printed_label",
                "printed": "VVC.3.e",
                "note": "Printed as VVC.3.e; its text is JFF "
                'indicator VVC.3.a ("Make learning the core of the mission...").',
            }
        ],
    }
    ma = yaml.safe_load(files["MA.yaml"])["items"][0]
    assert "case_identifier" not in ma and "case_uri" not in ma  # a new export makes the same ones


def test_a_renamed_framework_keeps_its_identity(exported: list[Path]) -> None:
    """--id names a framework yourself; its items keep the identifiers they were exported with, so a new
    export of the renamed data is the same CASE document, and its crosswalk follows it."""
    files = {n: yaml.safe_load(t) for n, t in import_packages(exported, {"ma": "MASS"}).items()}
    assert list(files) == ["MASS.yaml", "JFF.yaml", "BPS.yaml", "MAPLE.yaml"]
    mass = files["MASS.yaml"]
    package = json.loads(exported[0].read_text("utf-8"))
    assert mass["framework"]["case_identifier"] == package["CFDocument"]["identifier"]
    items = [i for i in package["CFItems"] if "part" not in i.get("extensions", {}).get("crosswalk-cli", {})]
    assert [i["case_identifier"] for i in walk(mass["items"])] == [i["identifier"] for i in items]
    assert (files["MAPLE.yaml"]["crosswalk"]["from"], files["MAPLE.yaml"]["crosswalk"]["to"]) == (
        "JFF",
        "MASS",
    )


def test_an_item_changed_in_another_tool_is_read_as_case_gives_it(
    exported: list[Path], tmp_path: Path
) -> None:
    """Our extension never overrules CASE: an item whose statement or keywords no longer are what the
    extension says is read from its CASE fields alone, and a source note says why; a part (a CFItem of its
    own) is read from its CASE fields too."""
    package = json.loads(exported[1].read_text("utf-8"))
    changed = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "VVC.3.a")
    changed["fullStatement"] = "Make learning the core of the mission."
    part = next(i for i in package["CFItems"] if i.get("humanCodingScheme") == "VVC.3.a.ii")
    part["fullStatement"], part["abbreviatedStatement"] = "Solve problems with staff.", "Problems"
    retagged = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "VVC.4.c")
    retagged["conceptKeywords"] = ["Equity and Inclusion"]
    path = tmp_path / "JFF.json"
    path.write_text(json.dumps(package), "utf-8")
    data = yaml.safe_load(import_packages([path])["JFF.yaml"])
    items = {i["code"]: i for i in walk(data["items"])}
    assert items["VVC.3.a"]["text"] == "Make learning the core of the mission."
    assert items["VVC.3.a"]["parts"][1] == {
        "label": "ii",
        "title": "Problems",
        "text": "Solve problems with staff.",
    }
    assert items["VVC.4.c"]["tags"] == ["EI"]
    notes = [(n["kind"], n["where"]) for n in data["source_notes"]]
    # the statement is all the text there is (the parts are CFItems): nothing of the extension's is lost
    assert notes[-1:] == [("case_extension", "VVC.4.c")] and ("case_extension", "VVC.3.a") not in notes
    assert items["VVC.1.c"].get("parts") and items["VVC.2.a"]["tags_recovered"] == [
        "EI"
    ]  # the others as exported


@pytest.mark.parametrize(
    ("where", "value", "fragment"),
    [
        (
            "item",
            {"parts": "i. one"},
            "CFItems[0] (d6c5158f-7779-5f8e-b9a2-36e62264112a): extensions."
            "crosswalk-cli.parts: must be a list, not text",
        ),
        ("item", {"tags_incomplete": "yes"}, ".tags_incomplete: must be true or false, not text"),
        ("item", {"colour": "red"}, "extensions.crosswalk-cli: no field 'colour' (fields: text, parts,"),
        ("item", [], "extensions.crosswalk-cli: must be an object, not a list"),
        (
            "document",
            {"framework": {"id": "../x", "levels": []}},
            "CFDocument: extensions.crosswalk-cli.framework.id: must be an id",
        ),
        (
            "document",
            {"framework": {"id": "J", "levels": [1]}},
            ".levels[0]: must be an object, not a number",
        ),
        (
            "document",
            {"items": []},
            "CFDocument: extensions.crosswalk-cli: must be an object with 'framework'",
        ),
        ("association", {"entry": 0}, "extensions.crosswalk-cli.entry: must be a whole number, not a number"),
        ("association", {"entry": True}, ".entry: must be a whole number, not true/false"),
        ("association", {"note": "x"}, "extensions.crosswalk-cli: has no 'entry'"),
    ],
)
def test_a_broken_extension_is_one_line(
    exported: list[Path], tmp_path: Path, where: str, value: Any, fragment: str
) -> None:
    name = "MAPLE.json" if where == "association" else "JFF.json"
    package = json.loads((exported[0].parent / name).read_text("utf-8"))
    target = {
        "item": lambda: package["CFItems"][0],
        "document": lambda: package["CFDocument"],
        "association": lambda: package["CFAssociations"][0],
    }[where]()
    target["extensions"] = {"crosswalk-cli": value, "other.example": {"kept": "unread"}}
    path = tmp_path / name
    path.write_text(json.dumps(package), "utf-8")
    paths = [exported[0], exported[1], path] if where == "association" else [path]
    refused(paths, fragment, path)


def test_our_packages_fuzzed_import_or_give_one_error(exported: list[Path], tmp_path: Path) -> None:
    """Seeded and bounded: 300 copies of BPS's package, each with 1-3 values replaced or removed anywhere,
    our extension included. Each one imports (to YAML that parses and keeps to the format) or is refused
    with one CaseImportError line."""
    rng = random.Random(19)
    source = json.loads(exported[3].read_text("utf-8"))
    replacements: list[Any] = [
        None,
        0,
        -1,
        2**40,
        "",
        "x",
        "a|b",
        [],
        {},
        True,
        ["x"],
        {"id": "x"},
        {"entry": 1},
    ]
    outcomes = {"imported": 0, "refused": 0}
    for n in range(300):
        package = json.loads(json.dumps(source))
        for _ in range(rng.randint(1, 3)):
            places = [p for p in _paths(package)[1:] if "extensions" in p or rng.random() < 0.2]
            _mutate(rng, package, places, replacements)
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
        try:
            files = import_packages([path])
        except CaseImportError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(str(tmp_path)), str(exc)
            outcomes["refused"] += 1
        else:
            for text in files.values():
                yaml.safe_load(text)
            outcomes["imported"] += 1
    assert outcomes["imported"] > 30 and outcomes["refused"] > 30, outcomes


# --- Determinism and ids ------------------------------------------------------------------------


def test_output_is_byte_identical_run_to_run(exported: list[Path]) -> None:
    first = import_packages([WAYFINDING, PEERS, PAIRINGS])
    assert import_packages([WAYFINDING, PEERS, PAIRINGS]) == first
    again = import_packages([PAIRINGS, PEERS, WAYFINDING])  # other order: same frameworks, same text
    assert again["WLS.yaml"] == first["WLS.yaml"] and again["PC.yaml"] == first["PC.yaml"]
    assert import_packages(exported) == import_packages(exported)


def test_framework_ids() -> None:
    assert base_id("Massachusetts Professional Standards for Administrative Leadership", []) == "MPSAL"
    assert base_id("Mathematics", []) == "MATHEMAT"
    assert base_id("Grade 10 Science and Engineering", []) == "G10SE"
    assert base_id("2020 Leadership Goals", []) == "F2020LG"
    assert base_id("Of The And", []) == "OTA"  # nothing but small words: keep them
    assert base_id("领导力标准 ✨", []) == "CASE"
    assert unique_ids({"b": "WLS", "a": "WLS", "c": "PC"}) == {"a": "WLS", "b": "WLS-2", "c": "PC"}


def test_same_title_twice_gets_order_independent_ids(tmp_path: Path) -> None:
    text = WAYFINDING.read_text(encoding="utf-8")
    package = json.loads(text)
    renamed = json.loads(
        text.replace(package["CFDocument"]["identifier"], "00000000-0000-4000-8000-000000000000")
    )
    for n, item in enumerate(renamed["CFItems"]):  # fresh identifiers, as another server would give
        text2 = json.dumps(renamed).replace(item["identifier"], f"00000000-0000-4000-8000-{n + 1:012d}")
        renamed = json.loads(text2)
    for n, a in enumerate(renamed["CFAssociations"]):
        a["identifier"] = f"00000000-0000-4000-9000-{n + 1:012d}"
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps(renamed), encoding="utf-8")
    assert list(import_packages([WAYFINDING, copy])) == ["WLS-2.yaml", "WLS.yaml"]
    assert list(import_packages([copy, WAYFINDING])) == ["WLS.yaml", "WLS-2.yaml"]
    assert yaml.safe_load(import_packages([WAYFINDING, copy])["WLS.yaml"])["framework"][
        "case_identifier"
    ] == ("00000000-0000-4000-8000-000000000000")


# --- Hostile packages ---------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _by_code(package: dict[str, Any], code: str) -> dict[str, Any]:
    return next(i for i in package["CFItems"] if i.get("humanCodingScheme") == code)


def _child_of(package: dict[str, Any], code: str) -> dict[str, Any]:
    ident = _by_code(package, code)["identifier"]
    return next(
        a
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf" and a["originNodeURI"]["identifier"] == ident
    )


def _link(package: dict[str, Any], code: str) -> dict[str, str]:
    item = _by_code(package, code)
    return {"title": code, "identifier": item["identifier"], "uri": item["uri"]}


def _cycle(p: dict[str, Any]) -> None:
    _child_of(p, "W.1")["destinationNodeURI"] = _link(p, "W.1.1")


def _two_parents(p: dict[str, Any]) -> None:
    extra = dict(_child_of(p, "W.1.1"), identifier="00000000-0000-4000-8000-0000000000aa")
    extra["destinationNodeURI"] = _link(p, "W.2")
    p["CFAssociations"].append(extra)


def _duplicate_item(p: dict[str, Any]) -> None:
    p["CFItems"].append(dict(p["CFItems"][0], humanCodingScheme="W.9"))


def _unknown_child(p: dict[str, Any]) -> None:
    _child_of(p, "W.2.2")["originNodeURI"] = {"title": "?", "identifier": "no-such-item", "uri": "urn:x"}


def _deep(p: dict[str, Any]) -> None:
    parent = _link(p, "W.2.2")
    for n in range(30):
        ident = f"00000000-0000-4000-8000-{n:012d}"
        p["CFItems"].append({"identifier": ident, "uri": f"urn:uuid:{ident}", "fullStatement": f"Level {n}"})
        p["CFAssociations"].append(
            {
                "identifier": f"00000000-0000-4000-9000-{n:012d}",
                "associationType": "isChildOf",
                "originNodeURI": {"title": str(n), "identifier": ident, "uri": f"urn:uuid:{ident}"},
                "destinationNodeURI": parent,
            }
        )
        parent = {"title": str(n), "identifier": ident, "uri": f"urn:uuid:{ident}"}


MUTATIONS: dict[str, tuple[Mutation, str]] = {
    "a cycle in isChildOf": (_cycle, "isChildOf associations form a cycle"),
    "an item with two parents": (_two_parents, "has two parents"),
    "a duplicate item identifier": (_duplicate_item, "is used twice (CFItems[0], CFItems[7])"),
    "an isChildOf from an unknown item": (
        _unknown_child,
        "its child no-such-item is no item of the packages",
    ),
    "a hierarchy too deep": (_deep, "items nest more than 24 levels deep"),
    "no fullStatement": (lambda p: p["CFItems"][2].pop("fullStatement"), "'fullStatement' is missing"),
    "CFItems not a list": (lambda p: p.update(CFItems={}), "'CFItems' must be a list, not an object"),
    "a number as a code": (
        lambda p: p["CFItems"][0].update(humanCodingScheme=2),
        "'humanCodingScheme' must be a string, not a number",
    ),
    "keywords of the wrong type": (
        lambda p: p["CFItems"][1].update(conceptKeywords=[1]),
        "'conceptKeywords' must be a list of strings",
    ),
    "a sequence number that is no number": (
        lambda p: _child_of(p, "W.1").update(sequenceNumber="first"),
        "'sequenceNumber' must be a whole number",
    ),
    "an association without an origin": (
        lambda p: p["CFAssociations"][0].pop("originNodeURI"),
        "'originNodeURI' is missing",
    ),
    "a CFDocument without a title": (
        lambda p: p["CFDocument"].pop("title"),
        "CFDocument: 'title' is missing",
    ),
}


def refused(paths: list[Path], fragment: str, shown: Path) -> CaseImportError:
    with pytest.raises(CaseImportError) as caught:
        import_packages(paths)
    error = caught.value
    message = str(error)
    assert fragment in message, message
    assert message.startswith(f"{shown}"), message
    assert "\n" not in message and error.lines() == [message]
    assert isinstance(error, CrosswalkError) and error.exit_code == ExitStatus.DATA == 1
    return error


@pytest.mark.parametrize("what", list(MUTATIONS))
def test_a_broken_package_is_refused_with_one_line(tmp_path: Path, what: str) -> None:
    mutate, fragment = MUTATIONS[what]
    package = json.loads(WAYFINDING.read_text(encoding="utf-8"))
    mutate(package)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    refused([path], fragment, path)


@pytest.mark.parametrize(
    ("what", "content", "fragment"),
    [
        ("not JSON", b'{"CFDocument": {', "broken.json:1: not JSON: Expecting property name"),
        ("not UTF-8", b'{"CFDocument": {"title": "\xff"}}', "broken.json:1: not UTF-8 (byte 26)"),
        ("no CFDocument", b'{"CFItems": []}', "not a CASE package (no CFDocument)"),
        ("a list", b"[]", "not a CASE package (no CFDocument)"),
        (
            "a CFDocument that is a string",
            b'{"CFDocument": "x"}',
            "CFDocument must be a JSON object, not a string",
        ),
        ("NaN", b'{"CFDocument": NaN}', "not JSON: NaN is not JSON"),
        ("nested brackets", b"[" * 100_000, "broken.json:1: JSON nested more than 64 deep"),
        ("an empty file", b"", "not JSON: Expecting value"),
        # An unclosed string of escaped quotes: a bracket scan that retried at each quote was quadratic.
        ("an unclosed string", b'{"CFDocument": "' + b'\\"' * 100_000, "not JSON: Unterminated string"),
    ],
)
def test_a_file_that_is_no_package_is_refused(
    tmp_path: Path, what: str, content: bytes, fragment: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    refused([path], fragment, path)


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path: Path) -> None:
    package = json.loads(WAYFINDING.read_text(encoding="utf-8"))
    package["CFItems"][0]["fullStatement"] = "[[[{" * 200 + ' \\" ]'
    path = tmp_path / "brackets.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    data = yaml.safe_load(import_packages([path])["WLS.yaml"])
    assert walk(data["items"])[3]["text"].startswith("[[[{")


def test_what_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)  # a FIFO no one writes to: reading it would hang
    refused([fifo], "not a regular file", fifo)
    refused([tmp_path], "not a regular file", tmp_path)
    refused([Path("/dev/zero")], "not a regular file", Path("/dev/zero"))
    refused([tmp_path / "absent.json"], "file not found", tmp_path / "absent.json")


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no disk used
    refused([huge], f"{MAX_BYTES + 1} bytes is larger than the {MAX_BYTES} allowed", huge)


def test_identifiers_clashing_across_packages_are_refused(tmp_path: Path) -> None:
    twin = tmp_path / "twin.json"
    shutil.copy(WAYFINDING, twin)
    refused([WAYFINDING, twin], f"is also in {WAYFINDING} (CFDocument)", twin)
    package = json.loads(PEERS.read_text(encoding="utf-8"))
    package["CFItems"][0]["identifier"] = json.loads(WAYFINDING.read_text(encoding="utf-8"))["CFItems"][3][
        "identifier"
    ]
    clash = tmp_path / "clash.json"
    clash.write_text(json.dumps(package), encoding="utf-8")
    refused([WAYFINDING, clash], f"(CFItems[0]) is also in {WAYFINDING} (CFItems[3])", clash)


def test_an_association_with_no_end_in_the_packages_is_refused() -> None:
    """Policy: the crosswalk document alone links nothing we have: the frameworks were not given."""
    error = refused([PAIRINGS], "neither of which is in the given packages", PAIRINGS)
    assert "(isRelatedTo)" in str(error)


def test_a_parent_in_another_document_is_refused(tmp_path: Path) -> None:
    package = json.loads(PEERS.read_text(encoding="utf-8"))
    wayfinding = json.loads(WAYFINDING.read_text(encoding="utf-8"))
    package["CFAssociations"][0]["destinationNodeURI"] = _link(wayfinding, "W.1")
    path = tmp_path / "adopted.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    refused([WAYFINDING, path], "is not in its document (adopted.json)", path)


def test_nothing_to_import_is_refused(tmp_path: Path) -> None:
    """A crosswalk document of ours with no associations has nothing to import (a framework's document
    with no items is an empty framework: test_caseimport_opensalt.py)."""
    path = tmp_path / "empty.json"
    package = {
        "CFDocument": {
            "identifier": "2b0a33f0-8d1e-4c3a-9b5e-6f7a8b9c0d1e",
            "title": "No links",
            "extensions": {"crosswalk-cli": {"crosswalk": {"id": "X-Y", "relations": ["primary"]}}},
        },
        "CFAssociations": [],
    }
    path.write_text(json.dumps(package), encoding="utf-8")
    refused([path], "nothing to import", path)
    with pytest.raises(CaseImportError, match="no CASE package files given"):
        import_packages([])


def test_duplicate_codes_fall_back_to_identifiers(tmp_path: Path) -> None:
    package = json.loads(WAYFINDING.read_text(encoding="utf-8"))
    _by_code(package, "W.2.2")["humanCodingScheme"] = "W.2.1"
    path = tmp_path / "dupes.json"
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    data = yaml.safe_load(import_packages([path])["WLS.yaml"])
    check_generic(data)
    second = next(i for i in walk(data["items"]) if i["text"].startswith("Model learning"))
    assert second["code"] == second["case_identifier"]
    assert any(n["kind"] == "duplicate_code" and n["where"] == second["code"] for n in data["source_notes"])


def _paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value."""
    places = [at]
    if isinstance(value, dict):
        for key, inner in value.items():
            places += _paths(inner, (*at, key))
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            places += _paths(inner, (*at, n))
    return places


def test_names_an_import_cannot_write_are_one_line(exported: list[Path], tmp_path: Path) -> None:
    def changed(index: int, change: Any) -> Path:
        package = json.loads(exported[index].read_text("utf-8"))
        change(package)
        path = tmp_path / exported[index].name
        path.write_text(json.dumps(package), "utf-8")
        return path

    ours = "crosswalk-cli"
    maple = changed(2, lambda p: p["CFDocument"]["extensions"][ours]["crosswalk"].update(id="ma"))
    refused(
        [exported[0], exported[1], maple],
        "crosswalk 'ma' would be written as ma.yaml, a framework's file",
        maple,
    )
    bps = changed(3, lambda p: p["CFDocument"]["extensions"][ours]["framework"].update(id="Self_Assessment"))
    refused(
        [bps],
        "'Self_Assessment' would be written as Self_Assessment.yaml, a name a data directory keeps",
        bps,
    )

    def two_sources(p: dict[str, Any]) -> None:
        p["CFAssociations"][5]["extensions"][ours]["entry"] = 1  # an association of entry 2, from PSMV.1.g

    maple = changed(2, two_sources)
    refused(
        [exported[0], exported[1], maple], "puts PSMV.1.g in entry 1, whose links are from VVC.4.a", maple
    )


def _mutate(rng: random.Random, package: Any, places: list[tuple[Any, ...]], replacements: list[Any]) -> None:
    """Replace or remove the value at one of ``places`` in ``package``."""
    place = rng.choice(places)
    holder = package
    for key in place[:-1]:
        holder = holder[key]
    if isinstance(holder, dict) and rng.random() < 0.3:
        holder.pop(place[-1])
    else:
        holder[place[-1]] = json.loads(json.dumps(rng.choice(replacements)))


def test_fuzzed_packages_import_or_give_one_error(tmp_path: Path) -> None:
    """Seeded and bounded: 400 packages, each with 1-3 values replaced or removed anywhere. Each one
    imports (to YAML that parses) or is refused with one CaseImportError line; nothing else escapes."""
    rng = random.Random(11)
    sources = [json.loads(p.read_text(encoding="utf-8")) for p in (WAYFINDING, PEERS, PAIRINGS)]
    replacements: list[Any] = [None, 0, -1, 2**40, "", "x", "a|b", [], {}, True, ["x"], {"identifier": "x"}]
    outcomes = {"imported": 0, "refused": 0}
    for n in range(400):
        packages = json.loads(json.dumps(sources))
        target = rng.randrange(3)
        for _ in range(rng.randint(1, 3)):
            _mutate(rng, packages[target], _paths(packages[target])[1:], replacements)
        paths = []
        for k, package in enumerate(packages):
            path = tmp_path / f"{n}-{k}.json"
            path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
            paths.append(path)
        try:
            files = import_packages(paths)
        except CaseImportError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(str(tmp_path)), str(exc)
            outcomes["refused"] += 1
        else:
            for text in files.values():
                check_generic(yaml.safe_load(text))
            outcomes["imported"] += 1
    assert outcomes["imported"] > 50 and outcomes["refused"] > 50, outcomes
