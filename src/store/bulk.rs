//! Fast loading for sample data and benchmarks: a big page cache, the FTS index rebuilt once
//! after a load instead of row by row, and the few bulk UPDATEs the generator needs. Inserts
//! use the tables' own prepared statements (`issues::insert_issue`, ...).

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::ts;
use crate::error::Result;

/// A searchable table whose FTS index a bulk load rebuilds once at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indexed {
    Issues,
    Updates,
    Expectations,
    Log,
}

impl Indexed {
    /// The FTS table and the trigger that feeds it row by row.
    fn fts_and_trigger(self) -> (&'static str, &'static str) {
        match self {
            Indexed::Issues => ("issues_fts", "issues_fts_insert"),
            Indexed::Updates => ("updates_fts", "updates_fts_insert"),
            Indexed::Expectations => ("expectations_fts", "expectations_fts_insert"),
            Indexed::Log => ("log_fts", "log_fts_insert"),
        }
    }
}

/// A bigger page cache for a bulk load on this connection (the default 2 MB spills to the
/// WAL constantly).
pub fn grow_cache(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "cache_size", -262_144)?;
    Ok(())
}

/// Runs a bulk load inside the caller's transaction with the FTS insert trigger set aside,
/// then rebuilds the index once (row-by-row FTS inserts cost several times more).
pub fn with_fts_rebuilt_after<T>(
    tx: &Connection,
    table: Indexed,
    load: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let (fts, trigger) = table.fts_and_trigger();
    let sql: String = tx.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
        [trigger],
        |r| r.get(0),
    )?;
    tx.execute_batch(&format!("DROP TRIGGER {trigger}"))?;
    // Generated data has no history worth keeping: the history triggers rest too.
    let out = super::history::paused(tx, load)?;
    tx.execute_batch(&format!(
        "INSERT INTO {fts}({fts}) VALUES ('rebuild'); {sql};"
    ))?;
    Ok(out)
}

/// The names of every project, archived ones included.
pub fn project_names(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare("SELECT name FROM projects")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Sets a loaded issue's history: when the client was told and, if so, when it was resolved.
pub fn set_issue_history(
    tx: &Connection,
    id: i64,
    client_notified_at: DateTime<Utc>,
    resolved_at: Option<DateTime<Utc>>,
) -> Result<()> {
    tx.prepare_cached("UPDATE issues SET client_notified_at = ?2, resolved_at = ?3 WHERE id = ?1")?
        .execute(rusqlite::params![
            id,
            ts(client_notified_at),
            resolved_at.map(ts)
        ])?;
    Ok(())
}

/// Marks a loaded update as sent on its due time.
pub fn set_sent_when_due(tx: &Connection, id: i64) -> Result<()> {
    tx.prepare_cached("UPDATE updates SET sent_at = due_at WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}
