"""Ids, codes and names as typed on a command line, to the canonical ids; unknown ones raise UnknownId
with the closest real ones."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..errors import CrosswalkError, ExitStatus
from ..ids import keyed, normalize
from ..model import Crosswalk


class UnknownId(CrosswalkError):
    """An id, code or name that matches nothing; carries the closest real ones."""

    exit_code = ExitStatus.USAGE

    def __init__(self, kind: str, given: str, suggestions: Iterable[str] = (), hint: str = "") -> None:
        from ..textsafe import shorten

        self.kind = kind
        self.given = given
        self.suggestions = tuple(suggestions)
        if not hint and self.suggestions:
            hint = f"did you mean {', '.join(self.suggestions)}?"
        super().__init__(f"no {kind} '{shorten(given)}'" + (f"; {hint}" if hint else ""))


def _resolve(keys: Mapping[str, str], given: str, kind: str, canonical: Iterable[str]) -> str:
    key = normalize(given)
    if key in keys:
        return keys[key]
    from difflib import get_close_matches

    ids = list(dict.fromkeys(canonical))
    by_norm = {normalize(i): i for i in ids}
    close = get_close_matches(key, list(by_norm), n=3, cutoff=0.5)
    if not close and key:
        close = [k for k in by_norm if k.startswith(key[:2])][:3]
    raise UnknownId(kind, given, [by_norm[c] for c in close])


def standard_keys(cw: Crosswalk) -> dict[str, str]:
    pairs: list[tuple[str, str]] = []
    for s in cw.standards.values():
        pairs += [(normalize(s.id), s.id), (normalize(s.numeral), s.id)]
    for i in cw.standard_indicators.values():
        numeral = cw.standards[i.standard].numeral
        suffix = i.id.removeprefix(i.standard)
        pairs += [(normalize(i.id), i.id), (normalize(i.code), i.id), (normalize(numeral + suffix), i.id)]
    return keyed(pairs)


def competency_keys(cw: Crosswalk) -> dict[str, str]:
    pairs: list[tuple[str, str]] = []
    for ident, domain_code in [
        *((c.id, c.domain) for c in cw.competencies.values()),
        *((i.id, i.domain) for i in cw.indicators.values()),
    ]:
        pairs.append((normalize(ident), ident))
        number = cw.domains[domain_code].number
        if ident.startswith(domain_code):
            pairs.append((normalize(number + "." + ident.removeprefix(domain_code)), ident))
    return keyed(pairs)


def standard_names(cw: Crosswalk) -> dict[str, str]:
    """Indicator and standard names (``Instruction``) to ids; a name two ids share is left out."""
    return keyed(
        [
            *((normalize(i.name), i.id) for i in cw.standard_indicators.values()),
            *((normalize(s.name), s.id) for s in cw.standards.values()),
        ]
    )


def _indexed(key: str, *levels: Mapping[str, object]) -> str | None:
    """The one id ``key`` names among ``levels``, where they can say so from an index (the store's
    mappings can): a lookup then reads one row, not every id. None: ask the slow way."""
    found: list[str] = []
    for level in levels:
        codes_for = getattr(level, "codes_for", None)
        if codes_for is None:
            return None
        found += codes_for(key)
    return found[0] if len(set(found)) == 1 else None


def resolve_standard(cw: Crosswalk, given: str) -> str:
    """A standard (``1``) or standard indicator (``1b``) id from any accepted form, or its exact name."""
    if (fast := _indexed(normalize(given), cw.standards, cw.standard_indicators)) is not None:
        return fast
    keys = standard_keys(cw)
    key = normalize(given)
    if key not in keys:
        keys = {**standard_names(cw), **keys}  # ids win over names
    if key not in keys:
        _wrong_command(cw, given, "standard or indicator", ("competency", "domain", "theme"))
    canonical = [*cw.standards, *cw.standard_indicators]
    return _resolve(keys, given, "standard or indicator", canonical)


def resolve_competency(cw: Crosswalk, given: str) -> str:
    """A competency (``VVC.3``) or competency indicator (``VVC.3.a``) id from any accepted form."""
    if (fast := _indexed(normalize(given), cw.competencies, cw.indicators)) is not None:
        return fast
    keys = competency_keys(cw)
    if normalize(given) not in keys:
        _wrong_command(cw, given, "competency or indicator", ("domain", "standard", "theme"))
    canonical = [*cw.competencies, *cw.indicators]
    return _resolve(keys, given, "competency or indicator", canonical)


def _domain_keys(cw: Crosswalk) -> dict[str, str]:
    pairs = [(normalize(d.code), d.code) for d in cw.domains.values()]
    pairs += [(normalize(d.number), d.code) for d in cw.domains.values()]
    pairs += [(normalize(d.name), d.code) for d in cw.domains.values()]
    return keyed(pairs)


def resolve_domain(cw: Crosswalk, given: str) -> str:
    keys = _domain_keys(cw)
    if normalize(given) not in keys:
        raise UnknownId("domain", given, hint=f"the domains are {', '.join(cw.domains)}")
    return keys[normalize(given)]


def _wrong_command(cw: Crosswalk, given: str, kind: str, others: tuple[str, ...]) -> None:
    """Raise UnknownId pointing to the command that knows ``given`` exactly, if one does."""
    from ..textsafe import shorten

    key = normalize(given)
    for other in others:
        if other == "competency" and key in (keys := competency_keys(cw)):
            ident = keys[key]
            what = "competency indicator" if ident in cw.indicators else "competency"
            hint = f"{ident} is a {what}: try 'crosswalk competency {ident}'"
        elif other == "standard" and key in (keys := standard_keys(cw)):
            ident = keys[key]
            what = "standard indicator" if ident in cw.standard_indicators else "standard"
            hint = f"{ident} is a {what}: try 'crosswalk standard {ident}'"
        elif other == "domain" and key in (keys := _domain_keys(cw)):
            ident = keys[key]
            hint = f"{ident} is a domain: try 'crosswalk competencies --domain {ident}'"
        elif other == "theme" and key in {normalize(t.code) for t in cw.themes.values()}:
            code = next(t.code for t in cw.themes.values() if normalize(t.code) == key)
            hint = f"{code} is a theme: try 'crosswalk theme {code}'"
        else:
            continue
        raise UnknownId(kind, shorten(given), hint=hint)


def resolve_theme(cw: Crosswalk, given: str) -> str:
    """A theme code from its code, its name, or a word or prefix of its name (``equity``)."""
    key = normalize(given)
    for t in cw.themes.values():
        if key in (normalize(t.code), normalize(t.name)):
            return t.code
    if key:
        hits = [t.code for t in cw.themes.values() if normalize(t.name).startswith(key)]
        if len(hits) != 1:
            words = given.strip().lower()
            hits = [
                t.code
                for t in cw.themes.values()
                if any(w.startswith(words) for w in re.split(r"[\s\-]+", t.name.lower()))
            ]
        if len(hits) == 1:
            return hits[0]
    from difflib import get_close_matches

    names = {normalize(t.code): t.code for t in cw.themes.values()}
    close = get_close_matches(key, list(names), n=3, cutoff=0.5)
    raise UnknownId("theme", given, [names[c] for c in close] or list(cw.themes))


def resolve_themes(cw: Crosswalk, given: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(resolve_theme(cw, g) for g in given))
