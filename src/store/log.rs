//! The communication log.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Window, contains_pattern, get_enum, get_time, ts, ts_opt};
use crate::error::{Error, Result};
use crate::model::{LogEntry, NewLogEntry};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogQuery {
    pub project_id: Option<i64>,
    pub issue_id: Option<i64>,
    pub text: Option<String>,
}

const COLS: &str = "l.id, l.project_id, p.name, l.at, l.direction, l.channel, l.kind, l.summary,
    l.sentiment, l.issue_id, l.expectation_id, l.update_id, l.archived_at IS NOT NULL
    FROM log_entries l JOIN projects p ON p.id = l.project_id";

fn row(r: &Row<'_>) -> rusqlite::Result<LogEntry> {
    Ok(LogEntry {
        id: r.get(0)?,
        project_id: r.get(1)?,
        project: r.get(2)?,
        at: get_time(r, 3)?,
        direction: get_enum(r, 4)?,
        channel: get_enum(r, 5)?,
        kind: get_enum(r, 6)?,
        summary: r.get(7)?,
        sentiment: r.get(8)?,
        issue_id: r.get(9)?,
        expectation_id: r.get(10)?,
        update_id: r.get(11)?,
        archived: r.get(12)?,
    })
}

pub fn insert(conn: &Connection, new: &NewLogEntry, now: DateTime<Utc>) -> Result<i64> {
    conn.execute(
        "INSERT INTO log_entries (project_id, at, direction, channel, kind, summary, sentiment,
             issue_id, expectation_id, update_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            new.project_id,
            ts(new.at),
            new.direction.as_str(),
            new.channel.as_str(),
            new.kind.as_str(),
            new.summary,
            new.sentiment,
            new.issue_id,
            new.expectation_id,
            new.update_id,
            ts(now)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn save(conn: &Connection, e: &LogEntry) -> Result<()> {
    conn.execute(
        "UPDATE log_entries SET at = ?2, direction = ?3, channel = ?4, kind = ?5, summary = ?6,
             sentiment = ?7, issue_id = ?8, expectation_id = ?9
         WHERE id = ?1",
        params![
            e.id,
            ts(e.at),
            e.direction.as_str(),
            e.channel.as_str(),
            e.kind.as_str(),
            e.summary,
            e.sentiment,
            e.issue_id,
            e.expectation_id
        ],
    )?;
    Ok(())
}

pub fn set_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.execute(
        "UPDATE log_entries SET archived_at = ?2 WHERE id = ?1",
        params![id, ts_opt(at)],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<LogEntry> {
    conn.query_row(&format!("SELECT {COLS} WHERE l.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("log entry", id))
}

const FILTER: &str = "l.archived_at IS NULL
    AND (?1 IS NULL OR l.project_id = ?1)
    AND (?2 IS NULL OR l.issue_id = ?2)
    AND (?3 IS NULL OR instr(lower(l.summary), ?3) > 0)";

/// The log, newest first, one window of it.
pub fn list(conn: &Connection, q: &LogQuery, w: Window) -> Result<Vec<LogEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE {FILTER} ORDER BY l.at DESC, l.id DESC LIMIT ?4 OFFSET ?5"
    ))?;
    let rows = stmt.query_map(
        params![
            q.project_id,
            q.issue_id,
            q.text.as_deref().map(contains_pattern),
            w.sql_limit(),
            w.sql_offset()
        ],
        row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection, q: &LogQuery) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM log_entries l WHERE {FILTER}"
        ))?
        .query_row(
            params![
                q.project_id,
                q.issue_id,
                q.text.as_deref().map(contains_pattern)
            ],
            |r| r.get(0),
        )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The time of the project's last contact with the client, in either direction.
pub fn last_contact(conn: &Connection, project_id: i64) -> Result<Option<DateTime<Utc>>> {
    let text: Option<String> = conn
        .prepare_cached(
            "SELECT max(at) FROM log_entries WHERE project_id = ?1 AND archived_at IS NULL",
        )?
        .query_row([project_id], |r| r.get(0))?;
    Ok(text
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|d| d.with_timezone(&Utc)))
}

/// The sentiments of the project's last `n` incoming contacts, newest first.
pub fn recent_sentiments(conn: &Connection, project_id: i64, n: usize) -> Result<Vec<i8>> {
    let mut stmt = conn.prepare_cached(
        "SELECT sentiment FROM log_entries
         WHERE project_id = ?1 AND archived_at IS NULL AND direction = 'in'
         ORDER BY at DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![project_id, n as i64], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where record `id` stands in the list `q` (0-based), to jump to it; None if not listed.
pub fn position(conn: &Connection, q: &LogQuery, id: i64) -> Result<Option<usize>> {
    let n: Option<i64> = conn
        .prepare_cached(&format!(
            "SELECT rn FROM (SELECT l.id AS id, row_number() OVER (ORDER BY l.at DESC, l.id DESC) - 1 AS rn
             FROM log_entries l WHERE {FILTER}) WHERE id = ?4"
        ))?
        .query_row(params![q.project_id, q.issue_id, q.text.as_deref().map(contains_pattern), id], |r| r.get(0))
        .optional()?;
    Ok(n.and_then(|n| usize::try_from(n).ok()))
}
