"""The view of ``crosswalk matrix``: a heat map of standard indicators by domain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..formats.shape import Section, View
from ..model import Crosswalk
from ..queries.matrix import Matrix, MatrixRow
from .common import DOMAIN_REF, filter_fact
from .fields import BOOL, INT, INT_MAP, STR, STRS, Context, Entity, Field, head, many, one_of


def _tile(n: int, p: int, filtered: bool) -> str:
    """A count's cell: under --theme, ``2+1?`` for 2 that list the theme and 1 more that may carry it."""
    return f"{n - p}+{p}?" if filtered and p else str(n)


def row_entity(codes: Sequence[str] = (), filtered: bool = False) -> Entity[MatrixRow]:
    """A matrix row, with a count column for each domain (none when only its JSON is wanted)."""

    def per_domain(n: int) -> list[Field[MatrixRow]]:
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
        "A standard indicator (or a whole standard the crosswalk links to), its links counted by domain.",
        (
            Field("id", STR, lambda x: x.id, column=head("ID", no_wrap=True, style="bold")),
            Field("code", STR, lambda x: x.code),
            Field(
                "name",
                STR,
                lambda x: x.name,
                text=lambda x, _: f"{x.code} {x.name}",
                column=head("Standard indicator", ratio=1),
            ),
            Field("whole_standard", BOOL, lambda x: x.whole_standard),
            *(f for n in range(len(codes)) for f in per_domain(n)),
            Field("counts", INT_MAP, lambda x: dict(zip(codes, x.counts, strict=True)), doc="by domain code"),
            Field(
                "possible",
                INT_MAP,
                lambda x: dict(zip(codes, x.possible, strict=True)),
                doc="of those counted, by domain: kept by --theme as 'possible'",
            ),
            Field("total", INT, lambda x: x.total, column=head("Total", no_wrap=True)),
        ),
        csv=("id", "code", "name", *codes, "total", *(f"{c}_possible" for c in codes if filtered)),
        table=("id", "name", *codes, "total"),
    )


def matrix_doc(row: Entity[MatrixRow], codes: Sequence[str] = ()) -> Entity[Matrix]:
    def by_domain(numbers: Sequence[int]) -> dict[str, int]:
        return dict(zip(codes, numbers, strict=True))

    return Entity(
        "matrix_result",
        "crosswalk matrix: competency indicators linked to each standard indicator, counted by domain.",
        (
            Field("kind", {"const": "maple"}, lambda r: "maple"),
            Field("relation", one_of("all", "primary", "additional"), lambda r: r.relation),
            Field("theme_filter", STRS, lambda r: list(r.theme_filter)),
            Field("domains", many(DOMAIN_REF), lambda r: r.domains),
            Field("rows", many(row), lambda r: r.rows),
            Field("totals", INT_MAP, lambda r: by_domain(r.totals)),
            Field("possible_totals", INT_MAP, lambda r: by_domain(r.possible_totals)),
            Field("total", INT, lambda r: sum(r.totals)),
        ),
    )


def view(r: Any, cw: Crosswalk) -> View:
    assert isinstance(r, Matrix)
    codes = [d.code for d in r.domains]
    filtered = bool(r.theme_filter)
    entity = row_entity(codes, filtered)
    ctx = Context(cw, r.theme_filter)
    table = entity.section("Standard indicators", r.rows, ctx)
    totals, possible = r.totals, r.possible_totals
    total_row = {  # drawn bold and unshaded
        "id": "",
        "name": "Total",
        **{c: _tile(n, p, filtered) for c, n, p in zip(codes, totals, possible, strict=True)},
        "total": str(sum(totals)),
        "_total": "yes",
    }
    relation = {"all": "primary and additional", "primary": "primary", "additional": "additional"}[r.relation]
    empty = [x.id for x in r.rows if not x.whole_standard and x.total == 0]
    notes = [
        "Each cell counts the competency indicators of a domain linked to a standard indicator "
        f"({relation}); one that is primary for an indicator is not counted again as additional."
    ]
    if any(x.whole_standard for x in r.rows):
        notes.append("Rows for a whole standard count the entries aligned to all of its indicators at once.")
    if empty:
        notes.append(f"No competency indicator is linked ({relation}) to: {', '.join(empty)}.")
    if any(sum(x.possible) for x in r.rows):
        notes.append(
            f"'2+1?': 2 indicators list {' or '.join(r.theme_filter)} and 1 more may carry it (the source "
            "lost its theme icons). Totals include both."
        )
    domain_names = ", ".join(f"{d.code} {d.short_name}" for d in r.domains)
    return View(
        command="matrix",
        title=f"Links by standard indicator and domain ({relation})",
        payload=matrix_doc(entity, codes).item(r),
        facts=(("Domains", domain_names), *filter_fact(cw, r.theme_filter)),
        sections=(Section(table.title, table.columns, (*table.rows, total_row)),),
        notes=tuple(notes),
        csv=entity.csv_section("matrix", r.rows, ctx),
    )
