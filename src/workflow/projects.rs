//! Projects, clients and contacts.

use chrono::{DateTime, Utc};

use super::{Done, Policy, Record, UndoStep, rules};
use crate::error::Result;
use crate::model::{self, NewContact, NewProject};
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
