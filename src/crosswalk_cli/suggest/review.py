"""`crosswalk suggest --from A --to B --review --out FILE`: a person turns a draft into a crosswalk.

One item at a time, its best candidates with their evidence; the reviewer accepts one or more (the
first with the strongest relation, the others with the next), rejects them all, skips, goes back or
stops. Every decision is saved at once, in a crosswalk file of the data format (an entry per accepted
item: its targets under their relations, and its provenance: drafted by crosswalk suggest, each
target's score, reviewed by whom and when), which loads beside the data it was drafted from; the file
is locked for the session, and a rerun resumes at the first item not yet decided, with the relations
the file names.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import CrosswalkError, ExitStatus
from ..fileio import FileError, exclusive_lock, read_regular, shown, write_atomic
from ..prompt import BACK, SKIP, STOP, ask, echo, move, wrap
from ..text.phrases import count, score_text
from .run import Draft, ItemSuggestions

MAX_BYTES = 8 * 1024 * 1024
STOPPED = int(ExitStatus.INTERRUPTED)


class ReviewError(CrosswalkError):
    pass


class Decision(NamedTuple):
    """An accepted item: the file's entry for it."""

    source: str
    links: tuple[tuple[str, str], ...]  # (target, relation), strongest first
    provenance: dict[str, str]
    note: str | None = None

    def entry(self) -> dict[str, Any]:
        """As the file gives it: source, each relation's target (or targets, in order), note, provenance."""
        out: dict[str, Any] = {"source": self.source}
        for relation in dict.fromkeys(r for _, r in self.links):
            targets = [t for t, r in self.links if r == relation]
            out[relation] = targets[0] if len(targets) == 1 else targets
        return out | ({"note": self.note} if self.note is not None else {}) | {"provenance": self.provenance}


class State(NamedTuple):
    decisions: list[Decision]
    reviewed: list[str]  # the items decided on, accepted or rejected, in the order decided
    relations: tuple[str, ...]  # strongest first

    @property
    def links(self) -> int:
        return sum(len(d.links) for d in self.decisions)


def _document(draft: Draft, reviewer: str, state: State) -> bytes:
    import yaml

    doc = {
        "crosswalk": {
            "id": f"{draft.source}-{draft.target}",
            "title": f"{draft.source} to {draft.target}, drafted by crosswalk suggest and reviewed",
            "publisher": reviewer,
            "license": "not stated",
            "from": draft.source,
            "to": draft.target,
            "relations": list(state.relations),
            "status": "reviewed",
            "reviewed_by": reviewer,
        },
        "links": [d.entry() for d in state.decisions],
        "reviewed": state.reviewed,
    }
    head = (
        "# A crosswalk drafted by `crosswalk suggest` and reviewed by a person, one decision at a time.\n"
        "# Every link's provenance says how it was made; no source publishes these links.\n"
    )
    return (head + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)).encode("utf-8")


def _state(out: Path, draft: Draft) -> State | None:
    """What an earlier session decided, read back (and checked) from the file; None: a fresh start."""
    raw = read_regular(out, MAX_BYTES, "a crosswalk under review")
    if raw is None:
        return None
    from ..loader.crosswalks import read_crosswalk

    done = read_crosswalk(out, raw)
    if (done.source, done.target) != (draft.source, draft.target):
        raise ReviewError(
            f"{shown(out)}: it reviews {done.source} to {done.target}, not {draft.source} to {draft.target}"
        )
    from ..queries.catalog import is_drafted

    made = [e.seq for e in done.entries if not is_drafted(dict(e.provenance))]
    if done.header.extra.get("status") != "reviewed" or made:
        why = (
            f"its link {made[0]} was not drafted by crosswalk suggest"
            if made
            else "its status is not reviewed"
        )
        raise ReviewError(
            f"{shown(out)}: not a file 'crosswalk suggest --review' wrote ({why}); give --out a new file"
        )
    decisions = [
        Decision(e.source, tuple((k.target, k.relation) for k in e.links), dict(e.provenance), e.note)
        for e in done.entries
    ]
    return State(decisions, list(done.reviewed), tuple(r.name for r in done.relations))


def review(draft: Draft, relations: tuple[str, ...], out: Path, reviewer: str) -> int:
    """Run the review; return the exit code. ``relations``: those a new file's links take, strongest
    first (a file being resumed keeps its own)."""
    if not reviewer.strip():
        raise ReviewError(
            "--reviewer: say who reviews (a name or a role)",
        )
    with exclusive_lock(out, "'crosswalk suggest --review'"):
        return _session(draft, relations, out, reviewer.strip())


def _save(out: Path, draft: Draft, reviewer: str, state: State) -> None:
    try:
        write_atomic(out, _document(draft, reviewer, state))
    except FileError as exc:
        raise ReviewError([str(exc), "that decision was NOT saved"]) from None


