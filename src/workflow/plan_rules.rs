//! What the communication plan asks for beyond status reports:
//! - satisfaction review requests: one a period (a month unless the project's review entries
//!   say otherwise) after the last review or request, one after each milestone marked done,
//!   one at closing; each an update of kind `other` with rule key `review-request:...` (a new
//!   kind would need a rebuild of the updates table), drafted in the client's language;
//! - meetings to hold: a meeting entry is due a period after the last meeting logged with the
//!   client (a log entry on channel `meeting`), or after the entry was added;
//! - the owner of a plan-driven update, for Today.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde::Serialize;

/// The entry kinds that queue status reports.
pub const REPORT_KINDS: [PlanKind; 2] = [PlanKind::Status, PlanKind::Report];

use super::drafts::contact_name;
use super::rules::skip_untouched;
use super::{Policy, UndoStep, templates, words};
use crate::error::Result;
use crate::model::{
    Cadence, MilestoneStatus, NewUpdate, PlanEntry, PlanKind, Project, ProjectStatus, Record,
    Update, UpdateKind, UpdateState,
};
use crate::store::{self, Store, plans::REVIEW_REQUEST, ts};

const TEMPLATES: &[(&str, &str)] = &[
    (
        "en",
        include_str!("../../assets/templates/en/review_request.txt"),
    ),
    (
        "zh-CN",
        include_str!("../../assets/templates/zh-CN/review_request.txt"),
    ),
];

/// A regular review request is queued this long before it is due.
pub const REVIEW_LEAD_DAYS: i64 = 7;
/// A review request after a milestone or at closing is due this long after it.
pub const REVIEW_AFTER_DAYS: i64 = 2;
/// A client who gave a review this recently is not asked for another (milestone or closing).
pub const REVIEW_RECENT_DAYS: i64 = 30;
/// A milestone finished longer ago than this no longer gets its request.
pub const MILESTONE_REVIEW_WINDOW_DAYS: i64 = 30;

#[derive(Serialize)]
struct RequestContext<'a> {
    project: &'a str,
    contact: String,
    sender: &'a str,
    /// "regular", "milestone" or "closing".
    reason: &'a str,
    milestone: &'a str,
}

/// The project's live review entries: their shortest cadence (monthly without any) and the
/// entry that owns the requests.
fn review_plan(tx: &Connection, project_id: i64) -> Result<(Cadence, Option<PlanEntry>)> {
    let entries = store::plans::of_kinds(tx, project_id, &[PlanKind::Review])?;
    let first = entries.iter().min_by_key(|e| e.every.period()).cloned();
    Ok((first.as_ref().map_or(Cadence::Monthly, |e| e.every), first))
}

/// Queues a review request unless `key` exists; untouched regular requests still pending give
/// way to it (the client is asked once).
#[allow(clippy::too_many_arguments)]
fn queue_request(
    tx: &Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    project: &Project,
    key: String,
    reason: &str,
    milestone: &str,
    due: DateTime<Utc>,
    undo: &mut Vec<UndoStep>,
) -> Result<Option<i64>> {
    if store::updates::by_rule_key(tx, &key)?.is_some() {
        return Ok(None);
    }
    if reason != "regular" {
        for u in store::plans::pending_review_requests(tx, project.id)? {
            skip_untouched(tx, now, u, undo)?;
        }
    }
    let (_, entry) = review_plan(tx, project.id)?;
    // The entry's first listed audience, else the client's first contact.
    let contact = match entry.as_ref().and_then(|e| e.audience.first()) {
        Some(name) => store::projects::contact_by_key(tx, project.client_id, name).ok(),
        None => store::projects::primary_contact(tx, project.client_id)?,
    };
    let language = words::language_for_project(tx, project.id, policy)?;
    let source = TEMPLATES
        .iter()
        .find(|(l, _)| *l == language)
        .or_else(|| TEMPLATES.first())
        .map(|(_, t)| *t)
        .unwrap_or_default();
    let (subject, body) = templates::render_builtin(
        source,
        &RequestContext {
            project: &project.name,
            contact: contact_name(tx, project, contact.as_ref().map(|c| c.id))?,
            sender: &policy.sender,
            reason,
            milestone,
        },
        &format!("[{}] Review request", project.name),
    )?;
    let id = store::updates::insert_update(
        tx,
        &NewUpdate {
            project_id: project.id,
            issue_id: None,
            kind: UpdateKind::Other,
            channel: entry.as_ref().map_or(project.channel, |e| e.channel),
            contact_id: contact.map(|c| c.id),
            subject,
            body,
            due_at: due,
            state: UpdateState::Draft,
            rule_key: Some(key),
        },
        now,
    )?;
    undo.push(UndoStep::SetArchived(Record::Update(id), Some(now)));
    Ok(Some(id))
}

