"""One page per item: its text and parts, details, place in the tree, tags, notes and errata, and the items
linked to it in every crosswalk, both ways, each link with its relation and where it comes from (a
drafted link says it was drafted, and by whom it was reviewed; a crosswalk no source publishes says so)."""

from __future__ import annotations

from ..queries.item import ItemPage, page
from ..queries.records import TO, CrosswalkInfo, ItemRef, Linked
from ..views.item import source_of
from ..views.words import Words, cap
from .html import dl, esc, link, paragraphs, table
from .paths import Doc, Site, is_published, item_label, status_words


def parts_html(ref: ItemRef) -> str:
    if not ref.parts:
        return ""
    rows = "".join(
        "<li>"
        + (f"<span class=code>{esc(p.label)}.</span> " if p.label else "")
        + (f"<strong>{esc(p.title)}:</strong> " if p.title else "")
        + esc(p.text)
        + "</li>"
        for p in ref.parts
    )
    return f"<ul class=parts>{rows}</ul>"


def provenance_html(k: Linked, x: CrosswalkInfo) -> str:
    """Where a link comes from. Drafted links and links of a crosswalk no source publishes are marked."""
    if k.drafted:
        words = source_of(k).partition(": ")[2]
        return f"<strong class=badge>Drafted</strong> {esc(words)}"
    if not is_published(x):
        return f"<strong class=badge>Not published</strong> crosswalk status: {esc(x.status or '')}"
    if k.provenance:
        return esc(source_of(k).partition(": ")[2])
    return "Published"


def _links_table(site: Site, here: str, links: list[Linked], x: CrosswalkInfo, caption: str) -> str:
    rows = []
    for k in links:
        via = (
            f"<br><small>{esc(Words(site.frameworks[k.item.framework]).via(k.via))}</small>" if k.via else ""
        )
        label = f" <small>(printed as {esc(k.printed_label)})</small>" if k.printed_label else ""
        rows.append(
            f"<tr><td>{esc(k.relation)}{via}</td><td>{link(here, site.item(k.item), k.item.qualified)}"
            f"{label}</td><td>{esc(k.item.title or k.item.text)}</td><td>{provenance_html(k, x)}</td></tr>"
        )
    return table(caption, ("Relation", "Item", "Text", "Source"), rows)


SHOWN = 200  # links an item page shows per crosswalk and direction; the crosswalk's links pages hold all


def _capped(site: Site, here: str, links: list[Linked], x: CrosswalkInfo, caption: str) -> str:
    """A table of at most ``SHOWN`` links, and where the rest are."""
    out = _links_table(site, here, links[:SHOWN], x, caption)
    if len(links) > SHOWN:
        every = link(here, site.links(x.id), f"{x.id}'s links pages")
        out += f"<p class=note>The first {SHOWN} of {len(links)} links are shown here; {every} list all.</p>"
    return out


def _crosswalk_links(site: Site, here: str, v: ItemPage, x: CrosswalkInfo) -> str:
    to = [k for k in v.links if k.crosswalk == x.id and k.direction == TO]
    frm = [k for k in v.links if k.crosswalk == x.id and k.direction != TO]
    warn = status_words(x)
    out = [f"<h3>{link(here, site.crosswalk(x.id), f'{x.title} ({x.id})')}</h3>"]
    if warn:
        out.append(f"<p class=warning>{warn}</p>")
    if to:
        other = site.frameworks[x.target]
        out.append(_capped(site, here, to, x, f"{v.item.qualified} links to {other.id} ({len(to)})"))
    if frm:
        other = site.frameworks[x.source]
        out.append(_capped(site, here, frm, x, f"Linked from {other.id} ({len(frm)})"))
    if not to and not frm:
        out.append(f"<p>No link for this item in {esc(x.id)}.</p>")
    return "".join(out)


def item_page(site: Site, key: int) -> None:
    v = page(site.db, key)
    ref = v.item
    here = site.item(ref)
    words = Words(v.framework)
    fw_path = site.framework(ref.framework)
    facts = [("Framework", link(here, fw_path, f"{v.framework.title} ({ref.framework})"))]
    facts.append(("Level", esc(ref.level)))
    if ref.label:
        facts.append(("Label", esc(ref.label)))
    if v.ancestors:
        chain = " › ".join(link(here, site.item(a), item_label(a)) for a in v.ancestors)
        facts.append(("Part of", chain))
    if ref.tags or ref.tags_incomplete:
        names = {t.code: t.name for t in v.tags}
        tags = [link(here, site.tag(ref.framework, t), f"{t} {names.get(t, '')}".strip()) for t in ref.tags]
        text = ", ".join(tags) or "none listed"
        if ref.tags_recovered:
            text += f" ({esc(', '.join(ref.tags_recovered))} {esc(words.phrase('tags_recovered'))})"
        if ref.tags_incomplete:
            text += f" ({esc(words.lost())}: may be incomplete)"
        facts.append((cap(words.tags), text))
    if v.printed_labels:
        facts.append(("Printed as", esc(", ".join(v.printed_labels))))
    facts += [(cap(n.replace("_", " ")), esc(t)) for n, t in ref.details]
    body = [f"<h1><span class=code>{esc(ref.qualified)}</span> {esc(ref.title)}</h1>", dl(facts)]
    body.append(f"<h2>{esc(cap(words.level(ref).text))}</h2>")
    body.append((paragraphs(ref.text) if ref.text else "<p>(no text)</p>") + parts_html(ref))
    if v.children:
        kids = "".join(f"<li>{link(here, site.item(c), item_label(c))}</li>" for c in v.children)
        body.append(f"<h2>{esc(cap(words.names_long(words.level(v.children[0]))))}</h2><ul>{kids}</ul>")
    notes = [f"<li><strong>{esc(n.kind)}:</strong> {esc(n.note)}</li>" for n in v.notes]
    notes += [f"<li>{esc(n)}</li>" for n in v.entry_notes]
    notes += [
        f"<li><strong>Erratum ({esc(e.kind)}, {esc(e.crosswalk)}):</strong> {esc(e.note)}</li>"
        for e in v.errata
    ]
    if notes:
        body.append(f"<h2>Notes and errata</h2><ul>{''.join(notes)}</ul>")
    body.append("<h2>Links</h2>")
    if not v.crosswalks:
        body.append(f"<p>No crosswalk in the data covers {esc(ref.framework)}.</p>")
    body += [_crosswalk_links(site, here, v, x) for x in v.crosswalks]
    if any(k.drafted for k in v.links):
        body.append(
            "<p class=note>Drafted links were suggested by crosswalk and reviewed by a person; "
            "no source prints them.</p>"
        )
    crumbs = [(fw_path, ref.framework), *((site.item(a), a.code) for a in v.ancestors)]
    title = f"{ref.qualified} {ref.title}".strip()
    site.files[here] = _page(site, here, title, "".join(body), crumbs)
    site.docs.append(Doc(here, item_label(ref), ref.level, " ".join([ref.title, ref.full_text])))


def _page(site: Site, here: str, title: str, body: str, crumbs: list[tuple[str, str]]) -> bytes:
    from .html import page as frame

    return frame(here, title, body, crumbs=[("index.html", "Home"), *crumbs], canonical=site.canonical(here))
