"""Random replies at the keyboard for `suggest --review` and `assess take`, each session a real process with
a timeout: digits of every Unicode script, superscripts and circled numbers, huge numbers, ids and
labels, empty lines, the end of input, bytes that are not UTF-8, control characters, a Ctrl-C now and
then. None may end in a traceback, a hang, an exit code outside {0, 1, 2, 130}, a file that no longer
reads back, or a raw control character on the terminal.

Sessions resume the file the one before wrote (and start afresh now and then); half run in a UTF-8
locale, half in the C locale (where Python reads bytes that are not UTF-8 as lone surrogates).
The test suite runs a few (tests/test_fuzz_review.py); a longer campaign runs by hand:

    python -m tests.fuzz.fuzz_review --n 300 --seed 1

Everything is written inside a fresh temporary directory, with HOME and XDG_CACHE_HOME pointed there.
"""

from __future__ import annotations

import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from functools import cache
from pathlib import Path

from .fuzz_argv import Outcome, campaign

REVIEW = ["suggest", "--from", "BPS", "--to", "MA", "--review", "--top", "3", "--reviewer", "R"]
TIMEOUT = 60
WORDS = ["1", "2", "3", "4", "5", "0", "-1", "1 3", "1,3", "3 1 1", "r", "reject", "s", "b", "q", "quit",
         "skip", "back", "emerging", "Developing", "I Don't Know", "dont_know", "leading", "Q", " 2 ",
         "1.0", "+2", "2e0", "0x2", "1_0", "½", "VVC.1", "BPS:1.1"]  # fmt: skip
BYTES = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\xef\xbb\xbf", b"\x00"]
CONTROLS = ["\x1b[2J", "\x1b]0;title\x07", "\x07", "\x7f", "\x9b", "\u202e", "\u2028", "\x0b", "\x0c",
            "\x1c", "\x85", "\r", "\t", "\ufeff", "\ufffe"]  # fmt: skip
# What a terminal would act on: C0 but newline and tab, DEL, C1, line separators, bidi controls.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@cache
def _numbers() -> dict[str, list[str]]:
    """Unicode's digits (Nd: every script's 0-9), other numbers (No: superscripts, circled, fractions)
    and letter numbers (Nl: Roman numerals)."""
    found: dict[str, list[str]] = {"Nd": [], "No": [], "Nl": []}
    for code in range(0x110000):
        ch = chr(code)
        category = unicodedata.category(ch)
        if category in found:
            found[category].append(ch)
    return found


def reply(rng: random.Random) -> bytes:
    """One line typed, as bytes (sometimes without its newline, as the last line of a file can be)."""
    roll = rng.random()
    if roll < 0.3:
        text = rng.choice(WORDS)
    elif roll < 0.5:
        kind = rng.choice(["Nd", "Nd", "No", "Nl"])
        text = "".join(rng.choice(_numbers()[kind]) for _ in range(rng.randint(1, 3)))
    elif roll < 0.58:
        text = rng.choice("123456789") * rng.choice([7, 19, 4301, 5000, 100_000])
    elif roll < 0.66:
        text = rng.choice(["", " ", "\t", "  \t "])
    elif roll < 0.78:
        return rng.choice(WORDS).encode() + rng.choice(BYTES) + b"\n"
    elif roll < 0.9:
        text = rng.choice(WORDS) + rng.choice(CONTROLS) + rng.choice(["", rng.choice(WORDS)])
    else:
        text = " ".join(rng.choice(WORDS[:6]) for _ in range(rng.randint(2, 400)))
    return text.encode("utf-8", "surrogatepass") + (b"\n" if rng.random() < 0.95 else b"")


def _readable(kind: str, path: Path) -> str | None:
    """Why the file a session left does not read back, or None."""
    if not path.exists():
        return None
    if kind == "review":
        from crosswalk_cli.loader.crosswalks import read_crosswalk

        try:
            read_crosswalk(path, path.read_bytes())
        except Exception as exc:  # any failure to read back is the finding
            return f"does not read back: {exc!r:.200}"
        return None
    from crosswalk_cli.assess.answers import read_answers
    from crosswalk_cli.commands.assess import _resolver, _survey

    survey, framing, db = _survey(None, True)
    try:
        read_answers(path, survey, _resolver(db, survey, framing))
    except Exception as exc:
        return f"does not read back: {exc!r:.200}"
    return None


