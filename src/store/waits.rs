//! Waits on the client: when an issue's follow-up clock stood still, and why.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{get_time, get_time_opt, ts, ts_opt};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueWait {
    pub id: i64,
    pub issue_id: i64,
    /// What the client owes: a decision, access, test data.
    pub waiting_for: String,
    pub since: DateTime<Utc>,
    /// When the wait ends by itself, if the client said.
    pub until: Option<DateTime<Utc>>,
    pub resumed_at: Option<DateTime<Utc>>,
    /// What ended it: resume, inbound (the client wrote) or until.
    pub resumed_by: Option<String>,
}

const COLS: &str =
    "id, issue_id, waiting_for, since, until, resumed_at, resumed_by FROM issue_waits";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<IssueWait> {
    Ok(IssueWait {
        id: r.get(0)?,
        issue_id: r.get(1)?,
        waiting_for: r.get(2)?,
        since: get_time(r, 3)?,
        until: get_time_opt(r, 4)?,
        resumed_at: get_time_opt(r, 5)?,
        resumed_by: r.get(6)?,
    })
}

/// The issue's wait still under way, if any.
pub fn open_wait(conn: &Connection, issue_id: i64) -> Result<Option<IssueWait>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLS} WHERE issue_id = ?1 AND resumed_at IS NULL"
        ))?
        .query_row([issue_id], row)
        .optional()?)
}

/// Every wait under way, oldest first.
pub fn open_waits(conn: &Connection) -> Result<Vec<IssueWait>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE resumed_at IS NULL ORDER BY since, id"
    ))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The ids of the issues waiting on the client.
pub fn waiting_issue_ids(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT issue_id FROM issue_waits WHERE resumed_at IS NULL")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert(
    conn: &Connection,
    issue_id: i64,
    waiting_for: &str,
    since: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO issue_waits (issue_id, waiting_for, since, until) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![issue_id, waiting_for, ts(since), ts_opt(until)])?;
    Ok(conn.last_insert_rowid())
}

pub fn end(conn: &Connection, id: i64, at: DateTime<Utc>, by: &str) -> Result<()> {
    conn.prepare_cached("UPDATE issue_waits SET resumed_at = ?2, resumed_by = ?3 WHERE id = ?1")?
        .execute(params![id, ts(at), by])?;
    Ok(())
}

/// The (since, resumed) spans of the issue's waits that ended after `after`: the time its
/// follow-up clock stood still since then.
pub fn ended_spans_after(
    conn: &Connection,
    issue_id: i64,
    after: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT since, resumed_at FROM issue_waits
         WHERE issue_id = ?1 AND resumed_at IS NOT NULL AND resumed_at >= ?2",
    )?;
    let rows = stmt.query_map(params![issue_id, ts(after)], |r| {
        Ok((get_time(r, 0)?, get_time(r, 1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
