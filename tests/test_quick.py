"""The quick path (quick.py) reads the common lookup lines without typer: it must read them exactly as typer
does, leave every other line to typer, and answer as the typer path answers."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import typer

from crosswalk_cli import lookup, quick
from crosswalk_cli.cli import build_app
from crosswalk_cli.entry import run
from crosswalk_cli.lookup import Call

ROOT = Path(__file__).resolve().parents[1]
DISTRICT = ROOT / "docs" / "examples" / "district"
# typer's parameter name -> the Call field quick.py sets from it
FIELDS = {
    "crosswalk": "crosswalk",
    "fmt": "fmt",
    "as_json": "json",
    "data_dir": "data_dir",
    "packaged": "packaged",
    "theme": "themes",
    "framework": "frameworks",
    "domain": "domain",
    "to": "to",
    "top": "top",
}


def click_command(name: str) -> Any:
    group = typer.main.get_command(build_app([name]))
    return group.commands[name]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(quick.COMMANDS))
def test_the_options_are_the_typer_commands_own(name: str) -> None:
    """Every option the quick path reads is the typer command's, read the same way (a flag, a value, a
    repeatable value), with the same value for a flag; every option of the command is known to it."""
    command = click_command(name)
    arity, allowed = quick.COMMANDS[name]
    seen: dict[str, tuple[str, str]] = {}
    fields = set()
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    assert [p.nargs for p in arguments] == {"many": [-1], "one": [1]}.get(arity, [])
    left = quick.LEFT_TO_TYPER.get(name, ())
    for param in command.params:
        if param.param_type_name == "argument":
            continue
        if param.name == "help":
            assert not set(param.opts) & set(quick.OPTIONS)  # help is typer's to give
            continue
        if set(param.opts) <= set(left):  # an option that makes the line typer's
            assert not set(param.opts) & set(quick.OPTIONS)
            continue
        field = FIELDS[param.name]
        fields.add(field)
        kind = quick.FLAG if param.is_flag else quick.REPEAT if param.multiple else quick.VALUE
        for opt in param.opts:
            seen[opt] = (field, kind)
            if param.is_flag:
                assert quick.FLAG_VALUES[opt] is True
        for opt in param.secondary_opts:
            seen[opt] = (field, kind)
            assert quick.FLAG_VALUES[opt] is False
    assert set(left) <= {opt for p in command.params for opt in p.opts}
    assert fields == set(allowed)
    assert seen == {opt: spec for opt, spec in quick.OPTIONS.items() if spec[0] in allowed}


def typer_call(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[list[Call], int, str]:
    """The Calls typer's path makes of ``argv`` (the answer itself left out), its exit code and stderr."""
    calls: list[Call] = []
    monkeypatch.setattr(lookup, "answer", calls.append)
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = build_app(argv)(args=list(argv), prog_name="crosswalk", standalone_mode=False)
    return calls, int(code or 0), err.getvalue()


def test_typer_path_makes_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    """The differential test below compares something: typer's path does end in lookup.answer."""
    calls, code, _ = typer_call(["standard", "1b", "--json"], monkeypatch)
    assert code == 0
    assert calls == [Call("standard", ("1b",), fmt="json")]


WORDS = ["1b", "VVC.3.a", "EI", "data", "BPS:3.2", "MA", "", "-", "--", "-x", "é", "\udcff", "a=b", "-5"]
VALUES = [
    "json",
    "csv",
    "JSON",
    "table",
    "markdown",
    "svg",
    "bogus",
    "MAPLE",
    "EI",
    "vision",
    "",
    "-1",
    "é",
    "\udcff",
]
EXTRA = [
    "-h",
    "--help",
    "--version",
    "--jso",
    "--json=1",
    "--crosswalk=MAPLE",
    "--format=csv",
    "-fjson",
    "-tEI",
]
EXTRA += ["--theme=EI", "--framework=MA", "--data-dir=", "-F", "--no-packaged=1", "--Json", "--to=MA", "-k5"]
EXTRA += ["--from", "--evaluate", "--review", "-o", "--reviewer", "--top=0"]


