"""One renderer for every command: a result becomes a View, a View becomes table, JSON, CSV or Markdown.

rich is imported only when a table is drawn, so JSON, CSV and Markdown start fast.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, TypeVar

from . import query as q
from .model import Crosswalk, Indicator

SCHEMA_VERSION = 1
FORMATS = ("table", "json", "csv", "markdown")


@dataclass(frozen=True, eq=False)
class Column:
    key: str
    header: str
    ratio: int | None = None
    no_wrap: bool = False
    style: str | None = None
    max_width: int | None = None
    min_width: int | None = None
    shade: bool = False  # a count: the cell's background darkens with it
    sub: str | None = None  # key of a second, dimmer line drawn under this one in tables


@dataclass(frozen=True, eq=False)
class Section:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[dict[str, str], ...]
    empty: str = "None."


@dataclass(frozen=True, eq=False)
class View:
    """What a command shows: a heading, labelled facts, tables, notes; and its JSON and CSV forms."""

    command: str
    title: str
    payload: dict[str, Any]
    facts: tuple[tuple[str, str], ...] = ()
    sections: tuple[Section, ...] = ()
    notes: tuple[str, ...] = ()
    csv: Section | None = None
    highlight: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


# --- Output ---------------------------------------------------------------------------------------


def emit(view: View, fmt: str, out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        payload = {"schema_version": SCHEMA_VERSION, "command": view.command, **view.payload}
        from .textsafe import json_safe  # C1 and such escaped: the same data, nothing a terminal acts on

        out.write(json_safe(json.dumps(payload, indent=2, ensure_ascii=not _unicode_out(out))) + "\n")
    elif fmt == "csv":
        _csv(view.csv or (view.sections[0] if view.sections else Section("", (), ())), out)
    elif fmt == "markdown":
        out.write(_markdown(view))
    else:
        _table(view, out)


def _unicode_out(out: IO[str]) -> bool:
    """Whether the stream takes any character (UTF-8); else JSON escapes them as ``\\uXXXX``."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    return encoding.startswith("utf")


def _csv(section: Section, out: IO[str]) -> None:
    from .csvout import csv_text

    keys = [c.key for c in section.columns]
    out.write(csv_text(keys, ([row.get(k, "") for k in keys] for row in section.rows)))


