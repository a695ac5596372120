"""`crosswalk suggest --from A --to B --review --out FILE`: a person turns a draft into a crosswalk.

One item at a time, its best candidates with their evidence; the reviewer accepts one or more (the
first with the strongest relation, the others with the next), rejects them all, skips, goes back or
stops. Every decision is saved at once, in a generic crosswalk file whose links each carry their
provenance (drafted by crosswalk suggest, the score, reviewed by whom and when); the file is locked for
the session, and a rerun resumes at the first item not yet decided.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .errors import CrosswalkError, ExitStatus
from .fileio import FileError, exclusive_lock, read_regular, shown, write_atomic
from .prompt import BACK, SKIP, STOP, ask, move, say, wrap
from .suggest.run import Draft, ItemSuggestions

MAX_BYTES = 8 * 1024 * 1024
STOPPED = int(ExitStatus.INTERRUPTED)


class ReviewError(CrosswalkError):
    pass


def _document(draft: Draft, relations: tuple[str, ...], reviewer: str, state: dict[str, Any]) -> bytes:
    import yaml

    doc = {
        "crosswalk": {
            "id": f"{draft.source}-{draft.target}",
            "title": f"{draft.source} to {draft.target}, drafted by crosswalk suggest and reviewed",
            "publisher": reviewer,
            "license": "not stated",
            "from": draft.source,
            "to": draft.target,
            "relations": list(relations),
            "status": "reviewed",
            "reviewed_by": reviewer,
        },
        "links": state["links"],
        "reviewed": state["reviewed"],
    }
    head = (
        "# A crosswalk drafted by `crosswalk suggest` and reviewed by a person, one decision at a time.\n"
        "# Every link's provenance says how it was made; no source publishes these links.\n"
    )
    return (head + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)).encode("utf-8")


def _state(out: Path, draft: Draft) -> dict[str, Any]:
    """What an earlier session decided, read back (and checked) from the file, or a fresh start."""
    raw = read_regular(out, MAX_BYTES, "a crosswalk under review")
    if raw is None:
        return {"links": [], "reviewed": []}
    from .loader.generic import read_crosswalk

    done = read_crosswalk(out, raw)
    ends = (done.info.extra.get("from"), done.info.extra.get("to"))
    if ends != (draft.source, draft.target):
        raise ReviewError(
            f"{shown(out)}: it reviews {ends[0]} to {ends[1]}, not {draft.source} to {draft.target}"
        )
    from .catalog import is_drafted

    made = [k.seq for k in done.links if not is_drafted(dict(k.provenance))]
    if done.info.extra.get("status") != "reviewed" or made:
        why = (
            f"its link {made[0]} was not drafted by crosswalk suggest"
            if made
            else "its status is not reviewed"
        )
        raise ReviewError(
            f"{shown(out)}: not a file 'crosswalk suggest --review' wrote ({why}); give --out a new file"
        )
    links = [
        {"source": k.source, "target": k.target, "relation": k.relation}
        | ({"note": k.note} if k.note is not None else {})
        | {"provenance": dict(k.provenance)}
        for k in done.links
    ]
    return {"links": links, "reviewed": list(done.reviewed)}


def review(draft: Draft, relations: tuple[str, ...], out: Path, reviewer: str) -> int:
    """Run the review; return the exit code."""
    if not reviewer.strip():
        raise ReviewError(
            "--reviewer: say who reviews (a name or a role)",
        )
    with exclusive_lock(out, "'crosswalk suggest --review'"):
        return _session(draft, relations, out, reviewer.strip())


def _save(out: Path, draft: Draft, relations: tuple[str, ...], reviewer: str, state: dict[str, Any]) -> None:
    try:
        write_atomic(out, _document(draft, relations, reviewer, state))
    except FileError as exc:
        raise ReviewError([str(exc), "that decision was NOT saved"]) from None


def _number(word: str) -> int | None:
    """A choice number typed in any script's decimal digits ('2', '٢', '\uff12'), or None: superscripts
    and circled digits ('²', '①') are digits to str.isdigit but not numbers to int(), and a number of
    thousands of digits is no choice either."""
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


def _show(item: ItemSuggestions, position: int, total: int) -> None:
    say()
    say(wrap(f"{position} of {total}  {item.item.qualified}  {item.item.title or item.item.text}", "  ", ""))
    if item.item.title:
        say(wrap(item.item.text, "  "))
    for n, c in enumerate(item.candidates, 1):
        label = f"{c.item.title}: {c.item.text}" if c.item.title else c.item.text
        say(wrap(f"{n}. {c.item.qualified} (suggestion, score {c.score:.2f})  {label}", "     ", "  "))
        for line in c.evidence[:3]:
            say(wrap(line, "       ", "     - "))


def _session(draft: Draft, relations: tuple[str, ...], out: Path, reviewer: str) -> int:
    state = _state(out, draft)
    name, total = shown(out), len(draft.items)
    decided = set(state["reviewed"])
    index: int | None = next((n for n, i in enumerate(draft.items) if i.item.code not in decided), None)
    if decided:
        say(wrap(f"Resuming {name}: {len(decided)} of {total} items decided."))
    else:
        _save(out, draft, relations, reviewer, state)
    weaker = relations[1] if len(relations) > 1 else relations[0]
    rule = f"number(s) accept: the first as {relations[0]}, others as {weaker}"
    try:
        while index is not None:
            item = draft.items[index]
            _show(item, index + 1, total)
            say(wrap(f"{rule} · r reject all · s skip · b back · q stop", "  "))
            reply = ask()
            if reply == STOP:
                break
            if reply in (BACK, SKIP):
                index = move(index, total, reply)
                continue
            picks = [] if reply in ("r", "reject") else _decide(reply, item, relations)
            if picks is None:
                say(wrap(f"Type 1-{len(item.candidates)} (or several), r, s, b or q.", "  "))
                continue
            code = item.item.code
            state["links"] = [k for k in state["links"] if k["source"] != code]
            for i, relation in picks:
                c = item.candidates[i]
                state["links"].append({
                    "source": code, "target": c.item.code, "relation": relation,
                    "provenance": {"method": item.method, "score": f"{c.score:.3f}", "reviewed_by": reviewer,
                                   "reviewed_on": dt.date.today().isoformat()},
                })  # fmt: skip
            state["reviewed"] = [*(r for r in state["reviewed"] if r != code), code]
            _save(out, draft, relations, reviewer, state)
            index = index + 1 if index + 1 < total else None
    except KeyboardInterrupt:
        say()
        say(wrap(f"Stopped. {len(state['reviewed'])} of {total} decisions are saved in {name}."))
        return STOPPED
    say()
    decided_now, links = len(state["reviewed"]), len(state["links"])
    say(wrap(f"{decided_now} of {total} items decided, {links} links, saved in {name}."))
    say(wrap(f"Use it: copy {name} into a data directory and run crosswalk with --data-dir."))
    return 0
