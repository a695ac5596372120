"""``crosswalk standard``: an item of a crosswalk's target framework and the items linked to it, relation by
relation; an item above the leaves with its children counted; and ``crosswalk standards``, every top
item with its children counted. Every word a page shows of the frameworks comes from the data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..formats.shape import View, stacked
from ..queries.records import FROM, ItemRef, Linked
from .common import (
    PART,
    PARTS,
    PUBLISHED_FIELD,
    THEME_MATCH,
    THEME_MATCH_DOC,
    counted,
    drafted_keys,
    filter_fact,
    item_tags,
    link_notes,
    link_source,
)
from .fields import BOOL, INT, INTS, MAYBE_STR, STR, STRS, Context, Entity, Field, counts, head, many, one
from .words import Words, cap, joined

if TYPE_CHECKING:
    from ..queries.item import ChildCount, ItemPage
    from ..queries.lists import Counted, CountedList


def _link_id(link: Linked, ctx: Context) -> str:
    ident = link.item.code
    if link.printed_label:
        ident += f"\n(printed {link.printed_label})"
    if link.via is not None and ctx.words is not None:
        ident += f"\n{ctx.words.via(link.via)}"
    return ident


def _parent(link: Linked) -> ItemRef:
    return link.context[-1] if link.context else link.item


LINKED_INDICATOR: Entity[Linked] = Entity(
    "linked_indicator",
    "An item of the crosswalk's source framework seen from an item of its target framework.",
    (
        Field("standard", text=lambda x, ctx: ctx.subject),
        Field(
            "id", STR, lambda x: x.item.code, table=_link_id, column=head("ID", style="bold", max_width=10)
        ),
        Field("relation", STR, lambda x: x.relation),
        Field(
            "via",
            MAYBE_STR,
            lambda x: x.via.code if x.via else None,
            doc="the item's ancestor the link names, where it is linked to the whole of it",
        ),
        Field(
            "domain", STR, lambda x: x.context[0].code if x.context else x.item.code, doc="its top ancestor"
        ),
        Field("competency", STR, lambda x: _parent(x).code, doc="its parent"),
        Field("competency_title", STR, lambda x: _parent(x).title),
        Field("competency_line", text=lambda x, _: f"{_parent(x).code} {_parent(x).title}"),
        Field(
            "text",
            STR,
            lambda x: x.item.text,
            table=lambda x, _: x.item.full_text,
            column=head("Text", ratio=1, sub="competency_line"),
        ),
        PARTS,
        Field(
            "themes",
            STRS,
            lambda x: list(x.item.tags),
            table=lambda x, ctx: item_tags(x.item, x.tag_match, ctx),
            column=head("Tags", no_wrap=True),
        ),
        Field("themes_incomplete", BOOL, lambda x: x.item.tags_incomplete),
        Field("theme_match", THEME_MATCH, lambda x: x.tag_match, doc=THEME_MATCH_DOC),
        Field("printed_label", MAYBE_STR, lambda x: x.printed_label),
        Field("entries", INTS, lambda x: list(x.entries), doc="positions (1-based) of the crosswalk entries"),
        PUBLISHED_FIELD,
        link_source(),
    ),
    csv=(
        "standard",
        "relation",
        "via",
        "id",
        "domain",
        "competency",
        "competency_title",
        "text",
        "parts",
        "themes",
        "themes_incomplete",
        "printed_label",
        "theme_match",
        "published",
        "provenance",
    ),
    table=("id", "text", "themes"),
)


BY_RELATION = {"type": "object", "additionalProperties": INT}


def count_entity(relations: Sequence[str] = ()) -> Entity[ChildCount]:
    """A child item with how many items each relation links to it: a key per relation in JSON, a column
    per relation in tables and CSV."""

    def per(n: int, name: str) -> Field[ChildCount]:
        return Field(name, text=lambda c, _: str(c.counts[n]), column=head(cap(name), no_wrap=True))

    return Entity(
        "indicator_count",
        "An item with how many items each relation of the crosswalk links to it (a key per relation).",
        (
            Field("standard", text=lambda c, _: c.parent),
            Field("id", STR, lambda c: c.item.code, column=head("ID", no_wrap=True, style="bold")),
            Field("code", STR, lambda c: c.item.label or c.item.code, column=head("Code", no_wrap=True)),
            Field("name", STR, lambda c: c.item.title, column=head("Item", ratio=3)),
            Field("counts", BY_RELATION, lambda c: dict(zip(relations, c.counts, strict=True)), spread=True),
            *(per(n, name) for n, name in enumerate(relations)),
            Field(
                "drafted",
                INT,
                lambda c: c.drafted,
                column=head("Drafted", no_wrap=True),
                doc="of the links counted, those no source publishes: drafted by crosswalk suggest",
            ),
        ),
        csv=("standard", "id", "code", "name", *relations, "drafted"),
        table=("id", "code", "name", *relations),
    )


STANDARD_REF: Entity[ItemRef] = Entity(
    "standard_ref",
    "An item, named.",
    (
        Field("id", STR, lambda s: s.code),
        Field("numeral", STR, lambda s: s.label or s.code),
        Field("name", STR, lambda s: s.title),
    ),
)
STANDARD: Entity[ItemRef] = Entity(
    "standard", "An item above the leaves.", (*STANDARD_REF.fields, Field("statement", STR, lambda s: s.text))
)
STANDARD_INDICATOR: Entity[ItemPage] = Entity(
    "standard_indicator",
    "An item and its parent.",
    (
        Field("id", STR, lambda r: r.item.code),
        Field("code", STR, lambda r: r.item.label or r.item.code),
        Field("name", STR, lambda r: r.item.title),
        Field("text", STR, lambda r: r.item.text),
        Field("elements", many(PART), lambda r: r.item.parts),
        Field("standard", one(STANDARD_REF), lambda r: r.parent or r.item),
    ),
)


def _links(r: ItemPage) -> list[Linked]:
    return list(r.linked(FROM))


def indicator_doc(relations: Sequence[str] = ()) -> Entity[ItemPage]:
    return Entity(
        "standard_indicator_result",
        "crosswalk standard ID, for a leaf item: the items linked to it, relation by relation.",
        (
            Field("kind", {"const": "indicator"}, lambda r: "indicator"),
            Field("standard", one(STANDARD_INDICATOR), lambda r: r),
            Field("theme_filter", STRS, lambda r: list(r.tag_filter)),
            Field(
                "counts",
                BY_RELATION,
                lambda r: {name: len(r.linked(FROM, name)) for name in _relations(r)},
                doc="how many items each relation links to it",
            ),
            Field("competencies", many(LINKED_INDICATOR), _links),
        ),
    )


def standard_doc(relations: Sequence[str] = ()) -> Entity[ItemPage]:
    return Entity(
        "standard_result",
        "crosswalk standard ID, for an item above the leaves: its children counted, and what is linked to "
        "all of it.",
        (
            Field("kind", {"const": "standard"}, lambda r: "standard"),
            Field("standard", one(STANDARD), lambda r: r.item),
            Field("theme_filter", STRS, lambda r: list(r.tag_filter)),
            Field("indicators", many(count_entity(relations)), lambda r: r.child_counts),
            Field(
                "competencies", many(LINKED_INDICATOR), lambda r: [k._replace(via=r.item) for k in _links(r)]
            ),
        ),
    )


def standards_doc(relations: Sequence[str] = ()) -> Entity[CountedList]:
    entity = count_entity(relations)
    counted_standard: Entity[Counted] = Entity(
        "standard_counted",
        "A top item with its children counted.",
        (
            Field("id", STR, lambda r: r.item.code),
            Field("numeral", STR, lambda r: r.item.label or r.item.code),
            Field("name", STR, lambda r: r.item.title),
            Field("statement", STR, lambda r: r.item.text),
            Field("indicators", many(entity), lambda r: r.children),
        ),
    )
    return Entity(
        "standards_result",
        "crosswalk standards: every top item of the target framework and its children, counted.",
        (
            Field("standards", many(counted_standard), lambda r: r.items),
            Field(
                "counts",
                counts("standards", "indicators"),
                lambda r: {"standards": len(r.items), "indicators": sum(len(v.children) for v in r.items)},
            ),
        ),
    )


def _relations(r: ItemPage) -> tuple[str, ...]:
    return r.crosswalk.relation_names if r.crosswalk else ()


def _count_keys(relations: Sequence[str], counted: Sequence[ChildCount]) -> tuple[str, ...]:
    """A count table's columns: a column per relation, and the drafted links where some are."""
    keys = ("id", "code", "name", *relations)
    return (*keys, "drafted") if any(c.drafted for c in counted) else keys


