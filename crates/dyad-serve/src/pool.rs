//! A small pool of open stores, used from tokio's blocking threads.
//!
//! SQLite calls block, so they never run on the async worker threads. A semaphore bounds how
//! many queries run at once (the machine has few cores; queueing beats thrashing), and idle
//! connections are kept so a request does not pay for opening the store: opening runs the
//! migration check and the PRAGMAs each time.

use dyad_store::{Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Why a pooled query failed.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    /// The store answered with an error.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The query's thread panicked or the runtime is shutting down.
    #[error("the query did not finish: {0}")]
    Aborted(String),
}

/// Open stores for one file and a bound on concurrent queries.
pub struct StorePool {
    db: PathBuf,
    idle: Arc<Mutex<Vec<Store>>>,
    permits: Arc<Semaphore>,
    size: usize,
}

impl std::fmt::Debug for StorePool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StorePool")
            .field("db", &self.db)
            .field("size", &self.size)
            .finish()
    }
}

impl StorePool {
    /// Opens the store once (so a missing or newer-schema file is reported now) and keeps that
    /// connection for the first query.
    pub fn open(db: &Path, size: usize) -> Result<StorePool, StoreError> {
        let size = size.max(1);
        let first = Store::open_existing(db)?;
        Ok(StorePool {
            db: db.to_path_buf(),
            idle: Arc::new(Mutex::new(vec![first])),
            permits: Arc::new(Semaphore::new(size)),
            size,
        })
    }

    /// The store file.
    pub fn path(&self) -> &Path {
        &self.db
    }

    /// Runs `f` on a pooled store on a blocking thread.
    pub async fn run<T, F>(&self, f: F) -> Result<T, PoolError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    {
        let _permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| PoolError::Aborted(e.to_string()))?;
        let idle = Arc::clone(&self.idle);
        let db = self.db.clone();
        let size = self.size;
        tokio::task::spawn_blocking(move || {
            // Opening (when no connection is idle) blocks too, so it happens here as well.
            let pooled = idle.lock().ok().and_then(|mut v| v.pop());
            let store = match pooled {
                Some(s) => s,
                None => Store::open_existing(&db)?,
            };
            let result = f(&store);
            if let Ok(mut idle) = idle.lock() {
                if idle.len() < size {
                    idle.push(store);
                }
            }
            result
        })
        .await
        // A panic drops the store with its thread: the next query opens a fresh one.
        .map_err(|e| PoolError::Aborted(e.to_string()))?
        .map_err(PoolError::Store)
    }
}
