"""The file `suggest --review` writes and resumes: a crosswalk file of the data format (docs/review.md).

Each decision is the entries of one source item: the suggestions accepted (method ``crosswalk suggest``,
each target's score), the targets the reviewer added by id (method ``reviewer``), or ``no_match: true``;
each with who decided, when (ISO 8601, UTC) and why (``rationale``). ``reviewed`` lists the items
decided, in order. The header keeps its first publisher and lists every reviewer; its ``status`` is
``draft`` until every item is decided, then ``reviewed`` (``approved`` is a person's word, by hand).

A file edited by hand is resumed as long as it keeps the format: its header, its entries (a link added
by hand, a note, an erratum) and its phrases and source notes are written back as they were read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import CrosswalkError
from ..fileio import read_regular, shown
from ..model import Crosswalk, Entry

MAX_BYTES = 8 * 1024 * 1024
STATUSES = ("draft", "reviewed", "approved")
BY_REVIEWER = "reviewer"  # queries.records.BY_REVIEWER: not imported, to keep that module off this path


class ReviewError(CrosswalkError):
    pass


def now() -> str:
    """This moment in UTC, as ISO 8601 to the second: ``2026-12-05T10:15:00Z``."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Decision(NamedTuple):
    """What was decided for one source item: its entries, as the file writes them (none: an older
    file's rejection, listed in ``reviewed`` only)."""

    source: str
    entries: tuple[dict[str, Any], ...]

    @property
    def links(self) -> list[tuple[str, str]]:
        """(target, relation) of every entry, in order."""
        out = []
        for e in self.entries:
            for key, value in e.items():
                if key in _NOT_RELATIONS:
                    continue
                out += [(t, key) for t in (value if isinstance(value, list) else [value])]
        return out

    @property
    def no_match(self) -> bool:
        return any(e.get("no_match") for e in self.entries)

    @property
    def provenance(self) -> dict[str, str]:
        return dict(self.entries[0].get("provenance", {})) if self.entries else {}

    def said(self) -> str:
        """The decision in words: 'no match', or each link as 'relation CODE' (a target of the framework
        under review; added by hand: marked +)."""
        if self.no_match:
            return "no match: no target fits"
        if not self.entries:
            return "none of the suggestions (no link)"
        added = {
            t
            for e in self.entries
            if e.get("provenance", {}).get("method") == BY_REVIEWER
            for t, _ in Decision("", (e,)).links
        }
        return ", ".join(f"{r} {'+' if t in added else ''}{t}" for t, r in self.links)


_NOT_RELATIONS = ("source", "printed_label", "note", "errata", "no_match", "provenance", "target", "relation")


class State(NamedTuple):
    header: dict[str, Any]  # the file's `crosswalk:` header, as it writes it
    decisions: dict[str, Decision]  # by source, in the order decided
    reviewed: list[str]  # the items decided on, in the order decided
    extra: dict[str, Any]  # other parts of the file kept as read (phrases, source_notes, errata_kinds)

    @property
    def relations(self) -> tuple[str, ...]:
        return tuple(r if isinstance(r, str) else r["name"] for r in self.header["relations"])

    @property
    def links(self) -> int:
        return sum(len(d.links) for d in self.decisions.values())

    @property
    def reviewers(self) -> list[str]:
        named = self.header.setdefault("reviewers", [])
        assert isinstance(named, list)
        return named

    def decide(self, decision: Decision, reviewer: str, total: int) -> None:
        """Record ``decision`` in place of any earlier one for its item; the reviewer is listed (after
        any earlier ones), and the status says whether every one of ``total`` items is decided."""
        self.decisions.pop(decision.source, None)
        self.decisions[decision.source] = decision
        self.reviewed[:] = [*(r for r in self.reviewed if r != decision.source), decision.source]
        if reviewer not in self.reviewers:
            self.reviewers.append(reviewer)
        self.header["status"] = "reviewed" if len(self.reviewed) >= total else "draft"
        self.header.pop("approved_by", None)  # a changed crosswalk is approved again by a person

    def document(self) -> bytes:
        import yaml

        doc: dict[str, Any] = {
            "crosswalk": self.header,
            "links": [e for d in self.decisions.values() for e in d.entries],
            "reviewed": self.reviewed,
            **self.extra,
        }
        head = (
            "# A crosswalk drafted by `crosswalk suggest` and reviewed by people, one decision at a time.\n"
            "# Every entry's provenance says how it was made, who decided and when; no source publishes "
            "these links.\n"
        )
        return (head + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)).encode("utf-8")


