"""A CASE document with items as a framework file (docs/data-format.md), as plain data to dump.

- ``code``: humanCodingScheme, else listEnumeration, else the CASE identifier; the first item in tree
  order keeps a code, a later item whose code is taken gets its identifier and a source note says so.
- ``text``: fullStatement; ``title``: abbreviatedStatement where given and different.
- ``tags``: conceptKeywords, declared in the CFConcepts' order, then in the order met. A keyword that
  names a CFConcept of the package (its title, one of its keywords or its hierarchyCode) takes the
  concept's hierarchyCode as tag code (when that is a safe code) and its title and description; any
  other keyword becomes a tag code of its own (naming.tag_code).
- ``levels``: each depth's CFItemType names ('level N' where no item at that depth has a type).
- An item's ``notes`` and the packages' facts the format has no field for become ``source_notes``.

A document ``crosswalk export case`` wrote carries the rest in its extension (extension.py): the header,
levels, phrases, tags, notes and source notes as they were, and each item's label (its alternativeLabel),
title (its abbreviatedStatement, kept even where it is the whole statement), tags and their marks, and
details; an item's parts are the CFItems under it that the extension marks as parts (label, title and
text from their listEnumeration, abbreviatedStatement and fullStatement, as another tool may have
edited them). Where another tool has changed an item's statement so that it no longer is the text the
extension gives, or its keywords so that they are not its tags, the CASE fields are read as above for
that item and a source note says so. The CFDocument's title, publisher and version stand.
"""

from __future__ import annotations

import re
from typing import Any

from ..case import item_identifier, minted, statements
from .index import Tree
from .naming import safe_code, tag_code
from .read import Concept, Item, Package

CHANGED = (
    "Its CASE statement or keywords changed after crosswalk exported it: they are read as CASE gives them; "
    "its parts and tag marks are lost."
)
_ISO_DATE = re.compile(r"\d{4}-\d\d(-\d\d)?")
_URL = re.compile(r"https?://[^\s\"'<>]+")


def _date(status_start: str, last_change: str) -> str:
    """A document's date: its statusStartDate, else the day of its lastChangeDateTime ('' if neither is
    a date)."""
    if _ISO_DATE.fullmatch(status_start):
        return status_start
    day = last_change[:10]
    return day if re.fullmatch(r"\d{4}-\d\d-\d\d", day) and last_change[10:11] in ("", "T", " ") else ""


def _lines(parts: list[dict[str, str]]) -> list[str]:
    from ...queries.records import Part

    return [Part(p.get("label"), p.get("title"), p["text"]).line for p in parts]


EMPTY = "The CASE document has no CFItems: imported as a framework with no items."


