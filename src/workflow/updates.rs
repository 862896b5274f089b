//! The client update queue: adding what we owe, sending it, skipping it.

use chrono::{DateTime, Utc};

use super::{Done, Record, UndoStep};
use crate::error::{Error, Result};
use crate::model::{
    self, Channel, Direction, LogKind, NewLogEntry, NewUpdate, Update, UpdatePatch, UpdateState,
};
use crate::store::{self, Store};

fn check_links(
    tx: &rusqlite::Connection,
    project_id: i64,
    issue_id: Option<i64>,
    contact_id: Option<i64>,
) -> Result<()> {
    let project = store::projects::get_project(tx, project_id)?;
    if let Some(iid) = issue_id {
        let issue = store::issues::get(tx, iid)?;
        if issue.project_id != project_id {
            return Err(Error::invalid_because(
                "issue",
                &iid.to_string(),
                format!(
                    "an issue of project '{}' (it belongs to '{}')",
                    project.name, issue.project
                ),
            ));
        }
    }
    if let Some(cid) = contact_id {
        let contact = store::projects::get_contact(tx, cid)?;
        if contact.client_id != project.client_id {
            return Err(Error::invalid_because(
                "contact",
                &contact.name,
                format!("a contact of client '{}'", project.client),
            ));
        }
    }
    Ok(())
}

pub fn add(store: &mut Store, now: DateTime<Utc>, mut new: NewUpdate) -> Result<Done> {
    new.subject = model::required_line("subject", &new.subject)?;
    new.body = model::free_text("body", &new.body)?;
    if !new.state.is_pending() {
        return Err(Error::invalid(
            "state of a new update",
            new.state.as_str(),
            "draft, ready".into(),
        ));
    }
    store.write(|tx| {
        check_links(tx, new.project_id, new.issue_id, new.contact_id)?;
        if new.contact_id.is_none() {
            let project = store::projects::get_project(tx, new.project_id)?;
            new.contact_id = store::projects::primary_contact(tx, project.client_id)?.map(|c| c.id);
        }
        let id = store::updates::insert(tx, &new, now)?;
        Ok(Done {
            record: Record::Update(id),
            undo: vec![UndoStep::SetArchived(Record::Update(id), Some(now))],
        })
    })
}

/// Edits a pending update; the queue rules never overwrite it afterwards.
pub fn edit(
    store: &mut Store,
    now: DateTime<Utc>,
    id: i64,
    patch: UpdatePatch,
) -> Result<(Update, Done)> {
    if patch.is_empty() {
        return Err(Error::invalid_because(
            "edit",
            "",
            "at least one field to change",
        ));
    }
    store.write(|tx| {
        let before = store::updates::get(tx, id)?;
        let mut after = before.clone();
        if let Some(s) = &patch.subject {
            after.subject = model::required_line("subject", s)?;
        }
        if let Some(b) = &patch.body {
            after.body = model::free_text("body", b)?;
        }
        if let Some(k) = patch.kind {
            after.kind = k;
        }
        if let Some(c) = patch.channel {
            after.channel = c;
        }
        if let Some(c) = patch.contact_id {
            after.contact_id = c;
        }
        if let Some(d) = patch.due_at {
            after.due_at = d;
        }
        if let Some(s) = patch.state {
            if matches!(s, UpdateState::Sent) {
                return Err(Error::invalid_because(
                    "state",
                    s.as_str(),
                    "draft, ready or skipped (use `update sent` to record sending)",
                ));
            }
            after.state = s;
        }
        check_links(tx, after.project_id, after.issue_id, after.contact_id)?;
        after.edited = true;
        after.updated_at = now;
        store::updates::save(tx, &after)?;
        Ok((
            store::updates::get(tx, id)?,
            Done {
                record: Record::Update(id),
                undo: vec![UndoStep::SaveUpdate(Box::new(before))],
            },
        ))
    })
}

/// Records that an update went out at `at`: the queue item is closed, the communication log
/// gets an outgoing entry, and a linked issue counts as notified from then on.
pub fn mark_sent(
    store: &mut Store,
    now: DateTime<Utc>,
    id: i64,
    at: DateTime<Utc>,
) -> Result<(Update, Done)> {
    store.write(|tx| {
        let before = store::updates::get(tx, id)?;
        if !before.state.is_pending() {
            return Err(Error::Conflict(format!(
                "update {id} is already {}{}; nothing changed",
                before.state,
                before
                    .sent_at
                    .map(|t| format!(" (at {})", store::ts(t)))
                    .unwrap_or_default()
            )));
        }
        let mut undo = vec![UndoStep::SaveUpdate(Box::new(before.clone()))];
        let mut after = before.clone();
        after.state = UpdateState::Sent;
        after.sent_at = Some(at);
        after.updated_at = now;
        store::updates::save(tx, &after)?;

        if let Some(issue_id) = after.issue_id {
            let issue = store::issues::get(tx, issue_id)?;
            if issue.client_notified_at.is_none() {
                undo.push(UndoStep::SaveIssue(Box::new(issue.clone())));
                let mut notified = issue;
                notified.client_notified_at = Some(at);
                notified.updated_at = now;
                store::issues::save(tx, &notified)?;
            }
        }
        let log_id = store::log::insert(
            tx,
            &NewLogEntry {
                project_id: after.project_id,
                at,
                direction: Direction::Out,
                channel: after.channel,
                kind: LogKind::Note,
                summary: format!("Sent {} update: {}", after.kind, after.subject),
                sentiment: 0,
                issue_id: after.issue_id,
                expectation_id: None,
                update_id: Some(id),
            },
            now,
        )?;
        undo.push(UndoStep::SetArchived(Record::Log(log_id), Some(now)));
        Ok((
            after,
            Done {
                record: Record::Update(id),
                undo,
            },
        ))
    })
}

/// Decides an update will not be sent; it leaves the queue but stays on record.
pub fn skip(store: &mut Store, now: DateTime<Utc>, id: i64) -> Result<(Update, Done)> {
    store.write(|tx| {
        let before = store::updates::get(tx, id)?;
        if !before.state.is_pending() {
            return Err(Error::Conflict(format!(
                "update {id} is already {}; nothing changed",
                before.state
            )));
        }
        let mut after = before.clone();
        after.state = UpdateState::Skipped;
        after.edited = true;
        after.updated_at = now;
        store::updates::save(tx, &after)?;
        Ok((
            after,
            Done {
                record: Record::Update(id),
                undo: vec![UndoStep::SaveUpdate(Box::new(before))],
            },
        ))
    })
}

/// The channel a project prefers, for new updates that do not say.
pub fn default_channel(store: &Store, project_id: i64) -> Result<Channel> {
    Ok(store::projects::get_project(store.conn(), project_id)?.channel)
}