def _markdown(view: View) -> str:
    from .mdescape import escape

    def cell(text: str) -> str:
        return escape(text, one_line=True)

    lines = [f"# {cell(view.title)}", ""]
    for label, value in view.facts:
        lines.append(f"- **{escape(label)}:** {escape(value)}")
    if view.facts:
        lines.append("")
    for section in view.sections:
        lines += [f"## {cell(section.title)}", ""]
        if not section.rows:
            lines += [escape(section.empty), ""]
            continue
        lines.append("| " + " | ".join(cell(c.header) for c in section.columns) + " |")
        lines.append("|" + "|".join(" --- " for _ in section.columns) + "|")
        for row in section.rows:
            lines.append("| " + " | ".join(cell(row.get(c.key, "")) for c in section.columns) + " |")
        lines.append("")
    for note in view.notes:
        lines += ["> " + escape(note).replace("\n", "\n> "), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def console(out: IO[str], record: bool = False) -> Any:
    """The one place that decides how the terminal is drawn; NO_COLOR and COLUMNS are honoured."""
    from rich.console import Console

    width = None
    if not out.isatty():
        try:
            width = int(os.environ.get("COLUMNS", "80"))
        except ValueError:
            width = 80
    con = Console(file=out, highlight=False, soft_wrap=False, width=width, emoji=False, record=record)
    # rich would exit 1 itself on a closed pipe; raised instead, the entry point ends the run with 0.
    con.on_broken_pipe = _broken_pipe  # type: ignore[method-assign]
    return con


def _broken_pipe() -> None:
    raise BrokenPipeError


def picture(view: View, kind: str, width: int = 100) -> str:
    """The table as an SVG or HTML picture: offline, titled, readable (see picture.py)."""
    from .picture import picture as draw

    return draw(view, kind, width)


def _shade(value: str, top: int, muted: str = "dim") -> str:
    """A background from pale to deep blue by a count's share of the largest; white text when dark.

    Each text colour is at least 4.5:1 on its background (WCAG AA): black on the three pale blues
    (17, 12 and 8.7:1), white on the two deep ones (5.1 and 7.9:1)."""
    try:
        n = int(value)
    except ValueError:
        return ""
    if n == 0 or top == 0:
        return muted
    level = n / top
    steps = ((0.2, "on #dbe9f6"), (0.4, "on #9ecae1"), (0.6, "on #6baed6"), (0.8, "on #2171b5"))
    background = next((bg for limit, bg in steps if level <= limit), "on #08519c")
    return f"{'#ffffff ' if level > 0.6 else '#000000 '}{background}"


def _fit(section: Section, width: int) -> list[int] | None:
    """Column widths that keep every column at least its ``min_width`` (rich's own sharing may go
    below it and split a word), the room left shared by ratio; None when all fits or nothing can."""
    texts = [[c.header, *(row.get(c.key, "") for row in section.rows)] for c in section.columns]
    widest = [max(len(line) for text in col for line in text.split("\n")) for col in texts]
    least = [w if c.no_wrap else (c.min_width or 1) for c, w in zip(section.columns, widest, strict=True)]
    room = width - 3 * (len(section.columns) - 1)  # a space of padding each side and a rule between
    if sum(widest) <= room or sum(least) > room:
        return None
    sizes = list(least)
    for i, c in enumerate(section.columns):  # short columns (no ratio) whole first, if they fit
        if not c.ratio:
            sizes[i] = max(sizes[i], min(widest[i], room - sum(sizes) + sizes[i]))
    while (spare := room - sum(sizes)) > 0:
        growing = [i for i, size in enumerate(sizes) if size < widest[i]]
        if not growing:
            break
        shares = [section.columns[i].ratio or 1 for i in growing]
        for i, share in zip(growing, shares, strict=True):
            sizes[i] = min(widest[i], sizes[i] + max(1, spare * share // sum(shares)))
        while sum(sizes) > room:  # rounding up overshot: give the last growing column back
            sizes[growing[-1]] -= 1
    return sizes


def _table(view: View, out: IO[str], con: Any = None, muted: str = "dim") -> None:
    """Draw the view; ``muted`` is the style of secondary text (a colour in pictures, where dim is faint)."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from .textsafe import escape_controls as printable

    def shown(text: str) -> str:  # data may hold escape sequences: show them, do not send them
        return printable(text, keep_newlines=True)

    con = con or console(out)
    con.print(Text(shown(view.title), style="bold"))
    if view.facts:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold cyan", no_wrap=True)
        grid.add_column(ratio=1)
        for label, value in view.facts:
            grid.add_row(shown(label), Text(shown(value)))
        con.print(grid)
    for section in view.sections:
        con.print()
        if not section.rows:
            con.print(Text(shown(f"{section.title}: {section.empty}"), style="bold"))
            continue
        table = Table(
            title=escape(shown(section.title)),
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE_HEAD,
            expand=True,
            pad_edge=False,
            show_edge=False,
        )
        fixed = _fit(section, con.width) if any(c.min_width for c in section.columns) else None
        for i, c in enumerate(section.columns):
            table.add_column(
                escape(shown(c.header)),
                ratio=None if fixed else c.ratio,
                width=fixed[i] if fixed else None,
                no_wrap=c.no_wrap,
                style=c.style,
                max_width=c.max_width,
                overflow="fold",
            )
        shaded = [c.key for c in section.columns if c.shade]
        top = max(
            (
                int(r[k].split("+")[0])  # '3+1?': shaded by the 3 that list the theme
                for r in section.rows
                for k in shaded
                if r.get(k, "").split("+")[0].isdigit() and not r.get("_total")
            ),
            default=0,
        )
        for row in section.rows:
            cells = []
            for c in section.columns:
                value = shown(row.get(c.key, ""))
                if c.shade:  # a tile of even width, so the shading reads as a heat map
                    value = f" {value:>3} "
                cell = Text(value, style="bold" if row.get("_total") else "")
                if c.shade and not row.get("_total"):
                    cell.stylize(_shade(row.get(c.key, "").split("+")[0], top, muted))
                if c.sub and row.get(c.sub):
                    cell.append("\n" + shown(row[c.sub]), style=muted)
                if view.highlight:
                    cell.highlight_words(view.highlight, style="bold reverse", case_sensitive=False)
                cells.append(cell)
            table.add_row(*cells)
        con.print(table)
    for note in view.notes:
        con.print()
        con.print(Text(shown(note), style=muted))


# --- Results to views -------------------------------------------------------------------------------


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def _themes(ind: Indicator, match: str | None = None, themes: tuple[str, ...] = ()) -> str:
    """The themes cell: ``EI LC``; ``CI ?`` when they may be incomplete; ``CI +EI?`` when kept by a
    theme filter only because they may be incomplete."""
    text = " ".join(ind.themes)
    if match == q.POSSIBLE:
        return f"{text} +{'/'.join(themes)}?".strip()
    return f"{text} ?" if ind.themes_incomplete else text


def _indicator_item(cw: Crosswalk, row: q.IndicatorRow) -> dict[str, Any]:
    ind = row.indicator
    return {
        "id": ind.id,
        "domain": row.domain.code,
        "competency": row.competency.id,
        "competency_title": row.competency.title,
        "text": ind.text,
        "themes": list(ind.themes),
        "themes_incomplete": ind.themes_incomplete,
        "theme_match": row.theme_match,
        "primary": list(row.primary),
    }


def _linked_item(link: q.LinkedIndicator) -> dict[str, Any]:
    ind = link.indicator
    return {
        "id": ind.id,
        "relation": link.relation,
        "via": link.via,
        "domain": link.domain.code,
        "competency": link.competency.id,
        "competency_title": link.competency.title,
        "text": ind.text,
        "themes": list(ind.themes),
        "themes_incomplete": ind.themes_incomplete,
        "theme_match": link.theme_match,
        "printed_label": link.printed_label,
        "entries": list(link.entries),
    }


LINK_COLUMNS = (
    Column("id", "ID", style="bold", max_width=10),
    Column("text", "Indicator", ratio=1, sub="competency_line"),
    Column("themes", "Themes", no_wrap=True),
)


def _plain(*keys: str) -> tuple[Column, ...]:
    """CSV columns: headed by their keys."""
    return tuple(Column(k, k) for k in keys)


LINK_CSV = _plain(
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
)


def _link_row(cw: Crosswalk, link: q.LinkedIndicator, themes: tuple[str, ...] = ()) -> dict[str, str]:
    ident = link.indicator.id
    if link.printed_label:
        ident += f"\n(printed {link.printed_label})"
    if link.via:
        ident += f"\nvia Standard {cw.standards[link.via].numeral}"
    return {
        "id": ident,
        "relation": link.relation,
        "via": link.via or "",
        "domain": link.domain.code,
        "competency": link.competency.id,
        "competency_title": link.competency.title,
        "competency_line": f"{link.competency.id} {link.competency.title}",
        "text": link.indicator.text,
        "themes": _themes(link.indicator, link.theme_match, themes),
        "printed_label": link.printed_label or "",
        "theme_match": link.theme_match or "",
    }


def _csv_link_row(cw: Crosswalk, link: q.LinkedIndicator, themes: tuple[str, ...] = ()) -> dict[str, str]:
    row = _link_row(cw, link, themes)
    row["id"] = link.indicator.id
    return row


def _theme_note(
    links: Sequence[q.LinkedIndicator | q.IndicatorRow], themes: tuple[str, ...] = ()
) -> tuple[str, ...]:
    notes = []
    if any(link.indicator.themes_incomplete and link.theme_match != q.POSSIBLE for link in links):
        notes.append(
            "'?' after themes: the source lost this indicator's theme icons; its themes may be incomplete."
        )
    if any(link.theme_match == q.POSSIBLE for link in links):
        marker = f"+{'/'.join(themes)}?"
        notes.append(
            f"'{marker}' after themes: the source lost this indicator's theme icons, so it may also carry "
            f"{' or '.join(themes)}; it is listed for that reason."
        )
    return tuple(notes)


def _counted(items: Sequence[q.LinkedIndicator | q.IndicatorRow], themes: tuple[str, ...]) -> str:
    """A section's count: ``5``, or ``5 (2 may carry EI)`` when a theme filter kept some as possible."""
    possible = sum(item.theme_match == q.POSSIBLE for item in items)
    return f"{len(items)} ({possible} may carry {' or '.join(themes)})" if possible else str(len(items))


def _filter_fact(cw: Crosswalk, themes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    if not themes:
        return ()
    return (("Themes", " or ".join(f"{t} {cw.themes[t].name}" for t in themes)),)


R = TypeVar("R")
_BUILDERS: dict[type, Callable[[Any, Crosswalk], View]] = {}


_LATE: dict[str, Callable[[Any, Crosswalk], View]] = {}


_LATE_MODULES = {"Report": ".report_view"}  # views in modules of their own, imported when first used


def build(result: object, cw: Crosswalk) -> View:
    """The View of any query result."""
    name = type(result).__name__
    if type(result) not in _BUILDERS and name not in _LATE and name in _LATE_MODULES:
        import importlib

        importlib.import_module(_LATE_MODULES[name], __package__)
    builder = _BUILDERS.get(type(result)) or _LATE[name]
    return builder(result, cw)


def _builds_late(name: str) -> Callable[[Callable[[Any, Crosswalk], View]], Callable[[Any, Crosswalk], View]]:
    """Register by class name, for results whose module the renderer should not import up front."""

    def register(func: Callable[[Any, Crosswalk], View]) -> Callable[[Any, Crosswalk], View]:
        _LATE[name] = func
        return func

    return register


def _builds(kind: type[R]) -> Callable[[Callable[[R, Crosswalk], View]], Callable[[R, Crosswalk], View]]:
    def register(func: Callable[[R, Crosswalk], View]) -> Callable[[R, Crosswalk], View]:
        _BUILDERS[kind] = func
        return func

    return register


@_builds(q.StandardIndicatorView)
def _standard_indicator_view(r: q.StandardIndicatorView, cw: Crosswalk) -> View:
    ind = r.indicator
    elements = [f"{e.number}. {e.name + ': ' if e.name else ''}{e.text}" for e in ind.elements]
    text = "\n".join([ind.text, *elements])
    links = [*r.primary, *r.additional]
    payload = {
        "kind": "indicator",
        "standard": {
            "id": ind.id,
            "code": ind.code,
            "name": ind.name,
            "text": ind.text,
            "elements": [{"number": e.number, "name": e.name, "text": e.text} for e in ind.elements],
            "standard": {"id": r.standard.id, "numeral": r.standard.numeral, "name": r.standard.name},
        },
        "theme_filter": list(r.theme_filter),
        "counts": {"primary": len(r.primary), "additional": len(r.additional)},
        "competencies": [_linked_item(link) for link in links],
    }
    return View(
        command="standard",
        title=f"{ind.code} {ind.name}  ({ind.id}, Standard {r.standard.numeral}: {r.standard.name})",
        payload=payload,
        facts=(("Indicator", text), *_filter_fact(cw, r.theme_filter)),
        sections=(
            Section(
                f"Directly aligned (primary): {_counted(r.primary, r.theme_filter)}",
                LINK_COLUMNS,
                tuple(_link_row(cw, link, r.theme_filter) for link in r.primary),
            ),
            Section(
                f"Also supports this indicator (additional): {_counted(r.additional, r.theme_filter)}",
                LINK_COLUMNS,
                tuple(_link_row(cw, link, r.theme_filter) for link in r.additional),
            ),
        ),
        notes=_theme_note(links, r.theme_filter),
        csv=Section("links", LINK_CSV, tuple(_csv_link_row(cw, link, r.theme_filter) for link in links)),
    )


STANDARD_COUNT_COLUMNS = (
    Column("id", "ID", no_wrap=True, style="bold"),
    Column("code", "Code", no_wrap=True),
    Column("name", "Indicator", ratio=3),
    Column("primary", "Primary", no_wrap=True),
    Column("additional", "Additional", no_wrap=True),
)


def _count_item(c: q.IndicatorCount) -> dict[str, Any]:
    i = c.indicator
    return {"id": i.id, "code": i.code, "name": i.name, "primary": c.primary, "additional": c.additional}


def _count_rows(view: q.StandardView) -> tuple[dict[str, str], ...]:
    return tuple(
        {
            "standard": view.standard.id,
            "id": c.indicator.id,
            "code": c.indicator.code,
            "name": c.indicator.name,
            "primary": str(c.primary),
            "additional": str(c.additional),
        }
        for c in view.indicators
    )


@_builds(q.StandardView)
def _standard_view(r: q.StandardView, cw: Crosswalk) -> View:
    s = r.standard
    whole = [*r.whole_primary, *r.whole_additional]
    payload = {
        "kind": "standard",
        "standard": {"id": s.id, "numeral": s.numeral, "name": s.name, "statement": s.statement},
        "theme_filter": list(r.theme_filter),
        "indicators": [_count_item(c) for c in r.indicators],
        "competencies": [_linked_item(link) for link in whole],
    }
    sections = [Section(f"Indicators: {len(r.indicators)}", STANDARD_COUNT_COLUMNS, _count_rows(r))]
    if whole:
        sections.append(
            Section(
                f"Aligned to Standard {s.numeral} as a whole: {len(whole)}",
                LINK_COLUMNS,
                tuple(_link_row(cw, link, r.theme_filter) for link in whole),
            )
        )
    return View(
        command="standard",
        title=f"Standard {s.numeral}: {s.name}  ({s.id})",
        payload=payload,
        facts=(("Statement", s.statement), *_filter_fact(cw, r.theme_filter)),
        sections=tuple(sections),
        notes=(
            *(
                (
                    "Primary and additional count the competency indicators linked to each indicator; "
                    "primary includes those aligned to the whole standard.",
                )
                if r.whole_primary
                else ()
            ),
            *(
                (
                    f"With --theme, the counts include indicators whose themes may be incomplete (the "
                    f"source lost their icons), as they may carry {' or '.join(r.theme_filter)}.",
                )
                if r.theme_filter
                else ()
            ),
            *_theme_note(whole, r.theme_filter),
        ),
        csv=Section("indicators", (*_plain("standard"), *STANDARD_COUNT_COLUMNS), _count_rows(r)),
    )


STANDARD_LINK_COLUMNS = (
    Column("id", "ID", no_wrap=True, style="bold"),
    Column("code", "Code", no_wrap=True),
    Column("relation", "Relation", no_wrap=True),
    Column("name", "Standard indicator", ratio=3),
)


@_builds(q.CompetencyIndicatorView)
def _competency_indicator_view(r: q.CompetencyIndicatorView, cw: Crosswalk) -> View:
    ind = r.indicator
    subitems = [f"{_roman(n)}. {s}" for n, s in enumerate(ind.subitems, 1)]
    theme_text = ", ".join(f"{t.code} {t.name}" for t in r.themes) or "none printed"
    if ind.themes_from_crosswalk:
        theme_text += (
            f" ({', '.join(ind.themes_from_crosswalk)} from the crosswalk's marks: the JFF icon was lost)"
        )
    if ind.themes_incomplete:
        theme_text += " (the source lost this indicator's theme icons: may be incomplete)"
    rows = tuple(
        {
            "id": s.id,
            "code": s.code,
            "relation": s.relation + (" (whole standard)" if s.whole_standard else ""),
            "name": s.name if s.whole_standard else f"{s.name} ({s.standard_name})",
            "standard": s.standard_name,
            "whole_standard": "yes" if s.whole_standard else "",
        }
        for s in r.standards
    )
    facts = [
        ("Domain", f"{r.domain.code} {r.domain.name} ({r.domain.focus})"),
        ("Competency", f"{r.competency.id} {r.competency.title}"),
        ("Indicator", "\n".join([ind.text, *subitems])),
        ("Themes", theme_text),
    ]
    if r.printed_labels:
        facts.append(("Printed as", ", ".join(r.printed_labels)))
    payload = {
        "kind": "indicator",
        "indicator": {
            "id": ind.id,
            "text": ind.text,
            "subitems": list(ind.subitems),
            "themes": list(ind.themes),
            "themes_from_crosswalk": list(ind.themes_from_crosswalk),
            "themes_incomplete": ind.themes_incomplete,
            "domain": {"code": r.domain.code, "name": r.domain.name},
            "competency": {"id": r.competency.id, "title": r.competency.title},
        },
        "printed_labels": list(r.printed_labels),
        "standards": [
            {
                "id": s.id,
                "relation": s.relation,
                "code": s.code,
                "name": s.name,
                "standard": s.standard_name,
                "whole_standard": s.whole_standard,
                "entries": list(s.entries),
            }
            for s in r.standards
        ],
        "errata": [_erratum_item(e) for e in r.errata],
        "notes": list(r.notes),
    }
    notes = tuple(r.notes) + tuple(f"Erratum: {e.erratum.note}" for e in r.errata)
    return View(
        command="competency",
        title=f"{ind.id}  {r.domain.name} › {r.competency.title}",
        payload=payload,
        facts=tuple(facts),
        sections=(Section(f"Standards: {len(r.standards)}", STANDARD_LINK_COLUMNS, rows),),
        notes=notes,
        csv=Section(
            "standards",
            _plain("id", "code", "relation", "name", "standard", "whole_standard"),
            tuple(
                {**row, "relation": s.relation, "name": s.name}
                for row, s in zip(rows, r.standards, strict=True)
            ),
        ),
    )


def _roman(n: int) -> str:
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


ROW_COLUMNS = (
    Column("id", "ID", no_wrap=True, style="bold"),
    Column("text", "Indicator", ratio=1),
    Column("themes", "Themes", no_wrap=True),
    Column("primary", "Primary", no_wrap=True),
)
ROW_CSV = _plain(
    "id",
    "domain",
    "competency",
    "competency_title",
    "text",
    "themes",
    "themes_incomplete",
    "primary",
    "theme_match",
)


def _plain_row(row: q.IndicatorRow, themes: tuple[str, ...] = ()) -> dict[str, str]:
    return {
        "id": row.indicator.id,
        "domain": row.domain.code,
        "competency": row.competency.id,
        "competency_title": row.competency.title,
        "text": row.indicator.text,
        "themes": _themes(row.indicator, row.theme_match, themes),
        "themes_incomplete": "yes" if row.indicator.themes_incomplete else "",
        "primary": " ".join(row.primary),
        "theme_match": row.theme_match or "",
    }


def _grouped_sections(
    rows: Sequence[q.IndicatorRow], key: Callable[[q.IndicatorRow], str], themes: tuple[str, ...] = ()
) -> tuple[Section, ...]:
    groups: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(_plain_row(row, themes))
    return tuple(Section(title, ROW_COLUMNS, tuple(items)) for title, items in groups.items())


@_builds(q.CompetencyView)
def _competency_view(r: q.CompetencyView, cw: Crosswalk) -> View:
    c = r.competency
    return View(
        command="competency",
        title=f"{c.id}  {c.title}",
        payload={
            "kind": "competency",
            "competency": {
                "id": c.id,
                "title": c.title,
                "domain": {"code": r.domain.code, "name": r.domain.name},
            },
            "indicators": [_indicator_item(cw, row) for row in r.rows],
        },
        facts=(("Domain", f"{r.domain.code} {r.domain.name} ({r.domain.focus})"),),
        sections=(Section(f"Indicators: {len(r.rows)}", ROW_COLUMNS, tuple(_plain_row(x) for x in r.rows)),),
        notes=_theme_note(r.rows),
        csv=Section("indicators", ROW_CSV, tuple(_plain_row(x) for x in r.rows)),
    )


@_builds(q.ThemeView)
def _theme_view(r: q.ThemeView, cw: Crosswalk) -> View:
    t = r.theme
    sections = _grouped_sections(r.rows, lambda row: f"{row.domain.code} {row.domain.name}")
    if r.incomplete:
        sections += (
            Section(
                f"May also carry {t.code} (themes may be incomplete): {len(r.incomplete)}",
                ROW_COLUMNS,
                tuple(_plain_row(x, (t.code,)) for x in r.incomplete),
            ),
        )
    note = (
        f"{len(r.incomplete)} more indicators lost their theme icons in the source and may also carry "
        f"{t.code}: {', '.join(x.indicator.id for x in r.incomplete)}."
        if r.incomplete
        else ""
    )
    return View(
        command="theme",
        title=f"{t.code} {t.name}: {len(r.rows)} competency indicators",
        payload={
            "theme": {"code": t.code, "name": t.name, "description": t.description, "source": t.source},
            "counts": {"competencies": len(r.rows), "themes_incomplete": len(r.incomplete)},
            "competencies": [_indicator_item(cw, row) for row in r.rows],
            "themes_incomplete": [_indicator_item(cw, row) for row in r.incomplete],
        },
        facts=(("Theme", t.description), ("Source", t.source)),
        sections=sections,
        notes=(note,) if note else (),
        csv=Section(
            "competencies", ROW_CSV, tuple(_plain_row(x, (t.code,)) for x in (*r.rows, *r.incomplete))
        ),
    )


@_builds(q.StandardsList)
def _standards_list(r: q.StandardsList, cw: Crosswalk) -> View:
    rows = tuple(row for v in r.standards for row in _count_rows(v))
    sections = tuple(
        Section(
            f"Standard {v.standard.numeral}: {v.standard.name} ({v.standard.id})",
            STANDARD_COUNT_COLUMNS,
            _count_rows(v),
        )
        for v in r.standards
    )
    total = sum(len(v.indicators) for v in r.standards)
    return View(
        command="standards",
        title=f"{cw.standards_framework.title}: {len(r.standards)} standards, {total} indicators",
        payload={
            "standards": [
                {
                    "id": v.standard.id,
                    "numeral": v.standard.numeral,
                    "name": v.standard.name,
                    "statement": v.standard.statement,
                    "indicators": [_count_item(c) for c in v.indicators],
                }
                for v in r.standards
            ],
            "counts": {"standards": len(r.standards), "indicators": total},
        },
        sections=sections,
        notes=(
            "Primary: competency indicators directly aligned (including those aligned to the whole "
            "standard). Additional: those that list the indicator as an additional standard.",
        ),
        csv=Section("indicators", (*_plain("standard"), *STANDARD_COUNT_COLUMNS), rows),
    )


@_builds(q.CompetenciesList)
def _competencies_list(r: q.CompetenciesList, cw: Crosswalk) -> View:
    sections = _grouped_sections(
        r.rows, lambda row: f"{row.competency.id} {row.competency.title}", r.theme_filter
    )
    return View(
        command="competencies",
        title=(
            f"{cw.competencies_framework.title}: {len(r.domains)} domains, {len(r.competencies)} "
            f"competencies, {len(r.rows)} indicators"
        ),
        payload={
            "domains": [
                {"code": d.code, "number": d.number, "name": d.name, "focus": d.focus, "role": d.role}
                for d in r.domains
            ],
            "competencies": [
                {"id": c.id, "domain": c.domain, "title": c.title, "indicators": len(c.indicator_ids)}
                for c in r.competencies
            ],
            "indicators": [_indicator_item(cw, row) for row in r.rows],
            "theme_filter": list(r.theme_filter),
            "counts": {
                "domains": len(r.domains),
                "competencies": len(r.competencies),
                "indicators": len(r.rows),
            },
        },
        facts=_filter_fact(cw, r.theme_filter),
        sections=sections,
        notes=_theme_note(r.rows, r.theme_filter),
        csv=Section("indicators", ROW_CSV, tuple(_plain_row(x, r.theme_filter) for x in r.rows)),
    )


@_builds(q.ThemesList)
def _themes_list(r: q.ThemesList, cw: Crosswalk) -> View:
    columns = (
        Column("code", "Code", no_wrap=True, style="bold"),
        Column("name", "Theme", ratio=2),
        Column("indicators", "Indicators", no_wrap=True),
        Column("description", "Description", ratio=4),
    )
    rows = tuple(
        {
            "code": t.theme.code,
            "name": t.theme.name,
            "indicators": str(t.indicators),
            "from_crosswalk": str(t.from_crosswalk),
            "description": t.theme.description,
        }
        for t in r.themes
    )
    recovered = [f"{t.from_crosswalk} {t.theme.code}" for t in r.themes if t.from_crosswalk]
    notes = [
        f"{r.incomplete} of {r.total} indicators lost their theme icons in the source and may carry "
        "more themes than listed."
    ]
    if recovered:
        notes.append(f"Recovered from the crosswalk's own marks: {', '.join(recovered)}.")
    return View(
        command="themes",
        title=f"{_count(len(r.themes), 'theme')}, carried by the {r.total} competency indicators",
        payload={
            "themes": [
                {
                    "code": t.theme.code,
                    "name": t.theme.name,
                    "description": t.theme.description,
                    "indicators": t.indicators,
                    "from_crosswalk": t.from_crosswalk,
                }
                for t in r.themes
            ],
            # Top-level keys mean one thing in every command: `indicators` and `themes_incomplete` are
            # lists of indicators, as in `competencies` and `theme`; their numbers are under `counts`.
            "indicators": [_indicator_item(cw, row) for row in r.rows],
            "themes_incomplete": [_indicator_item(cw, row) for row in r.incomplete_rows],
            "counts": {
                "themes": len(r.themes),
                "indicators": r.total,
                "themes_incomplete": r.incomplete,
            },
        },
        sections=(Section("Themes", columns, rows),),
        notes=tuple(notes),
        csv=Section("themes", (*columns[:3], *_plain("from_crosswalk"), columns[3]), rows),
    )


@_builds(q.SearchResult)
def _search_result(r: q.SearchResult, cw: Crosswalk) -> View:
    columns = (
        Column("id", "ID", no_wrap=True, style="bold"),
        Column("title", "Name or competency", ratio=2),
        Column("text", "Text", ratio=5),
        Column("themes", "Themes", no_wrap=True),
    )
    rows = tuple(
        {
            "kind": h.kind,
            "id": h.id,
            "title": h.title,
            "text": h.text,
            "themes": _hit_themes(h, r.theme_filter),
            "score": str(h.score),
            "theme_match": h.theme_match or "",
        }
        for h in r.hits
    )
    possible = sum(h.theme_match == q.POSSIBLE for h in r.hits)
    notes = []
    if any(h.themes_incomplete and h.theme_match != q.POSSIBLE for h in r.hits):
        notes.append(
            "'?' after themes: the source lost this indicator's theme icons; its themes may be incomplete."
        )
    if possible:
        marker = f"+{'/'.join(r.theme_filter)}?"
        notes.append(
            f"'{marker}' after themes: the source lost this indicator's theme icons, so it may also carry "
            f"{' or '.join(r.theme_filter)}; it is listed for that reason."
        )
    return View(
        command="search",
        title=f"Search {r.query!r}: {_count(len(r.hits), 'result')}",
        payload={
            "query": r.query,
            "words": list(r.words),
            "theme_filter": list(r.theme_filter),
            "results": [
                {
                    "kind": h.kind,
                    "id": h.id,
                    "title": h.title,
                    "text": h.text,
                    "themes": list(h.themes),
                    "themes_incomplete": h.themes_incomplete,
                    "theme_match": h.theme_match,
                    "score": h.score,
                }
                for h in r.hits
            ],
        },
        facts=_filter_fact(cw, r.theme_filter),
        sections=(Section(f"Results: {len(r.hits)}", columns, rows, empty="No matches."),),
        notes=tuple(notes),
        csv=Section("results", (*_plain("kind"), *columns, *_plain("score", "theme_match")), rows),
        highlight=r.words,
    )


def _hit_themes(h: q.SearchHit, themes: tuple[str, ...]) -> str:
    text = " ".join(h.themes)
    if h.theme_match == q.POSSIBLE:
        return f"{text} +{'/'.join(themes)}?".strip()
    return f"{text} ?" if h.themes_incomplete else text


def _erratum_item(e: q.ErratumRow) -> dict[str, Any]:
    return {
        "entry": e.seq,
        "competency": e.competency,
        "printed_label": e.printed_label,
        "kind": e.erratum.kind,
        "note": e.erratum.note,
        "printed": e.erratum.printed,
        "resolved": e.erratum.resolved,
    }


@_builds(q.ErrataList)
def _errata_list(r: q.ErrataList, cw: Crosswalk) -> View:
    columns = (
        Column("competency", "Indicator", no_wrap=True, style="bold"),
        Column("kind", "Kind", no_wrap=True),
        Column("note", "What was printed, and what the data uses", ratio=5),
    )
    rows = tuple(
        {
            "entry": str(e.seq),
            "competency": e.competency,
            "kind": e.erratum.kind.replace("_", " "),
            "note": e.erratum.note,
            "printed": e.erratum.printed or "",
            "resolved": e.erratum.resolved or "",
        }
        for e in r.errata
    )
    note_columns = (
        Column("where", "Where", ratio=2),
        Column("kind", "Kind", no_wrap=True),
        Column("note", "Note", ratio=5),
    )
    note_rows = tuple({"where": n.where, "kind": n.kind, "note": n.note} for n in r.source_notes)
    return View(
        command="errata",
        title=f"Errata: {len(r.errata)} in the crosswalk's entries, {len(r.source_notes)} other notes",
        payload={
            "errata": [_erratum_item(e) for e in r.errata],
            "source_notes": [{"kind": n.kind, "where": n.where, "note": n.note} for n in r.source_notes],
        },
        sections=(
            Section(f"Entries of the Full Crosswalk: {len(r.errata)}", columns, rows),
            Section(f"Other printing notes: {len(r.source_notes)}", note_columns, note_rows),
        ),
        csv=Section(
            "errata",
            (
                Column("entry", "entry"),
                *columns,
                Column("printed", "printed"),
                Column("resolved", "resolved"),
            ),
            rows,
        ),
    )


@_builds(q.Validation)
def _validation(r: q.Validation, cw: Crosswalk) -> View:
    columns = (Column("item", "Item", ratio=3), Column("count", "Count", no_wrap=True))
    rows = tuple({"item": name, "count": str(n)} for name, n in r.counts)
    return View(
        command="validate",
        title="Data is valid",
        payload={"valid": True, "data_dir": r.data_dir, "counts": dict(r.counts)},
        facts=(("Data", "shipped with crosswalk" if r.packaged else r.data_dir),),
        sections=(Section("Counts", columns, rows),),
        csv=Section("counts", columns, rows),
    )


@_builds(q.Matrix)
def _matrix(r: q.Matrix, cw: Crosswalk) -> View:
    codes = [d.code for d in r.domains]
    columns = (
        Column("id", "ID", no_wrap=True, style="bold"),
        Column("name", "Standard indicator", ratio=1),
        *(Column(c, c, no_wrap=True, shade=True) for c in codes),
        Column("total", "Total", no_wrap=True),
    )
    filtered = bool(r.theme_filter)

    def cells(counts: Sequence[int], possible: Sequence[int]) -> dict[str, str]:
        cell = {c: str(n) for c, n in zip(codes, counts, strict=True)}
        if filtered:  # the tile: those listing the theme, then '+N?' that may carry it
            cell.update({f"{c}_possible": str(p) for c, p in zip(codes, possible, strict=True)})
            cell.update({c: f"{n - p}+{p}?" for c, n, p in zip(codes, counts, possible, strict=True) if p})
        return cell

    rows = [
        {
            "id": x.id,
            "code": x.code,
            "name": f"{x.code} {x.name}",
            **cells(x.counts, x.possible),
            "total": str(x.total),
        }
        for x in r.rows
    ]
    csv_rows = [
        {**row, **{c: str(n) for c, n in zip(codes, x.counts, strict=True)}}
        for row, x in zip(rows, r.rows, strict=True)
    ]
    totals = r.totals
    rows.append(
        {
            "id": "",
            "name": "Total",
            **cells(totals, r.possible_totals),
            "total": str(sum(totals)),
            "_total": "yes",
        }
    )
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
        payload={
            "relation": r.relation,
            "theme_filter": list(r.theme_filter),
            "domains": [{"code": d.code, "name": d.name} for d in r.domains],
            "rows": [
                {
                    "id": x.id,
                    "code": x.code,
                    "name": x.name,
                    "whole_standard": x.whole_standard,
                    "counts": dict(zip(codes, x.counts, strict=True)),
                    "possible": dict(zip(codes, x.possible, strict=True)),
                    "total": x.total,
                }
                for x in r.rows
            ],
            "totals": dict(zip(codes, totals, strict=True)),
            "possible_totals": dict(zip(codes, r.possible_totals, strict=True)),
            "total": sum(totals),
        },
        facts=(("Domains", domain_names), *_filter_fact(cw, r.theme_filter)),
        sections=(Section("Standard indicators", columns, tuple(rows)),),
        notes=tuple(notes),
        csv=Section(
            "matrix",
            _plain("id", "code", "name", *codes, "total", *(f"{c}_possible" for c in codes if filtered)),
            tuple(csv_rows),
        ),
    )
