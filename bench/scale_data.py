"""Write a synthetic data directory: `scale` renamed copies of every standard, domain and alignment.

python bench/scale_data.py SOURCE_DIR TARGET_DIR SCALE
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crosswalk_cli.loader import load
from crosswalk_cli.model import Crosswalk

HEADER = ['  title: "t"', '  publisher: "p"', '  license: "l"', '  license_url: "u"']


def framework(cw: Crosswalk, which: str) -> list[str]:
    f = getattr(cw, which)
    return ["framework:", f"  id: {q(f.id)}", f"  levels: {json.dumps(list(f.levels))}", *HEADER]


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def sfx(ident: str, k: int) -> str:
    return ident if k == 0 else f"{ident}x{k}"


def standards(cw: Crosswalk, scale: int) -> list[str]:
    lines = [*framework(cw, "standards_framework"), "standards:"]
    for k in range(scale):
        for s in cw.standards.values():
            lines += [
                f"- id: {q(sfx(s.id, k))}",
                f"  numeral: {q(sfx(s.numeral, k))}",
                f"  name: {q(s.name)}",
            ]
            lines += [f"  statement: {q(s.statement)}", "  indicators:"]
            for iid in s.indicator_ids:
                i = cw.standard_indicators[iid]
                lines += [f"  - id: {q(sfx(i.id, k))}", f"    code: {q(sfx(i.code, k))}"]
                lines += [f"    name: {q(i.name)}", f"    text: {q(i.text)}"]
    return lines


def competencies(cw: Crosswalk, scale: int) -> list[str]:
    lines = [*framework(cw, "competencies_framework"), "themes:"]
    for t in cw.themes.values():
        lines += [f"- code: {q(t.code)}", f"  name: {q(t.name)}"]
        lines += [f"  description: {q(t.description)}", f"  source: {q(t.source)}"]
    lines.append("domains:")
    fields = ("name", "full_name", "short_name", "role", "focus", "description")
    for k in range(scale):
        for d in cw.domains.values():
            lines += [f"- code: {q(sfx(d.code, k))}", f"  number: {q(sfx(d.number, k))}"]
            lines += [f"  {f}: {q(getattr(d, f))}" for f in fields]
            lines.append("  competencies:")
            for cid in d.competency_ids:
                c = cw.competencies[cid]
                lines += [f"  - id: {q(sfx(c.id, k))}", f"    title: {q(c.title)}", "    indicators:"]
                for iid in c.indicator_ids:
                    i = cw.indicators[iid]
                    lines += [f"    - id: {q(sfx(i.id, k))}", f"      text: {q(i.text)}"]
                    lines.append(f"      themes: {json.dumps(list(i.themes))}")
                    if i.subitems:
                        lines.append(f"      subitems: {json.dumps(list(i.subitems), ensure_ascii=False)}")
    return lines


def alignments(cw: Crosswalk, scale: int) -> list[str]:
    src = cw.crosswalk_source
    assert src is not None
    lines = ["crosswalk:", f"  id: {q(src.id)}", f"  from: {q(cw.competencies_framework.id)}"]
    lines += [f"  to: {q(cw.standards_framework.id)}", f"  relations: {json.dumps(list(src.relations))}"]
    lines += HEADER
    lines.append("alignments:")
    entries = 0
    for k in range(scale):
        for a in cw.alignments:
            if a.primary in a.additional or len(cw.by_competency[a.competency]) > 1:
                continue  # those need errata; the synthetic data keeps the plain entries
            lines += [f"- competency: {q(sfx(a.competency, k))}", f"  primary: {q(sfx(a.primary, k))}"]
            lines.append(f"  additional: {json.dumps([sfx(s, k) for s in a.additional])}")
            entries += 1
    return ["coverage:", f"  entries: {entries}", *lines]


def main(source: str, target: str, scale: int) -> None:
    cw = load(source)
    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    for name, lines in (
        ("standards.yaml", standards(cw, scale)),
        ("competencies.yaml", competencies(cw, scale)),
        ("alignments.yaml", alignments(cw, scale)),
    ):
        (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
