"""A table's rows as a framework's item tree, checked row by row: every problem one line naming the file,
the row and (where one cell is at fault) the column.

Where an item stands is given by at most one column (columns.PLACES):
- ``parent``: the parent's code (empty: a top item); parents may come after their children;
- ``level``: 1 for a top item, 2 for a child of the nearest item of level 1 above it, and so on;
- ``smart level``: OpenSALT's dotted position (``2.1`` is a child of ``2``);
- none of them: every item is a top item.
Children keep the order of their rows. No code may come twice, no parent be missing, no item be its own
ancestor, no tree be deeper than MAX_LEVELS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...fileio import shown
from ..caseimport.index import MAX_LEVELS
from .read import Table

_SMART = re.compile(r"[0-9A-Za-z]+(\.[0-9A-Za-z]+)*")
_PROSE = ("title", "text", "notes")  # texts that may hold line feeds and tabs


@dataclass(eq=False)  # rows are compared by identity
class Row:
    number: int
    cells: dict[str, str]  # column -> its text, stripped ('' where the column is absent or empty)
    parent: str | None = None  # the parent's code
    depth: int = 0


@dataclass
class Rows:
    """The table's rows by code, and the problems found in them."""

    table: Table
    problems: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    by_code: dict[str, Row] = field(default_factory=dict)

    def problem(self, row: Row | int, message: str, column: str | None = None) -> None:
        number = row if isinstance(row, int) else row.number
        where = f"row {number}" + (f", column '{self._name(column)}'" if column else "")
        self.problems.append(f"{shown(self.table.path)}: {where}: {message}")

    def _name(self, column: str) -> str:
        """A column as the header row names it (the names were matched to columns by columns.py)."""
        from ...text.safe import shown as text_shown

        return text_shown(self.table.names[self.index[column]], 40)

    index: dict[str, int] = field(default_factory=dict)


def read_rows(table: Table, index: dict[str, int]) -> Rows:
    """The rows with safe texts and a unique code each (problems recorded, not raised)."""
    from ...text.safe import escape_controls, first_unsafe

    out = Rows(table, index=index)
    for number, cells in table.rows:
        row = Row(number, {c: cells[i].strip() for c, i in index.items()})
        bad = False
        for column, i in index.items():
            found = first_unsafe(cells[i], in_text=column in _PROSE)
            if found is not None:
                message = escape_controls(
                    f"holds {found}, which is not allowed in data (a control character, bidirectional "
                    "override or noncharacter; a line break only in a title, text or notes)"
                )
                out.problem(row, message, column)
                bad = True
        code = row.cells["code"]
        if not code:
            out.problem(row, "no code (each item needs one)", "code")
        elif not bad and code in out.by_code:
            out.problem(row, f"code '{code}' is row {out.by_code[code].number}'s too", "code")
        elif not bad:
            out.by_code[code] = row
        if not row.cells.get("text") and not row.cells.get("title"):
            out.problem(row, f"item '{code}' has neither text nor title")
        out.rows.append(row)
    return out


def place(rows: Rows) -> None:
    """Set each row's parent and depth from its place column; problems recorded."""
    if "parent" in rows.index:
        for row in rows.rows:
            parent = row.cells["parent"]
            if parent == row.cells["code"] and parent:
                rows.problem(row, f"item '{parent}' is its own parent", "parent")
            elif parent and parent not in rows.by_code:
                rows.problem(row, f"no item '{parent}' in the file (a parent is given by its code)", "parent")
            else:
                row.parent = parent or None
    elif "level" in rows.index:
        _levels(rows)
    elif "smart level" in rows.index:
        _smart_levels(rows)
    _depths(rows)


def _levels(rows: Rows) -> None:
    above: list[Row] = []  # the nearest row of each level so far
    for row in rows.rows:
        text = row.cells["level"]
        if not text.isdigit() or not 1 <= int(text) <= MAX_LEVELS:
            rows.problem(row, f"'{text}' is not a level: 1 (a top item) to {MAX_LEVELS}", "level")
            return  # the levels of the rows below it cannot be told apart from its own
        level = int(text)
        if level > len(above) + 1:
            rows.problem(
                row,
                f"level {level} follows level {len(above)}: no item of level {level - 1} above it",
                "level",
            )
            return
        above[level - 1 :] = [row]
        row.parent = above[level - 2].cells["code"] if level > 1 else None


def _smart_levels(rows: Rows) -> None:
    seen: dict[str, Row] = {}
    for row in rows.rows:
        smart = row.cells["smart level"]
        if not _SMART.fullmatch(smart):
            rows.problem(row, f"'{smart}' is not a smart level (as 1, 1.2, 1.2.3)", "smart level")
        elif smart in seen:
            rows.problem(row, f"smart level '{smart}' is row {seen[smart].number}'s too", "smart level")
        else:
            seen[smart] = row
    for row in rows.rows:
        smart = row.cells["smart level"]
        up, dot, _ = smart.rpartition(".")
        if not dot or seen.get(smart) is not row:
            continue
        if up not in seen:
            rows.problem(row, f"no row has smart level '{up}', the parent of '{smart}'", "smart level")
        else:
            row.parent = seen[up].cells["code"]


def _depths(rows: Rows) -> None:
    """Each row's depth, walking each chain of parents once; a cycle or a tree too deep is a problem."""
    depth: dict[str, int] = {}
    for start in rows.rows:
        chain: list[Row] = []
        on_chain: set[int] = set()
        node: Row | None = start
        while node is not None and node.cells["code"] not in depth:
            if id(node) in on_chain:
                cycle = [*chain[next(i for i, r in enumerate(chain) if r is node) :], node]
                codes = " -> ".join(r.cells["code"] for r in cycle)
                rows.problem(node, f"parents form a cycle: {codes}", "parent")
                depth.update((r.cells["code"], 0) for r in chain)
                break
            chain.append(node)
            on_chain.add(id(node))
            node = rows.by_code.get(node.parent) if node.parent else None
        else:
            base = depth[node.cells["code"]] + 1 if node is not None else 0
            for n, r in enumerate(reversed(chain)):
                depth[r.cells["code"]] = r.depth = base + n
                if r.depth >= MAX_LEVELS:
                    rows.problem(r, f"items nest more than {MAX_LEVELS} levels deep")
                    return
