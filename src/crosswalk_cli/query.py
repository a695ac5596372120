"""The old single-module face of ``crosswalk_cli.queries``, kept while cli.py and answerfile.py import it.

New code imports from the package (``crosswalk_cli.queries.standard`` and so on); this module only
re-exports, so it can go once nothing imports it.
"""

from __future__ import annotations

from .queries.competency import (
    CompetenciesList,
    CompetencyIndicatorView,
    CompetencyView,
    LinkedStandard,
    competencies_list,
    competency,
)
from .queries.errata import ErrataList, ErratumRow, errata
from .queries.links import (
    ADDITIONAL,
    LISTED,
    POSSIBLE,
    PRIMARY,
    IndicatorRow,
    LinkedIndicator,
    theme_match,
)
from .queries.matrix import Matrix, MatrixRow, matrix
from .queries.resolve import (
    UnknownId,
    competency_keys,
    resolve_competency,
    resolve_domain,
    resolve_standard,
    resolve_theme,
    resolve_themes,
    standard_keys,
    standard_names,
)
from .queries.search import SearchHit, SearchResult, search, search_words
from .queries.standard import (
    IndicatorCount,
    StandardIndicatorView,
    StandardsList,
    StandardView,
    standard,
    standards_list,
)
from .queries.theme import ThemeCount, ThemesList, ThemeView, theme, themes_list
from .queries.validation import Validation, validation

__all__ = [
    "ADDITIONAL",
    "LISTED",
    "POSSIBLE",
    "PRIMARY",
    "CompetenciesList",
    "CompetencyIndicatorView",
    "CompetencyView",
    "ErrataList",
    "ErratumRow",
    "IndicatorCount",
    "IndicatorRow",
    "LinkedIndicator",
    "LinkedStandard",
    "Matrix",
    "MatrixRow",
    "SearchHit",
    "SearchResult",
    "StandardIndicatorView",
    "StandardView",
    "StandardsList",
    "ThemeCount",
    "ThemeView",
    "ThemesList",
    "UnknownId",
    "Validation",
    "competencies_list",
    "competency",
    "competency_keys",
    "errata",
    "matrix",
    "resolve_competency",
    "resolve_domain",
    "resolve_standard",
    "resolve_theme",
    "resolve_themes",
    "search",
    "search_words",
    "standard",
    "standard_keys",
    "standard_names",
    "standards_list",
    "theme",
    "theme_match",
    "themes_list",
    "validation",
]
