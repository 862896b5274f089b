//! Satisfaction reviews: recording the client's score; a low one (2 or less) queues a
//! follow-up call or message within `[reply_hours] low_score` hours, unless a reply to the
//! project's feedback is already pending (that reply is the follow-up). Scores are the team's own
//! measure: they show in the project's health, never in client text.

use chrono::{DateTime, Duration, Utc};

use super::{Policy, feedback};
use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::{self, LOW_SCORE, NewReview};
use crate::store::{self, Store};

/// The rule key of the follow-up to review `id`.
pub fn follow_up_key(review_id: i64) -> String {
    format!("review:{review_id}")
}

/// Records a review; returns its id and the follow-up queued for a low score.
pub fn add(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    mut new: NewReview,
) -> Result<(i64, Option<i64>)> {
    if !(1..=5).contains(&new.score) {
        return Err(Error::invalid_because(
            "score",
            &new.score.to_string(),
            tr("a whole number from 1 to 5"),
        ));
    }
    new.comment = model::free_text("comment", &new.comment)?;
    store.write(|tx| {
        let project = store::projects::get_project(tx, new.project_id)?;
        if let Some(m) = new.milestone_id {
            let milestone = store::milestones::get(tx, m)?;
            if milestone.project_id != project.id {
                return Err(Error::invalid_because(
                    "milestone",
                    &m.to_string(),
                    format!("a milestone of project '{}'", project.name),
                ));
            }
        }
        let id = store::reviews::insert(tx, &new, now)?;
        if new.score > LOW_SCORE {
            return Ok((id, None));
        }
        // One letter, not two: a reply to the project's feedback still to send (a complaint
        // a moment ago) is the follow-up; the score adds no second near-identical letter.
        if let Some(pending) = store::updates::pending_reply(tx, project.id)? {
            return Ok((id, Some(pending.id)));
        }
        let due = new.at + Duration::hours(i64::from(policy.reply.low_score));
        let (subject, body) =
            feedback::draft_reply(tx, policy, &project, new.contact_id, "review", new.at, due)?;
        let mut undo = Vec::new();
        let update = feedback::queue_reply(
            tx,
            now,
            &project,
            new.contact_id,
            None,
            follow_up_key(id),
            subject,
            body,
            due,
            &mut undo,
        )?;
        Ok((id, Some(update)))
    })
}
