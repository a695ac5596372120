"""``crosswalk competency``: an item of a crosswalk's source framework and the items it is linked to, with
its text, parts, tags and errata; an item above the leaves with its children listed; and
``crosswalk competencies``, the source framework's leaves grouped by parent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..formats.shape import View
from ..queries.records import TO, ItemRef, Linked
from .common import (
    DRAFTED_NOTE,
    ERRATUM,
    ITEM_ROW,
    PUBLISHED_FIELD,
    drafted_keys,
    filter_fact,
    grouped,
    link_notes,
    link_source,
    row_headers,
)
from .fields import BOOL, INT, INTS, STR, STRS, Context, Entity, Field, counts, head, many, one
from .words import Words, cap

if TYPE_CHECKING:
    from ..queries.item import ItemPage
    from ..queries.lists import ItemList, Parent


def _is_whole(s: Linked) -> bool:
    """An item above its framework's leaves, linked as a whole (it has no parent here)."""
    return not s.context


def _parent_title(s: Linked) -> str:
    return s.context[-1].title if s.context else s.item.title


def _level(s: Linked, ctx: Context) -> str:
    return ctx.words.level(s.item).name if ctx.words is not None else "item"


LINKED_STANDARD: Entity[Linked] = Entity(
    "linked_standard",
    "An item of the crosswalk's target framework (a leaf, or a whole item above the leaves) seen from an "
    "item of its source framework.",
    (
        Field("competency", text=lambda s, ctx: ctx.subject),
        Field("id", STR, lambda s: s.item.code, column=head("ID", no_wrap=True, style="bold")),
        Field(
            "relation",
            STR,
            lambda s: s.relation,
            table=lambda s, ctx: s.relation + (f" (whole {_level(s, ctx)})" if _is_whole(s) else ""),
            column=head("Relation", no_wrap=True),
        ),
        Field("code", STR, lambda s: s.item.label or s.item.code, column=head("Code", no_wrap=True)),
        Field(
            "name",
            STR,
            lambda s: s.item.title,
            table=lambda s, _: s.item.title if _is_whole(s) else f"{s.item.title} ({_parent_title(s)})",
            column=head("Item", ratio=3),
        ),
        Field("standard", STR, _parent_title, doc="its parent's title (its own, for a whole item)"),
        Field("whole_standard", BOOL, _is_whole),
        Field("entries", INTS, lambda s: list(s.entries), doc="positions (1-based) of the crosswalk entries"),
        PUBLISHED_FIELD,
        link_source(),
    ),
    csv=(
        "competency",
        "id",
        "code",
        "relation",
        "name",
        "standard",
        "whole_standard",
        "published",
        "provenance",
    ),
    table=("id", "code", "relation", "name"),
)


def _ref(entity: str, doc: str) -> Entity[ItemRef]:
    return Entity(entity, doc, (Field("code", STR, lambda d: d.code), Field("name", STR, lambda d: d.title)))


DOMAIN_REF = _ref("domain_ref", "A top-level item, named.")
COMPETENCY_REF: Entity[ItemRef] = Entity(
    "competency_ref",
    "An item, named.",
    (Field("id", STR, lambda c: c.code), Field("title", STR, lambda c: c.title)),
)


def _top(r: ItemPage) -> ItemRef:
    return r.ancestors[0] if r.ancestors else r.item


COMPETENCY_INDICATOR: Entity[ItemPage] = Entity(
    "competency_indicator",
    "An item, its parts and tags, its top ancestor and parent.",
    (
        Field("id", STR, lambda r: r.item.code),
        Field("text", STR, lambda r: r.item.text),
        Field("subitems", STRS, lambda r: [p.text for p in r.item.parts]),
        Field("themes", STRS, lambda r: list(r.item.tags)),
        Field("themes_from_crosswalk", STRS, lambda r: list(r.item.tags_recovered)),
        Field("themes_incomplete", BOOL, lambda r: r.item.tags_incomplete),
        Field("domain", one(DOMAIN_REF), _top),
        Field("competency", one(COMPETENCY_REF), lambda r: r.parent or r.item),
    ),
)
INDICATOR_DOC: Entity[ItemPage] = Entity(
    "competency_indicator_result",
    "crosswalk competency ID, for a leaf item: the items it is linked to, its errata and notes.",
    (
        Field("kind", {"const": "indicator"}, lambda r: "indicator"),
        Field("indicator", one(COMPETENCY_INDICATOR), lambda r: r),
        Field("printed_labels", STRS, lambda r: list(r.printed_labels)),
        Field("standards", many(LINKED_STANDARD), lambda r: r.linked(TO)),
        Field("errata", many(ERRATUM), lambda r: r.errata),
        Field("notes", STRS, lambda r: list(r.entry_notes)),
    ),
)
COMPETENCY: Entity[ItemPage] = Entity(
    "competency",
    "An item above the leaves and its top ancestor.",
    (
        Field("id", STR, lambda r: r.item.code),
        Field("title", STR, lambda r: r.item.title),
        Field("domain", one(DOMAIN_REF), _top),
    ),
)
COMPETENCY_DOC: Entity[ItemPage] = Entity(
    "competency_result",
    "crosswalk competency ID, for an item above the leaves: its children.",
    (
        Field("kind", {"const": "competency"}, lambda r: "competency"),
        Field("competency", one(COMPETENCY), lambda r: r),
        Field("indicators", many(ITEM_ROW), lambda r: r.child_rows),
    ),
)
DETAILS = {"type": "object", "additionalProperties": {"type": "string"}}
DOMAIN: Entity[ItemRef] = Entity(
    "domain",
    "A grouping item (a domain) with its details, each a key of its own.",
    (
        Field("code", STR, lambda d: d.code),
        Field("number", STR, lambda d: d.label or ""),
        Field("name", STR, lambda d: d.title),
        Field(
            "details",
            DETAILS,
            lambda d: dict(d.details),
            doc="its further named texts, as printed",
            spread=True,
        ),
    ),
)
COMPETENCY_COUNTED: Entity[Parent] = Entity(
    "competency_counted",
    "An item with how many children it has.",
    (
        Field("id", STR, lambda c: c.item.code),
        Field("domain", STR, lambda c: c.top, doc="its top ancestor"),
        Field("title", STR, lambda c: c.item.title),
        Field("indicators", INT, lambda c: c.size),
    ),
)

