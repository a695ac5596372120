"""One item of any framework, as fully as the data knows it: its text and parts, tags, place in the tree,
notes and errata, and the items linked to it in every crosswalk (or one), in both directions.

``crosswalk item`` shows all of it; ``crosswalk standard`` and ``crosswalk competency`` are presets that
show an item of a crosswalk's target or source framework through that crosswalk (views/presets/).
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation at start-up
# (some 0.02 ms a field, at every start); written as plain types, they cost nothing (tests/test_speed_paths).

import sqlite3
from collections.abc import Sequence
from typing import NamedTuple

from . import fetch
from .links import FROM, linked
from .records import CrosswalkInfo, Erratum, FrameworkInfo, ItemRef, ItemRow, Linked, SourceNote, Tag
from .rows import rows


class ChildCount(NamedTuple):
    """A child of the page's item, with how many items each relation links to it (or to its ancestors)."""

    item: ItemRef
    counts: tuple[int, ...]  # per relation of the crosswalk, strongest first
    parent: str  # its parent's code
    drafted: int = 0  # of the links counted, those no source publishes (suggested, then reviewed)


class NoMatch(NamedTuple):
    """A person's decision that no item of a crosswalk's other framework fits this one."""

    crosswalk: str
    provenance: tuple[tuple[str, str], ...]  # who decided, when, why

    def said(self) -> str:
        p = dict(self.provenance)
        who = ", ".join(p[k] for k in ("reviewed_by", "reviewed_at", "reviewed_on") if p.get(k))
        why = f": {p['rationale']}" if p.get("rationale") else ""
        return f"{self.crosswalk}: no match, a person decided no item fits{f' ({who})' if who else ''}{why}"


class ItemPage(NamedTuple):
    item: ItemRef
    framework: FrameworkInfo
    ancestors: tuple[ItemRef, ...]  # top first
    children: tuple[ItemRef, ...]
    links: tuple[Linked, ...]
    crosswalks: tuple[CrosswalkInfo, ...]  # every crosswalk joining its framework (the chosen one only)
    errata: tuple[Erratum, ...]  # of the entries whose source it is
    entry_notes: tuple[str, ...]
    printed_labels: tuple[str, ...]  # the labels the crosswalks print for it, where they differ
    notes: tuple[SourceNote, ...]  # its framework's notes about its source text
    tags: tuple[Tag, ...]  # the tags of the frameworks on the page (its own, then the other's), to name them
    tag_filter: tuple[str, ...] = ()
    child_counts: tuple[ChildCount, ...] = ()
    other: FrameworkInfo | None = None  # the chosen crosswalk's other framework
    child_rows: tuple[ItemRow, ...] = ()  # its children as list rows (with their strongest links)
    no_match: tuple[NoMatch, ...] = ()  # crosswalks where a person decided nothing fits it

    @property
    def parent(self) -> ItemRef | None:
        return self.ancestors[-1] if self.ancestors else None

    @property
    def crosswalk(self) -> CrosswalkInfo | None:
        """The one crosswalk a preset shows the item through."""
        return self.crosswalks[0] if len(self.crosswalks) == 1 else None

    def linked(
        self, direction: str, relation: str | None = None, via: bool | None = None
    ) -> tuple[Linked, ...]:
        return tuple(
            k
            for k in self.links
            if k.direction == direction
            and relation in (None, k.relation)
            and via in (None, k.via is not None)
        )


