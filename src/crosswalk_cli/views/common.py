"""What several views share: the records listed in more than one command (a competency indicator in a
list, an erratum, a domain or competency named), and the notes and counts about a theme filter."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..formats.shape import Section
from ..model import Competency, Crosswalk, Domain, Indicator
from ..queries.errata import ErratumRow
from ..queries.links import LISTED, POSSIBLE, IndicatorRow, LinkedIndicator
from .fields import BOOL, INT, MAYBE_STR, STR, STRS, Context, Entity, Field, head, one_of

THEME_MATCH = one_of(LISTED, POSSIBLE, None)
THEME_MATCH_DOC = "under --theme: 'listed' (it lists a theme) or 'possible' (its themes may be incomplete)"


def count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def themes_cell(themes: Sequence[str], incomplete: bool, match: str | None, wanted: tuple[str, ...]) -> str:
    """The themes cell: ``EI LC``; ``CI ?`` when they may be incomplete; ``CI +EI?`` when kept by a
    theme filter only because they may be incomplete."""
    text = " ".join(themes)
    if match == POSSIBLE:
        return f"{text} +{'/'.join(wanted)}?".strip()
    return f"{text} ?" if incomplete else text


def indicator_themes(ind: Indicator, match: str | None, ctx: Context) -> str:
    return themes_cell(ind.themes, ind.themes_incomplete, match, ctx.themes)


def theme_notes(items: Sequence[tuple[bool, str | None]], themes: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The notes that explain the themes cells' marks, for (themes incomplete, theme match) pairs."""
    notes = []
    if any(incomplete and match != POSSIBLE for incomplete, match in items):
        notes.append(
            "'?' after themes: the source lost this indicator's theme icons; its themes may be incomplete."
        )
    if any(match == POSSIBLE for _, match in items):
        marker = f"+{'/'.join(themes)}?"
        notes.append(
            f"'{marker}' after themes: the source lost this indicator's theme icons, so it may also carry "
            f"{' or '.join(themes)}; it is listed for that reason."
        )
    return tuple(notes)


def link_notes(
    links: Sequence[LinkedIndicator | IndicatorRow], themes: tuple[str, ...] = ()
) -> tuple[str, ...]:
    return theme_notes([(link.indicator.themes_incomplete, link.theme_match) for link in links], themes)


def counted(items: Sequence[LinkedIndicator | IndicatorRow], themes: tuple[str, ...]) -> str:
    """A section's count: ``5``, or ``5 (2 may carry EI)`` when a theme filter kept some as possible."""
    possible = sum(item.theme_match == POSSIBLE for item in items)
    return f"{len(items)} ({possible} may carry {' or '.join(themes)})" if possible else str(len(items))


def filter_fact(cw: Crosswalk, themes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    if not themes:
        return ()
    return (("Themes", " or ".join(f"{t} {cw.themes[t].name}" for t in themes)),)


DOMAIN_REF: Entity[Domain] = Entity(
    "domain_ref",
    "A domain, named.",
    (Field("code", STR, lambda d: d.code), Field("name", STR, lambda d: d.name)),
)
COMPETENCY_REF: Entity[Competency] = Entity(
    "competency_ref",
    "A competency, named.",
    (Field("id", STR, lambda c: c.id), Field("title", STR, lambda c: c.title)),
)

INDICATOR_ROW: Entity[IndicatorRow] = Entity(
    "indicator_row",
    "A competency indicator in a list, with the standard indicators it is directly aligned to.",
    (
        Field("id", STR, lambda r: r.indicator.id, column=head("ID", no_wrap=True, style="bold")),
        Field("domain", STR, lambda r: r.domain.code),
        Field("competency", STR, lambda r: r.competency.id),
        Field("competency_title", STR, lambda r: r.competency.title),
        Field("text", STR, lambda r: r.indicator.text, column=head("Indicator", ratio=1)),
        Field(
            "themes",
            STRS,
            lambda r: list(r.indicator.themes),
            text=lambda r, ctx: indicator_themes(r.indicator, r.theme_match, ctx),
            column=head("Themes", no_wrap=True),
        ),
        Field("themes_incomplete", BOOL, lambda r: r.indicator.themes_incomplete),
        Field("theme_match", THEME_MATCH, lambda r: r.theme_match, doc=THEME_MATCH_DOC),
        Field("primary", STRS, lambda r: list(r.primary), column=head("Primary", no_wrap=True)),
    ),
    csv=(
        "id",
        "domain",
        "competency",
        "competency_title",
        "text",
        "themes",
        "themes_incomplete",
        "primary",
        "theme_match",
    ),
    table=("id", "text", "themes", "primary"),
)

ERRATUM: Entity[ErratumRow] = Entity(
    "erratum",
    "Where the printed crosswalk differs from what the data uses.",
    (
        Field("entry", INT, lambda e: e.seq, doc="the crosswalk entry's position (1-based)"),
        Field(
            "competency", STR, lambda e: e.competency, column=head("Indicator", no_wrap=True, style="bold")
        ),
        Field("printed_label", MAYBE_STR, lambda e: e.printed_label),
        Field(
            "kind",
            STR,
            lambda e: e.erratum.kind,
            text=lambda e, _: e.erratum.kind.replace("_", " "),
            column=head("Kind", no_wrap=True),
        ),
        Field(
            "note",
            STR,
            lambda e: e.erratum.note,
            column=head("What was printed, and what the data uses", ratio=5),
        ),
        Field("printed", MAYBE_STR, lambda e: e.erratum.printed),
        Field("resolved", MAYBE_STR, lambda e: e.erratum.resolved),
    ),
    csv=("entry", "competency", "kind", "note", "printed", "resolved"),
    table=("competency", "kind", "note"),
)


def grouped(
    rows: tuple[IndicatorRow, ...], key: Callable[[IndicatorRow], str], ctx: Context
) -> tuple[Section, ...]:
    """Indicator rows in one section per group (a competency, a domain), in order of appearance."""
    groups: dict[str, list[IndicatorRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return tuple(INDICATOR_ROW.section(title, items, ctx) for title, items in groups.items())
