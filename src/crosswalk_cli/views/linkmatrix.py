"""The view of ``crosswalk matrix --crosswalk ID``: any crosswalk as a heat map, the target framework's
items by the source framework's top items, each cell the number of linked source items."""

from __future__ import annotations

from typing import Any

from ..catalog import LinkMatrix, LinkMatrixRow
from ..formats.shape import Column, Section, View
from .catalog import ITEM_REF
from .fields import INT, INT_MAP, STR, Entity, Field, many, one


def _entity(codes: tuple[str, ...]) -> Entity[LinkMatrixRow]:
    return Entity(
        "link_matrix_row",
        "An item of the target framework and its linked source items, counted by the source's top items.",
        (
            Field("item", one(ITEM_REF), lambda r: r.item),
            Field("counts", INT_MAP, lambda r: dict(zip(codes, r.counts, strict=True))),
            Field("total", INT, lambda r: r.total),
        ),
    )


def doc(codes: tuple[str, ...] = ()) -> Entity[LinkMatrix]:
    return Entity(
        "link_matrix_result",
        "crosswalk matrix --crosswalk ID: any crosswalk's links counted by target item and source top item.",
        (
            Field("kind", {"const": "links"}, lambda r: "links"),
            Field("crosswalk", STR, lambda r: r.crosswalk),
            Field("relation", STR, lambda r: r.relation),
            Field("columns", many(ITEM_REF), lambda r: r.columns),
            Field("rows", many(_entity(codes)), lambda r: r.rows),
            Field("totals", INT_MAP, lambda r: dict(zip(codes, r.totals, strict=True))),
            Field("total", INT, lambda r: sum(r.totals)),
        ),
    )


def view(r: Any, cw: Any) -> View:
    assert isinstance(r, LinkMatrix)
    codes = tuple(c.code for c in r.columns)
    columns = (
        Column("id", "Item", no_wrap=True, style="bold"),
        Column("title", "Name", ratio=3),
        *(Column(f"c{n}", c.code, no_wrap=True, shade=True) for n, c in enumerate(r.columns)),
        Column("total", "Total", no_wrap=True),
    )
    rows = [
        {"id": row.item.qualified, "title": row.item.title or row.item.text,
         **{f"c{n}": str(v) for n, v in enumerate(row.counts)}, "total": str(row.total)}
        for row in r.rows
    ]  # fmt: skip
    rows.append({"id": "Total", "title": "", **{f"c{n}": str(v) for n, v in enumerate(r.totals)},
                 "total": str(sum(r.totals)), "_total": "yes"})  # fmt: skip
    legend = "; ".join(f"{c.code} {c.title or c.text}" for c in r.columns)
    return View(
        command="matrix",
        title=f"{r.crosswalk}: {r.relation} links to each item, by the group they come from",
        payload=doc(codes).item(r),
        facts=(("Columns", legend),),
        sections=(Section(f"Links: {sum(r.totals)}", columns, tuple(rows), empty="No links."),),
        csv=Section("matrix", columns, tuple(rows[:-1])),
    )
