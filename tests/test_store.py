"""The compiled store: same answers as the YAML, kept fresh, never read when it does not match."""

from __future__ import annotations

import io
import json
import os
import sqlite3
from pathlib import Path

import pytest

from crosswalk_cli.formats import emit
from crosswalk_cli.loader import default_data_dir, load
from crosswalk_cli.model import Crosswalk
from crosswalk_cli.queries.competency import competencies_list, competency
from crosswalk_cli.queries.errata import errata
from crosswalk_cli.queries.matrix import matrix
from crosswalk_cli.queries.search import search
from crosswalk_cli.queries.standard import standard, standards_list
from crosswalk_cli.queries.theme import theme, themes_list
from crosswalk_cli.store import open_crosswalk
from crosswalk_cli.store.cache import store_path
from crosswalk_cli.views import build, render

from .conftest import Invoke


def _out(cw: Crosswalk, result: object, fmt: str) -> str:
    buf = io.StringIO()
    emit(build(result, cw), fmt, buf)
    once = io.StringIO()
    render(result, cw, fmt, once)  # the CLI's one call does the same
    assert once.getvalue() == buf.getvalue()
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_store_and_yaml_give_the_same_answers_everywhere(cw: Crosswalk, fmt: str) -> None:
    stored = open_crosswalk()
    for sid in [*cw.standards, *cw.standard_indicators]:
        fresh = open_crosswalk()  # a new process's view: nothing cached yet
        assert _out(cw, standard(cw, sid), fmt) == _out(fresh, standard(fresh, sid), fmt), sid
    for cid in [*cw.competencies, *cw.indicators]:
        fresh = open_crosswalk()
        assert _out(cw, competency(cw, cid), fmt) == _out(fresh, competency(fresh, cid), fmt), cid
    for code in cw.themes:
        assert _out(cw, theme(cw, code), fmt) == _out(stored, theme(stored, code), fmt)
    for ask in (standards_list, competencies_list, themes_list, errata, matrix):
        assert _out(cw, ask(cw), fmt) == _out(stored, ask(stored), fmt), ask.__name__
    assert _out(cw, search(cw, "data"), fmt) == _out(stored, search(stored, "data"), fmt)


def test_the_store_lives_in_the_cache_not_beside_the_data(data_copy: Path) -> None:
    before = sorted(p.name for p in data_copy.iterdir())
    open_crosswalk(data_copy)
    assert sorted(p.name for p in data_copy.iterdir()) == before
    path = store_path(data_copy.resolve())
    assert path.is_file()
    assert Path(os.environ["XDG_CACHE_HOME"]) in path.parents


def test_an_edited_file_rebuilds_the_store(invoke: Invoke, data_copy: Path) -> None:
    assert invoke("standard", "1a", "--json", "--data-dir", str(data_copy)).exit_code == 0
    path = data_copy / "standards.yaml"
    path.write_text(path.read_text("utf-8").replace("name: Curriculum", "name: Curriculum (edited)"), "utf-8")
    result = invoke("standard", "1a", "--json", "--data-dir", str(data_copy))
    assert json.loads(result.stdout)["standard"]["name"] == "Curriculum (edited)"


def test_a_broken_edit_is_reported_not_served_from_the_old_store(invoke: Invoke, data_copy: Path) -> None:
    assert invoke("standard", "1a", "--data-dir", str(data_copy)).exit_code == 0
    path = data_copy / "standards.yaml"
    path.write_text(path.read_text("utf-8").replace("    code: I-A\n", ""), "utf-8")
    result = invoke("standard", "1a", "--data-dir", str(data_copy))
    assert result.exit_code == 1
    assert "missing field 'code'" in result.stderr and result.stdout == ""


def test_a_store_that_does_not_match_its_key_is_never_read(data_copy: Path) -> None:
    open_crosswalk(data_copy)
    path = store_path(data_copy.resolve())
    db = sqlite3.connect(path)
    with db:  # forge a store for other data that claims a different format
        db.execute("UPDATE item SET title = 'forged' WHERE code = '1a'")
        db.execute("UPDATE meta SET value = 'other' WHERE key = 'format'")
    db.close()
    assert open_crosswalk(data_copy).standard_indicators["1a"].name == "Curriculum"
    path.write_bytes(b"not a database at all")
    assert open_crosswalk(data_copy).standard_indicators["1a"].name == "Curriculum"


def test_a_store_built_for_another_directory_is_not_read(data_copy: Path, tmp_path: Path) -> None:
    open_crosswalk(data_copy)
    other = tmp_path / "elsewhere" / "data"
    other.parent.mkdir()
    data_copy.rename(other)
    edited = other / "standards.yaml"
    edited.write_text(edited.read_text("utf-8").replace("name: Curriculum", "name: Moved"), "utf-8")
    assert open_crosswalk(other).standard_indicators["1a"].name == "Moved"


def test_no_writable_cache_builds_in_memory(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert open_crosswalk(data_copy).standard_indicators["1b"].name == "Instruction"
    assert blocker.read_text() == "not a directory"


def test_a_lookup_reads_only_what_it_needs(data_copy: Path) -> None:
    """The statements a lookup runs do not depend on how much data there is: no full scans."""
    from crosswalk_cli.store.cache import open_store
    from crosswalk_cli.store.read import crosswalk

    db = open_store(data_copy.resolve())
    plans: list[str] = []
    db.set_trace_callback(plans.append)
    stored = crosswalk(db)
    standard(stored, "1b")
    competency(stored, "VVC.3.a")
    db.set_trace_callback(None)
    for sql in set(plans):
        if (
            not sql.lstrip().upper().startswith("SELECT")
            or "FROM framework" in sql
            or "FROM crosswalk" in sql
        ):
            continue
        detail = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql.replace("?", "NULL")))
        assert "SCAN" not in detail.replace("SCAN CONSTANT ROW", ""), (sql, detail)


def test_yaml_is_the_source_of_truth(cw: Crosswalk) -> None:
    assert load().standard_indicators["1b"].name == open_crosswalk().standard_indicators["1b"].name
    assert default_data_dir().is_dir()


def test_a_lookup_reads_as_many_records_at_any_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolving an id and answering `standard` and `competency` decode the same number of records from a
    store of the packaged data and from one five times its size."""
    import importlib.util

    from crosswalk_cli.queries.resolve import resolve_competency, resolve_standard
    from crosswalk_cli.store import read
    from crosswalk_cli.store.cache import open_store

    spec = importlib.util.spec_from_file_location(
        "scale_data", Path(__file__).parents[1] / "bench" / "scale_data.py"
    )
    assert spec is not None and spec.loader is not None
    scale_data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale_data)
    decoded: list[int] = []
    real = read.DECODER.decode
    monkeypatch.setattr(read.DECODER, "decode", lambda text: decoded.append(1) or real(text))
    counts = []
    for scale in (1, 5):
        data = tmp_path / f"x{scale}"
        scale_data.main(str(default_data_dir()), str(data), scale)
        cw = read.crosswalk(open_store(data.resolve()))
        decoded.clear()
        standard(cw, resolve_standard(cw, "1b"))
        competency(cw, resolve_competency(cw, "VVC.3.a"))
        competency(cw, resolve_competency(cw, "I.3.a"))  # a short form, through the alias index
        counts.append(len(decoded))
    assert counts[0] == counts[1] > 0
