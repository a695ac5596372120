"""A Python API: open a data directory, then ask it what the commands answer (docs/api.md).

    >>> from crosswalk_cli.api import Data
    >>> data = Data()                       # the packaged data; Data("my/district") adds yours
    >>> first = data.crosswalks()[0]        # the data's first crosswalk, as `crosswalk frameworks` lists it
    >>> first["links"] == len(data.links(first["id"]))
    True

Every answer is the record a command's ``--json`` is written from, as Python values: the same query, the
same description of the record (``views/``), no second serializer. ``crosswalk item ID --json`` is
``Data().item(ID)`` with ``schema_version`` and ``command`` added. Bad input raises the library's own
exception, ``crosswalk_cli.errors.CrosswalkError``: its ``exit_code`` is the command line's (1 bad data,
2 an id or option that names nothing) and ``lines()`` what the command line would print.

Nothing on the command line imports this module; it imports what each question needs when asked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3
    from types import TracebackType

    from .formats.shape import View
    from .queries.records import CrosswalkInfo

Record = dict[str, Any]

__all__ = ["Data", "Record"]


class Data:
    """The frameworks and crosswalks of a data directory, read beside the packaged ones.

    ``Data()`` reads the packaged data alone (``$CROSSWALK_DATA_DIR`` is the command line's, not read
    here); ``Data(DIR)`` adds the framework and crosswalk files of ``DIR``, as ``--data-dir DIR`` does;
    ``packaged=False`` reads ``DIR`` alone (``--no-packaged``). The data is checked and its store
    opened at once, so broken data raises here. Close it with ``close()`` or a ``with`` block.
    """

    def __init__(self, data_dir: str | os.PathLike[str] | None = None, *, packaged: bool = True) -> None:
        from .datadir import Sources, UsageError, sources
        from .store import open_database

        if data_dir is None:
            if not packaged:
                raise UsageError(["packaged=False reads your own data alone: give a data directory"])
            self.sources = Sources(None, True)
        else:
            self.sources = sources(data_dir, packaged)
        self.db: sqlite3.Connection = open_database(self.sources)

    def __repr__(self) -> str:
        return f"Data({', '.join(str(d) for d in self.sources.directories)})"

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Data:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # --- any framework, any crosswalk --------------------------------------------------------------------

    def frameworks(self) -> list[Record]:
        """Every framework, as ``crosswalk frameworks --json`` lists them (``frameworks``)."""
        return self._catalog()["frameworks"]  # type: ignore[no-any-return]

    def crosswalks(self) -> list[Record]:
        """Every crosswalk, as ``crosswalk frameworks --json`` lists them (``crosswalks``)."""
        return self._catalog()["crosswalks"]  # type: ignore[no-any-return]

    def _catalog(self) -> Record:
        from .queries.catalog import catalog
        from .views.catalog import view

        return _payload(view(catalog(self.db, self.sources.user)))

    def items(self, framework: str) -> list[Record]:
        """A framework's items in printed order (``crosswalk items FRAMEWORK --json``'s ``items``)."""
        from .queries.catalog import items
        from .queries.resolve import resolve_framework
        from .views.catalog import items_view

        found = items(self.db, resolve_framework(self.db, framework))
        return _payload(items_view(found))["items"]  # type: ignore[no-any-return]

    def item(self, ident: str) -> Record:
        """Any item, with its links in every crosswalk (``crosswalk item ID --json``)."""
        from . import presets

        return _payload(presets.item_answers(self.db, [ident])[0][1])

    def links(self, crosswalk: str | None = None) -> list[Record]:
        """Every link of a crosswalk (default: the data's first), one record per row of ``crosswalk
        export csv``: the entry, the relation, both items, the entry's notes and who made the link."""
        from .exchange.export import LINK, link_rows
        from .queries.exchange import crosswalk_data

        return [LINK.item(row) for row in link_rows(crosswalk_data(self.db, self._crosswalk(crosswalk)))]

    # --- the presets over a crosswalk (its target's items, its source's items and tags) ------------------

    def standard(self, ident: str, *, crosswalk: str | None = None, themes: Iterable[str] = ()) -> Record:
        """An item of the crosswalk's target framework and what links to it (``crosswalk standard ID``)."""
        from . import presets

        return _payload(presets.standard_answers(self.db, [ident], crosswalk, themes)[0][1])

    def competency(self, ident: str, *, crosswalk: str | None = None) -> Record:
        """An item of the crosswalk's source framework and what it links to (``crosswalk competency ID``)."""
        from . import presets

        return _payload(presets.competency_answers(self.db, [ident], crosswalk)[0][1])

    def themes(self, *, crosswalk: str | None = None) -> list[Record]:
        """The themes (tags) of the crosswalk's source framework, counted (``crosswalk themes``)."""
        from .queries.lists import tag_list
        from .views.theme import themes_view

        x = self._crosswalk(crosswalk)
        return _payload(themes_view(tag_list(self.db, x.source, x)))["themes"]  # type: ignore[no-any-return]

    def theme(self, code: str, *, crosswalk: str | None = None) -> Record:
        """Every item carrying a theme, code or name (``crosswalk theme CODE``)."""
        from . import presets

        return _payload(presets.theme(self.db, code, crosswalk))

    def search(
        self,
        text: str,
        *,
        frameworks: Iterable[str] = (),
        crosswalk: str | None = None,
        themes: Iterable[str] = (),
    ) -> Record:
        """Items whose text holds every word, best first (``crosswalk search TEXT``; ``frameworks``:
        ``--framework``, any framework's items ranked by bm25)."""
        from . import presets
        from .datadir import UsageError
        from .queries.search import search_words

        chosen, wanted = list(frameworks), list(themes)
        if not search_words(text):
            raise UsageError(["give at least one word to search for"])
        if chosen and wanted:
            raise UsageError(["themes go with a crosswalk's search, not frameworks"])
        return _payload(presets.search(self.db, text, crosswalk, wanted, chosen))

    def errata(self, *, crosswalk: str | None = None, framework: str | None = None) -> Record:
        """Where a crosswalk as printed differs from the data, and why; or a framework's own printing
        slips (``crosswalk errata [--framework ID]``)."""
        from .queries.errata import errata, framework_notes
        from .queries.resolve import resolve_framework
        from .views.errata import view

        if framework is not None:
            return _payload(view(framework_notes(self.db, resolve_framework(self.db, framework))))
        return _payload(view(errata(self.db, self._crosswalk(crosswalk))))

    def _crosswalk(self, given: str | None) -> CrosswalkInfo:
        from .presets import crosswalk

        return crosswalk(self.db, given)


def _payload(view: View) -> Record:
    """The record a view's JSON is written from (``formats.jsonfmt`` adds ``schema_version`` and
    ``command`` around it)."""
    return view.payload
