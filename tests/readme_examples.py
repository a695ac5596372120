"""The README's examples are real output: each ```console block starting with `$ crosswalk ...`
is rerun at 80 columns and must match. `python -m tests.readme_examples` rewrites them."""

from __future__ import annotations

import contextlib
import re
import shlex
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from crosswalk_cli.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"```console\n\$ (crosswalk [^\n]*)\n(.*?)```", re.DOTALL)


def run(command: str) -> str:
    """Output of one example command line (``crosswalk ARGS [| head -n N]``)."""
    pipeline, _, head = command.partition(" | head -n ")
    args = shlex.split(pipeline)[1:]
    # Examples name files relative to the repository (examples/...) and may write some (an export):
    # they run in a fresh folder that holds only a link to examples/, so nothing lands in the checkout.
    with tempfile.TemporaryDirectory() as work, contextlib.chdir(work):
        (Path(work) / "examples").symlink_to(README.parent / "examples")
        result = CliRunner().invoke(
            app, args, env={"COLUMNS": "80", "NO_COLOR": "1", "CROSSWALK_DATA_DIR": None}
        )
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    if head:
        lines = lines[: int(head)]
    return "\n".join(lines) + "\n"


def render(text: str) -> str:
    return BLOCK.sub(lambda m: f"```console\n$ {m.group(1)}\n{run(m.group(1))}```", text)


if __name__ == "__main__":
    README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"updated {README}\n")
