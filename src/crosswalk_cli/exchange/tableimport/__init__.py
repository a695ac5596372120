"""A spreadsheet (CSV, or an .xlsx workbook with the optional openpyxl) in, a framework file out
(docs/import.md says it for people; docs/data-format.md is the file written).

Pure logic: ``import_table`` reads the file it is given and returns ``{file name: YAML text}``; checking
the folder, writing and reporting are the command's (commands/imports.py, shared with ``import case``).

- The first row names the columns (columns.py: ours, or OpenSALT's CASE names): ``code`` is required;
  ``text`` or ``title`` each row needs one of; ``label``, ``tags`` (comma separated, as OpenSALT's
  conceptKeywords), ``notes`` (kept as the item's details), ``type`` (the level's name),
  ``identifier`` (a CASE identifier), and one of ``parent``, ``level`` or ``smart level`` (tree.py).
- Every further row that is not blank is an item, in order.
- The header (id, title, publisher, license, levels ...) comes from the command line: a spreadsheet holds
  items, not the facts about the framework. Levels not given are named by the ``type`` column (each
  depth's types, ``or`` between them), else ``level 1``, ``level 2`` ...
- A tag is made from each keyword as ``import case`` makes one (caseimport.naming.tag_code).
- Every problem is one line naming the file, the row and the column; all are reported at once (the
  first loader.MAX_PROBLEMS, then a count), and nothing is built from a table that has one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ...errors import DataError
from .read import INSTALL, MAX_BYTES, MAX_ROWS, NeedsOpenpyxl

__all__ = ["INSTALL", "MAX_BYTES", "MAX_ROWS", "NeedsOpenpyxl", "import_table"]


def import_table(
    path: Path, header: Mapping[str, str], levels: Sequence[str] = (), sheet: str | None = None
) -> dict[str, str]:
    """{``{id}.yaml``: its text} for the spreadsheet at ``path``. ``header``: the framework's header
    fields (id, title, publisher, license and any optional ones, in the order to write); ``levels``:
    the names of the tree's levels, top first (none: from the ``type`` column)."""
    from ...loader import capped
    from .columns import columns
    from .read import read_table
    from .tree import place, read_rows

    table = read_table(path, sheet)
    index, problems = columns(path, table.names)
    rows = read_rows(table, index)
    place(rows)
    if problems or rows.problems:
        raise DataError(capped(problems + rows.problems))
    data = _framework(rows.rows, dict(header), list(levels), path)
    return {f"{header['id']}.yaml": _text(data, path)}


def _text(data: dict[str, Any], path: Path) -> str:
    from ...text.safe import escape_controls
    from ..caseimport.emit import dump

    title = data["framework"]["title"]
    comment = (
        f"# {escape_controls(title)}: imported from {escape_controls(path.name)} by crosswalk import csv.\n"
    )
    return comment + dump(data)


def _levels(rows: list[Any], given: list[str], path: Path) -> list[str]:
    from ...fileio import shown

    deep = max(r.depth for r in rows) + 1
    if given:
        if len(given) < deep:
            raise DataError(
                [f"{shown(path)}: the items nest {deep} levels deep, and --levels names {len(given)}"]
            )
        return given
    types: list[list[str]] = [[] for _ in range(deep)]
    for r in rows:
        kind = r.cells.get("type", "")
        if kind and kind not in types[r.depth]:
            types[r.depth].append(kind)
    return [" or ".join(names) or f"level {n}" for n, names in enumerate(types, 1)]


def _framework(rows: list[Any], header: dict[str, Any], levels: list[str], path: Path) -> dict[str, Any]:
    from ..caseimport.naming import tag_code

    header["levels"] = _levels(rows, levels, path)
    taken: set[str] = set()
    tags: dict[str, dict[str, str]] = {}  # keyword -> tag
    nodes: dict[str, dict[str, Any]] = {}
    for r in rows:
        c = r.cells
        node: dict[str, Any] = {"code": c["code"]}
        node.update({k: c[k] for k in ("label", "title", "text") if c.get(k)})
        keywords = [k.strip() for k in c.get("tags", "").split(",") if k.strip()]
        for k in keywords:
            if k not in tags:  # (tag_code takes the code it gives: once a keyword)
                tags[k] = {"code": tag_code(k, taken), "name": k}
        if keywords:
            node["tags"] = list(dict.fromkeys(tags[k]["code"] for k in keywords))
        if c.get("notes"):
            node["details"] = {"notes": c["notes"]}
        if c.get("identifier"):
            node["case_identifier"] = c["identifier"]
        nodes[c["code"]] = node
    top: list[dict[str, Any]] = []
    for r in rows:
        kids = nodes[r.parent].setdefault("items", []) if r.parent else top
        kids.append(nodes[r.cells["code"]])
    data: dict[str, Any] = {"framework": header}
    if tags:
        data["tags"] = list(tags.values())
    data["items"] = top
    return data
