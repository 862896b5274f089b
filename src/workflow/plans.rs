//! The communication plan: adding, changing and archiving a project's entries. The status
//! and report entries set the project's status-report cadence (the shortest of them), so the
//! one status-report rule queues from the plan and nothing is queued twice; `project add
//! --cadence` and `project edit --cadence` write the project's status entry.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::{Policy, UndoStep, rules};
use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::{
    self, Cadence, NewPlanEntry, PlanEntry, PlanKind, PlanPatch, Project, ProjectStatus,
};
use crate::store::{self, Store};

pub use super::plan_rules::{
    MeetingDue, REPORT_KINDS, after_milestone_done, closing_review, ensure_review_requests,
    meetings_due, owner_of_update,
};

/// What a project's cadence becomes in the plan: its regular status report.
pub const STATUS_WHAT: &str = "Status report";

fn checked_audience(
    tx: &Connection,
    project: &Project,
    audience: &[String],
) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for a in audience.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
        // A name or id of one of the client's contacts, kept as the contact's name.
        let c = store::projects::contact_by_key(tx, project.client_id, a)?;
        if !names.contains(&c.name) {
            names.push(c.name);
        }
    }
    Ok(names)
}

/// Adds an entry to a project's plan; returns its id. A status or report entry may change
/// the project's status-report cadence (and so its queued report).
pub fn add(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    mut new: NewPlanEntry,
) -> Result<i64> {
    new.what = model::required_line("what", &new.what)?;
    new.owner = model::optional_line("owner", &new.owner)?;
    store.write(|tx| {
        let project = store::projects::get_project(tx, new.project_id)?;
        new.audience = checked_audience(tx, &project, &new.audience)?;
        let channel = new.channel.unwrap_or(project.channel);
        let id = store::plans::insert(tx, &new, channel, now)?;
        if REPORT_KINDS.contains(&new.kind) {
            follow_plan(tx, now, policy, project.id, &mut Vec::new())?;
        }
        Ok(id)
    })
}

/// Changes an entry.
pub fn edit(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    id: i64,
    patch: PlanPatch,
) -> Result<PlanEntry> {
    if patch.is_empty() {
        return Err(Error::invalid_because(
            "edit",
            "",
            tr("at least one of --kind, --what, --every, --audience, --owner, --channel"),
        ));
    }
    store.write(|tx| {
        let before = store::plans::get(tx, id)?;
        let project = store::projects::get_project(tx, before.project_id)?;
        let mut after = before.clone();
        if let Some(k) = patch.kind {
            after.kind = k;
        }
        if let Some(w) = &patch.what {
            after.what = model::required_line("what", w)?;
        }
        if let Some(e) = patch.every {
            after.every = e;
        }
        if let Some(a) = &patch.audience {
            after.audience = checked_audience(tx, &project, a)?;
        }
        if let Some(o) = &patch.owner {
            after.owner = model::optional_line("owner", o)?;
        }
        if let Some(c) = patch.channel {
            after.channel = c;
        }
        after.updated_at = now;
        store::plans::save(tx, &after)?;
        if REPORT_KINDS.contains(&before.kind) || REPORT_KINDS.contains(&after.kind) {
            follow_plan(tx, now, policy, project.id, &mut Vec::new())?;
        }
        store::plans::get(tx, id)
    })
}

/// Archives (or restores) an entry: it stops driving the queue, and stays in the file.
pub fn set_archived(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    id: i64,
    archived: bool,
) -> Result<PlanEntry> {
    store.write(|tx| {
        let entry = store::plans::get(tx, id)?;
        if entry.archived == archived {
            return Err(Error::Conflict(format!(
                "plan entry {id} is already {}",
                if archived { "archived" } else { "live" }
            )));
        }
        store::plans::set_archived(tx, id, archived.then_some(now))?;
        if REPORT_KINDS.contains(&entry.kind) {
            follow_plan(tx, now, policy, entry.project_id, &mut Vec::new())?;
        }
        store::plans::get(tx, id)
    })
}

/// One entry.
pub fn get(store: &Store, id: i64) -> Result<PlanEntry> {
    store::plans::get(store.conn(), id)
}

/// The plan of one project or of all, by project and kind.
pub fn list(
    store: &Store,
    project_id: Option<i64>,
    include_archived: bool,
) -> Result<Vec<PlanEntry>> {
    store::plans::list(store.conn(), project_id, include_archived)
}

/// The status-report cadence a project's plan gives: the shortest of its status and report
/// entries; none without any.
pub fn status_cadence(tx: &Connection, project_id: i64) -> Result<Option<Cadence>> {
    Ok(store::plans::of_kinds(tx, project_id, &REPORT_KINDS)?
        .into_iter()
        .map(|e| e.every)
        .min_by_key(|c| c.period()))
}

/// The project's cadence follows its plan; when it changes, the queued report is re-planned
/// from now (as `project edit --cadence` does).
fn follow_plan(
    tx: &Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    project_id: i64,
    undo: &mut Vec<UndoStep>,
) -> Result<()> {
    let before = store::projects::get_project(tx, project_id)?;
    let cadence = status_cadence(tx, project_id)?;
    if cadence == before.cadence {
        return Ok(());
    }
    let mut after = before.clone();
    after.cadence = cadence;
    store::projects::save_project(tx, &after)?;
    undo.push(UndoStep::SaveProject(Box::new(before)));
    rules::skip_pending_status(tx, now, project_id, undo)?;
    if after.status == ProjectStatus::Active {
        rules::ensure_status_report(tx, now, policy, &after, undo)?;
    }
    Ok(())
}

/// In the caller's transaction: the project's cadence was set to `cadence` (`project add` or
/// `project edit`), so its first status entry says the same (added when missing); no cadence
/// archives its status and report entries.
pub(crate) fn cadence_set(
    tx: &Connection,
    now: DateTime<Utc>,
    project: &Project,
    cadence: Option<Cadence>,
) -> Result<()> {
    let entries = store::plans::of_kinds(tx, project.id, &REPORT_KINDS)?;
    match cadence {
        None => {
            for e in entries {
                store::plans::set_archived(tx, e.id, Some(now))?;
            }
        }
        Some(c) => match entries.into_iter().find(|e| e.kind == PlanKind::Status) {
            Some(mut e) if e.every != c => {
                e.every = c;
                e.updated_at = now;
                store::plans::save(tx, &e)?;
            }
            Some(_) => {}
            None => {
                store::plans::insert(
                    tx,
                    &NewPlanEntry {
                        project_id: project.id,
                        kind: PlanKind::Status,
                        what: STATUS_WHAT.into(),
                        every: c,
                        audience: Vec::new(),
                        owner: String::new(),
                        channel: None,
                    },
                    project.channel,
                    now,
                )?;
            }
        },
    }
    Ok(())
}
