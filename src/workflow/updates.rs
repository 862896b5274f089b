//! The client update queue: adding what we owe, sending it, skipping it.

use chrono::{DateTime, Utc};

use super::templates::Draft;
use super::{Done, Policy, Record, UndoStep, drafts, recipients, rules};
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::{
    self, Channel, Direction, LogKind, NewLogEntry, NewUpdate, Update, UpdatePatch, UpdateState,
};
use crate::report;
use crate::store::{self, Listing, Store, UpdateQuery, Window};

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

/// Queues an update; with no body, the kind's template drafts one.
pub fn add(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    mut new: NewUpdate,
) -> Result<Done> {
    new.subject = model::subject_line("subject", &new.subject)?;
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
        let typed_body = !new.body.trim().is_empty();
        let mut promised = None;
        if !typed_body
            && let Some(d) = draft_for(
                tx,
                policy,
                new.project_id,
                new.issue_id,
                new.kind,
                new.contact_id,
                new.due_at,
            )?
        {
            new.body = d.body;
            promised = d.promised_at;
        }
        let id = store::updates::insert_update(tx, &new, now)?;
        store::client_text::set_promise(tx, id, promised)?;
        if typed_body {
            // A body a person wrote is theirs: drafts never replace it.
            let mut u = store::updates::get(tx, id)?;
            u.edited = true;
            store::updates::save(tx, &u)?;
        }
        Ok(Done {
            record: Record::Update(id),
            undo: vec![UndoStep::SetArchived(Record::Update(id), Some(now))],
        })
    })
}

