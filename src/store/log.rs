//! The communication log.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use rusqlite::types::Value;

use super::listing::{Conditions, Listing};
use super::window::{Key, Spec};
use super::{get_enum, get_time, ts, ts_opt};
use crate::error::{Error, Result};
use crate::model::{LogEntry, NewLogEntry};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogQuery {
    pub project_id: Option<i64>,
    pub issue_id: Option<i64>,
    pub text: Option<String>,
}

macro_rules! select {
    () => {
        "l.id, l.project_id, p.name, l.at, l.direction, l.channel, l.kind, l.summary,
         l.sentiment, l.issue_id, l.expectation_id, l.update_id, l.archived_at IS NOT NULL,
         l.meeting_id"
    };
}

const COLS: &str = concat!(
    select!(),
    " FROM log_entries l JOIN projects p ON p.id = l.project_id"
);

/// The log, newest first.
pub const SPEC: Spec = Spec {
    select: select!(),
    main: "log_entries l",
    alias: "l",
    joins: "JOIN projects p ON p.id = l.project_id",
    fts: "log_fts",
    text: "l.summary",
    key: &["l.at", "l.id"],
    rank: "bm25(log_fts)",
    desc: true,
};

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
        meeting_id: r.get(13)?,
    })
}

pub fn insert_entry(conn: &Connection, new: &NewLogEntry, now: DateTime<Utc>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO log_entries (project_id, at, direction, channel, kind, summary, sentiment,
             issue_id, expectation_id, update_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
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
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn save(conn: &Connection, e: &LogEntry) -> Result<()> {
    conn.prepare_cached(
        "UPDATE log_entries SET at = ?2, direction = ?3, channel = ?4, kind = ?5, summary = ?6,
             sentiment = ?7, issue_id = ?8, expectation_id = ?9
         WHERE id = ?1",
    )?
    .execute(params![
        e.id,
        ts(e.at),
        e.direction.as_str(),
        e.channel.as_str(),
        e.kind.as_str(),
        e.summary,
        e.sentiment,
        e.issue_id,
        e.expectation_id
    ])?;
    Ok(())
}

pub fn set_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.prepare_cached("UPDATE log_entries SET archived_at = ?2 WHERE id = ?1")?
        .execute(params![id, ts_opt(at)])?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<LogEntry> {
    conn.query_row(&format!("SELECT {COLS} WHERE l.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("log entry", id))
}

/// The time of the project's last contact with the client, in either direction: the newest
/// log entry or meeting held (its minutes recorded), whichever is later.
pub fn last_contact(conn: &Connection, project_id: i64) -> Result<Option<DateTime<Utc>>> {
    let text: Option<String> = conn
        .prepare_cached(
            "SELECT max(at) FROM log_entries WHERE project_id = ?1 AND archived_at IS NULL",
        )?
        .query_row([project_id], |r| r.get(0))?;
    let parse = |t: Option<String>| {
        t.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
            .map(|d| d.with_timezone(&Utc))
    };
    let meeting = parse(super::meetings::last_held(conn, project_id)?);
    Ok(parse(text).max(meeting))
}

/// The sentiments of the project's last `n` incoming contacts, newest first.
pub fn recent_sentiments(conn: &Connection, project_id: i64, n: usize) -> Result<Vec<i8>> {
    let mut stmt = conn.prepare_cached(
        "SELECT sentiment FROM log_entries INDEXED BY log_inbound_mood
         WHERE project_id = ?1 AND archived_at IS NULL AND direction = 'in'
         ORDER BY at DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![project_id, n as i64], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The log, newest first.
impl Listing for LogQuery {
    type Row = LogEntry;
    const SPEC: Spec = SPEC;
    const RECORD: &'static str = "log entry";

    fn filter(&self) -> (String, Vec<Value>) {
        Conditions::live("l")
            .equal("project_id", self.project_id)
            .equal("issue_id", self.issue_id)
            .done()
    }

    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    fn row(r: &Row<'_>) -> rusqlite::Result<LogEntry> {
        row(r)
    }

    fn sort_key(l: &LogEntry) -> Key {
        Key(vec![Value::Text(ts(l.at)), Value::Integer(l.id)])
    }

    fn id(l: &LogEntry) -> i64 {
        l.id
    }
}

/// Records that a log entry needs no reply any more (answered another way).
pub fn set_handled(tx: &Connection, id: i64, now: DateTime<Utc>, note: &str) -> Result<()> {
    tx.execute(
        "UPDATE log_entries SET handled_at = ?2, handled_note = ?3 WHERE id = ?1",
        params![id, ts(now), note],
    )?;
    Ok(())
}

/// One inbound complaint or request still waiting for its reply.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Unanswered {
    pub log_id: i64,
    pub project: String,
    pub kind: crate::model::LogKind,
    pub at: DateTime<Utc>,
    pub reply_id: i64,
    pub reply_due: DateTime<Utc>,
}

/// Feedback whose reply is not sent and that is not marked handled, oldest first. Only
/// entries with a queued reply count (entries from before replies were tracked have none).
pub fn unanswered_feedback(conn: &Connection, limit: usize) -> Result<Vec<Unanswered>> {
    let mut stmt = conn.prepare_cached(
        // From the open replies (few), not from the unhandled feedback (years of it, most
        // from before replies were tracked): each reply names its entry in its rule key.
        "SELECT l.id, p.name, l.kind, l.at, u.id, u.due_at
         FROM updates u INDEXED BY updates_open_replies
         JOIN log_entries l ON l.id = CAST(substr(u.rule_key, 7) AS INTEGER)
         JOIN projects p ON p.id = l.project_id
         WHERE u.rule_key >= 'reply:' AND u.rule_key < 'reply;' AND u.state <> 'sent'
           AND u.archived_at IS NULL
           AND l.archived_at IS NULL AND l.handled_at IS NULL AND l.direction = 'in'
           AND l.kind IN ('complaint', 'request')
         ORDER BY l.at, l.id LIMIT ?1",
    )?;
    let rows = stmt.query_map(params![limit as i64], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (log_id, project, kind, at, reply_id, due) = row?;
        out.push(Unanswered {
            log_id,
            project,
            kind: kind.parse()?,
            at: parse_ts(&at),
            reply_id,
            reply_due: parse_ts(&due),
        });
    }
    Ok(out)
}

fn parse_ts(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(crate::model::when::EARLIEST)
}
