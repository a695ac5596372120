"""Ids, codes and names as typed on a command line, to what they name in the store; an unknown one raises
UnknownId with the closest real ones, or the command that knows it.

An item answers to its code, its printed label, its numbered form (``I.3.a``), ``FRAMEWORK:CODE`` and,
after all of those, its title (the store's ``alias`` table); case, spaces, dots, dashes and brackets
are ignored (ids.normalize).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence

from ..errors import CrosswalkError, ExitStatus
from ..text.ids import normalize
from . import fetch
from .records import PRESETS, CrosswalkInfo, FrameworkInfo, ItemRef, Tag


class UnknownId(CrosswalkError):
    """An id, code or name that matches nothing; carries the closest real ones."""

    exit_code = ExitStatus.USAGE

    def __init__(self, kind: str, given: str, suggestions: Iterable[str] = (), hint: str = "") -> None:
        from ..text.safe import shorten

        self.kind = kind
        self.given = given
        self.suggestions = tuple(suggestions)
        if not hint and self.suggestions:
            hint = f"did you mean {', '.join(self.suggestions)}?"
        super().__init__(f"no {kind} '{shorten(given)}'" + (f"; {hint}" if hint else ""))


class Ambiguous(CrosswalkError):
    """A short id that several items answer to."""

    exit_code = ExitStatus.USAGE


def resolve_framework(db: sqlite3.Connection, given: str) -> str:
    ids = fetch.frameworks(db)
    for fid in ids:
        if fid.lower() == given.strip().lower():
            return fid
    raise UnknownId("framework", given, hint=f"the frameworks are {', '.join(ids) or 'none'}{_yours(db)}")


def resolve_crosswalk(db: sqlite3.Connection, given: str | None) -> CrosswalkInfo:
    """The crosswalk named, or the first of the data (the presets' default)."""
    ids = fetch.crosswalks(db)
    if given is None:
        if not ids:
            raise UnknownId(
                "crosswalk", "", hint="the data has none; 'crosswalk frameworks' lists what it has"
            )
        return fetch.crosswalk(db, ids[0])
    for cid in ids:
        if cid.lower() == given.strip().lower():
            return fetch.crosswalk(db, cid)
    raise UnknownId("crosswalk", given, hint=f"the crosswalks are {', '.join(ids) or 'none'}{_yours(db)}")


def _yours(db: sqlite3.Connection) -> str:
    """Where the data is the packaged data alone, how to add your own files to it."""
    from ..datadir import PACKAGED

    query = "SELECT 1 FROM {} WHERE origin != ? LIMIT 1"
    if any(db.execute(query.format(table), (PACKAGED,)).fetchone() for table in ("framework", "crosswalk")):
        return ""
    return " (your own files join them with --data-dir DIR)"


def _matches(
    db: sqlite3.Connection, key: str, framework: str | None, depths: Sequence[int] | None
) -> list[int]:
    """The items an alias names (ids before names), within a framework and levels if given. CROSS JOIN
    makes SQLite read the alias first, by its key: left to choose, it walked every item of the framework
    at those levels (32 ms a lookup with 1000 times the data)."""
    sql = "SELECT i.key, a.kind FROM alias a CROSS JOIN item i ON i.key = a.item WHERE a.key = ?"
    args: list[object] = [key]
    if framework is not None:
        sql += " AND i.framework = ?"
        args.append(framework)
    if depths is not None:
        sql += f" AND i.depth IN ({','.join('?' * len(depths))})"
        args += list(depths)
    rows = db.execute(sql + " ORDER BY i.position", args).fetchall()
    ids = [k for k, kind in rows if kind == "id"]
    return list(dict.fromkeys(ids or [k for k, _ in rows]))


def answering(info: FrameworkInfo) -> list[int]:
    """The levels a preset answers for: all but the grouping ones."""
    return [n for n, lv in enumerate(info.levels) if not lv.grouping] or list(range(len(info.levels)))


def kind_words(info: FrameworkInfo) -> str:
    """How an error names what a preset looks for: 'standard or indicator'."""
    return " or ".join(info.levels[n].name for n in answering(info))


def resolve_in(
    db: sqlite3.Connection, info: FrameworkInfo, given: str, x: CrosswalkInfo | None = None
) -> int:
    """An item of a framework a preset answers for, by any of its ids or its name."""
    depths = answering(info)
    key = normalize(given)
    found = _matches(db, key, info.id, depths) or _typed(db, info, given, depths)
    if len(found) == 1:
        return found[0]
    kind = kind_words(info)
    if found:
        from ..text.safe import shown

        codes = [fetch.item(db, k).code for k in found]
        raise Ambiguous(f"'{shown(given)}' names several items: {', '.join(codes)}; give one by its code")
    if x is not None:
        _wrong_command(db, info, x, given, kind)
    marks = ",".join("?" * len(depths))
    refs = fetch.where(db, f"i.framework = ? AND i.depth IN ({marks})", (info.id, *depths))
    close = _close_codes(key, [r.code for r in refs]) or _close_titles(key, refs)
    if close:
        raise UnknownId(kind, given, close)
    top = [r for r in refs if r.depth == depths[0]] if key.isalnum() else []
    raise UnknownId(kind, given, hint=_what_there_is(info, top))


def _close_codes(key: str, codes: Sequence[str]) -> list[str]:
    """The codes closest to a normalized key, or those sharing its first two characters."""
    from difflib import get_close_matches

    by_norm = {normalize(c): c for c in codes}
    close = get_close_matches(key, list(by_norm), n=3, cutoff=0.5)
    if not close and key:
        close = [k for k in by_norm if k.startswith(key[:2])][:3]
    return [by_norm[c] for c in close]


def _close_titles(key: str, refs: Sequence[ItemRef]) -> list[str]:
    """The items whose title, or a word of it, is closest to a misspelt key: as 'TITLE (CODE)'."""
    from difflib import SequenceMatcher

    def score(ref: ItemRef) -> float:
        words = [ref.title, *re.split(r"[\s\-/,:;]+", ref.title)]
        return max(SequenceMatcher(None, key, normalize(w)).ratio() for w in words if normalize(w))

    scored = sorted(((score(r), n) for n, r in enumerate(refs) if r.title and key), reverse=True)
    return [f"{refs[n].title} ({refs[n].code})" for s, n in scored[:3] if s >= 0.8]


def _what_there_is(info: FrameworkInfo, top: Sequence[ItemRef]) -> str:
    """Where nothing is close to a code-like id: the codes of the items at the top level asked about."""
    return f"the {info.levels[top[0].depth].plural} are {', '.join(r.code for r in top)}" if top else ""


_HEADING = re.compile(r"(?P<name>.*?)\s*\((?P<code>[^(),]+)(?:,[^()]*)?\)\s*", re.DOTALL)


def _typed(db: sqlite3.Connection, info: FrameworkInfo, given: str, depths: Sequence[int]) -> list[int]:
    """The items named in the forms people copy or say: a heading 'TITLE (CODE)' whose title fits the
    item, or a level's name before a code or label ('Standard I')."""
    text = given.strip()
    heading = _HEADING.fullmatch(text)
    if heading:
        found = _matches(db, normalize(heading["code"]), info.id, depths)
        name = normalize(heading["name"])
        if len(found) == 1 and (not name or name in _aliases(db, info, found[0])):
            return found
    for depth in depths:
        level = info.levels[depth].name
        if text.lower().startswith(level.lower()) and normalize(text[len(level) :]):
            rest = text[len(level) :]
            if rest[:1].isspace() or not rest[:1].isalnum():  # 'standard 1b': the level's word, loosely
                return _matches(db, normalize(rest), info.id, [depth]) or _matches(
                    db, normalize(rest), info.id, depths
                )
    return []


def _aliases(db: sqlite3.Connection, info: FrameworkInfo, key: int) -> set[str]:
    """What an item answers to, and its label or code run into its title, after its level's name or not
    (a heading's 'LABEL TITLE', 'LEVEL LABEL: TITLE')."""
    ref = fetch.item(db, key)
    found = {a for (a,) in db.execute("SELECT key FROM alias WHERE item = ?", (key,))}
    named = (x for x in (ref.label, ref.code) if x)
    level = info.levels[ref.depth].name
    return found | {normalize(f"{pre}{x}{ref.title}") for x in named for pre in ("", level)}


def _wrong_command(
    db: sqlite3.Connection, info: FrameworkInfo, x: CrosswalkInfo, given: str, kind: str
) -> None:
    """Raise UnknownId pointing to the command that knows ``given`` exactly, if one does: an item of the
    other framework, a grouping item, a tag."""
    from ..text.safe import shorten

    key = normalize(given)
    for side, fid in (("source", x.source), ("target", x.target)):
        levels = fetch.framework(db, fid)
        for k in _matches(db, key, fid, None):
            ref = fetch.item(db, k)
            level = levels.level(ref.depth)
            if level.grouping:
                hint = f"{ref.code} is a {level.name}: try 'crosswalk competencies --domain {ref.code}'"
            elif fid == info.id:
                continue  # an item of the framework asked about, at a level the preset does not answer
            else:
                hint = f"{ref.code} is a {level.long}: try 'crosswalk {PRESETS[side]} {ref.code}'"
            raise UnknownId(kind, shorten(given), hint=hint)
    for t in fetch.tags(db, x.source):
        if normalize(t.code) == key:
            from ..text.phrases import Phrases

            noun = Phrases(dict(fetch.framework(db, x.source).phrases))("tag")
            raise UnknownId(
                kind, shorten(given), hint=f"{t.code} is a {noun}: try 'crosswalk theme {t.code}'"
            )


def resolve_item(db: sqlite3.Connection, given: str) -> int:
    """The item ``given`` names: ``FRAMEWORK:CODE``, or a short id that only one item of all the
    frameworks answers to. An ambiguous short id lists its candidates."""
    if ":" in given:
        fid, _, code = given.partition(":")
        fid = resolve_framework(db, fid)
        found = _matches(db, normalize(code), fid, None)
        if not found:
            refs = fetch.where(db, "i.framework = ?", (fid,))
            close = _close_codes(normalize(code), [r.code for r in refs])
            top = [r for r in refs if r.depth == 0] if normalize(code).isalnum() else []
            there = (
                f"did you mean {', '.join(close)}?"
                if close
                else _what_there_is(fetch.framework(db, fid), top)
            )
            raise UnknownId("item", given, hint=f"{fid} has no such code" + (f"; {there}" if there else ""))
    else:
        code = given
        found = _matches(db, normalize(given), None, None)
    if len(found) > 1:  # codes alike but for case or separators (Ab, aB; L1.1, L11): the one typed exactly
        exact = [k for k in found if fetch.item(db, k).code == code.strip()]
        found = exact if len(exact) == 1 else found
    if len(found) == 1:
        return found[0]
    if found:
        from ..text.safe import shown

        names = [fetch.item(db, k).qualified for k in found]
        raise Ambiguous(
            f"'{shown(given)}' names several items: {', '.join(names)}; give one as FRAMEWORK:CODE"
        )
    raise UnknownId("item", given, hint="give FRAMEWORK:CODE ('crosswalk frameworks' lists the frameworks)")


def resolve_group(db: sqlite3.Connection, info: FrameworkInfo, given: str) -> int:
    """An item of the framework's grouping level (a domain), by code, label or name."""
    grouping = [n for n, lv in enumerate(info.levels) if lv.grouping]
    found = _matches(db, normalize(given), info.id, grouping) if grouping else []
    if len(found) == 1:
        return found[0]
    groups = fetch.where(db, "i.framework = ? AND i.depth = ?", (info.id, grouping[0])) if grouping else []
    named = _by_name(given, [(g.code, g.title) for g in groups])
    if len(named) == 1:
        return next(g.key for g in groups if g.code == named[0])
    name = info.levels[grouping[0]] if grouping else info.level(0)
    codes = (
        [r.code for r in fetch.where(db, "i.framework = ? AND i.depth = ?", (info.id, grouping[0]))]
        if grouping
        else []
    )
    raise UnknownId(name.name, given, hint=f"the {name.plural} are {', '.join(codes) or 'none'}")


def _by_name(given: str, named: Sequence[tuple[str, str]]) -> list[str]:
    """The codes of (code, name) pairs that ``given`` names: its code or name whole (separators and case
    aside), else the start of its name ('personal skills'), else a word of it ('equity'); several if it
    is not one's alone."""

    def loose(text: str) -> str:  # letters and digits alone: 'Vision, Values' is 'vision values'
        return re.sub(r"[\W_]+", "", text.lower())

    key = loose(given)
    if not key:
        return []
    whole = [code for code, name in named if key in (loose(code), loose(name))]
    if whole:
        return whole
    hits = [code for code, name in named if loose(name).startswith(key)]
    if len(hits) != 1:
        words = given.strip().lower()
        hits = [
            code
            for code, name in named
            if any(w.startswith(words) for w in re.split(r"[\s\-]+", name.lower()))
        ]
    return hits


def resolve_tag(db: sqlite3.Connection, info: FrameworkInfo, given: str) -> str:
    """A tag code from its code, its name, or a word or prefix of its name (``equity``)."""
    tags = fetch.tags(db, info.id)
    key = normalize(given)
    hits = _by_name(given, [(t.code, t.name) for t in tags])
    if len(hits) == 1:
        return hits[0]
    from difflib import get_close_matches

    from ..text.phrases import Phrases

    names = {normalize(t.code): t.code for t in tags}
    close = get_close_matches(key, list(names), n=3, cutoff=0.5)
    noun = Phrases(dict(info.phrases))("tag")
    raise UnknownId(noun, given, [names[c] for c in close] or [t.code for t in tags])


def resolve_tags(db: sqlite3.Connection, info: FrameworkInfo, given: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(resolve_tag(db, info, g) for g in given))


def tag_named(tags: Sequence[Tag], code: str) -> Tag:
    return next(t for t in tags if t.code == code)
