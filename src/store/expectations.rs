//! The expectation register, its links to issues and its revision history.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use rusqlite::types::Value;

use super::listing::{Conditions, Listing};
use super::window::{Key, Page, Spec};
use super::{date_opt, get_date_opt, get_enum, get_enum_opt, get_time, ts, ts_opt};
use crate::error::{Error, Result};
use crate::model::{Expectation, ExpectationCategory, ExpectationStatus, NewExpectation, Revision};

/// Which expectations a list shows. The default is the live ones (not met/missed/withdrawn).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExpectationQuery {
    pub project_id: Option<i64>,
    pub category: Option<ExpectationCategory>,
    pub status: Option<ExpectationStatus>,
    pub include_settled: bool,
    pub text: Option<String>,
}

macro_rules! select {
    () => {
        "e.id, e.project_id, p.name, e.category, e.statement, e.measure, e.status,
         e.agreed_on, e.agreed_with, e.due_on, e.archived_at IS NOT NULL, e.created_at, e.updated_at"
    };
}

const SELECT: &str = select!();

const COLS: &str = concat!(
    select!(),
    " FROM expectations e JOIN projects p ON p.id = e.project_id"
);

/// The register grouped by status (at risk first, settled last), then by category.
pub const SPEC: Spec = Spec {
    select: select!(),
    main: "expectations e",
    alias: "e",
    joins: "JOIN projects p ON p.id = e.project_id",
    fts: "expectations_fts",
    text: "e.statement || ' ' || e.measure",
    key: &["e.status_rank", "e.category", "e.id"],
    rank: "bm25(expectations_fts, 2.0, 1.0)",
    desc: false,
};

fn row(r: &Row<'_>) -> rusqlite::Result<Expectation> {
    Ok(Expectation {
        id: r.get(0)?,
        project_id: r.get(1)?,
        project: r.get(2)?,
        category: get_enum(r, 3)?,
        statement: r.get(4)?,
        measure: r.get(5)?,
        status: get_enum(r, 6)?,
        agreed_on: get_date_opt(r, 7)?,
        agreed_with: r.get(8)?,
        due_on: get_date_opt(r, 9)?,
        issue_ids: Vec::new(),
        revisions: Vec::new(),
        archived: r.get(10)?,
        created_at: get_time(r, 11)?,
        updated_at: get_time(r, 12)?,
    })
}

/// Inserts the expectation and its first revision ("recorded") in the caller's transaction.
pub fn insert_expectation(
    conn: &Connection,
    new: &NewExpectation,
    now: DateTime<Utc>,
    reason: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO expectations (project_id, category, statement, measure, status, agreed_on,
             agreed_with, due_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(params![
        new.project_id,
        new.category.as_str(),
        new.statement,
        new.measure,
        new.status.as_str(),
        date_opt(new.agreed_on),
        new.agreed_with,
        date_opt(new.due_on),
        ts(now)
    ])?;
    let id = conn.last_insert_rowid();
    add_revision(
        conn,
        id,
        &Revision {
            at: now,
            status_from: None,
            status_to: new.status,
            statement_from: None,
            statement_to: new.statement.clone(),
            other_changes: String::new(),
            reason: reason.to_string(),
        },
    )?;
    Ok(id)
}

pub fn save(conn: &Connection, e: &Expectation) -> Result<()> {
    conn.prepare_cached(
        "UPDATE expectations SET category = ?2, statement = ?3, measure = ?4, status = ?5,
             agreed_on = ?6, agreed_with = ?7, due_on = ?8, updated_at = ?9
         WHERE id = ?1",
    )?
    .execute(params![
        e.id,
        e.category.as_str(),
        e.statement,
        e.measure,
        e.status.as_str(),
        date_opt(e.agreed_on),
        e.agreed_with,
        date_opt(e.due_on),
        ts(e.updated_at)
    ])?;
    Ok(())
}

pub fn add_revision(conn: &Connection, expectation_id: i64, rev: &Revision) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO expectation_revisions (expectation_id, changed_at, status_from, status_to,
             statement_from, statement_to, other_changes, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        expectation_id,
        ts(rev.at),
        rev.status_from.map(|s| s.as_str()),
        rev.status_to.as_str(),
        rev.statement_from,
        rev.statement_to,
        rev.other_changes,
        rev.reason
    ])?;
    Ok(())
}

pub fn link_issue(conn: &Connection, expectation_id: i64, issue_id: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO expectation_issues (expectation_id, issue_id) VALUES (?1, ?2)",
    )?
    .execute(params![expectation_id, issue_id])?;
    Ok(())
}

