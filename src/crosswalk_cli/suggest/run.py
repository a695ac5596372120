"""`crosswalk suggest`'s questions, as result records: candidates for one item, a draft crosswalk for a
whole framework, and the leave-one-out measure of an existing crosswalk. Every candidate is a
suggestion, labelled as one; nothing here writes a link anywhere."""

from __future__ import annotations

import sqlite3
import time
from typing import NamedTuple

from .. import __version__
from ..queries import fetch
from ..queries.catalog import DRAFTED_BY
from ..queries.records import CrosswalkInfo, FrameworkInfo, ItemRef
from ..queries.resolve import resolve_crosswalk, resolve_framework
from . import kept
from .engine import Suggester, SuggestError
from .fromstore import Printed, inputs, printed

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
    published: tuple[Printed, ...]  # the links sources print between the item and the target framework
    crosswalks: tuple[str, ...]  # whose links voted


class Draft(NamedTuple):
    source: str
    target: str
    method: str
    items: tuple[ItemSuggestions, ...]  # the source framework's items with no published link to the target
    skipped: int  # items that have one
    decided: int = 0  # items a person has decided on in a crosswalk of the data, left out too


class Measure(NamedTuple):
    info: CrosswalkInfo  # the crosswalk measured
    framework: FrameworkInfo  # its target framework
    method: str
    n: int
    top1: float
    top3: float
    top5: float
    mrr: float
    recall5: float
    first_linked: float
    precision3: float
    recall8: float
    seconds: float


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
    asked = fetch.items(db, keys)
    for ref in asked.values():
        if ref.framework == target:
            raise SuggestError(
                f"{ref.qualified} is an item of {target} itself; suggest into another framework"
            )
    frameworks = list(dict.fromkeys(asked[k].framework for k in keys))
    data = inputs(db, target, [*_leaves(db, frameworks), *keys])
    if not data.targets:
        raise SuggestError(f"framework {target} has no items to suggest")
    sg = kept.suggester(data.sources, data.targets, data.links, data.strongest)
    found = [(key, sg.suggest(asked[key].qualified, top=top, hide_own=True)) for key in keys]
    refs = fetch.items(db, [data.keys[s.id] for _, ranked in found for s in ranked])
    out = []
    for key, ranked in found:
        own = printed(db, key, target)
        published = {link.item.qualified: link.relation for link in own}
        candidates = tuple(
            Candidate(refs[data.keys[s.id]], s.score, tuple(s.evidence), published.get(s.id)) for s in ranked
        )
        out.append(ItemSuggestions(asked[key], target, METHOD, candidates, own, data.crosswalks))
    return out


def draft(db: sqlite3.Connection, source: str, target: str, top: int, review: bool = False) -> Draft:
    """Candidates for every leaf item of ``source`` with no published link to ``target``, and (but for a
    ``review``, which goes back over them) that no person has decided on in a crosswalk of the data (a
    drafted link, suggested and reviewed, is no published one)."""
    source, target = resolve_framework(db, source), resolve_framework(db, target)
    leaves = _leaves(db, [source])
    linked = {k for k in leaves if printed(db, k, target)}
    decided = set() if review else _decided(db, source, target) - linked
    todo = [k for k in leaves if k not in linked and k not in decided]
    rows = for_items(db, todo, target, top) if todo else []
    return Draft(source, target, METHOD, tuple(rows), len(linked), len(decided & set(leaves)))


def _decided(db: sqlite3.Connection, source: str, target: str) -> set[int]:
    """The items of ``source`` a person has decided on in a crosswalk of the data into ``target``: an
    entry they reviewed (drafted, or no match), or listed in the crosswalk's ``reviewed``."""
    import json

    found = set()
    for cid, reviewed in db.execute(
        "SELECT id, reviewed FROM crosswalk WHERE source_framework = ? AND target_framework = ?",
        (source, target),
    ):
        codes = json.loads(reviewed)
        found |= {k for (k,) in db.execute(
            "SELECT key FROM item WHERE framework = ? AND code IN (SELECT value FROM json_each(?))",
            (source, json.dumps(codes)),
        )}  # fmt: skip
        found |= {k for k, provenance, none in db.execute(
            "SELECT source, provenance, no_match FROM entry WHERE crosswalk = ?", (cid,)
        ) if none or "reviewed_by" in json.loads(provenance)}  # fmt: skip
    return found


def measure(db: sqlite3.Connection, crosswalk: str) -> Measure:
    """Leave-one-out over a crosswalk: each source item's links hidden, its strongest-relation link
    looked for among the candidates ranked from everything else."""
    info = resolve_crosswalk(db, crosswalk)
    started = time.perf_counter()
    data = inputs(db, info.target, only=info.id)
    sg = Suggester(data.sources, data.targets, data.links, strongest=data.strongest)
    e = sg.evaluate()
    seconds = time.perf_counter() - started
    return Measure(
        info, fetch.framework(db, info.target), METHOD, e.n, e.top1, e.top3, e.top5, e.mrr, e.recall5,
        e.first_linked, e.precision3, e.recall8, round(seconds, 3),
    )  # fmt: skip


def relations_into(db: sqlite3.Connection, target: str) -> tuple[str, ...]:
    """The relations a reviewed link into ``target`` may take, strongest first: those of the first
    crosswalk into it, else of the first out of it; none if no crosswalk joins it (the review file
    then names them itself)."""
    row = db.execute(
        "SELECT id FROM crosswalk WHERE target_framework = ?1 OR source_framework = ?1"
        " ORDER BY target_framework != ?1, position",
        (target,),
    ).fetchone()
    return fetch.crosswalk(db, row[0]).relation_names if row is not None else ()
