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

use super::clients::calendar_for;
use super::drafts;
use super::policy::Policy;
use super::undo::UndoStep;
use super::waiting;
use crate::error::Result;
use crate::model::Record;
use crate::model::{
    Cadence, Issue, IssueStatus, NewUpdate, Project, ProjectStatus, UpdateKind, UpdateState,
    WorkingCalendar,
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
fn pending_of_issue(tx: &Connection, issue_id: i64) -> Result<Vec<crate::model::Update>> {
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
    undo.push(UndoStep::SaveUpdate(Box::new(u.clone())));
    let mut skipped = u;
    skipped.state = UpdateState::Skipped;
    skipped.updated_at = now;
    store::updates::save(tx, &skipped)
}

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

fn skip(
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
    queue(
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
    let paused =
        waiting::paused_since(tx, issue.id, basis, cal.as_ref().filter(|_| hours.business))?;
    let (due, key) = if paused > Duration::zero() {
        let pushed = match cal.as_ref().filter(|_| hours.business) {
            Some(c) => c.add_working(due, paused),
            None => due + paused,
        };
        let key = format!(
            "progress:{}:{}:+{}m",
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

/// The next regular status report slot strictly after `after`, in the PM's zone.
pub fn next_status_slot(policy: &Policy, cadence: Cadence, after: DateTime<Utc>) -> DateTime<Utc> {
    next_status_slot_in(policy, None, cadence, after)
}

/// The next status report slot strictly after `after`: the report weekday and hour in the
/// client's zone when `cal` is given, else in the PM's.
pub fn next_status_slot_in(
    policy: &Policy,
    cal: Option<&WorkingCalendar>,
    cadence: Cadence,
    after: DateTime<Utc>,
) -> DateTime<Utc> {
    use chrono::TimeZone;
    let hour = NaiveTime::from_hms_opt(policy.status_hour, 0, 0).unwrap_or(NaiveTime::MIN);
    let local = match cal {
        Some(c) => after.with_timezone(&c.zone).date_naive(),
        None => policy.zone.local(after).date_naive(),
    };
    let at = |d: chrono::NaiveDate| {
        let wall = d.and_time(hour);
        match cal {
            Some(c) => c
                .zone
                .from_local_datetime(&wall)
                .earliest()
                .map(|t| t.with_timezone(&Utc)),
            None => policy.zone.to_utc(wall),
        }
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

/// When the rules queue the status report that follows one due at `last` (the first one
/// when `last` is None), at `now`.
pub fn next_status_due(
    policy: &Policy,
    cal: Option<&WorkingCalendar>,
    cadence: Cadence,
    last: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    match last {
        // Weekly/biweekly/monthly reports land on the report weekday, a period after the last;
        // after a late one, at the next slot still ahead (never already late when queued).
        Some(last) => next_status_slot_in(
            policy,
            cal,
            cadence,
            last + cadence.period() - Duration::days(3),
        )
        .max(next_status_slot_in(policy, cal, cadence, now)),
        None => next_status_slot_in(policy, cal, cadence, now),
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
    store.write(|tx| {
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
        }
        Ok(undo
            .iter()
            .filter(|s| matches!(s, UndoStep::SetArchived(Record::Update(_), _)))
            .count())
    })
}
