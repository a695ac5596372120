"""Every command, registered once: its name, the typer function (or group) that runs it, and the
descriptions of its ``--json`` output (views/, as ``module:ATTRIBUTE``; the schemas in docs/schema are made
from them). The CLI, the JSON schemas and the tests read this table and nothing else; tests/test_layout.py
checks it whole.

Entries are strings, imported only when used: a command line imports its own command and nothing more.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation at start-up
# (some 0.02 ms a field, at every start); written as plain types, they cost nothing (tests/test_speed_paths).

from typing import NamedTuple


class Command(NamedTuple):
    name: str  # as typed; a group's subcommand as "group sub"
    run: str  # "module:attribute" in commands/: a function, or a typer app for a group
    docs: tuple[str, ...] = ()  # "module:ATTRIBUTE" in views/: its JSON, one per `kind` where several
    group: bool = False  # a typer group (its subcommands are registered by the group itself)


COMMANDS: tuple[Command, ...] = (
    Command("standard", "lookups:standard", ("standard:INDICATOR_DOC", "standard:STANDARD_DOC")),
    Command("competency", "lookups:competency", ("competency:INDICATOR_DOC", "competency:COMPETENCY_DOC")),
    Command("theme", "lookups:theme", ("theme:THEME_DOC",)),
    Command("standards", "lookups:standards", ("standard:STANDARDS_DOC",)),
    Command("competencies", "lookups:competencies", ("competency:COMPETENCIES_DOC",)),
    Command("themes", "lookups:themes", ("theme:THEMES_DOC",)),
    Command("search", "lookups:search", ("search:SEARCH_DOC", "search:ITEM_SEARCH_DOC")),
    Command("errata", "lookups:errata", ("errata:ERRATA_DOC",)),
    Command("frameworks", "catalog:frameworks", ("catalog:CATALOG",)),
    Command("item", "catalog:item", ("item:ITEM_DOC",)),
    Command("items", "catalog:items", ("catalog:ITEMS_DOC",)),
    Command(
        "suggest",
        "suggest:suggest",
        ("suggestions:ITEM_SUGGESTIONS", "suggestions:DRAFT", "suggestions:MEASURE"),
    ),
    Command("validate", "validate:validate", ("validation:VALIDATE_DOC",)),
    Command("matrix", "matrix:matrix", ("matrix:MATRIX_DOC", "matrix:LINKS_DOC")),
    Command("coverage", "coverage:coverage", ("coverage:COVERAGE_DOC",)),
    Command("export", "export:export_app", group=True),
    Command("assess", "assess:assess_app", group=True),
    Command("assess report", "assess:assess_report", ("report:REPORT_DOC",)),
    Command("import", "imports:import_app", group=True),
    Command("site", "site:site"),
)


def named(name: str) -> Command:
    return next(c for c in COMMANDS if c.name == name)
