//! Whose working time a deadline counts in: a client's own calendar, else the config's
//! `[calendar]` in the client's zone, else the config's; and showing times in the client's zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

use super::policy::Policy;
use crate::error::Result;
use crate::model::WorkingCalendar;
use crate::model::calendar::parse_zone;
use crate::store::{self, clients::ClientSettings};

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
