"""The process as a terminal sees it (issue 9): closed pipes, closed or full streams, an ASCII terminal,
Ctrl-C at any moment, a group without a command, escape sequences and huge arguments in messages."""

from __future__ import annotations

import errno
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from crosswalk_cli import entry

from .conftest import Invoke

CROSSWALK = [sys.executable, "-m", "crosswalk_cli"]


def env() -> dict[str, str]:
    """A crosswalk process's environment, read when the test runs: so it has the tests' own cache
    (conftest sets XDG_CACHE_HOME once the session starts, after this module is imported)."""
    result = {**os.environ, "COLUMNS": "80", "PYTHONDONTWRITEBYTECODE": "1"}
    result.pop("CROSSWALK_DATA_DIR", None)
    return result


def as_in_a_terminal() -> None:
    """In the child, before it runs: Ctrl-C takes its default action, as for a command typed in a
    terminal. A suite started in the background (``cmd &`` in a script) hands its children SIGINT
    ignored, and Python keeps it so: the signal would then find nothing to stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CROSSWALK, *args], capture_output=True, text=True, env=env(), check=False, **kwargs
    )  # type: ignore[call-overload, no-any-return]


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_reader_gone_before_output_exits_0_quietly(fmt: str) -> None:
    """The reader closes the pipe before a byte is written: every write fails with EPIPE."""
    proc = subprocess.Popen(
        [*CROSSWALK, "competencies", "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=30) == 0, err
    assert err == ""


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_head_cuts_output_the_tool_exits_0(fmt: str) -> None:
    """The README's `crosswalk theme equity | head -n 16`: the tool's own exit code, not the pipeline's."""
    command = " ".join([*CROSSWALK, "theme", "equity", "--format", fmt])
    proc = subprocess.run(
        ["bash", "-c", f"{command} | head -n 2 >/dev/null; echo ${{PIPESTATUS[0]}}"],
        capture_output=True,
        text=True,
        env=env(),
        check=False,
    )
    assert proc.stdout.strip() == "0"
    assert proc.stderr == ""


def test_closed_stdout_is_a_clear_error() -> None:
    command = " ".join([*CROSSWALK, "theme", "EI"])
    proc = subprocess.run(["bash", "-c", f"{command} >&-"], capture_output=True, text=True, env=env())
    assert proc.returncode == 1
    assert proc.stderr == "crosswalk: error: standard output is closed\n"


