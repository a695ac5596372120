"""Any framework and crosswalk in the data: the catalog, one item by any id, a framework's items."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crosswalk_cli.datadir import sources
from crosswalk_cli.errors import CrosswalkError
from crosswalk_cli.loader import load_all
from crosswalk_cli.queries import catalog
from crosswalk_cli.queries.item import page
from crosswalk_cli.queries.resolve import resolve_framework, resolve_item
from crosswalk_cli.store import open_database

from .conftest import Invoke
from .maple import Maple as Crosswalk


@pytest.fixture(scope="module")
def db() -> sqlite3.Connection:
    return open_database(sources())


def test_the_catalog_lists_every_framework_and_crosswalk(db: sqlite3.Connection, cw: Crosswalk) -> None:
    c = catalog.catalog(db)
    assert [f.info.id for f in c.frameworks] == [
        cw.standards_framework.id,
        cw.competencies_framework.id,
        *(f.id for f in load_all().frameworks[2:]),
    ]
    ma, jff, bps = c.frameworks
    assert ma.counts == (("standard", len(cw.standards)), ("indicator", len(cw.standard_indicators)))
    assert jff.items == len(cw.domains) + len(cw.competencies) + len(cw.indicators)
    assert (bps.info.status, bps.info.version, bps.info.date) == ("draft", "4", "2017-03-20")
    assert bps.counts == (("competency", 4), ("sub-competency", 16))
    [maple] = c.crosswalks
    assert (maple.info.source, maple.info.target) == (jff.info.id, ma.info.id)
    assert dict(maple.counts) == {
        "primary": len(cw.alignments),
        "additional": sum(len(a.additional) for a in cw.alignments),
    }
    assert maple.drafted == 0


@pytest.mark.parametrize("given", ["BPS:2.3", "bps:2.3", "2.3", "BPS:2-3"])
def test_an_item_by_qualified_or_unambiguous_short_id(db: sqlite3.Connection, given: str) -> None:
    view = page(db, resolve_item(db, given))
    assert view.item.qualified == "BPS:2.3"
    assert view.item.text.startswith("Cultivates and maintain a culture of unwavering belief")
    assert view.parent is not None and view.parent.qualified == "BPS:2"
    assert view.parent.title == "Inspire commitment to a common vision"
    assert view.links == () and view.crosswalks == ()  # no crosswalk is published for BPS
    assert any("Cultivates and maintain" in n.note for n in view.notes)


def test_a_titled_item_and_its_children(db: sqlite3.Connection) -> None:
    view = page(db, resolve_item(db, "BPS:4"))
    assert view.item.title == "Build and sustain thriving teams"
    assert [c.code for c in view.children] == ["4.1", "4.2", "4.3", "4.4", "4.5"]


def test_maple_items_carry_their_links_both_ways(db: sqlite3.Connection, cw: Crosswalk) -> None:
    view = page(db, resolve_item(db, "MA:1b"))
    linked = {(link.item.code, link.relation) for link in view.links}
    assert all(link.direction == "from" for link in view.links)
    for a in cw.alignments:
        if a.primary == "1b":
            assert (a.competency, "primary") in linked
        if "1b" in a.additional:
            assert (a.competency, "additional") in linked
    jff = page(db, resolve_item(db, "JFF:VVC.3.a"))
    assert {(link.item.code, link.relation, link.direction) for link in jff.links} >= {
        ("1b", "primary", "to")
    }
    assert jff.item.tags == ("LC",) and ("LC", "Learner-Centered Approaches") in {
        (t.code, t.name) for t in jff.tags
    }


@pytest.mark.parametrize(
    ("given", "needle"),
    [
        ("1", "'1' names several items: MA:1, BPS:1"),
        ("XYZ:1", "no framework 'XYZ'"),
        ("nothing-like-this", "no item 'nothing-like-this'"),
        ("BPS:9.9", "no item 'BPS:9.9'"),
    ],
)
def test_unknown_and_ambiguous_ids(db: sqlite3.Connection, given: str, needle: str) -> None:
    with pytest.raises(CrosswalkError) as exc:
        resolve_item(db, given)
    assert needle in str(exc.value)
    assert exc.value.exit_code == 2


def test_a_frameworks_items_in_printed_order(db: sqlite3.Connection) -> None:
    listed = catalog.items(db, resolve_framework(db, "bps"))
    assert listed.framework.info.id == "BPS"
    assert [i.code for i in listed.items][:5] == ["1", "1.1", "1.2", "1.3", "2"]
    assert [i.depth for i in listed.items][:2] == [0, 1]


def test_a_generic_crosswalk_file_is_read_checked_and_linked(tmp_path: Path) -> None:
    """A district's crosswalk file alone in its directory, beside the packaged frameworks it joins."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "bps-ma.yaml").write_text(
        "crosswalk:\n  id: BPS-MA\n  title: A draft\n  publisher: a coach\n  license: not stated\n"
        "  from: BPS\n  to: MA\n  relations: [primary, additional]\n"
        "links:\n- source: '3.2'\n  target: 1e\n  relation: primary\n"
        "  provenance: {method: crosswalk suggest, score: '0.71', reviewed_by: A. Coach}\n",
        encoding="utf-8",
    )
    db = open_database(sources(data))
    view = page(db, resolve_item(db, "BPS:3.2"))
    [link] = view.links
    assert (link.crosswalk, link.relation, link.item.qualified, link.direction) == (
        "BPS-MA",
        "primary",
        "MA:1e",
        "to",
    )
    assert link.drafted and dict(link.provenance)["reviewed_by"] == "A. Coach"
    assert catalog.catalog(db).crosswalks[-1].drafted == 1


