"""Framework ids and tag codes made from CASE text: short, safe, unique, the same every time.

A framework id is, first rule that applies:
1. the shared prefix of the document's codes: when every item has a humanCodingScheme and all of them
   begin with the same segment (up to the first ``.``, ``-``, ``_``, ``:``, ``/`` or space) of 2-8 ASCII
   letters and digits starting with a letter (``CCSS.Math.1`` ... -> ``CCSS``);
2. the title's initials: the title folded to ASCII (NFKD: a mathematical italic d becomes d), split
   into runs of letters and digits, small words (of, and, the, ...) dropped unless nothing else is
   left; one word gives its first 8 letters, several give their initials (a number counts whole), at
   most 8 (``Riverbend Unified School Leader Competencies`` -> ``RUSLC``);
3. ``CASE`` when the title has no letters or digits at all.
It is upper-cased, and an id that starts with a digit gets an ``F`` in front. Documents whose ids
coincide are ordered by CFDocument identifier: the first keeps the id, the others get ``-2``, ``-3``...,
so the ids do not depend on the order the packages are given in.

The person importing can then rename any of them (``renamed``: ``WLS`` -> ``Way``); a new id is a
letter, then at most 15 letters, digits or ``_`` (``new_id_problem``), so that a crosswalk id
``{from}-{to}`` stays within the 32 characters a data file allows and says which end is which.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from .rawjson import CaseImportError
from .read import Item

_SMALL_WORDS = frozenset(
    ("a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with")
)
_SEGMENT = re.compile(r"[.\-_:/\s]")
_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9]{1,7}")
MAX_ID = 8


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[A-Za-z0-9]+", folded)


def base_id(title: str, items: Iterable[Item]) -> str:
    """A framework id before uniqueness (rules 1-3 of the module's docstring)."""
    codes = [item.human_coding_scheme for item in items]
    if codes and all(codes):
        prefixes = {_SEGMENT.split(code, maxsplit=1)[0] for code in codes}
        if len(prefixes) == 1:
            (prefix,) = prefixes
            if _PREFIX.fullmatch(prefix):
                return prefix.upper()
    words = _ascii_words(title)
    words = [w for w in words if w.lower() not in _SMALL_WORDS] or words
    if not words:
        return "CASE"
    if len(words) == 1:
        ident = words[0][:MAX_ID]
    else:
        ident = "".join(w if w.isdigit() else w[0] for w in words)[:MAX_ID]
    ident = ident.upper()
    return "F" + ident if ident[0].isdigit() else ident


def unique_ids(bases: dict[str, str]) -> dict[str, str]:
    """{document identifier: base id} -> {document identifier: unique id} (see the module docstring)."""
    result: dict[str, str] = {}
    counts: dict[str, int] = {}
    for ident in sorted(bases):
        base = bases[ident]
        counts[base] = counts.get(base, 0) + 1
        result[ident] = base if counts[base] == 1 else f"{base}-{counts[base]}"
    return result


_NEW_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,15}")


def new_id_problem(new: str) -> str | None:
    """Why ``new`` cannot be a framework id an import is told to use, or None. No ``-``: crosswalk
    files are named ``{from}-{to}``, and ``A-B`` to ``C`` must not be ``A`` to ``B-C``."""
    from ...text.safe import shown

    if not _NEW_ID.fullmatch(new):
        return f"'{shown(new)}' is not an id: a letter, then at most 15 letters, digits or _"
    return reserved(f"{new}.yaml")


def reserved(name: str) -> str | None:
    """Why a data directory cannot hold a framework or crosswalk under this file name, or None."""
    from ...loader import SELF_ASSESSMENT

    if name.casefold() == SELF_ASSESSMENT.casefold():
        ident = name.removesuffix(".yaml")
        return f"'{ident}' would be written as {name}, a name a data directory keeps for its own file"
    return None


class RenameError(CaseImportError):
    """A rename asked for that cannot be made (bad usage, not bad data)."""


def renamed(ids: dict[str, str], rename: Mapping[str, str]) -> dict[str, str]:
    """``ids`` ({document identifier: id}) with the ids named in ``rename`` ({id: new id}, ids matched
    without regard to case) replaced. RenameError for an id no document has, a new id that is not one,
    or a new id another framework has; CaseImportError for two documents with one id otherwise."""
    from ...text.safe import shown

    by_id = {ident.casefold(): doc for doc, ident in ids.items()}
    result = dict(ids)
    for old, new in rename.items():
        doc = by_id.get(old.casefold())
        if doc is None:
            known = ", ".join(sorted(ids.values())) or "none"
            raise RenameError(f"no document would be named '{shown(old)}' (the ids are {known})")
        problem = new_id_problem(new)
        if problem:
            raise RenameError(problem)
        result[doc] = new
    asked = {new.casefold() for new in rename.values()}
    seen: dict[str, str] = {}
    for ident in result.values():
        first = seen.get(ident.casefold())
        if first is not None:
            names = f"'{first}'" if first == ident else f"'{first}' and '{ident}' (ids ignore case)"
            error = RenameError if ident.casefold() in asked else CaseImportError
            raise error(f"two frameworks would both be named {names}: rename one of them")
        seen[ident.casefold()] = ident
    return result


def tag_code(keyword: str, taken: set[str]) -> str:
    """A safe, unused tag code from a keyword: runs of other characters become '-' (``Equity and
    Inclusion`` -> ``Equity-and-Inclusion``); a clash gets ``-2``, ``-3``..."""
    base = "-".join(_ascii_words(keyword)) or "tag"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    taken.add(code)
    return code


def safe_code(code: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_\-]*", code) is not None
