-- Schema version 5: indexes that keep the relationship queries fast at a million events
-- (measured with `dyad bench --queries`).

-- A dyad's timeline reads only these columns, so it is answered from the index alone rather
-- than with one table lookup per event; `day_hi` lets a date-bounded listing discard events
-- before reading their rows.
DROP INDEX events_dyad;
CREATE INDEX events_dyad ON events(key_a, key_b, day_lo, day_hi, date, mutual, quad_class,
    goldstein, mentions);

-- One actor's events of a CAMEO code, on either side (`--source RUS --code 057`).
CREATE INDEX events_a_code ON events(key_a, cameo, day_lo);
CREATE INDEX events_b_code ON events(key_b, cameo, day_lo);
