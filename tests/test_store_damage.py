"""A damaged store (pages overwritten, zeroed or cut, text altered, its record damaged or swapped) is
rebuilt, never read page by page: the answer is the one a fresh build gives. One damaged after it was
checked, while it is read, ends in one line and is rebuilt at the next run."""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import Invoke
from .storekit import store_of, title

PAGE = 4096
RECORD = b"InstructionEnsures that instructional"  # MA:1b's title, then its text, in its row


def lookup(invoke: Invoke, data: Path) -> tuple[int, str, str]:
    result = invoke("standard", "1b", "--json", "--data-dir", str(data))
    return result.exit_code, result.stdout, result.stderr


def _page_of(raw: bytes, needle: bytes) -> int:
    at = raw.find(needle)
    assert at > 0
    return at // PAGE


def alter_text(path: Path) -> None:
    raw = path.read_bytes()
    assert RECORD in raw
    with path.open("r+b") as f:  # in place: the file keeps its inode
        f.write(raw.replace(RECORD, b"InstructioxEnsures that instructional"))


def zero_record_page(path: Path) -> None:
    page = _page_of(path.read_bytes(), RECORD)
    with path.open("r+b") as f:
        f.seek(page * PAGE)
        f.write(bytes(PAGE))


def random_pages(path: Path) -> None:
    rng = random.Random(7)
    pages = path.stat().st_size // PAGE
    with path.open("r+b") as f:
        for page in rng.sample(range(1, pages), 3):
            f.seek(page * PAGE)
            f.write(rng.randbytes(PAGE))


def cut(path: Path) -> None:
    with path.open("r+b") as f:
        f.truncate(path.stat().st_size * 3 // 5)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "altered text": alter_text,
    "zeroed page": zero_record_page,
    "random pages": random_pages,
    "cut": cut,
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_store_gives_the_fresh_answer(invoke: Invoke, data_copy: Path, damage: str) -> None:
    fresh = lookup(invoke, data_copy)
    assert fresh[0] == 0 and json.loads(fresh[1])["standard"]["name"] == "Instruction"
    DAMAGE[damage](store_of(data_copy))
    assert lookup(invoke, data_copy) == fresh


@pytest.mark.parametrize("damage", ["altered text", "zeroed page"])
def test_damage_right_after_the_build_is_seen(data_copy: Path, damage: str) -> None:
    """Within a clock tick of the rename that put the store in place, a write need not move the store's
    times: until the store is older than that, its digest is checked at every lookup."""
    assert title(data_copy) == "Instruction"
    DAMAGE[damage](store_of(data_copy))
    assert title(data_copy) == "Instruction"


def test_damage_while_the_store_is_read_is_one_line_then_rebuilt(
    invoke: Invoke, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Damage between the store's check and a read of it: one line, and the next run rebuilds."""
    from crosswalk_cli.queries import resolve
    from crosswalk_cli.store.cache import record_path

    assert title(data_copy) == "Instruction"
    real = resolve.resolve_in

    def damaged_first(*args: object, **kwargs: object) -> object:
        zero_record_page(store_of(data_copy))  # after the checks, before the first read of an item's row
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(resolve, "resolve_in", damaged_first)
    result = invoke("standard", "1b", "--data-dir", str(data_copy))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "rebuilt at the next run" in result.stderr
    assert not record_path(store_of(data_copy)).exists()
    monkeypatch.setattr(resolve, "resolve_in", real)
    assert title(data_copy) == "Instruction"


@pytest.mark.parametrize("how", ["garbage", "cut", "empty", "another directory's", "a folder"])
def test_a_damaged_or_foreign_record_means_a_rebuild(
    invoke: Invoke, data_copy: Path, tmp_path: Path, how: str
) -> None:
    from crosswalk_cli.store.cache import record_path

    fresh = lookup(invoke, data_copy)
    key = record_path(store_of(data_copy))
    alter_text(store_of(data_copy))  # only a rebuild gives the fresh answer now
    if how == "garbage":
        key.write_bytes(random.Random(3).randbytes(key.stat().st_size))
    elif how == "cut":
        key.write_bytes(key.read_bytes()[:-9])
    elif how == "empty":
        key.write_bytes(b"")
    elif how == "a folder":
        key.unlink()
        key.mkdir()
    else:
        other = shutil.copytree(data_copy, tmp_path / "other")
        title(other)
        shutil.copyfile(record_path(store_of(other)), key)
    assert lookup(invoke, data_copy) == fresh


def test_a_store_copied_whole_is_checked_by_its_digest_not_rebuilt(invoke: Invoke, data_copy: Path) -> None:
    fresh = lookup(invoke, data_copy)
    path = store_of(data_copy)
    copy = path.with_name("copy")
    shutil.copyfile(path, copy)
    os.replace(copy, path)  # the same bytes under a new inode, as a restored backup has
    inode = path.stat().st_ino
    assert lookup(invoke, data_copy) == fresh
    assert path.stat().st_ino == inode  # read, not rebuilt


def test_a_folder_at_the_store_s_name_still_gets_an_answer(invoke: Invoke, data_copy: Path) -> None:
    fresh_copy = shutil.copytree(data_copy, data_copy.with_name("twin"))
    fresh = lookup(invoke, fresh_copy)
    path = store_of(data_copy)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.mkdir()
    for _ in range(2):
        assert lookup(invoke, data_copy) == fresh
    assert path.is_dir() and list(path.iterdir()) == []
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_store_that_cannot_be_written_whole_answers_from_memory(data_copy: Path, tmp_path: Path) -> None:
    """Files may not grow past 64 KiB here (as on a full disk): the store's build fails and the store is
    built in memory for this run; nothing half-written is kept."""
    import resource
    import signal
    import subprocess
    import sys

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 16, 1 << 16))

    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "crosswalk_cli", "standard", "1b", "--json", "--data-dir"]
    command.append(str(data_copy))
    fresh = subprocess.run(command, capture_output=True, text=True, check=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, preexec_fn=limited)
    assert (result.returncode, result.stdout, result.stderr) == (0, fresh.stdout, "")
    assert [p.name for p in (cache / "crosswalk").iterdir()] == []
