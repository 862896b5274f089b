//! The risk register and the responses prepared for each risk.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use rusqlite::types::Value;

use super::listing::{Conditions, Listing};
use super::window::{Key, Spec, TextFilter};
use super::{get_enum, get_time, get_time_opt, ts, ts_opt};
use crate::error::{Error, Result};
use crate::model::{NewRisk, Risk, RiskPlan};

macro_rules! select {
    () => {
        "r.id, r.project_id, p.name, r.text, r.likelihood, r.impact, r.exposure,
    r.owner, r.trigger_sign, r.review_at, r.status, r.issue_id, r.archived_at IS NOT NULL,
    r.created_at, r.updated_at"
    };
}

const COLS: &str = concat!(
    select!(),
    " FROM risks r JOIN projects p ON p.id = r.project_id"
);

fn row(r: &Row<'_>) -> rusqlite::Result<Risk> {
    Ok(Risk {
        id: r.get(0)?,
        project_id: r.get(1)?,
        project: r.get(2)?,
        text: r.get(3)?,
        likelihood: get_enum(r, 4)?,
        impact: get_enum(r, 5)?,
        exposure: r.get(6)?,
        owner: r.get(7)?,
        trigger: r.get(8)?,
        review_at: get_time_opt(r, 9)?,
        status: get_enum(r, 10)?,
        issue_id: r.get(11)?,
        plans: Vec::new(),
        archived: r.get(12)?,
        created_at: get_time(r, 13)?,
        updated_at: get_time(r, 14)?,
    })
}

pub fn insert(conn: &Connection, new: &NewRisk, now: DateTime<Utc>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO risks (project_id, text, likelihood, impact, owner, trigger_sign, review_at,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        new.project_id,
        new.text,
        new.likelihood.as_str(),
        new.impact.as_str(),
        new.owner,
        new.trigger,
        ts_opt(new.review_at),
        ts(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn save(conn: &Connection, r: &Risk) -> Result<()> {
    conn.prepare_cached(
        "UPDATE risks SET text = ?2, likelihood = ?3, impact = ?4, owner = ?5, trigger_sign = ?6,
             review_at = ?7, status = ?8, issue_id = ?9, updated_at = ?10
         WHERE id = ?1",
    )?
    .execute(params![
        r.id,
        r.text,
        r.likelihood.as_str(),
        r.impact.as_str(),
        r.owner,
        r.trigger,
        ts_opt(r.review_at),
        r.status.as_str(),
        r.issue_id,
        ts(r.updated_at)
    ])?;
    Ok(())
}

/// One risk with its prepared responses.
pub fn get(conn: &Connection, id: i64) -> Result<Risk> {
    let mut risk = conn
        .query_row(&format!("SELECT {COLS} WHERE r.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("risk", id))?;
    risk.plans = plans(conn, id)?;
    Ok(risk)
}

pub fn add_plan(
    conn: &Connection,
    risk_id: i64,
    text: &str,
    time_needed: &str,
    effect: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO risk_plans (risk_id, text, time_needed, expected_effect, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![risk_id, text, time_needed, effect, ts(now)])?;
    Ok(conn.last_insert_rowid())
}

pub fn plans(conn: &Connection, risk_id: i64) -> Result<Vec<RiskPlan>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, time_needed, expected_effect FROM risk_plans
         WHERE risk_id = ?1 AND archived_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([risk_id], |r| {
        Ok(RiskPlan {
            id: r.get(0)?,
            text: r.get(1)?,
            time_needed: r.get(2)?,
            expected_effect: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The register, open risks first by exposure (highest first); settled ones only with
/// `include_settled`. Plans are loaded for the rows returned.
pub fn list(
    conn: &Connection,
    project_id: Option<i64>,
    include_settled: bool,
    limit: usize,
) -> Result<Vec<Risk>> {
    let open = if include_settled {
        ""
    } else {
        " AND r.is_open = 1"
    };
    let sql = match project_id {
        Some(_) => format!(
            "SELECT {COLS} WHERE r.project_id = ?1 AND r.archived_at IS NULL{open}
             ORDER BY r.is_open DESC, r.exposure DESC, r.id LIMIT ?2"
        ),
        None => format!(
            "SELECT {COLS} WHERE ?1 IS NULL AND r.archived_at IS NULL{open}
             ORDER BY r.is_open DESC, r.exposure DESC, r.id LIMIT ?2"
        ),
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![project_id, limit as i64], row)?;
    let mut risks: Vec<Risk> = rows.collect::<rusqlite::Result<_>>()?;
    for r in &mut risks {
        r.plans = plans(conn, r.id)?;
    }
    Ok(risks)
}

/// Open or watched risks whose review time has come by `until`, earliest first.
pub fn reviews_due(conn: &Connection, until: DateTime<Utc>, limit: usize) -> Result<Vec<Risk>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE r.archived_at IS NULL AND r.review_at IS NOT NULL
             AND r.review_at <= ?1 AND r.is_open = 1
         ORDER BY r.review_at, r.id LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![ts(until), limit as i64], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count_reviews_due(conn: &Connection, until: DateTime<Utc>) -> Result<usize> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM risks WHERE archived_at IS NULL AND review_at IS NOT NULL
             AND review_at <= ?1 AND is_open = 1",
        [ts(until)],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

pub fn set_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.prepare_cached("UPDATE risks SET archived_at = ?2 WHERE id = ?1")?
        .execute(params![id, ts_opt(at)])?;
    Ok(())
}

/// The register as a pane pages through it: open risks first, by exposure (highest first),
/// then the ones that occurred or were closed. Read a window at a time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RiskQuery {
    pub project_id: Option<i64>,
    pub text: Option<String>,
}

/// Open first, exposure highest first, then by id: every key column ascending (the store
/// keeps is_open and exposure as generated columns).
pub const SPEC: Spec = Spec {
    select: select!(),
    main: "risks r",
    alias: "r",
    joins: "JOIN projects p ON p.id = r.project_id",
    fts: "",
    text: "r.text || ' ' || r.owner || ' ' || r.trigger_sign || ' ' || p.name",
    key: &["(1 - r.is_open)", "(9 - r.exposure)", "r.id"],
    rank: "",
    desc: false,
};

impl Listing for RiskQuery {
    type Row = Risk;
    const SPEC: Spec = SPEC;
    const RECORD: &'static str = "risk";

    fn filter(&self) -> (String, Vec<Value>) {
        Conditions::live("r")
            .equal("project_id", self.project_id)
            .done()
    }

    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// No full-text index on risks: a filter is a substring over the newest rows.
    fn text_filter(&self) -> Option<TextFilter> {
        TextFilter::substring(self.text.as_deref())
    }

    fn row(r: &Row<'_>) -> rusqlite::Result<Risk> {
        row(r)
    }

    fn sort_key(r: &Risk) -> Key {
        let open = i64::from(r.status.is_open());
        Key(vec![
            Value::Integer(1 - open),
            Value::Integer(9 - r.exposure),
            Value::Integer(r.id),
        ])
    }

    fn id(r: &Risk) -> i64 {
        r.id
    }

    /// The prepared responses of the rows on screen (one indexed read a row).
    fn complete(conn: &Connection, rows: &mut [Risk]) -> Result<()> {
        for r in rows {
            r.plans = plans(conn, r.id)?;
        }
        Ok(())
    }
}
