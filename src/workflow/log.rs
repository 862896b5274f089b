//! Logging contacts with the client: feedback, complaints, praise, decisions.

use chrono::{DateTime, Utc};

use super::{Done, Record, UndoStep};
use crate::error::{Error, Result};
use crate::model::{self, NewLogEntry};
use crate::store::{self, Store};

pub fn add(store: &mut Store, now: DateTime<Utc>, mut new: NewLogEntry) -> Result<Done> {
    new.summary = model::required_line("summary", &new.summary)?;
    if !(-2..=2).contains(&new.sentiment) {
        return Err(Error::invalid_because(
            "sentiment",
            &new.sentiment.to_string(),
            "a whole number from -2 to 2",
        ));
    }
    store.write(|tx| {
        store::projects::get_project(tx, new.project_id)?;
        if let Some(iid) = new.issue_id {
            store::issues::get(tx, iid)?;
        }
        if let Some(eid) = new.expectation_id {
            store::expectations::get(tx, eid)?;
        }
        let id = store::log::insert_entry(tx, &new, now)?;
        Ok(Done {
            record: Record::Log(id),
            undo: vec![UndoStep::SetArchived(Record::Log(id), Some(now))],
        })
    })
}
