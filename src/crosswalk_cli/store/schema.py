"""The store's tables. Generic: any number of frameworks, items, crosswalks and links.

Each row keeps the columns a query filters or sorts on, plus the full checked record as JSON
(``record``), written and read by ``codec`` from the model's dataclasses.
"""

from __future__ import annotations

VERSION = 2

DDL = """
PRAGMA foreign_keys = ON;
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE framework (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    publisher TEXT NOT NULL,
    status TEXT,
    version TEXT,
    date TEXT,
    license TEXT NOT NULL,
    license_url TEXT NOT NULL,
    levels TEXT NOT NULL,          -- JSON list of level names, top first
    record TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE item (
    key INTEGER PRIMARY KEY,
    framework TEXT NOT NULL REFERENCES framework(id),
    code TEXT NOT NULL,
    level TEXT NOT NULL,
    depth INTEGER NOT NULL,
    parent INTEGER REFERENCES item(key),
    position INTEGER NOT NULL,     -- document order within the framework
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    record TEXT NOT NULL,
    UNIQUE (framework, code)
);
CREATE INDEX item_parent ON item(parent);
CREATE INDEX item_level ON item(framework, depth, position);
CREATE TABLE alias (
    key TEXT NOT NULL,             -- normalized short form: lower case, separators dropped
    item INTEGER NOT NULL REFERENCES item(key),
    PRIMARY KEY (key, item)
) WITHOUT ROWID;
CREATE TABLE tag (
    framework TEXT NOT NULL REFERENCES framework(id),
    code TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (framework, code)
) WITHOUT ROWID;
CREATE TABLE item_tag (
    item INTEGER NOT NULL REFERENCES item(key),
    framework TEXT NOT NULL,
    tag TEXT NOT NULL,
    origin TEXT NOT NULL,          -- 'source' (printed in the framework) or 'crosswalk' (recovered)
    PRIMARY KEY (item, tag),
    FOREIGN KEY (framework, tag) REFERENCES tag(framework, code)
) WITHOUT ROWID;
CREATE INDEX item_tag_tag ON item_tag(framework, tag);
CREATE TABLE crosswalk (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    source_framework TEXT NOT NULL REFERENCES framework(id),
    target_framework TEXT NOT NULL REFERENCES framework(id),
    title TEXT NOT NULL,
    publisher TEXT NOT NULL,
    relations TEXT NOT NULL,       -- JSON list of relation names, strongest first
    record TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE entry (
    crosswalk TEXT NOT NULL REFERENCES crosswalk(id),
    seq INTEGER NOT NULL,          -- the entry's place in the printed crosswalk
    source INTEGER NOT NULL REFERENCES item(key),
    record TEXT NOT NULL,
    PRIMARY KEY (crosswalk, seq)
) WITHOUT ROWID;
CREATE INDEX entry_source ON entry(source);
CREATE TABLE link (
    key INTEGER PRIMARY KEY,
    crosswalk TEXT NOT NULL,
    seq INTEGER NOT NULL,
    position INTEGER NOT NULL,     -- order within the entry
    source INTEGER NOT NULL REFERENCES item(key),
    target INTEGER NOT NULL REFERENCES item(key),
    relation TEXT NOT NULL,
    FOREIGN KEY (crosswalk, seq) REFERENCES entry(crosswalk, seq)
);
CREATE INDEX link_target ON link(target, relation, seq);
CREATE INDEX link_source ON link(source, relation, seq);
CREATE TABLE erratum (
    crosswalk TEXT NOT NULL,
    seq INTEGER NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    printed TEXT,
    resolved TEXT,
    note TEXT NOT NULL,
    PRIMARY KEY (crosswalk, seq, position),
    FOREIGN KEY (crosswalk, seq) REFERENCES entry(crosswalk, seq)
) WITHOUT ROWID;
CREATE TABLE source_note (
    crosswalk TEXT NOT NULL REFERENCES crosswalk(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    place TEXT NOT NULL,
    note TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (crosswalk, position)
) WITHOUT ROWID;
-- rowid = item.key; text is the item's text with its sub-items or elements, as search reads it
CREATE VIRTUAL TABLE item_search USING fts5(title, text, tokenize='unicode61 remove_diacritics 2');
"""

# Readable views for people who open the database in Datasette, sqlite-utils or the sqlite3 shell.
VIEWS = """
CREATE VIEW links AS
SELECT l.crosswalk, l.seq AS entry, l.relation,
       s.framework AS source_framework, s.code AS source_code, s.title AS source_title,
       s.text AS source_text,
       t.framework AS target_framework, t.code AS target_code, t.title AS target_title,
       t.text AS target_text
FROM link l JOIN item s ON s.key = l.source JOIN item t ON t.key = l.target
ORDER BY l.crosswalk, l.seq, l.position;
CREATE VIEW items AS
SELECT i.framework, i.code, i.level, p.code AS parent, i.title, i.text,
       (SELECT group_concat(tag, ' ') FROM item_tag WHERE item = i.key) AS tags
FROM item i LEFT JOIN item p ON p.key = i.parent
ORDER BY i.framework, i.position;
CREATE VIEW errata AS
SELECT e.crosswalk, e.seq AS entry, s.code AS source_code, e.kind, e.printed, e.resolved, e.note
FROM erratum e JOIN entry n ON n.crosswalk = e.crosswalk AND n.seq = e.seq JOIN item s ON s.key = n.source
ORDER BY e.crosswalk, e.seq, e.position;
"""
