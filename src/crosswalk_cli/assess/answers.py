"""Answer files: read strictly (YAML, or CSV with the columns competency,rating), written whole.

Only a regular file of at most ``MAX_BYTES`` is read (a FIFO, a device or a folder is refused, never
waited on). Every problem in every file is reported, one line each. A file is written back in the
form it has: a ``.csv`` name gets CSV with the header, columns, byte-order mark and line endings it
had; any other name gets YAML.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ExitStatus
from ..fileio import FileError, read_regular, shown, write_atomic
from ..text.safe import escape_controls
from .assessment import Answers, AnswersError, CsvLayout, Resolver, SelfAssessment, parse_rating

MAX_BYTES = 1 << 20  # 1 MiB: a full answers file is under 1 KiB
SHOWN_CHARS = 60  # echoed values are cut to this many characters


@dataclass(frozen=True, eq=False)
class _Row:
    where: str
    given: str
    rating: str
    cells: tuple[str, ...] = ()  # CSV only: the row as written


def is_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


def _echo(text: str) -> str:
    """A value from a file as a message shows it: escaped and cut to a readable length."""
    cut = text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"
    return escape_controls(cut)


# --- Reading -------------------------------------------------------------------------------------


def _csv_rows(name: str, text: str, bom: bool) -> tuple[CsvLayout, list[_Row]]:
    import csv
    import io

    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise AnswersError(f"{name}: line 1: {exc}") from None
    needed = f"{name}: a CSV answers file needs the columns competency,rating"
    if header is None:
        raise AnswersError(f"{needed}; the file is empty")
    keys = [h.strip().lower() for h in header]
    problems = [
        f"{name}: line 1: column '{_echo(key)}' appears twice"
        for i, key in enumerate(keys)
        if key and key in keys[:i] and key not in keys[i + 1 :]
    ]
    if "competency" not in keys or "rating" not in keys:
        problems.insert(0, needed)
    if problems:
        raise AnswersError(problems)
    layout = CsvLayout(
        tuple(header),
        keys.index("competency"),
        keys.index("rating"),
        bom=bom,
        newline="\r\n" if "\r\n" in text else "\n",
    )
    rows: list[_Row] = []
    line = reader.line_num
    try:
        for cells in reader:
            where, line = f"line {line + 1}", reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                problems.append(
                    f"{name}: {where}: {len(cells)} cells but the header has {len(header)} "
                    "(a trailing comma?)"
                )
                continue
            full = (*cells, *[""] * (len(header) - len(cells)))
            given, rating = full[layout.competency_column].strip(), full[layout.rating_column].strip()
            rows.append(_Row(where, given, rating, full))
    except csv.Error as exc:
        problems.append(f"{name}: line {reader.line_num}: {exc}")
    if problems:
        raise AnswersError(problems)
    return layout, rows


def _yaml_rows(path: Path, raw: bytes) -> tuple[str | None, str | None, list[_Row], list[str]]:
    from ..errors import DataError
    from ..loader.yamlread import read_yaml
    from ..loader.yamlvalues import Other, YMap, YSeq

    name = shown(path)
    try:
        doc = read_yaml(path, raw)
    except DataError as exc:
        raise AnswersError([escape_controls(p) for p in exc.problems]) from None
    if not isinstance(doc, YMap):
        raise AnswersError(f"{name}: expected a mapping with 'answers'")
    problems = [
        f"{name}:{doc.lines[k]}: unknown field '{_echo(k)}'"
        for k in doc
        if k not in ("respondent", "date", "answers")
    ]

    def text(value: object, where: str, what: str) -> str | None:
        if isinstance(value, Other):
            return value.raw
        if isinstance(value, YMap | YSeq):
            problems.append(f"{name}:{where}: {what} must be text")
            return None
        return "" if value is None else str(value)

    answers = doc.get("answers")
    rows = []
    if isinstance(answers, YMap):
        for key, value in answers.items():
            line = answers.lines[key]
            rating = text(value, str(line), f"the rating for '{_echo(key)}'")
            if rating is not None:
                rows.append(_Row(f"line {line}", key, rating))
    elif answers is not None:
        problems.append(f"{name}:{doc.lines['answers']}: 'answers' must map competency ids to ratings")
    fields = {
        key: None if doc.get(key) is None else text(doc[key], str(doc.lines[key]), f"'{key}'")
        for key in ("respondent", "date")
    }
    return fields["respondent"], fields["date"], rows, problems


def parse_answers(path: Path, raw: bytes, survey: SelfAssessment, resolve: Resolver) -> Answers:
    """Answers from a file's bytes, strictly; every problem found is reported, one line each. An entry
    names its statement by any id of the statement's item (``resolve``)."""
    name = shown(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise AnswersError(f"{name}:{line}: not UTF-8 (byte {exc.start})") from None
    layout = None
    respondent = date = None
    problems: list[str] = []
    if is_csv(path):
        layout, rows = _csv_rows(name, text, raw.startswith(b"\xef\xbb\xbf"))
    else:
        respondent, date, rows, problems = _yaml_rows(path, raw)
    known = {s.item for s in survey.statements}
    codes = ", ".join(r.code for r in survey.ratings)
    answers: dict[str, str] = {}
    for row in rows:
        cid = resolve(row.given)
        if cid is None or cid not in known:
            problems.append(f"{name}: {row.where}: unknown competency '{_echo(row.given)}'")
            continue
        code = parse_rating(survey, row.rating)
        if code is None:
            problems.append(
                f"{name}: {row.where}: unknown rating '{_echo(row.rating)}' for {cid} (one of {codes})"
            )
        elif cid in answers:
            problems.append(f"{name}: {row.where}: {cid} is answered twice")
        else:
            answers[cid] = code
            if layout is not None:
                layout.rows[cid] = row.cells
                layout.read_as[cid] = code
    if problems:
        raise AnswersError(problems)
    return Answers(respondent, date, answers, layout)


def read_answers(path: Path, survey: SelfAssessment, resolve: Resolver) -> Answers:
    """Read one answers file (YAML, or CSV with columns competency,rating), strictly."""
    raw = read_regular(path, MAX_BYTES)
    if raw is None:
        raise AnswersError(f"{shown(path)}: file not found")
    return parse_answers(path, raw, survey, resolve)


def read_team(
    paths: Sequence[Path], survey: SelfAssessment, resolve: Resolver
) -> tuple[list[tuple[str, Answers]], list[str]]:
    """Every file's answers and the warnings to show. The same file given twice is refused (it would
    count one person twice); two files naming the same respondent are counted, with a warning."""
    seen: dict[tuple[int, int], Path] = {}
    for path in paths:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            continue  # reading it below says why
        first = seen.setdefault((st.st_dev, st.st_ino), path)
        if first is not path:
            raise AnswersError(
                f"{shown(first)} and {shown(path)} are the same file; give each answers file once",
                exit_code=ExitStatus.USAGE,
            )
    problems: list[str] = []
    team: list[tuple[str, Answers]] = []
    for path in paths:
        try:
            team.append((str(path), read_answers(path, survey, resolve)))
        except AnswersError as exc:
            problems += exc.lines()
        except FileError as exc:
            problems.append(str(exc))
    if problems:
        raise AnswersError(problems)
    warnings = []
    by_name: dict[str, str] = {}
    for file, answers in team:
        if answers.respondent is None:
            continue
        first_file = by_name.setdefault(answers.respondent, file)
        if first_file != file:
            warnings.append(
                f"{shown(first_file)} and {shown(file)} are both from '{_echo(answers.respondent)}'; "
                "both are counted"
            )
    return team, warnings


# --- Writing -------------------------------------------------------------------------------------


def _yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as ``text``, whatever characters it holds."""
    return '"' + escape_controls(text.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def _yaml_bytes(answers: Answers, survey: SelfAssessment) -> bytes:
    title = escape_controls(" ".join(survey.title.split()))  # one comment line, whatever the data says
    lines = [f"# {title} answers (crosswalk assess take)."]
    lines.append("# Ratings: " + ", ".join(r.code for r in survey.ratings))
    if answers.respondent:
        lines.append(f"respondent: {_yaml_quoted(answers.respondent)}")
    if answers.date:
        lines.append(f"date: {_yaml_quoted(answers.date)}")
    lines.append("answers:" + ("" if answers.answers else " {}"))
    for s in survey.statements:
        if s.item in answers.answers:
            lines.append(f"  {s.item}: {answers.answers[s.item]}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _csv_bytes(answers: Answers, survey: SelfAssessment) -> bytes:
    """The CSV form: the file's own header; a row read from the file and not changed is kept as it
    was, a new or changed row gets the statement's item code and the rating code; rows in survey order."""
    import csv
    import io

    layout = answers.layout or CsvLayout()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=layout.newline)
    writer.writerow(layout.header)
    for s in survey.statements:
        code = answers.answers.get(s.item)
        if code is None:
            continue
        cells = list(layout.rows.get(s.item, ("",) * len(layout.header)))
        if layout.read_as.get(s.item) != code:
            if s.item not in layout.rows:
                cells[layout.competency_column] = s.item
            cells[layout.rating_column] = code
        writer.writerow(cells)
    return ("\ufeff" if layout.bom else "").encode() + buffer.getvalue().encode("utf-8")


def save_answers(path: Path, answers: Answers, survey: SelfAssessment) -> None:
    """Write the answers file whole (see fileio.write_atomic), in the form its name says."""
    if is_csv(path):
        if answers.respondent:
            raise AnswersError(f"{shown(path)}: a CSV answers file has no place for the respondent")
        write_atomic(path, _csv_bytes(answers, survey))
    else:
        write_atomic(path, _yaml_bytes(answers, survey))
