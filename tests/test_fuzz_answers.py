"""Seeded, bounded fuzzing of answer files: whatever bytes a file holds, `assess report` answers or
says what is wrong in clear lines; never a traceback, never raw control characters on the terminal."""

from __future__ import annotations

import random
from pathlib import Path

from typer.testing import CliRunner

from crosswalk_cli.cli import app

SEEDS = {
    "a.yaml": b'respondent: "A"\ndate: "2026-09-15"\n'
    b"answers:\n  VVC.1: emerging\n  VVC.2: 4\n  CB.1: dont_know\n",
    "a.csv": b'competency,rating,notes\r\nVVC.1,Emerging,"a, b"\r\nVVC.2,4,\r\nCB.1,I Don\'t Know,x\r\n',
}
PIECES = [
    b",",
    b"\n",
    b"\r",
    b'"',
    b"\x00",
    b"\x1b[2J",
    b"\xc2\x85",
    b"\xef\xbf\xbe",
    b"\xff",
    b"!!map",
    b"!!seq",
    b"&a ",
    b"*a",
    b"[",
    b"{",
    b": ",
    b"- ",
    b"Rating",
    b"competency",
    b"x" * 200_000,
]


def mutate(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(out))
        choice = rng.random()
        if choice < 0.4:
            out[at:at] = rng.choice(PIECES)
        elif choice < 0.7 and out:
            del out[at : at + rng.randint(1, 8)]
        elif out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
    return bytes(out)


def campaign(tmp_path: Path, runs: int, seed: int) -> tuple[int, list[str]]:
    """(tried, failures): a failure is a traceback, an unclear stderr line or a raw escape shown."""
    rng = random.Random(seed)
    runner = CliRunner()
    failures = []
    for i in range(runs):
        name, original = rng.choice(sorted(SEEDS.items()))
        path = tmp_path / name
        path.write_bytes(mutate(rng, original))
        fmt = rng.choice(["table", "json", "csv", "markdown"])
        result = runner.invoke(app, ["assess", "report", str(path), "--format", fmt], env={"COLUMNS": "80"})
        clear = all(line.startswith("crosswalk: ") for line in result.stderr.splitlines())
        raw = "\x1b" in result.stdout + result.stderr or "\x85" in result.stdout + result.stderr
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        if crashed or not clear or raw or result.exit_code not in (0, 1):
            failures.append(f"{i}: {name} {fmt} exit {result.exit_code} {result.exception!r}")
    return runs, failures


def test_mutated_answer_files(tmp_path: Path) -> None:
    tried, failures = campaign(tmp_path, 400, seed=9)
    assert tried == 400
    assert failures == []