pub fn set_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.prepare_cached("UPDATE expectations SET archived_at = ?2 WHERE id = ?1")?
        .execute(params![id, ts_opt(at)])?;
    Ok(())
}

/// One expectation with its linked issues and full revision history.
pub fn get(conn: &Connection, id: i64) -> Result<Expectation> {
    let mut e = conn
        .query_row(&format!("SELECT {COLS} WHERE e.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("expectation", id))?;
    let mut stmt = conn.prepare_cached(
        "SELECT issue_id FROM expectation_issues WHERE expectation_id = ?1 ORDER BY issue_id",
    )?;
    e.issue_ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    e.revisions = revisions(conn, id)?;
    Ok(e)
}

pub fn revisions(conn: &Connection, id: i64) -> Result<Vec<Revision>> {
    let mut stmt = conn.prepare_cached(
        "SELECT changed_at, status_from, status_to, statement_from, statement_to, other_changes, reason
         FROM expectation_revisions WHERE expectation_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Revision {
            at: get_time(r, 0)?,
            status_from: get_enum_opt(r, 1)?,
            status_to: get_enum(r, 2)?,
            statement_from: r.get(3)?,
            statement_to: r.get(4)?,
            other_changes: r.get(5)?,
            reason: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live expectations that are at risk, or due on or before `until`: at-risk ones first,
/// then by due date. Two index ranges rather than one OR that the planner cannot serve.
pub fn needing_attention(
    conn: &Connection,
    until: NaiveDate,
    limit: usize,
) -> Result<Vec<Expectation>> {
    let at_risk = ExpectationQuery {
        status: Some(ExpectationStatus::AtRisk),
        ..Default::default()
    }
    .window(conn, &Page::First, limit)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SELECT} FROM expectations e INDEXED BY expectations_due_live
             JOIN projects p ON p.id = e.project_id
         WHERE e.archived_at IS NULL AND e.status_rank <= 3 AND e.status_rank > 0
             AND e.due_on IS NOT NULL AND e.due_on <= ?1
         ORDER BY e.due_on, e.id LIMIT ?2"
    ))?;
    let due = stmt.query_map(
        params![until.format("%Y-%m-%d").to_string(), limit as i64],
        row,
    )?;
    let mut out = at_risk;
    for e in due {
        if out.len() >= limit {
            break;
        }
        out.push(e?);
    }
    Ok(out)
}

/// A project's expectations that are at risk or missed.
pub fn troubled_count(conn: &Connection, project_id: i64) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM expectations INDEXED BY expectations_troubled
         WHERE project_id = ?1 AND archived_at IS NULL AND status_rank IN (0, 4)",
        )?
        .query_row([project_id], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The register in display order, grouped by status (at-risk, changed, agreed, proposed,
/// then the settled ones) and by category within a status.
impl Listing for ExpectationQuery {
    type Row = Expectation;
    const SPEC: Spec = SPEC;
    const RECORD: &'static str = "expectation";

    fn filter(&self) -> (String, Vec<Value>) {
        Conditions::live("e")
            .equal("project_id", self.project_id)
            .equal("category", self.category.map(|c| c.as_str().to_string()))
            // By rank, the register index's second column (one rank per status); the live
            // ones are ranked 0-3.
            .equal("status_rank", self.status.map(|s| s.rank()))
            .when(
                self.status.is_none() && !self.include_settled,
                "status_rank <= 3",
            )
            .done()
    }

    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    fn row(r: &Row<'_>) -> rusqlite::Result<Expectation> {
        row(r)
    }

    fn sort_key(e: &Expectation) -> Key {
        Key(vec![
            Value::Integer(e.status.rank()),
            Value::Text(e.category.as_str().into()),
            Value::Integer(e.id),
        ])
    }

    fn id(e: &Expectation) -> i64 {
        e.id
    }
}

/// How many expectations `needing_attention` would list with no limit (exact).
pub fn count_needing_attention(conn: &Connection, until: NaiveDate) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM expectations INDEXED BY expectations_window
                      WHERE archived_at IS NULL AND status_rank = 0)
                  + (SELECT count(*) FROM expectations INDEXED BY expectations_due_rank
                      WHERE archived_at IS NULL AND status_rank <= 3 AND status_rank > 0
                        AND due_on IS NOT NULL AND due_on <= ?1)",
        )?
        .query_row([until.format("%Y-%m-%d").to_string()], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}
