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

impl Store {
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
