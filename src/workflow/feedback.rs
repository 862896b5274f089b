//! Answering feedback: an inbound complaint or request queues a reply to the client, due
//! within the configured hours (halved for an angry client), and stays "unanswered" on Today
//! until the reply is sent or the PM marks the entry handled. The reply never quotes the log
//! (the team's private record): it says the message was received and when and with what we
//! will come back.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde::Serialize;

use super::drafts::contact_name;
use super::{Policy, UndoStep, words};
use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::{
    self, Direction, LogEntry, LogKind, NewUpdate, Project, UpdateKind, UpdateState,
};
use crate::store::{self, Store};

const TEMPLATES: &[(&str, &str)] = &[
    ("en", include_str!("../../assets/templates/en/reply.txt")),
    (
        "zh-CN",
        include_str!("../../assets/templates/zh-CN/reply.txt"),
    ),
];

/// The rule key of the reply to log entry `id` (kind `other`: the updates table allows no
/// new kind without a rebuild).
pub fn reply_key(log_id: i64) -> String {
    format!("reply:{log_id}")
}

/// Hours within which feedback of `kind` with `sentiment` gets a reply; `None` when it needs
/// none. A -2 halves the time.
pub fn reply_hours(policy: &Policy, kind: LogKind, sentiment: i8) -> Option<u32> {
    let hours = match kind {
        LogKind::Complaint => policy.reply.complaint,
        LogKind::Request => policy.reply.request,
        _ => return None,
    };
    Some(if sentiment <= -2 { hours / 2 } else { hours })
}

#[derive(Serialize)]
struct ReplyContext<'a> {
    project: &'a str,
    contact: String,
    sender: &'a str,
    kind: &'a str,
    received: String,
    reply_by: String,
}

/// The subject and body of a reply, in the client's language.
#[allow(clippy::too_many_arguments)]
pub(crate) fn draft_reply(
    tx: &Connection,
    policy: &Policy,
    project: &Project,
    contact_id: Option<i64>,
    kind: &str,
    received: DateTime<Utc>,
    due: DateTime<Utc>,
) -> Result<(String, String)> {
    let language = words::language_for_project(tx, project.id, policy)?;
    let source = TEMPLATES
        .iter()
        .find(|(l, _)| *l == language)
        .or_else(|| TEMPLATES.first())
        .map(|(_, t)| *t)
        .unwrap_or_default();
    let date = policy.zone.local(received).format("%Y-%m-%d").to_string();
    super::templates::render_subject_body(
        "reply",
        source,
        &ReplyContext {
            project: &project.name,
            contact: contact_name(tx, project, contact_id)?,
            sender: &policy.sender,
            kind,
            received: date,
            reply_by: policy.show(due),
        },
        &format!("[{}] Reply", project.name),
    )
}

/// Queues the reply to an inbound complaint or request (once per entry), in the caller's
/// transaction.
pub(crate) fn ensure_reply(
    tx: &Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    entry: &LogEntry,
    undo: &mut Vec<UndoStep>,
) -> Result<Option<i64>> {
    if entry.direction != Direction::In || entry.archived {
        return Ok(None);
    }
    let Some(hours) = reply_hours(policy, entry.kind, entry.sentiment) else {
        return Ok(None);
    };
    let key = reply_key(entry.id);
    if store::updates::by_rule_key(tx, &key)?.is_some() {
        return Ok(None);
    }
    let project = store::projects::get_project(tx, entry.project_id)?;
    let due = entry.at + Duration::hours(i64::from(hours));
    let (subject, body) = draft_reply(
        tx,
        policy,
        &project,
        None,
        entry.kind.as_str(),
        entry.at,
        due,
    )?;
    queue_reply(
        tx,
        now,
        &project,
        None,
        entry.issue_id,
        key,
        subject,
        body,
        due,
        undo,
    )
    .map(Some)
}

/// Queues a rule-made `other` update to `contact_id`, else the client's first contact.
#[allow(clippy::too_many_arguments)]
pub(crate) fn queue_reply(
    tx: &Connection,
    now: DateTime<Utc>,
    project: &Project,
    contact_id: Option<i64>,
    issue_id: Option<i64>,
    key: String,
    subject: String,
    body: String,
    due: DateTime<Utc>,
    undo: &mut Vec<UndoStep>,
) -> Result<i64> {
    let contact_id = match contact_id {
        Some(c) => Some(c),
        None => store::projects::primary_contact(tx, project.client_id)?.map(|c| c.id),
    };
    let id = store::updates::insert_update(
        tx,
        &NewUpdate {
            project_id: project.id,
            issue_id,
            kind: UpdateKind::Other,
            channel: project.channel,
            contact_id,
            subject,
            body,
            due_at: due,
            state: UpdateState::Draft,
            rule_key: Some(key),
        },
        now,
    )?;
    undo.push(UndoStep::SetArchived(
        crate::model::Record::Update(id),
        Some(now),
    ));
    Ok(id)
}

/// Marks feedback handled (answered another way): it leaves Today, and its untouched reply
/// draft is skipped.
pub fn mark_handled(store: &mut Store, now: DateTime<Utc>, id: i64, note: &str) -> Result<()> {
    let note = model::optional_line("note", note)?;
    store.write(|tx| {
        let entry = store::log::get(tx, id)?;
        if entry.direction != Direction::In
            || !matches!(entry.kind, LogKind::Complaint | LogKind::Request)
        {
            return Err(Error::invalid_because(
                "log entry",
                &id.to_string(),
                tr("an inbound complaint or request (only those wait for a reply)"),
            ));
        }
        record_handled(tx, now, id, &note)?;
        if let Some(u) = store::updates::by_rule_key(tx, &reply_key(id))? {
            let mut undo = Vec::new();
            super::rules::skip_untouched(tx, now, u, &mut undo)?;
        }
        Ok(())
    })
}

/// Records that a log entry needs no reply from rapport any more.
pub(crate) fn record_handled(
    tx: &Connection,
    now: DateTime<Utc>,
    id: i64,
    note: &str,
) -> Result<()> {
    store::log::set_handled(tx, id, now, note)
}

pub use crate::store::log::Unanswered;

/// Feedback whose reply is not sent and that is not marked handled, oldest first. Only
/// entries with a queued reply count (entries from before replies were tracked have none).
pub fn unanswered(conn: &Connection, limit: usize) -> Result<Vec<Unanswered>> {
    store::log::unanswered_feedback(conn, limit)
}
