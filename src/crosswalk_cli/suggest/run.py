"""`crosswalk suggest`'s questions, as result records: candidates for one item, a draft crosswalk for a
whole framework, and the leave-one-out measure of an existing crosswalk. Every candidate is a
suggestion, labelled as one; nothing here writes a link anywhere."""

from __future__ import annotations

import sqlite3
import time
from typing import NamedTuple

from .. import __version__
from ..catalog import DRAFTED_BY, ItemLink, ItemRef, item, resolve_framework
from . import kept
from .engine import Suggester, SuggestError
from .fromstore import inputs

METHOD = f"{DRAFTED_BY} {__version__}, words and neighbours (TF-IDF, votes of linked items)"


class Candidate(NamedTuple):
    item: ItemRef
    score: float
    evidence: tuple[str, ...]
    published: str | None  # the relation, where a source already prints this link


class ItemSuggestions(NamedTuple):
    item: ItemRef
    target: str  # the framework suggested into
    method: str
    candidates: tuple[Candidate, ...]
    published: tuple[ItemLink, ...]  # the links sources print between the item and the target framework
    crosswalks: tuple[str, ...]  # whose links voted


class Draft(NamedTuple):
    source: str
    target: str
    method: str
    items: tuple[ItemSuggestions, ...]  # the source framework's items with no published link to the target
    skipped: int  # items that have one


class Measure(NamedTuple):
    crosswalk: str
    source: str
    target: str
    method: str
    n: int
    top1: float
    top3: float
    top5: float
    mrr: float
    recall5: float
    seconds: float


def _ref(db: sqlite3.Connection, qualified: str) -> ItemRef:
    fid, _, code = qualified.partition(":")
    row = db.execute(
        "SELECT framework, code, level, depth, title, text FROM item WHERE framework = ? AND code = ?",
        (fid, code),
    ).fetchone()
    return ItemRef(*row)


def _printed(links: tuple[ItemLink, ...], target: str) -> tuple[ItemLink, ...]:
    """Those of an item's links a source prints with ``target``'s items; a drafted link is not one."""
    return tuple(link for link in links if link.other.framework == target and not link.drafted)


def _leaves(db: sqlite3.Connection, frameworks: list[str]) -> list[int]:
    """The leaf items of the frameworks, in printed order."""
    return [k for f in frameworks for (k,) in db.execute(
        "SELECT i.key FROM item i WHERE i.framework = ?"
        " AND NOT EXISTS (SELECT 1 FROM item c WHERE c.parent = i.key)"
        " ORDER BY i.position", (f,)
    )]  # fmt: skip


def for_items(db: sqlite3.Connection, keys: list[int], target: str, top: int) -> list[ItemSuggestions]:
    """Candidates in ``target`` for each item: ranked from its words and the links of items like it,
    its own links hidden (so the ranking is what the method finds, not what a source printed).

    The leaves of the items' frameworks stand beside them (their words weigh in every ranking), so an
    item's candidates are the same whether it is asked about alone or in a draft of its framework."""
    target = resolve_framework(db, target)
    frameworks = [f for (f,) in db.execute(
        f"SELECT DISTINCT framework FROM item WHERE key IN ({','.join('?' * len(keys))})", keys
    )]  # fmt: skip
    data = inputs(db, target, [*_leaves(db, frameworks), *keys])
    if not data.targets:
        raise SuggestError(f"framework {target} has no items to suggest")
    sg = kept.suggester(data.sources, data.targets, data.links, data.strongest)
    out = []
    for key in keys:
        view = item(db, key)
        if view.item.framework == target:
            raise SuggestError(
                f"{view.item.qualified} is an item of {target} itself; suggest into another framework"
            )
        own = _printed(view.links, target)
        published = {link.other.qualified: link.relation for link in own}
        candidates = tuple(
            Candidate(_ref(db, s.id), s.score, tuple(s.evidence), published.get(s.id))
            for s in sg.suggest(view.item.qualified, top=top, hide_own=True)
        )
        out.append(ItemSuggestions(view.item, target, METHOD, candidates, own, data.crosswalks))
    return out


def draft(db: sqlite3.Connection, source: str, target: str, top: int) -> Draft:
    """Candidates for every leaf item of ``source`` with no published link to ``target`` (a drafted
    link, suggested and reviewed, is no published one: its item is drafted again)."""
    source, target = resolve_framework(db, source), resolve_framework(db, target)
    leaves = _leaves(db, [source])
    linked = {k for k in leaves if _printed(item(db, k).links, target)}
    todo = [k for k in leaves if k not in linked]
    rows = for_items(db, todo, target, top) if todo else []
    return Draft(source, target, METHOD, tuple(rows), len(linked))


def measure(db: sqlite3.Connection, crosswalk: str) -> Measure:
    """Leave-one-out over a crosswalk: each source item's links hidden, its strongest-relation link
    looked for among the candidates ranked from everything else."""
    row = db.execute(
        "SELECT id, source_framework, target_framework FROM crosswalk WHERE lower(id) = lower(?)",
        (crosswalk,),
    ).fetchone()
    if row is None:
        names = ", ".join(r[0] for r in db.execute("SELECT id FROM crosswalk ORDER BY position"))
        raise SuggestError(f"no crosswalk '{crosswalk}'; the crosswalks are {names or 'none'}")
    cid, source, target = row
    started = time.perf_counter()
    data = inputs(db, target, only=cid)
    sg = Suggester(data.sources, data.targets, data.links, strongest=data.strongest)
    e = sg.evaluate()
    seconds = time.perf_counter() - started
    return Measure(
        cid, source, target, METHOD, e.n, e.top1, e.top3, e.top5, e.mrr, e.recall5, round(seconds, 3)
    )
