//! The sample story's practice beyond issues: milestones at every stage, a risk that occurred
//! and one still watched, each project's communication plan and satisfaction reviews with a
//! dip after the bank's outage. Kept apart from `story` so the parts merge easily.

use chrono::{DateTime, Utc};

use super::seed::*;
use crate::error::Result;
use crate::model::*;
use crate::store::{self, Store};
use crate::workflow::{Policy, milestones, plans, reviews, risks};

/// The story's project ids this part adds to.
pub(super) struct StoryProjects {
    pub portal: i64,
    pub migration: i64,
    pub bank: i64,
}

pub(super) fn practice(
    store: &mut Store,
    now: DateTime<Utc>,
    p: &Policy,
    ids: &StoryProjects,
) -> Result<()> {
    story_milestones(store, now, ids)?;
    story_risks(store, now, p, ids)?;
    story_plan(store, now, p, ids)?;
    story_reviews(store, now, p, ids)?;
    Ok(())
}

fn milestone(
    store: &mut Store,
    at: DateTime<Utc>,
    project_id: i64,
    name: &str,
    due: DateTime<Utc>,
    weight: i64,
) -> Result<i64> {
    milestones::add(
        store,
        at,
        NewMilestone {
            project_id,
            name: name.into(),
            due_on: due.date_naive(),
            weight,
        },
    )
}

/// One milestone done, one in progress, one slipped with its reason.
fn story_milestones(store: &mut Store, now: DateTime<Utc>, ids: &StoryProjects) -> Result<()> {
    let start = now - d(60);
    let pilot = milestone(
        store,
        start,
        ids.migration,
        "Pilot load of region North",
        now - d(12),
        1,
    )?;
    milestones::edit(
        store,
        now - d(12),
        pilot,
        MilestonePatch {
            status: Some(MilestoneStatus::Done),
            ..Default::default()
        },
    )?;
    let full = milestone(store, start, ids.migration, "Full data load", now + d(9), 3)?;
    milestones::edit(
        store,
        now - d(2),
        full,
        MilestonePatch {
            progress: Some(40),
            ..Default::default()
        },
    )?;
    let rollout = milestone(
        store,
        start,
        ids.portal,
        "Route planner live in all warehouses",
        now + d(5),
        2,
    )?;
    milestones::edit(
        store,
        now - d(3),
        rollout,
        MilestonePatch {
            due_on: Some((now + d(19)).date_naive()),
            reason: Some("The client's scanner firmware update moved by two weeks".into()),
            ..Default::default()
        },
    )?;
    milestone(
        store,
        start,
        ids.portal,
        "Release 4.3 with offline mode",
        now + d(40),
        2,
    )?;
    Ok(())
}

fn risk(
    store: &mut Store,
    at: DateTime<Utc>,
    new: NewRisk,
    plans: &[(&str, &str, &str)],
) -> Result<i64> {
    let id = risks::add(store, at, new)?;
    for (text, time, effect) in plans {
        risks::add_plan(store, at, id, text, time, effect)?;
    }
    Ok(id)
}

/// A risk that occurred (its issue offers the prepared responses) and one still watched.
fn story_risks(
    store: &mut Store,
    now: DateTime<Utc>,
    p: &Policy,
    ids: &StoryProjects,
) -> Result<()> {
    let start = now - d(60);
    let export = risk(
        store,
        start + d(2),
        NewRisk {
            project_id: ids.migration,
            text: "The legacy CRM export breaks on records with special characters".into(),
            likelihood: Likelihood::Medium,
            impact: Impact::High,
            owner: "Li Wei".into(),
            trigger: "Rejected rows in the nightly test export".into(),
            review_at: None,
        },
        &[
            (
                "Clean the affected records by hand before the load",
                "2 days",
                "Full load on schedule; one analyst busy",
            ),
            (
                "Load the clean records now and the rest a week later",
                "1 day",
                "95% of customers migrated on time",
            ),
        ],
    )?;
    let issue = risks::occurred(store, now - d(3), p, export, Some(Severity::Medium))?;
    send(store, p, &format!("notice:{issue}"), now - d(3) + h(2))?;
    risk(
        store,
        start + d(2),
        NewRisk {
            project_id: ids.portal,
            text: "Peak-season traffic exceeds the portal's capacity".into(),
            likelihood: Likelihood::Medium,
            impact: Impact::High,
            owner: "Ana Ruiz".into(),
            trigger: "Response times above 2 s at the morning shift change".into(),
            // Reviewed every month: the next review falls today.
            review_at: Some(now + h(1)),
        },
        &[
            ("Add two application servers", "1 day", "Doubles capacity"),
            (
                "Move report generation to off-peak hours",
                "2 hours",
                "Frees about 30% of capacity",
            ),
        ],
    )?;
    Ok(())
}

