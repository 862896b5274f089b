//! The small steps the story is told in: each goes through the same workflow operation a
//! PM's command would, so the rules queue and draft updates as in real use.

use chrono::{DateTime, Duration, Utc};

use super::super::{Policy, expectations, issues, log, projects, updates};
use crate::error::{Error, Result};
use crate::model::*;
use crate::store::{self, Listing, Store};

pub(super) fn h(n: i64) -> Duration {
    Duration::hours(n)
}

pub(super) fn d(n: i64) -> Duration {
    Duration::days(n)
}

pub(super) fn project(
    store: &mut Store,
    at: DateTime<Utc>,
    p: &Policy,
    name: &str,
    client: &str,
    cadence: Cadence,
    channel: Channel,
) -> Result<i64> {
    projects::add_project(
        store,
        at,
        p,
        NewProject {
            name: name.into(),
            client: client.into(),
            status: ProjectStatus::Active,
            cadence: Some(cadence),
            channel,
        },
    )
    .map(|done| done.record.id())
}

pub(super) fn contact(
    store: &mut Store,
    at: DateTime<Utc>,
    client: &str,
    name: &str,
    role: &str,
    email: &str,
) -> Result<i64> {
    projects::add_contact(
        store,
        at,
        NewContact {
            client: client.into(),
            name: name.into(),
            role: role.into(),
            email: email.into(),
            phone: String::new(),
            channel: Some(Channel::Email),
        },
    )
}

pub(super) struct IssueSeed<'a> {
    pub(super) project: i64,
    pub(super) title: &'a str,
    pub(super) severity: Severity,
    pub(super) status: IssueStatus,
    pub(super) detected: DateTime<Utc>,
    pub(super) our_fault: bool,
    pub(super) description: &'a str,
    pub(super) cause: &'a str,
    pub(super) impact: &'a str,
}

pub(super) fn issue(store: &mut Store, p: &Policy, s: IssueSeed<'_>) -> Result<i64> {
    let done = issues::add(
        store,
        s.detected,
        p,
        NewIssue {
            project_id: s.project,
            title: s.title.into(),
            description: s.description.into(),
            severity: s.severity,
            status: s.status,
            detected_at: s.detected,
            owner: String::new(),
            our_fault: s.our_fault,
            cause: s.cause.into(),
            impact: s.impact.into(),
        },
    )?;
    Ok(done.record.id())
}

/// Sends the rule-made update with `key` at `at`, as the PM would have.
pub(super) fn send(store: &mut Store, p: &Policy, key: &str, at: DateTime<Utc>) -> Result<()> {
    let u = store::updates::by_rule_key(store.conn(), key)?
        .ok_or_else(|| Error::not_found("update with rule key", key))?;
    updates::mark_sent(store, at, p, u.id, at).map(|_| ())
}

/// The pending progress update of an issue (there is one while the client is kept informed).
pub(super) fn send_progress(
    store: &mut Store,
    p: &Policy,
    issue: i64,
    at: DateTime<Utc>,
) -> Result<()> {
    let pending = store::UpdateQuery {
        issue_id: Some(issue),
        ..Default::default()
    }
    .list(store.conn(), store::Window::new(0, 1))?;
    let u = pending
        .first()
        .ok_or_else(|| Error::not_found("pending update of issue", issue))?;
    updates::mark_sent(store, at, p, u.id, at).map(|_| ())
}

/// Status reports went out on time until `until`: history for every project.
pub(super) fn catch_up_status(
    store: &mut Store,
    p: &Policy,
    project: i64,
    until: DateTime<Utc>,
) -> Result<()> {
    while let Some(u) = store::updates::pending_status(store.conn(), project)? {
        if u.due_at >= until {
            break;
        }
        updates::mark_sent(store, u.due_at, p, u.id, u.due_at)?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub(super) fn contact_log(
    store: &mut Store,
    p: &Policy,
    at: DateTime<Utc>,
    project: i64,
    direction: Direction,
    channel: Channel,
    kind: LogKind,
    sentiment: i8,
    summary: &str,
    issue: Option<i64>,
) -> Result<()> {
    // The story's feedback was answered at the time, so it owes no reply now.
    log::add_answered(
        store,
        at,
        p,
        NewLogEntry {
            project_id: project,
            at,
            direction,
            channel,
            kind,
            summary: summary.into(),
            sentiment,
            issue_id: issue,
            expectation_id: None,
            update_id: None,
        },
    )
    .map(|_| ())
}

#[allow(clippy::too_many_arguments)]
pub(super) fn expect(
    store: &mut Store,
    at: DateTime<Utc>,
    project: i64,
    category: ExpectationCategory,
    statement: &str,
    measure: &str,
    status: ExpectationStatus,
    due: Option<DateTime<Utc>>,
    agreed_with: &str,
) -> Result<i64> {
    expectations::add(
        store,
        at,
        NewExpectation {
            project_id: project,
            category,
            statement: statement.into(),
            measure: measure.into(),
            status,
            agreed_on: (status != ExpectationStatus::Proposed).then(|| at.date_naive()),
            agreed_with: agreed_with.into(),
            due_on: due.map(|d| d.date_naive()),
        },
    )
    .map(|d| d.record.id())
}
