use std::path::{Path, PathBuf};

/// What can go wrong with the store, worded for the person at the terminal.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No store file where one was expected.
    #[error("no dyad store at {0}: run `dyad ingest PATH --db {0}` first, or pass --db FILE")]
    Missing(PathBuf),
    /// The file could not be opened as a SQLite database.
    #[error("cannot open the store at {path}: {source} (is it a dyad store, and is the directory writable?)")]
    Open {
        /// The file.
        path: PathBuf,
        /// SQLite's reason.
        source: rusqlite::Error,
    },
    /// The store was written by a newer dyad.
    #[error("the store at {path} has schema version {found}, newer than this dyad understands ({supported}): upgrade dyad")]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// Version in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// A server URL where this build only has the embedded SQLite store.
    #[error("{0} is a database server URL; this build of dyad stores into a SQLite file only (a PostgreSQL store is not there yet): pass --db FILE, such as --db dyad.db")]
    ServerUrl(String),
    /// SQLite's integrity check failed.
    #[error("the store at {0} failed SQLite's integrity check: {1}")]
    Corrupt(PathBuf, String),
    /// A search query FTS5 could not read even after quoting its words.
    #[error("cannot search for {query:?}: {reason}")]
    Query {
        /// The query.
        query: String,
        /// FTS5's reason.
        reason: String,
    },
    /// Any other SQLite failure.
    #[error("store error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    pub(crate) fn open(path: &Path, source: rusqlite::Error) -> Self {
        StoreError::Open {
            path: path.to_path_buf(),
            source,
        }
    }
}
