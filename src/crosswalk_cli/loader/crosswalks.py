"""A crosswalk file: ``crosswalk`` (the header: from, to, relations) and ``links``, its entries in order
(docs/data-format.md). An entry names its source and its targets, either one ``target`` with its
``relation``, or one key per relation naming its target or targets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..model import Coverage, Crosswalk, Entry, Erratum, Link, Relation
from .checker import Partial, _Checker, _root, _seal
from .frameworks import source_notes
from .headers import CROSSWALK_FIELDS, header, phrases, relations
from .yamlread import read_yaml
from .yamlvalues import YMap, YSeq

ENTRY_FIELDS = ("target", "relation", "printed_label", "note", "errata", "provenance", "no_match")
PROVENANCE_FIELDS = (
    "method",
    "score",
    "reviewed_by",
    "reviewed_at",
    "reviewed_on",
    "rationale",
    "case_identifier",
    "case_association_type",
    "case_uri",
)
COVERAGE_FIELDS = ("entries", "sources", "links", "errata", "source_notes", "unlinked_targets")
REVIEW_FIELDS = ("approved_by",)  # the header's text fields beside CROSSWALK_FIELDS; `reviewers` is a list
# Errata kinds that say something about the entry's own shape, checked against it.
PRINTED_LABEL, SELF_LISTED, DUPLICATE = "printed_label", "self_listed", "duplicate"


def read_crosswalk(path: Path, raw: bytes) -> Crosswalk:
    return crosswalk_of(path, read_yaml(path, raw))


def crosswalk_of(path: Path, parsed: Any) -> Crosswalk:
    """The crosswalk a parsed file (``read_yaml``) says, checked."""
    c = _Checker(str(path))
    optional = ("coverage", "errata_kinds", "source_notes", "reviewed", "phrases", "seal")
    doc = _root(c, parsed, ("crosswalk", "links"), optional)
    info, head = header(c, _without(doc, "crosswalk", "reviewers"), "crosswalk", ("relations",),
                        (*CROSSWALK_FIELDS, *REVIEW_FIELDS))  # fmt: skip
    rels = relations(c, head)
    crosswalk_map = doc.get("crosswalk")
    reviewers = (
        c.texts(crosswalk_map, "reviewers", "'crosswalk'", optional=True)
        if isinstance(crosswalk_map, YMap)
        else ()
    )
    entries = c.mappings(doc, "links", "the document")
    counts: dict[str, int] = {}
    for m in entries:
        if isinstance(m.get("source"), str):
            counts[m["source"]] = counts.get(m["source"], 0) + 1
    kinds = _errata_kinds(c, doc)
    read = tuple(_entry(c, m, seq, rels, counts, kinds) for seq, m in enumerate(entries, 1))
    _decisions_agree(c, entries, read, info.extra.get("status", ""))
    result = Crosswalk(
        info,
        info.extra.get("from", ""),
        info.extra.get("to", ""),
        rels,
        read,
        source_notes(c, doc),
        c.texts(doc, "reviewed", "the document", optional=True),
        phrases(c, doc),
    )
    if "coverage" in doc:
        result = replace(result, coverage=_coverage_shape(c, doc, result))
    if kinds is not None:
        result = replace(result, errata_kinds=tuple(kinds.items()))
    if reviewers:
        result = replace(result, reviewers=reviewers)
    _seal(c, doc, result)
    if c.problems:
        raise Partial(c.problems, result)
    return result


def _without(doc: YMap, key: str, name: str) -> YMap:
    """``doc`` with ``name`` left out of its mapping under ``key`` (read apart: a list among texts)."""
    inner = doc.get(key)
    if not isinstance(inner, YMap) or name not in inner:
        return doc
    kept = YMap(inner.line)
    for k, v in inner.items():
        if k != name:
            kept.add(k, v, inner.lines[k])
    out = YMap(doc.line)
    for k, v in doc.items():
        out.add(k, kept if k == key else v, doc.lines[k])
    return out


def _errata_kinds(c: _Checker, doc: YMap) -> dict[str, tuple[str, ...]] | None:
    """The kinds of erratum the file declares (``errata_kinds``), each with the fields it must give;
    None where it declares none (then any kind may stand, with its note)."""
    if "errata_kinds" not in doc:
        return None
    m = c.mapping(doc["errata_kinds"], doc.lines["errata_kinds"], "'errata_kinds'")
    if m is None:
        return None
    kinds = {}
    for kind in m:
        needs = c.texts(m, kind, "'errata_kinds'")
        for need in needs:
            if need not in ("printed", "resolved"):
                c.problem(
                    m.lines[kind], f"erratum kind '{kind}' may require 'printed' or 'resolved', not '{need}'"
                )
        kinds[kind] = needs
    return kinds


UNPUBLISHED = (
    "draft",
    "reviewed",
    "approved",
)  # the statuses of a crosswalk a review makes: no source prints it


def _decisions_agree(c: _Checker, entries: list[YMap], read: tuple[Entry, ...], status: str) -> None:
    """A source decided to have no match has no link elsewhere in the file; and in a crosswalk whose status
    says no source publishes it, every link says how it was made (else it would read as published)."""
    none_fits = {e.source for e in read if e.no_match}
    unpublished = status.strip().lower() in UNPUBLISHED
    for m, e in zip(entries, read, strict=True):
        what = f"link {e.seq} ('{e.source}')"
        if e.links and e.source in none_fits:
            c.problem(m.line, f"{what}: another entry says no target fits '{e.source}' (no_match): keep one")
        elif e.links and unpublished and not e.provenance.get("method"):
            c.problem(
                m.line,
                f"{what}: the crosswalk's status is '{status}', so no source publishes its links; say how "
                "this one was made (provenance: {method: ..., reviewed_by: ...})",
            )


def _entry(
    c: _Checker,
    m: YMap,
    seq: int,
    rels: tuple[Relation, ...],
    counts: dict[str, int],
    kinds: dict[str, tuple[str, ...]] | None,
) -> Entry:
    names = [r.name for r in rels]
    c.fields(m, "a link", ("source",), (*ENTRY_FIELDS, *names))
    source = c.text(m, "source", "a link") or ""
    what = f"link {seq} ('{source}')"
    links: list[Link] = []
    no_match = c.flag(m, "no_match", what) if "no_match" in m else False
    if no_match:
        if "target" in m or "relation" in m or any(n in m for n in names):
            c.problem(m.lines["no_match"], f"{what}: 'no_match: true' says no target fits; give no target")
    elif "target" in m or "relation" in m:
        if any(n in m for n in names):
            c.problem(m.line, f"{what}: give 'target' and 'relation', or a key per relation, not both")
        target, relation = c.text(m, "target", what), c.text(m, "relation", what)
        if relation is not None and names and relation not in names:
            c.problem(m.lines["relation"], f"{what}: relation '{relation}' is not one of {', '.join(names)}")
        if target is not None and relation is not None:
            links.append(Link(target, relation))
    else:
        for name in names:
            if name in m:
                value = m[name]
                named = c.texts(m, name, what) if isinstance(value, YSeq) else (c.text(m, name, what),)
                links += [Link(t, name) for t in named if t is not None]
        if not any(n in m for n in names):
            c.problem(m.line, f"{what}: no target (give 'target' and 'relation', or a key per relation)")
    per_relation = [(k.relation, k.target) for k in links]
    if len(set(per_relation)) != len(per_relation):
        c.problem(m.line, f"{what}: a target is listed twice under one relation")
    printed = c.text(m, "printed_label", what, optional=True)
    errata = _errata(c, m, what, printed, {k.target for k in links}, kinds)
    used = {e.kind for e in errata}
    targets = [k.target for k in links]
    flags = (
        (printed is not None, PRINTED_LABEL, "a printed_label"),
        (len(set(targets)) != len(targets), SELF_LISTED, "a target under two relations"),
        (counts.get(source, 0) > 1, DUPLICATE, "more than one entry for its source"),
    )
    for present, kind, reason in flags:
        if kinds is None or kind not in kinds:
            continue  # a file that records no such errata may have several entries for a source, say
        if present and kind not in used:
            c.problem(m.line, f"{what} has {reason} but no '{kind}' erratum")
        if kind in used and not present:
            c.problem(m.line, f"{what} has a '{kind}' erratum but not {reason}")
    return Entry(
        seq,
        source,
        tuple(links),
        printed,
        c.text(m, "note", what, optional=True),
        errata,
        _provenance(c, m, what),
        no_match,
    )


def _errata(
    c: _Checker,
    m: YMap,
    what: str,
    printed: str | None,
    targets: set[str],
    kinds: dict[str, tuple[str, ...]] | None,
) -> tuple[Erratum, ...]:
    out = []
    for e in c.mappings(m, "errata", what, optional=True):
        c.fields(e, f"an erratum of {what}", ("kind", "note"), ("printed", "resolved"))
        ewhat = f"an erratum of {what}"
        kind = c.text(e, "kind", ewhat) or ""
        if kinds is not None and kind and kind not in kinds:
            c.problem(e.lines["kind"], f"unknown erratum kind '{kind}' (errata_kinds: {', '.join(kinds)})")
        for needed in (kinds or {}).get(kind, ()):
            if needed not in e:
                c.problem(e.line, f"a '{kind}' erratum of {what} must give '{needed}'")
        printed_as = c.text(e, "printed", ewhat, optional=True)
        resolved = c.text(e, "resolved", ewhat, optional=True)
        if kind == PRINTED_LABEL and printed_as != printed:
            c.problem(e.line, f"a '{kind}' erratum of {what} must give its printed_label as 'printed'")
        if resolved is not None and resolved not in targets:
            c.problem(e.lines["resolved"], f"erratum resolves to '{resolved}', which {what} does not link to")
        out.append(Erratum(kind, c.text(e, "note", ewhat) or "", printed_as, resolved))
    return tuple(out)


def _provenance(c: _Checker, m: YMap, what: str) -> Mapping[str, str]:
    if "provenance" not in m:
        return MappingProxyType({})
    p = c.mapping(m["provenance"], m.lines["provenance"], f"the provenance of {what}")
    if p is None:
        return MappingProxyType({})
    c.fields(p, f"the provenance of {what}", (), PROVENANCE_FIELDS)
    out = {k: c.text(p, k, f"the provenance of {what}") or "" for k in p if k in PROVENANCE_FIELDS}
    at = out.get("reviewed_at")
    if at and not _utc_time(at):
        c.problem(
            p.lines["reviewed_at"],
            f"the provenance of {what}: reviewed_at '{at}' is no ISO 8601 UTC time "
            "(write it as 2026-12-05T10:15:00Z)",
        )
    return MappingProxyType(out)


def _utc_time(text: str) -> bool:
    """An ISO 8601 date and time in UTC: ``2026-12-05T10:15:00Z`` (or ``+00:00``)."""
    import datetime as dt

    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return "T" in text and when.utcoffset() == dt.timedelta(0)


def _coverage_shape(c: _Checker, doc: YMap, x: Crosswalk) -> Coverage | None:
    """The coverage declaration, and the counts the file alone can check; what needs the frameworks
    (every source has an entry, which targets have none) is checked in ``coverage``."""
    m = c.mapping(doc["coverage"], doc.lines["coverage"], "'coverage'")
    if m is None:
        return None
    c.fields(m, "'coverage'", ("entries",), COVERAGE_FIELDS)
    unlinked = c.texts(m, "unlinked_targets", "'coverage'") if "unlinked_targets" in m else None
    scope = c.text(m, "sources", "'coverage'", optional=True)
    if scope is not None and scope != "all":
        c.problem(m.lines["sources"], f"'sources' of 'coverage' must be 'all', found '{scope}'")
    links = None
    if "links" in m:
        per = c.mapping(m["links"], m.lines["links"], "'links' of 'coverage'")
        if per is not None:
            counted = [(name, c.integer(per, name, "'links' of 'coverage'")) for name in per]
            links = tuple((name, n) for name, n in counted if n is not None)
    declared = Coverage(
        c.integer(m, "entries", "'coverage'"), scope == "all", links,
        c.integer(m, "errata", "'coverage'", optional=True),
        c.integer(m, "source_notes", "'coverage'", optional=True), unlinked,
    )  # fmt: skip
    if declared.entries is not None and declared.entries != len(x.entries):
        found = len(x.entries)
        c.problem(m.lines["entries"], f"'coverage' declares {declared.entries} entries; the file has {found}")
    if c.problems:
        return declared  # the counts below would only repeat the problems already found
    listed = {"errata": sum(len(e.errata) for e in x.entries), "source_notes": len(x.source_notes)}
    for key, n in (("errata", declared.errata), ("source_notes", declared.source_notes)):
        if n is not None and n != listed[key]:
            c.problem(
                m.lines[key], f"'coverage' declares {n} {key.replace('_', ' ')}; the file lists {listed[key]}"
            )
    for name, n in declared.links or ():
        found = sum(1 for e in x.entries for k in e.links if k.relation == name)
        if n != found:
            c.problem(m.lines["links"], f"'coverage' declares {n} {name} links; the file has {found}")
    return declared


def coverage(path: Path, x: Crosswalk, sources: list[str], targets: list[str]) -> list[str]:
    """What the coverage declaration says about the two frameworks' leaf items."""
    declared = x.coverage
    if declared is None:
        return []
    problems = []
    if declared.sources_all:
        have = {e.source for e in x.entries}
        missing = [s for s in sources if s not in have]
        if missing:
            shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
            problems.append(
                f"{path}: 'coverage' says every source item has an entry; {len(missing)} have none: {shown}"
            )
    if declared.unlinked_targets is not None and x.relations:
        strongest = x.relations[0].name
        linked = {k.target for e in x.entries for k in e.links if k.relation == strongest}
        actual = [t for t in targets if t not in linked]
        if wrong := [t for t in declared.unlinked_targets if t not in actual]:
            problems.append(
                f"{path}: 'coverage' lists as unlinked {', '.join(wrong)}, but entries link them as "
                f"{strongest}"
            )
        if unlisted := [t for t in actual if t not in declared.unlinked_targets]:
            problems.append(
                f"{path}: no entry links {', '.join(unlisted)} as {strongest}, and 'coverage' does not say so"
            )
    return problems
