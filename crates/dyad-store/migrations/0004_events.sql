-- Schema version 4: mentions merged into events by the rules of crates/dyad-resolve.
-- The events table of version 1 was never filled; it is replaced by one that carries the
-- merge keys, so that merging and relationship queries are index lookups.

ALTER TABLE mentions ADD COLUMN merged INTEGER NOT NULL DEFAULT 0; -- 1 once the resolver has seen it
CREATE INDEX mentions_unmerged ON mentions(id) WHERE merged = 0;

DROP INDEX events_dyad;
DROP TABLE events;
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    family        TEXT NOT NULL,            -- merge family: three-digit CAMEO code ("057", "040")
    key_a         TEXT NOT NULL,            -- actor keys (country, else code, else ~name; '' = none):
    key_b         TEXT NOT NULL,            --   source and target; sorted for a mutual act
    mutual        INTEGER NOT NULL,         -- 1 for a joint act (unordered dyad)
    flipped       INTEGER NOT NULL,         -- 1 when source_* below is key_b's side
    day_lo        INTEGER,                  -- days from the common era the date covers; NULL undated
    day_hi        INTEGER,
    object_words  TEXT NOT NULL DEFAULT '', -- specific object words of its mentions, sorted
    object_text   TEXT,                     -- what it is about, from its first mention naming it
    source_code   TEXT,                     -- best-supported actor codes and names
    source_name   TEXT,
    target_code   TEXT,
    target_name   TEXT,
    cameo         TEXT NOT NULL,            -- best-supported code among the mentions
    root          TEXT NOT NULL,
    quad_class    INTEGER NOT NULL CHECK (quad_class BETWEEN 1 AND 4),
    goldstein     REAL NOT NULL,
    plover_type   TEXT NOT NULL,
    plover_mode   TEXT,
    date          TEXT,                     -- the most precise date its mentions state
    date_precision TEXT NOT NULL,
    mentions      INTEGER NOT NULL,         -- distinct sentences
    sources       INTEGER NOT NULL,         -- distinct outlets (site, else original document)
    articles      INTEGER NOT NULL,         -- distinct documents
    first_seen    TEXT,                     -- earliest publication date of a reporting document
    added_at      TEXT NOT NULL,            -- when it was first stored (RFC 3339, UTC)
    first_doc_id  TEXT REFERENCES documents(id),
    first_sentence_idx INTEGER,
    linked_event  INTEGER REFERENCES events(id) -- the reciprocal act (visit ↔ host)
);
CREATE INDEX events_merge ON events(key_a, key_b, family, day_lo);
CREATE INDEX events_dyad ON events(key_a, key_b, day_lo);
CREATE INDEX events_b ON events(key_b, day_lo);
CREATE INDEX events_day ON events(day_lo);
