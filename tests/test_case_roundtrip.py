"""A reviewed crosswalk through CASE and back with nothing lost (issue 21, part 4): provenance, decisions,
ids and dates in the extensions CASE 1.1 allows; definitions whose identifiers never stand for two
contents; real dates and descriptions; byte-identical second export."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

from crosswalk_cli.model import Entry

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
    date (the packaged JFF was described by its title alone), never by a date alone or a file's path."""
    from .test_export import district

    data = district(tmp_path / "data")
    packages = export(invoke, tmp_path / "a", "--crosswalk", "DIST-MA", "--data-dir", str(data))
    assert packages["DIST.json"]["CFDocument"]["description"] == "District leader skills, A District, 2025-09"
    packages |= export(invoke, tmp_path / "b")
    for package in packages.values():
        document = package["CFDocument"]
        assert document["description"] != document["title"] and " " in document["description"]
        assert ".yaml" not in document["description"] and "seeds" not in document["description"]


class Decided(NamedTuple):
    """An entry as the store gives it once the format has ``no_match`` (EntryData and one more field)."""

    seq: int
    source: str
    links: tuple[tuple[str, str], ...]
    printed_label: str | None
    note: str | None
    errata: tuple[Any, ...]
    provenance: tuple[tuple[str, str], ...]
    no_match: bool = False


DECISIONS = {  # every key a review writes, and one no tool knows
    "method": "crosswalk suggest 0.1.0, words and neighbours (TF-IDF, votes of linked items)",
    "score": "0.512",
    "reviewed_by": "B. Second",
    "reviewed_at": "2026-12-05T10:15:00Z",
    "rationale": "Both ask the leader to coach teachers: 'feedback' in each.",
    "ticket": "DIST-42",
}


NONE = {"reviewed_by": "A. Coach", "reviewed_at": "2026-12-04T09:00:00Z", "rationale": "Nothing in MA."}


def decided_packages(data: Path) -> dict[str, dict[str, Any]]:
    """The reviewed crosswalk's packages, with what a review of issue 21 adds: a no-match decision (1.3)
    and a rationale, a review time and an unknown key on another entry; reviewers and approval."""
    from crosswalk_cli.commands.common import database
    from crosswalk_cli.exchange.case import uri_minter
    from crosswalk_cli.exchange.caseout import crosswalk_package, framework_package
    from crosswalk_cli.queries.exchange import crosswalk_data
    from crosswalk_cli.queries.resolve import resolve_crosswalk

    db = database(data)
    x = crosswalk_data(db, resolve_crosswalk(db, "BPS-MA"))
    entries = [Decided(*e) for e in x.entries]
    entries[1] = entries[1]._replace(provenance=tuple(DECISIONS.items()))
    entries.append(Decided(3, "1.3", (), None, None, (), tuple(NONE.items()), True))
    header = (*x.info.header, ("reviewers", ["A. Coach", "B. Second"]), ("approved_by", "C. Chief"))
    x = x._replace(entries=tuple(entries), info=x.info._replace(header=header, status="approved"))
    mint = uri_minter(None)
    packages = {f"{f.info.id}.json": framework_package(f, mint) for f in (x.target, x.source)}
    packages["BPS-MA.json"] = crosswalk_package(x, mint)
    return packages


def test_decisions_travel_in_the_extensions_and_come_back(tmp_path: Path) -> None:
    """A no-match decision is an association to the target framework's document (an 'ext:' type, so
    CASE 1.1 allows it), every key of a provenance and the header's reviewers travel, and the words say
    them too; the import gives back the entries as the format writes them."""
    from crosswalk_cli.exchange.caseimport import import_packages

    from .test_case import problems

    packages = decided_packages(reviewed(tmp_path / "data"))
    for name, package in packages.items():
        assert problems(package) == [], name
    crosswalk = packages["BPS-MA.json"]
    ma = packages["MA.json"]["CFDocument"]
    (none,) = [a for a in crosswalk["CFAssociations"] if a["associationType"] == "ext:noMatchIn"]
    assert none["originNodeURI"]["title"] == "1.3"
    assert none["destinationNodeURI"] == {
        "title": ma["title"],
        "identifier": ma["identifier"],
        "uri": ma["uri"],
    }
    assert none["extensions"]["crosswalk-cli"]["no_match"] is True
    assert none["lastChangeDateTime"] == "2026-12-04T09:00:00+00:00"
    assert none["notes"].startswith("No match: a person decided that no item of the target framework fits.")
    assert none["notes"].endswith("Rationale: Nothing in MA.")
    second = next(a for a in crosswalk["CFAssociations"] if a["originNodeURI"]["title"] == "1.2")
    assert second["extensions"]["crosswalk-cli"]["provenance"] == DECISIONS
    assert "Rationale: Both ask the leader" in second["notes"]
    document = crosswalk["CFDocument"]
    assert document["extensions"]["crosswalk-cli"]["crosswalk"]["reviewers"] == ["A. Coach", "B. Second"]
    assert document["notes"].splitlines()[:3] == [
        "Status: reviewed, approved by C. Chief.",
        "Reviewed by A. Coach, B. Second.",
        "3 BPS items decided.",
    ]
    assert "No MA item fits (decided): 1.3." in document["notes"]
    assert document["lastChangeDateTime"] == "2026-12-05T10:15:00+00:00"
    files = []
    for name, package in packages.items():
        (tmp_path / name).write_text(json.dumps(package), encoding="utf-8")
        files.append(tmp_path / name)
    back = yaml.safe_load(import_packages(files)["BPS-MA.yaml"])
    assert back["crosswalk"]["id"] == "BPS-MA" and back["crosswalk"]["reviewers"] == ["A. Coach", "B. Second"]
    assert back["crosswalk"]["approved_by"] == "C. Chief"
    assert back["links"][1]["provenance"] == DECISIONS
    assert back["links"][2] == {"source": "1.3", "no_match": True, "provenance": NONE}