def new_state(source: str, target: str, relations: tuple[str, ...], reviewer: str) -> State:
    header = {
        "id": f"{source}-{target}",
        "title": f"{source} to {target}, drafted by crosswalk suggest and reviewed",
        "publisher": reviewer,
        "license": "not stated",
        "from": source,
        "to": target,
        "relations": list(relations),
        "status": "draft",
        "reviewers": [],
    }
    return State(header, {}, [], {})


def read_state(out: Path, source: str, target: str) -> State | None:
    """What earlier sessions decided, read back (and checked) from the file; None: a fresh start."""
    raw = read_regular(out, MAX_BYTES, "a crosswalk under review")
    if raw is None:
        return None
    from ..loader.crosswalks import read_crosswalk

    done = read_crosswalk(out, raw)
    if (done.source, done.target) != (source, target):
        raise ReviewError(
            f"{shown(out)}: it reviews {done.source} to {done.target}, not {source} to {target}"
        )
    status = done.header.extra.get("status")
    if status not in STATUSES or done.coverage is not None:
        why = "it declares its coverage" if status in STATUSES else f"its status is {status or 'not given'}"
        raise ReviewError(
            f"{shown(out)}: not a crosswalk under review ({why}; a review's is "
            f"{', '.join(STATUSES)}); give --out a new file"
        )
    decisions: dict[str, Decision] = {}
    for e in done.entries:
        had = decisions.pop(e.source, Decision(e.source, ()))
        decisions[e.source] = Decision(e.source, (*had.entries, _entry_of(e)))
    for code in done.reviewed:
        decisions.setdefault(code, Decision(code, ()))
    reviewed = list(dict.fromkeys([*done.reviewed, *decisions]))
    return State(_header_of(done), decisions, reviewed, _extra_of(done))


def _header_of(x: Crosswalk) -> dict[str, Any]:
    h = x.header
    out: dict[str, Any] = {"id": h.id, "title": h.title, "publisher": h.publisher, "license": h.license}
    if h.license_url:
        out["license_url"] = h.license_url
    extra = dict(h.extra)
    earlier = extra.pop("reviewed_by", None)  # the older files' one reviewer: the first of the list
    out.update({k: extra.pop(k) for k in ("from", "to") if k in extra})
    out["relations"] = [{"name": r.name, "heading": r.heading} if r.heading else r.name for r in x.relations]
    out.update(extra)
    out["reviewers"] = list(dict.fromkeys([*([earlier] if earlier else []), *x.reviewers]))
    return out


def _extra_of(x: Crosswalk) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.phrases:
        out["phrases"] = dict(x.phrases)
    if x.source_notes:
        out["source_notes"] = [{"kind": n.kind, "where": n.where, "note": n.note} for n in x.source_notes]
    if x.errata_kinds is not None:
        out["errata_kinds"] = {kind: list(needs) for kind, needs in x.errata_kinds}
    return out


def _entry_of(e: Entry) -> dict[str, Any]:
    """An entry read from the file, as the file writes it again."""
    out: dict[str, Any] = {"source": e.source}
    for relation in dict.fromkeys(k.relation for k in e.links):
        targets = [k.target for k in e.links if k.relation == relation]
        out[relation] = targets[0] if len(targets) == 1 else targets
    if e.printed_label is not None:
        out["printed_label"] = e.printed_label
    if e.note is not None:
        out["note"] = e.note
    if e.errata:
        out["errata"] = [
            {"kind": r.kind, "note": r.note}
            | {k: v for k, v in (("printed", r.printed), ("resolved", r.resolved)) if v is not None}
            for r in e.errata
        ]
    if e.no_match:
        out["no_match"] = True
    if e.provenance:
        out["provenance"] = dict(e.provenance)
    return out


def entry(source: str, links: list[tuple[str, str]], provenance: dict[str, str]) -> dict[str, Any]:
    """A new entry: each relation's target (or targets, in order), and its provenance; no links: no match."""
    out: dict[str, Any] = {"source": source}
    for relation in dict.fromkeys(r for _, r in links):
        targets = [t for t, r in links if r == relation]
        out[relation] = targets[0] if len(targets) == 1 else targets
    if not links:
        out["no_match"] = True
    return out | {"provenance": provenance}
