//! Clients, projects and contacts.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{get_enum, get_enum_opt, get_time, ts};
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::{
    Cadence, Channel, Client, Contact, NewContact, NewProject, Project, ProjectStatus,
};

pub fn client_by_name(conn: &Connection, name: &str) -> Result<Option<Client>> {
    Ok(conn
        .query_row(
            "SELECT id, name, notes FROM clients WHERE name = ?1 AND archived_at IS NULL",
            [name.trim()],
            |r| {
                Ok(Client {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    notes: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// The client's id, creating the client on first mention.
pub fn ensure_client(conn: &Connection, name: &str, now: DateTime<Utc>) -> Result<i64> {
    if let Some(c) = client_by_name(conn, name)? {
        return Ok(c.id);
    }
    // The same name in another case (NOCASE folds ASCII only), or an archived client.
    match super::clients::any_by_name(conn, name)? {
        Some(c) if c.archived => {
            return Err(Error::Conflict(trf(
                "client {name} is archived: rapport client restore {name} brings it back",
                &[("name", &c.name)],
            )));
        }
        Some(c) => return Ok(c.id),
        None => {}
    }
    conn.prepare_cached("INSERT INTO clients (name, created_at) VALUES (?1, ?2)")?
        .execute(params![name.trim(), ts(now)])?;
    Ok(conn.last_insert_rowid())
}

pub fn list_clients(conn: &Connection) -> Result<Vec<Client>> {
    let mut stmt = conn
        .prepare("SELECT id, name, notes FROM clients WHERE archived_at IS NULL ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok(Client {
            id: r.get(0)?,
            name: r.get(1)?,
            notes: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const PROJECT_COLS: &str =
    "p.id, p.client_id, c.name, p.name, p.status, p.cadence, p.channel, p.created_at
     FROM projects p JOIN clients c ON c.id = p.client_id";

fn project_row(r: &Row<'_>) -> rusqlite::Result<Project> {
    let cadence: Option<String> = r.get(5)?;
    Ok(Project {
        id: r.get(0)?,
        client_id: r.get(1)?,
        client: r.get(2)?,
        name: r.get(3)?,
        status: get_enum(r, 4)?,
        cadence: cadence.and_then(|c| c.parse::<Cadence>().ok()),
        channel: get_enum(r, 6)?,
        created_at: get_time(r, 7)?,
    })
}

pub fn insert_project(conn: &Connection, new: &NewProject, now: DateTime<Utc>) -> Result<i64> {
    if project_by_name(conn, &new.name)?.is_some() {
        return Err(Error::Conflict(format!(
            "a project named '{}' already exists",
            new.name
        )));
    }
    let client_id = ensure_client(conn, &new.client, now)?;
    conn.prepare_cached(
        "INSERT INTO projects (client_id, name, status, cadence, channel, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        client_id,
        new.name,
        new.status.as_str(),
        new.cadence.map(|c| c.to_string()),
        new.channel.as_str(),
        ts(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

fn project_by_name(conn: &Connection, name: &str) -> Result<Option<Project>> {
    Ok(conn
        .query_row(
            &format!("SELECT {PROJECT_COLS} WHERE p.name = ?1 AND p.archived_at IS NULL"),
            [name.trim()],
            project_row,
        )
        .optional()?)
}

pub fn get_project(conn: &Connection, id: i64) -> Result<Project> {
    conn.query_row(
        &format!("SELECT {PROJECT_COLS} WHERE p.id = ?1"),
        [id],
        project_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("project", id))
}

/// A project named by its name (any case) or its id, as users type it.
pub fn project_by_key(conn: &Connection, key: &str) -> Result<Project> {
    if let Some(p) = project_by_name(conn, key)? {
        return Ok(p);
    }
    if let Some(p) = key
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| get_project(conn, id).ok())
    {
        return Ok(p);
    }
    let known: Vec<String> = list_projects(conn, false)?
        .into_iter()
        .map(|p| p.name)
        .take(10)
        .collect();
    Err(Error::NotFound {
        what: "project",
        key: key.to_string(),
        hint: if known.is_empty() {
            tr("; there are no projects yet (rapport project add NAME)").into()
        } else {
            trf("; known projects: {names}", &[("names", &known.join(", "))])
        },
    })
}

pub fn list_projects(conn: &Connection, include_closed: bool) -> Result<Vec<Project>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {PROJECT_COLS} WHERE p.archived_at IS NULL AND (?1 OR p.status <> 'closed')
         ORDER BY p.name"
    ))?;
    let rows = stmt.query_map([include_closed], project_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_project_status(conn: &Connection, id: i64, status: ProjectStatus) -> Result<()> {
    conn.prepare_cached("UPDATE projects SET status = ?2 WHERE id = ?1")?
        .execute(params![id, status.as_str()])?;
    Ok(())
}

const CONTACT_COLS: &str = "k.id, k.client_id, c.name, k.name, k.role, k.email, k.phone, k.channel
     FROM contacts k JOIN clients c ON c.id = k.client_id";

fn contact_row(r: &Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get(0)?,
        client_id: r.get(1)?,
        client: r.get(2)?,
        name: r.get(3)?,
        role: r.get(4)?,
        email: r.get(5)?,
        phone: r.get(6)?,
        channel: get_enum_opt::<Channel>(r, 7)?,
    })
}

pub fn insert_contact(conn: &Connection, new: &NewContact, now: DateTime<Utc>) -> Result<i64> {
    let client_id = ensure_client(conn, &new.client, now)?;
    conn.prepare_cached(
        "INSERT INTO contacts (client_id, name, role, email, phone, channel, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        client_id,
        new.name,
        new.role,
        new.email,
        new.phone,
        new.channel.map(|c| c.as_str()),
        ts(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn get_contact(conn: &Connection, id: i64) -> Result<Contact> {
    conn.query_row(
        &format!("SELECT {CONTACT_COLS} WHERE k.id = ?1"),
        [id],
        contact_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("contact", id))
}

/// A contact of `client_id` named by name (any case) or id.
pub fn contact_by_key(conn: &Connection, client_id: i64, key: &str) -> Result<Contact> {
    let found = conn
        .query_row(
            &format!(
                "SELECT {CONTACT_COLS} WHERE k.client_id = ?1 AND k.archived_at IS NULL
                 AND (k.name = ?2 COLLATE NOCASE OR CAST(k.id AS TEXT) = ?2)
                 ORDER BY k.id LIMIT 1"
            ),
            params![client_id, key.trim()],
            contact_row,
        )
        .optional()?;
    found.ok_or_else(|| Error::NotFound {
        what: "contact",
        key: key.to_string(),
        hint: tr(" for this project's client (rapport contact add NAME --company CLIENT)").into(),
    })
}

/// The client's first contact: who an update goes to when nobody is named.
pub fn primary_contact(conn: &Connection, client_id: i64) -> Result<Option<Contact>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {CONTACT_COLS} WHERE k.client_id = ?1 AND k.archived_at IS NULL
                 ORDER BY k.id LIMIT 1"
            ),
            [client_id],
            contact_row,
        )
        .optional()?)
}

pub fn list_contacts(conn: &Connection, client_id: Option<i64>) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {CONTACT_COLS} WHERE k.archived_at IS NULL AND (?1 IS NULL OR k.client_id = ?1)
         ORDER BY c.name, k.name"
    ))?;
    let rows = stmt.query_map([client_id], contact_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.prepare_cached("UPDATE projects SET archived_at = ?2 WHERE id = ?1")?
        .execute(params![id, at.map(ts)])?;
    Ok(())
}

pub fn is_archived(conn: &Connection, id: i64) -> Result<bool> {
    conn.query_row(
        "SELECT archived_at IS NOT NULL FROM projects WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("project", id))
}

/// Writes a project's own fields back (name, status, cadence, channel).
pub fn save_project(conn: &Connection, p: &Project) -> Result<()> {
    if let Some(other) = project_by_name(conn, &p.name)?
        && other.id != p.id
    {
        return Err(Error::Conflict(format!(
            "a project named '{}' already exists",
            p.name
        )));
    }
    conn.prepare_cached(
        "UPDATE projects SET name = ?2, status = ?3, cadence = ?4, channel = ?5 WHERE id = ?1",
    )?
    .execute(params![
        p.id,
        p.name,
        p.status.as_str(),
        p.cadence.map(|c| c.to_string()),
        p.channel.as_str()
    ])?;
    Ok(())
}

/// Writes a contact's own fields back.
pub fn save_contact(conn: &Connection, c: &Contact) -> Result<()> {
    conn.prepare_cached(
        "UPDATE contacts SET name = ?2, role = ?3, email = ?4, phone = ?5, channel = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        c.id,
        c.name,
        c.role,
        c.email,
        c.phone,
        c.channel.map(|ch| ch.as_str())
    ])?;
    Ok(())
}

pub fn set_contact_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.prepare_cached("UPDATE contacts SET archived_at = ?2 WHERE id = ?1")?
        .execute(params![id, at.map(ts)])?;
    Ok(())
}

/// Whether the contact is archived (an unknown id is "no contact N").
pub fn contact_is_archived(conn: &Connection, id: i64) -> Result<bool> {
    conn.query_row(
        "SELECT archived_at IS NOT NULL FROM contacts WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("contact", id))
}
