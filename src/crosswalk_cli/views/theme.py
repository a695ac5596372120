"""``crosswalk theme`` (the items carrying a tag, and those that may) and ``crosswalk themes`` (every tag of a
crosswalk's source framework, counted)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..formats.shape import View
from ..queries.records import Tag
from .common import DRAFTED_NOTE, ITEM_ROW, grouped, row_headers
from .fields import INT, STR, Context, Entity, Field, counts, head, many, one
from .words import Words, cap, count

if TYPE_CHECKING:
    from ..queries.lists import TagCount, TagList, TagPage

THEME: Entity[Tag] = Entity(
    "theme",
    "A tag of a framework (a recurring theme).",
    (
        Field("code", STR, lambda t: t.code),
        Field("name", STR, lambda t: t.name),
        Field("description", STR, lambda t: t.description),
        Field("source", STR, lambda t: t.source),
    ),
)
THEME_COUNT: Entity[TagCount] = Entity(
    "theme_count",
    "A tag, with how many items carry it.",
    (
        Field("code", STR, lambda t: t.tag.code, column=head("Code", no_wrap=True, style="bold")),
        Field("name", STR, lambda t: t.tag.name, column=head("Tag", ratio=2)),
        Field("description", STR, lambda t: t.tag.description, column=head("Description", ratio=4)),
        Field("indicators", INT, lambda t: t.items, column=head("Items", no_wrap=True)),
        Field("from_crosswalk", INT, lambda t: t.recovered, doc="of those, recovered from elsewhere"),
    ),
    csv=("code", "name", "indicators", "from_crosswalk", "description"),
    table=("code", "name", "indicators", "description"),
)
THEME_DOC: Entity[TagPage] = Entity(
    "theme_result",
    "crosswalk theme CODE: the items carrying a tag, and those that may.",
    (
        Field("theme", one(THEME), lambda r: r.tag),
        Field(
            "counts",
            counts("competencies", "themes_incomplete"),
            lambda r: {"competencies": len(r.rows), "themes_incomplete": len(r.possible)},
        ),
        Field("competencies", many(ITEM_ROW), lambda r: r.rows, doc="the items that list the tag"),
        Field(
            "themes_incomplete",
            many(ITEM_ROW),
            lambda r: r.possible,
            doc="items whose tags may be incomplete and that do not list it",
        ),
    ),
)
THEMES_DOC: Entity[TagList] = Entity(
    "themes_result",
    "crosswalk themes: every tag counted, every tagged item, and those whose tags may be incomplete.",
    (
        Field("themes", many(THEME_COUNT), lambda r: r.counts),
        # Top-level keys mean one thing in every command: `indicators` and `themes_incomplete` are lists of
        # items, as in `competencies` and `theme`; their numbers are under `counts`.
        Field("indicators", many(ITEM_ROW), lambda r: r.rows),
        Field("themes_incomplete", many(ITEM_ROW), lambda r: r.incomplete),
        Field(
            "counts",
            counts("themes", "indicators", "themes_incomplete"),
            lambda r: {
                "themes": len(r.counts),
                "indicators": len(r.rows),
                "themes_incomplete": len(r.incomplete),
            },
        ),
    ),
)


def theme_view(r: TagPage) -> View:
    t = r.tag
    words = Words(r.framework, r.crosswalk)
    ctx = Context(words, (t.code,))
    every = (*r.rows, *r.possible)
    level = words.level(every[0].item) if every else r.framework.level(len(r.framework.levels) - 1)
    sections = grouped(r.rows, lambda row: f"{row.context[0].code} {row.context[0].title}", ctx, words)
    if r.possible:
        title = f"May also carry {t.code} ({words.tags} may be incomplete): {len(r.possible)}"
        sections += (ITEM_ROW.section(title, r.possible, ctx, headers=row_headers(words, r.possible)),)
    note = (
        f"{len(r.possible)} more {words.names(level, len(r.possible))} {words.lost('tags_lost_many')} and "
        "may also carry "
        f"{t.code}: {', '.join(x.item.code for x in r.possible)}."
        if r.possible
        else ""
    )
    return View(
        command="theme",
        title=f"{t.code} {t.name}: {len(r.rows)} {words.names_long(level, len(r.rows))}",
        payload=THEME_DOC.item(r),
        facts=tuple(
            (label, value)
            for label, value in ((cap(words.tag), t.description), ("Source", t.source))
            if value
        ),
        sections=sections,
        notes=(*((note,) if note else ()), *((DRAFTED_NOTE,) if any(x.drafted for x in every) else ())),
        csv=ITEM_ROW.csv_section("competencies", every, ctx),
    )


def themes_view(r: TagList) -> View:
    words = Words(r.framework, r.crosswalk)
    ctx = Context(words)
    level = words.level(r.rows[0].item) if r.rows else r.framework.level(len(r.framework.levels) - 1)
    recovered = [f"{t.recovered} {t.tag.code}" for t in r.counts if t.recovered]
    notes = []
    if r.incomplete:
        notes.append(
            f"{len(r.incomplete)} of {len(r.rows)} {words.names(level, len(r.rows))} "
            f"{words.lost('tags_lost_many')} and "
            f"may carry more {words.tags} than listed."
        )
    if recovered:
        notes.append(f"{words.phrase('tags_recovered_heading')}: {', '.join(recovered)}.")
    headers = {"name": cap(words.tag), "indicators": cap(words.names(level))}
    return View(
        command="themes",
        title=f"{count(len(r.counts), words.tag)}, carried by the {len(r.rows)} "
        f"{words.names_long(level, len(r.rows))}",
        payload=THEMES_DOC.item(r),
        sections=(THEME_COUNT.section(cap(words.tags), r.counts, ctx, headers=headers),),
        notes=tuple(notes),
        csv=THEME_COUNT.csv_section("themes", r.counts, ctx),
    )
