//! The satisfaction review form: the client's score of our work (the team's own measure; a
//! score of 2 or less queues a follow-up to the client).

use super::field::{Field, FieldId, FieldKind};
use super::form::{Ctx, Form, FormKind, opt_id, project_field};
use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::{NewReview, Project};
use crate::store::{self, Store};
use crate::workflow::{self, Done, Policy, Record};

/// The fields of the review form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewField {
    Project,
    Score,
    By,
    Milestone,
    Comment,
}

impl From<ReviewField> for FieldId {
    fn from(f: ReviewField) -> FieldId {
        FieldId::of::<ReviewField>(f as u8)
    }
}

pub(super) fn field_for(what: &str) -> Option<ReviewField> {
    Some(match what {
        "project" => ReviewField::Project,
        "score" => ReviewField::Score,
        "contact" | "by" => ReviewField::By,
        "milestone" => ReviewField::Milestone,
        "comment" => ReviewField::Comment,
        _ => return None,
    })
}

impl Form {
    pub fn review(projects: &[Project], project: Option<i64>) -> Form {
        Form {
            kind: FormKind::Review,
            title: tr("Satisfaction review (team only, never in client text)").into(),
            fields: vec![
                project_field(projects, project, ReviewField::Project),
                Field::new(ReviewField::Score, tr("Score 1-5"), FieldKind::Text, "").required(),
                Field::new(
                    ReviewField::By,
                    tr("Given by (contact)"),
                    FieldKind::Text,
                    "",
                ),
                Field::new(ReviewField::Milestone, tr("Milestone #"), FieldKind::Id, ""),
                Field::new(
                    ReviewField::Comment,
                    tr("Comment"),
                    FieldKind::Multiline,
                    "",
                ),
            ],
            focus: 1,
            error: None,
        }
    }
}

pub(super) fn save(store: &mut Store, policy: &Policy, ctx: &Ctx, form: &Form) -> Result<Done> {
    use ReviewField as F;
    let score_text = form.value(F::Score);
    let score = score_text
        .parse::<i64>()
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or_else(|| Error::invalid_because("score", score_text, "a whole number from 1 to 5"))?;
    let project_id = ctx.project_id(form.value(F::Project))?;
    let by = form.value(F::By);
    let contact_id = if by.is_empty() {
        None
    } else {
        let client = ctx
            .projects
            .iter()
            .find(|p| p.id == project_id)
            .map(|p| p.client_id)
            .ok_or_else(|| Error::not_found("project", project_id))?;
        Some(store::projects::contact_by_key(store.conn(), client, by)?.id)
    };
    let (id, _follow_up) = workflow::reviews::add(
        store,
        ctx.now,
        policy,
        NewReview {
            project_id,
            score,
            contact_id,
            at: ctx.now,
            milestone_id: opt_id(form.value(F::Milestone)),
            comment: form.value(F::Comment).into(),
        },
    )?;
    Ok(Done {
        record: Record::Review(id),
        undo: Vec::new(),
    })
}
