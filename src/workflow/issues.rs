//! Logging problems and keeping their record true.

use chrono::{DateTime, Utc};

use super::{Done, Policy, Record, UndoStep, rules};
use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::{self, Issue, IssuePatch, IssueStatus, NewIssue};
use crate::store::{self, Store};

/// How far ahead of the clock a detection time may be (two machines' clocks differ a little).
const DETECTION_SKEW_MINUTES: i64 = 5;

/// A problem is found in the past: a detection time in the future is a typo.
pub(crate) fn check_detected(now: DateTime<Utc>, at: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let shown = store::ts(at);
    let at = model::when::check_range("detected time", &shown, at)?;
    if at > now + chrono::Duration::minutes(DETECTION_SKEW_MINUTES) {
        return Err(Error::invalid_because(
            "detected time",
            &shown,
            tr("a time that is not in the future (the problem was found already)"),
        ));
    }
    Ok(at)
}

fn clean_new(now: DateTime<Utc>, mut new: NewIssue) -> Result<NewIssue> {
    new.detected_at = check_detected(now, new.detected_at)?;
    new.title = model::required_line("title", &new.title)?;
    new.description = model::free_text("description", &new.description)?;
    new.owner = model::optional_line("owner", &new.owner)?;
    new.cause = model::free_text("cause", &new.cause)?;
    new.impact = model::free_text("impact", &new.impact)?;
    Ok(new)
}

/// Logs a new issue and queues its first notice to the client (unless already told).
pub fn add(store: &mut Store, now: DateTime<Utc>, policy: &Policy, new: NewIssue) -> Result<Done> {
    let new = clean_new(now, new)?;
    store.write(|tx| insert_checked(tx, now, policy, &new, &[]))
}

/// A solution option given with a new issue: its text, the time it needs, its effect.
pub type NewOption = (String, String, String);

/// Logs a new issue with its solution options in the caller's transaction (a risk that
/// occurs brings its prepared responses), then queues the notice, which lists the options.
pub(crate) fn add_in(
    tx: &rusqlite::Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    new: NewIssue,
    options: &[NewOption],
) -> Result<Done> {
    let new = clean_new(now, new)?;
    insert_checked(tx, now, policy, &new, options)
}

fn insert_checked(
    tx: &rusqlite::Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    new: &NewIssue,
    options: &[NewOption],
) -> Result<Done> {
    store::projects::get_project(tx, new.project_id)?;
    let id = store::issues::insert_issue(tx, new, now)?;
    for (text, time_needed, effect) in options {
        store::issues::add_option(tx, id, text, time_needed, effect)?;
    }
    let mut undo = vec![UndoStep::SetArchived(Record::Issue(id), Some(now))];
    let issue = store::issues::get(tx, id)?;
    rules::ensure_notice(tx, now, policy, &issue, &mut undo)?;
    Ok(Done {
        record: Record::Issue(id),
        undo,
    })
}

fn clean_patch(now: DateTime<Utc>, mut p: IssuePatch) -> Result<IssuePatch> {
    if let Some(at) = p.detected_at {
        p.detected_at = Some(check_detected(now, at)?);
    }
    if let Some(t) = &p.title {
        p.title = Some(model::required_line("title", t)?);
    }
    for (what, field) in [
        ("description", &mut p.description),
        ("cause", &mut p.cause),
        ("impact", &mut p.impact),
        ("resolution", &mut p.resolution),
        ("lessons", &mut p.lessons),
        ("prevention", &mut p.prevention),
    ] {
        if let Some(v) = field {
            *field = Some(model::free_text(what, v)?);
        }
    }
    if let Some(o) = &p.owner {
        p.owner = Some(model::optional_line("owner", o)?);
    }
    Ok(p)
}

/// Changes an issue; resolving or reopening keeps the derived times true.
pub fn edit(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    id: i64,
    patch: IssuePatch,
) -> Result<(Issue, Done)> {
    if patch.is_empty() {
        return Err(Error::invalid_because(
            "edit",
            "",
            tr("at least one field to change (see rapport issue edit --help)"),
        ));
    }
    let patch = clean_patch(now, patch)?;
    store.write(|tx| {
        let before = store::issues::get(tx, id)?;
        if let Some(pid) = patch.project_id {
            store::projects::get_project(tx, pid)?;
        }
        let mut after = before.clone();
        patch.apply(&mut after, now);
        check_resolved_at(&after, patch.resolved_at)?;
        store::issues::save(tx, &after)?;
        let mut undo = vec![UndoStep::SaveIssue(Box::new(before.clone()))];
        if before.status.is_open() && !after.status.is_open() {
            rules::ensure_resolution(tx, now, policy, &after, &mut undo)?;
        } else {
            rules::ensure_notice(tx, now, policy, &after, &mut undo)?;
            rules::ensure_follow_up(tx, now, policy, &after, &mut undo)?;
            if let Some(Some(promised)) = patch.next_update_due {
                rules::keep_promise(tx, now, id, promised, &mut undo)?;
            }
        }
        // Rules may have set the promise; the undo restores the issue as it was first.
        undo.sort_by_key(|s| matches!(s, UndoStep::SaveIssue(_)));
        Ok((
            store::issues::get(tx, id)?,
            Done {
                record: Record::Issue(id),
                undo,
            },
        ))
    })
}

/// A typed resolution time belongs to a resolved or closed issue and falls between its
/// detection and now.
fn check_resolved_at(issue: &Issue, typed: Option<Option<DateTime<Utc>>>) -> Result<()> {
    let Some(Some(at)) = typed else {
        return Ok(());
    };
    let shown = crate::store::ts(at);
    if issue.status.is_open() {
        return Err(Error::invalid_because(
            "resolved-at",
            &shown,
            format!(
                "a time for a resolved or closed issue (issue {} is {})",
                issue.id, issue.status
            ),
        ));
    }
    if at < issue.detected_at {
        return Err(Error::invalid_because(
            "resolved-at",
            &shown,
            format!(
                "a time after the detection ({})",
                crate::store::ts(issue.detected_at)
            ),
        ));
    }
    Ok(())
}

/// Adds a solution option for the client to choose from; returns its number.
pub fn add_option(
    store: &mut Store,
    now: DateTime<Utc>,
    id: i64,
    text: &str,
    time_needed: &str,
    effect: &str,
) -> Result<i64> {
    let text = model::required_line("option", text)?;
    let time_needed = model::optional_line("time needed", time_needed)?;
    let effect = model::optional_line("expected effect", effect)?;
    store.write(|tx| {
        let mut issue = store::issues::get(tx, id)?;
        let n = store::issues::add_option(tx, id, &text, &time_needed, &effect)?;
        issue.updated_at = now;
        store::issues::save(tx, &issue)?;
        Ok(n)
    })
}

/// Records which option the client chose; an issue still before the fix moves to
/// in-progress, as the work on the chosen option starts.
pub fn choose_option(store: &mut Store, now: DateTime<Utc>, id: i64, number: i64) -> Result<()> {
    store.write(|tx| {
        let mut issue = store::issues::get(tx, id)?;
        store::issues::choose_option(tx, id, number)?;
        if matches!(
            issue.status,
            IssueStatus::New | IssueStatus::Investigating | IssueStatus::SolutionProposed
        ) {
            issue.status = IssueStatus::InProgress;
        }
        issue.updated_at = now;
        store::issues::save(tx, &issue)
    })
}
