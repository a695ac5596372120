"""The README is the user's first screen and docs/ the manual: their examples are real output, every command
has one in docs/commands.md, and the README stays short and links every page of the manual."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from crosswalk_cli.cli import app

from .readme_examples import BLOCK, DOCS, README, ROOT, documents, pages, render, session_runner

COMMANDS_PAGE = DOCS / "commands.md"


@pytest.mark.parametrize("path", documents(), ids=lambda path: str(path.relative_to(ROOT)))
def test_examples_are_real_output(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert render(text) == text, "run `.venv/bin/python -m tests.readme_examples` to refresh the examples"


def test_the_checker_reads_every_page_of_the_manual(tmp_path: Path) -> None:
    """A page added to docs/ later is checked without being named anywhere."""
    checked = {path.name for path in documents()}
    assert {"README.md", "commands.md", "json.md", "exchange.md", "api.md"} <= checked
    sessions = {path.name for path in pages() if session_runner(path) is not None}
    assert checked | sessions == {"README.md"} | {path.name for path in DOCS.glob("*.md")}
    stale = "```console\n$ crosswalk themes --format csv | head -n 2\nnot what it prints\n```\n"
    assert render(stale) != stale


def test_a_session_page_names_a_test_that_reruns_it() -> None:
    """A page left to a test of its own names that test, and the test reads the page."""
    for path in pages():
        runner = session_runner(path)
        if runner is not None:
            assert runner.is_file(), f"{path.name} names {runner}, which is not there"
            assert path.name in runner.read_text(encoding="utf-8"), (path.name, runner)


def test_the_examples_are_many_and_the_readme_has_a_few() -> None:
    counts = {path.name: len(BLOCK.findall(path.read_text(encoding="utf-8"))) for path in documents()}
    assert sum(counts.values()) >= 25, counts
    assert 4 <= counts["README.md"] <= 6, counts


def test_every_command_has_help_and_an_example() -> None:
    text = COMMANDS_PAGE.read_text(encoding="utf-8")
    group = get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert len(commands) >= 9
    for name, command in commands.items():
        assert command.help, name
        assert re.search(rf"^\$ crosswalk {name}\b", text, re.MULTILINE), f"no example of `crosswalk {name}`"


def test_readme_first_commands() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.DOTALL)
    assert "crosswalk standard 1b" in blocks[0]
    assert "pytest" in blocks[1]


def test_the_readme_is_short_and_links_the_manual() -> None:
    text = README.read_text(encoding="utf-8")
    assert text.count("\n") <= 210
    first = text.split("\n\n")[1]  # the paragraph under the title
    assert first.count("\n") <= 4 and len(first) <= 450, first
    for page in ("commands", "json", "data-format", "exchange", "suggest", "speed", "architecture", "api"):
        assert f"](docs/{page}.md)" in text, page


def test_links_between_pages_lead_somewhere() -> None:
    for path in pages():
        text = re.sub(r"```.*?```|`[^`\n]*`", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        for target in re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)", text):
            assert (path.parent / target).exists(), f"{path.name} links to {target}, which is not there"
