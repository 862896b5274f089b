//! Satisfaction reviews.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use rusqlite::types::Value;

use super::listing::{Conditions, Listing};
use super::window::{Key, Spec, TextFilter};
use super::{get_time, ts, ts_opt};
use crate::error::{Error, Result};
use crate::model::{NewReview, Review};

macro_rules! select {
    () => {
        "r.id, r.project_id, p.name, r.score, r.contact_id, coalesce(c.name, ''),
    r.at, r.milestone_id, r.comment"
    };
}

const JOINS: &str =
    "JOIN projects p ON p.id = r.project_id LEFT JOIN contacts c ON c.id = r.contact_id";

const COLS: &str = concat!(
    select!(),
    " FROM reviews r JOIN projects p ON p.id = r.project_id
    LEFT JOIN contacts c ON c.id = r.contact_id"
);

fn row(r: &Row<'_>) -> rusqlite::Result<Review> {
    Ok(Review {
        id: r.get(0)?,
        project_id: r.get(1)?,
        project: r.get(2)?,
        score: r.get(3)?,
        contact_id: r.get(4)?,
        contact: r.get(5)?,
        at: get_time(r, 6)?,
        milestone_id: r.get(7)?,
        comment: r.get(8)?,
    })
}

pub fn insert(conn: &Connection, new: &NewReview, now: DateTime<Utc>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO reviews (project_id, score, contact_id, at, milestone_id, comment, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        new.project_id,
        new.score,
        new.contact_id,
        ts(new.at),
        new.milestone_id,
        new.comment,
        ts(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn get(conn: &Connection, id: i64) -> Result<Review> {
    conn.query_row(&format!("SELECT {COLS} WHERE r.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("review", id))
}

/// Reviews newest first, of one project or all.
pub fn list(conn: &Connection, project_id: Option<i64>, limit: usize) -> Result<Vec<Review>> {
    let sql = match project_id {
        Some(_) => format!(
            "SELECT {COLS} WHERE r.project_id = ?1 AND r.archived_at IS NULL
             ORDER BY r.at DESC, r.id DESC LIMIT ?2"
        ),
        None => format!(
            "SELECT {COLS} WHERE ?1 IS NULL AND r.archived_at IS NULL
             ORDER BY r.at DESC, r.id DESC LIMIT ?2"
        ),
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![project_id, limit as i64], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The project's latest scores, newest first.
pub fn recent_scores(conn: &Connection, project_id: i64, n: usize) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT score FROM reviews WHERE project_id = ?1 AND archived_at IS NULL
         ORDER BY at DESC, id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![project_id, n as i64], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.prepare_cached("UPDATE reviews SET archived_at = ?2 WHERE id = ?1")?
        .execute(params![id, ts_opt(at)])?;
    Ok(())
}

/// Whether a review is archived (reading it first names a bad id).
pub fn is_archived(conn: &Connection, id: i64) -> Result<bool> {
    conn.query_row(
        "SELECT archived_at IS NOT NULL FROM reviews WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("review", id))
}

/// Reviews newest first as a pane pages through them, a window at a time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviewQuery {
    pub project_id: Option<i64>,
    pub text: Option<String>,
}

pub const SPEC: Spec = Spec {
    select: select!(),
    main: "reviews r",
    alias: "r",
    joins: JOINS,
    fts: "",
    text: "r.comment || ' ' || coalesce(c.name, '') || ' ' || p.name",
    key: &["r.at", "r.id"],
    rank: "",
    desc: true,
};

impl Listing for ReviewQuery {
    type Row = Review;
    const SPEC: Spec = SPEC;
    const RECORD: &'static str = "review";

    fn filter(&self) -> (String, Vec<Value>) {
        Conditions::live("r")
            .equal("project_id", self.project_id)
            .done()
    }

    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// No full-text index on reviews: a filter is a substring over the newest rows.
    fn text_filter(&self) -> Option<TextFilter> {
        TextFilter::substring(self.text.as_deref())
    }

    fn row(r: &Row<'_>) -> rusqlite::Result<Review> {
        row(r)
    }

    fn sort_key(r: &Review) -> Key {
        Key(vec![Value::Text(ts(r.at)), Value::Integer(r.id)])
    }

    fn id(r: &Review) -> i64 {
        r.id
    }
}
