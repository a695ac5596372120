"""One CASE package file into typed records, or one CaseImportError naming the file.

Reads CASE 1.1 and CASE 1.0 (OpenSALT's ``CFPackageURI`` and ``CFDocumentURI`` links are accepted
and not needed). Only the fields the import uses are checked; of CASE's ``extensions``, ours (what
``crosswalk export case`` writes there: extension.py) is read and checked, the rest pass unread, as the
binding allows.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .rawjson import CaseImportError, parse_json, read_bytes

# CFItems, and CFAssociations, in one package: 100,000 items import in under 300 MB; past this many
# the records alone would pass that, and the files written would pass the data files' limits.
MAX_RECORDS = 200_000


@dataclass(frozen=True, slots=True)
class Ref:
    """A link to a node (LinkGenURI): the identifier it resolves by, and what it shows."""

    identifier: str
    uri: str
    title: str


@dataclass(frozen=True)
class Document:
    identifier: str
    uri: str
    title: str
    publisher: str
    description: str
    notes: str
    version: str
    adoption_status: str
    status_start_date: str
    official_source_url: str
    license: Ref | None
    extension: dict[str, Any] | None = None  # ours (extension.py)
    last_change: str = ""  # lastChangeDateTime, as given


@dataclass(frozen=True, slots=True)
class Item:
    identifier: str
    uri: str
    full_statement: str
    abbreviated_statement: str
    human_coding_scheme: str
    list_enumeration: str
    item_type: str
    keywords: tuple[str, ...]
    notes: str
    index: int  # position in the package's CFItems
    alternative_label: str = ""
    extension: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Association:
    identifier: str
    kind: str
    origin: Ref
    destination: Ref
    sequence: int | None
    grouping: Ref | None
    notes: str
    index: int
    extension: dict[str, Any] | None = None


@dataclass(frozen=True)
class Concept:
    title: str
    keywords: tuple[str, ...]
    hierarchy_code: str
    description: str


@dataclass(frozen=True)
class License:
    title: str
    text: str


@dataclass(frozen=True)
class Package:
    path: Path
    case_version: str
    document: Document
    items: tuple[Item, ...]
    associations: tuple[Association, ...]
    concepts: tuple[Concept, ...]
    groupings: dict[str, str]  # identifier -> title
    licenses: dict[str, License]  # identifier -> license
    relations: dict[str, str]  # grouping identifier -> relation, for the groupings our export makes

    @property
    def name(self) -> str:
        return self.path.name


class _Fields:
    """Typed access to one JSON object, with errors that say where."""

    def __init__(self, path: Path, where: str, value: Any) -> None:
        if not isinstance(value, dict):
            raise CaseImportError(f"{path}: {where} must be a JSON object, not {_kind(value)}")
        self.path, self.where, self.obj = path, where, value

    def fail(self, message: str) -> CaseImportError:
        return CaseImportError(f"{self.path}: {self.where}: {message}")

    def text(self, key: str, required: bool = False) -> str:
        value = self.obj.get(key)
        if value is None:
            if required:
                raise self.fail(f"'{key}' is missing")
            return ""
        if not isinstance(value, str):
            raise self.fail(f"'{key}' must be a string, not {_kind(value)}")
        value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        if required and not value:
            raise self.fail(f"'{key}' is empty")
        return value

    def link(self, key: str) -> Ref:
        if self.obj.get(key) is None:
            raise self.fail(f"'{key}' is missing")
        node = _Fields(self.path, f"{self.where}.{key}", self.obj[key])
        return Ref(_shared(node.text("identifier", True)), node.text("uri"), node.text("title"))

    def optional_link(self, key: str) -> Ref | None:
        return None if self.obj.get(key) is None else self.link(key)

    def array(self, key: str) -> list[Any]:
        value = self.obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(f"'{key}' must be a list, not {_kind(value)}")
        return value

    def keywords(self, key: str) -> tuple[str, ...]:
        """CASE 1.1 gives a list of keywords; CASE 1.0 servers and CFConcepts a '|'-separated string."""
        value = self.obj.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            words = value.split("|")
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            words = [w for v in value for w in v.split("|")]
        else:
            raise self.fail(f"'{key}' must be a list of strings or a '|'-separated string")
        return tuple(dict.fromkeys(w.strip() for w in words if w.strip()))

    def extension(self, kind: str) -> dict[str, Any] | None:
        """Our extension of this object, checked (extension.py); None where it has none."""
        from ..case import EXTENSION
        from .extension import check

        extensions = self.obj.get("extensions")
        if not isinstance(extensions, dict) or EXTENSION not in extensions:
            return None
        try:
            return check(kind, extensions[EXTENSION])
        except ValueError as exc:
            raise self.fail(f"extensions.{EXTENSION}{exc}") from None

    def sequence(self, key: str) -> int | None:
        value = self.obj.get(key)
        if value is None:
            return None
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,10}\s*", value):
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**31:
            return value
        raise self.fail(f"'{key}' must be a whole number, not {value!r:.40}")


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number")


def _shared(text: str) -> str:
    """One copy of a text many records repeat (an item's identifier in the links to it, a type): a
    package of 100,000 items holds each identifier three times."""
    return sys.intern(text)


def _document(path: Path, value: Any) -> Document:
    f = _Fields(path, "CFDocument", value)
    return Document(
        identifier=f.text("identifier", True),
        uri=f.text("uri"),
        title=f.text("title", True),
        publisher=f.text("publisher") or f.text("creator"),
        description=f.text("description"),
        notes=f.text("notes"),
        version=f.text("version"),
        adoption_status=f.text("adoptionStatus"),
        status_start_date=f.text("statusStartDate"),
        official_source_url=f.text("officialSourceURL"),
        license=f.optional_link("licenseURI"),
        extension=f.extension("document"),
        last_change=f.text("lastChangeDateTime"),
    )


def _counted(path: Path, n: int, key: str) -> None:
    if n >= MAX_RECORDS:
        raise CaseImportError(f"{path}: more than {MAX_RECORDS:,} {key}; an import takes at most that many")


def _item(path: Path, n: int, value: Any) -> Item:
    _counted(path, n, "CFItems")
    f = _Fields(path, f"CFItems[{n}]", value)
    ident = _shared(f.text("identifier", True))
    f.where = f"CFItems[{n}] ({ident})"
    return Item(
        identifier=ident,
        uri=f.text("uri"),
        full_statement=f.text("fullStatement", True),
        abbreviated_statement=f.text("abbreviatedStatement"),
        human_coding_scheme=f.text("humanCodingScheme"),
        list_enumeration=f.text("listEnumeration"),
        item_type=_shared(f.text("CFItemType")),
        keywords=f.keywords("conceptKeywords"),
        notes=f.text("notes"),
        index=n,
        alternative_label=f.text("alternativeLabel"),
        extension=f.extension("item"),
    )


def _association(path: Path, n: int, value: Any) -> Association:
    _counted(path, n, "CFAssociations")
    f = _Fields(path, f"CFAssociations[{n}]", value)
    ident = f.text("identifier", True)
    f.where = f"CFAssociations[{n}] ({ident})"
    return Association(
        identifier=ident,
        kind=_shared(f.text("associationType", True)),
        origin=f.link("originNodeURI"),
        destination=f.link("destinationNodeURI"),
        sequence=f.sequence("sequenceNumber"),
        grouping=f.optional_link("CFAssociationGroupingURI"),
        notes=f.text("notes"),
        index=n,
        extension=f.extension("association"),
    )


def _records(top: _Fields, key: str, convert: Callable[[Path, int, Any], Any]) -> tuple[Any, ...]:
    """The records of one of the package's arrays: converted while it was read, or now."""
    from .jsonstream import Converted

    value = top.obj.get(key)
    if isinstance(value, Converted):
        return value.records()
    return tuple(convert(top.path, n, v) for n, v in enumerate(top.array(key)))


def read_package(path: Path) -> Package:
    try:
        path.name.encode("utf-8")  # it goes into the files written
    except UnicodeEncodeError:
        raise CaseImportError(f"{path}: its file name is not UTF-8") from None
    streamed: dict[str, Callable[[int, Any], Any]] = {
        "CFItems": partial(_item, path),
        "CFAssociations": partial(_association, path),
    }
    data = parse_json(path, read_bytes(path), streamed)
    if not isinstance(data, dict) or "CFDocument" not in data:
        raise CaseImportError(f"{path}: not a CASE package (no CFDocument)")
    top = _Fields(path, "package", data)
    document = _document(path, data["CFDocument"])
    version = "1.1" if data["CFDocument"].get("caseVersion") == "1.1" else "1.0"
    definitions = _Fields(path, "CFDefinitions", data.get("CFDefinitions") or {})
    concepts = []
    for n, value in enumerate(definitions.array("CFConcepts")):
        c = _Fields(path, f"CFDefinitions.CFConcepts[{n}]", value)
        concepts.append(
            Concept(c.text("title"), c.keywords("keywords"), c.text("hierarchyCode"), c.text("description"))
        )
    from ..case import RELATION_GROUPING

    said = re.compile(re.escape(RELATION_GROUPING).replace(re.escape("{}"), "(.+)"), re.DOTALL)
    groupings, relations = {}, {}
    for n, value in enumerate(definitions.array("CFAssociationGroupings")):
        g = _Fields(path, f"CFDefinitions.CFAssociationGroupings[{n}]", value)
        ident = g.text("identifier", True)
        groupings[ident] = g.text("title")
        relation = said.fullmatch(g.text("description"))
        if relation:
            relations[ident] = relation.group(1)
    licenses = {}
    for n, value in enumerate(definitions.array("CFLicenses")):
        lic = _Fields(path, f"CFDefinitions.CFLicenses[{n}]", value)
        licenses[lic.text("identifier", True)] = License(lic.text("title"), lic.text("licenseText"))
    return Package(
        path=path,
        case_version=version,
        document=document,
        items=_records(top, "CFItems", _item),
        associations=_records(top, "CFAssociations", _association),
        concepts=tuple(concepts),
        groupings=groupings,
        licenses=licenses,
        relations=relations,
    )
