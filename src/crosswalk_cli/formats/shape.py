"""The one shape every format writes: a View of titled Sections, each headers (Columns) and rows of text.

Views build it (``crosswalk_cli.views``); the writers in this package draw it. Nothing here knows a
command.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation at start-up
# (some 0.02 ms a field, at every start); written as plain types, they cost nothing (tests/test_speed_paths).

from typing import Any, NamedTuple


class Column(NamedTuple):
    key: str
    header: str
    ratio: int | None = None
    no_wrap: bool = False
    style: str | None = None
    max_width: int | None = None
    min_width: int | None = None
    shade: bool = False  # a count: the cell's background darkens with it
    sub: str | None = None  # key of a second, dimmer line drawn under this one in tables


class Section(NamedTuple):
    title: str
    columns: tuple[Column, ...]
    rows: tuple[dict[str, str], ...]
    empty: str = "None."  # said instead of an empty table ('': nothing)
    lead: tuple[str, ...] = ()  # paragraphs under the title, before the table (a document's section)
    depth: int = 0  # 1: a subsection of the section before it (a document's outline)


class View(NamedTuple):
    """What a command shows: a heading, labelled facts, tables, notes; and its JSON and CSV forms."""

    command: str
    title: str
    payload: dict[str, Any]
    facts: tuple[tuple[str, str], ...] = ()
    sections: tuple[Section, ...] = ()
    notes: tuple[str, ...] = ()
    csv: Section | None = None
    highlight: tuple[str, ...] = ()


def stacked(*sections: Section) -> Section:
    """Sections of different columns as one table (a CSV is one table). A first column ``section`` names
    each row's section (by the key its records have in the JSON); then come every section's columns in
    order, each once; a row leaves the other sections' columns empty. Every row of every section is kept."""
    keys = dict.fromkeys(["section", *(c.key for s in sections for c in s.columns)])
    rows = tuple(
        {"section": s.title, **{c.key: row.get(c.key, "") for c in s.columns}}
        for s in sections
        for row in s.rows
    )
    return Section("", tuple(Column(k, k) for k in keys), rows)
