"""A build killed midway (``kill -9``) leaves its temporary file in the cache; the next build removes it,
and only such files: ours by name, regular, older than a minute, locked by no living builder."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crosswalk_cli.datadir import default_data_dir

from .storekit import title

ROOT = Path(__file__).resolve().parents[1]
HOUR_AGO_NS = time.time_ns() - 3600 * 10**9


def _age(path: Path) -> Path:
    os.utime(path, ns=(HOUR_AGO_NS, HOUR_AGO_NS), follow_symlinks=False)
    return path


def test_a_killed_build_s_temporary_file_is_removed_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "x30"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "scale_data.py"), str(default_data_dir()), str(data), "30"],
        check=True,
    )
    cache = tmp_path / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    command = [sys.executable, "-m", "crosswalk_cli", "standard", "1b", "--data-dir", str(data)]
    build = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    folder = cache / "crosswalk"
    deadline = time.monotonic() + 60
    left: list[Path] = []
    while not left and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
        left = sorted(folder.glob(".store-*.tmp")) if folder.is_dir() else []
    time.sleep(0.05)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert left and all(p.exists() for p in left), "the build ended before it could be killed"
    for path in folder.iterdir():  # as if it had been killed an hour ago
        _age(path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    assert title(data) == "Instruction"
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


def test_only_stale_unlocked_temporary_files_of_ours_are_removed(tmp_path: Path) -> None:
    from crosswalk_cli.store.record import sweep

    def made(name: str, old: bool = True) -> Path:
        path = tmp_path / name
        path.write_bytes(b"x")
        return _age(path) if old else path

    stale = made(".store-a.sqlite.k1.tmp")
    locked = made(".store-a.sqlite.k2.tmp")
    young = made(".store-a.sqlite.k3.tmp", old=False)
    foreign = made("notes.tmp")
    orphan_journal = made(".store-a.sqlite.k4.tmp-journal")
    kept_journal = made(".store-a.sqlite.k3.tmp-journal")
    link = tmp_path / ".store-b.sqlite.k5.tmp"
    link.symlink_to(foreign)
    _age(link)
    holder = os.open(locked, os.O_RDONLY)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)  # a builder at work
        sweep(tmp_path, time.time_ns())
    finally:
        os.close(holder)
    assert not stale.exists() and not orphan_journal.exists()
    assert all(p.exists() for p in (locked, young, foreign, kept_journal)) and link.is_symlink()
