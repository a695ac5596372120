"""A View's JSON: its payload under ``schema_version`` and ``command``, one object, nothing else."""

from __future__ import annotations

import json
from typing import IO

from .shape import View

# 2: `themes --json`'s top-level `indicators` and `themes_incomplete` are lists of indicators (in 1 they were
# numbers; the numbers are under `counts`). Raise it whenever a published key changes type or meaning.
SCHEMA_VERSION = 2


def write_json(view: View, out: IO[str]) -> None:
    from ..text.safe import json_safe  # C1 and such escaped: the same data, nothing a terminal acts on

    payload = {"schema_version": SCHEMA_VERSION, "command": view.command, **view.payload}
    out.write(json_safe(json.dumps(payload, indent=2, ensure_ascii=not unicode_out(out))) + "\n")


def unicode_out(out: IO[str]) -> bool:
    """Whether the stream takes any character (UTF-8); else JSON escapes them as ``\\uXXXX``."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    return encoding.startswith("utf")
