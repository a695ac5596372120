"""`crosswalk validate`: read and check the source files."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

from .common import DataDirOpt, Format, FormatOpt, JsonOpt, show


def validate(
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Read and check the YAML data files; report counts (exit 0) or every problem (exit 1)."""
    from .. import loader
    from ..queries.validation import validation

    data = loader.load_all(data_dir)
    cw = data.maple
    directory = loader.resolve_data_dir(data_dir)
    extra: tuple[tuple[str, int], ...] = ()
    if (directory / loader.SELF_ASSESSMENT).exists():
        extra = (("self-assessment statements", len(loader.load_self_assessment(cw, directory).statements)),)
    packaged = directory == loader.default_data_dir()
    show(validation(data, str(directory), extra, packaged), cw, fmt, as_json)
