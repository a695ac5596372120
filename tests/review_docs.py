"""docs/review.md's examples are real output. Its ```console blocks are one session, run in order in a
fresh folder that holds a copy of docs/examples/district as `district/` (a review writes its file there):
`$ crosswalk ...`, optionally `printf 'KEYS' | ` before it (the replies typed) and `| head -n N` after.
Every decision is timed at one fixed moment, so the page does not change with the clock.
`python -m tests.review_docs` rewrites the blocks."""

from __future__ import annotations

import contextlib
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path
from unittest import mock

from typer.testing import CliRunner

from crosswalk_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "review.md"
MOMENT = "2026-09-15T14:02:00Z"
REVIEWED = "district/rusd-jff.yaml"  # the file the page's review writes
BLOCK = re.compile(r"```console\n\$ ((?:printf '[^'\n]*' \| )?crosswalk [^\n]*)\n(.*?)```", re.DOTALL)


def run(command: str) -> str:
    """Output of one example command line, in the current folder."""
    keys = ""
    if command.startswith("printf "):
        typed, _, command = command.partition(" | ")
        keys = shlex.split(typed)[1].replace("\\n", "\n")
    pipeline, _, head = command.partition(" | head -n ")
    args = shlex.split(pipeline)[1:]
    with mock.patch("crosswalk_cli.suggest.review.now", lambda: MOMENT):
        result = CliRunner().invoke(
            app, args, input=keys, env={"COLUMNS": "80", "NO_COLOR": "1", "CROSSWALK_DATA_DIR": None}
        )
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    if head:
        lines = lines[: int(head)]
    return "\n".join(lines) + "\n"


def render(text: str) -> tuple[str, str]:
    """The page with every example run again, and the review file the examples wrote."""
    with tempfile.TemporaryDirectory() as work, contextlib.chdir(work):
        shutil.copytree(ROOT / "docs" / "examples" / "district", Path(work) / "district")
        page = BLOCK.sub(lambda m: f"```console\n$ {m.group(1)}\n{run(m.group(1))}```", text)
        return page, (Path(work) / REVIEWED).read_text(encoding="utf-8")


if __name__ == "__main__":
    DOC.write_text(render(DOC.read_text(encoding="utf-8"))[0], encoding="utf-8")
    sys.stdout.write(f"updated {DOC}\n")
