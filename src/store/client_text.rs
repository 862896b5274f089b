//! The tables of schema 4: progress notes written for the client, an update's Cc, the promise
//! a drafted body carries, and why a rule skipped an update.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::{get_time, ts};
use crate::error::Result;

/// A progress note written for the client about an issue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueNote {
    pub id: i64,
    pub issue_id: i64,
    pub at: DateTime<Utc>,
    pub text: String,
}

fn note_row(r: &Row<'_>) -> rusqlite::Result<IssueNote> {
    Ok(IssueNote {
        id: r.get(0)?,
        issue_id: r.get(1)?,
        at: get_time(r, 2)?,
        text: r.get(3)?,
    })
}

pub fn insert_note(
    conn: &Connection,
    issue_id: i64,
    at: DateTime<Utc>,
    text: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO issue_notes (issue_id, at, text, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![issue_id, ts(at), text, ts(now)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn set_note_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.execute(
        "UPDATE issue_notes SET archived_at = ?2 WHERE id = ?1",
        params![id, at.map(ts)],
    )?;
    Ok(())
}

/// An issue's notes, oldest first.
pub fn notes_of_issue(conn: &Connection, issue_id: i64) -> Result<Vec<IssueNote>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, issue_id, at, text FROM issue_notes
         WHERE issue_id = ?1 AND archived_at IS NULL ORDER BY at, id",
    )?;
    let notes = stmt
        .query_map([issue_id], note_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(notes)
}

/// (issue title, note) of a project's notes written in [from, to], oldest first: times are
/// whole seconds, so a note written in the second a report is made is in it.
pub fn notes_of_project_between(
    conn: &Connection,
    project_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(String, IssueNote)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT n.id, n.issue_id, n.at, n.text, i.title FROM issue_notes n
         JOIN issues i ON i.id = n.issue_id
         WHERE i.project_id = ?1 AND n.archived_at IS NULL AND i.archived_at IS NULL
           AND n.at >= ?2 AND n.at <= ?3
         ORDER BY n.at, n.id",
    )?;
    let notes = stmt
        .query_map(params![project_id, ts(from), ts(to)], |r| {
            Ok((r.get(4)?, note_row(r)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(notes)
}

/// The contacts an update is copied to, by contact id.
pub fn cc_of(conn: &Connection, update_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT contact_id FROM update_cc WHERE update_id = ?1 ORDER BY contact_id",
    )?;
    let ids = stmt
        .query_map([update_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// Replaces the update's Cc list.
pub fn set_cc(conn: &Connection, update_id: i64, contacts: &[i64]) -> Result<()> {
    conn.execute("DELETE FROM update_cc WHERE update_id = ?1", [update_id])?;
    for c in contacts {
        conn.execute(
            "INSERT OR IGNORE INTO update_cc (update_id, contact_id) VALUES (?1, ?2)",
            params![update_id, c],
        )?;
    }
    Ok(())
}

/// The next-update time the update's drafted body promises, if it was drafted with one.
pub fn promise_of(conn: &Connection, update_id: i64) -> Result<Option<DateTime<Utc>>> {
    let t: Option<String> = conn
        .query_row(
            "SELECT promised_at FROM update_promises WHERE update_id = ?1",
            [update_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(t.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc)))
}

pub fn set_promise(conn: &Connection, update_id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    match at {
        Some(at) => conn.execute(
            "INSERT INTO update_promises (update_id, promised_at) VALUES (?1, ?2)
             ON CONFLICT(update_id) DO UPDATE SET promised_at = excluded.promised_at",
            params![update_id, ts(at)],
        )?,
        None => conn.execute(
            "DELETE FROM update_promises WHERE update_id = ?1",
            [update_id],
        )?,
    };
    Ok(())
}

pub fn skip_reason(conn: &Connection, update_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT reason FROM update_skip_reasons WHERE update_id = ?1",
            [update_id],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set_skip_reason(conn: &Connection, update_id: i64, reason: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO update_skip_reasons (update_id, reason) VALUES (?1, ?2)
         ON CONFLICT(update_id) DO UPDATE SET reason = excluded.reason",
        params![update_id, reason],
    )?;
    Ok(())
}

/// Where the project's latest status report that was sent or skipped ended: a sent one covers
/// up to when it was sent (it is rendered then), a skipped one up to its due time. The next
/// report's period starts here.
pub fn last_status_end(conn: &Connection, project_id: i64) -> Result<Option<DateTime<Utc>>> {
    let t: Option<String> = conn
        .prepare_cached(
            "SELECT max(CASE WHEN state = 'sent' THEN coalesce(sent_at, due_at) ELSE due_at END)
             FROM updates INDEXED BY updates_status_reports
             WHERE project_id = ?1 AND archived_at IS NULL AND kind = 'status' AND is_pending = 0",
        )?
        .query_row([project_id], |r| r.get(0))?;
    Ok(t.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc)))
}