def test_closed_stdout_does_not_matter_when_writing_a_file(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    command = " ".join([*CROSSWALK, "export", "csv", "-o", str(out)])
    proc = subprocess.run(["bash", "-c", f"{command} >&-"], capture_output=True, text=True, env=env())
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbfentry,")


def test_closed_stdin_for_assess_take(tmp_path: Path) -> None:
    command = " ".join([*CROSSWALK, "assess", "take", "-o", str(tmp_path / "a.yaml")])
    proc = subprocess.run(["bash", "-c", f"{command} <&-"], capture_output=True, text=True, env=env())
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[-1] == "crosswalk: error: standard input is closed"
    assert "Traceback" not in proc.stderr


class _FullDisk(io.StringIO):
    """A stdout on a full disk: every write fails as writing to /dev/full would."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("args", [["theme", "EI"], ["theme", "EI", "--json"], ["export", "csv"]])
def test_full_disk_on_stdout(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CROSSWALK_DATA_DIR", raising=False)
    monkeypatch.setattr(sys, "stdout", _FullDisk())
    assert entry.run(args) == 1
    assert capsys.readouterr().err == "crosswalk: error: cannot write output: No space left on device\n"


def test_ascii_terminal_gets_escapes_not_a_crash() -> None:
    ascii_env = {**env(), "PYTHONIOENCODING": "ascii"}
    table = subprocess.run(
        [*CROSSWALK, "competency", "VVC.3.c"], capture_output=True, text=True, env=ascii_env, check=False
    )
    assert table.returncode == 0, table.stderr
    assert "questioning\\u2014academically" in table.stdout
    as_json = subprocess.run(
        [*CROSSWALK, "competency", "VVC.3.c", "--json"], capture_output=True, env=ascii_env, check=False
    )
    assert as_json.returncode == 0
    as_json.stdout.decode("ascii")  # nothing but ASCII, and the same data
    assert "questioning—academically" in json.loads(as_json.stdout)["indicator"]["text"]


def test_ctrl_c_at_random_early_moments() -> None:
    """Ctrl-C while typer and rich load, while the data loads, while the table is drawn: exit 130 and one
    line, never a traceback. Until the interpreter reaches entry.main (its own start-up) the signal is
    Python's: those runs never entered main and are counted apart, as are runs that ended first."""
    subprocess.run([*CROSSWALK, "matrix"], capture_output=True, env=env(), check=True)  # the store is built
    runs = []
    for _ in range(3):  # scale the moments to this machine's speed now, on a built store
        began = time.monotonic()
        subprocess.run([*CROSSWALK, "matrix"], capture_output=True, env=env(), check=True)
        runs.append(time.monotonic() - began)
    whole = sorted(runs)[1]
    rng = random.Random(9)
    seen: dict[str, int] = {"ours": 0, "before main": 0, "ended first": 0}
    tries = 0
    while seen["ours"] < 4 and tries < 60:  # until four signals have landed while crosswalk runs
        tries += 1
        proc = subprocess.Popen(
            [*CROSSWALK, "matrix"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env(),
            preexec_fn=as_in_a_terminal,
        )
        time.sleep(rng.uniform(0.2, 0.9) * whole)
        proc.send_signal(signal.SIGINT)
        err = proc.communicate(timeout=30)[1].decode()
        if not re.search(r'entry\.py", line \d+, in (run|main)', err) and proc.returncode in (-2, 1):
            seen["before main"] += 1  # interrupted in the interpreter's start-up
            continue
        assert "Traceback" not in err, err
        assert proc.returncode in (0, 130), err
        if proc.returncode == 130:
            seen["ours"] += 1
            assert err == "crosswalk: interrupted\n"
        else:
            seen["ended first"] += 1
    assert seen["ours"] >= 4, (seen, runs)


@pytest.mark.parametrize(("args"), [[], ["assess"], ["export"]])
def test_a_group_alone_prints_help_and_exits_2(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2  # no command given: bad usage, as for `crosswalk` alone
    assert "Usage:" in result.stdout
    assert "error" not in result.stderr


def test_control_characters_in_arguments_are_shown_escaped(invoke: Invoke) -> None:
    result = invoke("standard", "\x1b[2J\u202e\x9b")
    assert result.exit_code == 2
    assert result.stderr == "crosswalk: error: no standard or indicator '\\x1b[2J\\u202e\\x9b'\n"
    result = invoke("frobnicate\x1b]0;pwned\x07")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "frobnicate\\x1b]0;pwned\\x07" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["standard", "x" * 40000], ["frobnicate" * 4000], ["standard", "1b", "--format", "y" * 40000],
     ["standard", "1b", "--theme", "z" * 40000], ["competencies", "--domain", "é" * 40000],
     ["standard", "1b", f"--{'q' * 40000}"]],
)  # fmt: skip
def test_huge_arguments_are_cut_in_messages(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and len(lines[0]) < 300, lines[0][:400]
    assert "…" in lines[0]


def test_data_texts_with_escape_sequences_are_shown_escaped(invoke: Invoke, data_copy: Path) -> None:
    path = data_copy / "standards.yaml"
    text = path.read_text(encoding="utf-8")
    assert "title: Instruction\n" in text
    path.write_text(text.replace("title: Instruction\n", 'title: "Instr\\e[2Juction"\n'), encoding="utf-8")
    result = invoke("standard", "1b", "--data-dir", str(data_copy))  # (Markdown: the outputs' escaper)
    assert "\x1b" not in result.stdout + result.stderr
    if result.exit_code == 0:
        assert "Instr\\x1b[2Juction" in result.stdout
    result = invoke("standard", "1b", "--data-dir", str(data_copy), "--json")
    if result.exit_code == 0:  # JSON escapes it its own way, and the value is exact
        assert json.loads(result.stdout)["standard"]["name"] == "Instr\x1b[2Juction"


def test_matrix_picture_replaces_the_table(invoke: Invoke, tmp_path: Path) -> None:
    html = tmp_path / "m.html"
    result = invoke("matrix", "--html", str(html))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"crosswalk: wrote {html}\n"
    assert html.exists()
    asked = invoke("matrix", "--html", str(html), "--json")  # a format asked for is still printed
    assert json.loads(asked.stdout)["command"] == "matrix"


@pytest.mark.parametrize("where", ["missing/m.svg", "folder"])
def test_matrix_bad_picture_path_fails_before_printing(invoke: Invoke, tmp_path: Path, where: str) -> None:
    (tmp_path / "folder").mkdir()
    good = tmp_path / "ok.html"
    result = invoke("matrix", "--html", str(good), "--svg", str(tmp_path / where))
    assert result.exit_code in (1, 2)  # a folder is refused by the option parser (bad usage)
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("crosswalk: error: ")
    assert not good.exists()  # nothing written either


def test_entry_point_is_light_before_it_handles_signals() -> None:
    """The console script imports entry before anything else: it must not load typer, rich or typing
    first, or a Ctrl-C during those imports escapes its handler."""
    heavy = "{'typer', 'rich', 'typing', 'yaml'}"
    code = f"import sys, crosswalk_cli.entry; print(sorted({heavy} & set(sys.modules)))"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env(), check=False
    )
    assert proc.stdout.strip() == "[]", proc.stdout
    assert shutil.which("bash")


def test_json_escapes_what_a_terminal_would_act_on(invoke: Invoke) -> None:
    query = "data \x7f\x9b\u202e"
    result = invoke("search", query, "--json")
    assert result.exit_code == 0
    assert not any(ch in result.stdout for ch in "\x7f\x9b\u202e")
    assert json.loads(result.stdout)["query"] == query  # the same text, read back


def test_picture_name_too_long_is_one_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("matrix", "--svg", str(tmp_path / ("n" * 300)))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("crosswalk: error: ") and "File name too long" in result.stderr


def test_a_ctrl_c_python_wraps_is_still_an_interrupt(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    """A Ctrl-C while a class is made (``import ipaddress``, under typer) reaches us as a RuntimeError
    caused by the KeyboardInterrupt: exit 130 and one line, as for any Ctrl-C."""
    from crosswalk_cli import cli, entry, lookup

    def interrupted(args: list[str]) -> Any:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error calling __set_name__ on 'cached_property' instance") from exc

    monkeypatch.setattr(cli, "build_app", interrupted)
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # leave the test process's own handlers be
    assert entry.run(["errata"]) == 130  # a line typer reads
    assert capsys.readouterr().err == "crosswalk: interrupted\n"
    monkeypatch.setattr(lookup, "answer", lambda call: interrupted([]))
    assert entry.run(["competencies"]) == 130  # a line the quick path reads
    assert capsys.readouterr().err == "crosswalk: interrupted\n"
    monkeypatch.setattr(cli, "build_app", lambda args: (_ for _ in ()).throw(RuntimeError("other")))
    with pytest.raises(RuntimeError):
        entry.run(["errata"])


def test_a_ctrl_c_python_can_only_ignore_still_ends_the_run(tmp_path: Path) -> None:
    """A Ctrl-C landing in a callback Python cannot raise from (the import system's module locks, as CI
    saw, or a finalizer) was printed as "Exception ignored" with a traceback, and the run ended 0 as if
    no one had pressed it: it ends 130 with the one line instead (what it had written stays written)."""
    script = (
        "import sys\n"
        "from crosswalk_cli import entry\n"
        "class Finalized:\n"
        "    def __del__(self):\n"
        "        raise KeyboardInterrupt\n"
        "def run(argv=None):\n"
        "    Finalized()\n"
        "    sys.stdout.write('went on\\n')\n"
        "    return 0\n"
        "entry.run = run\n"
        "entry.main()\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=30)
    assert (proc.returncode, proc.stdout, proc.stderr) == (130, "went on\n", "crosswalk: interrupted\n")
