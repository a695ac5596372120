"""`crosswalk validate`: read and check the source files."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

from .common import DataDirOpt, Format, FormatOpt, JsonOpt, show


def validate(
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Read and check the YAML data files; report counts and which files carry a seal (exit 0), or
    every problem (exit 1)."""
    from pathlib import Path

    from .. import loader
    from ..queries.validation import validation

    directory = loader.resolve_data_dir(data_dir)
    extra: tuple[tuple[str, int], ...] = ()
    with loader.noting_seals() as seals:
        data = loader.load_all(data_dir)
        cw = data.maple
        survey = directory / loader.SELF_ASSESSMENT
        if survey.exists():
            statements = loader.load_self_assessment(cw, directory).statements
            extra = (("self-assessment statements", len(statements)),)
            seals.setdefault(str(survey), False)  # its format has no seal
    files = sorted((Path(path).name, sealed) for path, sealed in seals.items())
    packaged = directory == loader.default_data_dir()
    result = validation(data, str(directory), extra, packaged, files)
    show(result, cw, fmt, as_json)
