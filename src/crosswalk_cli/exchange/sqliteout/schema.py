"""The analyst's database (``export sqlite``): tables an analyst queries, not the lookup store's.

Every relation is a single-column foreign key to an integer or text primary key, so that Datasette,
sqlite-utils and the sqlite3 shell show it; each item's label column for Datasette is ``name``
(``FRAMEWORK:CODE``). Lists are rows (an item's parts, details and tags; a crosswalk's relations), and a
link's provenance is columns. ``item_search`` is an FTS5 index over ``item`` (external content, rowid =
``item.key``), which Datasette finds and uses for ``?_search=``.
"""

from __future__ import annotations

VERSION = 1  # PRAGMA user_version of the file

DDL = """
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
    origin TEXT NOT NULL,          -- 'packaged', or the name of your file it was read from
    header TEXT NOT NULL           -- JSON object: every field of the header, as the file gives it
);
CREATE TABLE level (
    key INTEGER PRIMARY KEY,
    framework TEXT NOT NULL REFERENCES framework(id),
    depth INTEGER NOT NULL,        -- 0: the top level
    name TEXT NOT NULL,
    long_name TEXT NOT NULL,
    plural TEXT NOT NULL,
    text TEXT NOT NULL,
    grouping INTEGER NOT NULL,
    UNIQUE (framework, depth)
);
CREATE TABLE item (
    key INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,     -- FRAMEWORK:CODE, as every command takes it
    framework TEXT NOT NULL REFERENCES framework(id),
    code TEXT NOT NULL,
    label TEXT,                    -- the printed numbering, where it differs from the code
    level TEXT NOT NULL,
    depth INTEGER NOT NULL,
    parent INTEGER REFERENCES item(key),
    position INTEGER NOT NULL,     -- document order within the framework
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    parts TEXT NOT NULL,           -- the parts as printed under the item, one a line (rows: part)
    tags TEXT NOT NULL,            -- its tags' codes, space-separated (rows: item_tag)
    tags_incomplete INTEGER NOT NULL,
    recovered_by TEXT,
    case_identifier TEXT,
    case_uri TEXT,
    UNIQUE (framework, code)
);
CREATE INDEX item_parent ON item(parent);
CREATE TABLE part (
    key INTEGER PRIMARY KEY,
    item INTEGER NOT NULL REFERENCES item(key),
    position INTEGER NOT NULL,
    label TEXT,
    title TEXT,
    text TEXT NOT NULL
);
CREATE INDEX part_item ON part(item);
CREATE TABLE detail (
    key INTEGER PRIMARY KEY,
    item INTEGER NOT NULL REFERENCES item(key),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX detail_item ON detail(item);
CREATE TABLE tag (
    key INTEGER PRIMARY KEY,
    framework TEXT NOT NULL REFERENCES framework(id),
    code TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    source TEXT NOT NULL,
    UNIQUE (framework, code)
);
CREATE TABLE item_tag (
    key INTEGER PRIMARY KEY,
    item INTEGER NOT NULL REFERENCES item(key),
    tag INTEGER NOT NULL REFERENCES tag(key),
    position INTEGER NOT NULL,     -- as the item lists its tags
    recovered INTEGER NOT NULL,    -- 1: recovered from elsewhere, where the source lost it
    UNIQUE (item, tag)
);
CREATE INDEX item_tag_tag ON item_tag(tag);
CREATE TABLE framework_note (
    key INTEGER PRIMARY KEY,
    framework TEXT NOT NULL REFERENCES framework(id),
    position INTEGER NOT NULL,
    title TEXT,
    text TEXT NOT NULL
);
CREATE TABLE crosswalk (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    source_framework TEXT NOT NULL REFERENCES framework(id),
    target_framework TEXT NOT NULL REFERENCES framework(id),
    publisher TEXT NOT NULL,
    status TEXT,
    date TEXT,
    approved_by TEXT,
    license TEXT NOT NULL,
    license_url TEXT NOT NULL,
    origin TEXT NOT NULL,
    header TEXT NOT NULL
);
CREATE TABLE relation (
    key INTEGER PRIMARY KEY,
    crosswalk TEXT NOT NULL REFERENCES crosswalk(id),
    position INTEGER NOT NULL,     -- strongest first
    name TEXT NOT NULL,
    heading TEXT NOT NULL,
    UNIQUE (crosswalk, name)
);
CREATE TABLE source_note (
    key INTEGER PRIMARY KEY,
    framework TEXT REFERENCES framework(id),   -- the framework whose source it is about, or
    crosswalk TEXT REFERENCES crosswalk(id),   -- the crosswalk's
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    place TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE TABLE decision (
    key INTEGER PRIMARY KEY,
    crosswalk TEXT NOT NULL REFERENCES crosswalk(id),
    seq INTEGER NOT NULL,          -- the entry's place in the crosswalk
    source INTEGER NOT NULL REFERENCES item(key),
    links INTEGER NOT NULL,
    no_match INTEGER NOT NULL,     -- 1: a reviewer decided that no target fits
    reviewed INTEGER NOT NULL,     -- 1: the crosswalk lists its source as decided by a person
    drafted INTEGER NOT NULL,      -- 1: crosswalk suggested its links (reviewed or not); 0: published
    method TEXT,
    score REAL,
    reviewed_by TEXT,
    reviewed_at TEXT,              -- ISO 8601 (or the date an older file gives)
    rationale TEXT,
    printed_label TEXT,
    note TEXT,
    UNIQUE (crosswalk, seq)
);
CREATE INDEX decision_source ON decision(source);
CREATE TABLE provenance (
    key INTEGER PRIMARY KEY,
    decision INTEGER NOT NULL REFERENCES decision(key),
    name TEXT NOT NULL,            -- every key of the entry's provenance, known or not
    value TEXT NOT NULL,           -- as the file writes it
    UNIQUE (decision, name)
);
CREATE TABLE link (
    key INTEGER PRIMARY KEY,
    crosswalk TEXT NOT NULL REFERENCES crosswalk(id),
    decision INTEGER NOT NULL REFERENCES decision(key),
    position INTEGER NOT NULL,     -- order within the entry, strongest relation first
    source INTEGER NOT NULL REFERENCES item(key),
    target INTEGER NOT NULL REFERENCES item(key),
    relation TEXT NOT NULL
);
CREATE INDEX link_decision ON link(decision);
CREATE INDEX link_source ON link(source);
CREATE INDEX link_target ON link(target);
CREATE TABLE erratum (
    key INTEGER PRIMARY KEY,
    crosswalk TEXT NOT NULL REFERENCES crosswalk(id),
    decision INTEGER NOT NULL REFERENCES decision(key),
    source INTEGER NOT NULL REFERENCES item(key),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    printed TEXT,
    resolved TEXT,
    note TEXT NOT NULL
);
CREATE INDEX erratum_decision ON erratum(decision);
CREATE VIRTUAL TABLE item_search USING fts5(
    title, text, parts, content="item", content_rowid="key", tokenize='unicode61 remove_diacritics 2'
);
"""

