"""The records queries return, read from the store: items, frameworks and crosswalks as a page shows them.

NamedTuples: cheap to define at start-up, immutable, compared by value. The views describe each once
(views/fields.py) for every format.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation at start-up
# (some 0.02 ms a field, at every start); written as plain types, they cost nothing (tests/test_speed_paths).

from typing import NamedTuple

DRAFTED_BY = "crosswalk suggest"  # how a drafted link's provenance begins its method
BY_REVIEWER = "reviewer"  # the method of a link a person added by hand in a review
LISTED = "listed"  # under a tag filter: the item lists one of the tags
POSSIBLE = "possible"  # ... or its tags may be incomplete, so it may carry one
TO, FROM = "to", "from"  # a page's item is the link's source (the link goes TO the other), or its target
PRESETS = {"target": "standard", "source": "competency"}  # the command that answers for each side


def is_drafted(provenance: dict[str, str]) -> bool:
    """A link crosswalk suggested (reviewed or not), as opposed to one a source publishes or a CASE
    package carries (a target a reviewer added by hand is drafted too)."""
    method = provenance.get("method", "")
    return method.startswith(DRAFTED_BY) or method == BY_REVIEWER


class Part(NamedTuple):
    label: str | None
    title: str | None
    text: str

    @property
    def line(self) -> str:
        """The part as printed under its item: ``1. Name: text``."""
        return (
            f"{self.label + '. ' if self.label else ''}{self.title + ': ' if self.title else ''}{self.text}"
        )


class ItemRef(NamedTuple):
    """An item of a framework, with everything it says of itself."""

    key: int
    framework: str
    code: str
    label: str | None
    level: str
    depth: int
    parent: int | None
    title: str
    text: str
    parts: tuple[Part, ...] = ()
    tags: tuple[str, ...] = ()
    tags_recovered: tuple[str, ...] = ()
    tags_incomplete: bool = False
    details: tuple[tuple[str, str], ...] = ()

    @property
    def qualified(self) -> str:
        return f"{self.framework}:{self.code}"

    @property
    def full_text(self) -> str:
        """Its text with its parts, one a line."""
        return "\n".join([self.text, *(p.line for p in self.parts)])

    def detail(self, name: str) -> str:
        return dict(self.details).get(name, "")


class Level(NamedTuple):
    """A level of a framework and the words pages use for it."""

    name: str
    long: str
    plural: str
    text: str
    grouping: bool = False


class Tag(NamedTuple):
    code: str
    name: str
    description: str
    source: str


class FrameworkInfo(NamedTuple):
    id: str
    title: str
    publisher: str
    status: str | None
    version: str | None
    date: str | None
    license: str
    license_url: str
    origin: str
    levels: tuple[Level, ...]
    header: tuple[tuple[str, str], ...]
    phrases: tuple[tuple[str, str], ...]

    def level(self, depth: int) -> Level:
        if depth < len(self.levels):
            return self.levels[depth]
        name = f"level {depth + 1}"
        return Level(name, name, f"{name} items", name)


class Relation(NamedTuple):
    name: str
    heading: str


class CrosswalkInfo(NamedTuple):
    id: str
    title: str
    publisher: str
    source: str  # framework ids
    target: str
    relations: tuple[Relation, ...]  # strongest first
    status: str | None
    date: str | None
    license: str
    license_url: str
    origin: str
    header: tuple[tuple[str, str], ...]
    phrases: tuple[tuple[str, str], ...]
    reviewed: tuple[str, ...]
    declarations: tuple[tuple[str, object], ...] = ()  # what the file declares of itself, as it writes it

    @property
    def relation_names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.relations)

    def rank(self, relation: str) -> int:
        names = self.relation_names
        return names.index(relation) if relation in names else len(names)


class Erratum(NamedTuple):
    crosswalk: str
    entry: int
    source: str  # the entry's source code
    printed_label: str | None
    kind: str
    note: str
    printed: str | None
    resolved: str | None


class SourceNote(NamedTuple):
    kind: str
    where: str
    note: str


class ItemRow(NamedTuple):
    """An item in a list, with its ancestors and the codes it is linked to by the strongest relation."""

    item: ItemRef
    context: tuple[ItemRef, ...]  # top first
    strongest: tuple[str, ...] = ()
    tag_match: str | None = None
    provenance: tuple[tuple[tuple[str, str], ...], ...] = ()  # of each strongest link: empty if published

    @property
    def drafted(self) -> tuple[str, ...]:
        """The strongest links' codes that no source publishes (suggested, then reviewed)."""
        return tuple(c for c, p in zip(self.strongest, self.provenance, strict=True) if is_drafted(dict(p)))


class Linked(NamedTuple):
    """An item linked to the item a page is about, in one crosswalk, by its strongest relation there."""

    crosswalk: str
    relation: str
    direction: str  # "to": the page's item is the link's source; "from": its target
    item: ItemRef  # the other end
    context: tuple[ItemRef, ...]  # the other end's ancestors, top first
    via: ItemRef | None  # the page item's ancestor the link names (a link to the whole of it)
    entries: tuple[int, ...]
    printed_label: str | None
    provenance: tuple[tuple[str, str], ...]  # empty where a source prints the link
    tag_match: str | None = None  # under a tag filter: LISTED or POSSIBLE (queries/tags.py)

    @property
    def drafted(self) -> bool:
        return is_drafted(dict(self.provenance))
