"""One CASE package file into typed records, or one CaseImportError naming the file.

Reads CASE 1.1 and CASE 1.0 (OpenSALT's ``CFPackageURI`` and ``CFDocumentURI`` links are accepted
and not needed). Only the fields the import uses are checked; CASE's ``extensions`` and fields we do
not use pass unread, as the binding allows.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import CrosswalkError

MAX_BYTES = 64 * 1024 * 1024
MAX_NESTING = 64  # a CASE package nests 5 deep; extensions get room, a bracket bomb does not
# CFItems, and CFAssociations, in one package: 100,000 items import in under 300 MB; past this many
# the records alone would pass that, and the files written would pass the data files' limits.
MAX_RECORDS = 200_000
# A string (unrolled, and its closing quote optional, so an unclosed one cannot make the scan quadratic)
# or a bracket.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)


class CaseImportError(CrosswalkError):
    """A CASE package that cannot be imported; the message names the file."""


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
    relations: tuple[str, ...] = ()  # titles of groupings our crosswalk export made, one per relation

    @property
    def name(self) -> str:
        return self.path.name


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, from a regular file of at most ``limit`` bytes. Opened without blocking and
    checked on the open descriptor, so a FIFO swapped in after a check cannot hang the import."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise CaseImportError(f"{path}: file not found") from None
    except OSError as exc:
        raise CaseImportError(f"{path}: cannot read: {exc.strerror}") from None
    chunks: list[bytes] = []
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise CaseImportError(f"{path}: not a regular file")
        if st.st_size > limit:
            raise CaseImportError(f"{path}: {st.st_size} bytes is larger than the {limit} allowed")
        size = 0
        while size <= limit:  # the file may grow after fstat: read no more than one byte past the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise CaseImportError(f"{path}: cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise CaseImportError(f"{path}: larger than the {limit} bytes allowed")
    return data


def _check_nesting(path: Path, text: str) -> None:
    """Refuse JSON nested deeper than MAX_NESTING before parsing it (brackets inside strings skipped)."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, match.start()) + 1
                raise CaseImportError(f"{path}:{line}: JSON nested more than {MAX_NESTING} deep")
        elif token in "]}":
            depth -= 1


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def parse_json(path: Path, raw: bytes, convert: Mapping[str, Callable[[int, Any], Any]] | None = None) -> Any:
    """The JSON value of a file's bytes. With ``convert``, the arrays under those top-level keys come as
    jsonstream.Converted lists, each element converted as it is read (a package of 100,000 items never
    holds all their JSON objects at once)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise CaseImportError(f"{path}:{line}: not UTF-8 (byte {exc.start})") from None
    del raw  # only the text is needed now: the bytes go before the parse makes its objects
    text = text.removeprefix("\ufeff")
    _check_nesting(path, text)

    def no_constant(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    halves = _SURROGATE_ESCAPE.search(text) is not None  # JSON may write half a pair, which is no text
    if convert and not halves:
        from .jsonstream import load

        data = load(text, convert, no_constant)
        if data is not None:
            return data
    try:
        data = json.loads(text, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        raise CaseImportError(f"{path}:{exc.lineno}: not JSON: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise CaseImportError(f"{path}: not JSON: {exc}") from None
    if halves:
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            half = f"\\u{ord(exc.object[exc.start]):04x}"
            raise CaseImportError(
                f"{path}: holds '{half}', half of a surrogate pair, which is not text"
            ) from None
    return data


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

    groupings = {}
    relations = []
    for n, value in enumerate(definitions.array("CFAssociationGroupings")):
        g = _Fields(path, f"CFDefinitions.CFAssociationGroupings[{n}]", value)
        groupings[g.text("identifier", True)] = title = g.text("title")
        if title and g.text("description") == RELATION_GROUPING.format(title):
            relations.append(title)
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
        relations=tuple(dict.fromkeys(relations)),
    )
