"""Write a synthetic data directory: `scale` renamed copies of every item of every framework and of every
entry of every crosswalk (a copy's codes and labels end in x1, x2 ...), in the one data format.

python bench/scale_data.py SOURCE_DIR TARGET_DIR SCALE

Entries with errata of their own (a printed label, a target under two relations, a source with several
entries) are left out of the copies: the synthetic data keeps the plain ones.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from crosswalk_cli.datadir import Sources
from crosswalk_cli.loader import load_all
from crosswalk_cli.model import Crosswalk, Framework, Item


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def sfx(ident: str, k: int) -> str:
    return ident if k == 0 else f"{ident}x{k}"


def header(fields: dict[str, Any]) -> list[str]:
    return [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()]


def _level(lv: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"name": lv.name}
    out.update({k: getattr(lv, k) for k in ("long", "plural", "text") if getattr(lv, k)})
    if lv.grouping:
        out["grouping"] = True
    return out


def _item(item: Item, k: int, kids: dict[str | None, list[Item]], indent: str) -> list[str]:
    lines = [f"{indent}- code: {q(sfx(item.code, k))}"]
    pad = indent + "  "
    if item.text:
        lines.append(f"{pad}text: {q(item.text)}")
    if item.title:
        lines.append(f"{pad}title: {q(item.title)}")
    if item.label:
        lines.append(f"{pad}label: {q(sfx(item.label, k))}")
    if item.parts:
        parts = [
            {k2: v for k2, v in (("label", p.label), ("title", p.title), ("text", p.text)) if v}
            for p in item.parts
        ]
        lines.append(f"{pad}parts: {json.dumps(parts, ensure_ascii=False)}")
    if item.tags:
        lines.append(f"{pad}tags: {json.dumps(list(item.tags))}")
    if item.tags_incomplete:
        lines.append(f"{pad}tags_incomplete: true")
    if item.tags_recovered:
        lines += [
            f"{pad}tags_recovered: {json.dumps(list(item.tags_recovered))}",
            f"{pad}recovered_by: {q(item.recovered_by or '')}",
        ]
    if item.details:
        lines.append(f"{pad}details: {json.dumps(dict(item.details), ensure_ascii=False)}")
    children = kids.get(item.code, [])
    if children:
        lines.append(f"{pad}items:")
        for child in children:
            lines += _item(child, k, kids, pad)
    return lines


def framework(f: Framework, scale: int) -> list[str]:
    head = {"id": f.id, "title": f.header.title, "publisher": f.header.publisher, "license": f.header.license}
    lines = ["framework:", *header(head), f"  levels: {json.dumps([_level(lv) for lv in f.levels])}"]
    if f.phrases:
        lines += ["phrases:", *header(dict(f.phrases))]
    if f.tags:
        lines.append("tags:")
        for t in f.tags:
            lines += [
                f"- code: {q(t.code)}",
                f"  name: {q(t.name)}",
                f"  description: {q(t.description or t.name)}",
            ]
    kids: dict[str | None, list[Item]] = {}
    for item in f.items:
        kids.setdefault(item.parent, []).append(item)
    lines.append("items:")
    for k in range(scale):
        for top in kids.get(None, []):
            lines += _item(top, k, kids, "")
    return lines


def crosswalk(x: Crosswalk, scale: int) -> list[str]:
    head = {
        "id": x.id,
        "title": x.header.title,
        "publisher": x.header.publisher,
        "license": x.header.license,
        "from": x.source,
        "to": x.target,
    }
    relations = [{"name": r.name, **({"heading": r.heading} if r.heading else {})} for r in x.relations]
    lines = ["crosswalk:", *header(head), f"  relations: {json.dumps(relations, ensure_ascii=False)}"]
    if x.phrases:
        lines += ["phrases:", *header(dict(x.phrases))]
    sources = Counter(e.source for e in x.entries)
    plain = [
        e
        for e in x.entries
        if sources[e.source] == 1 and not e.printed_label and len({k.target for k in e.links}) == len(e.links)
    ]
    lines.append("links:")
    for k in range(scale):
        for e in plain:
            lines.append(f"- source: {q(sfx(e.source, k))}")
            for r in x.relations:
                targets = [sfx(link.target, k) for link in e.links if link.relation == r.name]
                if targets:
                    lines.append(f"  {r.name}: {json.dumps(targets)}")
    return ["coverage:", f"  entries: {len(plain) * scale}", *lines]


def main(source: str, target: str, scale: int) -> None:
    data = load_all(Sources(Path(source), packaged=False))
    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    files = {f.id: data.origins[f.id] for f in data.frameworks} | {
        x.id: data.origins[x.id] for x in data.crosswalks
    }
    for f in data.frameworks:
        (out / Path(files[f.id]).name).write_text("\n".join(framework(f, scale)) + "\n", encoding="utf-8")
    for x in data.crosswalks:
        (out / Path(files[x.id]).name).write_text("\n".join(crosswalk(x, scale)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
