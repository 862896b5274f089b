//! Milestones: adding them, recording progress, and moving a date openly: the reason is kept
//! with the old and new dates, and the project's live schedule expectations are marked at
//! risk with that reason, so the change is proposed to the client rather than hidden.

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::{
    self, DateRevision, ExpectationCategory, ExpectationStatus, Milestone, MilestonePatch,
    MilestoneStatus, NewMilestone, Revision,
};
use crate::store::{self, ExpectationQuery, Listing, Store, Window};

/// Weights are small whole numbers (a milestone three times the work of another weighs 3).
pub const MAX_WEIGHT: i64 = 1000;

fn check_weight(w: i64) -> Result<i64> {
    if (1..=MAX_WEIGHT).contains(&w) {
        Ok(w)
    } else {
        Err(Error::invalid_because(
            "weight",
            &w.to_string(),
            format!("a whole number from 1 to {MAX_WEIGHT}"),
        ))
    }
}

/// Adds a milestone and the first entry of its date history; returns its id.
pub fn add(store: &mut Store, now: DateTime<Utc>, mut new: NewMilestone) -> Result<i64> {
    new.name = model::required_line("milestone", &new.name)?;
    new.weight = check_weight(new.weight)?;
    store.write(|tx| {
        store::projects::get_project(tx, new.project_id)?;
        let id = store::milestones::insert(tx, &new, now)?;
        store::milestones::add_revision(
            tx,
            id,
            &DateRevision {
                at: now,
                due_from: None,
                due_to: new.due_on,
                reason: "planned".into(),
            },
        )?;
        Ok(id)
    })
}

/// Changes a milestone in one transaction. Done means 100 %; 100 % means done. A new date
/// needs a reason; a later one slips the milestone and puts the schedule expectations at risk.
pub fn edit(
    store: &mut Store,
    now: DateTime<Utc>,
    id: i64,
    mut patch: MilestonePatch,
) -> Result<Milestone> {
    if patch.is_empty() {
        return Err(Error::invalid_because(
            "edit",
            "",
            tr("at least one field to change (see rapport milestone edit --help)"),
        ));
    }
    if let Some(p) = patch.progress
        && !(0..=100).contains(&p)
    {
        return Err(Error::invalid_because(
            "progress",
            &p.to_string(),
            tr("a percentage from 0 to 100"),
        ));
    }
    if let Some(w) = patch.weight {
        check_weight(w)?;
    }
    if let Some(n) = &patch.name {
        patch.name = Some(model::required_line("milestone", n)?);
    }
    let reason = match &patch.reason {
        Some(r) => Some(model::required_line("reason", r)?),
        None => None,
    };
    if patch.due_on.is_some() && reason.is_none() {
        return Err(Error::Conflict(
            "a new due date needs --reason WHY (the client is told why the date moved)".into(),
        ));
    }
    store.write(|tx| {
        let before = store::milestones::get(tx, id)?;
        let mut m = before.clone();
        if let Some(n) = &patch.name {
            m.name = n.clone();
        }
        if let Some(w) = patch.weight {
            m.weight = w;
        }
        if let Some(p) = patch.progress {
            m.progress = p;
            if p == 100 && patch.status.is_none() {
                m.status = MilestoneStatus::Done;
            } else if p > 0 && m.status == MilestoneStatus::Planned {
                m.status = MilestoneStatus::InProgress;
            }
        }
        let moved = patch.due_on.filter(|d| *d != before.due_on);
        if let Some(d) = moved {
            m.due_on = d;
            if d > before.due_on && m.status != MilestoneStatus::Done {
                m.status = MilestoneStatus::Slipped;
            }
        }
        if let Some(s) = patch.status {
            m.status = s;
        }
        if m.status == MilestoneStatus::Done {
            m.progress = 100;
            m.done_at = m.done_at.or(Some(now));
        } else {
            m.done_at = None;
        }
        m.updated_at = now;
        store::milestones::save(tx, &m)?;
        if let Some(why) = &reason
            && (moved.is_some() || m.status == MilestoneStatus::Slipped)
        {
            store::milestones::add_revision(
                tx,
                id,
                &DateRevision {
                    at: now,
                    due_from: Some(before.due_on),
                    due_to: m.due_on,
                    reason: why.clone(),
                },
            )?;
        }
        if let (Some(d), Some(why)) = (moved, &reason)
            && d > before.due_on
        {
            schedule_at_risk(tx, now, &m, before.due_on, why)?;
        }
        store::milestones::get(tx, id)
    })
}

/// Marks the project's live schedule expectations at risk, recording the moved milestone
/// and its reason in each one's history (one already at risk gets the reason added).
fn schedule_at_risk(
    tx: &rusqlite::Connection,
    now: DateTime<Utc>,
    m: &Milestone,
    from: NaiveDate,
    why: &str,
) -> Result<()> {
    let live = ExpectationQuery {
        project_id: Some(m.project_id),
        category: Some(ExpectationCategory::Schedule),
        ..Default::default()
    }
    .list(tx, Window::new(0, 500))?;
    for before in live {
        let mut after = before.clone();
        after.status = ExpectationStatus::AtRisk;
        after.updated_at = now;
        store::expectations::save(tx, &after)?;
        store::expectations::add_revision(
            tx,
            before.id,
            &Revision {
                at: now,
                status_from: Some(before.status),
                status_to: after.status,
                statement_from: Some(before.statement.clone()),
                statement_to: after.statement.clone(),
                other_changes: format!("milestone '{}' moved {from} → {}", m.name, m.due_on),
                reason: why.to_string(),
            },
        )?;
    }
    Ok(())
}
