"""`crosswalk export sqlite`: an analyst's database built from the data, the same bytes from anywhere,
keys Datasette shows, provenance in columns, parts as rows, search tied to `item`."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crosswalk_cli.datadir import sources
from crosswalk_cli.exchange.sqliteout import database_of
from crosswalk_cli.loader import load_all

from .conftest import Invoke, unsealed_copy
from .test_export import DRAFTED, district


def _export(invoke: Invoke, target: Path, *args: str) -> sqlite3.Connection:
    result = invoke("export", "sqlite", "-o", str(target), *args)
    assert result.exit_code == 0, result.stderr
    return sqlite3.connect(target)


def test_the_same_data_gives_the_same_bytes_from_any_folder(tmp_path: Path) -> None:
    first = district(tmp_path / "first-folder" / "data")
    second = tmp_path / "other-folder" / "deeper" / "copy"
    shutil.copytree(first, second)
    (second / "dist.yaml").touch()  # a later modification time changes nothing
    outputs = []
    for cwd, data in ((tmp_path / "first-folder", "data"), (tmp_path / "other-folder", str(second))):
        command = [sys.executable, "-m", "crosswalk_cli", "export", "sqlite", "-o", "-", "--data-dir", data]
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and len(outputs[0]) > 100_000
    for name in (str(tmp_path).encode(), b"first-folder", b"other-folder"):
        assert name not in outputs[0]
    copy = tmp_path / "x.db"
    copy.write_bytes(outputs[0])
    origins = dict(sqlite3.connect(copy).execute("SELECT id, origin FROM framework"))
    assert origins == {"MA": "packaged", "JFF": "packaged", "BPS": "packaged", "DIST": "dist.yaml"}


def test_only_the_analysts_tables_with_single_column_keys(invoke: Invoke, tmp_path: Path) -> None:
    db = _export(invoke, tmp_path / "x.db")
    names = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert not names & {"alias", "meta", "entry"}
    assert {"item", "part", "link", "decision", "provenance", "erratum", "links", "items", "errata"} <= names
    tables = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    keyed = {}
    for table in tables:
        fks = db.execute(f"PRAGMA foreign_key_list({table})").fetchall()
        assert all(seq == 0 for _, seq, *_ in fks), table  # no composite key
        keyed[table] = {(row[3], row[2], row[4]) for row in fks}
    assert keyed["link"] == {("crosswalk", "crosswalk", "id"), ("decision", "decision", "key"),
                             ("source", "item", "key"), ("target", "item", "key")}  # fmt: skip
    assert ("source", "item", "key") in keyed["erratum"] and ("item", "item", "key") in keyed["part"]
    db.execute("PRAGMA foreign_keys = ON")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_parts_and_details_are_rows(invoke: Invoke, tmp_path: Path) -> None:
    db = _export(invoke, tmp_path / "x.db", "--data-dir", str(district(tmp_path / "data")))
    for f in load_all().frameworks:
        for item in f.items:
            rows = db.execute(
                "SELECT p.label, p.title, p.text FROM part p JOIN item i ON i.key = p.item"
                " WHERE i.name = ? ORDER BY p.position",
                (f"{f.id}:{item.code}",),
            ).fetchall()
            assert rows == [(p.label, p.title, p.text) for p in item.parts]
    assert db.execute("SELECT count(*) FROM part").fetchone()[0] > 40
    parts = db.execute(
        "SELECT p.label, p.title FROM part p JOIN item i ON i.key = p.item WHERE i.name = 'DIST:A.1'"
    ).fetchall()
    assert parts == [("a", None), ("b", "Named")]
    details = db.execute("SELECT d.name FROM detail d JOIN item i ON i.key = d.item WHERE i.name = 'DIST:A'")
    assert details.fetchall() == [("focus",)]


def test_provenance_is_in_columns_and_every_key_is_kept(invoke: Invoke, tmp_path: Path) -> None:
    db = _export(invoke, tmp_path / "x.db", "--data-dir", str(district(tmp_path / "data")))
    rows = db.execute(
        "SELECT source_code, relation, target_code, drafted, method, score, reviewed_by, reviewed_at,"
        " rationale, no_match FROM links WHERE crosswalk = 'DIST-MA'"
    ).fetchall()
    drafted = ("A.2", "weak", "1", 1, DRAFTED["method"], 0.42, "A. Coach", "2026-01-02", None, 0)
    assert rows[-1] == drafted
    assert {r[3:] for r in rows[:-1]} == {(0, None, None, None, None, None, 0)}
    kept = db.execute(
        "SELECT p.name, p.value FROM provenance p JOIN decision d ON d.key = p.decision"
        " WHERE d.crosswalk = 'DIST-MA' AND d.seq = 2 ORDER BY p.key"
    ).fetchall()
    assert kept == list(DRAFTED.items())
    assert db.execute("SELECT count(*) FROM links WHERE crosswalk = 'MAPLE' AND drafted").fetchone() == (0,)


def test_a_no_match_decision_is_a_row_of_links(tmp_path: Path) -> None:
    data = load_all(sources(unsealed_copy(tmp_path / "data"), packaged=False))
    x = data.crosswalks[0]
    stamp = {"method": "reviewer", "reviewed_by": "B. Lead", "reviewed_at": "2026-12-05T10:15:00Z",
             "rationale": "nothing fits", "extra": "kept"}  # fmt: skip
    first = dataclasses.replace(x.entries[0], links=(), provenance=stamp, no_match=True)
    changed = dataclasses.replace(x, entries=(first, *x.entries[1:]))
    path = tmp_path / "x.db"
    path.write_bytes(database_of(dataclasses.replace(data, crosswalks=(changed, *data.crosswalks[1:]))))
    row = sqlite3.connect(path).execute(
        "SELECT source_code, relation, target_code, drafted, method, reviewed_by, reviewed_at, rationale,"
        " no_match FROM links WHERE crosswalk = ? AND entry = ?",
        (x.id, first.seq),
    )
    assert row.fetchall() == [(first.source, None, None, 1, "reviewer", "B. Lead", "2026-12-05T10:15:00Z",
                               "nothing fits", 1)]  # fmt: skip


def test_search_is_tied_to_item_with_external_content(invoke: Invoke, tmp_path: Path) -> None:
    db = _export(invoke, tmp_path / "x.db")
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'item_search'").fetchone()
    assert 'content="item"' in sql and 'content_rowid="key"' in sql
    # as Datasette filters a table by ?_search=
    hits = db.execute(
        "SELECT name FROM item WHERE rowid IN (SELECT rowid FROM item_search WHERE item_search MATCH ?)",
        ("assessment",),
    ).fetchall()
    total = db.execute("SELECT count(*) FROM item").fetchone()[0]
    assert ("MA:1c",) in hits and ("JFF:CB.4.a",) in hits and 0 < len(hits) < total / 5
    # a word found only in an item's parts finds the item
    (part,) = db.execute("SELECT count(*) FROM item_search WHERE item_search MATCH 'parts:trauma'").fetchone()
    assert part > 0
    assert db.execute("INSERT INTO item_search (item_search) VALUES ('integrity-check')").fetchall() == []


def test_datasette_searches_items(invoke: Invoke, tmp_path: Path) -> None:
    pytest.importorskip("datasette", reason="Datasette is not installed (pip install datasette)")
    import json
    import socket
    import time
    import urllib.request

    _export(invoke, tmp_path / "crosswalk.db").close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "datasette", "serve", "crosswalk.db", "-h", "127.0.0.1", "-p", str(port)]
    server = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/crosswalk/"

        def get(path: str) -> dict[str, Any]:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(base + path, timeout=5) as answer:
                        page: dict[str, Any] = json.load(answer)
                        return page
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise
                    time.sleep(0.2)

        items = "item.json?_shape=objects&_col=name&_size=max"
        everything, found = get(items), get(items + "&_search=assessment")
        link = get("link.json?_shape=objects&_labels=on&_size=1")["rows"][0]
    finally:
        server.terminate()
        server.wait(timeout=10)
    names = [r["name"] for r in found["rows"]]
    assert "MA:1c" in names and "JFF:CB.4.a" in names
    assert 0 < found["filtered_table_rows_count"] < everything["filtered_table_rows_count"] / 5
    assert (link["source"]["label"], link["target"]["label"], link["crosswalk"]["value"]) == (
        "JFF:VVC.4.a", "MA:1", "MAPLE"
    )  # fmt: skip
