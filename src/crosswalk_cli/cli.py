"""The command line: parse arguments, ask the query layer, hand the result to the renderer."""

# No `from __future__ import annotations` here: typer reads these signatures at every start, and
# string annotations make it evaluate each one again (about 10 ms for fifteen commands).

import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperGroup

from . import __version__
from .errors import EXIT_USAGE

P = ParamSpec("P")
R = TypeVar("R")

# typer bundles click in some versions and depends on it in others: find its base exception by name.
_ClickException: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)
_argv: tuple[str, ...] = ()  # the command line being run, so messages can cut what they echo of it


def _say(message: str) -> None:
    """One line on stderr: echoed arguments cut to a readable length, control characters escaped."""
    from .textsafe import ECHO_LIMIT, PATH_LIMIT, shorten
    from .textsafe import escape_controls as printable

    for arg in sorted(set(_argv), key=len, reverse=True):
        for piece in (arg, *arg.split("=", 1)[1:]):
            if len(piece) > (PATH_LIMIT if os.sep in piece else ECHO_LIMIT):  # paths are long by nature
                message = message.replace(piece, shorten(piece))
    sys.stderr.write(f"crosswalk: {printable(message)}\n")


def _say_error(message: str) -> None:
    _say(f"error: {message}")


class _Group(TyperGroup):
    """Runs a command line: usage errors become one line on stderr (exit 2). Ctrl-C, a closed pipe and
    unwritable streams are left to the entry point (``entry.run``), the one place that handles them."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        global _argv
        argv = list(sys.argv[1:] if args is None else args)
        _argv = tuple(argv)
        code = self._run(argv, prog_name or "crosswalk", complete_var, extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, argv: list[str], prog_name: str, complete_var: str | None, extra: dict[str, Any]) -> int:
        self._main_shell_completion(extra, prog_name, complete_var)
        try:
            with self.make_context(prog_name, argv, **extra) as ctx:
                self.invoke(ctx)
            return 0
        except typer.Exit as exc:
            return int(exc.exit_code)
        except _ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # a group alone: its help, and no empty error
                help_text = exc.format_message()  # type: ignore[attr-defined]  # (rich has printed it)
                if help_text.strip():
                    sys.stdout.write(help_text.rstrip("\n") + "\n")
                return EXIT_USAGE
            where = getattr(exc, "ctx", None)
            hint = f" (see '{where.command_path} --help')" if where is not None else ""
            _say_error(f"{exc.format_message()}{hint}")  # type: ignore[attr-defined]
            return int(getattr(exc, "exit_code", EXIT_USAGE))
        except typer.Abort:
            _say_error("aborted")
            return 1


app = typer.Typer(
    cls=_Group,
    help="Query the MAPLE crosswalk between the Massachusetts Professional Standards for "
    "Administrative Leadership and the JFF/CCSSO Leadership Competencies.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def _complete(kind: str) -> Callable[[str], list[str]]:
    """Shell completion for ids, read from the data the command would use."""

    def complete(incomplete: str) -> list[str]:
        from .loader import DataError, load

        try:
            cw = load(os.environ.get("CROSSWALK_DATA_DIR") or None)
        except DataError:
            return []
        if kind == "standard":
            ids = [*cw.standards, *cw.standard_indicators]
        elif kind == "competency":
            ids = [*cw.competencies, *cw.indicators]
        elif kind == "domain":
            ids = list(cw.domains)
        else:
            ids = list(cw.themes)
        # Shells keep only completions that start with what was typed, case and all; ids resolve in any case.
        matches = [i for i in ids if i.lower().startswith(incomplete.lower())]
        return [i if i.startswith(incomplete) else i.lower() for i in matches]

    return complete


FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False, show_default=True)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]
DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Directory holding standards.yaml, competencies.yaml and alignments.yaml "
        "[default: the data shipped with crosswalk].",
        envvar="CROSSWALK_DATA_DIR",
        show_envvar=True,
        file_okay=False,
    ),
]
ThemeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--theme",
        "-t",
        help="Keep only indicators with this theme (code or name); repeat for any of several.",
        autocompletion=_complete("theme"),
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"crosswalk {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", help="Show the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """Query the MAPLE crosswalk between the Massachusetts Professional Standards for Administrative
    Leadership and the JFF/CCSSO Leadership Competencies for Learner-Centered, Personalized Education.

    Exit codes: 0 success, 1 bad data, 2 bad usage (unknown id, theme, option or format).
    """


def _handled(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the library's own errors into one stderr line and an exit code, in one place."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from .errors import CrosswalkError

        try:
            return func(*args, **kwargs)
        except CrosswalkError as exc:
            for line in exc.lines():
                _say_error(line)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def _show(result: object, cw: Any, fmt: Format, as_json: bool) -> None:
    from .render import build, emit

    emit(build(result, cw), "json" if as_json else fmt.value)


def _load(data_dir: Path | None) -> Any:
    from .store import open_crosswalk

    return open_crosswalk(data_dir)


@app.command()
@_handled
def standard(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A standard indicator (1b, I-B, 1(b)) or a whole standard (1, I).",
            autocompletion=_complete("standard"),
        ),
    ],
    theme: ThemeOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Which competency indicators serve a standard indicator: primary, then additional."""
    from . import query

    cw = _load(data_dir)
    themes = query.resolve_themes(cw, theme or ())
    _show(query.standard(cw, query.resolve_standard(cw, ident), themes), cw, fmt, as_json)


