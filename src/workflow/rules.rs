//! The communication rules, applied inside the caller's transaction:
//! - a new open issue the client has not heard of gets a `notice`, due detection + first-contact
//!   deadline of its severity;
//! - an open issue the client knows about always has one pending `progress` update, due the
//!   follow-up cadence after the last update sent (the issue's `next_update_due` shows it);
//! - a resolved issue gets one `resolution` update; its untouched progress drafts are skipped;
//! - an active project with a cadence always has its next `status` report queued.
//!
//! Each rule-made update carries a `rule_key`, so re-running never duplicates, and an update a
//! person edited, skipped or sent is never changed.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};
use rusqlite::Connection;

use super::drafts;
use super::policy::Policy;
use super::undo::UndoStep;
use crate::error::Result;
use crate::model::Record;
use crate::model::{
    Cadence, Issue, IssueStatus, NewUpdate, Project, ProjectStatus, UpdateKind, UpdateState,
};
use crate::report;
use crate::store::{self, IssueQuery, Listing, Store, UpdateQuery, Window, ts};

/// Queues a rule-made update (with its drafted subject and body) unless `key` exists.
#[allow(clippy::too_many_arguments)]
fn queue(
    tx: &Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    key: String,
    project: &Project,
    issue: Option<&Issue>,
    kind: UpdateKind,
    due_at: DateTime<Utc>,
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
                policy.follow_up_due(i.severity, due_at),
            )?;
            policy.drafter.render(kind, &ctx)?
        }
        None => {
            let since = store::updates::last_status_due(tx, project.id)?
                .unwrap_or(due_at - project.cadence.map_or(Duration::weeks(1), Cadence::period));
            let report = report::status::report(
                tx,
                policy,
                project,
                since,
                due_at,
                kind == UpdateKind::Closing,
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
    undo.push(UndoStep::SetArchived(Record::Update(id), Some(now)));
    Ok(Some(id))
}

/// The updates about an issue still waiting in the queue.
fn pending_of_issue(tx: &Connection, issue_id: i64) -> Result<Vec<crate::model::Update>> {
    UpdateQuery {
        issue_id: Some(issue_id),
        ..Default::default()
    }
    .list(tx, Window::new(0, 50))
}

/// Marks an untouched rule-made draft as no longer owed (a person's update is left alone).
fn skip_untouched(
    tx: &Connection,
    now: DateTime<Utc>,
    u: crate::model::Update,
    undo: &mut Vec<UndoStep>,
) -> Result<()> {
    if !u.state.is_pending() || u.edited || u.rule_key.is_none() {
        return Ok(());
    }
    undo.push(UndoStep::SaveUpdate(Box::new(u.clone())));
    let mut skipped = u;
    skipped.state = UpdateState::Skipped;
    skipped.updated_at = now;
    store::updates::save(tx, &skipped)
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
    let project = store::projects::get_project(tx, issue.project_id)?;
    let due = policy.first_contact_due(issue.severity, issue.detected_at);
    queue(
        tx,
        now,
        policy,
        format!("notice:{}", issue.id),
        &project,
        Some(issue),
        UpdateKind::Notice,
        due,
        undo,
    )?;
    Ok(())
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
    if store::updates::pending_for_issue(tx, issue.id)? > 0 {
        return Ok(());
    }
    let basis = store::updates::last_sent_for_issue(tx, issue.id)?
        .unwrap_or(notified)
        .max(notified);
    let due = policy.follow_up_due(issue.severity, basis);
    let project = store::projects::get_project(tx, issue.project_id)?;
    let key = format!("progress:{}:{}", issue.id, ts(basis));
    if queue(
        tx,
        now,
        policy,
        key,
        &project,
        Some(issue),
        UpdateKind::Progress,
        due,
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
    let due = policy.first_contact_due(issue.severity, issue.resolved_at.unwrap_or(now));
    queue(
        tx,
        now,
        policy,
        format!("resolution:{}", issue.id),
        &project,
        Some(issue),
        UpdateKind::Resolution,
        due,
        undo,
    )?;
    Ok(())
}

/// The next regular status report slot strictly after `after`.
pub fn next_status_slot(policy: &Policy, cadence: Cadence, after: DateTime<Utc>) -> DateTime<Utc> {
    let hour = NaiveTime::from_hms_opt(policy.status_hour, 0, 0).unwrap_or(NaiveTime::MIN);
    let local = policy.zone.local(after).date_naive();
    let at = |d: chrono::NaiveDate| {
        policy
            .zone
            .to_utc(d.and_time(hour))
            .unwrap_or(after + Duration::days(1))
    };
    match cadence {
        Cadence::Days(n) => {
            let mut d = local + Duration::days(i64::from(n).max(1) - 1);
            while at(d) <= after {
                d += Duration::days(1);
            }
            at(d)
        }
        _ => {
            let mut d = local;
            while d.weekday() != policy.status_weekday || at(d) <= after {
                d += Duration::days(1);
            }
            at(d)
        }
    }
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
    {
        return Ok(());
    }
    let due = match store::updates::last_status_due(tx, project.id)? {
        // Weekly/biweekly/monthly reports land on the report weekday, a period after the last.
        Some(last) => {
            next_status_slot(policy, cadence, last + cadence.period() - Duration::days(3))
        }
        None => next_status_slot(policy, cadence, now),
    };
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
        undo,
    )?;
    Ok(())
}

/// Applies every rule to every open issue and active project; returns how many updates
/// it queued. Idempotent: a second run queues nothing.
pub fn apply_all(store: &mut Store, now: DateTime<Utc>, policy: &Policy) -> Result<usize> {
    store.write(|tx| {
        let mut undo = Vec::new();
        let open = IssueQuery::default().list(tx, Window::ALL)?;
        for issue in &open {
            ensure_notice(tx, now, policy, issue, &mut undo)?;
            ensure_follow_up(tx, now, policy, issue, &mut undo)?;
        }
        for project in store::projects::list_projects(tx, false)? {
            ensure_status_report(tx, now, policy, &project, &mut undo)?;
        }
        Ok(undo
            .iter()
            .filter(|s| matches!(s, UndoStep::SetArchived(Record::Update(_), _)))
            .count())
    })
}
