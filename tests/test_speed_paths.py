"""What the fast paths (issue 20, "Speed") must still do: each shortcut taken for time keeps the answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crosswalk_cli.entry import DEFERRED

# The unsafe-character patterns match the astral range U+1FFFE..U+10FFFF as one (a class of its 32
# noncharacters one by one made every JSON page's check 2 ms): only the noncharacters in it are unsafe.
ASTRAL = [
    ("\U0001fffe", True),
    ("\U0002ffff", True),
    ("\U0010ffff", True),
    ("\U00020000", False),  # CJK Extension B
    ("\U0010fffd", False),  # private use
    ("\U0001f600", False),  # an emoji, below the range
]


@pytest.mark.parametrize(
    ("char", "unsafe"), ASTRAL, ids=lambda c: f"U+{ord(c):X}" if isinstance(c, str) else ""
)
def test_astral_noncharacters_alone_are_escaped(char: str, unsafe: bool) -> None:
    from crosswalk_cli.text.safe import escape_controls, escape_text, first_unsafe, json_safe

    text = f"a{char}b"
    shown = f"a\\U{ord(char):08x}b"
    assert escape_controls(text) == (shown if unsafe else text)
    assert escape_text(text) == (shown if unsafe else text)
    assert (first_unsafe(text) is not None) is unsafe
    assert first_unsafe(f"{char}\x1b") == (
        f"'\\U{ord(char):08x}' at position 1" if unsafe else "'\\x1b' at position 2"
    )
    assert (json_safe(json.dumps(text, ensure_ascii=False)) == json.dumps(text)) is unsafe
    assert json.loads(json_safe(json.dumps(text, ensure_ascii=False))) == text


def _python(code: str, *args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path), "COLUMNS": "80"}
    env.pop("CROSSWALK_DATA_DIR", None)
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True)


@pytest.mark.parametrize("args", [["standard", "1b", "--json"], ["theme", "EI"], ["--help"]], ids=" ".join)
def test_a_run_leaves_the_deferred_modules_unrun_and_each_works_when_used(
    tmp_path: Path, args: list[str]
) -> None:
    """typer and the modules it loads import these (entry.DEFERRED) at start-up and a run never uses them:
    the entry point defers their code to their first use, which still works."""
    code = (
        "import sys, io\n"
        "from crosswalk_cli.entry import DEFERRED, _Deferred, run\n"
        "out, sys.stdout = sys.stdout, io.StringIO()\n"
        "assert run(sys.argv[1:]) == 0\n"
        "sys.stdout = out\n"
        "print(sorted(n for n in DEFERRED if isinstance(sys.modules.get(n), _Deferred)))\n"
        "import subprocess, ipaddress, bz2, lzma, linecache, tokenize, ntpath, shellingham, io, platform\n"
        "from subprocess import PIPE\n"
        "assert platform.system() and PIPE == -1 and ipaddress.ip_address('::1').version == 6\n"
        "assert lzma.decompress(lzma.compress(b'x')) == bz2.decompress(bz2.compress(b'x')) == b'x'\n"
        "assert subprocess.run([sys.executable, '-c', 'print(1)'], capture_output=True).stdout == b'1\\n'\n"
        "code = run.__code__\n"
        "assert linecache.getline(code.co_filename, code.co_firstlineno).startswith('def run')\n"
        "words = tokenize.generate_tokens(io.StringIO('x = 1').readline)\n"
        "assert [t.string for t in words][:3] == ['x', '=', '1']\n"
        "assert ntpath.join('a', 'b') == 'a\\\\b'\n"
        "assert issubclass(shellingham.ShellDetectionFailure, Exception)\n"
        "print(sorted(n for n in DEFERRED if isinstance(sys.modules.get(n), _Deferred)))\n"
    )
    proc = _python(code, *args, tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [str(sorted(DEFERRED)), "[]"]


@pytest.mark.parametrize("given", ["1b", "MA:1b", "Instruction"])
def test_an_id_is_looked_up_by_its_alias_first(given: str) -> None:
    """Resolving an id reads the alias table by its key and then the items it names; SQLite, left to
    choose, walked every item of the framework at those levels (32 ms a lookup in 1000x data)."""
    from crosswalk_cli.datadir import sources
    from crosswalk_cli.queries import fetch
    from crosswalk_cli.queries.resolve import resolve_in
    from crosswalk_cli.store import open_database

    db = open_database(sources(None, True))
    statements: list[str] = []
    db.set_trace_callback(statements.append)
    try:
        key = resolve_in(db, fetch.framework(db, "MA"), given)
    finally:
        db.set_trace_callback(None)
    assert fetch.item(db, key).code == "1b"
    by_alias = [s for s in statements if "FROM alias a" in s]
    assert by_alias
    for sql in by_alias:
        plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
        assert plan[0].startswith("SEARCH a USING PRIMARY KEY (key=?)"), plan
        assert not any(step.startswith("SCAN") for step in plan), plan


LOOKUP_RECORDS = [
    "crosswalk_cli.commands",
    "crosswalk_cli.datadir",
    "crosswalk_cli.formats.shape",
    "crosswalk_cli.queries.item",
    "crosswalk_cli.queries.lists",
    "crosswalk_cli.queries.records",
    "crosswalk_cli.queries.search",
]


@pytest.mark.parametrize("module", LOOKUP_RECORDS)
def test_the_lookup_records_are_defined_with_plain_annotations(module: str) -> None:
    """typing.NamedTuple compiles every annotation written as a string (``from __future__ import
    annotations``) when the class is made, at each start: the records every lookup imports hold types."""
    import importlib
    import inspect
    from typing import ForwardRef

    found = importlib.import_module(module)
    records = [
        c
        for _, c in inspect.getmembers(found, inspect.isclass)
        if c.__module__ == module and issubclass(c, tuple) and hasattr(c, "_fields")
    ]
    assert records
    for record in records:
        strings = {k: v for k, v in record.__annotations__.items() if isinstance(v, str | ForwardRef)}
        assert not strings, f"{record.__name__}: {strings}"


def test_a_theme_page_reads_only_the_items_it_may_show() -> None:
    """A theme's page reads the items that list the theme or may (their tags may be incomplete), not
    every item of the levels that carry tags, and shows the same rows as before."""
    from crosswalk_cli.datadir import sources
    from crosswalk_cli.queries.lists import tag_page, tagged_items
    from crosswalk_cli.queries.resolve import resolve_crosswalk
    from crosswalk_cli.queries.rows import rows
    from crosswalk_cli.store import open_database

    db = open_database(sources(None, True))
    x = resolve_crosswalk(db, None)
    every = tagged_items(db, x.source)
    for tag in ("EI", "CA"):
        read = tagged_items(db, x.source, tag)
        assert read == [r for r in every if tag in r.tags or r.tags_incomplete]
        assert len(read) < len(every)
        page = tag_page(db, x.source, tag, x)
        assert (*page.rows, *page.possible) == tuple(
            sorted(rows(db, every, x, (tag,)), key=lambda r: r.tag_match == "possible")
        )