@app.command()
@_handled
def competency(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A competency indicator (VVC.3.a, vvc3a, I.3.a) or a whole competency (VVC.3).",
            autocompletion=_complete("competency"),
        ),
    ],
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Which standards a competency indicator serves, with its text, themes and errata."""
    from . import query

    cw = _load(data_dir)
    _show(query.competency(cw, query.resolve_competency(cw, ident)), cw, fmt, as_json)


@app.command()
@_handled
def theme(
    code: Annotated[
        str,
        typer.Argument(
            metavar="CODE",
            help="A theme code (EI, RT, CI, CM, LC, CA) or name (equity).",
            autocompletion=_complete("theme"),
        ),
    ],
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Every competency indicator carrying a theme, by domain, with its primary standard."""
    from . import query

    cw = _load(data_dir)
    _show(query.theme(cw, query.resolve_theme(cw, code)), cw, fmt, as_json)


@app.command()
@_handled
def standards(fmt: FormatOpt = Format.table, as_json: JsonOpt = False, data_dir: DataDirOpt = None) -> None:
    """The standards and their indicators, with how many competency indicators serve each."""
    from . import query

    cw = _load(data_dir)
    _show(query.standards_list(cw), cw, fmt, as_json)


@app.command()
@_handled
def competencies(
    domain: Annotated[
        str | None,
        typer.Option(
            "--domain",
            "-d",
            help="Only this domain (VVC, PSMV, CB, SRS).",
            autocompletion=_complete("domain"),
        ),
    ] = None,
    theme: ThemeOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """The competencies and their indicators, with themes and primary standards."""
    from . import query

    cw = _load(data_dir)
    code = query.resolve_domain(cw, domain) if domain else None
    _show(query.competencies_list(cw, code, query.resolve_themes(cw, theme or ())), cw, fmt, as_json)


@app.command()
@_handled
def themes(fmt: FormatOpt = Format.table, as_json: JsonOpt = False, data_dir: DataDirOpt = None) -> None:
    """The recurring themes, with how many indicators carry each."""
    from . import query

    cw = _load(data_dir)
    _show(query.themes_list(cw), cw, fmt, as_json)


@app.command()
@_handled
def search(
    words: Annotated[
        list[str], typer.Argument(metavar="TEXT...", help="Words that must all occur (any case).")
    ],
    theme: ThemeOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Search the standards' and competencies' texts; best matches first."""
    from . import query

    text = " ".join(words)
    if not query.search_words(text):
        raise typer.BadParameter("give at least one word to search for", param_hint="TEXT")
    cw = _load(data_dir)
    _show(query.search(cw, text, query.resolve_themes(cw, theme or ())), cw, fmt, as_json)


@app.command()
@_handled
def errata(fmt: FormatOpt = Format.table, as_json: JsonOpt = False, data_dir: DataDirOpt = None) -> None:
    """Every place the printed crosswalk differs from what the data uses, and why."""
    from . import query

    cw = _load(data_dir)
    _show(query.errata(cw), cw, fmt, as_json)


@app.command()
@_handled
def validate(
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Read and check the YAML data files; report counts (exit 0) or every problem (exit 1)."""
    from . import loader, query

    cw = loader.load(data_dir)
    directory = loader.resolve_data_dir(data_dir)
    extra: tuple[tuple[str, int], ...] = ()
    if (directory / loader.SELF_ASSESSMENT).exists():
        extra = (("self-assessment statements", len(loader.load_self_assessment(cw, directory).statements)),)
    packaged = directory == loader.default_data_dir()
    _show(query.validation(cw, str(directory), extra, packaged), cw, fmt, as_json)


class Relation(StrEnum):
    all = "all"
    primary = "primary"
    additional = "additional"


def _write(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write a whole file or nothing (see fileio), and say so on stderr; '-' is stdout."""
    from .fileio import shown, write_atomic

    if str(path) == "-":
        sys.stdout.write(text)
        return
    write_atomic(path, text.encode(encoding))
    _say(f"wrote {shown(path)}")


@app.command()
@_handled
def matrix(
    ctx: typer.Context,
    relation: Annotated[
        Relation, typer.Option("--relation", "-r", case_sensitive=False, help="Which links to count.")
    ] = Relation.all,
    theme: ThemeOpt = None,
    svg: Annotated[
        Path | None, typer.Option("--svg", help="Also save the picture as SVG.", dir_okay=False)
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also save the picture as HTML.", dir_okay=False)
    ] = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """A heat map: standard indicators by domain, each cell the number of linked competency indicators."""
    from . import query
    from .render import build, picture

    pictures = [(path, kind) for path, kind in ((svg, "svg"), (html, "html")) if path is not None]
    for path, _ in pictures:  # a bad path fails before anything is drawn or written
        _check_writable(path)
    cw = _load(data_dir)
    result = query.matrix(cw, relation.value, query.resolve_themes(cw, theme or ()))
    for path, kind in pictures:
        _write(path, picture(build(result, cw), kind))
    source = ctx.get_parameter_source("fmt")
    asked = as_json or (source is not None and source.name != "DEFAULT")
    if asked or not pictures:  # saving a picture replaces the table, unless a format is asked for
        _show(result, cw, fmt, as_json)


def _check_writable(path: Path) -> None:
    from .loader import DataError

    folder = path.parent if str(path.parent) else Path(".")
    try:
        if path.is_dir():
            raise DataError([f"{path}: is a directory"])
        if not folder.is_dir():
            raise DataError([f"{path}: cannot write: no folder {folder}"])
        if not os.access(folder, os.W_OK | os.X_OK):
            raise DataError([f"{path}: cannot write: permission denied"])
    except OSError as exc:
        raise DataError([f"{path}: cannot write: {exc.strerror}"]) from None


export_app = typer.Typer(
    help="The whole crosswalk as CSV, Markdown, CASE 1.1 JSON or a SQLite database.", no_args_is_help=True
)
app.add_typer(export_app, name="export")
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Write to this file instead of stdout ('-': stdout).", dir_okay=False),
]


@export_app.command("csv")
@_handled
def export_csv(out: OutOpt = None, data_dir: DataDirOpt = None) -> None:
    """One row per link (primary and additional), for spreadsheets; UTF-8, quoted as needed."""
    from .export import csv_text

    text = csv_text(_load(data_dir))
    if out is None:
        sys.stdout.write(text)
    else:
        _write(out, text, encoding="utf-8-sig")  # the byte-order mark makes spreadsheets read UTF-8


@export_app.command("markdown")
@_handled
def export_markdown(out: OutOpt = None, data_dir: DataDirOpt = None) -> None:
    """The Full Crosswalk as a Markdown document, by standard and indicator, errata as footnotes."""
    from .export import markdown

    text = markdown(_load(data_dir))
    if out is None:
        sys.stdout.write(text)
    else:
        _write(out, text)


@export_app.command("case")
@_handled
def export_case(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Directory for the three packages.", file_okay=False)
    ],
    base_uri: Annotated[
        str | None,
        typer.Option(
            "--base-uri",
            metavar="URL",
            help="Mint each uri as URL/identifier (e.g. https://case.example.org/uri) instead of urn:uuid:.",
        ),
    ] = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Three CASE 1.1 packages: the standards, the competencies, and the crosswalk's links."""
    import json

    from .case import case_packages, uri_minter
    from .fileio import shown, write_tree

    uri_minter(base_uri)  # a bad URL is refused before anything is written
    packages = case_packages(_load(data_dir), base_uri)
    write_tree(
        out,
        {name: (json.dumps(p, indent=2, ensure_ascii=False) + "\n").encode() for name, p in packages.items()},
    )
    for name in packages:
        _say(f"wrote {shown(out / name)}")


@export_app.command("sqlite")
@_handled
def export_sqlite(
    out: Annotated[Path, typer.Argument(metavar="FILE", help="The database file to write.", dir_okay=False)],
    data_dir: DataDirOpt = None,
) -> None:
    """The checked data as one SQLite database: readable views (links, items, errata), full-text search."""
    from .loader import check_directory, resolve_data_dir
    from .store.cache import export_to

    directory = resolve_data_dir(data_dir)
    check_directory(directory)
    _say(f"wrote {export_to(directory, out)}")


assess_app = typer.Typer(
    help="The Leadership Competencies Self-Assessment (Appendix A): take it, then report on it.",
    no_args_is_help=True,
)
app.add_typer(assess_app, name="assess")


@assess_app.command("take")
@_handled
def assess_take(
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Answers file, written after every answer; resumed if it exists."),
    ] = Path("self-assessment.yaml"),
    respondent: Annotated[str | None, typer.Option("--respondent", "-r", help="Your name or role.")] = None,
    start: Annotated[
        int | None,
        typer.Option("--start", "-s", min=1, help="Begin at this statement number (to change answers)."),
    ] = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Take the survey at the keyboard: answer by number, b to go back, s to skip, q to stop."""
    from .loader import load_self_assessment
    from .take import check_options, take

    check_options(out, respondent)
    cw = _load(data_dir)
    code = take(out, respondent, start, cw, load_self_assessment(cw, data_dir))
    if code:
        raise typer.Exit(code)


@assess_app.command("report")
@_handled
def assess_report(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Answers files (YAML or CSV), one per person.")
    ],
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Ratings per competency, growth areas and strengths, where they meet the standards, where to start."""
    from .answerfile import read_team
    from .assessment import report
    from .loader import load_self_assessment

    cw = _load(data_dir)
    survey = load_self_assessment(cw, data_dir)
    team, warnings = read_team(files, survey, cw)
    for warning in warnings:
        sys.stderr.write(f"crosswalk: warning: {warning}\n")
    _show(report(survey, cw, team), cw, fmt, as_json)


def main() -> None:
    """Console-script entry point (kept for ``crosswalk_cli.cli:main``; see ``entry.main``)."""
    from .entry import main as entry_main

    entry_main()
