"""``crosswalk matrix``: a crosswalk as a heat map, the target framework's items by the source framework's
top items. Without ``--crosswalk`` it shows the data's first crosswalk in its own words; with one, any
crosswalk in the same words for all."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..formats.shape import Column, Section, View
from ..queries.records import ItemRef
from .common import filter_fact
from .competency import DOMAIN_REF
from .fields import BOOL, INT, INT_MAP, STR, STRS, Context, Entity, Field, head, many, one
from .words import Words, a, cap

if TYPE_CHECKING:
    from ..queries.matrix import Matrix, MatrixRow


def _tile(n: int, p: int, filtered: bool) -> str:
    """A count's cell: under a tag filter, ``2+1?`` for 2 that list the tag and 1 more that may carry it."""
    return f"{n - p}+{p}?" if filtered and p else str(n)


def _name(x: MatrixRow, ctx: Context) -> str:
    level = ctx.words.level(x.item).name if ctx.words is not None else "item"
    return f"{x.item.title} (whole {level})" if x.whole else x.item.title


def row_entity(
    codes: Sequence[str] = (), filtered: bool = False, ctx: Context | None = None
) -> Entity[MatrixRow]:
    """A matrix row, with a count column for each column item (none when only its JSON is wanted)."""
    context = ctx or Context()

    def per_column(n: int) -> list[Field[MatrixRow]]:
        code = codes[n]
        return [
            Field(
                code,
                text=lambda x, _: str(x.counts[n]),
                table=lambda x, _: _tile(x.counts[n], x.possible[n], filtered),
                column=head(code, no_wrap=True, shade=True),
            ),
            Field(f"{code}_possible", text=lambda x, _: str(x.possible[n])),
        ]

    return Entity(
        "matrix_row",
        "An item of the target framework (a leaf, or one linked as a whole), its links counted by column.",
        (
            Field("id", STR, lambda x: x.item.code, column=head("ID", no_wrap=True, style="bold")),
            Field("code", STR, lambda x: x.item.label or x.item.code),
            Field(
                "name",
                STR,
                lambda x: _name(x, context),
                text=lambda x, c: f"{x.item.label or x.item.code} {_name(x, c)}",
                column=head("Item", ratio=1),
            ),
            Field("whole_standard", BOOL, lambda x: x.whole),
            *(f for n in range(len(codes)) for f in per_column(n)),
            Field("counts", INT_MAP, lambda x: dict(zip(codes, x.counts, strict=True)), doc="by column code"),
            Field(
                "possible",
                INT_MAP,
                lambda x: dict(zip(codes, x.possible, strict=True)),
                doc="of those counted, by column: kept by --theme as 'possible'",
            ),
            Field("total", INT, lambda x: x.total, column=head("Total", no_wrap=True)),
        ),
        csv=("id", "code", "name", *codes, "total", *(f"{c}_possible" for c in codes if filtered)),
        table=("id", "name", *codes, "total"),
    )


def matrix_doc(row: Entity[MatrixRow], codes: Sequence[str] = ()) -> Entity[Matrix]:
    def by_column(numbers: Sequence[int]) -> dict[str, int]:
        return dict(zip(codes, numbers, strict=True))

    return Entity(
        "matrix_result",
        "crosswalk matrix: the items linked to each target item, counted by the source's top items.",
        (
            Field("kind", {"const": "maple"}, lambda r: "maple"),
            Field("relation", STR, lambda r: r.relation, doc="a relation of the crosswalk, or 'all'"),
            Field("theme_filter", STRS, lambda r: list(r.tag_filter)),
            Field("domains", many(DOMAIN_REF), lambda r: r.columns),
            Field("rows", many(row), lambda r: r.rows),
            Field("totals", INT_MAP, lambda r: by_column(r.totals)),
            Field("possible_totals", INT_MAP, lambda r: by_column(r.possible_totals)),
            Field("total", INT, lambda r: sum(r.totals)),
        ),
    )


def words_of(r: Matrix, source: object = None) -> Words:
    return Words(r.target, r.crosswalk, r.source)


