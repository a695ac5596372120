"""Suggest links between two frameworks, offline, with evidence a reader can check.

Pure standard library; nothing here knows which frameworks it is given. ``inputs`` (in
``crosswalk_cli.suggest.fromstore``) builds the inputs from the store, for any two frameworks.
"""

from __future__ import annotations

from .engine import SIGNALS, Suggester, SuggestError
from .items import Evaluation, KnownLink, Params, Source, Suggestion, Target, Vote

__all__ = [
    "SIGNALS",
    "Evaluation",
    "KnownLink",
    "Params",
    "Source",
    "SuggestError",
    "Suggester",
    "Suggestion",
    "Target",
    "Vote",
]