def words_of(r: ItemPage) -> Words:
    return Words(r.framework, r.crosswalk, r.other)


def view(r: ItemPage) -> View:
    words = words_of(r)
    return _whole(r, words) if r.children else _leaf(r, words)


def _headers(words: Words, links: Sequence[Linked]) -> dict[str, str]:
    level = cap(words.level(links[0].item).name) if links else "Item"
    return {"text": level, "themes": cap(words.tags)}


def _leaf(r: ItemPage, words: Words) -> View:
    ref, parent = r.item, r.parent
    ctx = Context(words, r.tag_filter, ref.code)
    links = _links(r)
    headers = _headers(words, links)
    keys = drafted_keys(LINKED_INDICATOR.table, any(k.drafted for k in links))
    where = f"{ref.code}, {words.item_name(parent)}: {parent.title}" if parent else ref.code
    title = f"{ref.label + ' ' if ref.label else ''}{ref.title or ref.text}  ({where})"
    assert r.crosswalk is not None
    sections = tuple(
        LINKED_INDICATOR.section(
            f"{rel.heading}: {counted(r.linked(FROM, rel.name), r.tag_filter)}",
            r.linked(FROM, rel.name),
            ctx,
            keys=keys,
            headers=headers,
        )
        for rel in r.crosswalk.relations
    )
    return View(
        command="standard",
        title=title,
        payload=indicator_doc(_relations(r)).item(r),
        facts=((cap(words.level(ref).text), ref.full_text), *filter_fact(words, r.tags, r.tag_filter)),
        sections=sections,
        notes=link_notes(words, links, r.tag_filter),
        csv=LINKED_INDICATOR.csv_section("links", links, ctx),
    )


