"""The view of ``crosswalk validate``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..datadir import PACKAGED
from ..formats.shape import View, stacked
from .fields import INT_MAP, STR, STRS, Context, Entity, Field, head
from .words import count

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
File = tuple[str, bool]
FILE: Entity[File] = Entity(
    "file",
    "A data file in use, and whether it carries a seal.",
    (
        Field("file", text=lambda f, _: f[0], column=head("File", ratio=3)),
        Field("seal", text=lambda f, _: "sealed" if f[1] else "no seal", column=head("Seal", no_wrap=True)),
    ),
    csv=("file", "seal"),
    table=("file", "seal"),
)
VALIDATE_DOC: Entity[Validation] = Entity(
    "validate_result",
    "crosswalk validate: the data is valid (else nothing is written and the exit code is 1); its counts, "
    "and which files carry a seal.",
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
        Field("sealed", STRS, lambda r: list(r.sealed), doc="the files in use that carry a seal"),
        Field(
            "unsealed",
            STRS,
            lambda r: list(r.unsealed),
            doc="the files in use that carry no seal (a change to them goes unnoticed)",
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
        facts=(
            ("Data", where),
            *((("Your files", "\n".join(yours)),) if yours else ()),
            ("Seals", _seals(r)),
        ),
        sections=(COUNT.section("Counts", r.counts, ctx), FILE.section("Files", r.files, ctx)),
        csv=stacked(COUNT.csv_section("counts", r.counts, ctx), FILE.csv_section("files", r.files, ctx)),
    )


def _seals(r: Validation) -> str:
    sealed = f"{len(r.sealed)} of {count(len(r.files), 'file')} sealed"
    return sealed if not r.unsealed else f"{sealed}; no seal: {', '.join(r.unsealed)}"