def _number(word: str) -> int | None:
    """A choice number typed in any script's decimal digits ('2', '\u0662', '\uff12'), or None: superscripts
    and circled digits ('\u00b2', '\u2460') are digits to str.isdigit but not numbers to int(), and a number
    of thousands of digits is no choice either."""
    if not word.isdecimal() or len(word) > 6:
        return None
    return int(word)


def _decide(reply: str, item: ItemSuggestions, relations: tuple[str, ...]) -> list[tuple[int, str]] | None:
    """The accepted candidates (index, relation) of a reply like '1' or '1 3', or None if it is not one."""
    picks = reply.replace(",", " ").split()
    numbers = [_number(p) for p in picks]
    if not numbers or not all(n is not None and 1 <= n <= len(item.candidates) for n in numbers):
        return None
    chosen = list(dict.fromkeys(n - 1 for n in numbers if n is not None))
    weaker = relations[1] if len(relations) > 1 else relations[0]
    return [(i, relations[0] if n == 0 else weaker) for n, i in enumerate(chosen)]


def _decision(item: ItemSuggestions, picks: list[tuple[int, str]], reviewer: str) -> Decision:
    """The entry for the accepted candidates; its provenance gives each one's score, in order."""
    chosen = [(item.candidates[i], relation) for i, relation in picks]
    provenance = {
        "method": item.method,
        "score": ", ".join(score_text(c.score) for c, _ in chosen),
        "reviewed_by": reviewer,
        "reviewed_on": dt.date.today().isoformat(),
    }
    return Decision(item.item.code, tuple((c.item.code, relation) for c, relation in chosen), provenance)


def _show(item: ItemSuggestions, position: int, total: int) -> None:
    echo()
    echo(wrap(f"{position} of {total}  {item.item.qualified}  {item.item.title or item.item.text}", "  ", ""))
    if item.item.title:
        echo(wrap(item.item.text, "  "))
    for n, c in enumerate(item.candidates, 1):
        label = f"{c.item.title}: {c.item.text}" if c.item.title else c.item.text
        said = f"{n}. {c.item.qualified} (suggestion, score {score_text(c.score)})  {label}"
        echo(wrap(said, "     ", "  "))
        for text in c.evidence[:3]:
            echo(wrap(text, "       ", "     - "))


def _start(out: Path, draft: Draft, relations: tuple[str, ...]) -> State:
    """The file's state, or a new one with ``relations``: refused if there are none to give."""
    state = _state(out, draft)
    if state is not None:
        return state
    if not relations:
        raise ReviewError(
            f"{shown(out)}: no crosswalk in the data joins {draft.target}, so none says which relations "
            "its links take; name them in the file first: a 'crosswalk:' header with 'from', 'to', "
            "'relations' (strongest first) and 'status: reviewed', and 'links: []'"
        )
    return State([], [], relations)


def _session(draft: Draft, relations: tuple[str, ...], out: Path, reviewer: str) -> int:
    state = _start(out, draft, relations)
    relations = state.relations
    name, total = shown(out), len(draft.items)
    decided = set(state.reviewed)
    index: int | None = next((n for n, i in enumerate(draft.items) if i.item.code not in decided), None)
    if decided:
        echo(wrap(f"Resuming {name}: {len(decided)} of {total} items decided."))
    else:
        _save(out, draft, reviewer, state)
    weaker = relations[1] if len(relations) > 1 else relations[0]
    rule = f"number(s) accept: the first as {relations[0]}, others as {weaker}"
    try:
        while index is not None:
            item = draft.items[index]
            _show(item, index + 1, total)
            echo(wrap(f"{rule} · r reject all · s skip · b back · q stop", "  "))
            reply = ask()
            if reply == STOP:
                break
            if reply in (BACK, SKIP):
                index = move(index, total, reply)
                continue
            picks = [] if reply in ("r", "reject") else _decide(reply, item, relations)
            if picks is None:
                echo(wrap(f"Type 1-{len(item.candidates)} (or several), r, s, b or q.", "  "))
                continue
            code = item.item.code
            state.decisions[:] = [d for d in state.decisions if d.source != code]
            if picks:
                state.decisions.append(_decision(item, picks, reviewer))
            state.reviewed[:] = [*(r for r in state.reviewed if r != code), code]
            _save(out, draft, reviewer, state)
            index = index + 1 if index + 1 < total else None
    except KeyboardInterrupt:
        echo()
        echo(wrap(f"Stopped. {len(state.reviewed)} of {total} decisions are saved in {name}."))
        return STOPPED
    echo()
    decided_now = len(state.reviewed)
    echo(wrap(f"{decided_now} of {total} items decided, {count(state.links, 'link')}, saved in {name}."))
    echo(wrap(f"Use it: copy {name} into a data directory and run crosswalk with --data-dir."))
    return 0