class FrameworkBuilder:
    def __init__(self, package: Package, framework_id: str, tree: Tree) -> None:
        self.package = package
        self.id = framework_id
        self.tree = tree
        self.codes: dict[str, str] = {}  # item identifier -> code
        self.source_notes: list[dict[str, str]] = []
        self.tags: dict[str, dict[str, str]] = {}  # keyword -> tag entry
        self._tag_codes: set[str] = set()
        self._rank: dict[str, tuple[int, int]] = {}  # keyword -> (0, CFConcepts position) or (1, first seen)
        self.levels: list[list[str]] = []
        ours = package.document.extension
        self.ours = ours if ours is not None and "framework" in ours else None
        self._tag_names = {t["code"]: t["name"] for t in (self.ours or {}).get("tags", ())}
        self.parts = self._find_parts()
        self._assign_codes()
        if not package.items and self.ours is None:
            self.note("empty_document", "document", EMPTY)

    def _find_parts(self) -> set[str]:
        """The CFItems our export made of an item's parts: marked so, under an item, with no children."""
        if self.ours is None:
            return set()
        parent_of = self.tree.parents()
        return {
            item.identifier
            for item in self.package.items
            if (item.extension or {}).get("part") is True
            and parent_of.get(item.identifier, "")
            and item.identifier not in self.tree.children
        }

    def _part(self, item: Item) -> dict[str, str]:
        """A part as the framework file writes it, from its CASE fields."""
        out = {"label": item.list_enumeration, "title": item.abbreviated_statement}
        out = {k: v for k, v in out.items() if v}
        out["text"] = (item.extension or {}).get("text", item.full_statement)
        return out

    def _assign_codes(self) -> None:
        taken: dict[str, str] = {}
        for item, _ in self.walk():
            if item.identifier in self.parts:
                continue
            code = item.human_coding_scheme or item.list_enumeration or item.identifier
            if code in taken:
                self.note(
                    "duplicate_code",
                    item.identifier,
                    f"Code {code!r} is also item {taken[code]}'s; this item is coded by its identifier.",
                )
                code = item.identifier
            taken[code] = item.identifier
            self.codes[item.identifier] = code

    def walk(self) -> list[tuple[Item, int]]:
        """Every item with its depth (0 = top), in tree order; orphans last, at the top level."""
        result: list[tuple[Item, int]] = []
        stack = [(item, 0) for item in reversed([*self.tree.children.get("", []), *self.tree.orphans])]
        while stack:
            item, depth = stack.pop()
            result.append((item, depth))
            stack += [(kid, depth + 1) for kid in reversed(self.tree.children.get(item.identifier, []))]
        return result

    def note(self, kind: str, where: str, text: str) -> None:
        self.source_notes.append({"kind": kind, "where": where, "note": text})

    def code_of(self, identifier: str) -> str:
        return self.codes[identifier]

    def _concept(self, keyword: str) -> tuple[int, Concept] | None:
        for n, concept in enumerate(self.package.concepts):
            if keyword in (concept.title, concept.hierarchy_code, *concept.keywords):
                return n, concept
        return None

    def _tag(self, keyword: str) -> str:
        if keyword not in self.tags:
            found = self._concept(keyword)
            entry: dict[str, str]
            if found is not None:
                rank, concept = found
                self._rank.setdefault(keyword, (0, rank))
                hc = concept.hierarchy_code
                if safe_code(hc) and hc not in self._tag_codes:
                    self._tag_codes.add(hc)
                    code = hc
                else:
                    code = next((t["code"] for t in self.tags.values() if t["name"] == concept.title), "")
                    code = code or tag_code(concept.title or keyword, self._tag_codes)
                entry = {"code": code, "name": concept.title or keyword}
                if concept.description:
                    entry["description"] = concept.description
            else:
                self._rank[keyword] = (1, len(self._rank))
                entry = {"code": tag_code(keyword, self._tag_codes), "name": keyword}
            self.tags[keyword] = entry
        return self.tags[keyword]["code"]

    def _our_item(self, item: Item) -> dict[str, Any] | None:
        """The item as the extension gives it back, or None where its CASE fields no longer agree."""
        ext = item.extension or {}
        out: dict[str, Any] = {"code": self.codes[item.identifier]}
        if item.alternative_label:
            out["label"] = item.alternative_label
        if item.abbreviated_statement:
            out["title"] = item.abbreviated_statement
        text = ext.get("text", item.full_statement)
        if text:
            out["text"] = text
        out.update({k: v for k, v in ext.items() if k != "text"})
        said = statements(out)["fullStatement"]
        if "parts" in ext:  # an export before parts were CFItems: its statement lists them, one a line
            said = "\n".join([*([out["text"]] if out.get("text") else []), *_lines(ext["parts"])])
        said = said.replace("\r\n", "\n").replace("\r", "\n").strip()
        tags = ext.get("tags", ())  # their names, as read.py reads keywords:
        keywords = [w.strip() for t in tags for w in self._tag_names.get(t, "").split("|") if w.strip()]
        known = all(t in self._tag_names for t in tags)
        if said != item.full_statement or not known or list(dict.fromkeys(keywords)) != list(item.keywords):
            self.note("case_extension", out["code"], CHANGED)
            return None
        for t in out.get("tags", ()):
            self.tags.setdefault(self._tag_names[t], {"code": t, "name": self._tag_names[t]})
        return out

    def _identity(self, out: dict[str, Any], item: Item) -> None:
        """An item of our export keeps an identifier or uri only where a new export would not make it."""
        if item.identifier != item_identifier(self.id, out["code"]):
            out["case_identifier"] = item.identifier
        if item.uri and not minted(item.identifier, item.uri):
            out["case_uri"] = item.uri

    def _item(self, item: Item) -> dict[str, Any]:
        ours = self._our_item(item) if self.ours is not None else None
        if ours is not None:
            self._identity(ours, item)
            return ours
        out: dict[str, Any] = {"code": self.codes[item.identifier]}
        if item.abbreviated_statement and item.abbreviated_statement != item.full_statement:
            out["title"] = item.abbreviated_statement
        out["text"] = item.full_statement
        tags = list(dict.fromkeys(self._tag(k) for k in item.keywords))
        if tags:
            out["tags"] = tags
        out["case_identifier"] = item.identifier
        if item.uri:
            out["case_uri"] = item.uri
        if item.notes:
            self.note("case_note", out["code"], item.notes)
        return out

    def _items(self) -> list[dict[str, Any]]:
        """The nested items, built without recursion (index.MAX_LEVELS bounds the depth anyway)."""
        top: list[dict[str, Any]] = []
        shaped: dict[str, dict[str, Any]] = {}
        orphans = {o.identifier for o in self.tree.orphans}
        parent_of = self.tree.parents()
        for item, depth in self.walk():
            if item.identifier in self.parts:
                shaped[parent_of[item.identifier]].setdefault("parts", []).append(self._part(item))
                continue
            while len(self.levels) <= depth:
                self.levels.append([])
            if item.item_type and item.item_type not in self.levels[depth]:
                self.levels[depth].append(item.item_type)
            node = shaped[item.identifier] = self._item(item)
            if item.identifier in orphans:
                self.note(
                    "orphan", node["code"], "No isChildOf association places this item; kept at the top."
                )
            parent = parent_of.get(item.identifier, "")
            if parent:
                shaped[parent].setdefault("items", []).append(node)
            else:
                top.append(node)
        return top

    def _license(self) -> tuple[str, str]:
        ref = self.package.document.license
        if ref is None:
            return "not stated", ""
        lic = self.package.licenses.get(ref.identifier)
        title = (lic.title if lic else "") or ref.title or "not stated"
        url = _URL.search(lic.text) if lic else None
        return title, url.group().rstrip(".,;)") if url else ""

    def _build_ours(self, ours: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
        doc = self.package.document
        header = {"id": self.id, "title": doc.title, "publisher": doc.publisher}
        header.update({k: v for k, v in ours["framework"].items() if k not in header})
        if doc.version:
            header["version"] = doc.version
        header["case_identifier"] = doc.identifier
        if doc.uri and not minted(doc.identifier, doc.uri):
            header["case_uri"] = doc.uri
        result: dict[str, Any] = {"framework": header}
        result.update({k: ours[k] for k in ("phrases", "notes") if k in ours})
        kept = {t["code"] for t in ours.get("tags", ())}
        tags = [*ours.get("tags", ()), *(t for t in self.tags.values() if t["code"] not in kept)]
        if tags:
            result["tags"] = tags
        result["source_notes"] = [*ours.get("source_notes", ()), *self.source_notes]
        result["items"] = items
        return result

    def build(self) -> dict[str, Any]:
        doc = self.package.document
        items = self._items()
        if self.ours is not None:
            return self._build_ours(self.ours, items)
        license_title, license_url = self._license()
        framework: dict[str, Any] = {
            "id": self.id,
            "title": doc.title,
            "publisher": doc.publisher,
            "license": license_title,
        }
        optional = {
            "license_url": license_url,
            "version": doc.version,
            "status": doc.adoption_status.lower(),
            "date": _date(doc.status_start_date, doc.last_change),
            "source": doc.official_source_url,
        }
        framework.update({k: v for k, v in optional.items() if v})
        levels = self.levels or [[]]  # a document with no items: one level, unnamed
        framework["levels"] = [" or ".join(names) or f"level {n}" for n, names in enumerate(levels, 1)]
        framework["case_identifier"] = doc.identifier
        if doc.uri:
            framework["case_uri"] = doc.uri
        result: dict[str, Any] = {"framework": framework}
        notes = [{"text": text} for text in (doc.description, doc.notes) if text]
        if notes:
            result["notes"] = notes
        result["source_notes"] = self.source_notes  # dropped by the caller if still empty at the end
        result["items"] = items
        if self.tags:
            ordered = sorted(self.tags, key=lambda k: self._rank[k])  # the CFConcepts' order, then as met
            result["tags"] = list({self.tags[k]["code"]: self.tags[k] for k in ordered}.values())
        return result
