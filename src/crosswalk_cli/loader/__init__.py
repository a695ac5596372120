"""Read the data directory's files into the checked model, strictly.

Every problem becomes one line naming the file, the line where it can, and what is wrong. Lookups read
the compiled store (see store/), so YAML is parsed only when the store is built and by `validate`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..datadir import ENV_VAR, check_directory, default_data_dir, resolve_data_dir
from ..errors import DataError
from ..model import Crosswalk, Framework, assemble
from ..model_items import DataSet, ItemFramework, LinkCrosswalk
from .checker import noting_seals, seal_of
from .generic import check_references, kind_of, read_crosswalk, read_framework
from .maple import _read_alignments, _read_competencies, _read_standards
from .survey import SELF_ASSESSMENT, load_self_assessment
from .yamlread import MAX_DEPTH, MAX_FILE_BYTES, read_bytes, read_yaml

__all__ = [
    "ENV_VAR",
    "FILES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "SELF_ASSESSMENT",
    "DataError",
    "check_directory",
    "default_data_dir",
    "load",
    "load_all",
    "load_self_assessment",
    "noting_seals",
    "read_bytes",
    "read_yaml",
    "resolve_data_dir",
    "seal_of",
]

T = TypeVar("T")

FILES = ("standards.yaml", "competencies.yaml", "alignments.yaml")


def _read_all(directory: Path) -> tuple[dict[str, bytes], list[str]]:
    raws: dict[str, bytes] = {}
    problems: list[str] = []
    for name in FILES:
        try:
            raws[name] = read_bytes(directory / name)
        except DataError as exc:
            problems += exc.problems
    return raws, problems


def _attempt(
    problems: list[str], read: Callable[[Path, bytes], T], path: Path, raw: bytes | None
) -> T | None:
    """Run one file's reader, adding its problems; None if it failed or the file could not be read."""
    if raw is None:
        return None
    try:
        return read(path, raw)
    except DataError as exc:
        problems += exc.problems
        return None


def load(data_dir: str | os.PathLike[str] | None = None) -> Crosswalk:
    """The MAPLE crosswalk of the directory, every data file checked (see ``load_all``)."""
    return load_all(data_dir).maple


def load_all(data_dir: str | os.PathLike[str] | None = None) -> DataSet:
    """Load and check every data file of the directory; raise DataError listing every problem found."""
    directory = resolve_data_dir(data_dir)
    check_directory(directory)
    if not any(os.path.lexists(directory / name) for name in FILES) and other_files(directory):
        return _generic_only(directory)
    raws, problems = _read_all(directory)
    paths = [directory / name for name in FILES]
    standards = _attempt(problems, _read_standards, paths[0], raws.get(FILES[0]))
    competencies = _attempt(problems, _read_competencies, paths[1], raws.get(FILES[1]))
    if standards is None or competencies is None or FILES[2] not in raws:
        _attempt(problems, read_yaml, paths[2], raws.get(FILES[2]))  # still report its own problems
        raise DataError(problems)
    standard_ids: dict[str, object] = {**standards.standards, **standards.indicators}
    alignments, notes, source = _read_alignments(
        paths[2], raws[FILES[2]], standard_ids, competencies.indicators, standards.indicators
    )
    joins = (("from", competencies.framework.id, paths[1]), ("to", standards.framework.id, paths[0]))
    problems += [
        f"{paths[2]}: the crosswalk's '{key}' is '{source.extra.get(key, '')}', "
        f"but {path.name} is framework '{fid}'"
        for key, fid, path in joins
        if source is not None and source.extra.get(key) != fid
    ]
    frameworks, crosswalks = _read_others(directory, problems)
    codes = {
        standards.framework.id: {*standards.standards, *standards.indicators},
        competencies.framework.id: {
            *competencies.domains,
            *competencies.competencies,
            *competencies.indicators,
        },
    }
    problems += _joins(codes, frameworks, crosswalks, [source.id] if source is not None else [])
    if problems:
        raise DataError(problems)
    maple = assemble(
        standards_framework=standards.framework,
        competencies_framework=competencies.framework,
        standards=standards.standards.values(),
        standard_indicators=standards.indicators.values(),
        themes=competencies.themes.values(),
        domains=competencies.domains.values(),
        competencies=competencies.competencies.values(),
        indicators=competencies.indicators.values(),
        alignments=alignments,
        source_notes=notes,
        crosswalk_source=source,
    )
    return DataSet(maple, tuple(f for _, f in frameworks), tuple(c for _, c in crosswalks))


def _joins(
    codes: dict[str, set[str]],
    frameworks: list[tuple[Path, ItemFramework]],
    crosswalks: list[tuple[Path, LinkCrosswalk]],
    crosswalk_ids: list[str],
) -> list[str]:
    """Framework ids, and crosswalk ids, are unique in the directory, without regard to case (as ids are
    matched); every crosswalk's links name items of its frameworks. ``codes`` holds the MAPLE
    frameworks' item codes and gains the others'; ``crosswalk_ids`` the MAPLE crosswalk's id."""
    problems = []
    taken = {fid.casefold(): fid for fid in codes}
    for path, f in frameworks:
        problems += _taken(path, "framework", f.info.id, taken)
        codes[f.info.id] = {i.code for i in f.items}
    taken = {cid.casefold(): cid for cid in crosswalk_ids}
    for path, cw in crosswalks:
        problems += _taken(path, "crosswalk", cw.info.id, taken)
    return problems + check_references(codes, crosswalks)


def _taken(path: Path, kind: str, ident: str, taken: dict[str, str]) -> list[str]:
    """The problem of an id another file has (``taken`` gains it)."""
    other = taken.get(ident.casefold())
    if other is None:
        taken[ident.casefold()] = ident
        return []
    how = "" if other == ident else f" ('{other}': ids ignore case)"
    return [f"{path}: {kind} id '{ident}' is taken by another file of this directory{how}"]


def _generic_only(directory: Path) -> DataSet:
    """A directory of generic framework and crosswalk files only (an import, a district's own data):
    no MAPLE-shaped crosswalk, so the MAPLE commands say so and the rest work as ever."""
    problems: list[str] = []
    frameworks, crosswalks = _read_others(directory, problems)
    codes: dict[str, set[str]] = {}
    problems += _joins(codes, frameworks, crosswalks, [])
    if problems:
        raise DataError(problems)
    none = Framework("", "", "", "")
    maple = assemble(
        standards_framework=none, competencies_framework=none, standards=(), standard_indicators=(),
        themes=(), domains=(), competencies=(), indicators=(), alignments=(), source_notes=(),
    )  # fmt: skip
    return DataSet(maple, tuple(f for _, f in frameworks), tuple(c for _, c in crosswalks))


def other_files(directory: Path) -> list[Path]:
    """The directory's YAML files besides the MAPLE files and the survey, by name."""
    known = {*FILES, SELF_ASSESSMENT}
    return sorted(p for p in directory.glob("*.yaml") if p.name not in known)


def _read_others(
    directory: Path, problems: list[str]
) -> tuple[list[tuple[Path, ItemFramework]], list[tuple[Path, LinkCrosswalk]]]:
    frameworks: list[tuple[Path, ItemFramework]] = []
    crosswalks: list[tuple[Path, LinkCrosswalk]] = []
    for path in other_files(directory):
        try:
            raw = read_bytes(path)
            if kind_of(path, raw) == "framework":
                frameworks.append((path, read_framework(path, raw)))
            else:
                crosswalks.append((path, read_crosswalk(path, raw)))
        except DataError as exc:
            problems += exc.problems
    return frameworks, crosswalks
