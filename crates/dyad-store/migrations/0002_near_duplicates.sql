-- Schema version 2: near-duplicate detection (MinHash + LSH).
ALTER TABLE documents ADD COLUMN minhash BLOB;        -- MinHash signature (u32 little-endian)
ALTER TABLE documents ADD COLUMN similarity REAL;     -- estimated Jaccard to duplicate_of (1 = exact)
UPDATE documents SET similarity = 1.0 WHERE duplicate_of IS NOT NULL;

-- LSH band keys of original documents: documents sharing a key are near-duplicate candidates.
CREATE TABLE doc_bands (
    band          INTEGER NOT NULL,
    doc_pk        INTEGER NOT NULL REFERENCES documents(pk),
    PRIMARY KEY (band, doc_pk)
) WITHOUT ROWID;

