"""docs/case.md's sessions are real output: each ```console session block (several `$ crosswalk ...`
lines, each followed by what it prints, stdout then stderr) is run in order, all in one fresh folder
holding links to the district example and OpenSALT's test packages, at 80 columns, and must print what
the page shows. (A plain ```console block is one command alone, which tests/readme_examples.py reruns.)
`python -m tests.test_case_docs` rewrites them."""

from __future__ import annotations

import contextlib
import re
import shlex
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from crosswalk_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "case.md"
BLOCK = re.compile(r"```console session\n(.*?)```", re.DOTALL)
LINKS = {  # the names the examples use for the folders they read
    "district": ROOT / "docs" / "examples" / "district",
    "opensalt": ROOT / "tests" / "fixtures" / "case" / "opensalt",
}


def _run(command: str) -> str:
    """What one example prints (``crosswalk ARGS [| head -n N]``), in the current folder."""
    pipeline, _, head = command.partition(" | head -n ")
    args = shlex.split(pipeline)[1:]
    # stores in a cache of this folder's own: a store keeps the data directory's path as first given
    # (relative here), so one shared with other tests would show them this spelling of it
    env = {
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "CROSSWALK_DATA_DIR": None,
        "XDG_CACHE_HOME": f"{Path.cwd()}/cache",
    }
    result = CliRunner().invoke(app, args, env=env)
    lines = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
    return "\n".join(lines[: int(head)] if head else lines) + "\n"


def _block(text: str) -> str:
    """A console block with each command's output as it is now."""
    out = []
    for command in re.findall(r"^\$ (crosswalk .*)$", text, re.MULTILINE):
        out.append(f"$ {command}\n{_run(command)}")
    return "".join(out)


def render(text: str) -> str:
    with tempfile.TemporaryDirectory() as work, contextlib.chdir(work):
        for name, target in LINKS.items():
            (Path(work) / name).symlink_to(target)
        return BLOCK.sub(lambda m: f"```console session\n{_block(m.group(1))}```", text)


def test_case_doc_examples_are_real_output() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert BLOCK.search(text)
    assert render(text) == text, "run `.venv/bin/python -m tests.test_case_docs` to refresh docs/case.md"


if __name__ == "__main__":
    DOC.write_text(render(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"updated {DOC}\n")