def lines(seed: int, count: int, folders: list[str]) -> Iterator[list[str]]:
    rng = random.Random(seed)
    for n in range(count):
        plain = n % 2 == 0  # every other line from plain words, options and values alone
        words = WORDS[:6] if plain else WORDS
        options = list(quick.OPTIONS) if plain else [*quick.OPTIONS, *EXTRA]
        values = VALUES[:12] if plain else VALUES
        argv = [rng.choice([*quick.COMMANDS, *quick.COMMANDS, "errata", "matrix", "--json"])]
        for _ in range(rng.randint(0, 6)):
            pick = rng.random()
            if pick < 0.4:
                argv.append(rng.choice(words))
            elif pick < 0.9 or plain:
                option = rng.choice(options)
                argv.append(option)
                if quick.OPTIONS.get(option, ("", quick.FLAG))[1] != quick.FLAG and rng.random() < 0.9:
                    argv.append(rng.choice(folders if option == "--data-dir" else values))
            else:
                argv.append(rng.choice(["--data-dir", *folders]))
        yield argv


def same_calls(argvs: Iterator[list[str]], monkeypatch: pytest.MonkeyPatch) -> int:
    """How many of the lines the quick path reads, each checked to make the Call typer makes of it."""
    read = 0
    for argv in argvs:
        mine = quick.read(argv)
        if mine is not None:
            read += 1
            assert typer_call(argv, monkeypatch) == ([mine], 0, ""), argv
    return read


