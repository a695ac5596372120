"""A seeded, bounded run of the reply fuzzer (the long campaign: `python -m tests.fuzz.fuzz_review --n 300`):
twelve sessions of `suggest --review` and `assess take`, each a real process fed random replies."""

from __future__ import annotations

import subprocess
import sys

from .fuzz import fuzz_review


def test_random_replies_end_cleanly() -> None:
    outcome = fuzz_review.run(12, seed=4)  # before the fix, two of these twelve ended in a traceback
    assert outcome.tried == 12
    assert outcome.failed == 0, "\n".join(outcome.examples)
    assert set(outcome.codes) <= {0, 1, 2, 130}


def test_a_ctrl_c_as_the_process_ends_is_ignored() -> None:
    """The fuzzer's Ctrl-C sometimes landed as a finished session exited: the process was killed by the
    signal (status -2), without a word. From the end of the run on, Ctrl-C is ignored; here the signal
    comes while the interpreter finishes (at exit), where it raised a KeyboardInterrupt."""
    code = (
        "import atexit, os, signal\n"
        "atexit.register(lambda: os.kill(os.getpid(), signal.SIGINT))\n"
        "from crosswalk_cli.entry import main\n"
        "main(['--version'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stderr) == (0, "")
