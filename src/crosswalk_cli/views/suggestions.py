"""The views of ``crosswalk suggest``: candidates, labelled as suggestions everywhere, with their evidence;
a draft crosswalk; the leave-one-out measure. No suggestion is shown as a published link."""

from __future__ import annotations

from typing import Any

from ..formats.shape import Column, Section, View
from ..queries.records import ItemRef
from ..suggest.run import Candidate, Draft, ItemSuggestions, Measure
from ..text.phrases import score_text
from .catalog import ITEM_REF, label
from .fields import BOOL, INT, MAYBE_STR, STR, STRS, Context, Entity, Field, Schema, head, many, one
from .words import Words, count

NUMBER: Schema = {"type": "number"}
LABEL = "suggestions, not links: no source publishes them; a person decides"
# An item as suggest's JSON has always given it: without the printed label the item pages added.
ITEM: Entity[ItemRef] = ITEM_REF._replace(fields=tuple(f for f in ITEM_REF.fields if f.name != "label"))


def _evidence(c: Candidate, _: Context) -> str:
    return "\n".join(c.evidence)


CANDIDATE: Entity[Candidate] = Entity(
    "candidate",
    "A suggested link: a candidate item with its score and the evidence for it. Never a published link.",
    (
        Field("id", STR, lambda c: c.item.qualified, column=head("Suggested", no_wrap=True, style="bold")),
        Field("suggestion", BOOL, lambda c: True, doc="always true: this is a suggestion, not a link"),
        Field(
            "item",
            one(ITEM),
            lambda c: c.item,
            text=lambda c, _: label(c.item),
            table=lambda c, _: c.item.title or c.item.text,
            column=head("Item", ratio=2),
        ),
        Field(
            "score",
            NUMBER,
            lambda c: c.score,
            text=lambda c, _: score_text(c.score),
            column=head("Score", no_wrap=True),
        ),
        Field("evidence", STRS, lambda c: list(c.evidence), text=_evidence, column=head("Evidence", ratio=5)),
        Field(
            "published",
            MAYBE_STR,
            lambda c: c.published,
            doc="the relation, where a source already prints this link",
            text=lambda c, _: c.published or "",
            column=head("Published", no_wrap=True),
        ),
    ),
    csv=("id", "score", "published", "evidence"),
    table=("id", "score", "item", "evidence"),
)
ITEM_SUGGESTIONS: Entity[ItemSuggestions] = Entity(
    "item_suggestions",
    "Suggestions for one item in a framework, best first.",
    (
        Field("kind", {"const": "item"}, lambda r: "item"),
        Field("item", one(ITEM), lambda r: r.item),
        Field("to", STR, lambda r: r.target),
        Field("label", STR, lambda r: LABEL),
        Field("method", STR, lambda r: r.method),
        Field("suggestions", many(CANDIDATE), lambda r: r.candidates),
        Field(
            "published",
            STRS,
            lambda r: [f"{k.relation} {k.item.qualified}" for k in r.published],
            doc="links a source prints between the item and the framework",
        ),
        Field("voters", STRS, lambda r: list(r.crosswalks), doc="crosswalks whose links voted"),
    ),
)
DRAFT_ROW: Entity[tuple[ItemSuggestions, int, Candidate]] = Entity(
    "draft_row",
    "One suggestion of a draft crosswalk: an item, a rank, a candidate.",
    (
        Field("item", STR, lambda r: r[0].item.qualified, column=head("Item", no_wrap=True, style="bold")),
        Field("rank", INT, lambda r: r[1], column=head("#", no_wrap=True)),
        Field(
            "suggested",
            STR,
            lambda r: r[2].item.qualified,
            table=lambda r, _: "\n".join(x for x in (r[2].item.qualified, r[2].item.title) if x),
            column=head("Suggested", ratio=2),
        ),
        Field("suggested_title", STR, lambda r: r[2].item.title or r[2].item.text),
        Field(
            "score",
            NUMBER,
            lambda r: r[2].score,
            text=lambda r, _: score_text(r[2].score),
            column=head("Score", no_wrap=True),
        ),
        Field(
            "evidence",
            STRS,
            lambda r: list(r[2].evidence),
            text=lambda r, _: "; ".join(r[2].evidence),
            table=lambda r, _: "\n".join(r[2].evidence[:2]),
            column=head("Evidence", ratio=5),
        ),
        Field("suggestion", BOOL, lambda r: True),
    ),
    csv=("item", "rank", "suggested", "suggested_title", "score", "evidence", "suggestion"),
    table=("item", "rank", "suggested", "score", "evidence"),
)
DRAFT: Entity[Draft] = Entity(
    "draft",
    "A draft crosswalk: suggestions for every item with no published link, to discuss, never to cite.",
    (
        Field("kind", {"const": "draft"}, lambda r: "draft"),
        Field("from", STR, lambda d: d.source),
        Field("to", STR, lambda d: d.target),
        Field("label", STR, lambda d: LABEL),
        Field("method", STR, lambda d: d.method),
        Field("items", many(ITEM_SUGGESTIONS), lambda d: d.items),
        Field("skipped", INT, lambda d: d.skipped, doc="items that already have a published link"),
        Field("decided", INT, lambda d: d.decided, doc="items a person has decided on, not drafted again"),
    ),
)
MEASURE: Entity[Measure] = Entity(
    "measure",
    "Leave-one-out over a crosswalk: how often a person's link of its strongest relation is among the"
    " suggestions.",
    (
        Field("kind", {"const": "evaluation"}, lambda r: "evaluation"),
        Field("crosswalk", STR, lambda m: m.info.id),
        Field("from", STR, lambda m: m.info.source),
        Field("to", STR, lambda m: m.info.target),
        Field("method", STR, lambda m: m.method),
        Field("items", INT, lambda m: m.n),
        Field("top1", NUMBER, lambda m: round(m.top1, 3)),
        Field("top3", NUMBER, lambda m: round(m.top3, 3)),
        Field("top5", NUMBER, lambda m: round(m.top5, 3)),
        Field("mrr", NUMBER, lambda m: round(m.mrr, 3)),
        Field("recall5", NUMBER, lambda m: round(m.recall5, 3)),
        Field(
            "first_linked",
            NUMBER,
            lambda m: round(m.first_linked, 3),
            doc="share of items whose first suggestion is one of its links, of any relation",
        ),
        Field(
            "precision3",
            NUMBER,
            lambda m: round(m.precision3, 3),
            doc="mean share of the first 3 suggestions that are the item's links",
        ),
        Field(
            "recall8",
            NUMBER,
            lambda m: round(m.recall8, 3),
            doc="share of all the item's links (by weight) among the first 8",
        ),
        Field("seconds", NUMBER, lambda m: m.seconds),
    ),
)


