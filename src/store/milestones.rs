//! Milestones and the history of their dates.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use rusqlite::types::Value;

use super::listing::{Conditions, Listing};
use super::window::{Key, Spec, TextFilter};
use super::{date_opt, get_date_opt, get_enum, get_time, get_time_opt, ts, ts_opt};
use crate::error::{Error, Result};
use crate::model::{DateRevision, Milestone, NewMilestone};

macro_rules! select {
    () => {
        "m.id, m.project_id, p.name, m.name, m.due_on, m.weight, m.progress,
    m.status, m.done_at, m.archived_at IS NOT NULL, m.created_at, m.updated_at"
    };
}

const COLS: &str = concat!(
    select!(),
    " FROM milestones m JOIN projects p ON p.id = m.project_id"
);

fn row(r: &Row<'_>) -> rusqlite::Result<Milestone> {
    Ok(Milestone {
        id: r.get(0)?,
        project_id: r.get(1)?,
        project: r.get(2)?,
        name: r.get(3)?,
        due_on: get_date_opt(r, 4)?.unwrap_or_default(),
        weight: r.get(5)?,
        progress: r.get(6)?,
        status: get_enum(r, 7)?,
        done_at: get_time_opt(r, 8)?,
        revisions: Vec::new(),
        archived: r.get(9)?,
        created_at: get_time(r, 10)?,
        updated_at: get_time(r, 11)?,
    })
}

fn day(d: NaiveDate) -> Option<String> {
    date_opt(Some(d))
}

pub fn insert(conn: &Connection, new: &NewMilestone, now: DateTime<Utc>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO milestones (project_id, name, due_on, weight, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![
        new.project_id,
        new.name,
        day(new.due_on),
        new.weight,
        ts(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn save(conn: &Connection, m: &Milestone) -> Result<()> {
    conn.prepare_cached(
        "UPDATE milestones SET name = ?2, due_on = ?3, weight = ?4, progress = ?5, status = ?6,
             done_at = ?7, updated_at = ?8
         WHERE id = ?1",
    )?
    .execute(params![
        m.id,
        m.name,
        day(m.due_on),
        m.weight,
        m.progress,
        m.status.as_str(),
        ts_opt(m.done_at),
        ts(m.updated_at)
    ])?;
    Ok(())
}

pub fn add_revision(conn: &Connection, milestone_id: i64, rev: &DateRevision) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO milestone_revisions (milestone_id, changed_at, due_from, due_to, reason)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        milestone_id,
        ts(rev.at),
        date_opt(rev.due_from),
        day(rev.due_to),
        rev.reason
    ])?;
    Ok(())
}

pub fn revisions(conn: &Connection, milestone_id: i64) -> Result<Vec<DateRevision>> {
    let mut stmt = conn.prepare_cached(
        "SELECT changed_at, due_from, due_to, reason FROM milestone_revisions
         WHERE milestone_id = ?1 AND archived_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([milestone_id], |r| {
        Ok(DateRevision {
            at: get_time(r, 0)?,
            due_from: get_date_opt(r, 1)?,
            due_to: get_date_opt(r, 2)?.unwrap_or_default(),
            reason: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One milestone with the history of its dates.
pub fn get(conn: &Connection, id: i64) -> Result<Milestone> {
    let mut m = conn
        .query_row(&format!("SELECT {COLS} WHERE m.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("milestone", id))?;
    m.revisions = revisions(conn, id)?;
    Ok(m)
}

/// A project's milestones (or every project's) by due date, revisions loaded.
pub fn list(conn: &Connection, project_id: Option<i64>, limit: usize) -> Result<Vec<Milestone>> {
    let sql = match project_id {
        Some(_) => format!(
            "SELECT {COLS} WHERE m.project_id = ?1 AND m.archived_at IS NULL
             ORDER BY m.due_on, m.id LIMIT ?2"
        ),
        None => format!(
            "SELECT {COLS} WHERE ?1 IS NULL AND m.archived_at IS NULL
             ORDER BY m.due_on, m.id LIMIT ?2"
        ),
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![project_id, limit as i64], row)?;
    let mut ms: Vec<Milestone> = rows.collect::<rusqlite::Result<_>>()?;
    for m in &mut ms {
        m.revisions = revisions(conn, m.id)?;
    }
    Ok(ms)
}

pub fn set_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.prepare_cached("UPDATE milestones SET archived_at = ?2 WHERE id = ?1")?
        .execute(params![id, ts_opt(at)])?;
    Ok(())
}

/// Milestones by due date as a pane pages through them, a window at a time (the date
/// history is read for the detail view only).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MilestoneQuery {
    pub project_id: Option<i64>,
    pub text: Option<String>,
}

pub const SPEC: Spec = Spec {
    select: select!(),
    main: "milestones m",
    alias: "m",
    joins: "JOIN projects p ON p.id = m.project_id",
    fts: "",
    text: "m.name || ' ' || m.status || ' ' || p.name",
    key: &["m.due_on", "m.id"],
    rank: "",
    desc: false,
};

impl Listing for MilestoneQuery {
    type Row = Milestone;
    const SPEC: Spec = SPEC;
    const RECORD: &'static str = "milestone";

    fn filter(&self) -> (String, Vec<Value>) {
        Conditions::live("m")
            .equal("project_id", self.project_id)
            .done()
    }

    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// No full-text index on milestones: a filter is a substring over the newest rows.
    fn text_filter(&self) -> Option<TextFilter> {
        TextFilter::substring(self.text.as_deref())
    }

    fn row(r: &Row<'_>) -> rusqlite::Result<Milestone> {
        row(r)
    }

    fn sort_key(m: &Milestone) -> Key {
        Key(vec![
            Value::Text(m.due_on.format("%Y-%m-%d").to_string()),
            Value::Integer(m.id),
        ])
    }

    fn id(m: &Milestone) -> i64 {
        m.id
    }
}
