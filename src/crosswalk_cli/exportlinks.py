"""Any crosswalk of the data in the export formats: CSV, Markdown and one CASE 1.1 package. A drafted
link (suggested by crosswalk, reviewed by a person) says so wherever it goes: in its own CSV columns, in
its Markdown line, and in the notes of its CASE association."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .catalog import is_drafted
from .errors import CrosswalkError, ExitStatus
from .model import Framework
from .model_items import DataSet, LinkCrosswalk

COLUMNS = (
    "entry", "relation", "source_framework", "source_code", "source_text", "target_framework", "target_code",
    "target_text", "drafted", "method", "score", "reviewed_by", "reviewed_on", "note",
)  # fmt: skip


class UnknownCrosswalk(CrosswalkError):
    exit_code = ExitStatus.USAGE


@dataclass(frozen=True, eq=False, repr=False)
class End:
    framework: str
    code: str
    title: str
    text: str


def find(data: DataSet, given: str) -> LinkCrosswalk:
    for x in data.crosswalks:
        if x.info.id.lower() == given.strip().lower():
            return x
    names = (
        ", ".join(x.info.id for x in data.crosswalks)
        or "none besides the MAPLE crosswalk (export without --crosswalk)"
    )
    raise UnknownCrosswalk(f"no crosswalk '{given}' among the data's other crosswalks: {names}")


def _ends(data: DataSet) -> dict[tuple[str, str], End]:
    """Every item of every framework, by (framework, code), with the title and text a reader needs."""
    ends: dict[tuple[str, str], End] = {}
    cw = data.maple
    sf, cf = cw.standards_framework.id, cw.competencies_framework.id
    for s in cw.standards.values():
        ends[(sf, s.id)] = End(sf, s.id, s.name, s.statement)
    for i in cw.standard_indicators.values():
        ends[(sf, i.id)] = End(sf, i.id, i.name, i.text)
    for d in cw.domains.values():
        ends[(cf, d.code)] = End(cf, d.code, d.name, d.description)
    for c in cw.competencies.values():
        ends[(cf, c.id)] = End(cf, c.id, c.title, "")
    for ind in cw.indicators.values():
        ends[(cf, ind.id)] = End(cf, ind.id, cw.competencies[ind.competency].title, ind.text)
    for f in data.frameworks:
        for item in f.items:
            ends[(f.info.id, item.code)] = End(f.info.id, item.code, item.title or "", item.text)
    return ends


def rows(data: DataSet, x: LinkCrosswalk) -> list[dict[str, str]]:
    ends = _ends(data)
    source, target = x.info.extra.get("from", ""), x.info.extra.get("to", "")
    out = []
    for link in x.links:
        s, t, p = ends[(source, link.source)], ends[(target, link.target)], dict(link.provenance)
        row = {"entry": str(link.seq), "relation": link.relation}
        row.update(source_framework=source, source_code=s.code, source_text=s.text or s.title)
        row.update(target_framework=target, target_code=t.code, target_text=t.text or t.title)
        row.update(drafted="yes" if is_drafted(p) else "", note=link.note or "")
        row.update({k: p.get(k, "") for k in ("method", "score", "reviewed_by", "reviewed_on")})
        out.append(row)
    return out


def provenance_note(row: dict[str, str]) -> str:
    """A drafted link's provenance in words: what drafted it, its score, who reviewed it and when."""
    if not row["method"]:
        return ""
    said = [f"drafted by {row['method']}" if row["drafted"] else f"from {row['method']}"]
    if row["score"]:
        said.append(f"score {row['score']}")
    if row["reviewed_by"]:
        said.append(
            f"reviewed by {row['reviewed_by']}" + (f", {row['reviewed_on']}" if row["reviewed_on"] else "")
        )
    return "; ".join(said)


def csv_text(data: DataSet, x: LinkCrosswalk) -> str:
    from .csvout import csv_text as write

    return write(COLUMNS, ([r[c] for c in COLUMNS] for r in rows(data, x)))


def markdown(data: DataSet, x: LinkCrosswalk) -> str:
    from .mdescape import escape

    lines = [f"# {escape(x.info.title, one_line=True)}", ""]
    extra = x.info.extra
    facts = [("Crosswalk", x.info.id), ("From", extra.get("from", "")), ("To", extra.get("to", ""))]
    facts += [("Publisher", x.info.publisher), ("Status", extra.get("status", ""))]
    lines += [f"- **{label}:** {escape(value)}" for label, value in facts if value]
    links = rows(data, x)
    if any(r["drafted"] for r in links):
        lines += [
            "",
            "> Drafted links were suggested by crosswalk and reviewed by a person; no source prints them.",
        ]
    current = None
    for r in links:
        if r["source_code"] != current:
            current = r["source_code"]
            lines += ["", f"## {escape(r['source_framework'] + ':' + current, one_line=True)}", "",
                      escape(r["source_text"]), ""]  # fmt: skip
        note = provenance_note(r)
        line = f"- {escape(r['relation'])}: **{escape(r['target_framework'] + ':' + r['target_code'])}** "
        line += escape(r["target_text"], one_line=True)
        lines.append(line + (f" ({escape(note, one_line=True)})" if note else ""))
    return "\n".join(lines) + "\n"


def case_package(data: DataSet, x: LinkCrosswalk, base_uri: str | None = None) -> dict[str, Any]:
    """The crosswalk's links as CASE associations between the two frameworks' items (the identifiers their
    own packages use), one CFAssociationGrouping per relation, a drafted link's provenance in its notes."""
    from .case import RELATION_GROUPING, _date, _Package, uri_minter

    mint = uri_minter(base_uri)
    info = x.info
    license_url = info.extra.get("license_url", "")
    header = Framework(info.title, info.publisher, info.license, license_url, info.extra, info.id)
    package = _Package(f"crosswalk:{info.id}", header, _date(header, "1970-01"), info.publisher,
                       f"Links from {info.extra.get('from')} to {info.extra.get('to')}", mint)  # fmt: skip
    if not license_url:
        package.license["licenseText"] = info.license
    groups = {r: package.grouping(f"{info.id}:{r}", r, RELATION_GROUPING.format(r)) for r in info.relations}
    ids = _identifiers(data)
    for r, link in zip(rows(data, x), x.links, strict=True):
        origin = package.ref(r["source_code"], ids[(r["source_framework"], r["source_code"])])
        destination = package.ref(r["target_code"], ids[(r["target_framework"], r["target_code"])])
        package.associate(f"{info.id}:{link.seq}", "isRelatedTo", origin, destination, link.seq,
                          groups.get(link.relation), provenance_note(r))  # fmt: skip
    return package.package()


def _identifiers(data: DataSet) -> dict[tuple[str, str], str]:
    """Each item's CASE identifier as the framework's own package gives it."""
    from .case import identifier

    cw = data.maple
    ids = {
        (cw.standards_framework.id, k): identifier("standard", k)
        for k in (*cw.standards, *cw.standard_indicators)
    }
    cf = cw.competencies_framework.id
    ids.update(
        {(cf, k): identifier("competency", k) for k in (*cw.domains, *cw.competencies, *cw.indicators)}
    )
    for f in data.frameworks:
        for item in f.items:
            ids[(f.info.id, item.code)] = item.case_identifier or identifier(f"item:{f.info.id}", item.code)
    return ids
