"""The process's entry point, and the one place where Ctrl-C, a closed pipe and an unwritable stream
end the run: a clear line on stderr and the right exit code, never a traceback.

It imports only the standard library's always-loaded modules until ``main`` runs, so a Ctrl-C during
start-up (while typer and rich load) is already handled here.
"""

from __future__ import annotations

import errno
import os
import sys

TYPE_CHECKING = False  # not `from typing import ...`: importing typing widens the window above
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, NoReturn


class StreamClosed(OSError):
    """Reading or writing a standard stream whose file descriptor was closed."""


class _Closed:
    """Stands in for a standard stream whose file descriptor was closed (``>&-``, ``<&-``): reading or
    writing it is an OSError, which ends the run with a message, instead of an AttributeError on None."""

    def __init__(self, name: str, *, discard: bool = False) -> None:
        self.name = name
        self.discard = discard  # a closed stderr: messages are lost, the exit code still tells
        self.encoding = "utf-8"
        self.errors = "strict"

    def _fail(self) -> NoReturn:
        raise StreamClosed(errno.EBADF, f"{self.name} is closed")

    def write(self, text: str) -> int:
        if self.discard:
            return len(text)
        self._fail()

    def read(self, size: int = -1) -> str:
        self._fail()

    def readline(self, size: int = -1) -> str:
        self._fail()

    def flush(self) -> None:
        pass  # nothing was written; the interpreter flushes at exit too

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        self._fail()


def _prepare_streams() -> None:
    """Closed streams become stand-ins; text the output encoding cannot hold is escaped, not fatal."""
    if sys.stdin is None:
        sys.stdin = _Closed("standard input")
    if sys.stdout is None:
        sys.stdout = _Closed("standard output")
    if sys.stderr is None:
        sys.stderr = _Closed("standard error", discard=True)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _stderr(message: str) -> None:
    try:
        sys.stderr.write(f"crosswalk: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # stderr is gone too; the exit code still tells


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at nothing so the interpreter's last flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _interrupted() -> int:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a second Ctrl-C ends at once, without a traceback
    _stderr("interrupted")
    from .errors import ExitStatus

    return int(ExitStatus.INTERRUPTED)


# Modules that typer, and the standard modules it loads, import by name at start-up and no run of ours
# uses unless something goes wrong or is asked for: subprocess and shellingham (shell completion, opening
# URLs), tokenize and linecache (inspect and traceback, to show source lines), bz2 and lzma (shutil's
# archives), ipaddress (urllib.parse), ntpath (pathlib's Windows paths): about 6 ms of every start.
# Each is put in place as a module that runs its code at the first use of one of its names (_Deferred);
# ``from X import Y`` is such a use, so whatever needs one gets it whole. (platform is not among them:
# uuid, which typer imports, calls it at once.)
DEFERRED = ("subprocess", "shellingham", "tokenize", "linecache", "bz2", "lzma", "ipaddress", "ntpath")


def _defer(names: Sequence[str]) -> None:
    """Stand a deferred module in for each of ``names`` not imported yet."""
    import importlib.util

    for name in names:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        module.__class__ = _Deferred
        sys.modules[name] = module


class _Deferred(type(sys)):  # type: ignore[misc]  # types.ModuleType, without importing types
    """A module whose code has not run yet: the first name asked of it (not one the import system sets,
    such as ``__spec__``, which are there already) runs it, in this same module object, as an import
    would have at start-up."""

    def __getattr__(self, name: str) -> Any:
        self.__class__ = type(sys)  # type: ignore[assignment]  # a plain module from here on
        self.__spec__.loader.exec_module(self)
        return getattr(self, name)


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command line and return its exit code, whatever happens on the way."""
    try:
        _prepare_streams()
        _defer(DEFERRED)
        from .quick import run as quick  # under the handlers: Ctrl-C while typer and rich load is handled too

        args = list(sys.argv[1:] if argv is None else argv)
        code: Any = quick(args)  # the common lookup lines, without typer; None: typer reads the line
        if code is None:
            from .cli import build_app

            code = build_app(args)(args=args, prog_name="crosswalk", standalone_mode=False)
        sys.stdout.flush()  # here, not at interpreter exit, so a failed write is reported
        return code if isinstance(code, int) else 0
    except KeyboardInterrupt:
        return _interrupted()
    except BrokenPipeError:
        _silence_stdout()  # the reader stopped reading (`| head`): that is not an error
        return 0
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            _silence_stdout()
            return 0
        from .text.safe import escape_controls as printable

        if isinstance(exc, StreamClosed):
            message = str(exc.strerror)
        elif exc.filename is not None:
            message = f"{exc.filename}: {exc.strerror or exc}"
        else:  # no file named: a write to stdout (a full disk, a vanished terminal)
            message = f"cannot write output: {exc.strerror or exc}"
        _stderr(f"error: {printable(message)}")
        _silence_stdout()
        return 1
    except Exception as exc:
        if _caused_by_interrupt(exc):  # Python wraps a Ctrl-C in some places (a class being made)
            return _interrupted()
        raise


def _caused_by_interrupt(exc: BaseException) -> bool:
    """Whether a Ctrl-C stands behind an exception: CPython turns a KeyboardInterrupt raised while a class
    is being created (``__set_name__``, as ``import ipaddress`` does) into a RuntimeError caused by it."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Console-script entry point."""
    import gc

    # One short-lived process: the cyclic collector would walk the thousands of objects typer, rich and
    # the imports create, several times, and find nothing to free. Memory stays small either way.
    gc.disable()
    sys.unraisablehook = _unraisable
    try:
        code = run(argv)
        if _SWALLOWED and not _said_interrupted(code):
            code = _interrupted()  # a Ctrl-C Python could only ignore: the run was interrupted all the same
        _ignore_interrupts()  # the run is over: a Ctrl-C now would only kill the exit (status -2)
    except KeyboardInterrupt:  # a Ctrl-C landing between the handlers above
        code = _interrupted()
    sys.exit(code)


def _unraisable(info: Any) -> None:
    """A Ctrl-C that lands where Python cannot raise it (a callback of the import system's module locks, a
    finalizer) was printed as "Exception ignored" with a traceback, and the run went on as if no one had
    pressed it. It is kept instead, and the run ends as interrupted (``main``). Anything else is Python's
    to show."""
    if isinstance(info.exc_value, KeyboardInterrupt):
        _SWALLOWED.append(info.exc_value)
        return
    sys.__unraisablehook__(info)


_SWALLOWED: list[BaseException] = []  # the Ctrl-Cs Python could not raise (_unraisable)


def _said_interrupted(code: int) -> bool:
    """Whether a run ended as interrupted already (and said so)."""
    from .errors import ExitStatus

    return code == ExitStatus.INTERRUPTED


def _ignore_interrupts() -> None:
    """Ignore Ctrl-C from here on. Once the interpreter starts to finish it puts the default action
    back, and a Ctrl-C then killed the process without a word, whatever the run had done."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
