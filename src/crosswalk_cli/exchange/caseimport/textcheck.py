"""The texts of a CASE package checked before anything is built from them: none may hold a character a
terminal or a reader would act on (text/safe.py: control characters, bidirectional overrides and isolates,
noncharacters, half a surrogate pair). Line feeds and tabs may stand in a text (read.py has turned a
carriage return and line feed into a line feed).

The import refuses such a package rather than escaping the characters: an escape would change the data,
and the loader refuses them in a data directory anyway. The first one found is one error naming the file,
the object (the document, or the item, association, concept... with its identifier), the CASE field, the
character and its position: nothing is written. Every text field read.py reads is checked, used or not,
and the file's own name, which the links' provenance quotes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...text.safe import escape_controls, first_unsafe, shown
from .rawjson import CaseImportError
from .read import Package, Ref

_Field = tuple[str, str, str]  # (where: the object, the CASE field, its text)


def _at(where: str, identifier: str) -> str:
    """An object as the message names it: where it stands, and its identifier, escaped and cut short."""
    return f"{where} ({shown(identifier, 80)})"


def _each(where: str, *fields: tuple[str, str]) -> Iterator[_Field]:
    return ((where, name, text) for name, text in fields)


def _ref(where: str, key: str, ref: Ref | None) -> Iterator[_Field]:
    if ref is None:
        return iter(())
    return _each(
        where, (f"{key}.identifier", ref.identifier), (f"{key}.uri", ref.uri), (f"{key}.title", ref.title)
    )


def _extension(where: str, value: Any, path: str = "extensions") -> Iterator[_Field]:
    """Every text (keys too) of our extension, which becomes data as it is."""
    if isinstance(value, str):
        yield where, path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield where, f"{path}.{k}", str(k)
            yield from _extension(where, v, f"{path}.{k}")
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from _extension(where, v, f"{path}[{n}]")


def _fields(p: Package) -> Iterator[_Field]:
    """Every text the package's records hold, with where it was read."""
    d = p.document
    where = _at("CFDocument", d.identifier)
    yield from _extension(where, d.extension)
    yield from _each(
        where, ("identifier", d.identifier), ("uri", d.uri), ("title", d.title), ("publisher", d.publisher),
        ("description", d.description), ("notes", d.notes), ("version", d.version),
        ("adoptionStatus", d.adoption_status), ("statusStartDate", d.status_start_date),
        ("officialSourceURL", d.official_source_url),
    )  # fmt: skip
    yield from _ref(where, "licenseURI", d.license)
    for item in p.items:
        yield from _each(
            _at(f"CFItems[{item.index}]", item.identifier), ("identifier", item.identifier),
            ("uri", item.uri), ("fullStatement", item.full_statement),
            ("abbreviatedStatement", item.abbreviated_statement),
            ("humanCodingScheme", item.human_coding_scheme), ("listEnumeration", item.list_enumeration),
            ("CFItemType", item.item_type), ("notes", item.notes),
            *(("conceptKeywords", k) for k in item.keywords),
        )  # fmt: skip
        yield from _extension(_at(f"CFItems[{item.index}]", item.identifier), item.extension)
    for a in p.associations:
        where = _at(f"CFAssociations[{a.index}]", a.identifier)
        yield from _each(where, ("identifier", a.identifier), ("associationType", a.kind), ("notes", a.notes))
        yield from _ref(where, "originNodeURI", a.origin)
        yield from _ref(where, "destinationNodeURI", a.destination)
        yield from _ref(where, "CFAssociationGroupingURI", a.grouping)
        yield from _extension(where, a.extension)
    for n, c in enumerate(p.concepts):
        yield from _each(
            f"CFDefinitions.CFConcepts[{n}]", ("title", c.title), ("hierarchyCode", c.hierarchy_code),
            ("description", c.description), *(("keywords", k) for k in c.keywords),
        )  # fmt: skip
    for ident, title in p.groupings.items():
        yield from _each(
            _at("CFDefinitions.CFAssociationGroupings", ident), ("identifier", ident), ("title", title)
        )
    for ident, lic in p.licenses.items():
        where = _at("CFDefinitions.CFLicenses", ident)
        yield from _each(where, ("identifier", ident), ("title", lic.title), ("licenseText", lic.text))


def check_texts(package: Package) -> None:
    """Raise one CaseImportError for the package's first text holding an unsafe character. Its file name
    comes first: it goes into the files written (the links' provenance); no line break is allowed there."""
    found = first_unsafe(package.path.name)
    if found is not None:
        raise CaseImportError(escape_controls(f"{package.path}: its file name holds {found}: rename it"))
    for where, field, text in _fields(package):
        found = first_unsafe(text, in_text=True)
        if found is not None:
            message = (
                f"{package.path}: {where}: '{field}' holds {found}, which is not allowed in data (a control "
                "character, bidirectional override or noncharacter): nothing was written"
            )
            raise CaseImportError(escape_controls(message))
