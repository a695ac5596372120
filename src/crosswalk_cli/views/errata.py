"""The view of ``crosswalk errata``: a crosswalk's errata and printing notes, or a framework's notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..formats.shape import View, stacked
from ..queries.records import SourceNote
from .common import ERRATUM
from .fields import MAYBE_STR, STR, Context, Entity, Field, head, many
from .words import Words, cap, count

if TYPE_CHECKING:
    from ..queries.errata import ErrataList

SOURCE_NOTE: Entity[SourceNote] = Entity(
    "source_note",
    "A printing note outside the crosswalk's entries.",
    (
        Field("kind", STR, lambda n: n.kind, column=head("Kind", no_wrap=True)),
        Field("where", STR, lambda n: n.where, column=head("Where", ratio=2)),
        Field("note", STR, lambda n: n.note, column=head("Note", ratio=5)),
    ),
    csv=("kind", "where", "note"),
    table=("where", "kind", "note"),
)
ERRATA_DOC: Entity[ErrataList] = Entity(
    "errata_result",
    "crosswalk errata: every place the printed crosswalk differs from the data, and other printing notes.",
    (
        Field("errata", many(ERRATUM), lambda r: r.errata),
        Field("source_notes", many(SOURCE_NOTE), lambda r: r.source_notes),
        Field(
            "framework",
            MAYBE_STR,
            lambda r: r.framework,
            doc="whose printing notes, where not the crosswalk's",
        ),
    ),
)


def view(r: ErrataList) -> View:
    ctx = Context()
    if r.framework is not None or r.crosswalk is None or r.source is None:  # a framework's own notes
        return View(
            command="errata",
            title=f"Printing notes of {r.framework}: {len(r.source_notes)}",
            payload=ERRATA_DOC.item(r),
            sections=(SOURCE_NOTE.section(f"Printing notes: {len(r.source_notes)}", r.source_notes, ctx),),
            csv=SOURCE_NOTE.csv_section("source_notes", r.source_notes, ctx),
        )
    words = Words(r.source, r.crosswalk)
    leaf = r.source.level(len(r.source.levels) - 1)
    return View(
        command="errata",
        title=f"Errata: {len(r.errata)} in the crosswalk's entries, "
        f"{count(len(r.source_notes), 'other note')}",
        payload=ERRATA_DOC.item(r),
        sections=(
            ERRATUM.section(
                f"{words.phrase('entries')}: {len(r.errata)}",
                r.errata,
                ctx,
                headers={"competency": cap(leaf.name)},
            ),
            SOURCE_NOTE.section(f"Other printing notes: {len(r.source_notes)}", r.source_notes, ctx),
        ),
        csv=stacked(
            ERRATUM.csv_section("errata", r.errata, ctx),
            SOURCE_NOTE.csv_section("source_notes", r.source_notes, ctx),
        ),
    )
