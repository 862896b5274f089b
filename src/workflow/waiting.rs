//! Waiting on the client (a decision, access, test data): the issue's follow-up clock
//! pauses, as Zendesk's pausable update does, and Today lists the wait and when to chase.
//! The issue keeps its own status; a wait is a row of `issue_waits`, shown as
//! `waiting-client`, so ending it needs no memory of the status before.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::agenda::{AgendaItem, Section};
use super::follow_up;
use super::policy::Policy;
use crate::error::{Error, Result};
use crate::i18n::{tr, trf, trn};
use crate::model::{self, UpdateKind, text};
use crate::store::{self, Listing, Store, UpdateQuery, Window, waits::IssueWait};

/// How an issue's status reads while it waits on the client.
pub const WAITING_STATUS: &str = "waiting-client";

/// Starts a wait: untouched progress drafts leave the queue and no follow-up is promised
/// until the wait ends (by `resume`, an inbound log entry, or `until` passing).
pub fn wait(
    store: &mut Store,
    now: DateTime<Utc>,
    issue_id: i64,
    waiting_for: &str,
    until: Option<DateTime<Utc>>,
) -> Result<IssueWait> {
    let waiting_for = model::required_line("for", waiting_for)?;
    if let Some(u) = until.filter(|u| *u <= now) {
        return Err(Error::invalid_because(
            "until",
            &store::ts(u),
            tr("a time after now"),
        ));
    }
    store.write(|tx| {
        let issue = store::issues::get(tx, issue_id)?;
        if !issue.status.is_open() || issue.archived {
            return Err(Error::invalid_because(
                "issue",
                &issue_id.to_string(),
                tr("an open issue (a closed one waits on nobody)"),
            ));
        }
        if let Some(w) = store::waits::open_wait(tx, issue_id)? {
            return Err(Error::Conflict(trf(
                "issue {id} already waits on the client since {since} (for {what}); rapport issue resume {id} first",
                &[
                    ("id", &issue_id),
                    ("since", &store::ts(w.since)),
                    ("what", &w.waiting_for),
                ],
            )));
        }
        let mut undo = Vec::new();
        for u in pending_progress(tx, issue_id)? {
            follow_up::skip_untouched(tx, now, u, &mut undo)?;
        }
        if issue.next_update_due.is_some() {
            let mut paused = issue;
            paused.next_update_due = None;
            paused.updated_at = now;
            store::issues::save(tx, &paused)?;
        }
        let id = store::waits::insert(tx, issue_id, &waiting_for, now, until)?;
        Ok(IssueWait {
            id,
            issue_id,
            waiting_for,
            since: now,
            until,
            resumed_at: None,
            resumed_by: None,
        })
    })
}

fn pending_progress(tx: &Connection, issue_id: i64) -> Result<Vec<model::Update>> {
    Ok(UpdateQuery {
        issue_id: Some(issue_id),
        ..Default::default()
    }
    .list(tx, Window::new(0, 50))?
    .into_iter()
    .filter(|u| u.kind == UpdateKind::Progress && u.state.is_pending())
    .collect())
}

/// Ends the issue's wait at `at` (`by`: resume, inbound or until): a progress update a
/// person kept pending moves by the time spent waiting.
fn close_wait(
    tx: &Connection,
    now: DateTime<Utc>,
    wait: &IssueWait,
    at: DateTime<Utc>,
    by: &str,
) -> Result<()> {
    let at = at.max(wait.since).min(now);
    store::waits::end(tx, wait.id, at, by)?;
    let paused = at - wait.since;
    for mut u in pending_progress(tx, wait.issue_id)? {
        u.due_at += paused;
        u.updated_at = now;
        store::updates::save(tx, &u)?;
    }
    Ok(())
}

/// Ends the wait and runs the clock again: the next progress update is queued.
fn end_wait(
    tx: &Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    wait: &IssueWait,
    at: DateTime<Utc>,
    by: &str,
) -> Result<()> {
    close_wait(tx, now, wait, at, by)?;
    let issue = store::issues::get(tx, wait.issue_id)?;
    let mut undo = Vec::new();
    follow_up::ensure_follow_up(tx, now, policy, &issue, &mut undo)
}

