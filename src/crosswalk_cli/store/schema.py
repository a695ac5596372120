"""The store's tables: any number of frameworks, items, crosswalks and links, as plain columns.

Lists and mappings a query only shows (an item's parts and details, a header, a crosswalk's relations,
a link's provenance) are JSON text; everything a query filters, joins or sorts on is a column.
"""

from __future__ import annotations

VERSION = 5

DDL = """
PRAGMA foreign_keys = ON;
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE framework (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    origin TEXT NOT NULL,          -- 'packaged', or the name of the file it was read from
    title TEXT NOT NULL,
    publisher TEXT NOT NULL,
    status TEXT,
    version TEXT,
    date TEXT,
    license TEXT NOT NULL,
    license_url TEXT NOT NULL,
    levels TEXT NOT NULL,          -- JSON list of {name, long, plural, text}, top first
    header TEXT NOT NULL,          -- JSON object: every field of the header
    phrases TEXT NOT NULL          -- JSON object: the framework's own wording for pages
) WITHOUT ROWID;
CREATE TABLE item (
    key INTEGER PRIMARY KEY,
    framework TEXT NOT NULL REFERENCES framework(id),
    code TEXT NOT NULL,
    label TEXT,                    -- the printed numbering, where it differs from the code
    level TEXT NOT NULL,
    depth INTEGER NOT NULL,
    parent INTEGER REFERENCES item(key),
    position INTEGER NOT NULL,     -- document order within the framework
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    parts TEXT NOT NULL,           -- JSON list of {label, title, text}
    details TEXT NOT NULL,         -- JSON list of [name, text]
    tags_incomplete INTEGER NOT NULL,
    recovered_by TEXT,
    case_identifier TEXT,
    case_uri TEXT,
    UNIQUE (framework, code)
);
CREATE INDEX item_parent ON item(parent, position);
CREATE INDEX item_level ON item(framework, depth, position);
CREATE TABLE alias (
    key TEXT NOT NULL,             -- normalized short form: lower case, separators dropped
    item INTEGER NOT NULL REFERENCES item(key),
    kind TEXT NOT NULL,            -- 'id' (a code, a label, a numbered form) or 'name' (a title)
    PRIMARY KEY (key, item)
) WITHOUT ROWID;
CREATE TABLE tag (
    framework TEXT NOT NULL REFERENCES framework(id),
    code TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (framework, code)
) WITHOUT ROWID;
CREATE TABLE item_tag (
    item INTEGER NOT NULL REFERENCES item(key),
    framework TEXT NOT NULL,
    tag TEXT NOT NULL,
    position INTEGER NOT NULL,     -- as the item lists its tags
    recovered INTEGER NOT NULL,    -- 1: recovered from elsewhere, where the source lost it
    PRIMARY KEY (item, tag),
    FOREIGN KEY (framework, tag) REFERENCES tag(framework, code)
) WITHOUT ROWID;
CREATE INDEX item_tag_tag ON item_tag(framework, tag);
CREATE TABLE framework_note (
    framework TEXT NOT NULL REFERENCES framework(id),
    position INTEGER NOT NULL,
    title TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (framework, position)
) WITHOUT ROWID;
CREATE TABLE source_note (
    owner TEXT NOT NULL,           -- the framework or crosswalk whose source it is about
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    place TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (owner, position)
) WITHOUT ROWID;
CREATE TABLE crosswalk (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    origin TEXT NOT NULL,
    source_framework TEXT NOT NULL REFERENCES framework(id),
    target_framework TEXT NOT NULL REFERENCES framework(id),
    title TEXT NOT NULL,
    publisher TEXT NOT NULL,
    status TEXT,
    date TEXT,
    license TEXT NOT NULL,
    license_url TEXT NOT NULL,
    relations TEXT NOT NULL,       -- JSON list of {name, heading}, strongest first
    header TEXT NOT NULL,
    phrases TEXT NOT NULL,
    reviewed TEXT NOT NULL,        -- JSON list of the source codes a person has decided on
    declarations TEXT NOT NULL     -- JSON object: what the file declares of itself (errata_kinds, coverage)
) WITHOUT ROWID;
CREATE TABLE entry (
    crosswalk TEXT NOT NULL REFERENCES crosswalk(id),
    seq INTEGER NOT NULL,          -- the entry's place in the crosswalk
    source INTEGER NOT NULL REFERENCES item(key),
    printed_label TEXT,
    note TEXT,
    provenance TEXT NOT NULL,      -- JSON object; empty where a source prints the links
    no_match INTEGER NOT NULL DEFAULT 0,  -- 1: a person decided no target fits (the entry has no links)
    PRIMARY KEY (crosswalk, seq)
) WITHOUT ROWID;
CREATE INDEX entry_source ON entry(source);
CREATE TABLE link (
    key INTEGER PRIMARY KEY,
    crosswalk TEXT NOT NULL,
    seq INTEGER NOT NULL,
    position INTEGER NOT NULL,     -- order within the entry, strongest relation first
    source INTEGER NOT NULL REFERENCES item(key),
    target INTEGER NOT NULL REFERENCES item(key),
    relation TEXT NOT NULL,
    FOREIGN KEY (crosswalk, seq) REFERENCES entry(crosswalk, seq)
);
CREATE INDEX link_target ON link(target, crosswalk, seq);
CREATE INDEX link_source ON link(source, crosswalk, seq);
CREATE INDEX link_crosswalk ON link(crosswalk, relation);
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
-- rowid = item.key; text is the item's text with its parts, as search reads it
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
SELECT i.framework, i.code, i.label, i.level, p.code AS parent, i.title, i.text,
       (SELECT group_concat(tag, ' ') FROM (SELECT tag FROM item_tag WHERE item = i.key ORDER BY position))
       AS tags
FROM item i LEFT JOIN item p ON p.key = i.parent
ORDER BY i.framework, i.position;
CREATE VIEW errata AS
SELECT e.crosswalk, e.seq AS entry, s.code AS source_code, e.kind, e.printed, e.resolved, e.note
FROM erratum e JOIN entry n ON n.crosswalk = e.crosswalk AND n.seq = e.seq JOIN item s ON s.key = n.source
ORDER BY e.crosswalk, e.seq, e.position;
"""
