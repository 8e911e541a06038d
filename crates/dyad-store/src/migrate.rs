use crate::StoreError;
use rusqlite::Connection;
use std::path::Path;

/// Schema migrations; entry `i` takes the store from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_near_duplicates.sql"),
    include_str!("../migrations/0003_quantity_context.sql"),
    include_str!("../migrations/0004_events.sql"),
    include_str!("../migrations/0005_query_indexes.sql"),
    include_str!("../migrations/0006_actor_pairs.sql"),
];

/// Brings the store up to [`crate::SCHEMA_VERSION`], each step in its own transaction.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let supported = MIGRATIONS.len() as i64;
    if found > supported {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
