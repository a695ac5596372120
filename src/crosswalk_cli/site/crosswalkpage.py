"""One page per crosswalk: its facts and status, coverage, heat map (SVG in the page, with the same
numbers as a table), every link with where it comes from, and its downloads: the CSV export, the CASE
packages and the SQLite file of the data, each written by the exporter the CLI uses."""

from __future__ import annotations

import io

from ..exchange.export import links_view
from ..formats import emit
from ..queries.exchange import CrosswalkData, crosswalk_data
from ..queries.matrix import Matrix, matrix
from ..views.words import cap
from .html import dl, esc, link, page, rel, table
from .itempage import provenance_html
from .paths import Site, status_words

CELL, ROW_LABEL, TOP = 34, 96, 30  # heat map geometry, in SVG units


def _fill(n: int, most: int) -> tuple[str, str]:
    """A cell's fill and its number's colour: five steps of blue, each number at least 4.5:1 against it."""
    steps = ("#ffffff", "#dbe9f6", "#9ecae1", "#2b6aa8", "#08306b")
    if n == 0:
        return steps[0], "#595959"
    step = 1 + min(3, (n * 4 - 1) // max(most, 1))
    return steps[step], "#000000" if step <= 2 else "#ffffff"


def heat_map(m: Matrix) -> str:
    """The matrix as an SVG image: a row per target item, a column per top item of the source."""
    most = max((c for r in m.rows for c in r.counts), default=0)
    width = ROW_LABEL + CELL * len(m.columns)
    height = TOP + CELL * len(m.rows)
    out = [
        f'<svg class=heat role="img" aria-labelledby="heat-title" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="heat-title">Heat map: {esc(m.target.id)} items by {esc(m.source.id)} top items, '
        "each cell the number of linked items (the table below gives the same numbers)</title>"
    ]
    for n, col in enumerate(m.columns):
        x = ROW_LABEL + CELL * n + CELL // 2
        out.append(f'<text x="{x}" y="{TOP - 10}" text-anchor="middle" class=col>{esc(col.code)}</text>')
    for y, row in enumerate(m.rows):
        top = TOP + CELL * y
        out.append(
            f'<text x="{ROW_LABEL - 6}" y="{top + CELL * 0.62:.0f}" text-anchor="end">'
            f"{esc(row.item.code)}</text>"
        )
        for n, count in enumerate(row.counts):
            fill, ink = _fill(count, most)
            x = ROW_LABEL + CELL * n
            out.append(
                f'<rect x="{x}" y="{top}" width="{CELL}" height="{CELL}" fill="{fill}" stroke="#767676"/>'
                f'<text x="{x + CELL // 2}" y="{top + CELL * 0.62:.0f}" text-anchor="middle" '
                f'fill="{ink}">{count}</text>'
            )
    return "".join(out) + "</svg>"


def _matrix_table(site: Site, here: str, m: Matrix) -> str:
    head = "".join(f'<th scope=col title="{esc(c.title)}">{esc(c.code)}</th>' for c in m.columns)
    rows = "".join(
        f"<tr><th scope=row>{link(here, site.item(r.item), r.item.code)}</th>"
        + "".join(f"<td>{c}</td>" for c in r.counts)
        + f"<td>{r.total}</td></tr>"
        for r in m.rows
    )
    return (
        "<details><summary>The heat map as a table</summary><table class=matrix>"
        f"<caption>{esc(m.target.id)} items (rows) by {esc(m.source.id)} top items (columns)</caption>"
        f"<thead><tr><th scope=col>Item</th>{head}<th scope=col>Total</th></tr></thead><tbody>{rows}</tbody>"
        "</table></details>"
    )


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


def _links(site: Site, here: str, x: CrosswalkData) -> str:
    from ..queries.records import Linked

    src = x.source.by_code
    tgt = x.target.by_code
    rows = []
    for e in x.entries:
        s = src[e.source].ref
        for target, relation in e.links:
            t = tgt[target].ref
            k = Linked(x.info.id, relation, "to", t, (), None, (e.seq,), e.printed_label, e.provenance)
            rows.append(
                f"<tr><td>{link(here, site.item(s), s.qualified)}</td><td>{esc(relation)}</td>"
                f"<td>{link(here, site.item(t), t.qualified)}</td><td>{provenance_html(k, x.info)}</td></tr>"
            )
    caption = f"Every link of {x.info.id}, in entry order"
    return f"<h2>Links ({len(rows)})</h2>" + table(caption, ("From", "Relation", "To", "Source"), rows)


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
    facts = [
        ("From", link(here, site.framework(info.source), f"{fw[info.source].title} ({info.source})")),
        ("To", link(here, site.framework(info.target), f"{fw[info.target].title} ({info.target})")),
        ("Publisher", esc(info.publisher)),
        ("Status", esc(info.status or "published")),
        ("Relations", esc(", ".join(r.name for r in info.relations))),
    ]
    facts += [(k, esc(v)) for k, v in (("Date", info.date), ("Licence", info.license)) if v]
    warn = status_words(info)
    body = [f"<h1>{esc(info.title)}</h1>"]
    if warn:
        body.append(f"<p class=warning>{warn}</p>")
    body += [dl(facts), _coverage(site, here, x, m)]
    body.append(
        f"<h2>Heat map</h2><p>Each row is an item of {esc(info.target)}, each column a top item of "
        f"{esc(info.source)}; a cell counts the {esc(info.source)} items linked to the row's item "
        f"({esc(cap(' and '.join(info.relation_names)))}).</p><div class=scroll>{heat_map(m)}</div>"
    )
    body += [_matrix_table(site, here, m), _downloads(site, here, x, sqlite), _links(site, here, x)]
    site.files[here] = page(
        here, info.title, "".join(body), crumbs=[("index.html", "Home")], canonical=site.canonical(here)
    )
