"""Every writer takes its output one way: -o/--out, '-' meaning stdout where a single file is written (a
directory for CASE packages). The other guess, the file as an argument, gets one line naming the option;
`export sqlite FILE`, the old form, keeps working with a hint."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from .conftest import Invoke


@pytest.mark.parametrize(("kind", "what"), [("csv", "FILE"), ("markdown", "FILE"), ("case", "DIR")])
def test_a_file_given_as_an_argument_is_answered_with_the_option(
    invoke: Invoke, tmp_path: Path, kind: str, what: str
) -> None:
    target = tmp_path / "out"
    r = invoke("export", kind, str(target))
    assert r.exit_code == 2 and r.stdout == ""
    [line] = r.stderr.splitlines()
    assert f"-o/--out {what}" in line and f"-o {target}" in line
    assert not target.exists()


@pytest.mark.parametrize("kind", ["csv", "markdown"])
def test_out_takes_a_file_or_dash_for_stdout(invoke: Invoke, tmp_path: Path, kind: str) -> None:
    to_stdout = invoke("export", kind, "-o", "-")
    assert to_stdout.exit_code == 0 and to_stdout.stdout
    target = tmp_path / f"out.{kind}"
    r = invoke("export", kind, "--out", str(target))
    assert r.exit_code == 0 and r.stdout == ""
    assert target.read_bytes().decode("utf-8-sig") == to_stdout.stdout  # the same bytes, CSV's CRLF and all


def test_case_wants_its_directory_as_the_option(invoke: Invoke) -> None:
    r = invoke("export", "case")
    assert r.exit_code == 2 and "-o/--out DIR" in r.stderr and len(r.stderr.splitlines()) == 1


def test_sqlite_as_an_argument_still_works_with_a_hint(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "data.sqlite"
    r = invoke("export", "sqlite", str(target))
    assert r.exit_code == 0
    [line] = r.stderr.splitlines()
    hint = "(hint: give it as -o/--out FILE; FILE as an argument is kept for old scripts)"
    assert line == f"crosswalk: wrote {target} {hint}"
    assert sqlite3.connect(target).execute("SELECT count(*) FROM item").fetchone()[0] > 0
    quiet = invoke("export", "sqlite", "-o", str(tmp_path / "other.sqlite"))
    assert quiet.exit_code == 0 and "hint" not in quiet.stderr
    failed = invoke("export", "sqlite", str(tmp_path))  # a directory: one line, the error alone
    assert failed.exit_code != 0 and len(failed.stderr.splitlines()) == 1 and "hint" not in failed.stderr


def test_export_case_replaces_only_an_earlier_export_of_the_same_document(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A file in -o that is not an earlier export of the same CASE document is kept, and nothing written."""
    out = tmp_path / "case"
    out.mkdir()
    (out / "MA.json").write_text('{"mine": 1}', encoding="utf-8")
    result = invoke("export", "case", "-o", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert "MA.json: is already there and is not an earlier export of the same CASE document" in result.stderr
    assert (out / "MA.json").read_text(encoding="utf-8") == '{"mine": 1}' and len(list(out.iterdir())) == 1
    (out / "MA.json").unlink()
    assert invoke("export", "case", "-o", str(out)).exit_code == 0
    again = invoke("export", "case", "-o", str(out))  # an earlier export of the same documents: replaced
    assert again.exit_code == 0 and again.stderr.count("wrote") == 3
    (out / "JFF.json").rename(out / "JFF.tmp")
    (out / "MA.json").rename(out / "JFF.json")  # another document under the name
    assert invoke("export", "case", "-o", str(out)).exit_code == 1
