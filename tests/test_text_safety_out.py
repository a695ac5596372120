"""Text a terminal would act on, on the way out: every command, in every format, and every export writes
it as a visible escape, never raw, even when the data holds it (a store built before the loader refused
it, or any other way in). The loader's check is switched off here so that such data reaches the store and
the real writers; tests/test_text_safety.py tests the check itself."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswalk_cli.cli import app
from crosswalk_cli.formats import WRITERS, emit
from crosswalk_cli.formats.picture import picture
from crosswalk_cli.formats.shape import Column, Section, View
from crosswalk_cli.loader.checker import _Checker
from crosswalk_cli.text.csvout import csv_text
from crosswalk_cli.text.markdown import escape

from .hostile_text import CHARS, EVIL, WORD, evil_data, raw, visible


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return evil_data(tmp_path_factory.mktemp("evil") / "data")


@pytest.fixture()
def unchecked(evil: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The evil data, with the loader's text check off: what a store an older version built would serve."""
    monkeypatch.setattr(_Checker, "unsafe", lambda *args: False, raising=False)
    monkeypatch.delenv("CROSSWALK_DATA_DIR", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    yield evil


def run(*args: str) -> str:
    """Standard output as written (bytes decoded: the runner's .stdout would turn a raw CR into LF)."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, (args, result.stderr, result.exception)
    return result.stdout_bytes.decode("utf-8")


# Each command with arguments that show EVIL; the formats in which it shows none (a list of links, say).
COMMANDS: list[tuple[list[str], set[str]]] = [
    (["frameworks"], set()),
    (["items", "EV"], set()),
    (["items", "JFF"], set()),
    (["item", "EV:A"], {"csv"}),
    (["item", "BPS:1.1"], {"csv"}),
    (["search", WORD], set()),
    (["errata"], set()),
    (["matrix"], set()),
    (["matrix", "--crosswalk", "EV-BPS"], {"csv"}),
    (["suggest", "EV:A", "--to", "BPS"], {"csv"}),
    (["suggest", "--from", "EV", "--to", "BPS"], {"csv"}),
    (["standard", "1b"], set()),
    (["standard", "1"], set()),
    (["standards"], set()),
    (["competency", "VVC.3.a"], set()),
    (["competency", "VVC.3"], set()),
    (["competencies"], set()),
    (["theme", "LC"], set()),
    (["themes"], set()),
]


@pytest.mark.parametrize(
    ("args", "silent"), COMMANDS, ids=lambda a: " ".join(a) if isinstance(a, list) else ""
)
def test_every_command_in_every_format(unchecked: Path, args: list[str], silent: set[str]) -> None:
    for fmt in WRITERS:
        out = run(*args, "--data-dir", str(unchecked), "--format", fmt)
        assert raw(out) is None, (fmt, raw(out))
        assert visible(out) or fmt in silent, (fmt, out[:300])


@pytest.mark.parametrize(
    "args",
    [
        ["export", "csv"],
        ["export", "markdown"],
        ["export", "csv", "--crosswalk", "EV-BPS"],
        ["export", "markdown", "--crosswalk", "EV-BPS"],
    ],
    ids=" ".join,
)
def test_exports_to_stdout_and_to_a_file(unchecked: Path, tmp_path: Path, args: list[str]) -> None:
    out = run(*args, "--data-dir", str(unchecked))
    assert raw(out) is None and visible(out), raw(out)
    run(*args, "--data-dir", str(unchecked), "--out", str(tmp_path / "file"))
    written = (tmp_path / "file").read_text(encoding="utf-8-sig")
    assert raw(written) is None and written.replace("\r\n", "\n") == out.replace("\r\n", "\n")


@pytest.mark.parametrize(
    "args", [[], ["--framework", "EV"], ["--framework", "MA"], ["--crosswalk", "EV-BPS"]], ids=" ".join
)
def test_case_export_escapes_and_keeps_the_text(unchecked: Path, tmp_path: Path, args: list[str]) -> None:
    """CASE JSON writes what json leaves raw (C1, bidirectional controls, separators, noncharacters) as
    \\uXXXX: a JSON reader gets the same text back."""
    run("export", "case", *args, "--data-dir", str(unchecked), "--out", str(tmp_path / "case"))
    for path in sorted((tmp_path / "case").iterdir()):
        text = path.read_text(encoding="utf-8")
        assert raw(text) is None, (path.name, raw(text))
        if path.name != "BPS.json":  # the one framework the evil data leaves alone
            assert EVIL in text_values(json.loads(text)), path.name


def text_values(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from text_values(v)
    elif isinstance(value, list):
        for v in value:
            yield from text_values(v)


@pytest.mark.parametrize("args", [[], ["--crosswalk", "EV-BPS"]], ids=" ".join)
def test_matrix_pictures_beside_markdown(unchecked: Path, tmp_path: Path, args: list[str]) -> None:
    svg, html = tmp_path / "m.svg", tmp_path / "m.html"
    out = run(
        "matrix",
        *args,
        "--data-dir",
        str(unchecked),
        "--svg",
        str(svg),
        "--html",
        str(html),
        "-f",
        "markdown",
    )
    assert raw(out) is None and visible(out), raw(out)
    for path in (svg, html):
        assert raw(path.read_text(encoding="utf-8")) is None


def test_validate_shows_the_refusals_escaped(evil: Path) -> None:
    """With the check on, `validate` lists the problems, in every format, with the characters escaped."""
    for fmt in WRITERS:
        result = CliRunner().invoke(app, ["validate", "--data-dir", str(evil), "--format", fmt])
        assert result.exit_code == 1
        out = result.stdout_bytes.decode("utf-8") + result.stderr_bytes.decode("utf-8")
        assert raw(out) is None and visible(out), (fmt, raw(out))


# --- the writers themselves, with text no loader would give them --------------------------------------

HOSTILE = EVIL + " \udc80 \ud800"  # and half a surrogate pair, as bytes that are not UTF-8 decode to


def hostile_view() -> View:
    columns = (Column("a", HOSTILE), Column("b", "B", sub="c"))
    rows = ({"a": HOSTILE, "b": HOSTILE, "c": HOSTILE},)
    section = Section(HOSTILE, columns, rows, empty=HOSTILE)
    empty = Section(HOSTILE, columns, (), empty=HOSTILE)
    return View("x", HOSTILE, {"t": HOSTILE}, ((HOSTILE, HOSTILE),), (section, empty), (HOSTILE,))


def test_every_format_of_a_view() -> None:
    import io

    for fmt in WRITERS:
        out = io.StringIO()
        emit(hostile_view(), fmt, out)
        assert raw(out.getvalue()) is None and visible(out.getvalue()), (fmt, raw(out.getvalue()))


@pytest.mark.parametrize("kind", ["svg", "html"])
def test_a_picture_of_a_view(kind: str) -> None:
    text = picture(hostile_view(), kind)
    assert raw(text) is None and "\\x1b" in text[: text.index("</title>")]


def test_csv_and_markdown_escapers_keep_line_feeds_and_tabs() -> None:
    cells = csv_text(["h\x1b"], [[f"a{c}b\tc\nd" for c in CHARS.values()]])
    assert raw(cells) is None and "\tc\nd" in cells
    for one_line in (False, True):
        text = escape(HOSTILE + "\ttab", one_line=one_line)
        assert raw(text) is None and "\ttab" in text
