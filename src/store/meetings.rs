//! Meetings, their attendees and the actions agreed in them.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{date_opt, get_date_opt, get_time, get_time_opt, ts, ts_opt};
use crate::error::{Error, Result};
use crate::model::{Attendee, Meeting, MeetingAction, NewAction, NewMeeting};

const COLS: &str = "m.id, m.project_id, p.name, m.at, m.title, m.agenda, m.team, m.notes,
    m.minutes_at, m.archived_at IS NOT NULL, m.created_at, m.updated_at
    FROM meetings m JOIN projects p ON p.id = m.project_id";

pub(super) fn row(r: &Row<'_>) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: r.get(0)?,
        project_id: r.get(1)?,
        project: r.get(2)?,
        at: get_time(r, 3)?,
        title: r.get(4)?,
        agenda: r.get(5)?,
        team: r.get(6)?,
        notes: r.get(7)?,
        attendees: Vec::new(),
        minutes_at: get_time_opt(r, 8)?,
        archived: r.get(9)?,
        created_at: get_time(r, 10)?,
        updated_at: get_time(r, 11)?,
    })
}

pub fn insert(conn: &Connection, new: &NewMeeting, now: DateTime<Utc>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO meetings (project_id, at, title, agenda, team, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![
        new.project_id,
        ts(new.at),
        new.title,
        new.agenda,
        new.team,
        ts(now)
    ])?;
    let id = conn.last_insert_rowid();
    set_attendees(conn, id, &new.attendees, now)?;
    Ok(id)
}

/// Writes a meeting's own fields back (not its attendees).
pub fn save(conn: &Connection, m: &Meeting) -> Result<()> {
    conn.prepare_cached(
        "UPDATE meetings SET at = ?2, title = ?3, agenda = ?4, team = ?5, notes = ?6,
             minutes_at = ?7, updated_at = ?8
         WHERE id = ?1",
    )?
    .execute(params![
        m.id,
        ts(m.at),
        m.title,
        m.agenda,
        m.team,
        m.notes,
        ts_opt(m.minutes_at),
        ts(m.updated_at)
    ])?;
    Ok(())
}

pub fn set_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.prepare_cached("UPDATE meetings SET archived_at = ?2 WHERE id = ?1")?
        .execute(params![id, ts_opt(at)])?;
    Ok(())
}

