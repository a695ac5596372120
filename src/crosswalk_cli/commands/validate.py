"""`crosswalk validate`: read and check the data files."""

# No `from __future__ import annotations`: typer reads these signatures at every start, and string
# annotations make it evaluate each one again.

from .common import TABLE, DataDirOpt, FormatOpt, JsonOpt, PackagedOpt, show, sources


def validate(
    fmt: FormatOpt = TABLE,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    packaged: PackagedOpt = True,
) -> None:
    """Read and check every data file (the packaged ones, yours); report counts and which files carry a
    seal, or every problem (exit 1)."""
    from ..assess.survey import survey_path
    from ..datadir import PACKAGED, default_data_dir
    from ..loader import load_all
    from ..queries.validation import validation
    from ..views.validation import view

    src = sources(data_dir, packaged)
    data = load_all(src)
    extra: tuple[tuple[str, int], ...] = ()
    files = dict(data.seals)
    path = survey_path(src)
    if path is not None:
        from ..assess.survey import load_survey

        survey = load_survey(path, data)
        extra = (("self-assessment statements", len(survey.statements)),)
        ours = src.origin(path.parent) == PACKAGED
        files[path.name if ours else str(path)] = survey.sealed
    where = src.user or default_data_dir()
    result = validation(data, str(where), extra, src.user is None, sorted(files.items()))
    show(view(result), fmt, as_json)
