"""The suggester's kept words and sums (suggest/kept.py): a kept state never changes an answer, and a
damaged, stale or misplaced file only costs the time it takes to work them out again."""

from __future__ import annotations

import json
import marshal
import os
import zlib
from pathlib import Path

import pytest

from crosswalk_cli.datadir import sources
from crosswalk_cli.store import open_database
from crosswalk_cli.suggest import Suggester, kept
from crosswalk_cli.suggest.fromstore import Inputs, inputs

from .conftest import Invoke
from .test_suggest_cli import ok


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "crosswalk"


@pytest.fixture(scope="module")
def data() -> Inputs:
    """What `suggest BPS:... --to MA` ranks from: MAPLE's links and the BPS leaves beside them."""
    db = open_database(sources())
    bps = [k for (k,) in db.execute("SELECT key FROM item WHERE framework = 'BPS' ORDER BY position")]
    return inputs(db, "MA", bps)


def fresh(data: Inputs) -> Suggester:
    return Suggester(data.sources, data.targets, data.links, strongest=data.strongest)


def same_answers(a: Suggester, b: Suggester) -> None:
    assert list(a.sources) == list(b.sources)
    for source in a.sources:
        assert a.rank(source, hide=(source,)) == b.rank(source, hide=(source,))
        assert a.suggest(source, top=3) == b.suggest(source, top=3)


def kept_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("suggest-*"))


def test_a_kept_state_gives_the_answers_worked_out_afresh(cache: Path, data: Inputs) -> None:
    first = kept.suggester(data.sources, data.targets, data.links, data.strongest)
    [path] = kept_files(cache)
    written = path.read_bytes()
    second = kept.suggester(data.sources, data.targets, data.links, data.strongest)
    assert path.read_bytes() == written  # read, not written again
    same_answers(second, fresh(data))
    same_answers(first, second)
    assert second.evaluate() == fresh(data).evaluate()


def _damage(path: Path, how: str, data: Inputs) -> None:
    if how == "truncated":
        path.write_bytes(path.read_bytes()[:1000])
    elif how == "garbage":
        path.write_bytes(os.urandom(4096))
    elif how == "one byte changed":
        raw = bytearray(path.read_bytes())
        raw[len(raw) // 2] ^= 0x55
        path.write_bytes(bytes(raw))
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "another key":
        key, crc, blob = marshal.loads(path.read_bytes())
        path.write_bytes(marshal.dumps((key + " ", crc, blob)))
    elif how == "a part missing":
        key, _, blob = marshal.loads(path.read_bytes())
        state = marshal.loads(blob)
        del state["index"]
        blob = marshal.dumps(state)
        path.write_bytes(marshal.dumps((key, zlib.crc32(blob), blob)))
    elif how == "other items":
        key, _, blob = marshal.loads(path.read_bytes())
        state = marshal.loads(blob)
        state["suggester"]["_prior"] = {"MA:9z": 1.0}
        blob = marshal.dumps(state)
        path.write_bytes(marshal.dumps((key, zlib.crc32(blob), blob)))
    elif how == "a number replaced by text":
        key, _, blob = marshal.loads(path.read_bytes())
        state = marshal.loads(blob)
        sums = state["suggester"]["_class_sum"]
        sums[next(iter(sums))] = "x"
        blob = marshal.dumps(state)
        path.write_bytes(marshal.dumps((key, zlib.crc32(blob), blob)))
    elif how == "a word's weight replaced by text":
        key, _, blob = marshal.loads(path.read_bytes())
        state = marshal.loads(blob)
        vec = next(iter(state["index"]["tvec"].values()))
        vec[next(iter(vec))] = "x"
        blob = marshal.dumps(state)
        path.write_bytes(marshal.dumps((key, zlib.crc32(blob), blob)))
    elif how == "larger than allowed":
        with open(path, "r+b") as f:  # sparse: no disk is used
            f.truncate(kept.MAX_BYTES + 1)
    elif how == "a FIFO":
        path.unlink()
        os.mkfifo(path)
    elif how == "a directory":
        path.unlink()
        path.mkdir()
    else:  # pragma: no cover - a misspelt case
        raise AssertionError(how)


DAMAGE = ["truncated", "garbage", "one byte changed", "empty", "another key", "a part missing",
          "other items", "a number replaced by text", "a word's weight replaced by text",
          "larger than allowed", "a FIFO", "a directory"]  # fmt: skip


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_file_is_worked_out_again(cache: Path, data: Inputs, how: str) -> None:
    kept.suggester(data.sources, data.targets, data.links, data.strongest)
    [path] = kept_files(cache)
    _damage(path, how, data)
    again = kept.suggester(data.sources, data.targets, data.links, data.strongest)
    same_answers(again, fresh(data))
    if how != "a directory":  # a good file takes the damaged one's place
        assert path.is_file()
        _, crc, blob = marshal.loads(path.read_bytes())
        assert zlib.crc32(blob) == crc


def test_no_cache_directory_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: Inputs
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    same_answers(kept.suggester(data.sources, data.targets, data.links, data.strongest), fresh(data))
    assert blocker.read_text() == "x"


def _retitle(data_dir: Path) -> None:
    path = data_dir / "bps.yaml"
    text = path.read_text(encoding="utf-8")
    assert "multiple sources" in text
    path.write_text(text.replace("multiple sources", "many voices"), encoding="utf-8")


def test_the_cli_answers_the_same_with_a_kept_state_and_sees_data_change(
    invoke: Invoke, cache: Path, data_copy: Path, tmp_path: Path
) -> None:
    args = ("suggest", "BPS:3.2", "--to", "MA", "--json", "--data-dir", str(data_copy))
    cold = ok(invoke, *args)
    assert kept_files(cache)
    assert ok(invoke, *args) == cold
    _retitle(data_copy)
    changed = ok(invoke, *args)
    before, after = json.loads(cold)["suggestions"], json.loads(changed)["suggestions"]
    assert "shared phrases: decision making, multiple sources" in before[0]["evidence"]
    assert not any("multiple sources" in line for s in after for line in s["evidence"])
    elsewhere = invoke(*args, env={"XDG_CACHE_HOME": str(tmp_path / "elsewhere")})
    assert (elsewhere.exit_code, elsewhere.stdout) == (0, changed)


def test_only_the_newest_files_are_kept(cache: Path, data: Inputs) -> None:
    cache.mkdir(parents=True)
    old = [cache / f"suggest-{n:08x}-1-1.marshal" for n in range(kept.KEEP + 4)]
    for n, path in enumerate(old):
        path.write_bytes(b"old")
        os.utime(path, ns=(n * 10**9, n * 10**9))
    mine = cache / "suggest-ffffffff-1-1.marshal"
    mine.mkdir()  # not a file: left alone
    other = cache / "notes.txt"
    other.write_text("mine")
    kept.suggester(data.sources, data.targets, data.links, data.strongest)
    left = kept_files(cache)
    files = [p for p in left if p.is_file()]
    assert len(files) == kept.KEEP and mine in left and other.read_text() == "mine"
    assert set(files) == {*old[-(kept.KEEP - 1) :], *(p for p in files if p not in old)}


def test_an_interrupted_write_leaves_nothing_behind(
    cache: Path, data: Inputs, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kept.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        kept.suggester(data.sources, data.targets, data.links, data.strongest)
    assert list(cache.iterdir()) == []
