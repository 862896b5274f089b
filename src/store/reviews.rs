//! Satisfaction reviews.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{get_time, ts};
use crate::error::{Error, Result};
use crate::model::{NewReview, Review};

const COLS: &str = "r.id, r.project_id, p.name, r.score, r.contact_id, coalesce(c.name, ''),
    r.at, r.milestone_id, r.comment
    FROM reviews r JOIN projects p ON p.id = r.project_id
    LEFT JOIN contacts c ON c.id = r.contact_id";

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
