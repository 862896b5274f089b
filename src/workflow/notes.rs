//! Progress notes written for the client: what was done on an issue, in words the client may
//! read. Drafts and reports quote these, never the communication log.

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model;
use crate::store::{self, Store, client_text::IssueNote};

/// Adds a client note to an issue at `at`; returns the note's id.
pub fn add(
    store: &mut Store,
    now: DateTime<Utc>,
    issue_id: i64,
    text: &str,
    at: DateTime<Utc>,
) -> Result<i64> {
    let text = model::free_text("note", text)?.trim().to_string();
    if text.is_empty() {
        return Err(Error::invalid_because("note", "", tr("a non-empty text")));
    }
    store.write(|tx| {
        store::issues::get(tx, issue_id)?;
        store::client_text::insert_note(tx, issue_id, at, &text, now)
    })
}

/// An issue's client notes, oldest first (for `issue show` and the TUI detail).
pub fn of_issue(conn: &rusqlite::Connection, issue_id: i64) -> Result<Vec<IssueNote>> {
    store::client_text::notes_of_issue(conn, issue_id)
}
