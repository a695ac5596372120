"""docs/sqlite.md's examples are real: each ```console block `$ sqlite3 FILE "SQL"` is run against fresh
exports (crosswalk.db: the packaged data; district.db: with docs/examples/district) and must give what
it shows, as the sqlite3 shell prints it. `python -m tests.test_sqlite_docs` rewrites them."""

from __future__ import annotations

import re
import sqlite3
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from crosswalk_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "sqlite.md"
BLOCK = re.compile(r'```console\n\$ sqlite3 (\S+) "([^"\n]+)"\n(.*?)```', re.DOTALL)
EXPORTS = {"crosswalk.db": [], "district.db": ["--data-dir", str(ROOT / "docs" / "examples" / "district")]}


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def render(text: str) -> str:
    with tempfile.TemporaryDirectory() as work:
        for name, args in EXPORTS.items():
            result = CliRunner().invoke(app, ["export", "sqlite", "-o", str(Path(work) / name), *args])
            assert result.exit_code == 0, result.output

        def run(m: re.Match[str]) -> str:
            db = sqlite3.connect(Path(work) / m.group(1))
            try:
                rows = "".join("|".join(map(_cell, row)) + "\n" for row in db.execute(m.group(2)))
            finally:
                db.close()
            return f'```console\n$ sqlite3 {m.group(1)} "{m.group(2)}"\n{rows}```'

        return BLOCK.sub(run, text)


def test_the_sqlite_examples_are_real_output() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert len(BLOCK.findall(text)) >= 5
    assert render(text) == text, "run `.venv/bin/python -m tests.test_sqlite_docs` to refresh docs/sqlite.md"


if __name__ == "__main__":
    DOC.write_text(render(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"updated {DOC}\n")
