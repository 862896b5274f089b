//! A client's own settings (time zone, working calendar, drafting language), adding a
//! client by name, and archiving one (it stays in the file).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::ts;
use crate::error::{Error, Result};

/// A client with the settings that override the config's (None = the config's).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClientSettings {
    pub id: i64,
    pub name: String,
    pub zone: Option<String>,
    /// The TOML text of the client's `[calendar]` table.
    pub calendar: Option<String>,
    pub language: Option<String>,
    pub notes: String,
    pub archived: bool,
}

const COLS: &str = "id, name, zone, calendar, language, notes, archived_at IS NOT NULL
     FROM clients";

/// A client from the columns of `COLS`, in that order (the TUI's list selects the same).
pub fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ClientSettings> {
    Ok(ClientSettings {
        id: r.get(0)?,
        name: r.get(1)?,
        zone: r.get(2)?,
        calendar: r.get(3)?,
        language: r.get(4)?,
        notes: r.get(5)?,
        archived: r.get(6)?,
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

/// The client named `name` (case-insensitive), archived ones too.
pub fn any_by_name(conn: &Connection, name: &str) -> Result<Option<ClientSettings>> {
    let wanted = name.trim().to_lowercase();
    // NOCASE folds ASCII only: compare in Rust so "ÄRZTE" finds "Ärzte" too.
    Ok(list(conn, true)?
        .into_iter()
        .find(|c| c.name.to_lowercase() == wanted))
}

/// Live clients by name (with `all`, archived ones too).
pub fn list(conn: &Connection, all: bool) -> Result<Vec<ClientSettings>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS} WHERE ?1 OR archived_at IS NULL ORDER BY name"
    ))?;
    let rows = stmt.query_map([all], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A new client with its settings; the name is checked by the caller.
pub fn insert(conn: &Connection, c: &ClientSettings, now: DateTime<Utc>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO clients (name, notes, zone, calendar, language, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        c.name,
        c.notes,
        c.zone,
        c.calendar,
        c.language,
        ts(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn set_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.prepare_cached("UPDATE clients SET archived_at = ?2 WHERE id = ?1")?
        .execute(params![id, at.map(ts)])?;
    Ok(())
}

/// Whether the client is archived (an unknown id is "no client N").
pub fn is_archived(conn: &Connection, id: i64) -> Result<bool> {
    settings(conn, id)?
        .map(|c| c.archived)
        .ok_or_else(|| Error::not_found("client", id))
}

/// The names of the client's projects still running (neither closed nor archived).
pub fn active_projects(conn: &Connection, client_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM projects
         WHERE client_id = ?1 AND archived_at IS NULL AND status <> 'closed' ORDER BY name",
    )?;
    let rows = stmt.query_map([client_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn save(conn: &Connection, c: &ClientSettings) -> Result<()> {
    conn.prepare_cached(
        "UPDATE clients SET zone = ?2, calendar = ?3, language = ?4 WHERE id = ?1",
    )?
    .execute(params![c.id, c.zone, c.calendar, c.language])?;
    Ok(())
}