def view(r: Any) -> View:
    ctx = Context()
    if isinstance(r, Measure):
        relations = Words(r.framework, r.info).relations
        strongest = relations[0] if relations else "link"
        figures = (
            ("items measured", str(r.n)),
            (f"top-1: the human {strongest} is the first suggestion", f"{r.top1:.3f}"),
            ("top-3: it is among the first 3", f"{r.top3:.3f}"),
            ("top-5: it is among the first 5", f"{r.top5:.3f}"),
            (f"mean reciprocal rank of the {strongest}", f"{r.mrr:.3f}"),
            ("recall@5: share of all the item's links in the first 5", f"{r.recall5:.3f}"),
            ("recall@8: share of all the item's links in the first 8", f"{r.recall8:.3f}"),
            ("the first suggestion is one of the item's links (any relation)", f"{r.first_linked:.3f}"),
            ("precision@3: share of the first 3 that are its links", f"{r.precision3:.3f}"),
        )
        columns = (Column("measure", "Measure", ratio=3), Column("value", "Value", no_wrap=True))
        table = tuple({"measure": m, "value": v} for m, v in figures)
        return View(
            command="suggest",
            title=f"Leave-one-out over {r.info.id} ({r.info.source} to {r.info.target}): own links hidden",
            payload=MEASURE.item(r),
            facts=(("Method", r.method),),
            sections=(Section("Accuracy", columns, table),),
            csv=Section("measure", columns, table),
        )
    if isinstance(r, ItemSuggestions):
        notes = [f"These are {LABEL}."]
        if r.published:
            notes.append(
                "Published: "
                + ", ".join(f"{k.relation} {k.item.qualified} ({k.crosswalk})" for k in r.published)
            )
        return View(
            command="suggest",
            title=f"Suggestions for {r.item.qualified} in {r.target}",
            payload=ITEM_SUGGESTIONS.item(r),
            facts=(
                ("Item", label(r.item)),
                ("Method", r.method),
                ("Votes from", ", ".join(r.crosswalks) or "none"),
            ),
            sections=(CANDIDATE.section(f"Suggestions (not links): {len(r.candidates)}", r.candidates, ctx),),
            notes=tuple(notes),
            csv=CANDIDATE.csv_section("suggestions", r.candidates, ctx),
        )
    assert isinstance(r, Draft)
    ranked = [(i, n, c) for i in r.items for n, c in enumerate(i.candidates, 1)]
    return View(
        command="suggest",
        title=f"Draft crosswalk {r.source} to {r.target}: suggestions for {count(len(r.items), 'item')} "
        "(not links)",
        payload=DRAFT.item(r),
        facts=(
            ("Method", r.method),
            ("Items with a published link (left out)", str(r.skipped)),
            *((("Items a person has decided on (left out)", str(r.decided)),) if r.decided else ()),
        ),
        sections=(DRAFT_ROW.section(f"Suggestions (not links): {len(ranked)}", ranked, ctx),),
        notes=(f"These are {LABEL}: review them with --review --out FILE.",),
        csv=DRAFT_ROW.csv_section("suggestions", ranked, ctx),
    )