def test_both_readers_make_the_same_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """6,000 random lines: wherever the quick path reads a line, typer reads the same Call from it."""
    monkeypatch.delenv("CROSSWALK_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    folders = ["folder", "folder/", "./folder", str(tmp_path / "folder"), "file", "missing", str(DISTRICT)]
    assert same_calls(lines(20, 6000, folders), monkeypatch) >= 600  # the quick path is exercised


def suggest_lines(seed: int, count: int) -> Iterator[list[str]]:
    """``suggest`` lines: an item, --to, --top and the shared options, in any order, now and then with an
    option the quick path leaves to typer, or a value it does not read."""
    rng = random.Random(seed)
    tops = ["1", "5", "100", "05", "0", "101", "+5", "\uff15", " 5", "x", ""]
    for _ in range(count):
        parts = [[rng.choice(["BPS:3.2", "bps:3.2", "MA:1a", "R1.1"])]] if rng.random() < 0.9 else []
        if rng.random() < 0.85:
            parts.append(rng.choice([["--to", rng.choice(["MA", "JFF", "ma", ""])], ["--to=MA"]]))
        if rng.random() < 0.5:
            parts.append([rng.choice(["--top", "-k"]), rng.choice(tops)])
        if rng.random() < 0.4:
            parts.append(rng.choice([["--json"], ["-f", "csv"], ["--format", "markdown"], ["--no-packaged"]]))
        if rng.random() < 0.15:
            parts.append(
                rng.choice([["--from", "BPS"], ["--review"], ["-o", "x.yaml"], ["--evaluate", "MAPLE"]])
            )
        if rng.random() < 0.1:
            parts.append(["--top", "3"])  # given twice, now and then
        rng.shuffle(parts)
        yield ["suggest", *(token for part in parts for token in part)]


def test_both_readers_make_the_same_suggest_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """1,500 ``suggest`` lines: wherever the quick path reads one, typer reads the same Call from it."""
    monkeypatch.delenv("CROSSWALK_DATA_DIR", raising=False)
    assert same_calls(suggest_lines(21, 1500), monkeypatch) >= 300


COMMON = [
    ["suggest", "BPS:3.2", "--to", "MA", "--json"],
    ["suggest", "--to=MA", "BPS:3.2", "-k", "2"],
    ["suggest", "BPS:3.2", "--to", "MA", "--top", "100", "-f", "csv"],
    ["standards"],
    ["standards", "--json", "--crosswalk", "MAPLE"],
    ["competencies", "-d", "vision", "-t", "EI", "-f", "csv"],
    ["competencies", "--domain=PSMV", "--json"],
    ["themes", "-f", "markdown"],
    ["items", "MA", "--json"],
    ["items", "RUSD", "--data-dir", str(DISTRICT)],
    ["frameworks"],
    ["frameworks", "--json", "--data-dir", str(DISTRICT)],
    ["item", "MA:1b", "--json"],
    ["item", "MA:1a", "vvc.3.a", "-f", "csv"],
    ["standard", "1b"],
    ["standard", "1b", "--json"],
    ["standard", "--json", "1a", "1b"],
    ["standard", "1b", "-t", "EI", "--theme", "Change Management", "-f", "csv"],
    ["standard", "Standard I", "--format=markdown"],
    ["competency", "VVC.3.a", "--json"],
    ["competency", "vvc.3.a", "--crosswalk", "MAPLE"],
    ["theme", "EI", "--json"],
    ["theme", "equity", "-f", "csv"],
    ["search", "data", "--json"],
    ["search", "data", "use", "-F", "MA"],
    ["standard", "1b", "--data-dir", str(DISTRICT), "--json"],
    ["competency", "R1.1", "--data-dir", str(DISTRICT), "--crosswalk", "RUSD-MA", "--json"],
]
FAILING = [
    ["suggest", "BPS:9.9", "--to", "MA"],
    ["suggest", "BPS:3.2", "--to", "NOWHERE"],
    ["suggest", "BPS:3.2", "--to", "BPS"],
    ["frameworks", "--data-dir", str(DISTRICT), "--no-packaged", "-f", "csv"],  # its crosswalk needs MA
    ["competencies", "-d", "nothing"],
    ["items", "NOTHING"],
    ["standards", "--crosswalk", "nothing"],
    ["item", "MA:9z"],
    ["standard", "9z"],
    ["standard", "1b", "9z", "--json"],
    ["competency", "XYZ.1.a"],
    ["theme", "nothing"],
    ["standard", "1b", "--crosswalk", "nothing"],
    ["standard", "1b", "-t", "nothing"],
    ["search", "data", "-F", "nothing"],
    ["standard", "1b", "--no-packaged", "--data-dir", str(DISTRICT)],
    ["standard", "1b", "-f", "svg", "--json"],
    ["standard", "1a", "1b", "-f", "svg"],
]


def both(argv: list[str]) -> tuple[tuple[int | None, str, str], tuple[int, str, str]]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = quick.run(argv)
    mine = (code, out.getvalue(), err.getvalue())
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = build_app(argv)(args=list(argv), prog_name="crosswalk", standalone_mode=False)
    return mine, (int(code or 0), out.getvalue(), err.getvalue())


@pytest.mark.parametrize("argv", COMMON + FAILING, ids=" ".join)
def test_the_quick_path_answers_as_typer_does(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Output, errors and exit code, for lines the quick path reads (or leaves, for the last two)."""
    monkeypatch.delenv("CROSSWALK_DATA_DIR", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    mine, theirs = both(argv)
    if argv in COMMON:
        assert mine[0] == 0
    if mine[0] is not None:
        assert mine == theirs
    else:
        assert "-f" in argv  # two formats asked: typer says which (a usage error, exit 2)
        assert theirs[0] == 2


def test_errors_are_one_line_and_the_typer_path_code() -> None:
    """An unknown id read by the quick path: one line, exit 2, as typer's path ends."""
    mine, theirs = both(["standard", "9z", "--json"])
    assert mine == theirs
    assert mine[0] == 2 and mine[1] == "" and mine[2].count("\n") == 1


def loaded(argv: list[str], tmp_path: Path) -> set[str]:
    """The top-level modules loaded by a whole run of ``argv`` (stdout to a file, as a script's)."""
    code = (
        "import sys\n"
        "from crosswalk_cli.entry import run\n"
        "code = run(sys.argv[1:])\n"
        "sys.stderr.write(' '.join(sorted({m.split('.')[0] for m in sys.modules})) + '\\n')\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    env.pop("CROSSWALK_DATA_DIR", None)
    with open(tmp_path / "out", "w", encoding="utf-8") as out:
        proc = subprocess.run(
            [sys.executable, "-c", code, *argv], stdout=out, stderr=subprocess.PIPE, text=True, env=env
        )
    assert proc.returncode == 0, proc.stderr
    return set(proc.stderr.split("\n")[-2].split())


@pytest.mark.parametrize("argv", [["standard", "1b", "--json"], ["theme", "EI", "-f", "csv"]], ids=" ".join)
def test_a_common_lookup_loads_no_typer(argv: list[str], tmp_path: Path) -> None:
    assert "typer" not in loaded(argv, tmp_path)


def test_a_line_left_to_typer_loads_it(tmp_path: Path) -> None:
    """The check above can fail: help is typer's, and loads it."""
    assert "typer" in loaded(["standard", "--help"], tmp_path)


def test_run_reads_through_the_quick_path(capsys: pytest.CaptureFixture[str]) -> None:
    """entry.run tries the quick path first and typer for the rest, with one answer either way."""
    assert run(["standard", "1b", "--json"]) == 0
    quick_out = capsys.readouterr().out
    assert run(["standard", "1b", "--format", "JSON"]) == 0  # "JSON" is typer's to read (any case)
    assert capsys.readouterr().out == quick_out
