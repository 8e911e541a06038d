-- dyad store, schema version 1. Documented in crates/dyad-store/SCHEMA.md.
-- Other tools read these tables by name: change them only through a new migration.

CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    started_at    TEXT NOT NULL,            -- RFC 3339, UTC
    finished_at   TEXT,                     -- NULL while running or when the run was killed
    status        TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed')),
    command       TEXT NOT NULL,            -- the command line, for provenance
    dyad_version  TEXT NOT NULL,
    documents     INTEGER NOT NULL DEFAULT 0,  -- new documents stored
    duplicates    INTEGER NOT NULL DEFAULT 0,  -- of which exact duplicates of earlier ones
    unchanged     INTEGER NOT NULL DEFAULT 0,  -- already in the store, left as they were
    sentences     INTEGER NOT NULL DEFAULT 0,
    skipped       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
    pk            INTEGER PRIMARY KEY,      -- internal; rowid of the FTS index
    id            TEXT NOT NULL UNIQUE,     -- stable document id
    url           TEXT,
    title         TEXT,
    author        TEXT,
    date          TEXT,                     -- YYYY-MM-DD, YYYY-MM or YYYY
    site          TEXT,
    language      TEXT,                     -- ISO 639-1
    clean_text    TEXT NOT NULL,
    content_hash  TEXT NOT NULL,            -- xxh3-128 of whitespace-folded clean_text
    duplicate_of  TEXT REFERENCES documents(id),
    sentence_count INTEGER NOT NULL,        -- sentences stored for it (0 for duplicates)
    origin        TEXT NOT NULL,            -- path[:line|@offset] it was read from
    repaired      INTEGER NOT NULL DEFAULT 0, -- invalid UTF-8 sequences replaced on reading
    run_id        INTEGER NOT NULL REFERENCES runs(id),
    ingested_at   TEXT NOT NULL
);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE INDEX documents_date ON documents(date);

CREATE TABLE sentences (
    doc_id        TEXT NOT NULL REFERENCES documents(id),
    idx           INTEGER NOT NULL,         -- position in the document, from 0
    start         INTEGER NOT NULL,         -- byte offset into documents.clean_text
    end           INTEGER NOT NULL,
    text          TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

-- Distinct actors seen in coded events; unknown names have code NULL.
CREATE TABLE actors (
    id            INTEGER PRIMARY KEY,
    code          TEXT,                     -- CAMEO actor code, e.g. RUSGOV
    country       TEXT,
    sector        TEXT,
    name          TEXT NOT NULL,
    UNIQUE (code, name)
);

-- One row per coded event in a sentence (GDELT's Mentions).
CREATE TABLE mentions (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER REFERENCES events(id), -- set when mentions are merged into events
    doc_id        TEXT NOT NULL REFERENCES documents(id),
    sentence_idx  INTEGER NOT NULL,
    source_actor  INTEGER REFERENCES actors(id),
    source_text   TEXT,
    source_start  INTEGER,
    source_end    INTEGER,
    target_actor  INTEGER REFERENCES actors(id),
    target_text   TEXT,
    target_start  INTEGER,
    target_end    INTEGER,
    cameo         TEXT NOT NULL,
    root          TEXT NOT NULL,
    quad_class    INTEGER NOT NULL CHECK (quad_class BETWEEN 1 AND 4),
    goldstein     REAL NOT NULL,
    plover_type   TEXT NOT NULL,
    plover_mode   TEXT,
    date          TEXT,
    date_precision TEXT NOT NULL,
    date_text     TEXT,
    trigger_text  TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    object_text   TEXT,
    object_start  INTEGER,
    object_end    INTEGER,
    negated       INTEGER NOT NULL,
    confidence    REAL NOT NULL,
    rule          TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc_id, sentence_idx);
CREATE INDEX mentions_event ON mentions(event_id);

-- Mentions of one real-world event merged (GDELT's Events), filled by the resolve stage.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    source_code   TEXT,
    target_code   TEXT,
    cameo         TEXT NOT NULL,
    root          TEXT NOT NULL,
    quad_class    INTEGER NOT NULL CHECK (quad_class BETWEEN 1 AND 4),
    goldstein     REAL NOT NULL,
    plover_type   TEXT NOT NULL,
    plover_mode   TEXT,
    date          TEXT,
    date_precision TEXT NOT NULL,
    mentions      INTEGER NOT NULL,
    sources       INTEGER NOT NULL,
    articles      INTEGER NOT NULL,
    first_doc_id  TEXT REFERENCES documents(id),
    first_sentence_idx INTEGER
);
CREATE INDEX events_dyad ON events(source_code, target_code, date);

CREATE TABLE quantities (
    id            INTEGER PRIMARY KEY,
    doc_id        TEXT NOT NULL REFERENCES documents(id),
    sentence_idx  INTEGER NOT NULL,
    text          TEXT NOT NULL,
    value         REAL NOT NULL,
    unit          TEXT NOT NULL,
    qualifier     TEXT NOT NULL,
    measure       TEXT,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL
);
CREATE INDEX quantities_doc ON quantities(doc_id, sentence_idx);

-- Inputs and records a run could not use, and why.
CREATE TABLE skipped (
    run_id        INTEGER NOT NULL REFERENCES runs(id),
    input         TEXT NOT NULL,
    record        TEXT,
    reason        TEXT NOT NULL
);

-- Full-text index over documents (search leaves duplicates out).
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, clean_text,
    content = 'documents', content_rowid = 'pk',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