def test_a_reviewed_crosswalk_round_trips_byte_identical(invoke: Invoke, tmp_path: Path) -> None:
    """Export, import elsewhere with no --id, export again: the ids come back (MA, BPS, BPS-MA, not
    initials of titles), the links are still drafted, the same links, relations, provenance and dates, and
    the second export is byte-identical."""
    data = reviewed(tmp_path / "data")
    first = tmp_path / "first"
    export(invoke, first, "--crosswalk", "BPS-MA", "--data-dir", str(data))
    back = tmp_path / "elsewhere"
    result = invoke("import", "case", *(str(p) for p in sorted(first.iterdir())), "--out", str(back))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in back.iterdir()) == ["BPS-MA.yaml", "BPS.yaml", "MA.yaml"]
    listed = json.loads(invoke("frameworks", "--data-dir", str(back), "--no-packaged", "--json").stdout)
    assert [f["id"] for f in listed["frameworks"]] == ["MA", "BPS"]
    (crosswalk,) = listed["crosswalks"]
    assert (crosswalk["id"], crosswalk["drafted"], crosswalk["counts"]) == (
        "BPS-MA",
        3,
        {"primary": 2, "additional": 1},
    )
    for args in (["export", "csv", "--crosswalk", "BPS-MA"], ["item", "BPS:1.2", "--json"]):
        here, there = invoke(*args, "--data-dir", str(data)), invoke(*args, "--data-dir", str(back))
        assert here.exit_code == 0 and there.stdout == here.stdout, args
    again = tmp_path / "again"
    export(invoke, again, "--crosswalk", "BPS-MA", "--data-dir", str(back), "--no-packaged")
    for path in sorted(first.iterdir()):
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_standalone_framework_exports_its_real_contents(invoke: Invoke, tmp_path: Path) -> None:
    """MA's elements are CFItems under their indicators (1d, 4a), not folded into the indicator's
    statement; the document keeps the framework's date; back from CASE it is the same framework, and a
    tool that drops our extensions still sees every element and the date."""
    from crosswalk_cli.datadir import default_data_dir
    from crosswalk_cli.exchange.caseimport import import_packages

    from .test_case import problems, same_model

    package = export(invoke, tmp_path / "a", "--framework", "MA")["MA.json"]
    assert problems(package) == []
    items = {i.get("humanCodingScheme"): i for i in package["CFItems"]}
    parent = {
        a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["identifier"]
        for a in package["CFAssociations"]
    }
    assert items["1d"]["fullStatement"].endswith("contract provisions, including:")
    elements = [i for i in package["CFItems"] if i["CFItemType"] == "Indicator part"]
    assert [(i["humanCodingScheme"], i.get("abbreviatedStatement")) for i in elements] == [
        ("1d.1", None), ("1d.2", None), ("1d.3", None), ("1d.4", None),
        ("4a.I", "Mission and Core Values"), ("4a.II", "Meetings"),
    ]  # fmt: skip
    assert {parent[i["identifier"]] for i in elements[:4]} == {items["1d"]["identifier"]}
    document = package["CFDocument"]
    assert document["lastChangeDateTime"] == "2018-07-01T00:00:00+00:00"
    assert document["extensions"]["crosswalk-cli"]["framework"]["date"] == "2018-07"
    back = tmp_path / "back"
    assert invoke("import", "case", str(tmp_path / "a" / "MA.json"), "--out", str(back)).exit_code == 0
    assert same_model(default_data_dir() / "standards.yaml", back / "MA.yaml")
    export(invoke, tmp_path / "again", "--framework", "MA", "--data-dir", str(back), "--no-packaged")
    assert (tmp_path / "again" / "MA.json").read_bytes() == (tmp_path / "a" / "MA.json").read_bytes()
    for record in [package["CFDocument"], *package["CFItems"], *package["CFAssociations"]]:
        record.pop("extensions", None)  # as a tool that keeps no extensions serves it
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(package), encoding="utf-8")
    data = yaml.safe_load(next(iter(import_packages([plain]).values())))
    assert data["framework"]["date"] == "2018-07-01"
    standard = next(i for i in data["items"] if i["code"] == "1")
    indicator = next(i for i in standard["items"] if i["code"] == "1d")
    assert [i["code"] for i in indicator["items"]] == ["1d.1", "1d.2", "1d.3", "1d.4"]


