//! The queue's shared step and the follow-up clock: queueing a rule-made update, skipping
//! drafts no longer owed, and the next progress update, whose clock stands still while the
//! team waits on the client. Below both the rules and waiting on the client, which use it.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::client_time::calendar_for;
use super::drafts;
use super::policy::Policy;
use super::steps::UndoStep;
use crate::error::Result;
use crate::model::Record;
use crate::model::{Issue, NewUpdate, Project, UpdateKind, UpdateState, WorkingCalendar};
use crate::report;
use crate::store::{self, Listing, UpdateQuery, Window, ts};

/// Queues a rule-made update (with its drafted subject and body) unless `key` exists.
#[allow(clippy::too_many_arguments)]
pub(super) fn queue(
    tx: &Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    key: String,
    project: &Project,
    issue: Option<&Issue>,
    kind: UpdateKind,
    due_at: DateTime<Utc>,
    cal: Option<&WorkingCalendar>,
    undo: &mut Vec<UndoStep>,
) -> Result<Option<i64>> {
    if store::updates::by_rule_key(tx, &key)?.is_some() {
        return Ok(None);
    }
    let contact_id = store::projects::primary_contact(tx, project.client_id)?.map(|c| c.id);
    let draft = match issue {
        Some(i) => {
            let ctx = drafts::issue_context(
                tx,
                policy,
                i,
                contact_id,
                policy.follow_up_due(cal, i.severity, due_at),
            )?;
            policy.drafter.render_in(&ctx.language, kind, &ctx)?
        }
        None => {
            let since =
                store::client_text::last_status_end(tx, project.id)?.unwrap_or(project.created_at);
            let report = report::status::report_as(
                tx,
                policy,
                project,
                since,
                due_at,
                kind == UpdateKind::Closing,
                kind == UpdateKind::Status,
            )?;
            Some(report::status::render_report(
                policy,
                &report,
                kind == UpdateKind::Closing,
            )?)
        }
    };
    let (subject, body) = match draft {
        Some(d) if !d.subject.is_empty() => (d.subject, d.body),
        Some(d) => (format!("{kind} update: {}", project.name), d.body),
        None => (format!("{kind} update: {}", project.name), String::new()),
    };
    let id = store::updates::insert_update(
        tx,
        &NewUpdate {
            project_id: project.id,
            issue_id: issue.map(|i| i.id),
            kind,
            channel: project.channel,
            contact_id,
            subject,
            body,
            due_at,
            state: UpdateState::Draft,
            rule_key: Some(key),
        },
        now,
    )?;
    if let Some(i) = issue.filter(|_| matches!(kind, UpdateKind::Notice | UpdateKind::Progress)) {
        let promised = policy.follow_up_due(cal, i.severity, due_at);
        store::client_text::set_promise(tx, id, Some(promised))?;
    }
    undo.push(UndoStep::SetArchived(Record::Update(id), Some(now)));
    Ok(Some(id))
}

/// The updates about an issue still waiting in the queue.
pub(super) fn pending_of_issue(
    tx: &Connection,
    issue_id: i64,
) -> Result<Vec<crate::model::Update>> {
    UpdateQuery {
        issue_id: Some(issue_id),
        ..Default::default()
    }
    .list(tx, Window::new(0, 50))
}

/// Marks an untouched rule-made draft as no longer owed (a person's update is left alone).
pub(crate) fn skip_untouched(
    tx: &Connection,
    now: DateTime<Utc>,
    u: crate::model::Update,
    undo: &mut Vec<UndoStep>,
) -> Result<()> {
    if !u.state.is_pending() || u.edited || u.rule_key.is_none() {
        return Ok(());
    }
    skip(tx, now, u, undo)
}

/// Marks a pending update as no longer owed, keeping it (and its undo).
pub(super) fn skip(
    tx: &Connection,
    now: DateTime<Utc>,
    u: crate::model::Update,
    undo: &mut Vec<UndoStep>,
) -> Result<()> {
    undo.push(UndoStep::SaveUpdate(Box::new(u.clone())));
    let mut skipped = u;
    skipped.state = UpdateState::Skipped;
    skipped.updated_at = now;
    store::updates::save(tx, &skipped)
}

/// Keep following up: the next progress update after the last one the client received.
pub fn ensure_follow_up(
    tx: &Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    issue: &Issue,
    undo: &mut Vec<UndoStep>,
) -> Result<()> {
    let Some(notified) = issue.client_notified_at else {
        return Ok(());
    };
    if !issue.status.is_open() || issue.archived {
        return Ok(());
    }
    // The client knows now: an untouched first-notice draft is no longer owed.
    if let Some(notice) = store::updates::by_rule_key(tx, &format!("notice:{}", issue.id))? {
        skip_untouched(tx, now, notice, undo)?;
    }
    // Waiting on the client: the follow-up clock stands still until the wait ends.
    if store::updates::pending_for_issue(tx, issue.id)? > 0
        || store::waits::open_wait(tx, issue.id)?.is_some()
    {
        return Ok(());
    }
    let basis = store::updates::last_sent_for_issue(tx, issue.id)?
        .unwrap_or(notified)
        .max(notified);
    let project = store::projects::get_project(tx, issue.project_id)?;
    let cal = calendar_for(tx, policy, project.client_id)?;
    let hours = policy.follow_up.get(issue.severity);
    let due = policy.follow_up_due(cal.as_ref(), issue.severity, basis);
    // The time spent waiting on the client since then does not count.
    let paused = paused_since(tx, issue.id, basis, cal.as_ref().filter(|_| hours.business))?;
    // Each wait that ended since the basis makes a new follow-up owed (the one queued before
    // it was set aside while waiting), even a wait ended the minute it began.
    let waits = store::waits::ended_spans_after(tx, issue.id, basis)?.len();
    let (due, key) = if waits > 0 {
        let pushed = match cal.as_ref().filter(|_| hours.business) {
            Some(c) => c.add_working(due, paused),
            None => due + paused,
        };
        let key = format!(
            "progress:{}:{}:w{waits}:+{}m",
            issue.id,
            ts(basis),
            paused.num_minutes()
        );
        (pushed, key)
    } else {
        (due, format!("progress:{}:{}", issue.id, ts(basis)))
    };
    if queue(
        tx,
        now,
        policy,
        key,
        &project,
        Some(issue),
        UpdateKind::Progress,
        due,
        cal.as_ref(),
        undo,
    )?
    .is_some()
        && issue.next_update_due != Some(due)
    {
        undo.push(UndoStep::SaveIssue(Box::new(issue.clone())));
        let mut promised = issue.clone();
        promised.next_update_due = Some(due);
        promised.updated_at = now;
        store::issues::save(tx, &promised)?;
    }
    Ok(())
}

/// How long the issue's follow-up clock stood still since `basis`: in `cal`'s working time
/// when the cadence counts business hours, else on the clock.
pub fn paused_since(
    tx: &Connection,
    issue_id: i64,
    basis: DateTime<Utc>,
    cal: Option<&WorkingCalendar>,
) -> Result<Duration> {
    let mut total = Duration::zero();
    for (since, resumed) in store::waits::ended_spans_after(tx, issue_id, basis)? {
        let (from, to) = (since.max(basis), resumed);
        total += match cal {
            Some(c) => c.working_between(from, to),
            None => to - from,
        };
    }
    Ok(total)
}
