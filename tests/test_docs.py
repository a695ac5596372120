"""The README is the user's first screen: its examples are real and every command is in it."""

from __future__ import annotations

import re

from typer.main import get_command

from crosswalk_cli.cli import app

from .readme_examples import BLOCK, README, render


def test_readme_examples_are_real_output() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(BLOCK.findall(text)) >= 10
    assert render(text) == text, "run `.venv/bin/python -m tests.readme_examples` to refresh the README"


def test_every_command_has_help_and_an_example() -> None:
    text = README.read_text(encoding="utf-8")
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