def test_search_any_framework_with_its_full_text_index(invoke: Invoke) -> None:
    import json

    result = invoke("search", "data", "decisions", "--framework", "BPS", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "items" and data["frameworks"] == ["BPS"]
    ids = [h["item"]["id"] for h in data["results"]]
    assert ids[0] == "BPS:3"  # "Use data to make decisions": both words in a short title, best by bm25
    assert all(h["item"]["framework"] == "BPS" for h in data["results"])
    assert all("[" in h["match"] for h in data["results"])
    both = json.loads(invoke("search", "assess", "-F", "ma", "-F", "BPS", "--json").stdout)
    assert {h["item"]["framework"] for h in both["results"]} == {"MA", "BPS"}
    assert invoke("search", "data", "--framework", "NOPE").exit_code == 2
    assert invoke("search", "data", "--framework", "BPS", "--theme", "EI").exit_code == 2
    maple = json.loads(invoke("search", "data", "--json").stdout)  # without --framework: as before
    assert maple["kind"] == "maple" and all(h["kind"] in ("standard", "competency") for h in maple["results"])


def test_a_frameworks_own_printing_notes(invoke: Invoke) -> None:
    import json

    data = json.loads(invoke("errata", "--framework", "bps", "--json").stdout)
    assert data["framework"] == "BPS" and data["errata"] == []
    [bps] = [f for f in load_all().frameworks if f.id == "BPS"]
    assert [(n["kind"], n["where"], n["note"]) for n in data["source_notes"]] == [
        (n.kind, n.where, n.note) for n in bps.source_notes
    ]
    assert json.loads(invoke("errata", "--json").stdout)["framework"] is None  # the crosswalk's, as before
    assert invoke("errata", "--framework", "NOPE").exit_code == 2


@pytest.mark.parametrize("relation", ["all", "primary"])
def test_any_crosswalk_as_a_matrix_agrees_with_the_maple_matrix(invoke: Invoke, relation: str) -> None:
    import json

    maple = json.loads(invoke("matrix", "--relation", relation, "--json").stdout)
    generic = json.loads(invoke("matrix", "--crosswalk", "MAPLE", "--relation", relation, "--json").stdout)
    assert generic["kind"] == "links" and maple["kind"] == "maple"
    assert [c["code"] for c in generic["columns"]] == [d["code"] for d in maple["domains"]]
    assert {r["item"]["code"]: r["counts"] for r in generic["rows"]} == {
        r["id"]: r["counts"] for r in maple["rows"]
    }
    assert [r["whole"] for r in generic["rows"]] == [r["whole_standard"] for r in maple["rows"]]
    assert generic["total"] == maple["total"]


def test_a_matrix_of_a_drafted_crosswalk_and_its_errors(invoke: Invoke, tmp_path: Path) -> None:
    import json

    data = tmp_path / "data"
    data.mkdir()
    (data / "bps-ma.yaml").write_text(
        "crosswalk:\n  id: BPS-MA\n  title: A draft\n  publisher: a coach\n  license: not stated\n"
        "  from: BPS\n  to: MA\n  relations: [primary, additional]\n"
        "links:\n- {source: '3.2', target: 1e, relation: primary}\n"
        "- {source: '3.4', target: 1e, relation: additional}\n"
        "- {source: '1.1', target: 4b, relation: primary}\n",
        encoding="utf-8",
    )
    doc = json.loads(invoke("matrix", "--crosswalk", "bps-ma", "--json", "--data-dir", str(data)).stdout)
    assert {r["item"]["id"]: r["counts"] for r in doc["rows"] if r["total"]} == {
        "MA:1e": {"1": 0, "2": 0, "3": 2, "4": 0},
        "MA:4b": {"1": 1, "2": 0, "3": 0, "4": 0},
    }
    assert len(doc["rows"]) == 21  # every leaf of MA, linked or not: the gaps show
    primary = json.loads(
        invoke("matrix", "--crosswalk", "BPS-MA", "-r", "primary", "--json", "--data-dir", str(data)).stdout
    )
    assert primary["total"] == 2
    assert invoke("matrix", "--crosswalk", "NOPE").exit_code == 2
    themed = json.loads(invoke("matrix", "--crosswalk", "MAPLE", "--theme", "EI", "--json").stdout)
    assert (
        0 < themed["total"] < json.loads(invoke("matrix", "--crosswalk", "MAPLE", "--json").stdout)["total"]
    )
