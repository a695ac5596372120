"""The view of ``crosswalk validate``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..datadir import PACKAGED
from ..formats.shape import View
from .fields import INT_MAP, STR, Context, Entity, Field, head

if TYPE_CHECKING:
    from ..queries.validation import Validation

Count = tuple[str, int]
COUNT: Entity[Count] = Entity(
    "count",
    "What the data holds: an item and how many.",
    (
        Field("item", text=lambda c, _: c[0], column=head("Item", ratio=3)),
        Field("count", text=lambda c, _: str(c[1]), column=head("Count", no_wrap=True)),
    ),
    csv=("item", "count"),
    table=("item", "count"),
)
VALIDATE_DOC: Entity[Validation] = Entity(
    "validate_result",
    "crosswalk validate: the data is valid (else nothing is written and the exit code is 1); its counts.",
    (
        Field("valid", {"const": True}, lambda r: True),
        Field("data_dir", STR, lambda r: r.data_dir),
        Field("counts", INT_MAP, lambda r: dict(r.counts), doc="how many of each item"),
        Field(
            "origins",
            {"type": "object", "additionalProperties": STR},
            lambda r: dict(r.origins),
            doc="where each framework and crosswalk was read from: 'packaged' or a file",
        ),
    ),
)


def view(r: Validation) -> View:
    ctx = Context()
    yours = sorted({origin for _, origin in r.origins if origin != PACKAGED})
    where = "shipped with crosswalk" if r.packaged else r.data_dir
    return View(
        command="validate",
        title="Data is valid",
        payload=VALIDATE_DOC.item(r),
        facts=(("Data", where), *((("Your files", "\n".join(yours)),) if yours else ())),
        sections=(COUNT.section("Counts", r.counts, ctx),),
        csv=COUNT.csv_section("counts", r.counts, ctx),
    )