def _whole(r: ItemPage, words: Words) -> View:
    ref = r.item
    ctx = Context(words, r.tag_filter, ref.code)
    whole = [k._replace(via=ref) for k in _links(r)]
    relations = _relations(r)
    entity = count_entity(relations)
    child = words.level(r.children[0])
    count_headers = {"name": cap(child.name)}
    name = words.item_name(ref)
    counts_title = f"{cap(words.names(child))}: {len(r.child_counts)}"
    sections = [entity.section(counts_title, r.child_counts, ctx, keys=_count_keys(relations, r.child_counts),
                               headers=count_headers)]  # fmt: skip
    whole_title = f"Aligned to {name} as a whole: {len(whole)}"
    if whole:
        keys = drafted_keys(LINKED_INDICATOR.table, any(k.drafted for k in whole))
        sections.append(
            LINKED_INDICATOR.section(whole_title, whole, ctx, keys=keys, headers=_headers(words, whole))
        )
    notes: list[str] = []
    if any(k.relation == relations[0] for k in whole):
        sources = words.names_long(words.level(whole[0].item))
        notes.append(
            f"{cap(joined(list(relations)))} count the {sources} linked to each {child.name}; {relations[0]} "
            f"includes those aligned to the whole {words.level(ref).name}."
        )
    if r.tag_filter:
        source = r.other.level(len(r.other.levels) - 1) if r.other is not None else child
        names = words.names(source)
        notes.append(
            f"With --theme, the counts include {names} whose {words.tags} may be incomplete "
            f"({words.lost('tags_lost_short')}), as they may carry {' or '.join(r.tag_filter)}."
        )
    return View(
        command="standard",
        title=f"{name}: {ref.title}  ({ref.code})",
        payload=standard_doc(relations).item(r),
        facts=((cap(words.level(ref).text), ref.text), *filter_fact(words, r.tags, r.tag_filter)),
        sections=tuple(sections),
        notes=(*notes, *link_notes(words, whole, r.tag_filter)),
        csv=stacked(
            entity.csv_section("indicators", r.child_counts, ctx),
            LINKED_INDICATOR.csv_section("competencies", whole, ctx),
        ),
    )


def standards_view(r: CountedList) -> View:
    words = Words(r.framework, r.crosswalk, r.source)
    ctx = Context(words)
    relations = r.crosswalk.relation_names
    entity = count_entity(relations)
    top = r.framework.level(0)
    child = r.framework.level(1)
    sections = tuple(
        entity.section(
            f"{words.item_name(v.item)}: {v.item.title} ({v.item.code})",
            v.children,
            ctx,
            keys=_count_keys(relations, v.children),
            headers={"name": cap(child.name)},
        )
        for v in r.items
    )
    total = sum(len(v.children) for v in r.items)
    return View(
        command="standards",
        title=f"{r.framework.title}: {len(r.items)} {words.names(top, len(r.items))}, {total} "
        f"{words.names(child, total)}",
        payload=standards_doc(relations).item(r),
        sections=sections,
        notes=(
            words.phrase(
                "list_note", sources=r.source.level(len(r.source.levels) - 1).plural, parent=top.name
            ),
        ),
        csv=entity.csv_section("indicators", [c for v in r.items for c in v.children], ctx),
    )


INDICATOR_DOC = indicator_doc()
STANDARD_DOC = standard_doc()
STANDARDS_DOC = standards_doc()
