//! The embedded store of dyad: one SQLite file (WAL mode) holding documents, sentences,
//! actors, mentions, events and quantities, with an FTS5 index over documents.
//!
//! - **Versioned schema.** Migrations in `migrations/` are applied in order on open and recorded
//!   in `PRAGMA user_version`; a store made by a newer dyad is refused, not damaged. The tables
//!   are documented in `SCHEMA.md`.
//! - **Transactional, idempotent ingest.** [`Store::write_batch`] writes a batch of documents
//!   with their sentences, mentions and quantities in one transaction: a killed process leaves
//!   every document either fully stored or absent, and re-running the same ingest stores only
//!   what is missing. A document whose id is already stored with the same content is left as it
//!   is; with other content it is kept under `id@hash` so no text is lost.
//! - **Duplicates** — exact (same whitespace-folded text under another id) or near (MinHash
//!   similarity at or above the threshold, found through LSH band keys in `doc_bands`, across
//!   runs) — are stored with `duplicate_of` and `similarity`, and no sentences or events;
//!   search leaves them out.

mod documents;
mod error;
mod events;
mod migrate;
mod query;
mod resolve;
mod write;

pub use documents::{DocumentDetail, MentionSpan, SentenceSpan, Spanned};
pub use error::StoreError;
pub use events::{
    period_label, ActorPair, EventFilter, EventWithReports, Period, Report, TimelineRow,
};
pub use query::{QuantityFilter, QuantityRow, SearchHit, Stats, StoredDocument};
pub use rusqlite::types::Value as SqlValue;
pub use write::{BatchOutcome, RunId, RunTotals, SkipRecord};

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The schema version this build of dyad writes and reads.
pub const SCHEMA_VERSION: i64 = migrate::MIGRATIONS.len() as i64;

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    near_dup: dyad_dedup::Params,
    merge_rules: dyad_resolve::MergeRules,
}

/// SPEC's `--db postgres://…` must not quietly become a local file of that name.
fn refuse_server_url(path: &Path) -> Result<(), StoreError> {
    let name = path.to_string_lossy();
    if ["postgres://", "postgresql://"]
        .iter()
        .any(|scheme| name.starts_with(scheme))
    {
        return Err(StoreError::ServerUrl(name.into_owned()));
    }
    Ok(())
}

impl Store {
    /// Opens the store at `path`, creating it (and applying migrations) if needed.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        refuse_server_url(&path)?;
        let conn = Connection::open(&path).map_err(|e| StoreError::open(&path, e))?;
        let mut store = Store {
            conn,
            path,
            near_dup: dyad_dedup::Params::default(),
            merge_rules: dyad_resolve::MergeRules::default(),
        };
        store.configure()?;
        migrate::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// Opens an existing store; a missing file is an error that says how to create one.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        refuse_server_url(path)?;
        if !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        Store::open(path)
    }

    /// Sets how near duplicates are found (LSH bands and rows must match the signatures the
    /// pipeline computes; the threshold may be changed freely).
    pub fn set_near_duplicates(&mut self, params: dyad_dedup::Params) {
        self.near_dup = params;
    }

    /// Sets the rules that merge mentions into events (the window, above all). They apply
    /// to mentions written from now on; events already stored keep their mentions.
    pub fn set_merge_rules(&mut self, rules: dyad_resolve::MergeRules) {
        self.merge_rules = rules;
    }

    /// Where the store lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs SQLite's own consistency check; `Ok(())` when it reports "ok".
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let report: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if report == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt(self.path.clone(), report))
        }
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        // WAL keeps readers (search, serve) going while ingest writes; NORMAL sync is durable
        // across process crashes, which is what a killed ingest needs. Checkpointing every
        // 8192 pages instead of SQLite's 1000 copies hot pages (FTS, indexes) once rather than
        // many times: ingest ~25 % faster on Reuters, at the cost of a WAL of up to ~32 MB.
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;
                 PRAGMA temp_store = MEMORY;
                 PRAGMA cache_size = -65536;
                 PRAGMA busy_timeout = 10000;
                 PRAGMA wal_autocheckpoint = 8192;",
            )
            .map_err(|e| StoreError::open(&self.path, e))
    }
}
