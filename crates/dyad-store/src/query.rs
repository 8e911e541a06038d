use crate::{Store, StoreError};
use rusqlite::{params, ErrorCode, OptionalExtension};
use serde::Serialize;

/// One document found by [`Store::search`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<String>,
    /// A passage around the matches, with matches in `[` `]`.
    pub snippet: String,
    /// BM25 relevance: lower is better (FTS5's convention).
    pub score: f64,
}

/// A stored document's headline facts, as listed after an ingest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDocument {
    /// Document id.
    pub id: String,
    /// Publication date.
    pub date: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Sentences stored.
    pub sentences: i64,
    /// The document it duplicates, if any.
    pub duplicate_of: Option<String>,
}

/// Row counts and run history of a store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Schema version of the file.
    pub schema_version: i64,
    /// Documents that are not duplicates.
    pub documents: i64,
    /// Documents stored as duplicates of others.
    pub duplicates: i64,
    /// Sentences.
    pub sentences: i64,
    /// Distinct actors.
    pub actors: i64,
    /// Event mentions.
    pub mentions: i64,
    /// Merged events.
    pub events: i64,
    /// Stated quantities.
    pub quantities: i64,
    /// Skipped inputs and records, over all runs.
    pub skipped: i64,
    /// Earliest document date.
    pub first_date: Option<String>,
    /// Latest document date.
    pub last_date: Option<String>,
    /// Documents per language, most frequent first.
    pub languages: Vec<(String, i64)>,
    /// Ingest runs recorded.
    pub runs: i64,
    /// Runs that never finished (killed or crashed): re-running the same ingest completes them.
    pub interrupted_runs: i64,
    /// Start time of the last run.
    pub last_run: Option<String>,
}

/// Which stated figures to list ([`Store::quantities`]).
#[derive(Debug, Clone, Default)]
pub struct QuantityFilter {
    /// Both actors (country blocks or full codes, as prefixes: "RUS" matches RUSGOV) named in
    /// the figure's sentence.
    pub dyad: Option<(String, String)>,
    /// Unit, exactly ("USD", "percent", "t").
    pub unit: Option<String>,
    /// Words the measured phrase or the figure's sentence contains ("trade" matches "mutual
    /// trade", and "a target of $240 billion" in a sentence about trade).
    pub measure: Option<String>,
    /// Most rows to return.
    pub limit: usize,
}

/// A stated figure with where it was said ([`Store::quantities`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuantityRow {
    /// The sentence's date (stated in it, else the document's).
    pub date: Option<String>,
    /// The figure as written ("$108 billion").
    pub text: String,
    /// Value in `unit`s.
    pub value: f64,
    /// Upper end of a range.
    pub value_max: Option<f64>,
    /// Unit.
    pub unit: String,
    /// Rate period ("year").
    pub per: Option<String>,
    /// `exact`, `about`, `almost`, `more_than`, `less_than`, `up_to`.
    pub qualifier: String,
    /// What is measured.
    pub measure: Option<String>,
    /// Actor codes named in the sentence.
    pub actors: Option<String>,
    /// Document id.
    pub doc_id: String,
    /// Document site, when known.
    pub site: Option<String>,
    /// Index of the sentence in the document.
    pub sentence_index: i64,
    /// The sentence.
    pub sentence: Option<String>,
    /// Byte offset of the figure in the document's clean text.
    pub start: usize,
    /// End of the figure (exclusive).
    pub end: usize,
}

