"""The command line: build the typer app with only the command a line asks for, run it, and turn every
error into one stderr line and an exit code, here and nowhere else.

Commands live in ``commands/`` (one module per family). Building typer's parameters for every command
costs time at each start, so a command line that names a command registers just that one; help, shell
completion and unknown commands get them all.
"""

# No `from __future__ import annotations` here: typer reads these signatures at every start.

import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__
from .commands import COMMANDS
from .errors import CrosswalkError, ExitStatus
from .notice import remember, report, say
from .quick import completing

# typer bundles click in some versions and depends on it in others: find its base exception by name.
_ClickException: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)


def _say_error(message: str) -> None:
    say(f"error: {message}")


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
        argv = list(sys.argv[1:] if args is None else args)
        remember(argv)
        code = self._run(argv, prog_name or "crosswalk", complete_var, extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, argv: list[str], prog_name: str, complete_var: str | None, extra: dict[str, Any]) -> int:
        self._main_shell_completion(extra, prog_name, complete_var)
        _text_only(self)
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
                return int(ExitStatus.USAGE)
            where = getattr(exc, "ctx", None)
            hint = f" (see '{where.command_path} --help')" if where is not None else ""
            _say_error(f"{exc.format_message()}{hint}")  # type: ignore[attr-defined]
            return int(getattr(exc, "exit_code", ExitStatus.USAGE))
        except typer.Abort:
            _say_error("aborted")
            return int(ExitStatus.DATA)
        except Exception as exc:  # the library's own errors, from every command: one place (notice.report)
            code = report(exc)
            if code is None:
                raise
            return code


class NotText(CrosswalkError):
    """A text argument holding bytes that are not UTF-8 (bad usage)."""

    exit_code = ExitStatus.USAGE


def _text_only(command: Any) -> None:
    """Make every text parameter (an id, a framework, a theme, search words, a name: all but paths,
    numbers and choices) refuse an argument holding bytes that are not UTF-8, as bad usage. Python
    reads such bytes as lone surrogates, which no query, file or terminal can take as text."""
    for param in getattr(command, "params", ()):
        if type(param.type).__name__ == "StringParamType":
            param.type = _text_type(type(param.type))()
    for sub in getattr(command, "commands", {}).values():
        _text_only(sub)


def _text_type(base: type) -> type:
    """click's text type, refusing a lone surrogate."""

    def convert(self: Any, value: Any, param: Any, ctx: Any) -> Any:
        text = base.convert(self, value, param, ctx)  # type: ignore[attr-defined]
        if isinstance(text, str) and not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as exc:
                name = param.opts[0]  # an option's flag, an argument's name as help shows it
                if not name.startswith("-"):
                    name = param.human_readable_name.strip("[].")
                raise NotText(
                    f"{name}: a byte that is not UTF-8 at position {exc.start + 1}; "
                    "use letters, digits, spaces and punctuation"
                ) from None
        return text

    return type("Text", (base,), {"convert": convert, "__doc__": _text_type.__doc__})


def _version(value: bool) -> None:
    if value:
        typer.echo(f"crosswalk {__version__}")
        raise typer.Exit()


def _callback(
    version: Annotated[
        bool, typer.Option("--version", help="Show the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """Leadership-standards crosswalks: look up, search and draft them, in any framework."""


def _wanted(argv: Sequence[str]) -> str | None:
    """The one command this line runs, or None when help, completion or an error needs them all."""
    if completing():
        return None
    first = next((a for a in argv if not a.startswith("-")), None)
    if first is None or any(a.startswith("-") for a in argv[: argv.index(first)]):
        return None
    return first if first in TOP else None


TOP = {c.name: c for c in COMMANDS if " " not in c.name}  # the commands and groups typed first


def build_app(argv: Sequence[str] | None = None) -> typer.Typer:
    """The app with the command ``argv`` names, or every command (``argv`` None: all of them)."""
    app = typer.Typer(
        cls=_Group,
        rich_markup_mode=None,  # plain help: rich's help layout costs every --help some 40 ms of imports
        help="Leadership-standards crosswalks in a terminal: look items up in both directions, filter by "
        "theme, search, export and exchange (CASE 1.1), and draft the crosswalks nobody has published, for "
        "a person to review. The packaged data holds a published crosswalk and its two frameworks; "
        "--data-dir adds your own.\n\n"
        "Exit codes: 0 success, 1 bad data or a file that cannot be read or written, 2 bad usage, "
        "130 interrupted.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_callback)
    wanted = None if argv is None else _wanted(argv)
    for name, command in TOP.items():
        if wanted is not None and name != wanted:
            continue
        module, _, attr = command.run.partition(":")
        target = getattr(import_module(f".commands.{module}", __package__), attr)
        if isinstance(target, typer.Typer):
            app.add_typer(target, name=name)
        else:
            app.command(name)(target)
    return app


def __getattr__(name: str) -> Any:
    if name == "app":  # every command, for tests and tools that import the app itself
        return build_app()
    raise AttributeError(name)
