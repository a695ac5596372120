"""`crosswalk suggest --from A --to B --review --out FILE`: a person turns a draft into a crosswalk.

One item at a time, on one screen (80x24): the item, its best suggestions (each on a line, with its
evidence on the next), the current decision if there is one, and the replies. The reviewer accepts
suggestions, adds any target by its id, sets each link's relation, records that no target fits, gives a
rationale, asks for the full texts, skips, goes back or stops (replies.py). Each decision is confirmed in
one line and saved at once in a crosswalk file of the data format (reviewfile.py), with who decided and
when; the file is locked for the session, and a rerun resumes at the first item not yet decided.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import ExitStatus
from ..fileio import FileError, exclusive_lock, shown, write_atomic
from ..prompt import BACK, SKIP, STOP, ask, ask_text, echo, move, pack, width, wrap
from ..text.phrases import count, score_text
from .replies import Action, read
from .reviewfile import BY_REVIEWER, Decision, ReviewError, State, entry, new_state, now, read_state
from .run import Draft, ItemSuggestions

STOPPED = int(ExitStatus.INTERRUPTED)
__all__ = ["ReviewError", "review"]


def review(
    draft: Draft, relations: tuple[str, ...], out: Path, reviewer: str, targets: Mapping[str, str]
) -> int:
    """Run the review; return the exit code. ``relations``: those a new file's links take, strongest
    first (a file being resumed keeps its own); ``targets``: every item of the target framework, by its
    code in lower case (the code as written)."""
    if not reviewer.strip():
        raise ReviewError("--reviewer: say who reviews (a name or a role)")
    _folder(out)
    with exclusive_lock(out, "'crosswalk suggest --review'"):
        return _Session(draft, out, reviewer.strip(), targets).run(relations)


def _folder(out: Path) -> None:
    """Make the folder the file goes in, if there is none, and say so."""
    folder = out.parent
    if folder.exists() or folder.is_symlink():
        return
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise ReviewError(
            f"{shown(folder)}: cannot make this folder for {shown(out)}: {exc.strerror}"
        ) from None
    echo(wrap(f"Made the folder {shown(folder)} for {shown(out.name)}."))


def clip(indent: str, text: str) -> str:
    """``text`` on one line of the terminal: cut at a word, with '…', where it is longer."""
    room = width() - 1
    line = indent + " ".join(text.splitlines())
    if len(line) <= room:
        return line
    cut = line[: room - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[len(indent) + 8 :] else cut) + "…"


def _lines(text: str, indent: str, most: int) -> list[str]:
    """``text`` wrapped, on ``most`` lines at most (cut with '…')."""
    lines = wrap(text, indent).split("\n")
    if len(lines) > most:
        lines = [*lines[: most - 1], lines[most - 1][: width() - 3].rstrip() + " …"]
    return lines


HELP = (
    "1 or 1 3: accept suggestions (the first as the strongest relation, the others as the next)",
    "3=additional (or 3=add): that link with that relation; +2d=primary too",
    "+ID (+2d or +FRAMEWORK:2d), or a ID ...: link any target by its id, with or without suggestions",
    "n: no target fits (a decision, saved like any other)",
    "r TEXT, or r and the text on the next line: why (saved with the item's decision)",
    "t: the full texts · s or Enter: skip · b: back · q: stop (every decision is already saved)",
)


class _Session:
    def __init__(self, draft: Draft, out: Path, reviewer: str, targets: Mapping[str, str]) -> None:
        self.draft, self.out, self.reviewer, self.targets = draft, out, reviewer, targets
        self.name, self.total = shown(out), len(draft.items)
        self.pending: dict[str, str] = {}  # a rationale given before the item's decision
        self.state: State | None = None

    def run(self, relations: tuple[str, ...]) -> int:
        state = self.state = self._start(relations)
        decided = set(state.reviewed)
        index = next((n for n, i in enumerate(self.draft.items) if i.item.code not in decided), None)
        if decided:
            echo(wrap(f"Resuming {self.name}: {len(decided)} of {self.total} items decided."))
        else:
            self._save()
        rels = state.relations
        weaker = rels[1] if len(rels) > 1 else rels[0]
        echo(
            wrap(
                f"Links into {self.draft.target}: {', '.join(rels)}; the first as {rels[0]}, others as "
                f"{weaker} (N=REL sets one)."
            )
        )
        try:
            while index is not None:
                index = self._item(index)
        except KeyboardInterrupt:
            echo()
            echo(wrap(f"Stopped. {len(state.reviewed)} of {self.total} decisions are saved in {self.name}."))
            return STOPPED
        echo()
        none = sum(1 for d in state.decisions.values() if d.no_match)
        echo(
            wrap(
                f"{len(state.reviewed)} of {self.total} items decided, {count(state.links, 'link')}, "
                f"{none} no match, saved in {self.name}."
            )
        )
        echo(wrap(f"Use it: copy {self.name} into a data directory and run crosswalk with --data-dir."))
        return 0

    def _start(self, relations: tuple[str, ...]) -> State:
        """The file's state, or a new one with ``relations``: refused if there are none to give."""
        d = self.draft
        state = read_state(self.out, d.source, d.target)
        if state is not None:
            return state
        if not relations:
            raise ReviewError(
                f"{self.name}: no crosswalk in the data joins {d.target}, so none says which relations "
                "its links take; name them in the file first: a 'crosswalk:' header with 'from', 'to', "
                "'relations' (strongest first) and 'status: draft', and 'links: []'"
            )
        return new_state(d.source, d.target, relations, self.reviewer)

    def _save(self) -> None:
        assert self.state is not None
        try:
            write_atomic(self.out, self.state.document())
        except FileError as exc:
            raise ReviewError([str(exc), "that decision was NOT saved"]) from None

    def _item(self, index: int) -> int | None:
        """Show item ``index`` and read replies until one decides or moves; where to go next (None: stop)."""
        assert self.state is not None
        item = self.draft.items[index]
        self._show(item, index + 1)
        codes = [c.item.code for c in item.candidates]
        while True:
            reply = ask(keep_case=True)
            if reply in (STOP, BACK, SKIP) and self.pending.pop(item.item.code, None) is not None:
                echo(clip("  ", "The rationale was not saved: no decision followed it."))
            if reply == STOP:
                return None
            if reply in (BACK, SKIP):
                return move(index, self.total, reply)
            action = read(reply, codes, self.state.relations, self.targets, self.draft.target)
            if action.kind == "wrong":
                echo(clip("  ", f"{action.text[:1].upper()}{action.text[1:]}."))
            elif action.kind == "help":
                for line in HELP:
                    echo(wrap(line, "    ", "  "))
            elif action.kind == "texts":
                self._texts(item)
            elif action.kind == "why":
                if not self._why(item, action.text):
                    return None
            else:
                self._decide(item, action)
                return index + 1 if index + 1 < self.total else None

    def _show(self, item: ItemSuggestions, position: int) -> None:
        assert self.state is not None
        ref = item.item
        echo()
        echo(clip("", f"{position} of {self.total}  {ref.qualified}  {ref.title or ref.text}"))
        if ref.title:
            for line in _lines(ref.text, "  ", 2):
                echo(line)
        decision = self.state.decisions.get(ref.code)
        if decision is not None:
            by = decision.provenance.get("reviewed_by")
            echo(clip("  ", f"Decided: {decision.said()}" + (f" ({by})" if by else "")))
        if ref.code in self.pending:
            echo(clip("  ", f"Rationale, saved with the decision: {self.pending[ref.code]}"))
        for n, c in enumerate(item.candidates, 1):
            label = f"{c.item.title}: {c.item.text}" if c.item.title else c.item.text
            echo(clip("  ", f"{n}. {c.item.qualified} (suggestion, score {score_text(c.score)})  {label}"))
            if c.evidence:
                echo(clip("       ", "; ".join(c.evidence[:2])))
        n = len(item.candidates)
        replies = [f"1-{n} accept", "+ID add", "N=REL relation", "n no match", "r why", "t texts"]
        echo(pack([*replies, "s skip", "b back", "q stop", "? help"], "  "))

    def _texts(self, item: ItemSuggestions) -> None:
        ref = item.item
        echo(wrap(f"{ref.qualified}  {ref.full_text}", "    ", "  "))
        for n, c in enumerate(item.candidates, 1):
            label = f"{c.item.title}: {c.item.full_text}" if c.item.title else c.item.full_text
            echo(wrap(f"{n}. {c.item.qualified}  {label}", "     ", "  "))
            for text in c.evidence:
                echo(wrap(text, "       ", "     - "))

    def _why(self, item: ItemSuggestions, text: str) -> bool:
        """Keep a rationale for the item (its decision's, saved at once if it has one); False: the input
        ended."""
        from ..text.safe import first_unsafe

        assert self.state is not None
        if not text:
            asked = ask_text("  Rationale: ")
            if asked is None:
                return False
            text = asked
        code = item.item.code
        problem = first_unsafe(text, in_text=True)
        if not text or problem is not None:
            echo(clip("  ", f"No rationale kept: {problem or 'it is empty'}."))
            return True
        decision = self.state.decisions.get(code)
        if decision is None or not decision.entries:
            self.pending[code] = text
            echo(clip("  ", f"Rationale noted for {item.item.qualified}: it is saved with its decision."))
            return True
        entries = tuple(
            e | {"provenance": {**e.get("provenance", {}), "rationale": text}} for e in decision.entries
        )
        self.state.decisions[code] = Decision(code, entries)
        self._save()
        echo(clip("  ", f"Saved the rationale of {item.item.qualified}'s decision."))
        return True

    def _decide(self, item: ItemSuggestions, action: Action) -> None:
        assert self.state is not None
        code = item.item.code
        said = {"reviewed_by": self.reviewer, "reviewed_at": now()}
        if code in self.pending:
            said["rationale"] = self.pending.pop(code)
        suggested = [p for p in action.picks if p.candidate is not None]
        added = [p for p in action.picks if p.candidate is None]
        entries = []
        if suggested:
            scores = ", ".join(
                score_text(item.candidates[p.candidate].score) for p in suggested if p.candidate is not None
            )
            made = {"method": item.method, "score": scores, **said}
            entries.append(entry(code, [(p.target, p.relation) for p in suggested], made))
        if added:
            entries.append(
                entry(code, [(p.target, p.relation) for p in added], {"method": BY_REVIEWER, **said})
            )
        if action.kind == "none":
            entries.append(entry(code, [], said))
        decision = Decision(code, tuple(entries))
        self.state.decide(decision, self.reviewer, self.total)
        self._save()
        why = ", with its rationale" if "rationale" in said else ""
        echo(clip("  ", f"Saved {item.item.qualified}: {decision.said()}{why}."))
