//! Undo as data: every change returns the steps that put the records back as they were.
//! Undoing never deletes: an added record is archived, an archived one restored.

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::model::{Record, Revision};
use crate::store::{self, Store};

pub use super::steps::{Done, UndoStep};

pub(crate) fn set_archived(
    conn: &rusqlite::Connection,
    record: Record,
    at: Option<DateTime<Utc>>,
) -> Result<()> {
    match record {
        Record::Issue(id) => store::issues::set_archived(conn, id, at),
        Record::Update(id) => store::updates::set_archived(conn, id, at),
        Record::Expectation(id) => store::expectations::set_archived(conn, id, at),
        Record::Log(id) => store::log::set_archived(conn, id, at),
        Record::Project(id) => store::projects::set_archived(conn, id, at),
        Record::Milestone(id) => store::milestones::set_archived(conn, id, at),
        Record::Risk(id) => store::risks::set_archived(conn, id, at),
        Record::Review(id) => store::reviews::set_archived(conn, id, at),
        Record::PlanEntry(id) => store::plans::set_archived(conn, id, at),
        Record::Meeting(id) => store::meetings::set_archived(conn, id, at),
        Record::Action(id) => Err(crate::error::Error::Conflict(format!(
            "action {id} is finished with `rapport action done {id}`, not archived"
        ))),
        Record::Contact(id) => store::projects::set_contact_archived(conn, id, at),
        Record::Client(id) => store::clients::set_archived(conn, id, at),
    }
}

/// Archives a record (it leaves every list but stays in the file).
pub fn archive(store: &mut Store, now: DateTime<Utc>, record: Record) -> Result<Done> {
    store.write(|tx| {
        // Reading first gives "no issue 99" for a bad id instead of a silent no-op.
        let was = match record {
            Record::Issue(id) => store::issues::get(tx, id)?.archived,
            Record::Update(id) => store::updates::get(tx, id)?.archived,
            Record::Expectation(id) => store::expectations::get(tx, id)?.archived,
            Record::Log(id) => store::log::get(tx, id)?.archived,
            Record::Project(id) => store::projects::is_archived(tx, id)?,
            Record::Milestone(id) => store::milestones::get(tx, id)?.archived,
            Record::Risk(id) => store::risks::get(tx, id)?.archived,
            Record::Review(id) => store::reviews::is_archived(tx, id)?,
            Record::PlanEntry(id) => store::plans::get(tx, id)?.archived,
            Record::Meeting(id) => store::meetings::get(tx, id)?.archived,
            Record::Action(id) => store::meetings::get_action(tx, id)?.archived,
            Record::Contact(id) => store::projects::contact_is_archived(tx, id)?,
            Record::Client(id) => {
                refuse_if_active(tx, id)?;
                store::clients::is_archived(tx, id)?
            }
        };
        set_archived(tx, record, Some(now))?;
        let undo_to = if was { Some(now) } else { None };
        let mut undo = vec![UndoStep::SetArchived(record, undo_to)];
        if let Record::Issue(id) = record {
            // An archived issue is no longer owed to the client: what was queued about it
            // leaves the queue and Today (skipped, so the record of it stays).
            super::rules::skip_pending_of_issue(tx, now, id, &mut undo)?;
        }
        Ok(Done { record, undo })
    })
}

/// Applies undo steps, in order, in one transaction.
pub fn apply(store: &mut Store, now: DateTime<Utc>, steps: &[UndoStep]) -> Result<()> {
    store.write(|tx| {
        for step in steps {
            match step {
                UndoStep::SetArchived(record, at) => set_archived(tx, *record, *at)?,
                UndoStep::SaveIssue(issue) => {
                    store::issues::save(tx, issue)?;
                }
                UndoStep::SaveUpdate(update) => store::updates::save(tx, update)?,
                UndoStep::SaveLog(entry) => store::log::save(tx, entry)?,
                UndoStep::SaveProject(project) => store::projects::save_project(tx, project)?,
                UndoStep::SaveExpectation(old) => {
                    let current = store::expectations::get(tx, old.id)?;
                    store::expectations::save(tx, old)?;
                    store::expectations::add_revision(
                        tx,
                        old.id,
                        &Revision {
                            at: now,
                            status_from: Some(current.status),
                            status_to: old.status,
                            statement_from: Some(current.statement),
                            statement_to: old.statement.clone(),
                            other_changes: String::new(),
                            reason: "undo of the previous change".into(),
                        },
                    )?;
                }
            }
        }
        Ok(())
    })
}

/// Brings an archived record back (restoring one that is not archived is refused).
pub fn restore(store: &mut Store, record: Record) -> Result<()> {
    store.write(|tx| {
        let archived = match record {
            Record::Issue(id) => store::issues::get(tx, id)?.archived,
            Record::Update(id) => store::updates::get(tx, id)?.archived,
            Record::Expectation(id) => store::expectations::get(tx, id)?.archived,
            Record::Log(id) => store::log::get(tx, id)?.archived,
            Record::Project(id) => store::projects::is_archived(tx, id)?,
            Record::Milestone(id) => store::milestones::get(tx, id)?.archived,
            Record::Risk(id) => store::risks::get(tx, id)?.archived,
            Record::Review(id) => store::reviews::is_archived(tx, id)?,
            Record::PlanEntry(id) => store::plans::get(tx, id)?.archived,
            Record::Meeting(id) => store::meetings::get(tx, id)?.archived,
            Record::Action(id) => store::meetings::get_action(tx, id)?.archived,
            Record::Contact(id) => store::projects::contact_is_archived(tx, id)?,
            Record::Client(id) => store::clients::is_archived(tx, id)?,
        };
        if !archived {
            return Err(crate::error::Error::Conflict(format!(
                "{record} is not archived"
            )));
        }
        set_archived(tx, record, None)
    })
}

/// Refuses to archive a client whose projects still run, naming them.
fn refuse_if_active(conn: &rusqlite::Connection, client_id: i64) -> Result<()> {
    let running = store::clients::active_projects(conn, client_id)?;
    if running.is_empty() {
        return Ok(());
    }
    let name = store::clients::settings(conn, client_id)?
        .map(|c| c.name)
        .unwrap_or_default();
    Err(crate::error::Error::Conflict(crate::i18n::trf(
        "client {name} has active projects; close or archive its projects first: {projects}",
        &[("name", &name), ("projects", &running.join(", "))],
    )))
}
