"""`crosswalk export sqlite FILE`: the store as a file for Datasette, sqlite-utils and the sqlite3 shell."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from crosswalk_cli.loader import load_all

from .conftest import Invoke
from .maple import Maple


def test_the_database_holds_every_link_with_its_keys_and_search(
    invoke: Invoke, cw: Maple, tmp_path: Path
) -> None:
    target = tmp_path / "crosswalk.db"
    result = invoke("export", "sqlite", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip() == f"crosswalk: wrote {target}"
    db = sqlite3.connect(target)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    printed = sum(1 + len(a.additional) for a in cw.alignments)
    assert db.execute("SELECT count(*) FROM link").fetchone() == (printed,)
    assert db.execute("SELECT count(*) FROM links").fetchone() == (printed,)
    rows = set(db.execute("SELECT entry, source_code, relation, target_code FROM links"))
    for a in cw.alignments:
        assert (a.seq, a.competency, "primary", a.primary) in rows
        assert all((a.seq, a.competency, "additional", s) in rows for s in a.additional)
    marked = " || ".join(f"highlight(item_search, {n}, '[', ']')" for n in range(3))  # title, text, parts
    hits = db.execute(
        f"SELECT i.framework, i.code, {marked} FROM item_search JOIN item i ON i.key = item_search.rowid"
        " WHERE item_search MATCH 'assessment' ORDER BY bm25(item_search)"
    ).fetchall()
    assert ("MA", "1c") in {(f, c) for f, c, _ in hits}
    assert [h for h in hits if "[" not in h[2]] == []
    items = db.execute("SELECT count(*) FROM items").fetchone()[0]
    maple = (cw.standards, cw.standard_indicators, cw.domains, cw.competencies, cw.indicators)
    assert items == sum(len(f.items) for f in load_all().frameworks) == sum(map(len, maple)) + 20  # and BPS's
    assert db.execute("SELECT count(*) FROM errata").fetchone() == (
        sum(len(a.errata) for a in cw.alignments),
    )


def test_a_new_file_follows_the_umask_and_a_replaced_one_keeps_its_mode(
    invoke: Invoke, tmp_path: Path
) -> None:
    target = tmp_path / "x.db"
    old = os.umask(0o022)
    try:
        assert invoke("export", "sqlite", str(target)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o640)
    assert invoke("export", "sqlite", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    link = tmp_path / "link.db"
    link.symlink_to(target)
    assert invoke("export", "sqlite", str(link)).exit_code == 0
    assert (
        link.is_symlink() and sqlite3.connect(target).execute("SELECT count(*) FROM item").fetchone()[0] > 0
    )


def test_what_is_not_a_regular_file_is_refused_and_left_alone(invoke: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target in (fifo, folder, tmp_path / "missing" / "x.db"):
        for args in ([str(target)], ["-o", str(target)]):
            result = invoke("export", "sqlite", *args)
            assert result.exit_code in (1, 2) and result.stdout == ""
            assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode) and folder.is_dir() and list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "pipe"]


def test_a_data_directory_goes_in_beside_the_packaged_data(invoke: Invoke, tmp_path: Path) -> None:
    from .test_export import district

    data = district(tmp_path / "data")
    target = tmp_path / "x.db"
    assert invoke("export", "sqlite", str(target), "--data-dir", str(data)).exit_code == 0
    db = sqlite3.connect(target)
    rows = db.execute(
        "SELECT crosswalk, count(*) FROM links GROUP BY crosswalk ORDER BY crosswalk"
    ).fetchall()
    assert rows == [("DIST-MA", 4), ("MAPLE", 457)]
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "dist.yaml").write_bytes((data / "dist.yaml").read_bytes())
    assert invoke("export", "sqlite", str(target), "--data-dir", str(alone), "--no-packaged").exit_code == 0
    db = sqlite3.connect(target)
    assert db.execute("SELECT DISTINCT framework FROM items").fetchall() == [("DIST",)]


def _export(*args: str, cwd: Path, stdout: int = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "crosswalk_cli", "export", "sqlite", *args]
    return subprocess.run(command, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, check=False)


def _items(path: Path) -> int:
    count: int = sqlite3.connect(path).execute("SELECT count(*) FROM item").fetchone()[0]
    return count


def test_out_names_the_file_and_the_argument_still_does(invoke: Invoke, tmp_path: Path) -> None:
    by_option, by_argument = tmp_path / "o.db", tmp_path / "a.db"
    assert invoke("export", "sqlite", "-o", str(by_option)).exit_code == 0
    assert invoke("export", "sqlite", str(by_argument)).exit_code == 0
    assert by_option.read_bytes() == by_argument.read_bytes() and _items(by_option) > 0
    both = invoke("export", "sqlite", str(by_argument), "--out", str(by_option))
    assert both.exit_code == 2 and both.stderr.count("\n") == 1


@pytest.mark.parametrize("args", [["-"], ["-o", "-"], ["--out", "-"]])
def test_a_dash_writes_the_database_to_stdout(tmp_path: Path, args: list[str]) -> None:
    result = _export(*args, cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == b""
    assert list(tmp_path.iterdir()) == []  # no file named '-'
    copy = tmp_path / "copy.db"
    copy.write_bytes(result.stdout)
    assert _items(copy) > 0 and sqlite3.connect(copy).execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize("args", [["-"], ["-o", "-"]])
def test_a_terminal_is_never_sent_a_database(tmp_path: Path, args: list[str]) -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        result = _export(*args, cwd=tmp_path, stdout=follower)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2 and result.stderr.count(b"\n") == 1 and b"Traceback" not in result.stderr
    assert b"terminal" in result.stderr and list(tmp_path.iterdir()) == []


def test_no_file_is_a_usage_error(tmp_path: Path) -> None:
    result = _export(cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b"" and result.stderr.count(b"\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_a_symbolic_link_loop_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    for args in (["export", "sqlite", str(loop)], ["export", "sqlite", "-o", str(loop)]):
        result = invoke(*args)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and "symbolic link" in result.stderr
    assert loop.is_symlink() and sorted(p.name for p in tmp_path.iterdir()) == ["loop"]


def test_a_device_is_refused_and_left_alone(invoke: Invoke, tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("cannot make a device node here")
    for args in (["export", "sqlite", str(device)], ["export", "sqlite", "-o", str(device)]):
        result = invoke(*args)
        assert (
            result.exit_code in (1, 2) and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        )
    assert stat.S_ISCHR(device.stat().st_mode) and sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_a_closed_stdout_is_one_line(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "crosswalk_cli", "export", "sqlite", "-o", "-"]
    result = subprocess.run(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=lambda: os.close(1), check=False)  # fmt: skip
    assert result.returncode == 1 and result.stderr == b"crosswalk: error: standard output is closed\n"
    assert list(tmp_path.iterdir()) == []