/// Makes the live attendee list exactly `contacts` (in that order for new ones): who is no
/// longer invited is archived, who is new is added.
pub fn set_attendees(
    conn: &Connection,
    meeting_id: i64,
    contacts: &[i64],
    now: DateTime<Utc>,
) -> Result<()> {
    let current: Vec<i64> = attendee_ids(conn, meeting_id)?;
    for gone in current.iter().filter(|c| !contacts.contains(c)) {
        conn.prepare_cached(
            "UPDATE meeting_attendees SET archived_at = ?3
             WHERE meeting_id = ?1 AND contact_id = ?2 AND archived_at IS NULL",
        )?
        .execute(params![meeting_id, gone, ts(now)])?;
    }
    let mut added: Vec<i64> = Vec::new();
    for new in contacts {
        if current.contains(new) || added.contains(new) {
            continue;
        }
        conn.prepare_cached(
            "INSERT INTO meeting_attendees (meeting_id, contact_id, created_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![meeting_id, new, ts(now)])?;
        added.push(*new);
    }
    Ok(())
}

fn attendee_ids(conn: &Connection, meeting_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT contact_id FROM meeting_attendees
         WHERE meeting_id = ?1 AND archived_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([meeting_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The client's people at a meeting, in the order they were invited.
pub fn attendees(conn: &Connection, meeting_id: i64) -> Result<Vec<Attendee>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.id, k.name, k.email FROM meeting_attendees a JOIN contacts k ON k.id = a.contact_id
         WHERE a.meeting_id = ?1 AND a.archived_at IS NULL ORDER BY a.id",
    )?;
    let rows = stmt.query_map([meeting_id], |r| {
        Ok(Attendee {
            contact_id: r.get(0)?,
            name: r.get(1)?,
            email: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One meeting (archived ones too) with its attendees.
pub fn get(conn: &Connection, id: i64) -> Result<Meeting> {
    let mut m = conn
        .query_row(&format!("SELECT {COLS} WHERE m.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("meeting", id))?;
    m.attendees = attendees(conn, id)?;
    Ok(m)
}

/// Live meetings, newest first (a project's or every project's), attendees loaded.
pub fn list(conn: &Connection, project_id: Option<i64>, limit: usize) -> Result<Vec<Meeting>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE m.archived_at IS NULL AND (?1 IS NULL OR m.project_id = ?1)
         ORDER BY m.at DESC, m.id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![project_id, limit as i64], row)?;
    let mut out: Vec<Meeting> = rows.collect::<rusqlite::Result<_>>()?;
    for m in &mut out {
        m.attendees = attendees(conn, m.id)?;
    }
    Ok(out)
}

/// Live meetings without minutes that began before `until`, oldest first: those past are to
/// be minuted, those ahead are coming up (the caller passes the horizon).
pub fn without_minutes_before(
    conn: &Connection,
    until: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<Meeting>> {
    // The partial index holds exactly these meetings; with few rows the planner would take
    // meetings_by_time and filter on minutes_at, which grows with every meeting ever held.
    let cols = COLS.replace(
        "FROM meetings m",
        "FROM meetings m INDEXED BY meetings_without_minutes",
    );
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {cols}
         WHERE m.archived_at IS NULL AND m.minutes_at IS NULL AND m.at < ?1
         ORDER BY m.at, m.id LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![ts(until), limit as i64], row)?;
    let mut out: Vec<Meeting> = rows.collect::<rusqlite::Result<_>>()?;
    for m in &mut out {
        m.attendees = attendees(conn, m.id)?;
    }
    Ok(out)
}

pub fn count_without_minutes_before(conn: &Connection, until: DateTime<Utc>) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM meetings INDEXED BY meetings_without_minutes
             WHERE archived_at IS NULL AND minutes_at IS NULL AND at < ?1",
        )?
        .query_row([ts(until)], |r| r.get(0))?;
    Ok(n as usize)
}

/// The start of the project's newest meeting held (minutes recorded): contact with the client.
pub fn last_held(conn: &Connection, project_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT max(at) FROM meetings INDEXED BY meetings_held
             WHERE project_id = ?1 AND archived_at IS NULL AND minutes_at IS NOT NULL",
        )?
        .query_row([project_id], |r| r.get(0))?)
}

const ACTION_COLS: &str = "a.id, a.meeting_id, m.title, m.project_id, p.name, a.text, a.owner,
    a.due_on, a.done_at, a.archived_at IS NOT NULL, a.created_at
    FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id
    JOIN projects p ON p.id = m.project_id";

pub(super) fn action_row(r: &Row<'_>) -> rusqlite::Result<MeetingAction> {
    Ok(MeetingAction {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        meeting: r.get(2)?,
        project_id: r.get(3)?,
        project: r.get(4)?,
        text: r.get(5)?,
        owner: r.get(6)?,
        due_on: get_date_opt(r, 7)?.unwrap_or_default(),
        done_at: get_time_opt(r, 8)?,
        archived: r.get(9)?,
        created_at: get_time(r, 10)?,
    })
}

pub fn insert_action(
    conn: &Connection,
    meeting_id: i64,
    a: &NewAction,
    now: DateTime<Utc>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO meeting_actions (meeting_id, text, owner, due_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![
        meeting_id,
        a.text,
        a.owner,
        date_opt(Some(a.due_on)),
        ts(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn set_action_done(conn: &Connection, id: i64, done: Option<DateTime<Utc>>) -> Result<()> {
    conn.prepare_cached("UPDATE meeting_actions SET done_at = ?2, updated_at = coalesce(?2, updated_at) WHERE id = ?1")?
        .execute(params![id, ts_opt(done)])?;
    Ok(())
}

pub fn get_action(conn: &Connection, id: i64) -> Result<MeetingAction> {
    conn.query_row(
        &format!("SELECT {ACTION_COLS} WHERE a.id = ?1"),
        [id],
        action_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("action", id))
}

/// A meeting's live actions, in the order they were agreed.
pub fn actions_of(conn: &Connection, meeting_id: i64) -> Result<Vec<MeetingAction>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ACTION_COLS} WHERE a.meeting_id = ?1 AND a.archived_at IS NULL ORDER BY a.id"
    ))?;
    let rows = stmt.query_map([meeting_id], action_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live actions of live meetings by due date (only open ones with `open_only`), optionally
/// of one project.
pub fn actions(
    conn: &Connection,
    project_id: Option<i64>,
    open_only: bool,
    limit: usize,
) -> Result<Vec<MeetingAction>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ACTION_COLS}
         WHERE a.archived_at IS NULL AND m.archived_at IS NULL
           AND (?1 IS NULL OR m.project_id = ?1) AND (NOT ?2 OR a.done_at IS NULL)
         ORDER BY a.done_at IS NOT NULL, a.due_on, a.id LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![project_id, open_only, limit as i64], action_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Open actions due on or before `day`, oldest due first.
pub fn actions_due(conn: &Connection, day: NaiveDate, limit: usize) -> Result<Vec<MeetingAction>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ACTION_COLS}
         WHERE a.archived_at IS NULL AND a.done_at IS NULL AND a.due_on <= ?1
           AND m.archived_at IS NULL
         ORDER BY a.due_on, a.id LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![date_opt(Some(day)), limit as i64], action_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count_actions_due(conn: &Connection, day: NaiveDate) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id
             WHERE a.archived_at IS NULL AND a.done_at IS NULL AND a.due_on <= ?1
               AND m.archived_at IS NULL",
        )?
        .query_row([date_opt(Some(day))], |r| r.get(0))?;
    Ok(n as usize)
}

/// Links a log entry to the meeting it was recorded in (a decision taken there).
pub fn link_log_entry(conn: &Connection, log_id: i64, meeting_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE log_entries SET meeting_id = ?2 WHERE id = ?1")?
        .execute(params![log_id, meeting_id])?;
    Ok(())
}

/// The decisions taken in a meeting: its live log entries of kind decision, in order.
pub fn decisions(conn: &Connection, meeting_id: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, summary FROM log_entries
         WHERE meeting_id = ?1 AND archived_at IS NULL AND kind = 'decision'
         ORDER BY at, id",
    )?;
    let rows = stmt.query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
