//! The client update queue.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use rusqlite::types::Value;

use super::listing::{Conditions, Listing};
use super::window::{Key, Spec};
use super::{get_enum, get_time, get_time_opt, ts, ts_opt};
use crate::error::{Error, Result};
use crate::model::{NewUpdate, Update};

/// Which updates a list shows. The default is the pending (draft/ready) ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UpdateQuery {
    pub project_id: Option<i64>,
    pub issue_id: Option<i64>,
    pub include_done: bool,
    pub text: Option<String>,
}

macro_rules! select {
    () => {
        "u.id, u.project_id, p.name, u.issue_id, u.kind, u.channel, u.contact_id,
         coalesce(k.name, ''), u.subject, u.body, u.due_at, u.state, u.sent_at, u.rule_key,
         u.edited, u.archived_at IS NOT NULL, u.created_at, u.updated_at"
    };
}

macro_rules! joins {
    () => {
        "JOIN projects p ON p.id = u.project_id LEFT JOIN contacts k ON k.id = u.contact_id"
    };
}

const COLS: &str = concat!(select!(), " FROM updates u ", joins!());

/// The queue: pending first, by due time.
pub const SPEC: Spec = Spec {
    select: select!(),
    main: "updates u",
    alias: "u",
    joins: joins!(),
    fts: "updates_fts",
    text: "u.subject || ' ' || u.body",
    key: &["u.is_done", "u.due_at", "u.id"],
    rank: "bm25(updates_fts, 3.0, 1.0)",
    desc: false,
};

fn row(r: &Row<'_>) -> rusqlite::Result<Update> {
    Ok(Update {
        id: r.get(0)?,
        project_id: r.get(1)?,
        project: r.get(2)?,
        issue_id: r.get(3)?,
        kind: get_enum(r, 4)?,
        channel: get_enum(r, 5)?,
        contact_id: r.get(6)?,
        audience: r.get(7)?,
        subject: r.get(8)?,
        body: r.get(9)?,
        due_at: get_time(r, 10)?,
        state: get_enum(r, 11)?,
        sent_at: get_time_opt(r, 12)?,
        rule_key: r.get(13)?,
        edited: r.get(14)?,
        archived: r.get(15)?,
        created_at: get_time(r, 16)?,
        updated_at: get_time(r, 17)?,
    })
}

pub fn insert_update(conn: &Connection, new: &NewUpdate, now: DateTime<Utc>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO updates (project_id, issue_id, kind, channel, contact_id, subject, body,
             due_at, state, rule_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        new.project_id,
        new.issue_id,
        new.kind.as_str(),
        new.channel.as_str(),
        new.contact_id,
        new.subject,
        new.body,
        ts(new.due_at),
        new.state.as_str(),
        new.rule_key,
        ts(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Writes every field of `update` back.
pub fn save(conn: &Connection, u: &Update) -> Result<()> {
    conn.prepare_cached(
        "UPDATE updates SET kind = ?2, channel = ?3, contact_id = ?4, subject = ?5, body = ?6,
             due_at = ?7, state = ?8, sent_at = ?9, edited = ?10, updated_at = ?11
         WHERE id = ?1",
    )?
    .execute(params![
        u.id,
        u.kind.as_str(),
        u.channel.as_str(),
        u.contact_id,
        u.subject,
        u.body,
        ts(u.due_at),
        u.state.as_str(),
        ts_opt(u.sent_at),
        u.edited,
        ts(u.updated_at)
    ])?;
    Ok(())
}

pub fn set_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.prepare_cached("UPDATE updates SET archived_at = ?2 WHERE id = ?1")?
        .execute(params![id, ts_opt(at)])?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Update> {
    conn.query_row(&format!("SELECT {COLS} WHERE u.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("update", id))
}

/// The update a rule created under `key`, if any (archived ones count: rules never redo them).
pub fn by_rule_key(conn: &Connection, key: &str) -> Result<Option<Update>> {
    Ok(conn
        .query_row(&format!("SELECT {COLS} WHERE u.rule_key = ?1"), [key], row)
        .optional()?)
}

/// The project's oldest pending reply to feedback (rule key `reply:` or `review:`), if any.
pub fn pending_reply(conn: &Connection, project_id: i64) -> Result<Option<Update>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLS} WHERE u.project_id = ?1 AND u.archived_at IS NULL
                   AND u.is_done = 0
                   AND (substr(u.rule_key, 1, 6) = 'reply:' OR substr(u.rule_key, 1, 7) = 'review:')
                 ORDER BY u.due_at, u.id LIMIT 1"
            ),
            [project_id],
            row,
        )
        .optional()?)
}

/// Pending updates due before `until`, earliest first.
pub fn due_before(conn: &Connection, until: DateTime<Utc>, limit: usize) -> Result<Vec<Update>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE u.archived_at IS NULL AND u.is_done = 0 AND u.due_at < ?1
         ORDER BY u.due_at, u.id LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![ts(until), limit as i64], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many of a project's pending updates are past due.
