"""The view of ``crosswalk coverage``: the items a crosswalk leaves without a link, on both sides, the
source items a person decided have no match apart from those nobody decided on, and counts per level."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..formats.shape import View, stacked
from ..queries.coverage import NO_MATCH, UNDECIDED, Gap, LevelCount
from ..text.phrases import count
from .catalog import ITEM_REF, label
from .fields import INT, MAYBE_STR, STR, Context, Entity, Field, head, many, one, one_of

if TYPE_CHECKING:
    from ..queries.coverage import CoverageReport

GAP: Entity[Gap] = Entity(
    "coverage_gap",
    "An item the crosswalk links to nothing.",
    (
        Field("side", one_of("source", "target"), lambda g: g.side, doc="which framework of the crosswalk"),
        Field(
            "item",
            one(ITEM_REF),
            lambda g: g.item,
            text=lambda g, _: g.item.qualified,
            column=head("Item", no_wrap=True, style="bold"),
        ),
        Field("level", STR, lambda g: g.item.level, column=head("Level", no_wrap=True)),
        Field("text", None, text=lambda g, _: label(g.item), column=head("Text", ratio=5)),
        Field(
            "state",
            one_of("no match", "undecided", "no link"),
            lambda g: g.state,
            doc="'no match': a person decided no target fits; 'undecided': nobody has; a target: 'no link'",
            column=head("State", no_wrap=True),
        ),
        Field("decided_by", MAYBE_STR, lambda g: g.decided_by, column=head("Decided by")),
        Field("rationale", MAYBE_STR, lambda g: g.rationale, column=head("Rationale", ratio=3)),
    ),
    csv=("side", "item", "level", "state", "decided_by", "rationale", "text"),
    table=("item", "state", "text"),
)
LEVEL: Entity[LevelCount] = Entity(
    "coverage_level",
    "How many items of one level a link names (the item or one under it), and how many it does not (of"
    " those, how many a person decided have no match).",
    (
        Field("side", one_of("source", "target"), lambda c: c.side, column=head("Side", no_wrap=True)),
        Field("framework", STR, lambda c: c.framework, column=head("Framework", no_wrap=True)),
        Field("level", STR, lambda c: c.level, column=head("Level", no_wrap=True)),
        Field("items", INT, lambda c: c.items, column=head("Items", no_wrap=True)),
        Field("linked", INT, lambda c: c.linked, column=head("Linked", no_wrap=True)),
        Field("no_match", INT, lambda c: c.no_match, column=head("No match", no_wrap=True)),
        Field("unlinked", INT, lambda c: c.unlinked, column=head("No link", no_wrap=True)),
    ),
    csv=("side", "framework", "level", "items", "linked", "no_match", "unlinked"),
    table=("side", "framework", "level", "items", "linked", "no_match", "unlinked"),
)
COVERAGE_DOC: Entity[CoverageReport] = Entity(
    "coverage_result",
    "crosswalk coverage CROSSWALK: the items it links to nothing, on both sides, and counts per level.",
    (
        Field("crosswalk", STR, lambda r: r.crosswalk.id),
        Field("from", STR, lambda r: r.source.id),
        Field("to", STR, lambda r: r.target.id),
        Field("status", MAYBE_STR, lambda r: r.crosswalk.status),
        Field("levels", many(LEVEL), lambda r: r.levels),
        Field("sources", many(GAP), lambda r: r.sources, doc="leaf items of the source with no link"),
        Field("targets", many(GAP), lambda r: r.targets, doc="leaf items of the target with no link"),
    ),
)


def view(r: CoverageReport) -> View:
    ctx = Context()
    x, undecided = r.crosswalk, sum(1 for g in r.sources if g.state == UNDECIDED)
    return View(
        command="coverage",
        title=f"Coverage of {x.id} ({r.source.id} to {r.target.id}): "
        f"{count(len(r.sources), f'{r.source.id} item')} and {count(len(r.targets), f'{r.target.id} item')} "
        "with no link",
        payload=COVERAGE_DOC.item(r),
        facts=(("Status", x.status or "not stated"),),
        sections=(
            LEVEL.section("Items per level", r.levels, ctx),
            GAP.section(
                f"{r.source.id} items with no link: {len(r.sources)} ({r.no_match} {NO_MATCH}, "
                f"{undecided} {UNDECIDED})",
                r.sources,
                ctx,
                keys=("item", "state", "decided_by", "text") if r.no_match else None,
            ),
            GAP.section(f"{r.target.id} items with no link: {len(r.targets)}", r.targets, ctx),
        ),
        notes=(
            f"'{NO_MATCH}': a person decided that no {r.target.id} item fits; '{UNDECIDED}': nobody has "
            "decided yet.",
        ),
        csv=stacked(  # every row the other formats show, each named by its JSON key
            LEVEL.csv_section("levels", r.levels, ctx),
            GAP.csv_section("sources", r.sources, ctx),
            GAP.csv_section("targets", r.targets, ctx),
        ),
    )
