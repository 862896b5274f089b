//! The client registry: adding, editing, finding, archiving and restoring clients, each
//! with its working time, language and notes.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::client_time::calendar_of;
use crate::config::LANGUAGES;
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::WorkingCalendar;
use crate::model::calendar::parse_zone;
use crate::store::{self, Store, clients::ClientSettings};

/// What `client edit` may change; None leaves a setting as it is.
#[derive(Debug, Default)]
pub struct ClientEdit {
    pub zone: Option<String>,
    /// The path of a TOML file with the keys of `[calendar]`.
    pub calendar_file: Option<std::path::PathBuf>,
    pub language: Option<String>,
}

/// Checks every new value of `edit` and sets it on `c` (nothing is written here).
fn apply_edit(c: &mut ClientSettings, edit: &ClientEdit) -> Result<()> {
    if let Some(z) = &edit.zone {
        let z = z.trim();
        if z.is_empty() {
            c.zone = None;
        } else {
            parse_zone("zone", z)?;
            c.zone = Some(z.to_string());
        }
    }
    if let Some(l) = &edit.language {
        if l.is_empty() {
            c.language = None;
        } else if !LANGUAGES.contains(&l.as_str()) {
            return Err(Error::invalid("language", l, LANGUAGES.join(", ")));
        } else {
            c.language = Some(l.clone());
        }
    }
    if let Some(path) = &edit.calendar_file {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::invalid_because("calendar", &shown, format!("a readable TOML file ({e})"))
        })?;
        WorkingCalendar::from_toml(&text, "calendar", None)
            .map_err(|e| Error::invalid_because("calendar", &shown, e.to_string()))?;
        c.calendar = Some(text);
    }
    calendar_of(c, None)?;
    Ok(())
}

/// Checks every new value first, then writes them in one transaction.
pub fn edit_client(store: &mut Store, name: &str, edit: &ClientEdit) -> Result<ClientSettings> {
    let mut c = store::clients::settings_by_name(store.conn(), name)?.ok_or_else(|| {
        Error::invalid_because(
            "client",
            name,
            tr("the name of a client (rapport client list)"),
        )
    })?;
    apply_edit(&mut c, edit)?;
    store.write(|tx| store::clients::save(tx, &c))?;
    Ok(c)
}

/// A new client: a name no other client has (in any case, archived ones included), with
/// the settings `client edit` takes and notes.
pub fn add_client(
    store: &mut Store,
    now: DateTime<Utc>,
    name: &str,
    notes: &str,
    edit: &ClientEdit,
) -> Result<ClientSettings> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid_because(
            "client",
            name,
            tr("a name, e.g. Northwind"),
        ));
    }
    let mut c = ClientSettings {
        id: 0,
        name: name.to_string(),
        zone: None,
        calendar: None,
        language: None,
        notes: notes.trim().to_string(),
        archived: false,
    };
    apply_edit(&mut c, edit)?;
    // The name is checked inside the write, so a client added meanwhile is seen.
    c.id = store.write(|tx| {
        if let Some(other) = store::clients::any_by_name(tx, name)? {
            return Err(Error::Conflict(if other.archived {
                trf(
                    "client {name} exists, archived: rapport client restore {name} brings it back",
                    &[("name", &other.name)],
                )
            } else {
                trf(
                    "client {name} exists already (id {id})",
                    &[("name", &other.name), ("id", &other.id)],
                )
            }));
        }
        store::clients::insert(tx, &c, now)
    })?;
    Ok(c)
}

/// The client named `key` (any case), else the one with that id; archived ones too.
pub fn find_client(conn: &Connection, key: &str) -> Result<ClientSettings> {
    if let Some(c) = store::clients::any_by_name(conn, key)? {
        return Ok(c);
    }
    if let Ok(id) = key.trim().parse::<i64>()
        && let Some(c) = store::clients::settings(conn, id)?
    {
        return Ok(c);
    }
    let known: Vec<String> = store::clients::list(conn, false)?
        .into_iter()
        .map(|c| c.name)
        .take(10)
        .collect();
    Err(Error::NotFound {
        what: "client",
        key: key.to_string(),
        hint: if known.is_empty() {
            tr("; there are no clients yet (rapport client add NAME)").into()
        } else {
            trf("; known clients: {names}", &[("names", &known.join(", "))])
        },
    })
}

fn get(conn: &Connection, id: i64) -> Result<ClientSettings> {
    store::clients::settings(conn, id)?.ok_or_else(|| Error::not_found("client", id))
}

/// Archives a client (it leaves `client list` and stays in the file), unless its
/// projects still run.
pub fn archive_client(store: &mut Store, now: DateTime<Utc>, id: i64) -> Result<ClientSettings> {
    let c = get(store.conn(), id)?;
    if c.archived {
        return Err(Error::Conflict(trf(
            "client {name} is archived already",
            &[("name", &c.name)],
        )));
    }
    super::undo::archive(store, now, crate::model::Record::Client(id))?;
    get(store.conn(), id)
}

/// Brings an archived client back.
pub fn restore_client(store: &mut Store, id: i64) -> Result<ClientSettings> {
    let c = get(store.conn(), id)?;
    if !c.archived {
        return Err(Error::Conflict(trf(
            "client {name} is not archived",
            &[("name", &c.name)],
        )));
    }
    super::undo::restore(store, crate::model::Record::Client(id))?;
    get(store.conn(), id)
}
