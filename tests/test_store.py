"""The compiled store: same answers as the YAML, kept fresh, never read when it does not match."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path

import pytest

from crosswalk_cli.datadir import default_data_dir, sources
from crosswalk_cli.loader import load_all
from crosswalk_cli.queries import fetch
from crosswalk_cli.queries.item import page
from crosswalk_cli.queries.links import FROM, TO
from crosswalk_cli.queries.resolve import resolve_in
from crosswalk_cli.store import open_database
from crosswalk_cli.store.cache import store_path

from .conftest import Invoke


def _title(data: Path, code: str = "1a") -> str:
    db = open_database(sources(data))
    return str(
        db.execute("SELECT title FROM item WHERE framework = 'MA' AND code = ?", (code,)).fetchone()[0]
    )


def test_the_store_holds_what_the_files_say() -> None:
    """Every framework's items (code, place, label, title, text, parts, tags, details) and every
    crosswalk's entries and links, as the loader reads them from the files."""
    data = load_all()
    db = open_database(sources())
    for f in data.frameworks:
        stored = fetch.where(db, "i.framework = ?", (f.id,))
        assert [(r.code, r.depth, r.label, r.title, r.text) for r in stored] == [
            (i.code, i.depth, i.label, i.title, i.text) for i in f.items
        ]
        assert [tuple((p.label, p.title, p.text) for p in r.parts) for r in stored] == [
            tuple((p.label, p.title, p.text) for p in i.parts) for i in f.items
        ]
        assert [(r.tags, r.tags_recovered, r.tags_incomplete, r.details) for r in stored] == [
            (i.tags, i.tags_recovered, i.tags_incomplete, i.details) for i in f.items
        ]
    for x in data.crosswalks:
        stored_links = db.execute(
            "SELECT l.seq, s.code, t.code, l.relation FROM link l JOIN item s ON s.key = l.source"
            " JOIN item t ON t.key = l.target WHERE l.crosswalk = ? ORDER BY l.seq, l.position",
            (x.id,),
        ).fetchall()
        assert stored_links == [(e.seq, e.source, k.target, k.relation) for e in x.entries for k in e.links]


def test_the_store_lives_in_the_cache_not_beside_the_data(data_copy: Path) -> None:
    before = sorted(p.name for p in data_copy.iterdir())
    open_database(sources(data_copy))
    assert sorted(p.name for p in data_copy.iterdir()) == before
    path = store_path(sources(data_copy))
    assert path.is_file()
    assert Path(os.environ["XDG_CACHE_HOME"]) in path.parents


def test_an_edited_file_rebuilds_the_store(invoke: Invoke, data_copy: Path) -> None:
    assert invoke("standard", "1a", "--json", "--data-dir", str(data_copy)).exit_code == 0
    path = data_copy / "standards.yaml"
    path.write_text(
        path.read_text("utf-8").replace("title: Curriculum", "title: Curriculum (edited)"), "utf-8"
    )
    result = invoke("standard", "1a", "--json", "--data-dir", str(data_copy))
    assert json.loads(result.stdout)["standard"]["name"] == "Curriculum (edited)"


def test_a_broken_edit_is_reported_not_served_from_the_old_store(invoke: Invoke, data_copy: Path) -> None:
    assert invoke("standard", "1a", "--data-dir", str(data_copy)).exit_code == 0
    path = data_copy / "standards.yaml"
    path.write_text(path.read_text("utf-8").replace("  - code: 1a\n", "  - \n"), "utf-8")
    result = invoke("standard", "1a", "--data-dir", str(data_copy))
    assert result.exit_code == 1
    assert "missing field 'code'" in result.stderr and result.stdout == ""


def test_a_store_that_does_not_match_its_key_is_never_read(data_copy: Path) -> None:
    open_database(sources(data_copy))
    path = store_path(sources(data_copy))
    db = sqlite3.connect(path)
    with db:  # forge a store for other data that claims a different format
        db.execute("UPDATE item SET title = 'forged' WHERE code = '1a'")
        db.execute("UPDATE meta SET value = 'other' WHERE key = 'format'")
    db.close()
    assert _title(data_copy) == "Curriculum"
    path.write_bytes(b"not a database at all")
    assert _title(data_copy) == "Curriculum"


def test_a_store_built_for_another_directory_is_not_read(data_copy: Path, tmp_path: Path) -> None:
    open_database(sources(data_copy))
    other = tmp_path / "elsewhere" / "data"
    other.parent.mkdir()
    data_copy.rename(other)
    edited = other / "standards.yaml"
    edited.write_text(edited.read_text("utf-8").replace("title: Curriculum", "title: Moved"), "utf-8")
    assert _title(other) == "Moved"


def test_no_writable_cache_builds_in_memory(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert _title(data_copy, "1b") == "Instruction"
    assert blocker.read_text() == "not a directory"


def _lookups(db: sqlite3.Connection) -> None:
    """What `standard 1b`, `competency VVC.3.a` and `competency I.3.a` ask of the store."""
    x = fetch.crosswalk(db, fetch.crosswalks(db)[0])
    target, source = fetch.framework(db, x.target), fetch.framework(db, x.source)
    page(db, resolve_in(db, target, "1b", x), x.id, FROM, count_children=True)
    page(db, resolve_in(db, source, "VVC.3.a", x), x.id, TO)
    page(db, resolve_in(db, source, "I.3.a", x), x.id, TO)  # a short form, through the alias index


def test_a_lookup_reads_only_what_it_needs(data_copy: Path) -> None:
    """The statements a lookup runs do not depend on how much data there is: no full scans."""
    db = open_database(sources(data_copy))
    plans: list[str] = []
    db.set_trace_callback(plans.append)
    _lookups(db)
    db.set_trace_callback(None)
    for sql in set(plans):
        if (
            not sql.lstrip().upper().startswith("SELECT")
            or "FROM framework" in sql
            or "FROM crosswalk " in sql
        ):
            continue
        detail = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql.replace("?", "NULL")))
        # a scan of a subquery's few rows (an item's tags, read through their index) is no table scan
        tables = re.sub(r"SCAN (CONSTANT ROW|\(subquery-\d+\))", "", detail)
        assert "SCAN" not in tables, (sql, detail)


def test_a_lookup_runs_as_many_statements_and_reads_as_many_rows_at_any_size(tmp_path: Path) -> None:
    """Resolving ids and answering `standard` and `competency` ask the same of a store of the packaged
    data and of one five times its size."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "scale_data", Path(__file__).parents[1] / "bench" / "scale_data.py"
    )
    assert spec is not None and spec.loader is not None
    scale_data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale_data)
    counts = []
    for scale in (1, 5):
        data = tmp_path / f"x{scale}"
        scale_data.main(str(default_data_dir()), str(data), scale)
        db = open_database(sources(data, packaged=False))
        statements: list[str] = []
        db.set_trace_callback(statements.append)
        _lookups(db)
        db.set_trace_callback(None)
        counts.append(len(statements))
    assert counts[0] == counts[1] > 0
