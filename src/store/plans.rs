//! The communication plan (`comm_plan`), and the few facts its rules read: the last meeting
//! logged with a client and the last satisfaction review request.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{get_enum, get_time, ts};
use crate::error::{Error, Result};
use crate::model::{Cadence, Channel, NewPlanEntry, PlanEntry, PlanKind, Update};

const COLS: &str = "e.id, e.project_id, p.name, e.kind, e.what, e.every, e.audience, e.owner,
    e.channel, e.created_at, e.updated_at, e.archived_at IS NOT NULL
    FROM comm_plan e JOIN projects p ON p.id = e.project_id";

/// The rule key prefix of satisfaction review requests (updates of kind `other`).
pub const REVIEW_REQUEST: &str = "review-request:";

pub(super) fn row(r: &Row<'_>) -> rusqlite::Result<PlanEntry> {
    let every: String = r.get(5)?;
    let audience: String = r.get(6)?;
    Ok(PlanEntry {
        id: r.get(0)?,
        project_id: r.get(1)?,
        project: r.get(2)?,
        kind: get_enum(r, 3)?,
        what: r.get(4)?,
        // A cadence the file cannot name (written by hand) reads as monthly rather than failing.
        every: every.parse::<Cadence>().unwrap_or(Cadence::Monthly),
        audience: audience
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        owner: r.get(7)?,
        channel: get_enum(r, 8)?,
        created_at: get_time(r, 9)?,
        updated_at: get_time(r, 10)?,
        archived: r.get(11)?,
    })
}

pub fn insert(
    conn: &Connection,
    new: &NewPlanEntry,
    channel: Channel,
    now: DateTime<Utc>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO comm_plan (project_id, kind, what, every, audience, owner, channel,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        new.project_id,
        new.kind.as_str(),
        new.what,
        new.every.to_string(),
        new.audience.join("\n"),
        new.owner,
        channel.as_str(),
        ts(now),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Writes an entry's own fields back.
pub fn save(conn: &Connection, e: &PlanEntry) -> Result<()> {
    conn.prepare_cached(
        "UPDATE comm_plan SET kind = ?2, what = ?3, every = ?4, audience = ?5, owner = ?6,
             channel = ?7, updated_at = ?8 WHERE id = ?1",
    )?
    .execute(params![
        e.id,
        e.kind.as_str(),
        e.what,
        e.every.to_string(),
        e.audience.join("\n"),
        e.owner,
        e.channel.as_str(),
        ts(e.updated_at),
    ])?;
    Ok(())
}

pub fn set_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.prepare_cached("UPDATE comm_plan SET archived_at = ?2 WHERE id = ?1")?
        .execute(params![id, at.map(ts)])?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<PlanEntry> {
    conn.query_row(&format!("SELECT {COLS} WHERE e.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("plan entry", id))
}

/// Entries of one project or all, by project and kind; archived ones only when asked.
pub fn list(
    conn: &Connection,
    project_id: Option<i64>,
    include_archived: bool,
) -> Result<Vec<PlanEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE (?1 IS NULL OR e.project_id = ?1)
           AND (?2 OR e.archived_at IS NULL)
         ORDER BY p.name, e.project_id, e.kind, e.id"
    ))?;
    let rows = stmt.query_map(params![project_id, include_archived], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A project's live entries of the given kinds.
pub fn of_kinds(conn: &Connection, project_id: i64, kinds: &[PlanKind]) -> Result<Vec<PlanEntry>> {
    Ok(list(conn, Some(project_id), false)?
        .into_iter()
        .filter(|e| kinds.contains(&e.kind))
        .collect())
}

/// The latest meeting with the project's client: logged (a log entry on channel meeting)
/// or held (a meeting whose minutes are recorded).
pub fn last_meeting(conn: &Connection, project_id: i64) -> Result<Option<DateTime<Utc>>> {
    let t: Option<String> = conn
        .prepare_cached(
            "SELECT max(at) FROM log_entries
             WHERE project_id = ?1 AND archived_at IS NULL AND channel = 'meeting'",
        )?
        .query_row([project_id], |r| r.get(0))?;
    let parse = |t: Option<String>| {
        t.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
            .map(|t| t.with_timezone(&Utc))
    };
    Ok(parse(t).max(parse(super::meetings::last_held(conn, project_id)?)))
}

/// The due time of the project's latest review request (pending, sent or skipped), and
/// whether one is still pending.
pub fn last_review_request(
    conn: &Connection,
    project_id: i64,
) -> Result<(Option<DateTime<Utc>>, bool)> {
    let (t, pending): (Option<String>, i64) = conn
        .prepare_cached(
            // The rule keys `review-request:...` as a range (';' follows ':'), written out
            // as the partial index's WHERE clause is, so the index serves it.
            "SELECT max(due_at), coalesce(sum(is_pending), 0)
               FROM updates INDEXED BY updates_review_requests
             WHERE project_id = ?1 AND archived_at IS NULL
               AND rule_key >= 'review-request:' AND rule_key < 'review-request;'",
        )?
        .query_row(params![project_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((
        t.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
            .map(|t| t.with_timezone(&Utc)),
        pending > 0,
    ))
}

/// The time of the project's latest satisfaction review.
pub fn last_review(conn: &Connection, project_id: i64) -> Result<Option<DateTime<Utc>>> {
    let t: Option<String> = conn
        .prepare_cached(
            "SELECT max(at) FROM reviews WHERE project_id = ?1 AND archived_at IS NULL",
        )?
        .query_row([project_id], |r| r.get(0))?;
    Ok(t.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc)))
}

/// The live entries of one kind of every active project.
pub fn live_of_kind(conn: &Connection, kind: PlanKind) -> Result<Vec<PlanEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE e.kind = ?1 AND e.archived_at IS NULL
           AND p.status = 'active' AND p.archived_at IS NULL
         ORDER BY e.id"
    ))?;
    let rows = stmt.query_map([kind.as_str()], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The project's review requests still pending.
pub fn pending_review_requests(conn: &Connection, project_id: i64) -> Result<Vec<Update>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM updates WHERE project_id = ?1 AND archived_at IS NULL
               AND is_pending = 1 AND substr(rule_key, 1, 15) = ?2 ORDER BY id",
        )?
        .query_map(params![project_id, REVIEW_REQUEST], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter()
        .map(|id| super::updates::get(conn, id))
        .collect()
}
