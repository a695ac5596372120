"""Result records to Views: one module per command family, each describing its records once
(``fields.py``) and building the View its command shows. ``build`` picks the module by the record's
type and imports it only then.
"""

from __future__ import annotations

from importlib import import_module
from typing import IO, TYPE_CHECKING

from ..formats.shape import View

if TYPE_CHECKING:
    from ..model import Crosswalk

_MODULES = {  # a result record's class name -> the module whose view() builds it
    "StandardIndicatorView": "standard",
    "StandardView": "standard",
    "StandardsList": "standard",
    "CompetencyIndicatorView": "competency",
    "CompetencyView": "competency",
    "CompetenciesList": "competency",
    "ThemeView": "theme",
    "ThemesList": "theme",
    "SearchResult": "search",
    "ErrataList": "errata",
    "Validation": "validation",
    "Matrix": "matrix",
    "Report": "report",
    "Catalog": "catalog",
    "ItemView": "catalog",
    "ItemsList": "catalog",
    "ItemSearch": "catalog",
    "LinkMatrix": "linkmatrix",
    "ItemSuggestions": "suggestions",
    "Draft": "suggestions",
    "Measure": "suggestions",
}


def build(result: object, cw: Crosswalk | None) -> View:
    """The View of any query result."""
    name = type(result).__name__
    if name not in _MODULES:
        raise TypeError(f"no view for {name}")
    module = import_module(f".{_MODULES[name]}", __name__)
    view: View = module.view(result, cw)
    return view


def render(result: object, cw: Crosswalk | None, fmt: str, out: IO[str] | None = None) -> None:
    """Show a query result in a format (table, json, csv, markdown): the CLI's one call."""
    from ..formats import emit

    emit(build(result, cw), fmt, out)
