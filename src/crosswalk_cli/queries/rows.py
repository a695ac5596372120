"""Items as rows of a list: each with its ancestors and the items it is linked to by a crosswalk's
strongest relation, kept by a tag filter."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from .links import chain, tag_match, with_context
from .records import CrosswalkInfo, ItemRef, ItemRow


def rows(
    db: sqlite3.Connection, refs: Sequence[ItemRef], crosswalk: CrosswalkInfo | None, tags: Sequence[str] = ()
) -> tuple[ItemRow, ...]:
    """``refs`` as list rows, kept by the tag filter, each with its strongest-relation targets."""
    known = {r.key: r for r in refs}
    with_context(db, refs, known)
    targets: dict[int, dict[str, tuple[tuple[str, str], ...]]] = {}  # source -> {code: provenance}
    if crosswalk is not None and crosswalk.relations and refs:
        keys = [r.key for r in refs]
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            for source, code, provenance in db.execute(
                "SELECT l.source, t.code, e.provenance FROM link l JOIN item t ON t.key = l.target"
                " JOIN entry e ON e.crosswalk = l.crosswalk AND e.seq = l.seq"
                f" WHERE l.source IN ({','.join('?' * len(chunk))}) AND l.crosswalk = ? AND l.relation = ?"
                " ORDER BY l.seq, l.position",
                (*chunk, crosswalk.id, crosswalk.relations[0].name),
            ):
                made = tuple(sorted(json.loads(provenance).items()))
                targets.setdefault(source, {}).setdefault(code, made)
    out = []
    for r in refs:
        match = tag_match(r, tags)
        if match != "":
            found = targets.get(r.key, {})
            out.append(ItemRow(r, chain(r, known), tuple(found), match, tuple(found.values())))
    return tuple(out)
