"""A View's CSV: its ``csv`` section (else its first), headed by the columns' keys."""

from __future__ import annotations

from typing import IO

from .shape import Section, View


def write_csv(view: View, out: IO[str]) -> None:
    from ..text.csvout import csv_text

    section = view.csv or (view.sections[0] if view.sections else Section("", (), ()))
    keys = [c.key for c in section.columns]
    out.write(csv_text(keys, ([row.get(k, "") for k in keys] for row in section.rows)))
