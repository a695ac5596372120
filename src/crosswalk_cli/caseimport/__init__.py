"""CASE packages (1.1 or 1.0) in, a data directory of generic framework and crosswalk files out.

Pure logic: ``import_packages`` reads the files it is given and returns the files to write as text;
writing them and reporting is the CLI's job. Every refusal is one CaseImportError naming the file.

- Each CFDocument with CFItems becomes a framework file ``{id}.yaml`` (naming.py says how the id is
  made; frameworks.py how items, codes, tags and levels are). A document without items (a crosswalk
  document, such as ``crosswalk.json`` of ``crosswalk export case``) gives its title, publisher and
  licence to the crosswalks its associations make; a package with neither items nor associations
  (other than isChildOf) is refused: nothing to import.
- The hierarchy comes from isChildOf associations (index.py): both ends in one document, one parent
  per item, no cycles, at most index.MAX_LEVELS deep.
- Other associations between imported items become crosswalk files ``{from}-{to}.yaml``; one with a
  single end outside the packages is kept as a source note of the imported end's framework; one with
  no end in the packages is refused (crosswalks.py).
- Output is deterministic: the same files in the same order give byte-identical text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .naming import RenameError
from .read import MAX_BYTES, MAX_NESTING, CaseImportError

__all__ = ["MAX_BYTES", "MAX_NESTING", "CaseImportError", "RenameError", "import_packages"]
_FRAMEWORK_ID = re.compile(r"^framework:\n  id: ([A-Za-z][A-Za-z0-9_-]*)$", re.MULTILINE)


def _dump(header: list[str], data: dict[str, Any]) -> str:
    from ..textsafe import escape_controls
    from .emit import dump

    # a title's line breaks stay in the comment; the body is written as events (emit.py), no tree
    return "".join(f"# {escape_controls(line)}\n" for line in header) + dump(data)


def import_packages(paths: list[Path], rename: Mapping[str, str] | None = None) -> dict[str, str]:
    """{file name: YAML text} for the given CASE package files: frameworks first (in the order of the
    files), then crosswalks (in the order their first association is met). ``rename`` maps the id a
    document would get to the id it is to have instead (``{"USBLC": "BPS"}``; naming.renamed)."""
    from .crosswalks import CrosswalkBuilder
    from .frameworks import FrameworkBuilder
    from .index import CHILD_OF, build_index, build_trees
    from .naming import base_id, renamed, unique_ids
    from .read import read_package

    if not paths:
        raise CaseImportError("no CASE package files given")
    from .textcheck import check_texts

    packages = [read_package(path) for path in paths]
    for package in packages:  # no text a terminal would act on: refused before anything is built
        check_texts(package)
    restored, own, packages = _own_sources(packages)
    kept = {p.document.identifier: m.group(1) for p, text in own if (m := _FRAMEWORK_ID.search(text))}
    if not packages:
        renamed({}, rename or {}, kept.values())  # every id asked for is unknown: one error
        return restored
    for package in packages:
        if not package.items and all(a.kind == CHILD_OF for a in package.associations):
            raise CaseImportError(f"{package.path}: nothing to import (no CFItems and no associations)")
    mine = [p for p, _ in own if p.document.identifier in kept]  # their items, for links to them
    index = build_index([*packages, *mine])
    trees = build_trees(index)
    with_items = [p for p in packages if p.items]
    ids = unique_ids({p.document.identifier: base_id(p.document.title, p.items) for p in with_items})
    ids = renamed(ids, rename or {}, kept.values())
    builders = {
        p.document.identifier: FrameworkBuilder(p, ids[p.document.identifier], trees[p.document.identifier])
        for p in with_items
    }
    for p in mine:
        builders[p.document.identifier] = FrameworkBuilder(
            p, kept[p.document.identifier], trees[p.document.identifier]
        )
    crosswalks = CrosswalkBuilder(index, builders)
    for package in packages:
        for association in package.associations:
            crosswalks.add(package, association)
    for p in mine:  # restored as they were: a note on them would be lost
        for note in builders[p.document.identifier].source_notes:
            raise CaseImportError(
                f"{kept[p.document.identifier]}:{note['where']}, of crosswalk's own export, is linked to an "
                f"item of none of the given packages: {note['note']}"
            )
    files: dict[str, str] = {}
    for package in with_items:
        builder = builders[package.document.identifier]
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
    return {**restored, **files}


def _own_sources(packages: list[Any]) -> tuple[dict[str, str], list[tuple[Any, str]], list[Any]]:
    """The data files a package of crosswalk's own export carries (in its crosswalk document's notes); those
    packages, each with the text of its own file (standards, competencies: '' for the crosswalk); and the
    packages left to convert. Crosswalk's own three give back exactly the data they came from, and the
    others may link to their items."""
    import json

    from ..case import SOURCES_NOTE, identifier
    from ..loader import FILES

    own = {identifier("document", key): name for key, name in zip(("standards", "competencies", "crosswalk"),
                                                                  FILES, strict=True)}  # fmt: skip
    restored: dict[str, str] = {}
    for p in packages:
        if p.document.identifier in own and p.document.notes.startswith(SOURCES_NOTE):
            try:
                files = json.loads(p.document.notes[len(SOURCES_NOTE) :])
            except ValueError:
                raise CaseImportError(
                    f"{p.path}: the crosswalk source files in its notes are damaged"
                ) from None
            if (
                not isinstance(files, dict)
                or sorted(files) != sorted(FILES)
                or not all(isinstance(v, str) for v in files.values())
            ):
                raise CaseImportError(
                    f"{p.path}: the crosswalk source files in its notes are not the texts of "
                    f"{', '.join(FILES)}"
                )
            if restored and restored != files:
                raise CaseImportError(f"{p.path}: crosswalk's own export is given twice, with other data")
            restored = files
    if not restored:
        return {}, [], packages
    mine: dict[str, Any] = {}
    for p in packages:
        if p.document.identifier in own and p.items:
            mine.setdefault(p.document.identifier, p)
    texts = [(p, restored.get(own[ident], "")) for ident, p in mine.items()]
    return restored, texts, [p for p in packages if p.document.identifier not in own]
