"""CASE 1.1 (1EdTech Competencies and Academic Standards Exchange) as crosswalk writes and reads it: what
goes where, the identifiers and uris, and our extension. caseout.py writes the packages from the
store; caseimport/ reads them back.

A framework package: its CFDocument, its items (``humanCodingScheme`` the code, ``abbreviatedStatement`` the
title, ``fullStatement`` the text, ``alternativeLabel`` the printed label, a CFItemType per level, tags as
CFConcepts and ``conceptKeywords``), each item's parts (elements, sub-items) as CFItems under it (the label
its ``listEnumeration``, the title its ``abbreviatedStatement``, the text its ``fullStatement``), its tree
as ``isChildOf``. A crosswalk package (caselinks.py): one ``isRelatedTo`` association per link, between the
identifiers the frameworks' own packages give their items, one CFAssociationGrouping per relation (titled by
its heading), one NO_MATCH association per decision that no target fits, an entry's notes, errata,
provenance and rationale in words in its associations' ``notes``, the review (status, reviewers, decisions)
in the document's.

What CASE has no field for travels in the ``extensions`` CASE 1.1 allows on CFDocument, CFItem and
CFAssociation, under the key EXTENSION: a document's header (our framework or crosswalk id, levels or
relations with their headings, reviewers, the other header fields), phrases, tags, notes, source notes and
review record; an item's text where its statement is not that text, its tags, tag marks and details, and
that a CFItem is a part; an entry's number, and on its first association its printed label, note, errata,
provenance (every key: method, score, reviewer, time, rationale ...) and ``no_match``. So ``crosswalk
import case`` gives back what was exported; the human-readable ``notes`` say the same in words. What the
store does not keep (a crosswalk's coverage declaration, a file's seal) does not travel.

Dates: a framework's document, definitions and associations carry its date; a crosswalk's the latest of its
date and its decisions' times, and each association its own decision's time. A definition's identifier is
made from its content (definition_identifier), so no identifier stands for two contents in two packages.

Each object has exactly the fields the CASE 1.1 CFPackage binding allows it. Identifiers are those the data
keeps (``case_identifier``) or UUID version 5 from a fixed namespace and our ids, so every export is the
same; ``uri``s are the data's, ``urn:uuid:`` URIs, or, given a base URI, ``{base}/{identifier}`` (OpenSALT
serves every object at ``{server}/uri/{identifier}``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import CrosswalkError, ExitStatus

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/crosswalk-cli/")
CASE_VERSION = "1.1"
EXTENSION = "crosswalk-cli"  # our key in a CASE object's extensions
RELATION_GROUPING = "Links of relation '{}'"  # a relation's grouping's description (import reads it back)
# A person's decision that no item of the target framework fits a source item: an association of this
# extension type (CASE 1.1 allows 'ext:' types) from the item to the target framework's document.
NO_MATCH = "ext:noMatchIn"
Mint = Callable[[str], str]


class BaseUriError(CrosswalkError):
    exit_code = ExitStatus.USAGE


def uri_minter(base_uri: str | None) -> Mint:
    """How an identifier becomes a ``uri``: ``urn:uuid:{id}``, or ``{base}/{id}`` under a web server."""
    if base_uri is None:
        return lambda ident: f"urn:uuid:{ident}"
    import re
    from urllib.parse import urlsplit

    hint = "give an absolute http(s) URL without query or fragment, e.g. https://case.example.org/uri"
    # RFC 3986 characters only (no spaces, quotes, angle brackets, braces or controls); no ? or #.
    ok = re.fullmatch(r"[A-Za-z0-9\-._~:/\[\]@!$&'()*+,;=%]+", base_uri) is not None
    try:
        parts = urlsplit(base_uri)
        ok = ok and parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a malformed IPv6 host or port
        ok = False
    if not ok:
        shown = base_uri if len(base_uri) <= 80 else base_uri[:80] + "…"
        raise BaseUriError(f"--base-uri {shown!r}: {hint}")
    base = base_uri.rstrip("/")
    return lambda ident: f"{base}/{ident}"


def package_bytes(package: dict[str, Any]) -> bytes:
    """A package as its file holds it: UTF-8 JSON, two-space indents. What a terminal would act on and json
    leaves raw (C1 controls, bidirectional overrides, line separators, noncharacters, half a surrogate
    pair) is written as ``\\uXXXX``: the same data to a JSON reader, nothing raw to ``cat``."""
    import json

    from ..text.safe import json_safe

    return (json_safe(json.dumps(package, indent=2, ensure_ascii=False)) + "\n").encode()


def identifier(kind: str, ident: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{ident}"))


def definition_identifier(kind: str, content: Mapping[str, Any]) -> str:
    """A definition's identifier (a licence, item type, concept or grouping) made from all it says, so that
    two packages that define it differently give it two identifiers: a server that keeps one object per
    identifier (OpenSALT) then keeps both, each right for its package."""
    import json

    return identifier(kind, json.dumps(content, sort_keys=True, ensure_ascii=False))


def case_time(text: str | None) -> str | None:
    """A CASE date-time (UTC, ``+00:00``) from a date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``: its first
    moment) or an ISO 8601 time with a zone (``2026-12-05T10:15:00Z``); None for anything else."""
    import datetime as dt
    import re

    if not text:
        return None
    if re.fullmatch(r"\d{4}(-\d\d){0,2}", text):
        parts = [*text.split("-"), "01", "01"][:3]
        try:
            day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            return None
        return f"{day.isoformat()}T00:00:00+00:00"
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.utcoffset() is None or "T" not in text:
        return None
    return when.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def item_identifier(framework: str, code: str) -> str:
    """The identifier an item gets when its data keeps none."""
    return identifier(f"item:{framework}", code)


def document_identifier(kind: str, ident: str) -> str:
    """The identifier a framework's or crosswalk's document gets when its data keeps none."""
    return identifier("document", f"{kind}:{ident}")


def minted(ident: str, uri: str) -> bool:
    """Whether ``uri`` is one an export makes from the identifier alone (so need not be kept)."""
    return uri == f"urn:uuid:{ident}" or uri.endswith(f"/{ident}")


def statements(record: Mapping[str, Any]) -> dict[str, str]:
    """The CASE fields an item's record (as its data file writes it) fills: import checks them against the
    package, so that text changed in another tool is never overruled by our extension. (Its parts are
    CFItems of their own.)"""
    out = {
        "humanCodingScheme": record["code"],
        "fullStatement": record.get("text") or record.get("title") or record["code"],
    }
    if record.get("title"):
        out["abbreviatedStatement"] = record["title"]
    return out


CASE_HELD = ("case_identifier", "case_uri", "title", "publisher")


def item_extension(record: Mapping[str, Any]) -> dict[str, Any]:
    """What of an item's record its CASE fields do not hold: its text where its full statement is not
    that text (it has none), its tags and their marks, and details. (Its code, title and label are its
    humanCodingScheme, abbreviatedStatement and alternativeLabel; its parts CFItems under it.)"""
    out = {k: v for k, v in record.items() if k not in ("code", "label", "title", "text", "parts")}
    if statements(record)["fullStatement"] != record.get("text", ""):
        out = {"text": record.get("text", ""), **out}
    return out
