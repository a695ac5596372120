"""Random argument vectors over every command and option, run in-process through the real entry point
(``entry.run``: what the console script runs); none may end in an exception, an exit code outside {0, 1, 2},
a traceback or a raw control character on the terminal.

The test suite runs a few hundred (tests/test_fuzz_argv.py); a longer campaign runs by hand:

    python -m tests.fuzz.fuzz_argv --n 20000 --seed 1

Files are written only inside a fresh temporary directory (the process works there; generated paths are
relative names without '..'), and --data-dir points only at a copy of the data made there.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from typer.testing import CliRunner

from crosswalk_cli import entry
from crosswalk_cli.datadir import default_data_dir

COMMANDS: list[list[str]] = [
    ["standard"], ["competency"], ["theme"], ["standards"], ["competencies"], ["themes"], ["search"],
    ["errata"], ["validate"], ["matrix"], ["export"], ["export", "csv"], ["export", "markdown"],
    ["export", "case"], ["export", "sqlite"], ["assess"], ["assess", "take"], ["assess", "report"],
    ["frameworks"], ["item"], ["items"], ["suggest"], ["import"], ["import", "case"], [],
]  # fmt: skip
OPTIONS = [
    "--format", "-f", "--json", "--theme", "-t", "--domain", "-d", "--relation", "-r", "--svg", "--html",
    "--out", "-o", "--respondent", "--start", "-s", "--data-dir", "--help", "-h", "--version", "--",
    "--bogus", "-x", "--framework", "-F", "--to", "--from", "--top", "-k", "--evaluate", "--review",
    "--reviewer", "--base-uri", "--crosswalk", "--no-packaged", "--packaged",
]  # fmt: skip
IDS = [
    "1", "1b", "I-B", "1(b)", "4f", "5a", "VVC", "VVC.3", "VVC.3.a", "vvc3a", "I.3.a", "SRS.6.d", "PSMV",
    "EI", "equity", "risk", "instruction", "Curriculum", "CB", "XX", "0", "-1", "9999", "BPS", "BPS:2.3",
    "2.3", "MA:1b", "ma", "JFF", "MAPLE", "bps:", ":1", "A:B:C",
]  # fmt: skip
VALUES = ["table", "json", "csv", "markdown", "svg", "html", "xml", "all", "primary", "additional", "", " ",
          "-", "=", "--="]  # fmt: skip
PATHS = ["out.csv", "pics/m.svg", "m.html", "answers.yaml", "answers.csv", "missing/dir/x", "case_dir", "."]
ALPHABET = "abcXYZ019.-_ ()[]/\\'\"$*?~=\t\n\x1b\x07\x7f\x9b\u202e\u00e9\u2019\u2014\ufffe\U0001f600"


def _random_text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.05:
        return rng.choice("xX1é\x1b") * rng.choice([61, 300, 5000, 40000])
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))


STANDARDS = ["1", "1b", "I-B", "4f", "2", "instruction", "VVC.3.a"]
COMPETENCIES = ["VVC.3", "VVC.3.a", "vvc3a", "I.3.a", "SRS.6.d", "1b", "VVC"]
THEMES = ["EI", "equity", "risk", "LC", "cm", "XX"]
DOMAINS = ["VVC", "PSMV", "IV", "cb", "XYZ"]
FORMATS = VALUES[:4]
WELL_FORMED: dict[str, list[list[str]]] = {
    "standard": [STANDARDS, ["-t"], THEMES, ["-f"], FORMATS],
    "competency": [COMPETENCIES, ["--format"], FORMATS],
    "theme": [THEMES, ["--json"]],
    "competencies": [["-d"], DOMAINS, ["-t"], THEMES, ["-f"], FORMATS],
    "search": [["data", "family", "budget", "zz"], ["-t"], THEMES, ["-f"], FORMATS],
    "matrix": [["-r"], VALUES[5:8], ["-t"], THEMES, ["-f"], FORMATS],
    "item": [["BPS:2.3", "2.3", "1", "MA:1b", "JFF:VVC.3.a", "BPS:9", "XYZ:1"], ["-f"], FORMATS],
    "items": [["BPS", "ma", "JFF", "NOPE"], ["-f"], FORMATS],
    "frameworks": [["-f"], FORMATS],
    "suggest": [
        ["BPS:3.2", "VVC.3.a", "1b", "MA:1"],
        ["--to"],
        ["MA", "JFF", "BPS", "NOPE"],
        ["--top"],
        ["1", "3", "0", "99", "x"],
        ["-f"],
        FORMATS,
    ],
}


def _well_formed(rng: random.Random) -> list[str]:
    """A command with plausible arguments, some of them wrong: reaches past the parser."""
    command = rng.choice(list(WELL_FORMED))
    args = [command]
    for choices in WELL_FORMED[command]:
        if len(choices) > 1 or rng.random() < 0.5:
            args.append(rng.choice(choices) if rng.random() < 0.9 else _random_text(rng))
    return args


def argv(rng: random.Random, data_copy: str) -> list[str]:
    """One random command line."""
    if rng.random() < 0.5:
        return _well_formed(rng)
    args = list(rng.choice(COMMANDS))
    for _ in range(rng.randint(0, 5)):
        roll = rng.random()
        if roll < 0.35:
            args.append(rng.choice(OPTIONS))
        elif roll < 0.6:
            args.append(rng.choice(IDS))
        elif roll < 0.72:
            args.append(rng.choice(VALUES))
        elif roll < 0.82:
            args.append(rng.choice(PATHS))
        elif roll < 0.86:
            args += ["--data-dir", rng.choice([data_copy, "no-such-dir", "out.csv"])]
        else:
            args.append(_random_text(rng))
    if rng.random() < 0.3 and args:
        rng.shuffle(args)
    return args


@dataclass
class Outcome:
    tried: int = 0
    failed: int = 0
    codes: Counter[int] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)


@contextlib.contextmanager
def workspace() -> Iterator[tuple[Path, str]]:
    """A temporary working directory holding a copy of the data; the old directory comes back after."""
    root = Path(tempfile.mkdtemp(prefix="crosswalk-fuzz-"))
    data = root / "data"
    shutil.copytree(default_data_dir(), data)
    old = Path.cwd()
    os.chdir(root)
    try:
        yield root, str(data)
    finally:
        os.chdir(old)
        shutil.rmtree(root, ignore_errors=True)


def _bad_output(text: str) -> bool:
    """A raw control character other than newline and tab (tables are drawn without colour here)."""
    return any(ch in text for ch in "\x1b\x07\x7f\x9b\u202e") or "Traceback" in text


def run(n: int, seed: int) -> Outcome:
    rng = random.Random(seed)
    runner = CliRunner()
    outcome = Outcome()
    env = {"COLUMNS": "80", "CROSSWALK_DATA_DIR": None, "NO_COLOR": "1", "TERM": "dumb"}
    with workspace() as (root, data_copy):
        for _ in range(n):
            args = argv(rng, data_copy)
            crash: BaseException | None = None
            with runner.isolation(input="", env=env) as streams:
                try:
                    code = entry.run(args)
                except BaseException as exc:  # anything escaping the entry point is a failure
                    code, crash = -1, exc
                for stream in (sys.stdout, sys.stderr):
                    with contextlib.suppress(OSError, ValueError):
                        stream.flush()
                captured = b"".join(s.getvalue() for s in streams[:2] if s is not None)
                shown = captured.decode("utf-8", "replace")
            outcome.tried += 1
            outcome.codes[code] += 1
            if crash is not None or code not in (0, 1, 2) or _bad_output(shown):
                outcome.failed += 1
                if len(outcome.examples) < 10:
                    outcome.examples.append(f"{args!r:.300} -> {code} {crash!r:.200} {shown[-200:]!r}")
            if not Path.cwd().samefile(root):  # a command must never move the process elsewhere
                raise AssertionError(f"{args!r} changed the working directory")
    return outcome


def campaign(doc: str, trials: Callable[[int, int], Outcome], default_n: int) -> None:
    """A fuzzer's command line: ``--n`` trials from ``--seed``, its outcome printed; exit 1 on a failure."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--n", type=int, default=default_n)
    parser.add_argument("--seed", type=int, default=1)
    opts = parser.parse_args()
    outcome = trials(opts.n, opts.seed)
    print(f"tried {outcome.tried}, failed {outcome.failed}, exit codes {dict(sorted(outcome.codes.items()))}")
    for example in outcome.examples:
        print("  " + example)
    sys.exit(1 if outcome.failed else 0)


def main() -> None:
    campaign(__doc__ or "", run, 2000)


if __name__ == "__main__":
    main()
