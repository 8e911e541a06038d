-- Schema version 6: per-pair totals of events, kept in step with `events` by the merge (so
-- "who deals with whom most" reads a few rows instead of aggregating every event: at a
-- million events that aggregation took seconds).

CREATE TABLE actor_pairs (
    a             TEXT NOT NULL,            -- the smaller actor key
    b             TEXT NOT NULL,            -- the larger
    events        INTEGER NOT NULL,
    cooperation   INTEGER NOT NULL,         -- events of QuadClass 1–2
    conflict      INTEGER NOT NULL,         -- events of QuadClass 3–4
    goldstein_sum REAL NOT NULL,
    mentions      INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX actor_pairs_b ON actor_pairs(b);
CREATE INDEX actor_pairs_events ON actor_pairs(events);

INSERT INTO actor_pairs
SELECT min(key_a, key_b), max(key_a, key_b), count(*), sum(quad_class <= 2), sum(quad_class >= 3),
       sum(goldstein), sum(mentions)
FROM events WHERE key_a != '' AND key_b != '' AND key_a != key_b
GROUP BY 1, 2;
