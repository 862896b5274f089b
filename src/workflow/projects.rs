//! Projects, clients and contacts.

use chrono::{DateTime, Utc};

use super::{Done, Policy, Record, UndoStep, rules};
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::{
    self, Contact, ContactPatch, NewContact, NewProject, Project, ProjectPatch, ProjectStatus,
};
use crate::store::{self, Store};

/// Adds a project (and its client on first mention) and queues its first status report.
pub fn add_project(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    mut new: NewProject,
) -> Result<Done> {
    new.name = model::required_line("project name", &new.name)?;
    new.client = if new.client.trim().is_empty() {
        new.name.clone()
    } else {
        model::required_line("client", &new.client)?
    };
    store.write(|tx| {
        let id = store::projects::insert_project(tx, &new, now)?;
        let mut undo = vec![UndoStep::SetArchived(Record::Project(id), Some(now))];
        let project = store::projects::get_project(tx, id)?;
        // The cadence is the plan's first entry: the regular status report.
        super::plans::cadence_set(tx, now, &project, project.cadence)?;
        rules::ensure_status_report(tx, now, policy, &project, &mut undo)?;
        Ok(Done {
            record: Record::Project(id),
            undo,
        })
    })
}

pub fn add_contact(store: &mut Store, now: DateTime<Utc>, mut new: NewContact) -> Result<i64> {
    new.name = model::required_line("contact name", &new.name)?;
    new.client = model::required_line("client", &new.client)?;
    new.role = model::optional_line("role", &new.role)?;
    new.email = model::check_email(&new.email)?;
    new.phone = model::optional_line("phone", &new.phone)?;
    store.write(|tx| store::projects::insert_contact(tx, &new, now))
}

/// Changes a project. Putting it on hold or closing it skips its pending status reports (no
/// report is owed while nothing runs); closing one with open issues needs `force`, so a
/// problem the client is waiting on is never closed away by accident. Making it active again,
/// or changing its cadence, queues the next report from now. Closing it queues the closing
/// review request.
pub fn edit_project(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    id: i64,
    mut patch: ProjectPatch,
    force: bool,
) -> Result<(Project, Done)> {
    if patch.is_empty() {
        return Err(Error::invalid_because(
            "edit",
            "",
            tr("at least one of --name, --status, --cadence, --channel"),
        ));
    }
    if let Some(name) = &patch.name {
        patch.name = Some(model::required_line("project name", name)?);
    }
    store.write(|tx| {
        let before = store::projects::get_project(tx, id)?;
        let mut after = before.clone();
        if let Some(name) = &patch.name {
            after.name = name.clone();
        }
        if let Some(status) = patch.status {
            after.status = status;
        }
        if let Some(cadence) = patch.cadence {
            after.cadence = cadence;
        }
        if let Some(channel) = patch.channel {
            after.channel = channel;
        }
        let closing = after.status == ProjectStatus::Closed && before.status != ProjectStatus::Closed;
        if closing && !force {
            let open: usize = store::issues::open_by_severity(tx, id)?
                .iter()
                .map(|(_, n)| n)
                .sum();
            if open > 0 {
                return Err(Error::Conflict(trf(
                    "project '{name}' has {open} open issue(s): resolve them first, or close it anyway with --force",
                    &[("name", &before.name), ("open", &open)],
                )));
            }
        }
        store::projects::save_project(tx, &after)?;
        let mut undo = vec![UndoStep::SaveProject(Box::new(before.clone()))];
        if after.cadence != before.cadence {
            super::plans::cadence_set(tx, now, &after, after.cadence)?;
        }
        if closing {
            // At closing the client is asked for a review of the whole project (once).
            super::plans::closing_review(tx, now, policy, &after, &mut undo)?;
        }
        let reports_change = after.status != before.status || after.cadence != before.cadence;
        if reports_change {
            rules::skip_pending_status(tx, now, id, &mut undo)?;
            let project = store::projects::get_project(tx, id)?;
            rules::ensure_status_report(tx, now, policy, &project, &mut undo)?;
        }
        Ok((
            store::projects::get_project(tx, id)?,
            Done {
                record: Record::Project(id),
                undo,
            },
        ))
    })
}

/// Changes a contact's details.
pub fn edit_contact(store: &mut Store, id: i64, patch: ContactPatch) -> Result<Contact> {
    if patch.is_empty() {
        return Err(Error::invalid_because(
            "edit",
            "",
            tr("at least one of --name, --role, --email, --phone, --channel"),
        ));
    }
    store.write(|tx| {
        let mut c = store::projects::get_contact(tx, id)?;
        if let Some(v) = &patch.name {
            c.name = model::required_line("contact name", v)?;
        }
        if let Some(v) = &patch.role {
            c.role = model::optional_line("role", v)?;
        }
        if let Some(v) = &patch.email {
            c.email = model::check_email(v)?;
        }
        if let Some(v) = &patch.phone {
            c.phone = model::optional_line("phone", v)?;
        }
        if let Some(v) = patch.channel {
            c.channel = v;
        }
        store::projects::save_contact(tx, &c)?;
        store::projects::get_contact(tx, id)
    })
}

/// Archives a contact (kept in the file; no longer a recipient) or restores one.
pub fn set_contact_archived(
    store: &mut Store,
    now: DateTime<Utc>,
    id: i64,
    archived: bool,
) -> Result<Contact> {
    store.write(|tx| {
        store::projects::contact_is_archived(tx, id)?;
        store::projects::set_contact_archived(tx, id, archived.then_some(now))?;
        store::projects::get_contact(tx, id)
    })
}
