//! Whose working time a deadline counts in: a client's own calendar, else the config's
//! `[calendar]` in the client's zone, else the config's; and showing times in the client's zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

use super::policy::Policy;
use crate::config::LANGUAGES;
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::WorkingCalendar;
use crate::model::calendar::parse_zone;
use crate::store::{self, Store, clients::ClientSettings};

/// The working calendar of a client's settings, given the config's calendar.
pub fn calendar_of(
    c: &ClientSettings,
    config: Option<&WorkingCalendar>,
) -> Result<Option<WorkingCalendar>> {
    let zone = c
        .zone
        .as_deref()
        .map(|z| parse_zone("client zone", z))
        .transpose()?;
    if let Some(text) = &c.calendar {
        let cal = WorkingCalendar::from_toml(text, "client calendar", zone)?;
        return Ok(Some(match zone {
            Some(z) => cal.in_zone(z),
            None => cal,
        }));
    }
    Ok(match (zone, config) {
        (Some(z), Some(cal)) => Some(cal.clone().in_zone(z)),
        (Some(z), None) => Some(WorkingCalendar::standard(z)),
        (None, cal) => cal.cloned(),
    })
}

/// The calendar a client's deadlines count in (None: calendar hours only, the PM's zone).
pub fn calendar_for(
    conn: &Connection,
    policy: &Policy,
    client_id: i64,
) -> Result<Option<WorkingCalendar>> {
    match store::clients::settings(conn, client_id)? {
        Some(c) => calendar_of(&c, policy.calendar.as_ref()),
        None => Ok(policy.calendar.clone()),
    }
}

/// The calendar of the client a project belongs to.
pub fn calendar_of_project(
    conn: &Connection,
    policy: &Policy,
    project_id: i64,
) -> Result<Option<WorkingCalendar>> {
    let project = store::projects::get_project(conn, project_id)?;
    calendar_for(conn, policy, project.client_id)
}

/// A time as the client reads it: in its zone with the zone's abbreviation ("2026-10-10
/// 14:00 CST"), or as the PM reads it, labelled with the PM's zone, when no zone is known.
pub fn show_to_client(policy: &Policy, cal: Option<&WorkingCalendar>, t: DateTime<Utc>) -> String {
    match cal {
        Some(c) => show_in(c.zone, t, &policy.date_format),
        None => show_labelled(policy, t),
    }
}

/// The machine's IANA zone: `TZ`, else where /etc/localtime points.
fn machine_zone() -> Option<Tz> {
    std::env::var("TZ")
        .ok()
        .and_then(|z| z.trim_start_matches(':').parse().ok())
        .or_else(|| {
            let target = std::fs::read_link("/etc/localtime").ok()?;
            let target = target.to_string_lossy();
            target.split_once("zoneinfo/")?.1.parse().ok()
        })
}

/// `t` as the PM reads it, with the zone's abbreviation ("CET"), or its offset from UTC
/// when the zone has no name ("UTC+05:30").
pub fn show_labelled(policy: &Policy, t: DateTime<Utc>) -> String {
    let local = policy.zone.local(t);
    if let crate::model::when::Zone::Local = policy.zone
        && let Some(z) = machine_zone()
        && t.with_timezone(&z).naive_local() == local.naive_local()
    {
        return show_in(z, t, &policy.date_format);
    }
    let offset = local.offset().local_minus_utc();
    let label = if offset == 0 {
        "UTC".to_string()
    } else {
        format!("UTC{}", local.format("%:z"))
    };
    format!("{} {label}", policy.show(t))
}

pub fn show_in(zone: Tz, t: DateTime<Utc>, format: &str) -> String {
    format!(
        "{} {}",
        t.with_timezone(&zone).format(format),
        t.with_timezone(&zone).format("%Z")
    )
}

/// The client's time next to the PM's, when the client's zone shows another wall clock:
/// " (14:00 CST)"; empty otherwise.
pub fn client_time_suffix(
    policy: &Policy,
    cal: Option<&WorkingCalendar>,
    t: DateTime<Utc>,
) -> String {
    let Some(c) = cal else {
        return String::new();
    };
    let theirs = t.with_timezone(&c.zone).naive_local();
    let ours = policy.zone.local(t).naive_local();
    if theirs == ours {
        return String::new();
    }
    format!(" ({})", show_in(c.zone, t, &policy.date_format))
}

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

/// Refuses to archive a client whose projects still run, naming them.
pub(crate) fn refuse_if_active(conn: &Connection, client_id: i64) -> Result<()> {
    let running = store::clients::active_projects(conn, client_id)?;
    if running.is_empty() {
        return Ok(());
    }
    let name = store::clients::settings(conn, client_id)?
        .map(|c| c.name)
        .unwrap_or_default();
    Err(Error::Conflict(trf(
        "client {name} has active projects; close or archive its projects first: {projects}",
        &[("name", &name), ("projects", &running.join(", "))],
    )))
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
