"""The documentation's examples are real output: each ```console block starting with `$ crosswalk ...`, in
README.md and in every docs/*.md, is rerun at 80 columns and must match.
`python -m tests.readme_examples` rewrites them all (any docs/*.md added later is picked up)."""

from __future__ import annotations

import contextlib
import re
import shlex
import sys
import tempfile
from pathlib import Path

from .entryrun import run as run_entry

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
BLOCK = re.compile(r"```console\n\$ (crosswalk [^\n]*)\n(.*?)```", re.DOTALL)
# What an example may name relative to the repository: linked into the folder it runs in.
LINKED = ("examples", "docs")


# A page whose examples are one session (run in order in one folder, replies fed to a review) says so,
# naming the test that reruns it; the checker here leaves it to that test.
SESSION = re.compile(r"<!-- examples: one session, rerun by (tests/[\w/]+\.py) -->")


def pages() -> list[Path]:
    """The README, then every page of the manual, in name order."""
    return [README, *sorted(DOCS.glob("*.md"))]


def session_runner(path: Path) -> Path | None:
    """The test that reruns a session page's examples, or None for a page of separate examples."""
    found = SESSION.search(path.read_text(encoding="utf-8"))
    return ROOT / found.group(1) if found else None


def documents() -> list[Path]:
    """The pages whose examples this checker reruns: all but the session pages."""
    return [path for path in pages() if session_runner(path) is None]


def run(command: str) -> str:
    """Output of one example command line (``crosswalk ARGS [| head -n N]``)."""
    pipeline, _, head = command.partition(" | head -n ")
    args = shlex.split(pipeline)[1:]
    # Examples name files relative to the repository (examples/..., docs/examples/...) and may write some
    # (an export): they run in a fresh folder holding only links to those, so nothing lands in the checkout.
    # Each builds its stores in a cache of its own: a store keeps the data directory's path as it was given
    # when it was built, so one shared with other runs could show another run's spelling of it.
    with tempfile.TemporaryDirectory() as work, contextlib.chdir(work):
        for name in LINKED:
            (Path(work) / name).symlink_to(ROOT / name)
        env = {"COLUMNS": "80", "NO_COLOR": "1", "CROSSWALK_DATA_DIR": None}
        env["XDG_CACHE_HOME"] = f"{work}/cache"
        result = run_entry(args, env)
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    if head:
        lines = lines[: int(head)]
    return "\n".join(lines) + "\n"


def render(text: str) -> str:
    return BLOCK.sub(lambda m: f"```console\n$ {m.group(1)}\n{run(m.group(1))}```", text)


if __name__ == "__main__":
    for path in documents():
        text = path.read_text(encoding="utf-8")
        new = render(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            sys.stdout.write(f"updated {path.relative_to(ROOT)}\n")