VIEWS = """
CREATE VIEW links AS
SELECT d.crosswalk, d.seq AS entry, l.relation,
       s.framework AS source_framework, s.code AS source_code, s.title AS source_title,
       s.text AS source_text,
       t.framework AS target_framework, t.code AS target_code, t.title AS target_title,
       t.text AS target_text,
       d.drafted, d.method, d.score, d.reviewed_by, d.reviewed_at, d.rationale, d.no_match, d.note
FROM decision d JOIN item s ON s.key = d.source
LEFT JOIN link l ON l.decision = d.key LEFT JOIN item t ON t.key = l.target
WHERE l.key IS NOT NULL OR d.no_match
ORDER BY d.crosswalk, d.seq, l.position;
CREATE VIEW items AS
SELECT i.framework, i.code, i.label, i.level, p.code AS parent, i.title, i.text, i.parts, i.tags
FROM item i LEFT JOIN item p ON p.key = i.parent
ORDER BY i.framework, i.position;
CREATE VIEW errata AS
SELECT e.crosswalk, d.seq AS entry, s.code AS source_code, e.kind, e.printed, e.resolved, e.note
FROM erratum e JOIN decision d ON d.key = e.decision JOIN item s ON s.key = e.source
ORDER BY e.crosswalk, d.seq, e.position;
"""