def view(r: Matrix) -> View:
    """The first crosswalk's matrix, in its own words."""
    words = words_of(r)
    codes = [c.code for c in r.columns]
    filtered = bool(r.tag_filter)
    ctx = Context(words, r.tag_filter)
    entity = row_entity(codes, filtered, ctx)
    leaf = r.target.level(len(r.target.levels) - 1)
    source_leaf = r.source.level(len(r.source.levels) - 1)
    top = r.source.level(0)
    table = entity.section(cap(leaf.plural), r.rows, ctx, headers={"name": cap(leaf.long)})
    totals, possible = r.totals, r.possible_totals
    total_row = {  # drawn bold and unshaded
        "id": "",
        "name": "Total",
        **{c: _tile(n, p, filtered) for c, n, p in zip(codes, totals, possible, strict=True)},
        "total": str(sum(totals)),
        "_total": "yes",
    }
    relations = list(words.relations)
    said = words.relation_words(r.relation)
    empty = [x.item.code for x in r.rows if not x.whole and x.total == 0]
    note = f"Each cell counts the {source_leaf.plural} of {a(top.name)} linked to {a(leaf.long)} ({said})"
    if len(relations) > 1:
        note += f"; one that is {relations[0]} for {a(leaf.name)} is not counted again as {relations[1]}"
    notes = [note + "."]
    if any(x.whole for x in r.rows):
        whole = next(x for x in r.rows if x.whole)
        notes.append(
            f"Rows for a whole {words.level(whole.item).name} count the entries aligned to all of its "
            f"{words.names(leaf)} at once."
        )
    if empty:
        notes.append(f"No {source_leaf.long} is linked ({said}) to: {', '.join(empty)}.")
    if any(sum(x.possible) for x in r.rows):
        notes.append(
            f"'2+1?': 2 {words.names(source_leaf)} list {' or '.join(r.tag_filter)} and 1 more may carry it "
            f"({words.lost('tags_lost_its')}). Totals include both."
        )
    legend = ", ".join(words.short_name(c) for c in r.columns)
    return View(
        command="matrix",
        title=f"Links by {leaf.long} and {top.name} ({said})",
        payload=matrix_doc(entity, codes).item(r),
        facts=((cap(words.names(top)), legend), *filter_fact(words, r.tags, r.tag_filter)),
        sections=(Section(table.title, table.columns, (*table.rows, total_row)),),
        notes=tuple(notes),
        csv=entity.csv_section("matrix", r.rows, ctx),
    )


def _link_row(codes: tuple[str, ...]) -> Entity[MatrixRow]:
    from .catalog import ITEM_REF

    return Entity(
        "link_matrix_row",
        "An item of the target framework and its linked source items, counted by the source's top items.",
        (
            Field("item", one(ITEM_REF), lambda r: r.item),
            Field("whole", BOOL, lambda r: r.whole, doc="an item above the leaves, linked as a whole"),
            Field("counts", INT_MAP, lambda r: dict(zip(codes, r.counts, strict=True))),
            Field(
                "possible",
                INT_MAP,
                lambda r: dict(zip(codes, r.possible, strict=True)),
                doc="of those counted, by column: kept by --theme as 'possible'",
            ),
            Field("total", INT, lambda r: r.total),
        ),
    )


def links_doc(codes: tuple[str, ...] = ()) -> Entity[Matrix]:
    from .catalog import ITEM_REF

    return Entity(
        "link_matrix_result",
        "crosswalk matrix --crosswalk ID: any crosswalk's links counted by target item and source top item.",
        (
            Field("kind", {"const": "links"}, lambda r: "links"),
            Field("crosswalk", STR, lambda r: r.crosswalk.id),
            Field("relation", STR, lambda r: r.relation),
            Field("theme_filter", STRS, lambda r: list(r.tag_filter)),
            Field("columns", many(ITEM_REF), lambda r: r.columns),
            Field("rows", many(_link_row(codes)), lambda r: r.rows),
            Field("totals", INT_MAP, lambda r: dict(zip(codes, r.totals, strict=True))),
            Field("total", INT, lambda r: sum(r.totals)),
        ),
    )


def links_view(r: Matrix) -> View:
    """Any crosswalk's matrix, in the words every crosswalk shares."""
    codes = tuple(c.code for c in r.columns)
    filtered = bool(r.tag_filter)
    columns = (
        Column("id", "Item", no_wrap=True, style="bold"),
        Column("title", "Name", ratio=3),
        *(Column(f"c{n}", c.code, no_wrap=True, shade=True) for n, c in enumerate(r.columns)),
        Column("total", "Total", no_wrap=True),
    )
    rows = [
        {
            "id": row.item.qualified,
            "title": _title(row.item) + (" (as a whole)" if row.whole else ""),
            **{f"c{n}": _tile(v, p, filtered) for n, (v, p) in _cells(row)},
            "total": str(row.total),
        }
        for row in r.rows
    ]  # fmt: skip
    rows.append(
        {
            "id": "Total",
            "title": "",
            **{f"c{n}": str(v) for n, v in enumerate(r.totals)},
            "total": str(sum(r.totals)),
            "_total": "yes",
        }
    )
    legend = "; ".join(f"{c.code} {_title(c)}" for c in r.columns)
    empty = [row.item.qualified for row in r.rows if not row.whole and row.total == 0]
    notes = [f"No link ({r.relation}) to: {', '.join(empty)}."] if empty else []
    if any(sum(row.possible) for row in r.rows):
        notes.append(
            f"'2+1?': 2 items list {' or '.join(r.tag_filter)} and 1 more may carry it (its tags may be "
            "incomplete). Totals include both."
        )
    words = Words(r.source, r.crosswalk)
    return View(
        command="matrix",
        title=f"{r.crosswalk.id}: {r.relation} links to each item, by the group they come from",
        payload=links_doc(codes).item(r),
        facts=(("Columns", legend), *filter_fact(words, r.tags, r.tag_filter)),
        sections=(Section(f"Links: {sum(r.totals)}", columns, tuple(rows), empty="No links."),),
        notes=tuple(notes),
        csv=Section("matrix", columns, tuple(rows[:-1])),
    )


def _cells(row: MatrixRow) -> list[tuple[int, tuple[int, int]]]:
    return list(enumerate(zip(row.counts, row.possible, strict=True)))


def _title(ref: ItemRef) -> str:
    return ref.title or ref.text


MATRIX_DOC = matrix_doc(row_entity())
LINKS_DOC = links_doc()
