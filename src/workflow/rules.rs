//! The communication rules, applied inside the caller's transaction:
//! - a new open issue the client has not heard of gets a `notice`, due detection + first-contact
//!   deadline of its severity;
//! - an open issue the client knows about always has one pending `progress` update, due the
//!   follow-up cadence after the last update sent (the issue's `next_update_due` shows it);
//! - a resolved issue gets one `resolution` update; its untouched progress drafts are skipped;
//! - an active project with a cadence always has its next `status` report queued;
//! - an active project is asked for a satisfaction review regularly and after milestones
//!   (workflow::plan_rules).
//!
//! Each rule-made update carries a `rule_key`, so re-running never duplicates, and an update a
//! person edited, skipped or sent is never changed.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::client_time::calendar_for;
pub use super::follow_up::ensure_follow_up;
pub(crate) use super::follow_up::skip_untouched;
use super::follow_up::{pending_of_issue, queue, skip};
use super::policy::Policy;
pub use super::schedule::{next_status_due, next_status_slot, next_status_slot_in};
use super::steps::UndoStep;
use super::waiting;
use crate::error::Result;
use crate::model::Record;
use crate::model::{Issue, IssueStatus, Project, ProjectStatus, UpdateKind};
use crate::store::{self, IssueQuery, Listing, Store, Window, ts};

/// Skips every pending update about an issue (archived: nothing about it is owed any more).
pub fn skip_pending_of_issue(
    tx: &Connection,
    now: DateTime<Utc>,
    issue_id: i64,
    undo: &mut Vec<UndoStep>,
) -> Result<usize> {
    let pending = pending_of_issue(tx, issue_id)?;
    let n = pending.len();
    for u in pending {
        skip(tx, now, u, undo)?;
    }
    Ok(n)
}

/// Skips every pending status report of a project (closed or on hold: no reports are owed).
pub fn skip_pending_status(
    tx: &Connection,
    now: DateTime<Utc>,
    project_id: i64,
    undo: &mut Vec<UndoStep>,
) -> Result<usize> {
    let mut n = 0;
    while let Some(u) = store::updates::pending_status(tx, project_id)? {
        skip(tx, now, u, undo)?;
        n += 1;
    }
    Ok(n)
}

/// Tell them early: the first notice of an issue the client has not heard of.
pub fn ensure_notice(
    tx: &Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    issue: &Issue,
    undo: &mut Vec<UndoStep>,
) -> Result<()> {
    if !issue.status.is_open() || issue.client_notified_at.is_some() || issue.archived {
        return Ok(());
    }
    let key = format!("notice:{}", issue.id);
    // Already queued (the usual case on every run): no calendar to read.
    if store::updates::by_rule_key(tx, &key)?.is_some() {
        return Ok(());
    }
    let project = store::projects::get_project(tx, issue.project_id)?;
    let cal = calendar_for(tx, policy, project.client_id)?;
    let due = policy.first_contact_due(cal.as_ref(), issue.severity, issue.detected_at);
    let queued = queue(
        tx,
        now,
        policy,
        key,
        &project,
        Some(issue),
        UpdateKind::Notice,
        due,
        cal.as_ref(),
        undo,
    )?;
    // The config may say a problem this bad is first told another way (a call, say).
    if let (Some(id), Some(channel)) = (queued, policy.first_contact_channel.get(issue.severity)) {
        let mut u = store::updates::get(tx, id)?;
        if u.channel != channel {
            u.channel = channel;
            store::updates::save(tx, &u)?;
        }
    }
    Ok(())
}

/// The PM promised the client the next update at `due`: the pending progress draft and the
/// issue's `next_update_due` follow that promise.
pub fn keep_promise(
    tx: &Connection,
    now: DateTime<Utc>,
    issue_id: i64,
    due: DateTime<Utc>,
    undo: &mut Vec<UndoStep>,
) -> Result<()> {
    if let Some(u) = pending_of_issue(tx, issue_id)?
        .into_iter()
        .find(|u| u.kind == UpdateKind::Progress && !u.edited)
    {
        undo.push(UndoStep::SaveUpdate(Box::new(u.clone())));
        let mut moved = u;
        moved.due_at = due;
        moved.updated_at = now;
        store::updates::save(tx, &moved)?;
    }
    let mut issue = store::issues::get(tx, issue_id)?;
    if issue.next_update_due != Some(due) {
        issue.next_update_due = Some(due);
        issue.updated_at = now;
        store::issues::save(tx, &issue)?;
    }
    Ok(())
}

/// An issue that is over: untouched rule-made notices and progress drafts are no longer owed,
/// and a resolved one gets its single resolution update (the final result and the lessons).
pub fn ensure_resolution(
    tx: &Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    issue: &Issue,
    undo: &mut Vec<UndoStep>,
) -> Result<()> {
    if issue.status.is_open() || issue.archived {
        return Ok(());
    }
    for u in pending_of_issue(tx, issue.id)? {
        if matches!(u.kind, UpdateKind::Progress | UpdateKind::Notice) {
            skip_untouched(tx, now, u, undo)?;
        }
    }
    if issue.status != IssueStatus::Resolved {
        return Ok(());
    }
    let project = store::projects::get_project(tx, issue.project_id)?;
    let cal = calendar_for(tx, policy, project.client_id)?;
    let due = policy.first_contact_due(
        cal.as_ref(),
        issue.severity,
        issue.resolved_at.unwrap_or(now),
    );
    queue(
        tx,
        now,
        policy,
        format!("resolution:{}", issue.id),
        &project,
        Some(issue),
        UpdateKind::Resolution,
        due,
        cal.as_ref(),
        undo,
    )?;
    Ok(())
}

/// Report regularly: the project's next status report, one at a time.
pub fn ensure_status_report(
    tx: &Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    project: &Project,
    undo: &mut Vec<UndoStep>,
) -> Result<()> {
    let Some(cadence) = project.cadence else {
        return Ok(());
    };
    if project.status != ProjectStatus::Active
        || store::updates::pending_status(tx, project.id)?.is_some()
        || store::updates::has_closing(tx, project.id)?
    {
        return Ok(());
    }
    let cal = calendar_for(tx, policy, project.client_id)?;
    let cal = cal.as_ref();
    let due = next_status_due(
        policy,
        cal,
        cadence,
        store::updates::last_status_due(tx, project.id)?,
        now,
    );
    let key = format!("status:{}:{}", project.id, ts(due));
    queue(
        tx,
        now,
        policy,
        key,
        project,
        None,
        UpdateKind::Status,
        due,
        cal,
        undo,
    )?;
    Ok(())
}

/// Applies every rule to every open issue and active project; returns how many updates
/// it queued. Idempotent: a second run queues nothing.
pub fn apply_all(store: &mut Store, now: DateTime<Utc>, policy: &Policy) -> Result<usize> {
    store.write_as("rules", |tx| {
        let mut undo = Vec::new();
        // A wait with an end date that has passed is over: the clock runs again.
        waiting::end_expired(tx, now, policy)?;
        let open = IssueQuery::default().list(tx, Window::ALL)?;
        for issue in &open {
            ensure_notice(tx, now, policy, issue, &mut undo)?;
            ensure_follow_up(tx, now, policy, issue, &mut undo)?;
        }
        for project in store::projects::list_projects(tx, false)? {
            ensure_status_report(tx, now, policy, &project, &mut undo)?;
            super::plans::ensure_review_requests(tx, now, policy, &project, &mut undo)?;
        }
        Ok(undo
            .iter()
            .filter(|s| matches!(s, UndoStep::SetArchived(Record::Update(_), _)))
            .count())
    })
}
