"""The columns a spreadsheet may have, by the names people give them: ours, and the CASE names OpenSALT's
spreadsheet ("CF Item" sheet) uses. A header is matched ignoring case, spaces, ``_`` and ``-``; a name
not known is refused with the one it likely means."""

from __future__ import annotations

from pathlib import Path

from ...errors import DataError
from ...fileio import shown

# column -> the names it answers to (folded: lower case, no spaces, _ or -)
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "humancodingscheme"),
    "parent": ("parent", "parentcode", "ischildof"),
    "level": ("level", "depth"),
    "smart level": ("smartlevel",),
    "label": ("label", "listenumeration", "listenuminsource"),
    "title": ("title", "abbreviatedstatement"),
    "text": ("text", "fullstatement", "statement"),
    "tags": ("tags", "conceptkeywords", "keywords"),
    "notes": ("notes", "note"),
    "type": ("type", "cfitemtype", "itemtype"),
    "identifier": ("identifier",),
}
PLACES = ("parent", "level", "smart level")  # ways of saying where an item stands: at most one


def _folded(name: str) -> str:
    return "".join(ch for ch in name.strip().lower() if ch not in " _-")


def columns(path: Path, names: list[str]) -> tuple[dict[str, int], list[str]]:
    """{column: its index} for a header row, and a problem for every header that is not a column, is
    empty or comes twice. A missing ``code`` column is a DataError: no row could be read without it."""
    from ...loader.checker import close_field
    from ...text.safe import shown as text_shown

    by_name = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    problems = []
    for n, name in enumerate(names):
        where = f"{shown(path)}: row 1, column {n + 1}"
        column = by_name.get(_folded(name))
        if not name.strip():
            problems.append(f"{where}: no column name (give one, or delete the column)")
        elif column is None:
            close = close_field(_folded(name), by_name)
            hint = f"; did you mean '{by_name[close]}'?" if close else ""
            known = ", ".join(COLUMNS)
            problems.append(f"{where}: unknown column '{text_shown(name)}'{hint} (the columns: {known})")
        elif column in found:
            problems.append(f"{where}: '{text_shown(name)}' is column {found[column] + 1} again ({column})")
        else:
            found[column] = n
    if "code" not in found:
        raise DataError([*problems, f"{shown(path)}: row 1: no 'code' column (each item needs its code)"])
    places = [p for p in PLACES if p in found]
    if len(places) > 1:
        problems.append(
            f"{shown(path)}: row 1: give one of {', '.join(places)}, not both: they could disagree"
        )
        for p in places:  # the rows are still checked, as if none were given
            del found[p]
    return found, problems
