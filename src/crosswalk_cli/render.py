"""The old face of the renderer, kept while cli.py imports it: ``build`` (views), ``emit`` (formats),
``picture``. New code imports ``crosswalk_cli.views`` and ``crosswalk_cli.formats``; this module only
re-exports, so it can go once nothing imports it.
"""

from __future__ import annotations

from .formats import FORMATS, emit
from .formats.jsonfmt import SCHEMA_VERSION
from .formats.shape import Column, Section, View
from .views import build


def picture(view: View, kind: str, width: int = 100) -> str:
    """The table as an SVG or HTML picture (see formats/picture.py)."""
    from .formats.picture import picture as draw

    return draw(view, kind, width)


__all__ = ["FORMATS", "SCHEMA_VERSION", "Column", "Section", "View", "build", "emit", "picture"]
