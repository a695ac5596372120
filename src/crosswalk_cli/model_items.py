"""Generic frameworks and crosswalks as typed records: any tree of coded items, any links between two
frameworks. Apart from model.py so that a MAPLE lookup, which never reads them, does not define them."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from .model import Crosswalk, Framework, SourceNote, Theme


class Note(NamedTuple):
    """A framework's own framing, as printed: a heading (if any) and its text."""

    title: str | None
    text: str


class Item(NamedTuple):
    """An item of a framework read from a generic framework file: any tree of coded items."""

    framework: str
    code: str
    parent: str | None
    depth: int
    text: str
    title: str | None = None
    tags: tuple[str, ...] = ()
    case_identifier: str | None = None
    case_uri: str | None = None
    children: tuple[str, ...] = ()


class ItemFramework(NamedTuple):
    """A generic framework file: its header, its items in printed order, its notes and tags."""

    info: Framework
    items: tuple[Item, ...]
    notes: tuple[Note, ...] = ()
    source_notes: tuple[SourceNote, ...] = ()
    tags: tuple[Theme, ...] = ()


class Link(NamedTuple):
    """A link of a generic crosswalk file; ``provenance`` says who or what made it (a suggestion, a
    reviewer, a CASE association) and is never empty for a drafted link."""

    seq: int
    source: str
    target: str
    relation: str
    note: str | None = None
    provenance: Mapping[str, str] = MappingProxyType({})  # shared and read-only


class LinkCrosswalk(NamedTuple):
    """A generic crosswalk file: its header (``from``, ``to``, ``relations``) and its links."""

    info: Framework
    links: tuple[Link, ...]
    reviewed: tuple[str, ...] = ()  # source items a person has decided on (with or without a link)


class DataSet(NamedTuple):
    """Everything a data directory holds: the MAPLE crosswalk with its two frameworks (empty where the
    directory has no MAPLE files), and any number of other frameworks and crosswalks."""

    maple: Crosswalk
    frameworks: tuple[ItemFramework, ...] = ()
    crosswalks: tuple[LinkCrosswalk, ...] = ()


ITEM_RECORDS: tuple[type, ...] = (Note, Item, ItemFramework, Link, LinkCrosswalk)
