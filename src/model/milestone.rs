//! Milestones: what the project delivers by when, how far along each is, and every date it
//! was given with the reason it moved.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::MilestoneStatus;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub name: String,
    pub due_on: NaiveDate,
    pub weight: i64,
    /// Percent done, 0..=100 (a done milestone counts as 100 whatever was typed).
    pub progress: i64,
    pub status: MilestoneStatus,
    pub done_at: Option<DateTime<Utc>>,
    pub revisions: Vec<DateRevision>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Milestone {
    /// The progress that counts: 100 when done.
    pub fn counted_progress(&self) -> i64 {
        if self.status == MilestoneStatus::Done {
            100
        } else {
            self.progress
        }
    }
}

/// One date a milestone was given; the first records the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateRevision {
    pub at: DateTime<Utc>,
    pub due_from: Option<NaiveDate>,
    pub due_to: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewMilestone {
    pub project_id: i64,
    pub name: String,
    pub due_on: NaiveDate,
    pub weight: i64,
}

/// A change to a milestone; a new date needs a reason.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MilestonePatch {
    pub name: Option<String>,
    pub progress: Option<i64>,
    pub status: Option<MilestoneStatus>,
    pub weight: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub reason: Option<String>,
}

impl MilestonePatch {
    pub fn is_empty(&self) -> bool {
        *self == MilestonePatch::default()
    }
}

/// The project's percent complete: the weighted mean of its milestones' progress (done
/// counts as 100), rounded; `None` without milestones.
pub fn percent_complete(milestones: &[Milestone]) -> Option<i64> {
    let total: i64 = milestones.iter().map(|m| m.weight).sum();
    if total <= 0 {
        return None;
    }
    let done: i64 = milestones
        .iter()
        .map(|m| m.weight * m.counted_progress())
        .sum();
    // Rounded half up, in whole numbers.
    Some((done * 2 + total) / (total * 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(weight: i64, progress: i64, status: MilestoneStatus) -> Milestone {
        let t = DateTime::<Utc>::default();
        Milestone {
            id: 1,
            project_id: 1,
            project: String::new(),
            name: "m".into(),
            due_on: NaiveDate::default(),
            weight,
            progress,
            status,
            done_at: None,
            revisions: Vec::new(),
            archived: false,
            created_at: t,
            updated_at: t,
        }
    }

    #[test]
    fn progress_is_the_weighted_mean_with_done_as_100() {
        let ms = [
            m(1, 0, MilestoneStatus::Done),
            m(3, 40, MilestoneStatus::InProgress),
        ];
        assert_eq!(percent_complete(&ms), Some(55));
        assert_eq!(percent_complete(&[]), None);
        assert_eq!(
            percent_complete(&[
                m(2, 33, MilestoneStatus::Planned),
                m(1, 34, MilestoneStatus::Planned)
            ]),
            Some(33)
        );
    }
}
