"""The shape of the code: one registry checked whole, one format table, no framework's words in src/,
no circles in the imports, and modules small enough to read in one sitting."""

from __future__ import annotations

import ast
import re
from importlib import import_module
from pathlib import Path

import pytest
from typer.main import get_command

from crosswalk_cli.cli import app
from crosswalk_cli.commands import COMMANDS
from crosswalk_cli.formats import WRITERS
from crosswalk_cli.views.fields import Entity

from .conftest import ROOT

SRC = ROOT / "src" / "crosswalk_cli"

# Words of the packaged frameworks and crosswalk: names, ids, codes and the phrases only they use. They
# live in data/ and tests/, never in src/ (code, comments and docstrings alike).
FRAMEWORK_WORDS = [
    r"\bMAPLE\b", r"\bJFF\b", r"\bBPS\b", r"\bMassachusetts\b", r"Vision, Values, and Culture",
    r"\bVVC\b", r"\bPSMV\b", r"\bSRS\b", r"\bCB\b", r"\b(EI|RT|CI|CM|LC|CA)\b", r"standard indicator",
    r"competency indicator", r"Full Crosswalk", r"Instructional Leadership", r"\bfoundational\b",
    r"theme icons?", r"\bCCSSO\b", r"Boston",
]  # fmt: skip


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_no_framework_words_in_the_code() -> None:
    found = []
    for path in _sources():
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            for word in FRAMEWORK_WORDS:
                if re.search(word, line):
                    found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []


def test_every_module_reads_in_one_sitting() -> None:
    long = {
        str(p.relative_to(SRC)): n for p in _sources() if (n := len(p.read_text("utf-8").splitlines())) > 400
    }
    assert long == {}


def test_the_registry_is_whole() -> None:
    """Every command the CLI has is registered once, and every entry runs and describes its JSON."""
    group = get_command(app)
    typed = set(group.commands)  # type: ignore[attr-defined]
    names = [c.name for c in COMMANDS]
    assert len(names) == len(set(names))
    assert typed == {n for n in names if " " not in n}
    for command in COMMANDS:
        module, _, attr = command.run.partition(":")
        target = getattr(import_module(f"crosswalk_cli.commands.{module}"), attr)
        assert callable(target) or command.group, command.name
        for ref in command.docs:
            view, _, name = ref.partition(":")
            assert isinstance(getattr(import_module(f"crosswalk_cli.views.{view}"), name), Entity), ref
    documented = {c.name for c in COMMANDS if c.docs}
    published = {p.stem.replace("-", " ") for p in (ROOT / "docs" / "schema").glob("*.json")}
    assert documented == published


def test_the_format_option_is_the_writers_table() -> None:
    from crosswalk_cli.commands.common import Format

    assert [f.value for f in Format] == list(WRITERS)
    for fmt, (module, function) in WRITERS.items():
        assert callable(getattr(import_module(f"crosswalk_cli.formats.{module}"), function)), fmt


def _imports(path: Path) -> set[str]:
    """The package modules a module imports, import_module's literal targets included."""
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
    if path.name == "__init__.py":
        package = package.removesuffix(".__init__")
    here = package if path.name == "__init__.py" else package.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = here
            for _ in range(max(0, node.level - 1)):
                base = base.rpartition(".")[0]
            if node.level and not node.module:  # from . import x: the modules named, not the package
                found.update(f"{base}.{a.name}" for a in node.names)
                continue
            name = f"{base}.{node.module}" if node.level else node.module or ""
            if name.startswith("crosswalk_cli.") or (name == "crosswalk_cli" and node.level == 0):
                found.add(name)
                found.update(f"{name}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("crosswalk_cli"))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module"
        ):
            literal = node.args[0] if node.args else None
            if isinstance(literal, ast.Constant) and isinstance(literal.value, str):
                found.add(_resolved(literal.value, here))
            elif isinstance(literal, ast.JoinedStr) and isinstance(literal.values[0], ast.Constant):
                prefix = str(literal.values[0].value)  # f".commands.{module}": any module under it
                found.add(_resolved(prefix.rstrip("."), here))
    return found


def _resolved(name: str, here: str) -> str:
    """An import_module target (``..views.x`` relative to the package ``here``) as an absolute name."""
    dots = len(name) - len(name.lstrip("."))
    if not dots:
        return name
    base = here
    for _ in range(dots - 1):
        base = base.rpartition(".")[0]
    return f"{base}.{name[dots:]}" if name[dots:] else base


def test_no_circles_in_the_imports() -> None:
    """No module imports, through any chain, a module that imports it (the graph of modules, where a
    package stands for its __init__)."""
    modules = {}
    for path in _sources():
        name = ".".join(path.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__")
        modules[name] = path
    graph = {
        name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()
    }

    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        stack = list(graph[start])
        while stack:
            m = stack.pop()
            if m not in seen:
                seen.add(m)
                stack += graph[m]
        return seen

    circles = sorted(name for name in graph if name in reach(name) and not _package_face(name, graph))
    assert circles == []


def _package_face(name: str, graph: dict[str, set[str]]) -> bool:
    """A package's __init__ that only names its own modules (a face) is not a circle with them."""
    return False


@pytest.mark.parametrize("word", ["primary", "additional"])
def test_relation_names_come_from_the_data(word: str) -> None:
    """No code compares with a relation's name: relations are the data's (published JSON keys aside)."""
    pattern = re.compile(rf"[=!]=\s*['\"]{word}['\"]|['\"]{word}['\"]\s*[=!]=|in \(['\"]{word}")
    assert [str(p) for p in _sources() if pattern.search(p.read_text("utf-8"))] == []


def test_no_import_back_up_between_rooms() -> None:
    """The package's rooms (each subpackage as a whole, each top-level module) stand in floors: no chain
    of imports, import_module's included, leads from a room back into itself."""
    rooms: dict[str, set[str]] = {}

    def room(module: str) -> str:
        return ".".join(module.split(".")[:2])

    for path in _sources():
        name = ".".join(path.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__")
        rooms.setdefault(room(name), set()).update(
            room(m) for m in _imports(path) if m.startswith("crosswalk_cli.") and room(m) != room(name)
        )

    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        stack = list(rooms[start])
        while stack:
            r = stack.pop()
            if r not in seen and r in rooms:
                seen.add(r)
                stack += rooms[r]
        return seen

    assert sorted(r for r in rooms if r in reach(r)) == []
    assert len(rooms) > 10  # the check saw the package


@pytest.mark.parametrize(
    "args",
    [
        ["standard", "1b", "--json"],
        ["competency", "VVC.3.a"],
        ["item", "BPS:2.3", "-f", "csv"],
        ["theme", "EI"],
    ],
    ids=" ".join,
)
def test_a_lookup_reads_the_store_and_imports_no_loader(tmp_path: Path, args: list[str]) -> None:
    """Once the store is built, a lookup reads it alone: the loader, the model's dataclasses and PyYAML
    stay unimported (they cost about 30 ms at start-up)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    env.pop("CROSSWALK_DATA_DIR", None)
    subprocess.run([sys.executable, "-m", "crosswalk_cli", *args], env=env, capture_output=True, check=True)
    code = (
        "import sys\nfrom crosswalk_cli.entry import run\nrun(sys.argv[1:])\n"
        "heavy = {'crosswalk_cli.loader', 'crosswalk_cli.model', 'yaml'} & set(sys.modules)\n"
        "sys.stderr.write('HEAVY ' + ','.join(sorted(heavy)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.rsplit("HEAVY ", 1)[1] == "", proc.stderr
