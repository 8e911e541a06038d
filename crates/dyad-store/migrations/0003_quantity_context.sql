-- Schema version 3: what a figure is linked to, so "the trade figures claimed for Russia–China"
-- is one query.
ALTER TABLE quantities ADD COLUMN value_max REAL;     -- upper end of a range ("$3–5 billion")
ALTER TABLE quantities ADD COLUMN per TEXT;           -- rate period ("year" for "per year")
ALTER TABLE quantities ADD COLUMN actors TEXT;        -- actor codes named in the sentence, space-separated
ALTER TABLE quantities ADD COLUMN date TEXT;          -- the sentence's date (stated, else the document's)
CREATE INDEX quantities_unit ON quantities(unit, date);
