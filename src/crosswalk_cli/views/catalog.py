"""The views of ``crosswalk frameworks`` and ``crosswalk items``: any framework, and where it came from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..datadir import PACKAGED
from ..formats.shape import View, stacked
from ..queries.records import ItemRef
from .fields import (
    INT,
    INT_MAP,
    MAYBE_STR,
    STR,
    STRS,
    Context,
    Entity,
    Field,
    head,
    many,
    one,
)
from .words import count

if TYPE_CHECKING:
    from ..queries.catalog import Catalog, CrosswalkSummary, FrameworkSummary, ItemsList


def _counts(pairs: tuple[tuple[str, int], ...], sep: str = ", ") -> str:
    return sep.join(f"{n} {name}" for name, n in pairs)


def _level_counts(f: FrameworkSummary, sep: str = ", ") -> str:
    """``4 standards, 21 indicators``: each level's count, its name agreeing with it (the data's plural)."""
    from .words import Words, plural

    words = Words(f.info)
    levels = {lv.name: lv for lv in f.info.levels}
    return sep.join(
        f"{n} {words.names(levels[name], n) if name in levels else (name if n == 1 else plural(name))}"
        for name, n in f.counts
    )


# Where a framework or a crosswalk was read from: both summaries carry it in their header (``info``).
ORIGIN: Field[Any] = Field(
    "origin",
    STR,
    lambda s: s.info.origin,
    table=lambda s, _: _origin(s.info.origin),
    column=head("From", no_wrap=True),
    doc="'packaged' (shipped with crosswalk), or the file it was read from",
)
FRAMEWORK: Entity[FrameworkSummary] = Entity(
    "framework",
    "A framework in the data: its header and how many items it has at each level.",
    (
        Field("id", STR, lambda f: f.info.id, column=head("ID", no_wrap=True, style="bold")),
        Field(
            "title", STR, lambda f: f.info.title, column=head("Title", ratio=4, min_width=17, sub="publisher")
        ),
        Field("publisher", STR, lambda f: f.info.publisher, column=head("Publisher", ratio=3, min_width=13)),
        Field("status", MAYBE_STR, lambda f: f.info.status, column=head("Status", no_wrap=True)),
        Field("version", MAYBE_STR, lambda f: f.info.version),
        Field("date", MAYBE_STR, lambda f: f.info.date, column=head("Date", no_wrap=True)),
        Field("license", STR, lambda f: f.info.license),
        Field("levels", STRS, lambda f: [lv.name for lv in f.info.levels]),
        Field(
            "counts",
            INT_MAP,
            lambda f: dict(f.counts),
            text=lambda f, _: _level_counts(f),
            table=lambda f, _: _level_counts(f, "\n"),
            column=head("Items", no_wrap=True),
        ),
        Field("items", INT, lambda f: f.items),
        ORIGIN,
    ),
    csv=("id", "title", "publisher", "status", "version", "date", "license", "items", "origin"),
    table=("id", "title", "status", "date", "counts", "origin"),
)
CROSSWALK: Entity[CrosswalkSummary] = Entity(
    "crosswalk",
    "A crosswalk in the data: the two frameworks it joins and its links by relation.",
    (
        Field("id", STR, lambda c: c.info.id, column=head("ID", no_wrap=True, style="bold")),
        Field("title", STR, lambda c: c.info.title, column=head("Title", ratio=4)),
        Field("publisher", STR, lambda c: c.info.publisher),
        Field("from", STR, lambda c: c.info.source, column=head("From", no_wrap=True)),
        Field("to", STR, lambda c: c.info.target, column=head("To", no_wrap=True)),
        Field("relations", STRS, lambda c: [r.name for r in c.info.relations]),
        Field(
            "counts",
            INT_MAP,
            lambda c: dict(c.counts),
            text=lambda c, _: _counts(c.counts),
            table=lambda c, _: _counts(c.counts, "\n"),
            column=head("Links", no_wrap=True),
        ),
        Field("links", INT, lambda c: c.links),
        Field(
            "drafted",
            INT,
            lambda c: c.drafted,
            doc="links drafted by a suggestion, not printed by a source",
            column=head("Drafted", no_wrap=True),
        ),
        ORIGIN,
    ),
    csv=("id", "title", "publisher", "from", "to", "links", "drafted", "origin"),
    table=("id", "title", "from", "to", "counts", "drafted", "origin"),
)
CATALOG: Entity[Catalog] = Entity(
    "frameworks_result",
    "crosswalk frameworks: every framework and crosswalk in the data.",
    (
        Field("frameworks", many(FRAMEWORK), lambda c: c.frameworks),
        Field("crosswalks", many(CROSSWALK), lambda c: c.crosswalks),
    ),
)


def _origin(origin: str) -> str:
    """'packaged', or the name of the file it was read from (the path is in JSON and CSV)."""
    from pathlib import Path

    return origin if origin == PACKAGED else Path(origin).name


def label(ref: ItemRef) -> str:
    return f"{ref.title}: {ref.text}" if ref.title and ref.text else ref.title or ref.text


ITEM_REF: Entity[ItemRef] = Entity(
    "item_ref",
    "An item of a framework, by qualified id.",
    (
        Field("id", STR, lambda r: r.qualified, column=head("ID", no_wrap=True, style="bold")),
        Field("framework", STR, lambda r: r.framework),
        Field("code", STR, lambda r: r.code),
        Field(
            "label", MAYBE_STR, lambda r: r.label, doc="its printed numbering, where it differs from its code"
        ),
        Field("level", STR, lambda r: r.level, column=head("Level", no_wrap=True)),
        Field("depth", INT, lambda r: r.depth),
        Field("title", STR, lambda r: r.title),
        Field("text", STR, lambda r: r.text, table=lambda r, _: label(r), column=head("Text", ratio=6)),
    ),
    csv=("id", "framework", "code", "level", "depth", "title", "text"),
    table=("id", "level", "text"),
)


ITEMS_DOC: Entity[ItemsList] = Entity(
    "items_result",
    "crosswalk items FRAMEWORK: a framework's items in printed order.",
    (
        Field("framework", one(FRAMEWORK), lambda r: r.framework),
        Field("items", many(ITEM_REF), lambda r: r.items),
    ),
)


def view(r: Catalog) -> View:
    ctx = Context()
    return View(
        command="frameworks",
        title=f"Frameworks: {len(r.frameworks)}; crosswalks: {len(r.crosswalks)}",
        payload=CATALOG.item(r),
        sections=(
            FRAMEWORK.section(f"Frameworks: {len(r.frameworks)}", r.frameworks, ctx),
            CROSSWALK.section(f"Crosswalks: {len(r.crosswalks)}", r.crosswalks, ctx, empty="No crosswalks."),
        ),
        csv=stacked(
            FRAMEWORK.csv_section("frameworks", r.frameworks, ctx),
            CROSSWALK.csv_section("crosswalks", r.crosswalks, ctx),
        ),
    )


def items_view(r: ItemsList) -> View:
    ctx = Context()
    f = r.framework.info
    return View(
        command="items",
        title=f"{f.title} ({f.id}): {count(r.framework.items, 'item')}",
        payload=ITEMS_DOC.item(r),
        facts=(
            ("Levels", ", ".join(lv.name for lv in f.levels)),
            *((("Status", f.status),) if f.status else ()),
        ),
        sections=(ITEM_REF.section(_level_counts(r.framework), r.items, ctx),),
        csv=ITEM_REF.csv_section("items", r.items, ctx),
    )
