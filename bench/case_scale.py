"""Write a synthetic CASE 1.1 package: one CFDocument, N CFItems in a tree, one isChildOf per item.

python bench/case_scale.py OUT.json [N]    (N defaults to 100,000)

The tree has ten items at the top and ten children under each item, in order, until N items are
placed: five levels for 100,000. Each item carries what OpenSALT serves (identifier, uri, statements,
codes, a type, keywords, a date), so the file is the size a real package of that many items would be.
It is for measuring `crosswalk import case` and the first lookup on what it wrote, for example:

    python bench/case_scale.py /tmp/big.json
    /usr/bin/time -v crosswalk import case /tmp/big.json --out /tmp/big
    /usr/bin/time -v crosswalk --help >/dev/null; /usr/bin/time -v crosswalk items F1 --data-dir /tmp/big
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

BASE = "https://case.example.org/"
FANOUT = 10
TYPES = ("Domain", "Standard", "Element", "Indicator", "Example", "Detail")
WORDS = ("Equity", "Vision", "Community", "Data", "Instruction", "Culture", "Operations")
DATE = "2024-05-14T09:30:00+00:00"


def _id(kind: str, n: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{BASE}{kind}/{n}"))


def _ref(title: str, ident: str) -> dict[str, str]:
    return {"title": title, "identifier": ident}


def _parent(n: int) -> int | None:
    """The index of item ``n``'s parent, None for the top level."""
    return None if n < FANOUT else n // FANOUT - 1


def _depth(n: int) -> int:
    depth = 0
    while (p := _parent(n)) is not None:
        n, depth = p, depth + 1
    return depth


def _code(n: int) -> str:
    parts = []
    while n is not None:
        parts.append(str(n % FANOUT + 1))
        n = _parent(n)  # type: ignore[assignment]
    return "S." + ".".join(reversed(parts))


def items(count: int) -> Iterator[dict[str, Any]]:
    for n in range(count):
        kind = TYPES[min(_depth(n), len(TYPES) - 1)]
        yield {
            "identifier": _id("item", n),
            "uri": BASE + _id("item", n),
            "fullStatement": f"Lead the school's work on {WORDS[n % len(WORDS)].lower()} so that every "
            f"learner is known and supported ({n}).",
            "abbreviatedStatement": f"{WORDS[n % len(WORDS)]} {n}",
            "humanCodingScheme": _code(n),
            "conceptKeywords": [WORDS[n % len(WORDS)]],
            "CFItemType": kind,
        }


def associations(count: int, document: dict[str, str]) -> Iterator[dict[str, Any]]:
    for n in range(count):
        parent = _parent(n)
        destination = document if parent is None else _ref(_code(parent), _id("item", parent))
        yield {
            "identifier": _id("association", n),
            "associationType": "isChildOf",
            "originNodeURI": _ref(_code(n), _id("item", n)),
            "destinationNodeURI": destination,
            "sequenceNumber": n % FANOUT + 1,
        }


def package(count: int) -> dict[str, Any]:
    doc_id = _id("document", count)
    document = {
        "identifier": doc_id,
        "uri": BASE + doc_id,
        "creator": "Scale Test",
        "title": f"Scale Test Standards ({count} items)",
        "lastChangeDateTime": DATE,
        "caseVersion": "1.1",
        "publisher": "Scale Test Board",
        "version": "1.0",
        "adoptionStatus": "Draft",
        "statusStartDate": "2024-05-01",
        "language": "en",
    }
    return {
        "CFDocument": document,
        "CFItems": list(items(count)),
        "CFAssociations": list(associations(count, _ref(document["title"], doc_id))),
        "CFDefinitions": {},
    }


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    count = int(argv[1]) if len(argv) == 2 else 100_000
    text = json.dumps(package(count), ensure_ascii=False, separators=(",", ":"))
    Path(argv[0]).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
