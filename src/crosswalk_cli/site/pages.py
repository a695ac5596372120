"""The index of frameworks and crosswalks, one page per framework (its tree: codes, titles, texts) and
one page per tag of a framework (the items that list it, and those whose tags may be incomplete)."""

from __future__ import annotations

from ..queries import fetch
from ..queries.catalog import Catalog
from ..queries.records import FrameworkInfo, ItemRef
from ..views.words import Words, cap
from .html import dl, esc, link, page, web_link
from .itempage import parts_html
from .paths import Doc, Site, chunks, item_label, page_paths, pager, status_words

FULL_TREE = 400  # items a framework page shows with their texts; past it, titles of the top levels


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


def _tree(site: Site, here: str, items: list[ItemRef], texts: bool) -> str:
    """Nested lists, one per level, in printed order; with each item's text and parts, or titles only."""
    kids: dict[int | None, list[ItemRef]] = {}
    for ref in items:
        kids.setdefault(ref.parent, []).append(ref)
    roots = [r for r in items if r.parent is None or r.parent not in {i.key for i in items}]

    def branch(refs: list[ItemRef]) -> str:
        rows = []
        for ref in refs:
            title = f" {esc(ref.title)}" if ref.title else ""
            text = f"<p>{esc(ref.text)}</p>" if texts and ref.text and ref.text != ref.title else ""
            rows.append(
                f'<li><a href="{_href(site, here, ref)}"><span class=code>{esc(ref.label or ref.code)}</span>'
                f"{title}</a>{text}{parts_html(ref) if texts else ''}{branch(kids.get(ref.key, []))}</li>"
            )
        return f"<ul class=tree>{''.join(rows)}</ul>" if rows else ""

    return branch(roots)


def _shown(items: list[ItemRef]) -> tuple[list[ItemRef], bool]:
    """What a framework page shows: every item with its text where there are few; else the levels from
    the top down that fit, titles only (each item's page lists its parts)."""
    if len(items) <= FULL_TREE:
        return items, True
    depth = 0
    while sum(1 for r in items if r.depth <= depth + 1) <= FULL_TREE:
        depth += 1
    return [r for r in items if r.depth <= depth], False


def _tops(items: list[ItemRef]) -> dict[int, int]:
    """Each item's key -> its top item's key (parents come before their children)."""
    top: dict[int, int] = {}
    for r in items:
        top[r.key] = top.get(r.parent, r.key) if r.parent is not None else r.key
    return top


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
        licence = web_link(info.license_url, info.license, ' rel="license"')
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
    shown, texts = _shown(items)
    pages = chunks([r for r in shown if r.depth == 0], FULL_TREE)
    paths = page_paths(site, here, len(pages))
    top = _tops(shown)
    for n, (path, tops) in enumerate(zip(paths, pages, strict=True)):
        keys = {r.key for r in tops}
        part = [r for r in shown if top[r.key] in keys]
        note = "" if texts else "<p>Titles only here: each item's page has its text and parts.</p>"
        tree = _tree(site, path, part, texts)
        body = f"<h2>Items ({len(items)})</h2>{note}{pager(path, paths, 'Items')}{tree}"
        if n == 0:
            body = f"<h1>{esc(info.title)}</h1>{dl(facts)}{body}"
            _frame(site, path, info.title, body, [("index.html", "Home")])
        else:
            body = f"<h1>{esc(info.id)}: items, page {n + 1}</h1>{body}"
            _frame(
                site, path, f"{info.id}: items, page {n + 1}", body, [("index.html", "Home"), (here, info.id)]
            )
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
    rows = [(r, "") for r in listed] + [(r, " (may carry it)") for r in maybe]
    if maybe:
        body.append(f"<p>{len(maybe)} more may carry it: {esc(words.lost())}.</p>")
    crumbs = [("index.html", "Home"), (site.framework(info.id), info.id)]
    title = f"{info.id} {words.tag} {code}: {name}"
    pages = chunks(rows)
    paths = page_paths(site, here, len(pages))
    for n, (path, part) in enumerate(zip(paths, pages, strict=True)):
        items_html = "".join(f"<li>{link(path, site.item(r), item_label(r))}{esc(m)}</li>" for r, m in part)
        head = body if n == 0 else [f"<h1>{esc(title)}: page {n + 1}</h1>"]
        listing = f"<h2>Items that list it ({len(listed)})</h2>{pager(path, paths, 'Items')}"
        listing += f"<ul>{items_html}</ul>" if items_html else "<p>None.</p>"
        _frame(site, path, title if n == 0 else f"{title}: page {n + 1}", "".join([*head, listing]), crumbs)
    site.docs.append(Doc(here, f"{info.id} {words.tag} {code}: {name}", words.tag, description))
