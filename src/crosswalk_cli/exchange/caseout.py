"""A framework read from the store (queries/exchange.py) as a CASE 1.1 package, and the Package both
kinds are built in (a crosswalk's: caselinks.py; case.py says what goes where and why)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..queries.exchange import CrosswalkData, FrameworkData, ItemData
from .case import (
    CASE_HELD,
    CASE_VERSION,
    EXTENSION,
    Mint,
    case_time,
    definition_identifier,
    document_identifier,
    identifier,
    item_extension,
    item_identifier,
    statements,
)


def when(*dates: str | None) -> str:
    """A package's CASE date-time: the latest of ``dates`` that is one (case.case_time); 1970 where none
    is."""
    times = [t for t in map(case_time, dates) if t]  # all UTC, one shape: their texts sort as their times
    return max(times) if times else EPOCH


def framework_description(header: Mapping[str, str], title: str, publisher: str) -> str:
    """What a framework's document describes it as: its description, else the source it was taken from,
    else its title, publisher and date."""
    if header.get("description"):
        return header["description"]
    if header.get("source"):
        return header["source"]
    date = header.get("date")
    return f"{title}, {publisher}" + (f", {date}" if date else "")


EPOCH = "1970-01-01T00:00:00+00:00"


class Package:
    """One CASE package being built."""

    def __init__(
        self, header: Mapping[str, str], doc_id: str, description: str, mint: Mint, when: str
    ) -> None:
        self.when = when
        self.mint = mint
        self.doc_id = doc_id
        title = header["license"]
        url = header.get("license_url", "")
        # CASE asks for a licence text: say what the source says, no more
        self.license = self.define(
            "license", {"title": title, "licenseText": f"{title}: {url}" if url else title}
        )
        license_id = self.license["identifier"]
        self.document: dict[str, Any] = {
            "identifier": doc_id,
            "uri": header.get("case_uri") or mint(doc_id),
            "creator": header["publisher"],
            "title": header["title"],
            "lastChangeDateTime": self.when,
            "caseVersion": CASE_VERSION,
            "publisher": header["publisher"],
            "description": description,
            "licenseURI": self.ref(title, license_id),
        }
        if header.get("version"):
            self.document["version"] = header["version"]
        if header.get("status", "").lower() == "draft":
            self.document["adoptionStatus"] = "Draft"
            date = header.get("date", "")
            if len(date) == 10:  # a draft since its full date
                self.document["statusStartDate"] = date
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []
        self.item_types: dict[str, dict[str, Any]] = {}
        self.concepts: list[dict[str, Any]] = []
        self.groupings: list[dict[str, Any]] = []

    def define(self, kind: str, content: Mapping[str, str]) -> dict[str, str]:
        """A definition: its content and date, under an identifier made from them (so one identifier
        never stands for two contents across packages)."""
        said = {**content, "lastChangeDateTime": self.when}
        ident = definition_identifier(kind, said)
        return {"identifier": ident, "uri": self.mint(ident), **said}

    def ref(self, title: str, ident: str, uri: str | None = None) -> dict[str, str]:
        """A link to an object: its title, identifier and uri."""
        return {"title": title, "identifier": ident, "uri": uri or self.mint(ident)}

    @property
    def node(self) -> dict[str, str]:
        return self.ref(self.document["title"], self.doc_id, self.document["uri"])

    def item_type(self, name: str) -> dict[str, str]:
        if name not in self.item_types:
            content = {"title": name, "description": name, "hierarchyCode": str(len(self.item_types) + 1)}
            self.item_types[name] = self.define("item-type", content)
        return self.ref(name, self.item_types[name]["identifier"])

    def associate(
        self,
        ident: str,
        kind: str,
        origin: dict[str, str],
        destination: dict[str, str],
        sequence: int,
        grouping: dict[str, str] | None = None,
        notes: str = "",
        extension: Mapping[str, Any] | None = None,
        when: str | None = None,
    ) -> None:
        association: dict[str, Any] = {
            "identifier": ident,
            "uri": self.mint(ident),
            "associationType": kind,
            "originNodeURI": origin,
            "destinationNodeURI": destination,
            "sequenceNumber": sequence,
            "lastChangeDateTime": when or self.when,
        }
        if grouping:
            association["CFAssociationGroupingURI"] = grouping
        if notes:
            association["notes"] = notes
        if extension:
            association["extensions"] = {EXTENSION: dict(extension)}
        self.associations.append(association)

    def package(self, extension: Mapping[str, Any]) -> dict[str, Any]:
        self.document["extensions"] = {EXTENSION: dict(extension)}
        definitions: dict[str, Any] = {"CFLicenses": [self.license]}
        if self.item_types:
            definitions["CFItemTypes"] = list(self.item_types.values())
        if self.concepts:
            definitions["CFConcepts"] = self.concepts
        if self.groupings:
            definitions["CFAssociationGroupings"] = self.groupings
        result: dict[str, Any] = {"CFDocument": self.document}
        if self.items:
            result["CFItems"] = self.items
        result["CFAssociations"] = self.associations
        result["CFDefinitions"] = definitions
        return result


def header_fields(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """A header's fields as its file gives them, for an extension: not those the CFDocument holds itself
    (case.CASE_HELD), nor the empty licence URL the store keeps where the file has none."""
    return {k: v for k, v in pairs if k not in CASE_HELD and (v or k != "license_url")}


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
