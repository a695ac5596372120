"""A framework read from the store (queries/exchange.py) as a CASE 1.1 package (a crosswalk's:
caselinks.py; the package being built: casepackage.py; case.py says what goes where and why)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..queries.exchange import CrosswalkData, FrameworkData, ItemData
from .case import (
    EXTENSION,
    Mint,
    document_identifier,
    identifier,
    item_extension,
    item_identifier,
    statements,
)
from .casepackage import Package, header_fields, when


def framework_description(header: Mapping[str, str], title: str, publisher: str) -> str:
    """What a framework's document describes it as: its description, else the source it was taken from,
    else its title, publisher and date."""
    if header.get("description"):
        return header["description"]
    if header.get("source"):
        return header["source"]
    date = header.get("date")
    return f"{title}, {publisher}" + (f", {date}" if date else "")


def framework_record(f: FrameworkData) -> dict[str, Any]:
    """The framework file without its items: what a framework package's document extension holds."""
    levels: list[Any] = []
    for lv in f.levels:
        given = {
            "long": lv["long"] if lv["long"] != lv["name"] else "",
            "plural": lv["plural"],
            "text": lv["text"],
            "grouping": bool(lv.get("grouping")),
        }
        given = {k: v for k, v in given.items() if v}
        levels.append({"name": lv["name"], **given} if given else lv["name"])
    out: dict[str, Any] = {"framework": {**header_fields(f.info.header), "levels": levels}}
    if f.info.phrases:
        out["phrases"] = dict(f.info.phrases)
    if f.tags:
        out["tags"] = [{k: v for k, v in t._asdict().items() if v} for t in f.tags]
    if f.notes:
        out["notes"] = [
            {"title": title, "text": text} if title else {"text": text} for title, text in f.notes
        ]
    if f.source_notes:
        out["source_notes"] = [n._asdict() for n in f.source_notes]
    return out


def item_record(i: ItemData) -> dict[str, Any]:
    """An item as its data file writes it, without its children: what its CFItem's extension holds."""
    r = i.ref
    out: dict[str, Any] = {"code": r.code}
    if r.label is not None:
        out["label"] = r.label
    if r.title:
        out["title"] = r.title
    if r.text or not r.title:
        out["text"] = r.text
    if r.parts:
        out["parts"] = [{k: v for k, v in p._asdict().items() if v is not None} for p in r.parts]
    if r.tags:
        out["tags"] = list(r.tags)
    if r.tags_incomplete:
        out["tags_incomplete"] = True
    if r.tags_recovered:
        out["tags_recovered"] = list(r.tags_recovered)
    if i.recovered_by is not None:
        out["recovered_by"] = i.recovered_by
    if r.details:
        out["details"] = dict(r.details)
    return out


def _item_notes(f: FrameworkData, i: ItemData) -> str:
    """What a reader of the CASE item should know that its statement does not say, in words."""
    from ..text.phrases import Phrases, plural

    phrase = Phrases(dict(f.info.phrases))
    lines = [f"{name.replace('_', ' ').capitalize()}: {text}" for name, text in i.ref.details]
    if i.ref.tags_incomplete:
        lost = phrase("tags_lost", tags=plural(phrase("tag")))
        lines.append(lost[:1].upper() + lost[1:] + ".")
    if i.ref.tags_recovered:
        lines.append(f"{' '.join(i.ref.tags_recovered)}: {phrase('tags_recovered')} ({i.recovered_by}).")
    lines += [
        f"{n.kind.replace('_', ' ').capitalize()}: {n.note}" for n in f.source_notes if n.where == i.ref.code
    ]
    return "\n".join(lines)


def framework_package(f: FrameworkData, mint: Mint) -> dict[str, Any]:
    info, header = f.info, dict(f.info.header)
    description = framework_description(header, info.title, info.publisher)
    if header.get("status"):
        description = f"{description} (status: {header['status']})"
    doc_id = header.get("case_identifier") or document_identifier("framework", info.id)
    package = Package(header, doc_id, description, mint, when(header.get("date")))
    said = [f"{t}:\n{text}" if t else text for t, text in f.notes]
    said += [f"{n.kind.replace('_', ' ').capitalize()} ({n.where}): {n.note}" for n in f.source_notes]
    if said:
        package.document["notes"] = "\n\n".join(said)
    for t in f.tags:
        content = {"title": t.name, "keywords": f"{t.code}|{t.name}", "hierarchyCode": t.code}
        content["description"] = t.description or t.name
        package.concepts.append(package.define("concept", content))
    names = {t.code: t.name for t in f.tags}
    refs: dict[str, dict[str, str]] = {}
    order: dict[str | None, int] = {}
    for i in f.items:
        r = i.ref
        ident = i.case_identifier or item_identifier(info.id, r.code)
        level = info.level(r.depth).name
        kind = level[:1].upper() + level[1:]
        record = item_record(i)
        item: dict[str, Any] = {"identifier": ident, "uri": i.case_uri or mint(ident), **statements(record)}
        item.update(CFItemType=kind, CFItemTypeURI=package.item_type(kind), lastChangeDateTime=package.when)
        optional = {
            "alternativeLabel": r.label,
            "conceptKeywords": [names[t] for t in r.tags],
            "notes": _item_notes(f, i),
        }
        item.update({k: v for k, v in optional.items() if v})
        extension = item_extension(record)
        if extension:
            item["extensions"] = {EXTENSION: extension}
        package.items.append(item)
        refs[r.code] = package.ref(r.code, ident, item["uri"])
        order[i.parent] = order.get(i.parent, 0) + 1
        parent = refs[i.parent] if i.parent is not None else package.node
        package.associate(
            identifier("association", f"{info.id}:{r.code}"),
            "isChildOf",
            refs[r.code],
            parent,
            order[i.parent],
        )
        for n, part in enumerate(r.parts, 1):
            order[r.code] = order.get(r.code, 0) + 1  # its parts first, then its children
            _part(package, f, i, n, part, order[r.code], refs[r.code])
    return package.package(framework_record(f))


def _part(package: Package, f: FrameworkData, i: ItemData, n: int, part: Any, seq: int, parent: Any) -> None:
    """An item's part (an element, a sub-item) as a CFItem of its own under the item: its label the
    listEnumeration (and after the item's code its humanCodingScheme, where no item has that code), its
    title the abbreviatedStatement, its text the fullStatement; our extension marks it a part."""
    r = i.ref
    ident = identifier(f"part:{f.info.id}", f"{r.code}:{n}")
    item: dict[str, Any] = {"identifier": ident, "uri": package.mint(ident)}
    code = f"{r.code}.{part.label}" if part.label else ""
    if code and code not in f.by_code:
        item["humanCodingScheme"] = code
    if part.label:
        item["listEnumeration"] = part.label
    item["fullStatement"] = part.text or part.line
    if part.title:
        item["abbreviatedStatement"] = part.title
    level = f.info.level(r.depth).name
    kind = f"{level[:1].upper()}{level[1:]} part"
    item.update(CFItemType=kind, CFItemTypeURI=package.item_type(kind), lastChangeDateTime=package.when)
    item["extensions"] = {EXTENSION: {"part": True, **({} if part.text else {"text": ""})}}
    package.items.append(item)
    node = package.ref(code or part.label or str(n), ident, item["uri"])
    association = identifier("association", f"{f.info.id}:{r.code}:part:{n}")
    package.associate(association, "isChildOf", node, parent, seq)


def crosswalk_package(x: CrosswalkData, mint: Mint) -> dict[str, Any]:
    """A crosswalk's package (caselinks.py)."""
    from .caselinks import crosswalk_package as package

    return package(x, mint)
