"""One model for every framework and crosswalk, as the loader builds it from the data files.

A framework is a tree of coded items (its levels named in its header); an item has a text, and may have
a title, a printed label, parts (sub-items, elements), tags, details and notes. A crosswalk joins two
frameworks: its entries each name a source item and one or more links (a target item and a relation,
strongest relation first), with the entry's notes, errata and provenance.

Frozen dataclasses with slots: what the loader reads and the store is compiled from. Lookups read the
compiled store (store/), not these classes, so the lookup path never imports this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

_EMPTY: Mapping[str, str] = MappingProxyType({})
# A field added after files were sealed: left out of ``plain`` while it holds its default, so that a
# file that does not use it keeps its seal.
_LATER: Mapping[str, bool] = MappingProxyType({"later": True})


def _no_seals() -> Mapping[str, bool]:
    return MappingProxyType({})


def _empty() -> Mapping[str, str]:
    return _EMPTY


@dataclass(frozen=True, slots=True)
class Level:
    """A level of a framework's tree, top first: its name, and how pages speak of it."""

    name: str
    long: str = ""  # the name standing alone on a page ("leader practice"); default: name
    plural: str = ""  # default: the English plural of long
    text: str = ""  # what an item's text is called at this level ("statement"); default: its name
    grouping: bool = False  # its items group the items below them: a filter, not an answer

    @property
    def long_name(self) -> str:
        return self.long or self.name


@dataclass(frozen=True, slots=True)
class Header:
    """Who published a framework or crosswalk, when, under which licence; ``extra`` holds the other
    fields of the header (status, version, date, source...), in the file's order."""

    id: str
    title: str
    publisher: str
    license: str
    license_url: str = ""
    extra: Mapping[str, str] = field(default_factory=_empty)


@dataclass(frozen=True, slots=True)
class Tag:
    code: str
    name: str
    description: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Part:
    """A part of an item's text that the framework prints under it (a sub-item, an element)."""

    text: str
    label: str | None = None  # its printed number or letter, where it has one
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    parent: str | None
    depth: int
    text: str
    title: str = ""
    label: str | None = None  # the item's printed numbering, where it differs from its code ("I-B")
    parts: tuple[Part, ...] = ()
    tags: tuple[str, ...] = ()
    tags_incomplete: bool = False  # the source lost some of this item's tags
    tags_recovered: tuple[str, ...] = ()  # of its tags, those recovered from elsewhere
    recovered_by: str | None = None  # what the recovered tags rest on
    details: tuple[tuple[str, str], ...] = ()  # further named texts, as printed
    case_identifier: str | None = None
    case_uri: str | None = None
    children: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    """A framework's own framing, as printed: a heading (if any) and its text."""

    title: str | None
    text: str


@dataclass(frozen=True, slots=True)
class SourceNote:
    """Something about the printed source that no item or entry records (a slip, an omission)."""

    kind: str
    where: str
    note: str


@dataclass(frozen=True, slots=True)
class Framework:
    header: Header
    levels: tuple[Level, ...]
    items: tuple[Item, ...]
    tags: tuple[Tag, ...] = ()
    notes: tuple[Note, ...] = ()
    source_notes: tuple[SourceNote, ...] = ()
    phrases: Mapping[str, str] = field(
        default_factory=_empty
    )  # wording for pages about it (see views/words.py)

    @property
    def id(self) -> str:
        return self.header.id


@dataclass(frozen=True, slots=True)
class Erratum:
    """Where the printed crosswalk differs from what the data uses: what was printed, what it is read as."""

    kind: str
    note: str
    printed: str | None = None
    resolved: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    target: str
    relation: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a crosswalk: a source item and its links, in the order printed; or a person's
    decision that no target fits it (``no_match``, no links)."""

    seq: int
    source: str
    links: tuple[Link, ...]
    printed_label: str | None = None  # the label the crosswalk prints for the source, where it differs
    note: str | None = None
    errata: tuple[Erratum, ...] = ()
    provenance: Mapping[str, str] = field(
        default_factory=_empty
    )  # who or what made a link no source publishes, who decided and when (docs/data-format.md)
    no_match: bool = field(default=False, metadata=_LATER)  # a person decided no target fits: no links


@dataclass(frozen=True, slots=True)
class Relation:
    name: str
    heading: str = ""  # how a page heads the items linked to an item by it; default: the name


@dataclass(frozen=True, slots=True)
class Coverage:
    """What a crosswalk file declares it covers, so that a lost entry is an error, not a silent change:
    how many entries, links of each relation, errata and source notes it has; that every leaf item of the
    source framework has an entry (``sources_all``); and exactly which leaf items of the target framework
    no link of the strongest relation names. None: not declared."""

    entries: int | None = None
    sources_all: bool = False
    links: tuple[tuple[str, int], ...] | None = None
    errata: int | None = None
    source_notes: int | None = None
    unlinked_targets: tuple[str, ...] | None = None

    def as_file(self) -> dict[str, object]:
        """As a crosswalk file writes it (``coverage:``)."""
        out: dict[str, object] = {} if self.entries is None else {"entries": self.entries}
        if self.sources_all:
            out["sources"] = "all"
        if self.links is not None:
            out["links"] = dict(self.links)
        out.update(
            {k: v for k, v in (("errata", self.errata), ("source_notes", self.source_notes)) if v is not None}
        )
        if self.unlinked_targets is not None:
            out["unlinked_targets"] = list(self.unlinked_targets)
        return out


@dataclass(frozen=True, slots=True)
class Crosswalk:
    header: Header
    source: str  # framework id of the entries' sources
    target: str
    relations: tuple[Relation, ...]  # strongest first
    entries: tuple[Entry, ...]
    source_notes: tuple[SourceNote, ...] = ()
    reviewed: tuple[str, ...] = ()  # source items a person has decided on (with or without a link)
    phrases: Mapping[str, str] = field(default_factory=_empty)
    coverage: Coverage | None = None
    errata_kinds: tuple[tuple[str, tuple[str, ...]], ...] | None = None  # each kind, and what it must give
    reviewers: tuple[str, ...] = field(default=(), metadata=_LATER)  # who decided, the first first

    @property
    def id(self) -> str:
        return self.header.id


@dataclass(frozen=True, slots=True)
class DataSet:
    """Everything the data holds, in order; ``origins`` says where each framework's and crosswalk's
    file is (by id)."""

    frameworks: tuple[Framework, ...] = ()
    crosswalks: tuple[Crosswalk, ...] = ()
    origins: Mapping[str, str] = field(default_factory=_empty)
    seals: Mapping[str, bool] = field(default_factory=_no_seals)  # each file in use: does it carry a seal

    def framework(self, fid: str) -> Framework:
        return next(f for f in self.frameworks if f.id == fid)


def plain(value: Any) -> Any:
    """A record as JSON-ready data (its class name and fields), for digests and exports."""
    if hasattr(value, "__dataclass_fields__"):
        kept = [
            f for f in fields(value) if not (f.metadata.get("later") and getattr(value, f.name) == f.default)
        ]
        return {"$": type(value).__name__, **{f.name: plain(getattr(value, f.name)) for f in kept}}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value
