"""The quick path: the common lookup lines (``standard ID --json``, ``theme CODE``, ``search WORDS -f csv``,
``standards``, ``frameworks``, ``suggest ID --to FW``: the commands in COMMANDS) read and answered without
loading typer, whose import and command building are most of a lookup's start-up (docs/speed.md).

It reads a line only when the line is plainly valid: the command first, then its arguments and its own
options, each option once (``--theme`` and ``--framework`` may repeat), as ``--option VALUE``,
``--option=VALUE`` or ``-o VALUE``. Anything else (help, ``--version``, ``--``, a value or argument that
starts with ``-``, an unknown or repeated option, ``--json`` with another ``--format``, a format not
spelled as listed, a ``--data-dir`` that is not a readable directory, a byte that is not UTF-8, a search
without words, ``suggest`` without ``--to`` or with a ``--top`` other than a number from 1 to 100, shell
completion) is left to typer, which reads every line and says what is wrong. Both end in the same place
(``lookup.answer``); tests/test_quick.py checks that the options here are the typer commands' own and
that both readers make the same Call of thousands of lines.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .lookup import Call

FLAG, VALUE, REPEAT = "flag", "value", "repeat"
# option -> (the Call field it sets, how it is given); a flag's value is in FLAG_VALUES
OPTIONS: dict[str, tuple[str, str]] = {
    "--crosswalk": ("crosswalk", VALUE),
    "--format": ("fmt", VALUE),
    "-f": ("fmt", VALUE),
    "--json": ("json", FLAG),
    "--data-dir": ("data_dir", VALUE),
    "--packaged": ("packaged", FLAG),
    "--no-packaged": ("packaged", FLAG),
    "--theme": ("themes", REPEAT),
    "-t": ("themes", REPEAT),
    "--framework": ("frameworks", REPEAT),
    "-F": ("frameworks", REPEAT),
    "--domain": ("domain", VALUE),
    "-d": ("domain", VALUE),
    "--to": ("to", VALUE),
    "--top": ("top", VALUE),
    "-k": ("top", VALUE),
}
FLAG_VALUES = {"--json": True, "--packaged": True, "--no-packaged": False}
SHARED = ("crosswalk", "fmt", "json", "data_dir", "packaged")
ANY_DATA = ("fmt", "json", "data_dir", "packaged")  # the options of a command over any framework
# command -> (how many arguments: none, one, or one or more; the fields its options set). `suggest` here
# is one item's suggestions: a draft, a review or a measure is typer's (LEFT_TO_TYPER).
COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "standard": ("many", ("themes", *SHARED)),
    "competency": ("many", SHARED),
    "theme": ("one", SHARED),
    "search": ("many", ("themes", "frameworks", *SHARED)),
    "item": ("many", ANY_DATA),
    "standards": ("none", SHARED),
    "competencies": ("none", ("domain", "themes", *SHARED)),
    "themes": ("none", SHARED),
    "items": ("one", ANY_DATA),
    "frameworks": ("none", ANY_DATA),
    "suggest": ("one", ("to", "top", *ANY_DATA)),
}
# The options of these commands the quick path does not read: a line with one of them is typer's.
LEFT_TO_TYPER = {"suggest": ("--from", "--evaluate", "--review", "--out", "-o", "--reviewer")}
TOP = range(1, 101)  # suggest --top, as typer's range allows it


def run(argv: Sequence[str]) -> int | None:
    """Answer ``argv`` and return the exit code, or None when the line is one for typer to read."""
    call = read(argv)
    if call is None:
        return None
    from .lookup import answer
    from .notice import remember, report

    remember(argv)
    try:
        answer(call)
    except Exception as exc:
        code = report(exc)
        if code is None:
            raise
        return code
    return 0


def read(argv: Sequence[str]) -> Call | None:
    """The Call ``argv`` makes, when it is a line the quick path reads; else None."""
    if not argv or argv[0] not in COMMANDS or completing():
        return None
    arity, allowed = COMMANDS[argv[0]]
    values: dict[str, str] = {}  # the options given once, by the Call field they set
    flags: dict[str, bool] = {}
    repeated: dict[str, list[str]] = {"themes": [], "frameworks": []}
    args: list[str] = []
    rest = list(argv[1:])
    while rest:
        token = rest.pop(0)
        if not _text(token):
            return None
        if not token.startswith("-"):
            args.append(token)
            continue
        name, equals, value = token.partition("=") if token.startswith("--") else (token, "", "")
        field, kind = OPTIONS.get(name, ("", ""))
        if field not in allowed:
            return None
        if kind == FLAG:
            if equals or field in flags:
                return None
            flags[field] = FLAG_VALUES[name]
            continue
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if value.startswith("-") or not _text(value):
            return None
        if kind == REPEAT:
            repeated[field].append(value)
        elif field in values:
            return None
        else:
            values[field] = value
    return _call(argv[0], arity, args, values, flags, repeated)


def _call(
    command: str,
    arity: str,
    args: list[str],
    values: dict[str, str],
    flags: dict[str, bool],
    repeated: dict[str, list[str]],
) -> Call | None:
    """The Call of a line read, when typer would take it as it is; else None."""
    from .formats import WRITERS
    from .lookup import Call

    if len(args) != {"none": 0, "one": 1}.get(arity, max(1, len(args))):
        return None
    fields: dict[str, Any] = dict(values)  # what is not given is the Call's default, as typer's is
    fmt = values.get("fmt", "table")
    if fmt not in WRITERS or (flags.get("json") and "fmt" in values and fmt != "json"):
        return None
    fields["fmt"] = "json" if flags.get("json") else fmt
    if "data_dir" in values:
        folder = values["data_dir"]
        if not (os.path.isdir(folder) and os.access(folder, os.R_OK)):
            return None
        from pathlib import Path

        fields["data_dir"] = str(Path(folder))  # as typer gives it: a Path, spelled as Path spells it
    if command == "search":
        from .queries.search import search_words

        if not search_words(" ".join(args)) or (repeated["themes"] and repeated["frameworks"]):
            return None
    if command == "suggest":
        if "to" not in values:
            return None
        if "top" in values:
            top = values["top"]
            if not (top.isascii() and top.isdigit() and int(top) in TOP):
                return None
            fields["top"] = int(top)
    fields["packaged"] = flags.get("packaged", True)
    return Call(command, tuple(args), tuple(repeated["themes"]), tuple(repeated["frameworks"]), **fields)


def _text(token: str) -> bool:
    """Whether a command-line word is text (typer refuses, in its own words, bytes that are not UTF-8)."""
    if token.isascii():
        return True
    try:
        token.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def completing() -> bool:
    """Whether a shell is asking for completions (typer answers those)."""
    return any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)