/// The review requests an active project is owed now: after each milestone done in the last
/// month that the client has not reviewed since, and the regular one, queued
/// [`REVIEW_LEAD_DAYS`] before it is due (a period after the last review or request).
pub fn ensure_review_requests(
    tx: &Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    project: &Project,
    undo: &mut Vec<UndoStep>,
) -> Result<()> {
    if project.status != ProjectStatus::Active || store::updates::has_closing(tx, project.id)? {
        return Ok(());
    }
    let last_review = store::plans::last_review(tx, project.id)?;
    let reviewed_recently = reviewed_recently(last_review, now);
    for m in store::milestones::list(tx, Some(project.id), 1000)? {
        let Some(done) = m.done_at.filter(|_| m.status == MilestoneStatus::Done) else {
            continue;
        };
        if now - done > Duration::days(MILESTONE_REVIEW_WINDOW_DAYS)
            || last_review.is_some_and(|r| r >= done)
            || reviewed_recently
        {
            continue;
        }
        // Two days from when the rules see it: found late (the rules had not run since), it
        // still gives the PM the days to send it.
        let due = now + Duration::days(REVIEW_AFTER_DAYS);
        let key = format!("{REVIEW_REQUEST}milestone:{}", m.id);
        queue_request(
            tx,
            now,
            policy,
            project,
            key,
            "milestone",
            &m.name,
            due,
            undo,
        )?;
    }
    let (last_request, pending) = store::plans::last_review_request(tx, project.id)?;
    if pending {
        return Ok(());
    }
    let (cadence, _) = review_plan(tx, project.id)?;
    let since = [Some(project.created_at), last_review, last_request]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(project.created_at);
    let due = since + cadence.period();
    if due - Duration::days(REVIEW_LEAD_DAYS) > now {
        return Ok(());
    }
    // A request is a courtesy, not a promise already broken: one the rules find late (a
    // project long without a review, the rules not run for a while) falls due a couple of
    // days ahead, never at once, so queuing it never turns a project amber.
    let due = due.max(now + Duration::days(REVIEW_AFTER_DAYS));
    let key = format!("{REVIEW_REQUEST}{}:{}", project.id, ts(due));
    queue_request(tx, now, policy, project, key, "regular", "", due, undo)?;
    Ok(())
}

/// After `milestone edit --status done`: the request for the client's view of it, at once
/// (the rules would queue it at their next run).
pub fn after_milestone_done(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    project_id: i64,
) -> Result<()> {
    store.write(|tx| {
        let project = store::projects::get_project(tx, project_id)?;
        ensure_review_requests(tx, now, policy, &project, &mut Vec::new())
    })
}

/// Whether the client gave a review within [`REVIEW_RECENT_DAYS`] of `now`.
fn reviewed_recently(last_review: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_review.is_some_and(|r| now - r < Duration::days(REVIEW_RECENT_DAYS))
}

/// At closing (the project's status set to closed): the request for the client's view of
/// the whole project (once, and not when the client gave a review in the last 30 days), in
/// the caller's transaction; returns the id of the update queued now, if any.
pub fn closing_review(
    tx: &Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    project: &Project,
    undo: &mut Vec<UndoStep>,
) -> Result<Option<i64>> {
    if reviewed_recently(store::plans::last_review(tx, project.id)?, now) {
        return Ok(None);
    }
    let key = format!("{REVIEW_REQUEST}closing:{}", project.id);
    let due = now + Duration::days(REVIEW_AFTER_DAYS);
    queue_request(tx, now, policy, project, key, "closing", "", due, undo)
}

/// A meeting the plan asks for that is due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingDue {
    pub entry: PlanEntry,
    pub due: DateTime<Utc>,
    /// The last meeting logged with the client, if any.
    pub last_held: Option<DateTime<Utc>>,
}

/// The meeting entries of active projects due by `until`, soonest first.
pub fn meetings_due(conn: &Connection, until: DateTime<Utc>) -> Result<Vec<MeetingDue>> {
    let mut out = Vec::new();
    for e in store::plans::live_of_kind(conn, PlanKind::Meeting)? {
        let last_held = store::plans::last_meeting(conn, e.project_id)?;
        let due = last_held.unwrap_or(e.created_at).max(e.created_at) + e.every.period();
        if due <= until {
            out.push(MeetingDue {
                entry: e,
                due,
                last_held,
            });
        }
    }
    out.sort_by_key(|m| (m.due, m.entry.id));
    Ok(out)
}

/// Who on our side owns an update the plan drives: the owner of the project's status (or
/// report) entry for a status report, of its review entry for a review request.
pub fn owner_of_update(conn: &Connection, u: &Update) -> Result<Option<String>> {
    let kinds: &[PlanKind] = if u.kind == UpdateKind::Status {
        &REPORT_KINDS
    } else if u
        .rule_key
        .as_deref()
        .is_some_and(|k| k.starts_with(REVIEW_REQUEST))
    {
        &[PlanKind::Review]
    } else {
        return Ok(None);
    };
    Ok(store::plans::of_kinds(conn, u.project_id, kinds)?
        .into_iter()
        .filter(|e| !e.owner.is_empty())
        .min_by_key(|e| e.every.period())
        .map(|e| e.owner))
}
