"""Views of ``crosswalk standard`` (an indicator or a whole standard) and ``crosswalk standards``."""

from __future__ import annotations

from typing import Any

from ..formats.shape import Section, View
from ..model import Crosswalk, Element, Standard
from ..queries.links import ADDITIONAL, PRIMARY, LinkedIndicator
from ..queries.standard import IndicatorCount, StandardIndicatorView, StandardsList, StandardView
from .common import THEME_MATCH, THEME_MATCH_DOC, counted, filter_fact, indicator_themes, link_notes
from .fields import (
    BOOL,
    INT,
    INTS,
    MAYBE_STR,
    STR,
    STRS,
    Context,
    Entity,
    Field,
    counts,
    head,
    many,
    one,
    one_of,
)


def _link_id(link: LinkedIndicator, ctx: Context) -> str:
    ident = link.indicator.id
    if link.printed_label:
        ident += f"\n(printed {link.printed_label})"
    if link.via:
        assert ctx.cw is not None  # a MAPLE view always has its crosswalk
        ident += f"\nvia Standard {ctx.cw.standards[link.via].numeral}"
    return ident


LINKED_INDICATOR: Entity[LinkedIndicator] = Entity(
    "linked_indicator",
    "A competency indicator seen from a standard or standard indicator.",
    (
        Field(
            "id", STR, lambda x: x.indicator.id, table=_link_id, column=head("ID", style="bold", max_width=10)
        ),
        Field("relation", one_of(PRIMARY, ADDITIONAL), lambda x: x.relation),
        Field("via", MAYBE_STR, lambda x: x.via, doc="the standard's id when aligned to the whole standard"),
        Field("domain", STR, lambda x: x.domain.code),
        Field("competency", STR, lambda x: x.competency.id),
        Field("competency_title", STR, lambda x: x.competency.title),
        Field("competency_line", text=lambda x, _: f"{x.competency.id} {x.competency.title}"),
        Field(
            "text", STR, lambda x: x.indicator.text, column=head("Indicator", ratio=1, sub="competency_line")
        ),
        Field(
            "themes",
            STRS,
            lambda x: list(x.indicator.themes),
            text=lambda x, ctx: indicator_themes(x.indicator, x.theme_match, ctx),
            column=head("Themes", no_wrap=True),
        ),
        Field("themes_incomplete", BOOL, lambda x: x.indicator.themes_incomplete),
        Field("theme_match", THEME_MATCH, lambda x: x.theme_match, doc=THEME_MATCH_DOC),
        Field("printed_label", MAYBE_STR, lambda x: x.printed_label),
        Field("entries", INTS, lambda x: list(x.entries), doc="positions (1-based) of the crosswalk entries"),
    ),
    csv=(
        "relation",
        "via",
        "id",
        "domain",
        "competency",
        "competency_title",
        "text",
        "themes",
        "printed_label",
        "theme_match",
    ),
    table=("id", "text", "themes"),
)

INDICATOR_COUNT: Entity[IndicatorCount] = Entity(
    "indicator_count",
    "A standard indicator, with how many competency indicators are linked to it.",
    (
        Field("standard", text=lambda c, _: c.indicator.standard),
        Field("id", STR, lambda c: c.indicator.id, column=head("ID", no_wrap=True, style="bold")),
        Field("code", STR, lambda c: c.indicator.code, column=head("Code", no_wrap=True)),
        Field("name", STR, lambda c: c.indicator.name, column=head("Indicator", ratio=3)),
        Field("primary", INT, lambda c: c.primary, column=head("Primary", no_wrap=True)),
        Field("additional", INT, lambda c: c.additional, column=head("Additional", no_wrap=True)),
    ),
    csv=("standard", "id", "code", "name", "primary", "additional"),
    table=("id", "code", "name", "primary", "additional"),
)

STANDARD_REF: Entity[Standard] = Entity(
    "standard_ref",
    "A standard, named.",
    (
        Field("id", STR, lambda s: s.id),
        Field("numeral", STR, lambda s: s.numeral),
        Field("name", STR, lambda s: s.name),
    ),
)
STANDARD: Entity[Standard] = Entity(
    "standard", "A standard.", (*STANDARD_REF.fields, Field("statement", STR, lambda s: s.statement))
)
ELEMENT: Entity[Element] = Entity(
    "element",
    "A numbered element of a standard indicator.",
    (
        Field("number", STR, lambda e: e.number),
        Field("name", MAYBE_STR, lambda e: e.name),
        Field("text", STR, lambda e: e.text),
    ),
)
STANDARD_INDICATOR: Entity[StandardIndicatorView] = Entity(
    "standard_indicator",
    "A standard indicator and its standard.",
    (
        Field("id", STR, lambda r: r.indicator.id),
        Field("code", STR, lambda r: r.indicator.code),
        Field("name", STR, lambda r: r.indicator.name),
        Field("text", STR, lambda r: r.indicator.text),
        Field("elements", many(ELEMENT), lambda r: r.indicator.elements),
        Field("standard", one(STANDARD_REF), lambda r: r.standard),
    ),
)

