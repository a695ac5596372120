"""The crosswalk in other shapes: one CSV row per link, a Markdown document (CASE 1.1: case.py).

Pure functions from the model to text; writing files is the CLI's job.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Alignment, Crosswalk

PRIMARY = "primary"
ADDITIONAL = "additional"


@dataclass(frozen=True, eq=False)
class Link:
    """One printed link: an entry of the crosswalk and one standard it names."""

    entry: Alignment
    standard: str
    relation: str


def links(cw: Crosswalk) -> list[Link]:
    """Every link as printed, in the crosswalk's order: each entry's primary, then its additional."""
    result = []
    for a in cw.alignments:
        result.append(Link(a, a.primary, PRIMARY))
        result += [Link(a, sid, ADDITIONAL) for sid in a.additional]
    return result


def _standard_fields(cw: Crosswalk, sid: str) -> tuple[str, str]:
    if sid in cw.standards:
        s = cw.standards[sid]
        return s.numeral, s.name
    i = cw.standard_indicators[sid]
    return i.code, i.name


def note_text(a: Alignment) -> str:
    return " ".join([*([a.note] if a.note else []), *(e.note for e in a.errata)])


CSV_COLUMNS = (
    "entry",
    "standard_id",
    "standard_code",
    "standard_name",
    "competency_id",
    "domain",
    "competency_title",
    "indicator_text",
    "relation",
    "themes",
    "printed_label",
    "note",
)


def csv_rows(cw: Crosswalk) -> list[dict[str, str]]:
    rows = []
    for link in links(cw):
        a = link.entry
        ind = cw.indicators[a.competency]
        code, name = _standard_fields(cw, link.standard)
        rows.append(
            {
                "entry": str(a.seq),
                "standard_id": link.standard,
                "standard_code": code,
                "standard_name": name,
                "competency_id": ind.id,
                "domain": ind.domain,
                "competency_title": cw.competencies[ind.competency].title,
                "indicator_text": ind.text,
                "relation": link.relation,
                "themes": " ".join(ind.themes),
                "printed_label": a.printed_label or "",
                "note": note_text(a),
            }
        )
    return rows


def csv_text(cw: Crosswalk) -> str:
    from . import csvout

    return csvout.csv_text(CSV_COLUMNS, ([row[k] for k in CSV_COLUMNS] for row in csv_rows(cw)))


# --- Markdown -------------------------------------------------------------------------------------


def markdown(cw: Crosswalk) -> str:
    """The Full Crosswalk as a document: by standard and indicator, errata as footnotes."""
    from .mdescape import escape as md

    title = cw.crosswalk_source.title if cw.crosswalk_source else "Crosswalk"
    out = [f"# {md(title, one_line=True)}", ""]
    sources = [f for f in (cw.crosswalk_source, cw.standards_framework, cw.competencies_framework) if f]
    out += [f"- {md(f'{f.title}, {f.publisher} ({f.license})')}" for f in sources] + [""]
    footnotes: list[str] = []

    def entry(a: Alignment) -> list[str]:
        ind = cw.indicators[a.competency]
        comp = cw.competencies[ind.competency]
        marks = ""
        for e in ([a.note] if a.note else []) + [e.note for e in a.errata]:
            footnotes.append(e)
            marks += f"[^{len(footnotes)}]"
        themes = ", ".join(ind.themes) or "none printed"
        if ind.themes_incomplete:
            themes += " (icons lost in the source: may be incomplete)"
        printed = f" {md(f'(printed {a.printed_label})')}" if a.printed_label else ""
        # The sub-items continue the indicator's sentence: an ordered list inside its item, then the details.
        lines = [f"- **{md(ind.id)}**{printed}{marks} {md(ind.text)}"]
        lines += [f"  {n}. {md(s)}" for n, s in enumerate(ind.subitems, 1)]
        lines += [
            f"  - Competency: {md(f'{comp.id} {comp.title} ({cw.domains[ind.domain].name})')}",
            f"  - Themes: {md(themes)}",
        ]
        if a.additional:
            also = ", ".join(f"{sid} {_standard_fields(cw, sid)[1]}" for sid in a.additional)
            lines.append(f"  - Additional standards: {md(also)}")
        return lines

    for s in cw.standards.values():
        out += [f"## Standard {md(f'{s.numeral}: {s.name}', one_line=True)}", "", md(s.statement), ""]
        whole = cw.by_primary.get(s.id, ())
        if whole:
            out += [f"Aligned to Standard {md(s.numeral)} as a whole:", ""]
            for a in whole:
                out += entry(a)
            out.append("")
        for iid in s.indicator_ids:
            i = cw.standard_indicators[iid]
            out += [f"### {md(f'{i.code} {i.name} ({i.id})', one_line=True)}", "", md(i.text), ""]
            # Elements keep their printed numbers (1, 2 or I, II) as text: a bullet list, never a
            # Markdown ordered list, which would renumber them or (for I, II) not be a list at all.
            for e in i.elements:
                out.append(f"- {md(f'{e.number}. ' + (e.name + ': ' if e.name else '') + e.text)}")
            if i.elements:
                out.append("")
            primary = cw.by_primary.get(iid, ())
            if not primary:
                out += ["No competency indicator is directly aligned to this indicator.", ""]
                continue
            for a in primary:
                out += entry(a)
            out.append("")
    if cw.source_notes:
        out += ["## Other notes on the printed crosswalk", ""]
        out += [f"- {md(f'{n.where}: {n.note}')}" for n in cw.source_notes] + [""]
    out += [f"[^{n}]: {md(text)}" for n, text in enumerate(footnotes, 1)]
    return "\n".join(out).rstrip("\n") + "\n"
