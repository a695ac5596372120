"""Five questions an analyst asks, in SQL against the exported database, give what the commands' --json
answers give."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from .conftest import Invoke
from .test_export import district


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> tuple[sqlite3.Connection, Path]:
    from typer.testing import CliRunner

    from crosswalk_cli.cli import app

    folder = tmp_path_factory.mktemp("analyst")
    data = district(folder / "data")
    target = folder / "crosswalk.db"
    result = CliRunner().invoke(app, ["export", "sqlite", "-o", str(target), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    return sqlite3.connect(target), data


def _json(invoke: Invoke, *args: str) -> Any:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_which_competency_indicators_support_a_standard_indicator(
    invoke: Invoke, answers: tuple[sqlite3.Connection, Path]
) -> None:
    db, _ = answers
    sql = """
        SELECT source_code, relation, nullif(target_code, i.code) FROM links l JOIN item i ON i.name = 'MA:1b'
        WHERE l.crosswalk = 'MAPLE' AND l.target_framework = 'MA'
          AND l.target_code IN (i.code, (SELECT code FROM item WHERE key = i.parent))"""
    page = _json(invoke, "standard", "1b")
    expected = {(c["id"], c["relation"], c["via"]) for c in page["competencies"]}
    assert set(db.execute(sql)) == expected and len(expected) == sum(page["counts"].values())


def test_which_standard_indicators_a_competency_indicator_supports(
    invoke: Invoke, answers: tuple[sqlite3.Connection, Path]
) -> None:
    db, _ = answers
    sql = "SELECT target_code, relation FROM links WHERE crosswalk = 'MAPLE' AND source_code = 'VVC.2.b'"
    page = _json(invoke, "competency", "VVC.2.b")
    assert list(db.execute(sql)) == [(s["id"], s["relation"]) for s in page["standards"]]


def test_which_indicators_carry_a_theme(invoke: Invoke, answers: tuple[sqlite3.Connection, Path]) -> None:
    db, _ = answers
    sql = (
        "SELECT i.code FROM item i JOIN item_tag it ON it.item = i.key JOIN tag t ON t.key = it.tag"
        " WHERE t.framework = 'JFF' AND t.code = 'EI' AND i.depth = 2 ORDER BY i.position"
    )
    page = _json(invoke, "theme", "EI")
    listed = [c["id"] for c in page["competencies"] if c["theme_match"] == "listed"]
    assert [code for (code,) in db.execute(sql)] == listed and len(listed) > 10


def test_how_many_indicators_of_each_domain_support_each_standard_indicator(
    invoke: Invoke, answers: tuple[sqlite3.Connection, Path]
) -> None:
    db, _ = answers
    sql = """
        SELECT l.target_code, top.code, count(DISTINCT s.key)
        FROM links l
        JOIN item s ON s.framework = l.source_framework AND s.code = l.source_code
        JOIN item p ON p.key = s.parent JOIN item top ON top.key = p.parent
        WHERE l.crosswalk = 'MAPLE' GROUP BY 1, 2"""
    page = _json(invoke, "matrix")
    cells = {(r["id"], d): n for r in page["rows"] for d, n in r["counts"].items() if n}
    assert {(t, d): n for t, d, n in db.execute(sql)} == cells and len(cells) > 50


def test_which_entries_were_printed_otherwise_and_which_links_were_drafted(
    invoke: Invoke, answers: tuple[sqlite3.Connection, Path]
) -> None:
    db, data = answers
    sql = "SELECT entry, source_code, kind, printed, resolved FROM errata WHERE crosswalk = 'MAPLE'"
    page = _json(invoke, "errata")
    assert list(db.execute(sql)) == [
        (e["entry"], e["competency"], e["kind"], e["printed"], e["resolved"]) for e in page["errata"]
    ]
    drafted = db.execute(
        "SELECT source_code, target_framework || ':' || target_code, relation, method, score, reviewed_by"
        " FROM links WHERE drafted"
    ).fetchall()
    item = _json(invoke, "item", "DIST:A.2", "--data-dir", str(data))
    assert drafted == [
        (item["code"], k["item"]["id"], k["relation"], k["provenance"]["method"],
         float(k["provenance"]["score"]), k["provenance"]["reviewed_by"])
        for k in item["links"] if not k["published"]
    ]  # fmt: skip