/// The Portal's plan: weekly status with its owner, a monthly review, a biweekly progress
/// meeting (the last one held sixteen days ago, so one is due).
fn story_plan(
    store: &mut Store,
    now: DateTime<Utc>,
    p: &Policy,
    ids: &StoryProjects,
) -> Result<()> {
    let start = now - d(60);
    if let Some(status) = store::plans::of_kinds(store.conn(), ids.portal, &[PlanKind::Status])?
        .into_iter()
        .next()
    {
        plans::edit(
            store,
            start,
            p,
            status.id,
            PlanPatch {
                owner: Some("Ana Ruiz".into()),
                audience: Some(vec!["Sarah Chen".into()]),
                ..Default::default()
            },
        )?;
    }
    for (kind, what, every, channel, owner) in [
        (
            PlanKind::Review,
            "Satisfaction check",
            Cadence::Monthly,
            Channel::Email,
            "Ana Ruiz",
        ),
        (
            PlanKind::Meeting,
            "Progress meeting",
            Cadence::Biweekly,
            Channel::Meeting,
            "Li Wei",
        ),
    ] {
        plans::add(
            store,
            start,
            p,
            NewPlanEntry {
                project_id: ids.portal,
                kind,
                what: what.into(),
                every,
                audience: vec!["Sarah Chen".into(), "Mark Olsen".into()],
                owner: owner.into(),
                channel: Some(channel),
            },
        )?;
    }
    contact_log(
        store,
        p,
        now - d(16),
        ids.portal,
        Direction::Out,
        Channel::Meeting,
        LogKind::Note,
        1,
        "Progress meeting: release 4.2 scope and the route planner pilot agreed.",
        None,
    )?;
    Ok(())
}

fn review(
    store: &mut Store,
    p: &Policy,
    project_id: i64,
    at: DateTime<Utc>,
    score: i64,
    milestone_id: Option<i64>,
    comment: &str,
) -> Result<()> {
    reviews::add(
        store,
        at,
        p,
        NewReview {
            project_id,
            score,
            contact_id: None,
            at,
            milestone_id,
            comment: comment.into(),
        },
    )
    .map(|_| ())
}

/// Scores over time: the bank's dip after the white-screen outage (4, 4, 2, then 3), the
/// Portal's last monthly check, and the migration's pilot reviewed when it was done.
fn story_reviews(
    store: &mut Store,
    now: DateTime<Utc>,
    p: &Policy,
    ids: &StoryProjects,
) -> Result<()> {
    for (at, score, comment) in [
        (now - d(45), 4, "新版登录流程很顺畅。"),
        (now - d(20), 4, ""),
        (now - h(17), 2, "白屏问题导致客服电话明显增多。"),
        (now - h(3), 3, "修复进展说明清楚，等待补丁上线。"),
    ] {
        review(store, p, ids.bank, at, score, None, comment)?;
    }
    review(
        store,
        p,
        ids.portal,
        now - d(26),
        4,
        None,
        "Happy with the weekly reports.",
    )?;
    let pilot = store::milestones::list(store.conn(), Some(ids.migration), 10)?
        .into_iter()
        .find(|m| m.status == MilestoneStatus::Done)
        .map(|m| m.id);
    review(
        store,
        p,
        ids.migration,
        now - d(10),
        4,
        pilot,
        "Pilot went well; duplicates must be fixed.",
    )?;
    Ok(())
}
