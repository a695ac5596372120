"""One page per crosswalk: its facts and status, coverage, heat map (SVG in the page, with the same
numbers as a table), every link with where it comes from, and its downloads: the CSV export, the CASE
packages and the SQLite file of the data, each written by the exporter the CLI uses."""

from __future__ import annotations

import io
from typing import NamedTuple

from ..exchange.export import links_view
from ..formats import emit
from ..queries.exchange import CrosswalkData, crosswalk_data
from ..queries.matrix import Matrix, matrix
from ..queries.records import CrosswalkInfo
from ..views.words import cap
from .heatmap import ROWS, grid, numbers, svg
from .html import dl, esc, link, page, rel, table, web_link
from .itempage import provenance_html
from .paths import Doc, Site, chunks, page_paths, pager, status_words


def _coverage(site: Site, here: str, x: CrosswalkData, m: Matrix) -> str:
    parents = {i.parent for i in x.source.items}
    leaves = [i.ref for i in x.source.items if i.ref.code not in parents]
    linked = {e.source for e in x.entries if e.links}
    reached = [i for i in leaves if i.code in linked]
    rows = [r for r in m.rows if not r.whole]
    unlinked = [r.item for r in rows if r.total == 0]
    out = [
        "<h2>Coverage</h2><ul>",
        f"<li>{len(reached)} of {len(leaves)} {esc(x.source.info.id)} items without parts have a link.</li>",
        f"<li>{len(rows) - len(unlinked)} of {len(rows)} {esc(x.target.info.id)} items without parts are "
        "linked to.</li></ul>",
    ]
    if unlinked:
        items = "".join(f"<li>{link(here, site.item(r), f'{r.qualified} {r.title}')}</li>" for r in unlinked)
        out.append(f"<p>Not linked to:</p><ul>{items}</ul>")
    return "".join(out)


class LinkCells(NamedTuple):
    """A link of the crosswalk as its row shows it: both items' pages and ids, its relation and source."""

    source_path: str
    source: str
    relation: str
    target_path: str
    target: str
    provenance: str  # HTML
    drafted: bool


def _link_rows(site: Site, x: CrosswalkData) -> list[LinkCells]:
    from ..queries.records import Linked

    src, tgt = x.source.by_code, x.target.by_code
    rows = []
    for e in x.entries:
        s = src[e.source].ref
        for target, relation in e.links:
            t = tgt[target].ref
            k = Linked(x.info.id, relation, "to", t, (), None, (e.seq,), e.printed_label, e.provenance)
            cells = (
                site.item(s),
                s.qualified,
                relation,
                site.item(t),
                t.qualified,
                provenance_html(k, x.info),
                k.drafted,
            )
            rows.append(LinkCells(*cells))
    return rows


def _downloads(site: Site, here: str, x: CrosswalkData, sqlite: str | None) -> str:
    from ..exchange.case import package_bytes, uri_minter
    from ..exchange.caseout import crosswalk_package, framework_package

    folder = site.downloads(x.info.id)
    text = io.StringIO()
    emit(links_view(x), "csv", text)
    files = {f"{folder}/links.csv": ("\ufeff" + text.getvalue()).encode("utf-8")}
    mint = uri_minter(None)
    names = {f"{folder}/case-{f.info.id}.json": framework_package(f, mint) for f in (x.target, x.source)}
    names[f"{folder}/case-crosswalk.json"] = crosswalk_package(x, mint)
    files.update({p: package_bytes(pkg) for p, pkg in names.items()})
    site.files.update(files)
    items = [
        f'<li><a href="{rel(here, p)}" download>{esc(p.rsplit("/", 1)[1])}</a> ({len(b) // 1024 + 1} KB)</li>'
        for p, b in files.items()
    ]
    if sqlite:
        size = len(site.files[sqlite]) // 1024 + 1
        items.append(
            f'<li><a href="{rel(here, sqlite)}" download>data.sqlite</a> ({size} KB): the whole data</li>'
        )
    return (
        "<h2>Downloads</h2><p>Links as CSV (one row per link), the crosswalk and its two frameworks as "
        "CASE 1.1 packages (<code>crosswalk import case</code> reads them back), and the data as SQLite.</p>"
        f"<ul>{''.join(items)}</ul>"
    )


