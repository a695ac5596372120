"""`crosswalk import case` as faithful as OpenSALT (issue 21, part 5): siblings in OpenSALT's order, an
empty document as an empty framework, the document's date, and what the import fixed said as warnings.
OpenSALT's own test packages: tests/fixtures/case/opensalt (NOTES.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from crosswalk_cli.exchange.caseimport import WARNINGS, import_packages

from .conftest import Invoke

OPENSALT = Path(__file__).parent / "fixtures" / "case" / "opensalt"
ORDERING = OPENSALT / "Ordering.json"
EMPTY = OPENSALT / "EmptyExternalFramework.json"
PEERS = Path(__file__).parent / "fixtures" / "case" / "peer-coaching-1.0.json"


def _codes(items: list[dict[str, Any]]) -> list[str]:
    out = []
    for item in items:
        out += [item["code"], *_codes(item.get("items", []))]
    return out


def test_siblings_without_sequence_numbers_come_in_opensalt_order(invoke: Invoke, tmp_path: Path) -> None:
    """OpenSALT's DocTreeCest imports Ordering.json and expects the codes under L1 to end 1..24: its
    package lists them as text sorts them (1, 10, ..., 19, 2, 20 ...), with no sequenceNumber."""
    package = json.loads(ORDERING.read_text(encoding="utf-8"))
    assert all("sequenceNumber" not in a for a in package["CFAssociations"])
    out = tmp_path / "out"
    result = invoke("import", "case", str(ORDERING), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    (name,) = [p.name for p in out.iterdir()]
    data = yaml.safe_load((out / name).read_text(encoding="utf-8"))
    codes = _codes(data["items"])
    numbers = [int(c.rsplit(".", 1)[1]) for c in codes if c.rsplit(".", 1)[1].isdigit()]
    assert numbers == list(range(1, 25))
    given = [i["humanCodingScheme"] for i in package["CFItems"]]
    assert codes != given and sorted(codes) == sorted(given)


def test_sequence_numbers_then_list_enumeration_then_codes(tmp_path: Path) -> None:
    """A sequenceNumber comes first (those without one after), then a numeric listEnumeration, then the
    code in natural order (case aside), and those without a code last, as OpenSALT's tree sorts them."""
    package = json.loads(ORDERING.read_text(encoding="utf-8"))
    by_code = {i["humanCodingScheme"]: i for i in package["CFItems"]}
    leaves = [f"H.A.MATH.GM.PF.2DFP.L1.{n}" for n in range(1, 25)]
    child_of = {a["originNodeURI"]["identifier"]: a for a in package["CFAssociations"]}
    child_of[by_code[leaves[23]]["identifier"]]["sequenceNumber"] = 1  # 24 first
    by_code[leaves[22]]["listEnumeration"] = "1"  # 23 next
    by_code[leaves[0]]["humanCodingScheme"] = "h.a.math.gm.pf.2dfp.l1.1"  # case does not count
    del by_code[leaves[1]]["humanCodingScheme"]  # no code: last, under its identifier
    path = tmp_path / "ordering.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    data = yaml.safe_load(next(iter(import_packages([path]).values())))
    leaf_codes = _codes(data["items"])[4:]
    expected = [
        leaves[23],
        leaves[22],
        "h.a.math.gm.pf.2dfp.l1.1",
        *leaves[2:22],
        by_code[leaves[1]]["identifier"],
    ]
    assert leaf_codes == expected


def test_an_empty_document_is_an_empty_framework(invoke: Invoke, tmp_path: Path) -> None:
    """OpenSALT's EmptyExternalFramework (no CFItems, no associations): a framework with no items, a
    source note and a warning saying so, and its date from lastChangeDateTime."""
    out = tmp_path / "out"
    result = invoke("import", "case", str(EMPTY), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"crosswalk: wrote {out / 'TFEE.yaml'}",
        "crosswalk: warning: EmptyExternalFramework.json: empty document (document): The CASE document has "
        "no CFItems: imported as a framework with no items.",
    ]
    data = yaml.safe_load((out / "TFEE.yaml").read_text(encoding="utf-8"))
    assert data["items"] == [] and data["framework"]["date"] == "2017-08-24"
    assert [n["kind"] for n in data["source_notes"]] == ["empty_document"]
    listed = invoke("frameworks", "--data-dir", str(out), "--no-packaged", "--json")
    assert listed.exit_code == 0, listed.stderr
    (framework,) = json.loads(listed.stdout)["frameworks"]
    assert (framework["id"], framework["title"], framework["date"]) == (
        "TFEE",
        "Test Framework External Empty",
        "2017-08-24",
    )


def test_the_date_is_the_last_change_where_no_status_date_is_given(tmp_path: Path) -> None:
    package = json.loads(PEERS.read_text(encoding="utf-8"))
    package["CFDocument"]["lastChangeDateTime"] = "2017-05-25T14:03:11+00:00"
    package["CFDocument"].pop("statusStartDate", None)
    path = tmp_path / "peers.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    assert yaml.safe_load(import_packages([path])["PC.yaml"])["framework"]["date"] == "2017-05-25"
    package["CFDocument"]["statusStartDate"] = "2016-09-01"  # the status's date, where given, stands
    path.write_text(json.dumps(package), encoding="utf-8")
    assert yaml.safe_load(import_packages([path])["PC.yaml"])["framework"]["date"] == "2016-09-01"


def test_fixes_are_warnings_one_line_each_and_capped(invoke: Invoke, tmp_path: Path) -> None:
    """Orphans, duplicate codes and associations with an end outside the packages: a source note each,
    and a warning line each on stderr after what was written, at most WARNINGS, then how many more."""
    package = json.loads(ORDERING.read_text(encoding="utf-8"))
    orphans = {a["originNodeURI"]["identifier"] for a in package["CFAssociations"][4:]}  # the 24 leaves
    package["CFAssociations"] = package["CFAssociations"][:4]
    package["CFItems"][1]["humanCodingScheme"] = package["CFItems"][0]["humanCodingScheme"]  # a twin code
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("import", "case", str(path), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("crosswalk: wrote ") and len(lines) == 1 + WARNINGS + 1
    warnings = lines[1:-1]
    assert all(w.startswith("crosswalk: warning: broken.json: ") for w in warnings)
    assert "duplicate code" in warnings[0] and all("orphan (" in w for w in warnings[1:])
    said = [w.split(": ", 4)[3:] for w in warnings[1:3]]  # the orphans in natural order too
    assert said == [
        ["orphan (H.A.MATH.GM.PF.2DFP.L1.1)", "No isChildOf association places this item; kept at the top."],
        ["orphan (H.A.MATH.GM.PF.2DFP.L1.2)", "No isChildOf association places this item; kept at the top."],
    ]
    assert lines[-1] == "crosswalk: warning: and 5 more: see the files' source_notes"  # 1 + 24 in all
    data = yaml.safe_load(next(out.iterdir()).read_text(encoding="utf-8"))
    kinds = [n["kind"] for n in data["source_notes"]]
    assert kinds.count("orphan") == len(orphans) == 24 and kinds.count("duplicate_code") == 1
    said: list[str] = []
    import_packages([PEERS], warnings=said)
    external = [f"external association ({c})" for c in ("PC.A.1", "PC.A.2", "PC.B.1", "PC.B")]
    assert [w.split(": ")[1] for w in said] == [*external, "orphan (PC.C)"]  # its links into WLS too
