"""The MAPLE crosswalk as suggester inputs: competency indicators are the sources, standard
indicators the targets, the printed alignments the known links."""

from __future__ import annotations

from ..model import Crosswalk
from .items import KnownLink, Source, Target

PRIMARY = "primary"
ADDITIONAL = "additional"


def maple_inputs(cw: Crosswalk) -> tuple[list[Source], list[Target], list[KnownLink]]:
    """Sources, targets and links, in framework order. A link to a whole standard counts as a link
    to each of its indicators, its weight shared among them. An indicator printed twice keeps every
    link, each target once, its strongest relation first (so it may have two primaries)."""
    sources = [
        Source(
            id=i.id,
            text=i.text,
            context=i.subitems,
            parent_text=cw.competencies[i.competency].title,
            group=i.competency,
            area=i.domain,
            tags=i.themes,
        )
        for i in cw.indicators.values()
    ]
    targets = [
        Target(
            id=si.id,
            text=si.text,
            name=si.name,
            parent_text=cw.standards[si.standard].statement,
            elements=tuple(e.text for e in si.elements),
        )
        for si in cw.standard_indicators.values()
    ]
    chosen: dict[tuple[str, str], KnownLink] = {}
    for a in cw.alignments:
        for relation, ids in ((PRIMARY, (a.primary,)), (ADDITIONAL, a.additional)):
            for standard_id in ids:
                members = _members(cw, standard_id)
                for m in members:
                    key = (a.competency, m)
                    known = chosen.get(key)
                    if known is None or (known.relation != PRIMARY and relation == PRIMARY):
                        chosen[key] = KnownLink(a.competency, m, relation, 1.0 / len(members))
    return sources, targets, list(chosen.values())


def _members(cw: Crosswalk, standard_id: str) -> tuple[str, ...]:
    if standard_id in cw.standards:
        return cw.standards[standard_id].indicator_ids
    return (standard_id,)