impl Store {
    /// Stated figures, oldest first, with their sentence and source: "what trade figures were
    /// claimed for Russia–China" is `dyad quantities --dyad RUS,CHN --measure trade`.
    pub fn quantities(&self, f: &QuantityFilter) -> Result<Vec<QuantityRow>, StoreError> {
        // Codes are stored space-separated; a leading space makes "prefix of a code" a LIKE.
        let like =
            |code: &Option<String>| code.as_ref().map(|c| format!("% {}%", c.to_uppercase()));
        let (a, b) = match &f.dyad {
            Some((a, b)) => (like(&Some(a.clone())), like(&Some(b.clone()))),
            None => (None, None),
        };
        let measure = f
            .measure
            .as_ref()
            .map(|m| format!("%{}%", m.to_lowercase()));
        let mut stmt = self.conn.prepare_cached(&format!(
            "{QUANTITY_COLUMNS}
             WHERE (?1 IS NULL OR (' ' || q.actors) LIKE ?1)
               AND (?2 IS NULL OR (' ' || q.actors) LIKE ?2)
               AND (?3 IS NULL OR q.unit = ?3)
               AND (?4 IS NULL OR lower(q.measure) LIKE ?4 OR lower(s.text) LIKE ?4)
             ORDER BY q.date, q.doc_id, q.sentence_idx, q.start
             LIMIT ?5"
        ))?;
        let rows = stmt
            .query_map(
                params![a, b, f.unit, measure, f.limit.max(1) as i64],
                quantity_row,
            )?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The figures one document states, in text order.
    pub(crate) fn document_quantities(&self, id: &str) -> Result<Vec<QuantityRow>, StoreError> {
        let rows = self
            .conn
            .prepare_cached(&format!(
                "{QUANTITY_COLUMNS} WHERE q.doc_id = ?1 ORDER BY q.sentence_idx, q.start"
            ))?
            .query_map([id], quantity_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Full-text search over titles and texts (FTS5 syntax: words, "phrases", OR, NOT,
    /// NEAR, prefix*). A query FTS5 cannot parse, such as `Russia-China`, is retried with
    /// each word quoted, so users need not know the syntax.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        match self.search_raw(query, limit) {
            Err(StoreError::Sqlite(e)) if is_fts_syntax_error(&e) => {
                let quoted: Vec<String> = query
                    .split_whitespace()
                    .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                    .collect();
                self.search_raw(&quoted.join(" "), limit)
                    .map_err(|e| StoreError::Query {
                        query: query.to_owned(),
                        reason: e.to_string(),
                    })
            }
            other => other,
        }
    }

    fn search_raw(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.title, d.date,
                    snippet(documents_fts, 1, '[', ']', '…', 16), bm25(documents_fts)
             FROM documents_fts JOIN documents d ON d.pk = documents_fts.rowid
             WHERE documents_fts MATCH ?1 AND d.duplicate_of IS NULL
             ORDER BY rank LIMIT ?2",
        )?;
        let hits = stmt
            .query_map(params![query, limit as i64], |r| {
                Ok(SearchHit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    date: r.get(2)?,
                    snippet: r.get(3)?,
                    score: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(hits)
    }

    /// Row counts, date range, languages and run history.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let count = |sql: &str| -> Result<i64, StoreError> {
            Ok(self.conn.query_row(sql, [], |r| r.get(0))?)
        };
        let (first_date, last_date) = self.conn.query_row(
            "SELECT min(date), max(date) FROM documents WHERE duplicate_of IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let languages = self
            .conn
            .prepare(
                "SELECT coalesce(language, 'unknown'), count(*) FROM documents
                 WHERE duplicate_of IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Stats {
            schema_version: self.schema_version()?,
            documents: count("SELECT count(*) FROM documents WHERE duplicate_of IS NULL")?,
            duplicates: count("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")?,
            sentences: count("SELECT count(*) FROM sentences")?,
            actors: count("SELECT count(*) FROM actors")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            events: count("SELECT count(*) FROM events")?,
            quantities: count("SELECT count(*) FROM quantities")?,
            skipped: count("SELECT count(*) FROM skipped")?,
            first_date,
            last_date,
            languages,
            runs: count("SELECT count(*) FROM runs")?,
            interrupted_runs: count("SELECT count(*) FROM runs WHERE status = 'running'")?,
            last_run: self
                .conn
                .query_row(
                    "SELECT started_at FROM runs ORDER BY id DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?,
        })
    }

    /// Titles, dates and sentence counts of the documents stored by a run, in order.
    pub fn run_documents(
        &self,
        run: crate::RunId,
        limit: usize,
    ) -> Result<Vec<StoredDocument>, StoreError> {
        let rows = self
            .conn
            .prepare(
                "SELECT id, date, title, sentence_count, duplicate_of FROM documents
                 WHERE run_id = ?1 ORDER BY pk LIMIT ?2",
            )?
            .query_map(params![run.0, limit as i64], |r| {
                Ok(StoredDocument {
                    id: r.get(0)?,
                    date: r.get(1)?,
                    title: r.get(2)?,
                    sentences: r.get(3)?,
                    duplicate_of: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

/// The select list and joins [`quantity_row`] reads.
const QUANTITY_COLUMNS: &str =
    "SELECT q.date, q.text, q.value, q.value_max, q.unit, q.per, q.qualifier, q.measure,
            q.actors, q.doc_id, d.site, q.sentence_idx, s.text, q.start, q.end
     FROM quantities q
     JOIN documents d ON d.id = q.doc_id
     LEFT JOIN sentences s ON s.doc_id = q.doc_id AND s.idx = q.sentence_idx";

fn quantity_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<QuantityRow> {
    Ok(QuantityRow {
        date: r.get(0)?,
        text: r.get(1)?,
        value: r.get(2)?,
        value_max: r.get(3)?,
        unit: r.get(4)?,
        per: r.get(5)?,
        qualifier: r.get(6)?,
        measure: r.get(7)?,
        actors: r.get(8)?,
        doc_id: r.get(9)?,
        site: r.get(10)?,
        sentence_index: r.get(11)?,
        sentence: r.get(12)?,
        start: r.get::<_, i64>(13)? as usize,
        end: r.get::<_, i64>(14)? as usize,
    })
}

fn is_fts_syntax_error(e: &rusqlite::Error) -> bool {
    match e {
        rusqlite::Error::SqliteFailure(err, msg) => {
            err.code == ErrorCode::Unknown
                && msg.as_deref().is_some_and(|m| {
                    m.contains("fts5: syntax error")
                        || m.contains("no such column")
                        || m.contains("unterminated string")
                        || m.contains("unknown special query")
                })
        }
        _ => false,
    }
}