def session(rng: random.Random, root: Path) -> tuple[str, list[str], bytes, bool]:
    """(kind, arguments, what is typed, whether to interrupt) of one random session."""
    kind = rng.choice(["review", "take", "take"])
    if kind == "review":
        out = root / "review.yaml"
        args = [*REVIEW, "--out", str(out)]
    else:
        out = root / rng.choice(["answers.yaml", "answers.csv"])
        args = ["assess", "take", "-o", str(out)]
        if rng.random() < 0.2:
            args += ["--start", str(rng.randint(1, 21))]
    if rng.random() < 0.15:  # start afresh
        out.unlink(missing_ok=True)
    typed = b"".join(reply(rng) for _ in range(rng.randint(0, 14)))
    if rng.random() < 0.3:
        typed += b"q\n"
    return kind, args, typed, rng.random() < 0.08


def _run(
    args: list[str], typed: bytes, interrupt: float | None, env: dict[str, str], cwd: Path
) -> tuple[int, str]:
    """(exit code, everything shown): -9 for a hang."""
    command = [sys.executable, "-m", "crosswalk_cli", *args]
    if interrupt is None:
        try:
            proc = subprocess.run(
                command, input=typed, capture_output=True, env=env, cwd=cwd, timeout=TIMEOUT
            )
        except subprocess.TimeoutExpired:
            return -9, "(hung)"
        return proc.returncode, (proc.stdout + proc.stderr).decode("utf-8", "replace")
    child = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as typed in a terminal
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(typed[: len(typed) // 2])
    child.stdin.flush()
    # Once it has said something, crosswalk's own handlers are in place: a Ctrl-C in the interpreter's
    # start-up, before them, is Python's to report (tests/test_terminal.py counts those apart).
    select.select([child.stdout], [], [], TIMEOUT)
    time.sleep(interrupt)
    child.send_signal(signal.SIGINT)
    try:
        stdout, stderr = child.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return -9, "(hung after Ctrl-C)"
    return child.returncode, (stdout + stderr).decode("utf-8", "replace")


def run(n: int, seed: int) -> Outcome:
    rng = random.Random(seed)
    outcome = Outcome()
    root = Path(tempfile.mkdtemp(prefix="crosswalk-fuzz-review-"))
    base = {**os.environ, "HOME": str(root), "XDG_CACHE_HOME": str(root / "cache"), "COLUMNS": "80"}
    base.pop("CROSSWALK_DATA_DIR", None)
    try:
        for _ in range(n):
            kind, args, typed, interrupt = session(rng, root)
            env = {**base, "LC_ALL": rng.choice(["C.UTF-8", "C"]), "PYTHONUTF8": rng.choice(["1", "0"])}
            code, shown = _run(args, typed, rng.uniform(0.0, 0.5) if interrupt else None, env, root)
            out = Path(args[args.index("-o") + 1] if "-o" in args else args[args.index("--out") + 1])
            problems = []
            if code not in (0, 1, 2, 130):
                problems.append(f"exit {code}")
            if "Traceback" in shown:
                problems.append("a traceback")
            if (raw := RAW.search(shown)) is not None:
                problems.append(f"a raw {raw.group()!r} shown")
            if (unreadable := _readable(kind, out)) is not None:
                problems.append(unreadable)
                out.unlink()
            outcome.tried += 1
            outcome.codes[code] += 1
            if problems:
                outcome.failed += 1
                if len(outcome.examples) < 10:
                    outcome.examples.append(
                        f"{kind} {typed[:120]!r}: {'; '.join(problems)}; {shown[-300:]!r}"
                    )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return outcome


def main() -> None:
    campaign(__doc__ or "", run, 200)


if __name__ == "__main__":
    main()
