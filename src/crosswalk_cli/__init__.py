"""crosswalk: leadership-standards crosswalks in a terminal, for any framework.

The package, in the order data flows:

- ``loader/`` reads framework and crosswalk files (docs/data-format.md) into ``model/``;
- ``store/`` compiles them into SQLite, kept fresh in the cache;
- ``queries/`` asks the store questions and returns records;
- ``views/`` describes each record once and builds the page a command shows, in the data's words;
- ``formats/`` writes a page as a table, JSON, CSV, Markdown, SVG or HTML;
- ``commands/`` and ``cli.py`` are the command line (one registry: ``commands/__init__.py``);
- features: ``assess/`` (the self-assessment), ``suggest/`` (drafting and reviewing crosswalks),
  the exchange modules (CASE 1.1 in and out, CSV, Markdown, SQLite).
"""

__version__ = "0.1.0"
