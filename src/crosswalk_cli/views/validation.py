"""The view of ``crosswalk validate``."""

from __future__ import annotations

from typing import Any

from ..formats.shape import View
from ..model import Crosswalk
from ..queries.validation import Validation
from .fields import INT_MAP, STR, STRS, Context, Entity, Field, head

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
    "A data file read, and whether it carries a seal.",
    (
        Field("file", text=lambda f, _: f[0], column=head("File", ratio=3)),
        Field("seal", text=lambda f, _: "sealed" if f[1] else "no seal", column=head("Seal", no_wrap=True)),
    ),
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
        Field("sealed", STRS, lambda r: list(r.sealed), doc="the files that carry a seal, by name"),
        Field(
            "unsealed",
            STRS,
            lambda r: list(r.unsealed),
            doc="the files read that carry no seal, by name: a change to them goes unnoticed",
        ),
    ),
)


def view(r: Any, cw: Crosswalk) -> View:
    assert isinstance(r, Validation)
    ctx = Context(cw)
    return View(
        command="validate",
        title="Data is valid",
        payload=VALIDATE_DOC.item(r),
        facts=(("Data", "shipped with crosswalk" if r.packaged else r.data_dir), ("Seals", _seals(r))),
        sections=(COUNT.section("Counts", r.counts, ctx), FILE.section("Files", r.files, ctx)),
        csv=COUNT.csv_section("counts", r.counts, ctx),
    )


def _seals(r: Validation) -> str:
    sealed = f"{len(r.sealed)} of {len(r.files)} files sealed"
    return sealed if not r.unsealed else f"{sealed}; no seal: {', '.join(r.unsealed)}"