/// `rapport issue resume ID`: the client delivered; the follow-up clock runs again.
pub fn resume(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    issue_id: i64,
) -> Result<IssueWait> {
    store.write(|tx| {
        store::issues::get(tx, issue_id)?;
        let wait = store::waits::open_wait(tx, issue_id)?.ok_or_else(|| {
            Error::invalid_because(
                "issue",
                &issue_id.to_string(),
                tr("an issue waiting on the client (rapport issue wait ID --for TEXT)"),
            )
        })?;
        end_wait(tx, now, policy, &wait, now, "resume")?;
        Ok(store::waits::open_wait(tx, issue_id)?.unwrap_or(IssueWait {
            resumed_at: Some(now),
            resumed_by: Some("resume".into()),
            ..wait
        }))
    })
}

/// The client wrote about a waiting issue (an inbound log entry at `at`, inside the log
/// entry's transaction): the wait is over. The next rules run queues the follow-up.
pub fn close_on_inbound(
    tx: &Connection,
    now: DateTime<Utc>,
    issue_id: i64,
    at: DateTime<Utc>,
) -> Result<bool> {
    match store::waits::open_wait(tx, issue_id)? {
        Some(w) => close_wait(tx, now, &w, at, "inbound").map(|()| true),
        None => Ok(false),
    }
}

/// Queues the issue's next follow-up if the rules owe one (after an inbound entry).
pub fn queue_follow_up(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    issue_id: i64,
) -> Result<()> {
    store.write(|tx| {
        let issue = store::issues::get(tx, issue_id)?;
        follow_up::ensure_follow_up(tx, now, policy, &issue, &mut Vec::new())
    })
}

/// Ends every wait whose `until` has passed (inside the rules' transaction).
pub fn end_expired(tx: &Connection, now: DateTime<Utc>, policy: &Policy) -> Result<()> {
    for w in store::waits::open_waits(tx)? {
        if let Some(until) = w.until.filter(|u| *u <= now) {
            end_wait(tx, now, policy, &w, until, "until")?;
        }
    }
    Ok(())
}

/// "3d 4h", "5h", "20m": how long a wait has lasted.
pub fn show_duration(d: Duration) -> String {
    let (days, hours, minutes) = (d.num_days(), d.num_hours() % 24, d.num_minutes() % 60);
    match (days, hours) {
        (0, 0) => trn(minutes, "{n}m", "{n}m"),
        (0, h) => trn(h, "{n}h", "{n}h"),
        (d, 0) => trn(d, "{n}d", "{n}d"),
        (d, h) => trf(
            "{days} {hours}",
            &[
                ("days", &trn(d, "{n}d", "{n}d")),
                ("hours", &trn(h, "{n}h", "{n}h")),
            ],
        ),
    }
}

/// Today's "Waiting on the client" lines, and a "chase the client" line for each wait
/// longer than `chase_after_hours`.
pub fn agenda_items(
    conn: &Connection,
    now: DateTime<Utc>,
    chase_after_hours: u32,
    limit: usize,
) -> Result<Vec<AgendaItem>> {
    let mut items = Vec::new();
    for w in store::waits::open_waits(conn)?.into_iter().take(limit) {
        let issue = store::issues::get(conn, w.issue_id)?;
        if issue.archived {
            continue;
        }
        let waited = now - w.since;
        let item = |section, (text, shown): (String, Option<String>)| AgendaItem {
            section,
            record: crate::model::Record::Issue(issue.id),
            project: issue.project.clone(),
            tag: issue.severity.to_string(),
            text,
            shown,
            when: Some(w.since),
            severity: Some(issue.severity),
            rating: None,
        };
        let what = text::one_line(&w.waiting_for).into_owned();
        let title = text::one_line(&issue.title).into_owned();
        if waited > Duration::hours(i64::from(chase_after_hours)) {
            items.push(item(
                Section::ChaseClient,
                crate::i18n::in_both(|| {
                    trf(
                        "chase the client: {waited} waiting for {what} · {title}",
                        &[
                            ("waited", &show_duration(waited)),
                            ("what", &what),
                            ("title", &title),
                        ],
                    )
                }),
            ));
        }
        items.push(item(
            Section::WaitingOnClient,
            crate::i18n::in_both(|| {
                let until = w
                    .until
                    .map(|u| trf(" (until {when})", &[("when", &store::ts(u))]))
                    .unwrap_or_default();
                trf(
                    "{waited} waiting for {what}{until} · {title}",
                    &[
                        ("waited", &show_duration(waited)),
                        ("what", &what),
                        ("until", &until),
                        ("title", &title),
                    ],
                )
            }),
        ));
    }
    Ok(items)
}
