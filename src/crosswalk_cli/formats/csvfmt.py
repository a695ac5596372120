"""A View's CSV: its ``csv`` section (else its first), headed by the columns' keys.

A CSV is one table and keeps every row the other formats show. Where a result has rows of more than one
kind (frameworks and crosswalks; an item and its links), its view stacks them (``shape.stacked``): a first
column ``section`` names the JSON key each row's records come from, then each kind's columns follow once,
a row leaving the other kinds' columns empty. The same thing has the same column name in every command
(``themes`` holds codes, ``themes_incomplete`` says whether they may be incomplete), and a page about one
item names it in a column (``standard``, ``competency``), so that CSVs of several items stack."""

from __future__ import annotations

from typing import IO

from .shape import Section, View


def write_csv(view: View, out: IO[str]) -> None:
    from ..text.csvout import csv_text

    section = view.csv or (view.sections[0] if view.sections else Section("", (), ()))
    keys = [c.key for c in section.columns]
    out.write(csv_text(keys, ([row.get(k, "") for k in keys] for row in section.rows)))