/// Edits a pending update; once its subject or body is a person's, the queue rules never
/// overwrite it.
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
            tr("at least one field to change"),
        ));
    }
    store.write(|tx| {
        let before = store::updates::get(tx, id)?;
        if !before.state.is_pending() {
            // What the client received (or was decided not to receive) is the record.
            return Err(Error::Conflict(trf(
                "update {id} is {state}{at} and cannot be changed: it is the record of what the client received",
                &[
                    ("id", &id),
                    ("state", &before.state),
                    ("at", &sent_at(&before)),
                ],
            )));
        }
        let mut after = before.clone();
        if let Some(s) = &patch.subject {
            after.subject = model::subject_line("subject", s)?;
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
                    tr("draft, ready or skipped (use `update sent` to record sending)"),
                ));
            }
            after.state = s;
        }
        check_links(tx, after.project_id, after.issue_id, after.contact_id)?;
        if let Some(cc) = &patch.cc {
            for c in cc {
                check_links(tx, after.project_id, None, Some(*c))?;
            }
            store::client_text::set_cc(tx, id, cc)?;
        }
        // Only words a person wrote are theirs: recipients, due time, kind or state leave a
        // draft the rules keep up to date.
        if after.subject != before.subject || after.body != before.body {
            after.edited = true;
        }
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
    policy: &Policy,
    id: i64,
    at: DateTime<Utc>,
) -> Result<(Update, Done)> {
    store.write(|tx| {
        let before = store::updates::get(tx, id)?;
        if !before.state.is_pending() {
            return Err(Error::Conflict(trf(
                "update {id} is already {state}{at}; nothing changed",
                &[
                    ("id", &id),
                    ("state", &before.state),
                    ("at", &sent_at(&before)),
                ],
            )));
        }
        let mut undo = vec![UndoStep::SaveUpdate(Box::new(before.clone()))];
        // Sending freezes who it goes to and what it says, rendered for the send time, so
        // the promise it carries is the follow-up the rules queue below.
        let mut after = recipients::resolve(tx, before.clone())?;
        if !after.edited
            && let Some(d) = draft_for(
                tx,
                policy,
                after.project_id,
                after.issue_id,
                after.kind,
                after.contact_id,
                at,
            )?
        {
            if !d.subject.is_empty() {
                after.subject = d.subject;
            }
            after.body = d.body;
            store::client_text::set_promise(tx, id, d.promised_at)?;
        }
        let promised = store::client_text::promise_of(tx, id)?;
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
        let log_id = store::log::insert_entry(
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
        follow_rules(tx, now, policy, &after, &mut undo)?;
        // An edited body keeps the promise its draft carried; with none, the cadence from
        // the send time (what the rules just queued) stands.
        if let (Some(issue_id), Some(promised)) = (after.issue_id, promised) {
            let issue = store::issues::get(tx, issue_id)?;
            if issue.status.is_open()
                && matches!(
                    after.kind,
                    crate::model::UpdateKind::Notice | crate::model::UpdateKind::Progress
                )
                && issue.next_update_due != Some(promised)
            {
                undo.push(UndoStep::SaveIssue(Box::new(issue)));
                rules::keep_promise(tx, now, issue_id, promised, &mut undo)?;
            }
        }
        Ok((
            store::updates::get(tx, id)?,
            Done {
                record: Record::Update(id),
                undo,
            },
        ))
    })
}

/// Decides an update will not be sent; it leaves the queue but stays on record.
pub fn skip(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    id: i64,
) -> Result<(Update, Done)> {
    store.write(|tx| {
        let before = store::updates::get(tx, id)?;
        if !before.state.is_pending() {
            return Err(Error::Conflict(trf(
                "update {id} is already {state}; nothing changed",
                &[("id", &id), ("state", &before.state)],
            )));
        }
        let mut after = before.clone();
        after.state = UpdateState::Skipped;
        after.edited = true;
        after.updated_at = now;
        store::updates::save(tx, &after)?;
        let mut undo = vec![UndoStep::SaveUpdate(Box::new(before))];
        follow_rules(tx, now, policy, &after, &mut undo)?;
        Ok((
            after,
            Done {
                record: Record::Update(id),
                undo,
            },
        ))
    })
}

/// After an update leaves the queue: the issue's next follow-up, the project's next report.
fn follow_rules(
    tx: &rusqlite::Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    done: &Update,
    undo: &mut Vec<UndoStep>,
) -> Result<()> {
    if let Some(issue_id) = done.issue_id {
        let issue = store::issues::get(tx, issue_id)?;
        rules::ensure_follow_up(tx, now, policy, &issue, undo)?;
    }
    if done.kind == crate::model::UpdateKind::Status {
        let project = store::projects::get_project(tx, done.project_id)?;
        rules::ensure_status_report(tx, now, policy, &project, undo)?;
    }
    Ok(())
}

/// The kind's drafted text for an issue or a project, if the kind has a template.
pub fn draft_for(
    tx: &rusqlite::Connection,
    policy: &Policy,
    project_id: i64,
    issue_id: Option<i64>,
    kind: crate::model::UpdateKind,
    contact_id: Option<i64>,
    due_at: DateTime<Utc>,
) -> Result<Option<Draft>> {
    use crate::model::UpdateKind as K;
    match (kind, issue_id) {
        (K::Notice | K::Progress | K::Resolution, Some(iid)) => {
            let issue = store::issues::get(tx, iid)?;
            let cal = super::client_time::calendar_of_project(tx, policy, issue.project_id)?;
            let next = policy.follow_up_due(cal.as_ref(), issue.severity, due_at);
            let ctx = drafts::issue_context(tx, policy, &issue, contact_id, next)?;
            let promises = matches!(kind, K::Notice | K::Progress);
            Ok(policy
                .drafter
                .render_in(&ctx.language, kind, &ctx)?
                .map(|mut d| {
                    d.promised_at = promises.then_some(next);
                    d
                }))
        }
        (K::Status | K::Closing, _) => {
            let project = store::projects::get_project(tx, project_id)?;
            let closing = kind == K::Closing;
            let since =
                store::client_text::last_status_end(tx, project_id)?.unwrap_or(project.created_at);
            let report =
                report::status::report_as(tx, policy, &project, since, due_at, closing, !closing)?;
            report::status::render_report(policy, &report, closing).map(Some)
        }
        _ => Ok(None),
    }
}

/// Drafts the right update for an issue now: a notice if the client has not been told,
/// a resolution once resolved, a progress update otherwise. An untouched pending draft of
/// that kind is refreshed instead of adding a second one.
pub fn draft_issue_update(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    issue_id: i64,
    kind: Option<crate::model::UpdateKind>,
) -> Result<(Update, Done)> {
    use crate::model::UpdateKind as K;
    store.write(|tx| {
        let issue = store::issues::get(tx, issue_id)?;
        let kind = kind.unwrap_or(if !issue.status.is_open() {
            K::Resolution
        } else if issue.client_notified_at.is_none() {
            K::Notice
        } else {
            K::Progress
        });
        if !matches!(kind, K::Notice | K::Progress | K::Resolution) {
            return Err(Error::invalid(
                "kind",
                kind.as_str(),
                "notice, progress, resolution".into(),
            ));
        }
        let all_of_issue = UpdateQuery {
            issue_id: Some(issue_id),
            include_done: true,
            ..Default::default()
        };
        if kind == K::Resolution
            && let Some(sent) = all_of_issue
                .list(tx, Window::ALL)?
                .into_iter()
                .find(|u| u.kind == K::Resolution && u.state == UpdateState::Sent)
        {
            return Err(Error::Conflict(trf(
                "the resolution of issue {issue} was already sent (update {id}{at}); nothing drafted",
                &[
                    ("issue", &issue_id),
                    ("id", &sent.id),
                    (
                        "at",
                        &sent
                            .sent_at
                            .map(|t| trf(", at {time}", &[("time", &store::ts(t))]))
                            .unwrap_or_default(),
                    ),
                ],
            )));
        }
        let existing = UpdateQuery {
            issue_id: Some(issue_id),
            ..Default::default()
        }
        .list(tx, Window::new(0, 50))?
        .into_iter()
        .find(|u| u.kind == kind && !u.edited);
        let project = store::projects::get_project(tx, issue.project_id)?;
        match existing {
            Some(before) => {
                let d = draft_for(
                    tx,
                    policy,
                    project.id,
                    Some(issue_id),
                    kind,
                    before.contact_id,
                    before.due_at.max(now),
                )?;
                let mut after = before.clone();
                if let Some(d) = d {
                    after.subject = d.subject;
                    after.body = d.body;
                    store::client_text::set_promise(tx, before.id, d.promised_at)?;
                }
                after.updated_at = now;
                store::updates::save(tx, &after)?;
                Ok((
                    store::updates::get(tx, before.id)?,
                    Done {
                        record: Record::Update(before.id),
                        undo: vec![UndoStep::SaveUpdate(Box::new(before))],
                    },
                ))
            }
            None => {
                let contact_id =
                    store::projects::primary_contact(tx, project.client_id)?.map(|c| c.id);
                let d = draft_for(
                    tx,
                    policy,
                    project.id,
                    Some(issue_id),
                    kind,
                    contact_id,
                    now,
                )?;
                let promised = d.as_ref().and_then(|d| d.promised_at);
                let (subject, body) = d.map(|d| (d.subject, d.body)).unwrap_or_default();
                let id = store::updates::insert_update(
                    tx,
                    &NewUpdate {
                        project_id: project.id,
                        issue_id: Some(issue_id),
                        kind,
                        channel: project.channel,
                        contact_id,
                        subject: if subject.is_empty() {
                            issue.title.clone()
                        } else {
                            subject
                        },
                        body,
                        due_at: now,
                        state: UpdateState::Draft,
                        rule_key: None,
                    },
                    now,
                )?;
                store::client_text::set_promise(tx, id, promised)?;
                Ok((
                    store::updates::get(tx, id)?,
                    Done {
                        record: Record::Update(id),
                        undo: vec![UndoStep::SetArchived(Record::Update(id), Some(now))],
                    },
                ))
            }
        }
    })
}

/// Re-renders an untouched pending draft with today's data (a draft written when the update
/// was queued goes stale). Returns the update as it now is.
fn rerender_untouched(
    tx: &rusqlite::Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    u: Update,
) -> Result<Update> {
    if !u.state.is_pending() || u.edited {
        return Ok(u);
    }
    // What a person reads or exports now is what sending it now records: an issue's
    // letter promises the next update counted from its send time, and `update sent` sends
    // at `now`, early or late. A report covers the period up to its slot (or now, if late);
    // its next report falls on the cadence's slots whenever it goes out.
    let sent_at = if u.issue_id.is_some() {
        now
    } else {
        u.due_at.max(now)
    };
    let Some(d) = draft_for(
        tx,
        policy,
        u.project_id,
        u.issue_id,
        u.kind,
        u.contact_id,
        sent_at,
    )?
    else {
        return Ok(u);
    };
    store::client_text::set_promise(tx, u.id, d.promised_at)?;
    if d.body == u.body && (d.subject.is_empty() || d.subject == u.subject) {
        return Ok(u);
    }
    let mut fresh = u;
    fresh.body = d.body;
    if !d.subject.is_empty() {
        fresh.subject = d.subject;
    }
    store::updates::save(tx, &fresh)?;
    Ok(fresh)
}

/// Brings an untouched pending draft up to date in the database (as a person is about to
/// read or send it) and returns the update as it now is.
pub fn refresh_draft(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    id: i64,
) -> Result<Update> {
    store.write_as("rules", |tx| {
        let u = recipients::resolve(tx, store::updates::get(tx, id)?)?;
        rerender_untouched(tx, now, policy, u)
    })
}

/// The channel a project prefers, for new updates that do not say.
pub fn default_channel(store: &Store, project_id: i64) -> Result<Channel> {
    Ok(store::projects::get_project(store.conn(), project_id)?.channel)
}

/// " (at 2026-11-18T09:00:00Z)" for a sent update, else nothing.
fn sent_at(u: &Update) -> String {
    u.sent_at
        .map(|t| trf(" (at {time})", &[("time", &store::ts(t))]))
        .unwrap_or_default()
}
