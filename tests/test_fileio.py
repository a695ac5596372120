"""Files the tool writes: only regular files are replaced, modes kept, every failure one clear line.

Everything here is made inside tmp_path: FIFOs, symbolic links, a socket and a null device node.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswalk_cli import fileio

from .conftest import Invoke

ANSWERS = "respondent: A\nanswers:\n  VVC.1: emerging\n"


def one_error(result: object, *needles: str) -> None:
    """Exactly one stderr line, an error naming what went wrong; no traceback."""
    stderr: str = getattr(result, "stderr")  # noqa: B009
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("crosswalk: error: "), stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture()
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


# --- What may be replaced ---------------------------------------------------------------------------


def test_a_symlink_is_followed_and_kept(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "real" / "crosswalk.csv"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = invoke("export", "csv", "--out", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8-sig").startswith("entry,relation")
    assert leftovers(tmp_path) == [] and leftovers(target.parent) == []


def test_a_dangling_symlink_creates_its_target(invoke: Invoke, tmp_path: Path) -> None:
    link = tmp_path / "m.md"
    link.symlink_to(tmp_path / "made.md")
    assert invoke("export", "markdown", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and (tmp_path / "made.md").read_text(encoding="utf-8").startswith("# ")


def special_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    sock = tmp_path / "sock"
    os.mknod(sock, stat.S_IFSOCK | 0o600)
    made = {"FIFO": fifo, "socket": sock, "folder": tmp_path / "folder"}
    made["folder"].mkdir()
    if os.geteuid() == 0:  # a node for the null device (1, 3), made here, never written
        node = tmp_path / "null"
        os.mknod(node, stat.S_IFCHR | 0o600, os.makedev(1, 3))
        made["device"] = node
    return made


def test_special_files_are_refused_and_left_alone(tmp_path: Path) -> None:
    for kind, path in special_files(tmp_path).items():
        before = os.lstat(path)
        with pytest.raises(fileio.FileError) as exc:
            fileio.write_atomic(path, b"data")
        assert kind in str(exc.value) and "not a regular file" in str(exc.value)
        after = os.lstat(path)
        assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (before.st_ino, stat.S_IFMT(before.st_mode))
    assert leftovers(tmp_path) == []


def test_a_fifo_as_out_is_refused_through_the_cli(invoke: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    link = tmp_path / "link.svg"
    link.symlink_to(fifo)
    result = invoke("export", "csv", "-o", str(fifo))
    assert result.exit_code == 1 and result.stdout == ""
    one_error(result, "out.csv", "FIFO", "'-o -'")
    result = invoke("matrix", "--svg", str(link))
    assert result.exit_code == 1 and result.stdout == ""  # refused before the table is printed
    one_error(result, "link.svg", "FIFO")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink()


def test_dash_is_stdout(invoke: Invoke) -> None:
    result = invoke("export", "markdown", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("# ") and result.stderr == ""


# --- Modes -----------------------------------------------------------------------------------------------


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        fileio.write_atomic(tmp_path / "new.txt", b"x")
        fileio.write_tree(tmp_path / "pack", {"a.json": b"{}"})
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.txt").st_mode) == 0o640
    assert stat.S_IMODE(os.stat(tmp_path / "pack").st_mode) == 0o750
    assert stat.S_IMODE(os.stat(tmp_path / "pack" / "a.json").st_mode) == 0o640


def test_replaced_files_keep_their_mode(invoke: Invoke, tmp_path: Path, umask_022: None) -> None:
    for name, mode in (("x.csv", 0o644), ("y.csv", 0o604), ("z.csv", 0o600)):
        path = tmp_path / name
        path.write_text("old", encoding="utf-8")
        path.chmod(mode)
        assert invoke("export", "csv", "-o", str(path)).exit_code == 0
        assert stat.S_IMODE(path.stat().st_mode) == mode, name


# --- Failures: one line, old file intact, nothing left behind -------------------------------------------


def test_missing_folder(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("export", "csv", "-o", str(tmp_path / "missing" / "dir" / "x.csv"))
    assert result.exit_code == 1
    one_error(result, "missing/dir", "does not exist")


def test_name_over_255_bytes(invoke: Invoke, tmp_path: Path) -> None:
    name = "é" * 126 + ".csv"  # 256 bytes
    result = invoke("export", "csv", "-o", str(tmp_path / name))
    assert result.exit_code == 1
    one_error(result, "256 bytes", "255")
    assert list(tmp_path.iterdir()) == []


def test_a_name_at_the_limit_is_written(tmp_path: Path) -> None:
    name = "a" * 251 + ".csv"  # 255 bytes: the temporary file's name must not be longer
    fileio.write_atomic(tmp_path / name, b"x")
    assert (tmp_path / name).read_bytes() == b"x"


@pytest.mark.parametrize(
    ("code", "needle"),
    [
        (errno.ENOSPC, "no space left"),
        (errno.EDQUOT, "no space left"),
        (errno.EROFS, "read-only file system"),
        (errno.EACCES, "permission denied"),
        (errno.EIO, "input/output error"),
    ],
)
def test_write_failures(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, needle: str
) -> None:
    path = tmp_path / "x.csv"
    path.write_text("old", encoding="utf-8")

    def failing(fd: int, data: object) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fileio.os, "write", failing)
    result = invoke("export", "csv", "-o", str(path))
    assert result.exit_code == 1
    one_error(result, "x.csv", needle)
    assert path.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_read_only_folder(invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root writes anyway: make the folder refuse as it would for a user

        def refused(*args: object, **kwargs: object) -> object:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refused)
        monkeypatch.setattr(fileio.os, "open", refused)
    result = invoke("assess", "take", "-o", str(folder / "a.yaml"), env={"COLUMNS": "80"})
    folder.chmod(0o755)
    assert result.exit_code == 1
    one_error(result, "a.yaml", "permission denied")
    assert list(folder.iterdir()) == []


def test_cross_device_rename_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "elsewhere" / "a.txt"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / "a.txt"
    link.symlink_to(target)

    def cross(src: object, dst: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(fileio.os, "replace", cross)
    with pytest.raises(fileio.FileError) as exc:
        fileio.write_atomic(link, b"new")
    assert "another file system" in str(exc.value) and "\n" not in str(exc.value)
    assert target.read_bytes() == b"old" and leftovers(target.parent) == []
    monkeypatch.undo()
    # without the failure: the temporary file sits beside the link's target, so the rename never
    # crosses a device, wherever the link points
    assert fileio.write_atomic(link, b"new") == target
    assert target.read_bytes() == b"new" and link.is_symlink()


# --- export case: all or nothing -----------------------------------------------------------------------


def test_export_case_is_all_or_nothing(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "case"
    assert invoke("export", "case", "-o", str(out)).exit_code == 0
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(old) == ["JFF.json", "MA.json", "MAPLE.json"]
    for p in out.iterdir():  # make the old ones recognisable (still exports of the same documents)
        p.write_text(json.dumps({**json.loads(p.read_bytes()), "old": True}), encoding="utf-8")
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    real_write = os.write
    calls = {"n": 0}

    def full_on_the_second_file(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] >= 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(fileio.os, "write", full_on_the_second_file)
    result = invoke("export", "case", "-o", str(out))
    assert result.exit_code == 1
    one_error(result, "no space left", "nothing was changed")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old
    assert leftovers(out) == [] and leftovers(tmp_path) == []

    calls["n"] = 0
    fresh = tmp_path / "new" / "case"
    result = invoke("export", "case", "-o", str(fresh))
    assert result.exit_code == 1 and not fresh.exists()
    assert leftovers(tmp_path / "new") == []
    monkeypatch.undo()
    result = invoke("export", "case", "-o", str(out))
    assert result.exit_code == 0
    assert all(json.loads(p.read_text(encoding="utf-8")).get("CFDocument") for p in out.iterdir())
    assert len(result.stderr.splitlines()) == 3


def test_export_case_refuses_a_fifo_package(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "case"
    out.mkdir()
    os.mkfifo(out / "MAPLE.json")
    result = invoke("export", "case", "-o", str(out))
    assert result.exit_code == 1
    one_error(result, "MAPLE.json", "FIFO")
    assert sorted(p.name for p in out.iterdir()) == ["MAPLE.json"]


# --- Reading: regular files only, with a cap -----------------------------------------------------------


def run_cli(
    *args: str, stdin: int | None = subprocess.DEVNULL, timeout: float = 20
) -> subprocess.CompletedProcess[str]:
    """The real program in a process of its own: a hang fails the test instead of stopping the suite."""
    env = {**os.environ, "COLUMNS": "80"}
    env.pop("CROSSWALK_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "crosswalk_cli", *args],
        capture_output=True,
        text=True,
        stdin=stdin,
        timeout=timeout,
        env=env,
    )


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    for args in (("assess", "report", str(fifo)), ("assess", "take", "-o", str(fifo))):
        result = run_cli(*args)
        assert result.returncode == 1
        one_error(result, "answers.yaml", "FIFO")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_devices_folders_and_big_files_are_refused(invoke: Invoke, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (1 << 20) + b"\nanswers: {}\n")
    for path, needle in (
        ("/dev/zero", "a device"),  # only read: refused before a byte is taken
        (str(tmp_path), "a folder"),
        (str(big), "larger than 1 MiB"),
    ):
        result = invoke("assess", "report", path)
        assert result.exit_code == 1, path
        one_error(result, path, needle)


def test_reading_stops_at_the_cap_even_when_the_size_lies(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 100)
    assert fileio.read_regular(path, 100) == b"x" * 100
    with pytest.raises(fileio.FileError):
        fileio.read_regular(path, 99)
    assert fileio.read_regular(tmp_path / "none.yaml", 100) is None


# --- Locking ---------------------------------------------------------------------------------------


def test_a_second_take_is_told_another_holds_the_file(invoke: Invoke, tmp_path: Path) -> None:
    import fcntl

    out = tmp_path / "answers.yaml"
    out.write_text(ANSWERS, encoding="utf-8")
    lock = fileio.lock_path(out)
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = invoke("assess", "take", "-o", str(out))
    assert result.exit_code == 1
    one_error(result, "another 'crosswalk assess take'", "answers.yaml")
    assert out.read_text(encoding="utf-8") == ANSWERS


def test_two_processes(tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    out.write_text(ANSWERS, encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-m", "crosswalk_cli", "assess", "take", "-o", str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        first_line = holder.stdout.readline()  # once it has said this, it holds the lock
        assert first_line.startswith("Resuming"), first_line
        second = run_cli("assess", "take", "-o", str(out))
        assert second.returncode == 1
        one_error(second, "another 'crosswalk assess take'")
        holder.stdin.write("2\n3\n")
        holder.stdin.close()
        assert holder.wait(timeout=20) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    assert "VVC.3: developing" in out.read_text(encoding="utf-8")
    assert leftovers(tmp_path) == []  # the lock file is gone with its holder
    third = run_cli("assess", "take", "-o", str(out))
    assert third.returncode == 0 and "3 of 21" in third.stdout


def test_take_through_a_symlink_updates_the_file_it_points_to(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "kept" / "answers.yaml"
    target.parent.mkdir()
    target.write_text(ANSWERS, encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    from typer.testing import CliRunner

    from crosswalk_cli.cli import app

    result = CliRunner().invoke(app, ["assess", "take", "-o", str(link)], input="2\n")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and "VVC.2: emerging" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == [] and leftovers(target.parent) == []