def test_an_export_that_folded_parts_still_imports_them(invoke: Invoke, tmp_path: Path) -> None:
    """Packages written before parts were CFItems (each part a line of the statement, the parts in our
    extension) still give the parts back."""
    from crosswalk_cli.datadir import default_data_dir
    from crosswalk_cli.exchange.caseimport import import_packages

    from .test_case import same_model

    package = export(invoke, tmp_path / "a", "--framework", "MA")["MA.json"]
    parts = {i["identifier"] for i in package["CFItems"] if i["CFItemType"] == "Indicator part"}
    under: dict[str, list[dict[str, Any]]] = {}
    for a in package["CFAssociations"]:
        if a["originNodeURI"]["identifier"] in parts:
            under.setdefault(a["destinationNodeURI"]["identifier"], []).append(a["originNodeURI"])
    kept = []
    for item in package["CFItems"]:
        if item["identifier"] in parts:
            continue
        if item["identifier"] in under:
            folded = [
                p
                for p in package["CFItems"]
                if p["identifier"] in {r["identifier"] for r in under[item["identifier"]]}
            ]
            records = [
                {
                    "label": p["listEnumeration"],
                    **({"title": p["abbreviatedStatement"]} if "abbreviatedStatement" in p else {}),
                    "text": p["fullStatement"],
                }
                for p in folded
            ]
            lines = [
                f"{r['label']}. " + (f"{r['title']}: " if "title" in r else "") + r["text"] for r in records
            ]
            ext = item.setdefault("extensions", {}).setdefault("crosswalk-cli", {})
            ext.update(text=item["fullStatement"], parts=records)
            item["fullStatement"] = "\n".join([item["fullStatement"], *lines])
        kept.append(item)
    package["CFItems"] = kept
    package["CFAssociations"] = [
        a for a in package["CFAssociations"] if a["originNodeURI"]["identifier"] not in parts
    ]
    old = tmp_path / "MA.json"
    old.write_text(json.dumps(package), encoding="utf-8")
    back = tmp_path / "back"
    back.mkdir()
    (back / "MA.yaml").write_text(import_packages([old])["MA.yaml"], encoding="utf-8")
    assert same_model(default_data_dir() / "standards.yaml", back / "MA.yaml")


DECIDED = """\
crosswalk:
  id: BPS-MA
  title: BPS to MA, drafted and reviewed
  publisher: A. Coach
  license: not stated
  from: BPS
  to: MA
  relations: [primary, additional]
  status: approved
  approved_by: C. Chief
  reviewers: [A. Coach, B. Second]
links:
- source: '1.1'
  primary: 4b
  provenance:
    method: crosswalk suggest 0.1.0, words and neighbours (TF-IDF, votes of linked items)
    score: '0.475'
    reviewed_by: A. Coach
    reviewed_at: '2026-12-05T09:15:00Z'
- source: '1.2'
  primary: 3a
  additional: 2d
  provenance:
    method: reviewer
    reviewed_by: B. Second
    reviewed_at: '2026-12-05T10:15:00Z'
    rationale: 'Both ask the leader to coach: "feedback".'
- source: '1.3'
  no_match: true
  provenance:
    reviewed_by: A. Coach
    reviewed_at: '2026-12-05T09:20:00Z'
    rationale: Nothing in MA fits.
reviewed: ['1.1', '1.2', '1.3']
"""


@pytest.mark.skipif(
    "no_match" not in {f.name for f in fields(Entry)},
    reason="the format's no_match (h21-review) is not merged",
)
def test_a_crosswalk_with_decisions_round_trips_through_the_cli(invoke: Invoke, tmp_path: Path) -> None:
    """The whole story's CASE step: a file with a no-match, a rationale, review times, two reviewers and
    an approval goes out and comes back the same file (but for its comments and CASE identity), and
    the second export is byte-identical."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "bps-ma.yaml").write_text(DECIDED, encoding="utf-8")
    first = tmp_path / "first"
    export(invoke, first, "--crosswalk", "BPS-MA", "--data-dir", str(data))
    back = tmp_path / "back"
    result = invoke("import", "case", *(str(p) for p in sorted(first.iterdir())), "--out", str(back))
    assert result.exit_code == 0, result.stderr
    said = yaml.safe_load((back / "BPS-MA.yaml").read_text(encoding="utf-8"))
    said["crosswalk"].pop("case_identifier")
    assert said == yaml.safe_load(DECIDED)
    again = tmp_path / "again"
    export(invoke, again, "--crosswalk", "BPS-MA", "--data-dir", str(back), "--no-packaged")
    for path in sorted(first.iterdir()):
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name
