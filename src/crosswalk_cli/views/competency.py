"""Views of ``crosswalk competency`` (an indicator or a whole competency) and ``crosswalk competencies``."""

from __future__ import annotations

from typing import Any

from ..formats.shape import View
from ..model import Competency, Crosswalk, Domain
from ..queries.competency import CompetenciesList, CompetencyIndicatorView, CompetencyView, LinkedStandard
from ..queries.links import ADDITIONAL, PRIMARY
from .common import COMPETENCY_REF, DOMAIN_REF, ERRATUM, INDICATOR_ROW, filter_fact, grouped, link_notes
from .fields import BOOL, INT, INTS, STR, STRS, Context, Entity, Field, counts, head, many, one, one_of

LINKED_STANDARD: Entity[LinkedStandard] = Entity(
    "linked_standard",
    "A standard indicator (or a whole standard) seen from a competency indicator.",
    (
        Field("id", STR, lambda s: s.id, column=head("ID", no_wrap=True, style="bold")),
        Field(
            "relation",
            one_of(PRIMARY, ADDITIONAL),
            lambda s: s.relation,
            table=lambda s, _: s.relation + (" (whole standard)" if s.whole_standard else ""),
            column=head("Relation", no_wrap=True),
        ),
        Field("code", STR, lambda s: s.code, column=head("Code", no_wrap=True)),
        Field(
            "name",
            STR,
            lambda s: s.name,
            table=lambda s, _: s.name if s.whole_standard else f"{s.name} ({s.standard_name})",
            column=head("Standard indicator", ratio=3),
        ),
        Field("standard", STR, lambda s: s.standard_name, doc="the standard's name"),
        Field("whole_standard", BOOL, lambda s: s.whole_standard),
        Field("entries", INTS, lambda s: list(s.entries), doc="positions (1-based) of the crosswalk entries"),
    ),
    csv=("id", "code", "relation", "name", "standard", "whole_standard"),
    table=("id", "code", "relation", "name"),
)
COMPETENCY_INDICATOR: Entity[CompetencyIndicatorView] = Entity(
    "competency_indicator",
    "A competency indicator, its themes, domain and competency.",
    (
        Field("id", STR, lambda r: r.indicator.id),
        Field("text", STR, lambda r: r.indicator.text),
        Field("subitems", STRS, lambda r: list(r.indicator.subitems)),
        Field("themes", STRS, lambda r: list(r.indicator.themes)),
        Field("themes_from_crosswalk", STRS, lambda r: list(r.indicator.themes_from_crosswalk)),
        Field("themes_incomplete", BOOL, lambda r: r.indicator.themes_incomplete),
        Field("domain", one(DOMAIN_REF), lambda r: r.domain),
        Field("competency", one(COMPETENCY_REF), lambda r: r.competency),
    ),
)
INDICATOR_DOC: Entity[CompetencyIndicatorView] = Entity(
    "competency_indicator_result",
    "crosswalk competency ID, for a competency indicator: the standards it serves, its errata and notes.",
    (
        Field("kind", {"const": "indicator"}, lambda r: "indicator"),
        Field("indicator", one(COMPETENCY_INDICATOR), lambda r: r),
        Field("printed_labels", STRS, lambda r: list(r.printed_labels)),
        Field("standards", many(LINKED_STANDARD), lambda r: r.standards),
        Field("errata", many(ERRATUM), lambda r: r.errata),
        Field("notes", STRS, lambda r: list(r.notes)),
    ),
)
COMPETENCY: Entity[CompetencyView] = Entity(
    "competency",
    "A competency and its domain.",
    (
        Field("id", STR, lambda r: r.competency.id),
        Field("title", STR, lambda r: r.competency.title),
        Field("domain", one(DOMAIN_REF), lambda r: r.domain),
    ),
)
COMPETENCY_DOC: Entity[CompetencyView] = Entity(
    "competency_result",
    "crosswalk competency ID, for a whole competency: its indicators.",
    (
        Field("kind", {"const": "competency"}, lambda r: "competency"),
        Field("competency", one(COMPETENCY), lambda r: r),
        Field("indicators", many(INDICATOR_ROW), lambda r: r.rows),
    ),
)
DOMAIN: Entity[Domain] = Entity(
    "domain",
    "A domain of the competencies.",
    (
        Field("code", STR, lambda d: d.code),
        Field("number", STR, lambda d: d.number),
        Field("name", STR, lambda d: d.name),
        Field("focus", STR, lambda d: d.focus),
        Field("role", STR, lambda d: d.role),
    ),
)
COMPETENCY_COUNTED: Entity[Competency] = Entity(
    "competency_counted",
    "A competency, with how many indicators it has.",
    (
        Field("id", STR, lambda c: c.id),
        Field("domain", STR, lambda c: c.domain),
        Field("title", STR, lambda c: c.title),
        Field("indicators", INT, lambda c: len(c.indicator_ids)),
    ),
)
COMPETENCIES_DOC: Entity[CompetenciesList] = Entity(
    "competencies_result",
    "crosswalk competencies: the domains, competencies and indicators (those kept by --domain and --theme).",
    (
        Field("domains", many(DOMAIN), lambda r: r.domains),
        Field("competencies", many(COMPETENCY_COUNTED), lambda r: r.competencies),
        Field("indicators", many(INDICATOR_ROW), lambda r: r.rows),
        Field("theme_filter", STRS, lambda r: list(r.theme_filter)),
        Field(
            "counts",
            counts("domains", "competencies", "indicators"),
            lambda r: {
                "domains": len(r.domains),
                "competencies": len(r.competencies),
                "indicators": len(r.rows),
            },
        ),
    ),
)