pub fn overdue_count(conn: &Connection, project_id: i64, now: DateTime<Utc>) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM updates
         WHERE project_id = ?1 AND archived_at IS NULL AND is_done = 0 AND due_at < ?2",
        )?
        .query_row(params![project_id, ts(now)], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// How many updates about the issue are still pending.
pub fn pending_for_issue(conn: &Connection, issue_id: i64) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM updates
             WHERE issue_id = ?1 AND archived_at IS NULL AND is_done = 0",
        )?
        .query_row([issue_id], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// When the client last got an update about the issue.
pub fn last_sent_for_issue(conn: &Connection, issue_id: i64) -> Result<Option<DateTime<Utc>>> {
    let t: Option<String> = conn
        .prepare_cached(
            "SELECT max(sent_at) FROM updates
             WHERE issue_id = ?1 AND archived_at IS NULL AND state = 'sent'",
        )?
        .query_row([issue_id], |r| r.get(0))?;
    Ok(t.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc)))
}

/// The project's pending status report, if one is queued.
pub fn pending_status(conn: &Connection, project_id: i64) -> Result<Option<Update>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLS} WHERE u.project_id = ?1 AND u.archived_at IS NULL
                 AND u.is_done = 0 AND u.kind = 'status' ORDER BY u.due_at LIMIT 1"
            ),
            [project_id],
            row,
        )
        .optional()?)
}

/// The due time of the project's latest status report that was sent or skipped.
pub fn last_status_due(conn: &Connection, project_id: i64) -> Result<Option<DateTime<Utc>>> {
    let t: Option<String> = conn
        .prepare_cached(
            // The project's status reports alone (its index), not all its updates.
            "SELECT max(due_at) FROM updates INDEXED BY updates_status_reports
             WHERE project_id = ?1 AND archived_at IS NULL AND kind = 'status' AND is_pending = 0",
        )?
        .query_row([project_id], |r| r.get(0))?;
    Ok(t.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc)))
}

/// Updates of a project sent in [from, to).
pub fn sent_between(
    conn: &Connection,
    project_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM updates
             WHERE project_id = ?1 AND sent_at IS NOT NULL AND sent_at >= ?2 AND sent_at < ?3
               AND archived_at IS NULL AND state = 'sent'",
        )?
        .query_row(params![project_id, ts(from), ts(to)], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The queue in display order: pending first, then by due time (overdue first).
impl Listing for UpdateQuery {
    type Row = Update;
    const SPEC: Spec = SPEC;
    const RECORD: &'static str = "update";

    fn filter(&self) -> (String, Vec<Value>) {
        Conditions::live("u")
            .equal("project_id", self.project_id)
            .equal("issue_id", self.issue_id)
            .when(!self.include_done, "is_done = 0")
            .done()
    }

    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    fn row(r: &Row<'_>) -> rusqlite::Result<Update> {
        row(r)
    }

    fn sort_key(u: &Update) -> Key {
        Key(vec![
            Value::Integer(i64::from(!u.state.is_pending())),
            Value::Text(ts(u.due_at)),
            Value::Integer(u.id),
        ])
    }

    fn id(u: &Update) -> i64 {
        u.id
    }
}

/// How many pending updates are due in `[from, until)` (exact, on the queue index).
pub fn count_due_between(
    conn: &Connection,
    from: Option<DateTime<Utc>>,
    until: DateTime<Utc>,
) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM updates INDEXED BY updates_window
             WHERE archived_at IS NULL AND is_done = 0 AND due_at >= ?1 AND due_at < ?2",
        )?
        .query_row(
            params![from.map_or_else(|| "0".to_string(), ts), ts(until)],
            |r| r.get(0),
        )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Pending updates due in `[from, until)`, soonest first, at most `limit`.
pub fn due_between(
    conn: &Connection,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<Update>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE u.archived_at IS NULL AND u.is_done = 0
             AND u.due_at >= ?1 AND u.due_at < ?2
         ORDER BY u.due_at, u.id LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![ts(from), ts(until), limit as i64], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether a closing report of the project is queued or was sent (after it, no status reports).
pub fn has_closing(conn: &Connection, project_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM updates INDEXED BY updates_closing
             WHERE project_id = ?1 AND archived_at IS NULL AND kind = 'closing' AND state <> 'skipped'
             LIMIT 1",
        )?
        .query_row([project_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// A project's updates sent in `[from, to)`, newest first, at most `limit` (the weekly digest).
pub fn sent_in(
    conn: &Connection,
    project_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<Update>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE u.project_id = ?1 AND u.sent_at IS NOT NULL
             AND u.sent_at >= ?2 AND u.sent_at < ?3
             AND u.archived_at IS NULL AND u.state = 'sent'
         ORDER BY u.sent_at DESC, u.id DESC LIMIT ?4"
    ))?;
    let rows = stmt.query_map(params![project_id, ts(from), ts(to), limit as i64], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
