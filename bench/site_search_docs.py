"""Write the pages the site's search indexes, as JSON, for bench/site_search.js (docs/site.md, "Search").

python bench/site_search_docs.py DATA_DIR|- OUT.json    ('-': the packaged data)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import crosswalk_cli.site.search as search
from crosswalk_cli.datadir import sources
from crosswalk_cli.site import render
from crosswalk_cli.site.paths import Doc


def main(data: str, out: str) -> None:
    seen: list[Doc] = []
    write = search.index_script

    def keep(docs: list[Doc]) -> bytes:
        seen.extend(docs)
        return write(docs)

    search.index_script = keep
    own = None if data == "-" else Path(data)
    render(sources(own, own is None))
    Path(out).write_text(json.dumps([d._asdict() for d in seen]), encoding="utf-8")
    print(f"{len(seen)} pages")


if __name__ == "__main__":
    main(*sys.argv[1:3])