INDICATOR_DOC: Entity[StandardIndicatorView] = Entity(
    "standard_indicator_result",
    "crosswalk standard ID, for a standard indicator: its competency indicators, primary then additional.",
    (
        Field("kind", {"const": "indicator"}, lambda r: "indicator"),
        Field("standard", one(STANDARD_INDICATOR), lambda r: r),
        Field("theme_filter", STRS, lambda r: list(r.theme_filter)),
        Field(
            "counts",
            counts(PRIMARY, ADDITIONAL),
            lambda r: {"primary": len(r.primary), "additional": len(r.additional)},
        ),
        Field("competencies", many(LINKED_INDICATOR), lambda r: [*r.primary, *r.additional]),
    ),
)
STANDARD_DOC: Entity[StandardView] = Entity(
    "standard_result",
    "crosswalk standard ID, for a whole standard: its indicators counted, and what is aligned to all of it.",
    (
        Field("kind", {"const": "standard"}, lambda r: "standard"),
        Field("standard", one(STANDARD), lambda r: r.standard),
        Field("theme_filter", STRS, lambda r: list(r.theme_filter)),
        Field("indicators", many(INDICATOR_COUNT), lambda r: r.indicators),
        Field("competencies", many(LINKED_INDICATOR), lambda r: [*r.whole_primary, *r.whole_additional]),
    ),
)
STANDARD_COUNTED: Entity[StandardView] = Entity(
    "standard_counted",
    "A standard with its indicators counted.",
    (
        Field("id", STR, lambda r: r.standard.id),
        Field("numeral", STR, lambda r: r.standard.numeral),
        Field("name", STR, lambda r: r.standard.name),
        Field("statement", STR, lambda r: r.standard.statement),
        Field("indicators", many(INDICATOR_COUNT), lambda r: r.indicators),
    ),
)
STANDARDS_DOC: Entity[StandardsList] = Entity(
    "standards_result",
    "crosswalk standards: every standard and its indicators, counted.",
    (
        Field("standards", many(STANDARD_COUNTED), lambda r: r.standards),
        Field(
            "counts",
            counts("standards", "indicators"),
            lambda r: {
                "standards": len(r.standards),
                "indicators": sum(len(v.indicators) for v in r.standards),
            },
        ),
    ),
)


def view(r: Any, cw: Crosswalk) -> View:
    if isinstance(r, StandardIndicatorView):
        return _indicator(r, cw)
    if isinstance(r, StandardView):
        return _standard(r, cw)
    assert isinstance(r, StandardsList)
    return _standards(r, cw)


def _indicator(r: StandardIndicatorView, cw: Crosswalk) -> View:
    ind = r.indicator
    ctx = Context(cw, r.theme_filter)
    elements = [f"{e.number}. {e.name + ': ' if e.name else ''}{e.text}" for e in ind.elements]
    links = [*r.primary, *r.additional]
    return View(
        command="standard",
        title=f"{ind.code} {ind.name}  ({ind.id}, Standard {r.standard.numeral}: {r.standard.name})",
        payload=INDICATOR_DOC.item(r),
        facts=(("Indicator", "\n".join([ind.text, *elements])), *filter_fact(cw, r.theme_filter)),
        sections=(
            LINKED_INDICATOR.section(
                f"Directly aligned (primary): {counted(r.primary, r.theme_filter)}", r.primary, ctx
            ),
            LINKED_INDICATOR.section(
                f"Also supports this indicator (additional): {counted(r.additional, r.theme_filter)}",
                r.additional,
                ctx,
            ),
        ),
        notes=link_notes(links, r.theme_filter),
        csv=LINKED_INDICATOR.csv_section("links", links, ctx),
    )


def _standard(r: StandardView, cw: Crosswalk) -> View:
    s = r.standard
    ctx = Context(cw, r.theme_filter)
    whole = [*r.whole_primary, *r.whole_additional]
    sections = [INDICATOR_COUNT.section(f"Indicators: {len(r.indicators)}", r.indicators, ctx)]
    if whole:
        sections.append(
            LINKED_INDICATOR.section(f"Aligned to Standard {s.numeral} as a whole: {len(whole)}", whole, ctx)
        )
    notes: list[str] = []
    if r.whole_primary:
        notes.append(
            "Primary and additional count the competency indicators linked to each indicator; "
            "primary includes those aligned to the whole standard."
        )
    if r.theme_filter:
        notes.append(
            f"With --theme, the counts include indicators whose themes may be incomplete (the "
            f"source lost their icons), as they may carry {' or '.join(r.theme_filter)}."
        )
    return View(
        command="standard",
        title=f"Standard {s.numeral}: {s.name}  ({s.id})",
        payload=STANDARD_DOC.item(r),
        facts=(("Statement", s.statement), *filter_fact(cw, r.theme_filter)),
        sections=tuple(sections),
        notes=(*notes, *link_notes(whole, r.theme_filter)),
        csv=INDICATOR_COUNT.csv_section("indicators", r.indicators, ctx),
    )


def _standards(r: StandardsList, cw: Crosswalk) -> View:
    ctx = Context(cw)
    sections: tuple[Section, ...] = tuple(
        INDICATOR_COUNT.section(
            f"Standard {v.standard.numeral}: {v.standard.name} ({v.standard.id})", v.indicators, ctx
        )
        for v in r.standards
    )
    total = sum(len(v.indicators) for v in r.standards)
    return View(
        command="standards",
        title=f"{cw.standards_framework.title}: {len(r.standards)} standards, {total} indicators",
        payload=STANDARDS_DOC.item(r),
        sections=sections,
        notes=(
            "Primary: competency indicators directly aligned (including those aligned to the whole "
            "standard). Additional: those that list the indicator as an additional standard.",
        ),
        csv=INDICATOR_COUNT.csv_section("indicators", [c for v in r.standards for c in v.indicators], ctx),
    )