def page(
    db: sqlite3.Connection,
    key: int,
    crosswalk: str | None = None,
    direction: str | None = None,
    tags: Sequence[str] = (),
    count_children: bool = False,
) -> ItemPage:
    """The item with store key ``key``; with ``crosswalk``, only its links there (in ``direction``)."""
    ref = fetch.item(db, key)
    ancestors = fetch.ancestors(db, ref)
    info = fetch.framework(db, ref.framework)
    chosen = (
        [crosswalk]
        if crosswalk
        else [
            r[0]
            for r in db.execute(
                "SELECT id FROM crosswalk WHERE source_framework = ?1 OR target_framework = ?1"
                " ORDER BY position",
                (ref.framework,),
            )
        ]
    )
    crosswalks = tuple(fetch.crosswalk(db, c) for c in chosen)
    links = linked(db, ref, ancestors, crosswalk, direction, tags)
    kids = tuple(fetch.children(db, key))
    counts: tuple[ChildCount, ...] = ()
    if count_children and crosswalk:
        counts = tuple(_counted(db, kid, (*ancestors, ref), crosswalks[0], tags) for kid in kids)
    errata, notes, labels = _entries(db, key, crosswalk)
    own = tuple(
        SourceNote(*r)
        for r in db.execute(
            "SELECT kind, place, note FROM source_note WHERE owner = ? AND place = ? ORDER BY position",
            (ref.framework, ref.code),
        )
    )
    other = None
    if crosswalk:
        x = crosswalks[0]
        other = fetch.framework(db, x.source if ref.framework == x.target else x.target)
    tag_defs = fetch.tags(db, ref.framework) + (fetch.tags(db, other.id) if other else [])
    child_rows = rows(db, kids, crosswalks[0] if crosswalk else None) if kids else ()
    return ItemPage(
        ref,
        info,
        ancestors,
        kids,
        tuple(links),
        crosswalks,
        errata,
        notes,
        labels,
        own,
        tuple(tag_defs),
        tuple(tags),
        counts,
        other,
        child_rows,
        _no_match(db, key, crosswalk),
    )


def _no_match(db: sqlite3.Connection, key: int, crosswalk: str | None) -> tuple[NoMatch, ...]:
    import json

    rows = db.execute(
        "SELECT e.crosswalk, e.provenance FROM entry e JOIN crosswalk c ON c.id = e.crosswalk"
        " WHERE e.source = ?1 AND e.no_match AND (?2 IS NULL OR e.crosswalk = ?2) ORDER BY c.position, e.seq",
        (key, crosswalk),
    )
    return tuple(NoMatch(cid, tuple(json.loads(p).items())) for cid, p in rows)


def _counted(
    db: sqlite3.Connection,
    kid: ItemRef,
    ancestors: tuple[ItemRef, ...],
    x: CrosswalkInfo,
    tags: Sequence[str],
) -> ChildCount:
    found = linked(db, kid, ancestors, x.id, FROM, tags)
    counts = tuple(sum(1 for k in found if k.relation == r) for r in x.relation_names)
    drafted = sum(1 for k in found if k.drafted and k.relation in x.relation_names)
    return ChildCount(kid, counts, ancestors[-1].code if ancestors else "", drafted)


def _entries(
    db: sqlite3.Connection, key: int, crosswalk: str | None
) -> tuple[tuple[Erratum, ...], tuple[str, ...], tuple[str, ...]]:
    """The errata, notes and printed labels of the entries whose source is the item."""
    rows = db.execute(
        "SELECT e.crosswalk, e.seq, i.code, e.printed_label, e.note FROM entry e"
        " JOIN item i ON i.key = e.source JOIN crosswalk c ON c.id = e.crosswalk"
        " WHERE e.source = ?1 AND (?2 IS NULL OR e.crosswalk = ?2)"
        " ORDER BY c.position, e.seq",
        (key, crosswalk),
    ).fetchall()
    errata: list[Erratum] = []
    for cid, seq, code, printed_label, _ in rows:
        errata += [
            Erratum(cid, seq, code, printed_label, *r)
            for r in db.execute(
                "SELECT kind, note, printed, resolved FROM erratum WHERE crosswalk = ? AND seq = ?"
                " ORDER BY position",
                (cid, seq),
            )
        ]
    notes = tuple(r[4] for r in rows if r[4])
    labels = tuple(dict.fromkeys(r[3] for r in rows if r[3]))
    return tuple(errata), notes, labels