def view(r: Any, cw: Crosswalk) -> View:
    if isinstance(r, CompetencyIndicatorView):
        return _indicator(r, cw)
    if isinstance(r, CompetencyView):
        return _competency(r, cw)
    assert isinstance(r, CompetenciesList)
    return _competencies(r, cw)


def _roman(n: int) -> str:
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def _indicator(r: CompetencyIndicatorView, cw: Crosswalk) -> View:
    ind = r.indicator
    subitems = [f"{_roman(n)}. {s}" for n, s in enumerate(ind.subitems, 1)]
    theme_text = ", ".join(f"{t.code} {t.name}" for t in r.themes) or "none printed"
    if ind.themes_from_crosswalk:
        theme_text += (
            f" ({', '.join(ind.themes_from_crosswalk)} from the crosswalk's marks: the JFF icon was lost)"
        )
    if ind.themes_incomplete:
        theme_text += " (the source lost this indicator's theme icons: may be incomplete)"
    facts = [
        ("Domain", f"{r.domain.code} {r.domain.name} ({r.domain.focus})"),
        ("Competency", f"{r.competency.id} {r.competency.title}"),
        ("Indicator", "\n".join([ind.text, *subitems])),
        ("Themes", theme_text),
    ]
    if r.printed_labels:
        facts.append(("Printed as", ", ".join(r.printed_labels)))
    ctx = Context(cw)
    return View(
        command="competency",
        title=f"{ind.id}  {r.domain.name} › {r.competency.title}",
        payload=INDICATOR_DOC.item(r),
        facts=tuple(facts),
        sections=(LINKED_STANDARD.section(f"Standards: {len(r.standards)}", r.standards, ctx),),
        notes=tuple(r.notes) + tuple(f"Erratum: {e.erratum.note}" for e in r.errata),
        csv=LINKED_STANDARD.csv_section("standards", r.standards, ctx),
    )


def _competency(r: CompetencyView, cw: Crosswalk) -> View:
    c = r.competency
    ctx = Context(cw)
    return View(
        command="competency",
        title=f"{c.id}  {c.title}",
        payload=COMPETENCY_DOC.item(r),
        facts=(("Domain", f"{r.domain.code} {r.domain.name} ({r.domain.focus})"),),
        sections=(INDICATOR_ROW.section(f"Indicators: {len(r.rows)}", r.rows, ctx),),
        notes=link_notes(r.rows),
        csv=INDICATOR_ROW.csv_section("indicators", r.rows, ctx),
    )


def _competencies(r: CompetenciesList, cw: Crosswalk) -> View:
    ctx = Context(cw, r.theme_filter)
    return View(
        command="competencies",
        title=(
            f"{cw.competencies_framework.title}: {len(r.domains)} domains, {len(r.competencies)} "
            f"competencies, {len(r.rows)} indicators"
        ),
        payload=COMPETENCIES_DOC.item(r),
        facts=filter_fact(cw, r.theme_filter),
        sections=grouped(r.rows, lambda row: f"{row.competency.id} {row.competency.title}", ctx),
        notes=link_notes(r.rows, r.theme_filter),
        csv=INDICATOR_ROW.csv_section("indicators", r.rows, ctx),
    )
