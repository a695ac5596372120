"""CASE packages (1.1 or 1.0) in, a data directory of generic framework and crosswalk files out.

Pure logic: ``import_packages`` reads the files it is given and returns the files to write as text;
writing them and reporting is the CLI's job. Every refusal is one CaseImportError naming the file.

- Each CFDocument with CFItems becomes a framework file ``{id}.yaml`` (naming.py says how the id is
  made, unless our extension keeps it; frameworks.py how items, codes, tags and levels are). A document
  without items (a crosswalk document, such as the crosswalk package of ``crosswalk export case``) gives its
  title, publisher and licence to the crosswalks its associations make; one with neither items nor
  associations (OpenSALT's EmptyExternalFramework) is an empty framework, with a source note saying so;
  a crosswalk document of ours with no associations is refused: nothing to import.
- The hierarchy comes from isChildOf associations (index.py): both ends in one document, one parent
  per item, no cycles, at most index.MAX_LEVELS deep.
- Other associations between imported items become crosswalk files ``{from}-{to}.yaml`` (or, for a
  crosswalk we exported, ``{its id}.yaml``); one with a single end outside the packages is kept as a
  source note of the imported end's framework; one with no end in the packages is refused
  (crosswalks.py).
- What ``crosswalk export case`` wrote comes back as it was exported: what CASE has no field for
  travels in its extensions (case.py, extension.py).
- Output is deterministic: the same files in the same order give byte-identical text.
- What the import had to fix or could not place (an orphan, a duplicate code, an association with an end
  outside the packages, an empty document, an item changed after we exported it) is a source note of
  the file written and, one line each (at most WARNINGS), a warning for the person importing.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .naming import RenameError
from .rawjson import MAX_BYTES, MAX_NESTING, CaseImportError

__all__ = ["MAX_BYTES", "MAX_NESTING", "CaseImportError", "RenameError", "import_packages"]


def _dump(header: list[str], data: dict[str, Any]) -> str:
    from ...text.safe import escape_controls
    from .emit import dump

    # a title's line breaks stay in the comment; the body is written as events (emit.py), no tree
    return "".join(f"# {escape_controls(line)}\n" for line in header) + dump(data)


WARNINGS = 20  # warning lines at most; the rest are counted in one more line
WARNED = ("orphan", "duplicate_code", "external_association", "document_association", "empty_document",
          "case_extension")  # fmt: skip


def import_packages(
    paths: list[Path], rename: Mapping[str, str] | None = None, warnings: list[str] | None = None
) -> dict[str, str]:
    """{file name: YAML text} for the given CASE package files: frameworks first (in the order of the
    files), then crosswalks (in the order their first association is met). ``rename`` maps the id a
    document would get to the id it is to have instead (``{"WLS": "Way"}``; naming.renamed). What the
    import fixed or could not place is added to ``warnings``, one line each."""
    from .crosswalks import CrosswalkBuilder
    from .frameworks import FrameworkBuilder
    from .index import build_index, build_trees
    from .naming import base_id, renamed, reserved, unique_ids
    from .read import read_package

    if not paths:
        raise CaseImportError("no CASE package files given")
    from .textcheck import check_texts

    packages = [read_package(path) for path in paths]
    for package in packages:  # no text a terminal would act on: refused before anything is built
        check_texts(package)
    for package in packages:
        ours = package.document.extension
        if not package.items and not package.associations and ours is not None and "crosswalk" in ours:
            raise CaseImportError(f"{package.path}: nothing to import (no CFItems and no associations)")
    index = build_index(packages)
    trees = build_trees(index)
    with_items = [p for p in packages if p.items or not p.associations]
    ids = unique_ids(
        {p.document.identifier: _own_id(p) or base_id(p.document.title, p.items) for p in with_items}
    )
    ids = renamed(ids, rename or {})
    builders = {
        p.document.identifier: FrameworkBuilder(p, ids[p.document.identifier], trees[p.document.identifier])
        for p in with_items
    }
    crosswalks = CrosswalkBuilder(index, builders)
    for package in packages:
        for association in package.associations:
            crosswalks.add(package, association)
    files: dict[str, str] = {}
    for package in with_items:
        builder = builders[package.document.identifier]
        problem = reserved(f"{builder.id}.yaml")
        if problem:
            raise CaseImportError(f"{package.path}: {problem}")
        data = builder.build()
        if not data["source_notes"]:
            del data["source_notes"]
        header = [
            f"{package.document.title}: imported from {package.name} (CASE {package.case_version}).",
            "Codes are humanCodingScheme, else listEnumeration, else the CASE identifier.",
        ]
        files[f"{builder.id}.yaml"] = _dump(header, data)
    for ident, (names, data) in crosswalks.build().items():
        files[f"{ident}.yaml"] = _dump([f"Imported from the CASE associations in {', '.join(names)}."], data)
    if warnings is not None:
        said = [
            f"{p.name}: {n['kind'].replace('_', ' ')} ({n['where']}): {n['note']}"
            for p in with_items
            for n in builders[p.document.identifier].source_notes
            if n["kind"] in WARNED
        ]
        more = len(said) - WARNINGS
        warnings += said if more <= 0 else [*said[:WARNINGS], f"and {more} more: see the files' source_notes"]
    return files


def _own_id(package: Any) -> str:
    """The id our extension gives a framework's document ('' where it has none)."""
    ours = package.document.extension
    return str(ours["framework"]["id"]) if ours is not None and "framework" in ours else ""
