"""`import case` with hostile text: random characters injected into random text fields of the CASE fixtures
(tests/fixtures/case/*.json), some unsafe (control characters, DEL and C1, bidirectional marks, overrides and
isolates, line and paragraph separators, noncharacters, half surrogate pairs), some odd but safe (combining
marks, emoji and ZWJ sequences, right-to-left letters, no-break and zero-width spaces, tabs, CRLF, Markdown
and CSV punctuation). Each trial imports the three packages, one of them changed, through the real entry
point, and passes when

- the import is refused: exit 1, one line on stderr, nothing written; or
- it imports, and what it imported then shows, in every format asked (a random few commands of
  `frameworks`, `items`, `matrix --crosswalk`, `export csv|markdown --crosswalk`, each in table, json, csv
  or markdown), with exit 0 and no raw unsafe character on stdout or stderr;

and fails on anything else: an exception or traceback, another exit code, a raw unsafe character, more than
one line for a refusal, files written by a refused import. The test suite runs a few seeded trials
(tests/test_fuzz_case_text.py); a longer campaign runs by hand:

    python -m tests.fuzz.fuzz_case_text --n 500 --seed 1 [--checks 40]

Everything is written in a fresh temporary directory, which is also the run's HOME and XDG_CACHE_HOME.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from crosswalk_cli import entry

from ..hostile_text import raw

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "case"
UNSAFE = [
    *(chr(c) for c in range(0x20) if chr(c) not in "\n\t"), "\x7f", "\x80", "\x85", "\x9b", "\x9f",
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
    "\u2069", "\u2028", "\u2029", "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff",
    "\ud800", "\udc80", "\udfff", "\x1b]0;title\x07", "\x1b[2J", "\x9b31m",
]  # fmt: skip
ODD = [
    "e\u0301", "\u0300\u0301\u0302", "\U0001f331", "\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u00a0", "\u200b", "\ufeff", "\t",
    "\r\n", "\n", " ", "=", "+", "-", "@", "|", "`", "*", "<b>", "\\", '"', "'", "#", "&amp;", "\u2014",
    "\u00e9", "\u4e2d\u6587",
]  # fmt: skip
CHECKS = [["frameworks"], ["items", "{framework}"], ["matrix", "--crosswalk", "{crosswalk}"]]
EXPORTS = [
    ["export", "csv", "--crosswalk", "{crosswalk}"],
    ["export", "markdown", "--crosswalk", "{crosswalk}"],
]
FORMATS = ["table", "json", "csv", "markdown"]


@dataclass
class Outcome:
    tried: int = 0
    refused: int = 0
    imported: int = 0
    checks: int = 0  # commands run on imported data
    failed: int = 0
    kinds: Counter[str] = field(default_factory=Counter)  # unsafe / odd / both injected
    examples: list[str] = field(default_factory=list)


def _strings(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path to every string in a JSON document."""
    if isinstance(value, str):
        yield at
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*at, k))
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from _strings(v, (*at, n))


def mutate(rng: random.Random, package: dict[str, Any]) -> str:
    """Inject characters into one to three of the package's strings: odd ones only, unsafe ones only, or
    both (a third of the trials each); say which."""
    paths = list(_strings(package))
    kind = rng.choice(["odd", "unsafe", "both"])
    for at in rng.sample(paths, rng.randint(1, min(3, len(paths)))):
        *parent, key = at
        holder: Any = package
        for step in parent:
            holder = holder[step]
        text = holder[key]
        for _ in range(rng.randint(1, 4)):
            unsafe = kind == "unsafe" or (kind == "both" and rng.random() < 0.5)
            piece = rng.choice(UNSAFE if unsafe else ODD)
            where = rng.randint(0, len(text))
            text = text[:where] + piece + text[where:]
        holder[key] = text
    return kind


def _write(rng: random.Random, path: Path, package: dict[str, Any]) -> None:
    """JSON as a server would send it: escaped, or UTF-8 (half a surrogate pair as CESU-8 bytes)."""
    if rng.random() < 0.7:
        path.write_text(json.dumps(package), encoding="utf-8")
    else:
        path.write_bytes(json.dumps(package, ensure_ascii=False).encode("utf-8", "surrogatepass"))


