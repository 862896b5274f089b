//! Logging contacts with the client: feedback, complaints, praise, decisions.

use chrono::{DateTime, Utc};

use super::{Done, Policy, Record, UndoStep, rules};
use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::{self, Channel, Direction, NewLogEntry, UpdateKind, UpdateState};
use crate::store::{self, Listing, Store, UpdateQuery, Window};

/// Logs a contact. An outgoing phone call, meeting, chat or email about an issue tells the
/// client of it: the issue counts as notified from then, its pending notice is skipped with
/// that reason, and the follow-up cadence counts from that contact.
pub fn add(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    new: NewLogEntry,
) -> Result<Done> {
    add_entry(store, now, policy, new, true)
}

/// Logs feedback that was answered at the time (a story told after the fact, an import):
/// no reply is queued, and a complaint or request is recorded as handled.
pub fn add_answered(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    new: NewLogEntry,
) -> Result<Done> {
    add_entry(store, now, policy, new, false)
}

fn add_entry(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    mut new: NewLogEntry,
    reply: bool,
) -> Result<Done> {
    new.summary = model::required_line("summary", &new.summary)?;
    if !(-2..=2).contains(&new.sentiment) {
        return Err(Error::invalid_because(
            "sentiment",
            &new.sentiment.to_string(),
            tr("a whole number from -2 to 2"),
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
        // The client answered an issue that waited on them: its follow-up clock runs again.
        if let (Some(iid), model::Direction::In) = (new.issue_id, new.direction) {
            super::waiting::close_on_inbound(tx, now, iid, new.at)?;
        }
        let mut undo = vec![UndoStep::SetArchived(Record::Log(id), Some(now))];
        told_the_client(tx, now, policy, &new, &mut undo)?;
        // A complaint or a request gets a reply, queued at once.
        if reply {
            let entry = store::log::get(tx, id)?;
            super::feedback::ensure_reply(tx, now, policy, &entry, &mut undo)?;
        } else {
            super::feedback::record_handled(tx, now, id, "answered at the time")?;
        }
        Ok(Done {
            record: Record::Log(id),
            undo,
        })
    })
}

fn told_the_client(
    tx: &rusqlite::Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    entry: &NewLogEntry,
    undo: &mut Vec<UndoStep>,
) -> Result<()> {
    let Some(issue_id) = entry.issue_id else {
        return Ok(());
    };
    if entry.direction != Direction::Out
        || entry.update_id.is_some()
        || entry.channel == Channel::Other
    {
        return Ok(());
    }
    let issue = store::issues::get(tx, issue_id)?;
    if issue.client_notified_at.is_some() || !issue.status.is_open() {
        return Ok(());
    }
    undo.push(UndoStep::SaveIssue(Box::new(issue.clone())));
    let mut told = issue;
    told.client_notified_at = Some(entry.at);
    told.updated_at = now;
    store::issues::save(tx, &told)?;
    let reason = format!(
        "the client was told by {} on {}",
        entry.channel,
        policy.show(entry.at)
    );
    let pending = UpdateQuery {
        issue_id: Some(issue_id),
        ..Default::default()
    }
    .list(tx, Window::ALL)?;
    for u in pending
        .into_iter()
        .filter(|u| u.kind == UpdateKind::Notice && u.state.is_pending())
    {
        undo.push(UndoStep::SaveUpdate(Box::new(u.clone())));
        let mut skipped = u;
        skipped.state = UpdateState::Skipped;
        skipped.updated_at = now;
        store::updates::save(tx, &skipped)?;
        store::client_text::set_skip_reason(tx, skipped.id, &reason)?;
    }
    rules::ensure_follow_up(tx, now, policy, &told, undo)?;
    Ok(())
}