COMPETENCIES_DOC: Entity[ItemList] = Entity(
    "competencies_result",
    "crosswalk competencies: the grouping items, the leaves' parents and the leaves (by --domain, --theme).",
    (
        Field("domains", many(DOMAIN), lambda r: r.groups),
        Field("competencies", many(COMPETENCY_COUNTED), lambda r: r.parents),
        Field("indicators", many(ITEM_ROW), lambda r: r.rows),
        Field("theme_filter", STRS, lambda r: list(r.tag_filter)),
        Field(
            "counts",
            counts("domains", "competencies", "indicators"),
            lambda r: {"domains": len(r.groups), "competencies": len(r.parents), "indicators": len(r.rows)},
        ),
    ),
)


def view(r: ItemPage) -> View:
    words = Words(r.framework, r.crosswalk, r.other)
    return _whole(r, words) if r.children else _leaf(r, words)


def _facts(r: ItemPage, words: Words) -> list[tuple[str, str]]:
    return [(cap(words.level(a).name), words.group_fact(a)) for a in r.ancestors]


def _leaf(r: ItemPage, words: Words) -> View:
    ref = r.item
    names = {t.code: t.name for t in r.tags}
    tag_text = ", ".join(f"{t} {names.get(t, '')}".strip() for t in ref.tags) or "none printed"
    if ref.tags_recovered:
        tag_text += f" ({', '.join(ref.tags_recovered)} {words.phrase('tags_recovered')})"
    if ref.tags_incomplete:
        tag_text += f" ({words.lost()}: may be incomplete)"
    facts = [*_facts(r, words), (cap(words.level(ref).text), ref.full_text), (cap(words.tags), tag_text)]
    if r.printed_labels:
        facts.append(("Printed as", ", ".join(r.printed_labels)))
    ctx = Context(words, subject=ref.code)
    links = r.linked(TO)
    headers = {"name": cap(words.level(links[0].item).long) if links else "Item"}
    if links and r.other is not None:
        leaf = r.other.level(len(r.other.levels) - 1)
        headers["name"] = cap(leaf.long)
    top = r.other.level(0) if r.other is not None else None
    heading = cap(words.names(top)) if top is not None else "Links"
    return View(
        command="competency",
        title=f"{ref.code}  {' › '.join(a.title for a in r.ancestors)}",
        payload=INDICATOR_DOC.item(r),
        facts=tuple(facts),
        sections=(
            LINKED_STANDARD.section(
                f"{heading}: {len(links)}",
                links,
                ctx,
                keys=drafted_keys(LINKED_STANDARD.table, any(k.drafted for k in links)),
                headers=headers,
            ),
        ),
        notes=(
            *r.entry_notes,
            *(f"Erratum: {e.note}" for e in r.errata),
            *((DRAFTED_NOTE,) if any(k.drafted for k in links) else ()),
        ),
        csv=LINKED_STANDARD.csv_section("standards", links, ctx),
    )


def _whole(r: ItemPage, words: Words) -> View:
    ref = r.item
    ctx = Context(words)
    child = words.level(r.children[0])
    return View(
        command="competency",
        title=f"{ref.code}  {ref.title}",
        payload=COMPETENCY_DOC.item(r),
        facts=tuple(_facts(r, words)),
        sections=(
            ITEM_ROW.section(
                f"{cap(words.names(child))}: {len(r.child_rows)}",
                r.child_rows,
                ctx,
                headers=row_headers(words, r.child_rows),
            ),
        ),
        notes=link_notes(words, r.child_rows),
        csv=ITEM_ROW.csv_section("indicators", r.child_rows, ctx),
    )


def competencies_view(r: ItemList) -> View:
    words = Words(r.framework, r.crosswalk)
    ctx = Context(words, r.tag_filter)
    sizes = {}  # depth -> how many are listed: the grouping items, the rows' parents, the rows
    for depth, n in ((g.depth, len(r.groups)) for g in r.groups[:1]):
        sizes[depth] = n
    if r.parents:
        sizes[r.parents[0].item.depth] = len(r.parents)
    if r.rows:
        sizes[r.rows[0].item.depth] = len(r.rows)
    parts = [f"{n} {words.names(r.framework.level(depth), n)}" for depth, n in sorted(sizes.items())]
    return View(
        command="competencies",
        title=f"{r.framework.title}: {', '.join(parts)}",
        payload=COMPETENCIES_DOC.item(r),
        facts=filter_fact(words, r.tags, r.tag_filter),
        sections=grouped(r.rows, lambda row: f"{row.context[-1].code} {row.context[-1].title}", ctx, words),
        notes=link_notes(words, r.rows, r.tag_filter),
        csv=ITEM_ROW.csv_section("indicators", r.rows, ctx),
    )
