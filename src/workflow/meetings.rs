//! Meetings with the client: planning them (who from the client attends, the agenda),
//! recording the minutes (notes, decisions into the communication log, actions as
//! commitments with an owner and a due date) and seeing the actions through. A meeting whose
//! minutes are recorded was held: it counts as contact with the client.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::{
    self, Channel, Direction, LogKind, Meeting, MeetingAction, MeetingPatch, NewAction,
    NewLogEntry, NewMeeting, Project,
};
use crate::store::{self, Store};

/// The client's people named by `keys` (name or e-mail address, any case, or contact id),
/// among the live contacts of the project's client, in the order given and each once. A key
/// that matches nobody is refused, naming the people it could have been.
pub fn resolve_attendees(
    conn: &Connection,
    project: &Project,
    keys: &[String],
) -> Result<Vec<i64>> {
    let contacts = store::projects::list_contacts(conn, Some(project.client_id))?;
    let mut ids = Vec::new();
    for key in keys.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
        let found = contacts.iter().find(|c| {
            c.name.eq_ignore_ascii_case(key)
                || (!c.email.is_empty() && c.email.eq_ignore_ascii_case(key))
                || c.id.to_string() == key
        });
        match found {
            Some(c) if !ids.contains(&c.id) => ids.push(c.id),
            Some(_) => {}
            None => {
                let known: Vec<&str> = contacts.iter().map(|c| c.name.as_str()).take(10).collect();
                return Err(Error::NotFound {
                    what: "attendee",
                    key: key.to_string(),
                    hint: if known.is_empty() {
                        format!(
                            " among the contacts of {} (it has none yet: rapport contact add NAME --company '{}')",
                            project.client, project.client
                        )
                    } else {
                        format!(
                            " among the contacts of {} (known: {}); our own people go in --team",
                            project.client,
                            known.join(", ")
                        )
                    },
                });
            }
        }
    }
    Ok(ids)
}

/// "Ana, Li Wei": our side's names, one line, separated by commas.
fn team_line(team: &str) -> Result<String> {
    let line = model::optional_line("team", team)?;
    Ok(line
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(", "))
}

/// Plans a meeting; returns its id.
pub fn add(store: &mut Store, now: DateTime<Utc>, mut new: NewMeeting) -> Result<i64> {
    new.title = model::required_line("title", &new.title)?;
    new.agenda = model::free_text("agenda", &new.agenda)?;
    new.team = team_line(&new.team)?;
    store.write(|tx| {
        store::projects::get_project(tx, new.project_id)?;
        store::meetings::insert(tx, &new, now)
    })
}

/// Changes a meeting (time, title, agenda, team, notes, attendees) in one transaction.
pub fn edit(
    store: &mut Store,
    now: DateTime<Utc>,
    id: i64,
    mut patch: MeetingPatch,
) -> Result<Meeting> {
    if patch.is_empty() {
        return Err(Error::invalid_because(
            "edit",
            "",
            tr("at least one field to change (see rapport meeting edit --help)"),
        ));
    }
    if let Some(t) = &patch.title {
        patch.title = Some(model::required_line("title", t)?);
    }
    if let Some(a) = &patch.agenda {
        patch.agenda = Some(model::free_text("agenda", a)?);
    }
    if let Some(n) = &patch.notes {
        patch.notes = Some(model::free_text("notes", n)?);
    }
    if let Some(t) = &patch.team {
        patch.team = Some(team_line(t)?);
    }
    store.write(|tx| {
        let mut m = live(tx, id)?;
        if let Some(at) = patch.at {
            if m.held() && at > now {
                return Err(Error::Conflict(format!(
                    "meeting {id} was held (its minutes are recorded): it cannot move to a time still ahead"
                )));
            }
            m.at = at;
        }
        if let Some(t) = patch.title {
            m.title = t;
        }
        if let Some(a) = patch.agenda {
            m.agenda = a;
        }
        if let Some(t) = patch.team {
            m.team = t;
        }
        if let Some(n) = patch.notes {
            m.notes = n;
        }
        m.updated_at = now;
        store::meetings::save(tx, &m)?;
        if let Some(people) = &patch.attendees {
            store::meetings::set_attendees(tx, id, people, now)?;
        }
        store::meetings::get(tx, id)
    })
}

