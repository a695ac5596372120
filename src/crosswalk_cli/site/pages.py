"""The index of frameworks and crosswalks, one page per framework (its tree: codes, titles, texts) and
one page per tag of a framework (the items that list it, and those whose tags may be incomplete)."""

from __future__ import annotations

from ..queries import fetch
from ..queries.catalog import Catalog
from ..queries.records import FrameworkInfo, ItemRef
from ..views.words import Words, cap
from .html import dl, esc, link, page
from .itempage import parts_html
from .paths import Doc, Site, item_label, status_words


def _frame(site: Site, here: str, title: str, body: str, crumbs: list[tuple[str, str]] = []) -> None:  # noqa: B006
    site.files[here] = page(here, title, body, crumbs=crumbs, canonical=site.canonical(here))


def index_page(site: Site, cat: Catalog, survey: bool) -> None:
    here = "index.html"
    fws = []
    for f in cat.frameworks:
        counts = ", ".join(f"{n} {name}" for name, n in f.counts)
        status = f" <span class=badge>{esc(f.info.status)}</span>" if f.info.status else ""
        fws.append(
            f"<li>{link(here, site.framework(f.info.id), f'{f.info.title} ({f.info.id})')}{status}"
            f"<br><small>{esc(f.info.publisher)}; {esc(counts)}</small></li>"
        )
    xs = []
    for x in cat.crosswalks:
        counts = ", ".join(f"{n} {name}" for name, n in x.counts)
        drafted = f"; {x.drafted} drafted" if x.drafted else ""
        warn = status_words(x.info)
        xs.append(
            f"<li>{link(here, site.crosswalk(x.info.id), f'{x.info.title} ({x.info.id})')}"
            f"<br><small>{esc(x.info.source)} to {esc(x.info.target)}: {esc(counts)}{esc(drafted)}</small>"
            + (f"<br><strong class=badge>{warn}</strong>" if warn else "")
            + "</li>"
        )
    body = [
        "<h1>Frameworks and crosswalks</h1>",
        "<p>Every framework and crosswalk in the data, each item on a page of its own. "
        f"{link(here, 'search.html', 'Search')} finds any item by its words.</p>",
        f"<h2>Frameworks ({len(fws)})</h2><ul class=cards>{''.join(fws)}</ul>",
        f"<h2>Crosswalks ({len(xs)})</h2>",
        f"<ul class=cards>{''.join(xs)}</ul>" if xs else "<p>The data has no crosswalk.</p>",
    ]
    if survey:
        body.append(
            "<h2>Self-assessment</h2><p>"
            + link(here, "assess/index.html", "The self-assessment, to print")
            + " or "
            + link(here, "assess/form.html", "to fill in here")
            + " (it saves an answers file for <code>crosswalk assess report</code>).</p>"
        )
    _frame(site, here, "Frameworks and crosswalks", "".join(body))


def _tree(site: Site, here: str, items: list[ItemRef]) -> str:
    """Nested lists, one per level, in printed order."""
    kids: dict[int | None, list[ItemRef]] = {}
    for ref in items:
        kids.setdefault(ref.parent, []).append(ref)

    def branch(parent: int | None) -> str:
        rows = []
        for ref in kids.get(parent, []):
            title = f" {esc(ref.title)}" if ref.title else ""
            text = f"<p>{esc(ref.text)}</p>" if ref.text and ref.text != ref.title else ""
            rows.append(
                f'<li><a href="{_href(site, here, ref)}"><span class=code>{esc(ref.label or ref.code)}</span>'
                f"{title}</a>{text}{parts_html(ref)}{branch(ref.key)}</li>"
            )
        return f"<ul class=tree>{''.join(rows)}</ul>" if rows else ""

    return branch(None)


def _href(site: Site, here: str, ref: ItemRef) -> str:
    from .html import rel

    return rel(here, site.item(ref))


def framework_page(site: Site, info: FrameworkInfo, items: list[ItemRef]) -> None:
    here = site.framework(info.id)
    words = Words(info)
    facts = [("Id", esc(info.id)), ("Publisher", esc(info.publisher))]
    facts += [
        (k, esc(v)) for k, v in (("Status", info.status), ("Version", info.version), ("Date", info.date)) if v
    ]
    licence = esc(info.license)
    if info.license_url:
        licence = f'<a href="{esc(info.license_url)}" rel="license">{licence}</a>'
    facts.append(("Licence", licence))
    levels = ", ".join(cap(lv.long) for lv in info.levels)
    facts.append(("Levels", esc(levels)))
    tags = fetch.tags(site.db, info.id)
    if tags:
        facts.append(
            (
                cap(words.tags),
                ", ".join(link(here, site.tag(info.id, t.code), f"{t.code} {t.name}") for t in tags),
            )
        )
    body = f"<h1>{esc(info.title)}</h1>{dl(facts)}<h2>Items</h2>{_tree(site, here, items)}"
    _frame(site, here, info.title, body, [("index.html", "Home")])
    site.docs.append(Doc(here, f"{info.title} ({info.id})", "framework", info.publisher))
    for t in tags:
        _tag_page(site, info, t.code, t.name, t.description, items)


def _tag_page(
    site: Site, info: FrameworkInfo, code: str, name: str, description: str, items: list[ItemRef]
) -> None:
    here = site.tag(info.id, code)
    words = Words(info)
    listed = [r for r in items if code in r.tags]
    maybe = [r for r in items if code not in r.tags and r.tags_incomplete]
    body = [f"<h1>{esc(cap(words.tag))} {esc(code)}: {esc(name)}</h1>"]
    if description:
        body.append(f"<p>{esc(description)}</p>")
    rows = "".join(f"<li>{link(here, site.item(r), item_label(r))}</li>" for r in listed)
    body.append(
        f"<h2>Items that list it ({len(listed)})</h2>" + (f"<ul>{rows}</ul>" if rows else "<p>None.</p>")
    )
    if maybe:
        rows = "".join(f"<li>{link(here, site.item(r), item_label(r))}</li>" for r in maybe)
        body.append(
            f"<h2>Items that may carry it ({len(maybe)})</h2><p>{esc(cap(words.lost()))}.</p><ul>{rows}</ul>"
        )
    crumbs = [("index.html", "Home"), (site.framework(info.id), info.id)]
    _frame(site, here, f"{info.id} {words.tag} {code}: {name}", "".join(body), crumbs)
    site.docs.append(Doc(here, f"{info.id} {words.tag} {code}: {name}", words.tag, description))