def crosswalk_page(site: Site, cid: str, sqlite: str | None) -> None:
    x = crosswalk_data(site.db, site.crosswalks[cid])
    info = x.info
    here = site.crosswalk(cid)
    m = matrix(site.db, info)
    fw = site.frameworks
    links = _link_rows(site, x)
    drafted = sum(k.drafted for k in links)
    status = info.status or "published"
    if drafted:
        status += f" ({drafted} of its {len(links)} links drafted)"
    facts = [
        ("From", link(here, site.framework(info.source), f"{fw[info.source].title} ({info.source})")),
        ("To", link(here, site.framework(info.target), f"{fw[info.target].title} ({info.target})")),
        ("Publisher", esc(info.publisher)),
        ("Status", esc(status)),
        ("Relations", esc(", ".join(r.name for r in info.relations))),
    ]
    if info.date:
        facts.append(("Date", esc(info.date)))
    if info.license or info.license_url:
        url = info.license_url
        facts.append(("Licence", web_link(url, info.license, ' rel="license"') if url else esc(info.license)))
    banner = _banner(info, links)
    head = [f"<h1>{esc(info.title)}</h1>", banner]
    g = grid(m)
    heat = chunks(list(range(len(g.rows))), ROWS)
    heat_paths = page_paths(site, here, len(heat), "/heat")
    link_pages = chunks(list(range(len(links))))
    link_paths = [site.links(cid, k) for k in range(1, len(link_pages) + 1)]
    intro = (
        f"<p>Each row is an item of {esc(info.target)}, each column a top item of {esc(info.source)}; "
        f"a cell counts the {esc(info.source)} items linked to the row's item "
        f"({esc(cap(' and '.join(info.relation_names)))}).</p>"
    )
    item_paths = {r.item.key: site.item(r.item) for r in m.rows}
    for n, (path, rows) in enumerate(zip(heat_paths, heat, strict=True)):
        part = tuple(g.rows[i] for i in rows)
        caption = f"{info.target} items by {info.source} top items" + (
            f", page {n + 1} of {len(heat)}" if len(heat) > 1 else ""
        )
        body = [f"<h2>Heat map</h2>{intro}" if n == 0 else f"<h1>{esc(info.id)}: heat map, page {n + 1}</h1>"]
        body.append(pager(path, heat_paths, "Heat map"))
        body.append(
            f"<div class=scroll>{svg(g, part, caption)}</div>{numbers(path, item_paths, g, part, caption)}"
        )
        if n == 0:
            body = [*head, dl(facts), _coverage(site, here, x, m), *body, _downloads(site, here, x, sqlite)]
            every = "every link" if len(link_paths) == 1 else f"the links, on {len(link_paths)} pages"
            body.append(
                f"<h2>Links ({len(links)})</h2><p>{link(here, link_paths[0], 'See ' + every)}, "
                "each with where it comes from.</p>"
            )
            site.files[path] = _frame(site, path, info.title, body, [])
        else:
            site.files[path] = _frame(
                site, path, f"{info.id}: heat map, page {n + 1}", body, [(here, info.id)]
            )
    text = f"{info.id} {info.source} {info.target} {info.publisher} {info.status or ''}"
    site.docs.append(Doc(here, f"{info.title} ({info.id})", "crosswalk", text))
    for n in range(len(link_pages)):
        path = link_paths[n]
        name = f"{info.id}: links" + (f", page {n + 1} of {len(link_pages)}" if len(link_pages) > 1 else "")
        body = [
            f"<h1>{esc(name)}</h1>",
            banner,
            _links(site, path, x, links, link_pages[n], link_paths),
        ]
        site.files[path] = _frame(site, path, name, body, [(here, info.id)])


def _banner(info: CrosswalkInfo, links: list[LinkCells]) -> str:
    """What a crosswalk's pages say above all else: that no source publishes it, and how many of its
    links were drafted (a crosswalk with no status may hold drafted links too)."""
    out = [f"<p class=warning>{warn}</p>"] if (warn := status_words(info)) else []
    drafted = sum(k.drafted for k in links)
    if drafted:
        out.append(
            f"<p class=warning>{drafted} of its {len(links)} links are drafted: suggested by crosswalk and "
            "reviewed by a person; no source prints them.</p>"
        )
    return "".join(out)


def _links(
    site: Site, here: str, x: CrosswalkData, links: list[LinkCells], rows: list[int], paths: list[str]
) -> str:
    trs = [
        f"<tr><td>{link(here, k.source_path, k.source)}</td><td>{esc(k.relation)}</td>"
        f"<td>{link(here, k.target_path, k.target)}</td><td>{k.provenance}</td></tr>"
        for k in (links[i] for i in rows)
    ]
    caption = f"Links of {x.info.id}, in entry order"
    if len(paths) > 1:
        caption += f": {rows[0] + 1} to {rows[-1] + 1} of {len(links)}"
    heads = ("From", "Relation", "To", "Source")
    return pager(here, paths, "Links") + table(caption, heads, trs)


def _frame(site: Site, here: str, title: str, body: list[str], crumbs: list[tuple[str, str]]) -> bytes:
    return page(
        here, title, "".join(body), crumbs=[("index.html", "Home"), *crumbs], canonical=site.canonical(here)
    )