/// Archives a meeting (one that did not take place, or was planned by mistake): it leaves
/// Today, and so do its open actions.
pub fn archive(store: &mut Store, now: DateTime<Utc>, id: i64) -> Result<Meeting> {
    store.write(|tx| {
        live(tx, id)?;
        store::meetings::set_archived(tx, id, Some(now))?;
        store::meetings::get(tx, id)
    })
}

fn live(conn: &Connection, id: i64) -> Result<Meeting> {
    let m = store::meetings::get(conn, id)?;
    if m.archived {
        return Err(Error::Conflict(trf(
            "meeting {id} is archived",
            &[("id", &id)],
        )));
    }
    Ok(m)
}

/// What came out of a meeting, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Minutes {
    /// Replaces the meeting's notes when given.
    pub notes: Option<String>,
    pub decisions: Vec<String>,
    pub actions: Vec<NewAction>,
}

/// What recording the minutes added.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MinutesRecorded {
    pub meeting_id: i64,
    /// The log entries (kind decision) made for the decisions.
    pub decisions: Vec<i64>,
    pub actions: Vec<i64>,
}

/// Records a meeting's minutes in one transaction: the notes, each decision as a log entry
/// of kind decision linked to the meeting (at the meeting's time, our side speaking, so the
/// client's mood is not diluted), each action as a commitment. The meeting counts as held
/// from then. Recording again adds more decisions and actions. A meeting still ahead has
/// no minutes yet.
pub fn record_minutes(
    store: &mut Store,
    now: DateTime<Utc>,
    id: i64,
    minutes: Minutes,
) -> Result<MinutesRecorded> {
    let notes = minutes
        .notes
        .as_deref()
        .map(|n| model::free_text("notes", n))
        .transpose()?;
    let decisions = minutes
        .decisions
        .iter()
        .map(|d| model::required_line("decision", d))
        .collect::<Result<Vec<_>>>()?;
    store.write(|tx| {
        let mut m = live(tx, id)?;
        if m.at > now {
            return Err(Error::Conflict(format!(
                "meeting {id} is at {}, still ahead: record its minutes after it (or move it with meeting edit {id} --at WHEN)",
                m.at.format("%Y-%m-%d %H:%M UTC")
            )));
        }
        if let Some(n) = notes {
            m.notes = n;
        }
        m.minutes_at = m.minutes_at.or(Some(now));
        m.updated_at = now;
        store::meetings::save(tx, &m)?;
        let mut decision_ids = Vec::new();
        for d in decisions {
            let log_id = store::log::insert_entry(
                tx,
                &NewLogEntry {
                    project_id: m.project_id,
                    at: m.at,
                    direction: Direction::Out,
                    channel: Channel::Meeting,
                    kind: LogKind::Decision,
                    summary: d,
                    sentiment: 0,
                    issue_id: None,
                    expectation_id: None,
                    update_id: None,
                },
                now,
            )?;
            store::meetings::link_log_entry(tx, log_id, id)?;
            decision_ids.push(log_id);
        }
        let mut action_ids = Vec::new();
        for a in &minutes.actions {
            action_ids.push(store::meetings::insert_action(tx, id, a, now)?);
        }
        Ok(MinutesRecorded {
            meeting_id: id,
            decisions: decision_ids,
            actions: action_ids,
        })
    })
}

/// Marks an action done: it leaves Today.
pub fn action_done(store: &mut Store, now: DateTime<Utc>, id: i64) -> Result<MeetingAction> {
    store.write(|tx| {
        let a = store::meetings::get_action(tx, id)?;
        if a.archived {
            return Err(Error::Conflict(trf(
                "action {id} is archived",
                &[("id", &id)],
            )));
        }
        if let Some(at) = a.done_at {
            return Err(Error::Conflict(trf(
                "action {id} is already done (since {at})",
                &[("id", &id), ("at", &store::ts(at))],
            )));
        }
        store::meetings::set_action_done(tx, id, Some(now))?;
        store::meetings::get_action(tx, id)
    })
}