def _run(runner: CliRunner, env: dict[str, str], args: list[str]) -> tuple[int, str, str, str | None]:
    """Exit code, stdout, stderr, and the exception that escaped the entry point, if any."""
    crash = None
    with runner.isolation(input="", env=env) as streams:
        try:
            code = entry.run(args)
        except BaseException as exc:  # anything escaping the entry point is a failure
            code, crash = -1, f"{exc!r:.200}"
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        out, err = (
            s.getvalue().decode("utf-8", "surrogateescape") if s is not None else "" for s in streams[:2]
        )
    return code, out, err, crash


def _problem(code: int, out: str, err: str, crash: str | None, refusal_ok: bool) -> str | None:
    if crash is not None or "Traceback" in out + err:
        return f"crashed: {crash or err[-200:]!r}"
    if raw(out) or raw(err):
        return f"raw character: {raw(out) or raw(err)}"
    if code == 0:
        return None
    if code == 1 and refusal_ok and len(err.splitlines()) == 1 and err.startswith("crosswalk: error: "):
        return None
    return f"exit {code}: {err[-300:]!r}"


def _checks(rng: random.Random, out: Path, n: int) -> list[list[str]]:
    """A random few commands (with a format) over the imported data's frameworks and crosswalks."""
    frameworks, crosswalks = [], []
    for path in sorted(out.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        ident = next((line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("  id: ")), "")
        (frameworks if "\nframework:\n" in text else crosswalks).append(ident.strip("'\""))
    plans = [[*c, "--format", fmt] for c in CHECKS for fmt in FORMATS] + EXPORTS
    chosen = []
    for plan in rng.sample(plans, min(n, len(plans))):
        if any("{crosswalk}" in a for a in plan) and not crosswalks:
            continue
        pick = {"framework": rng.choice(frameworks or ["none"]), "crosswalk": rng.choice(crosswalks or ["-"])}
        chosen.append([a.format(**pick) for a in plan] + ["--data-dir", str(out)])
    return chosen


def run(n: int, seed: int, checks: int = 6) -> Outcome:
    rng = random.Random(seed)  # the inputs: the same for any code under test (checks draw from their own)
    runner = CliRunner()
    outcome = Outcome()
    seeds = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.json"))}
    root = Path(tempfile.mkdtemp(prefix="crosswalk-fuzz-text-"))
    env = {"HOME": str(root / "home"), "XDG_CACHE_HOME": str(root / "cache"), "COLUMNS": "80",
           "CROSSWALK_DATA_DIR": None, "NO_COLOR": "1", "TERM": "dumb"}  # fmt: skip
    try:
        for trial in range(n):
            work = root / f"t{trial}"
            work.mkdir()
            changed = rng.choice(list(seeds))
            for name, package in seeds.items():
                package = json.loads(json.dumps(package))
                if name == changed:
                    outcome.kinds[mutate(rng, package)] += 1
                _write(rng, work / name, package)
            out = work / "out"
            args = ["import", "case", *(str(work / name) for name in seeds), "--out", str(out)]
            code, stdout, stderr, crash = _run(runner, env, args)
            outcome.tried += 1
            problem = _problem(code, stdout, stderr, crash, refusal_ok=True)
            if problem is None and code == 1 and out.exists():
                problem = "refused, but wrote files"
            if problem is None and code == 0:
                outcome.imported += 1
                for check in _checks(random.Random(seed * 100_003 + trial), out, checks):
                    outcome.checks += 1
                    problem = _problem(*_run(runner, env, check), refusal_ok=False)
                    if problem is not None:
                        problem = f"{' '.join(check[:-2])}: {problem}"
                        break
            elif problem is None:
                outcome.refused += 1
            if problem is not None:
                outcome.failed += 1
                if len(outcome.examples) < 10:
                    outcome.examples.append(f"trial {trial} ({changed}): {problem}")
            shutil.rmtree(work, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--checks", type=int, default=len(CHECKS) * len(FORMATS) + len(EXPORTS),
                        help="commands run on each import that succeeds (default: all)")  # fmt: skip
    opts = parser.parse_args()
    o = run(opts.n, opts.seed, opts.checks)
    print(f"tried {o.tried}, refused {o.refused}, imported {o.imported} ({o.checks} commands on them), "
          f"failed {o.failed}; injected {dict(sorted(o.kinds.items()))}")  # fmt: skip
    for example in o.examples:
        print("  " + example)
    sys.exit(1 if o.failed else 0)


if __name__ == "__main__":
    main()
