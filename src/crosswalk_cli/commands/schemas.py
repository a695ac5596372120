"""The JSON contract: a JSON Schema (draft 2020-12) for every command's ``--json``, made from the same
descriptions (``fields.py``) that write the JSON, so the two cannot drift.

``python -m crosswalk_cli.commands.schemas docs/schema`` writes them, one ``<command>.json`` each;
a test checks that the published files are what this writes now.
"""

from __future__ import annotations

import json
import sys
from importlib import import_module
from pathlib import Path
from typing import Any

from ..formats.jsonfmt import SCHEMA_VERSION
from ..views.fields import Entity, Schema
from . import COMMANDS

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def docs(command: str) -> tuple[Entity[Any], ...]:
    """The descriptions of a command's JSON (one per ``kind``), as the registry names them."""
    found = next(c for c in COMMANDS if c.name == command)
    out = []
    for ref in found.docs:
        module, _, attr = ref.partition(":")
        out.append(getattr(import_module(f"..views.{module}", __package__), attr))
    return tuple(out)


def commands() -> list[str]:
    """Every command whose output has a JSON form, in the registry's order."""
    return [c.name for c in COMMANDS if c.docs]


def file_name(command: str) -> str:
    return command.replace(" ", "-") + ".json"


def schema(command: str, strict: bool = False) -> Schema:
    """The schema of ``crosswalk COMMAND --json``. ``strict`` also forbids keys it does not name (the
    tests' check that the descriptions are complete; the published schemas allow keys added later)."""
    defs: dict[str, Schema] = {}
    shapes = []
    for doc in docs(command):
        shape = doc.schema(defs)
        shape["properties"] = {
            "schema_version": {"const": SCHEMA_VERSION},
            "command": {"const": command},
            **shape["properties"],
        }
        shape["required"] = ["schema_version", "command", *shape["required"]]
        shapes.append(shape)
    top: Schema = {
        "$schema": DRAFT,
        "title": f"crosswalk {command} --json (schema_version {SCHEMA_VERSION})",
    }
    if len(shapes) == 1:
        top.update(shapes[0])
    else:
        top["description"] = " | ".join(s.pop("description") for s in shapes)
        top["oneOf"] = shapes  # told apart by `kind`
    top["$defs"] = dict(sorted(defs.items()))
    return _closed(top) if strict else top


def _closed(node: Any) -> Any:
    if isinstance(node, dict):
        out = {k: _closed(v) for k, v in node.items()}
        if "properties" in out:
            out.setdefault("additionalProperties", False)  # a record's spread keys are described already
        return out
    if isinstance(node, list):
        return [_closed(v) for v in node]
    return node


def text(command: str) -> str:
    return json.dumps(schema(command), indent=2, ensure_ascii=False) + "\n"


def write(directory: Path) -> list[Path]:
    from ..fileio import write_atomic

    directory.mkdir(parents=True, exist_ok=True)
    return [write_atomic(directory / file_name(c), text(c).encode()) for c in commands()]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m crosswalk_cli.commands.schemas DIRECTORY")
    for path in write(Path(sys.argv[1])):
        sys.stdout.write(f"wrote {path}\n")
