//! A client's own settings: time zone, working calendar and drafting language.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::error::Result;

/// A client with the settings that override the config's (None = the config's).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClientSettings {
    pub id: i64,
    pub name: String,
    pub zone: Option<String>,
    /// The TOML text of the client's `[calendar]` table.
    pub calendar: Option<String>,
    pub language: Option<String>,
}

const COLS: &str = "id, name, zone, calendar, language FROM clients";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ClientSettings> {
    Ok(ClientSettings {
        id: r.get(0)?,
        name: r.get(1)?,
        zone: r.get(2)?,
        calendar: r.get(3)?,
        language: r.get(4)?,
    })
}

pub fn settings(conn: &Connection, client_id: i64) -> Result<Option<ClientSettings>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLS} WHERE id = ?1"))?
        .query_row([client_id], row)
        .optional()?)
}

/// The language set on the client a project belongs to, if any.
pub fn language_of_project(conn: &Connection, project_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.language FROM projects p JOIN clients c ON c.id = p.client_id
             WHERE p.id = ?1",
        )?
        .query_row([project_id], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

pub fn settings_by_name(conn: &Connection, name: &str) -> Result<Option<ClientSettings>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLS} WHERE name = ?1 AND archived_at IS NULL"
        ))?
        .query_row([name.trim()], row)
        .optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<ClientSettings>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS} WHERE archived_at IS NULL ORDER BY name"
    ))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn save(conn: &Connection, c: &ClientSettings) -> Result<()> {
    conn.prepare_cached(
        "UPDATE clients SET zone = ?2, calendar = ?3, language = ?4 WHERE id = ?1",
    )?
    .execute(params![c.id, c.zone, c.calendar, c.language])?;
    Ok(())
}
