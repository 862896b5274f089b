//! The milestone form: a new milestone, or progress, a status or a new date for one (a new
//! date needs the reason, which its history and the schedule expectations keep).

use super::field::{Field, FieldId, FieldKind};
use super::form::{Ctx, Form, FormKind, project_field};
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::{Milestone, MilestonePatch, MilestoneStatus, NewMilestone, Project};
use crate::store::Store;
use crate::workflow::{self, Done, Record};

/// The fields of the milestone form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneField {
    Name,
    Project,
    Due,
    Weight,
    Progress,
    Status,
    Reason,
}

impl From<MilestoneField> for FieldId {
    fn from(f: MilestoneField) -> FieldId {
        FieldId::of::<MilestoneField>(f as u8)
    }
}

/// The field a library refusal names by its `what`.
pub(super) fn field_for(what: &str) -> Option<MilestoneField> {
    Some(match what {
        "milestone" | "name" => MilestoneField::Name,
        "project" => MilestoneField::Project,
        "due" | "date" => MilestoneField::Due,
        "weight" => MilestoneField::Weight,
        "progress" => MilestoneField::Progress,
        "status" | "milestone status" => MilestoneField::Status,
        "reason" => MilestoneField::Reason,
        _ => return None,
    })
}

impl Form {
    pub fn milestone(
        projects: &[Project],
        project: Option<i64>,
        existing: Option<&Milestone>,
    ) -> Form {
        let mut fields = vec![
            Field::new(
                MilestoneField::Name,
                tr("Milestone"),
                FieldKind::Text,
                existing.map(|m| m.name.clone()).unwrap_or_default(),
            )
            .required(),
        ];
        if existing.is_none() {
            fields.push(project_field(projects, project, MilestoneField::Project));
        }
        fields.extend([
            Field::new(
                MilestoneField::Due,
                tr("Due date"),
                FieldKind::Date { optional: false },
                existing.map(|m| m.due_on.to_string()).unwrap_or_default(),
            )
            .required(),
            Field::new(
                MilestoneField::Weight,
                tr("Weight"),
                FieldKind::Text,
                existing.map_or_else(|| "1".to_string(), |m| m.weight.to_string()),
            )
            .required(),
        ]);
        if let Some(m) = existing {
            fields.extend([
                Field::new(
                    MilestoneField::Progress,
                    tr("Progress %"),
                    FieldKind::Text,
                    m.progress.to_string(),
                )
                .required(),
                Field::choice(
                    MilestoneField::Status,
                    tr("Status"),
                    MilestoneStatus::ALL,
                    m.status,
                ),
                Field::new(
                    MilestoneField::Reason,
                    tr("Reason (new date)"),
                    FieldKind::Text,
                    "",
                ),
            ]);
        }
        Form {
            kind: FormKind::Milestone(existing.map(|m| m.id)),
            title: match existing {
                Some(m) => trf(
                    "Milestone {id} (a new date keeps its reason)",
                    &[("id", &m.id)],
                ),
                None => tr("New milestone").into(),
            },
            fields,
            focus: 0,
            error: None,
        }
    }
}

/// A whole number typed in a field ("40" or "40%").
fn number(form: &Form, id: MilestoneField, what: &str, expected: &str) -> Result<i64> {
    let text = form.value(id);
    text.trim_end_matches('%')
        .trim()
        .parse::<i64>()
        .map_err(|_| Error::invalid_because(what, text, expected))
}

const WEIGHT: &str = "a whole number such as 1 or 3";

pub(super) fn save(store: &mut Store, ctx: &Ctx, form: &Form, id: Option<i64>) -> Result<Done> {
    use MilestoneField as F;
    let due = ctx
        .date(form.value(F::Due))?
        .ok_or_else(|| Error::invalid_because("due", "", "the date it is due"))?;
    let Some(id) = id else {
        let id = workflow::milestones::add(
            store,
            ctx.now,
            NewMilestone {
                project_id: ctx.project_id(form.value(F::Project))?,
                name: form.value(F::Name).into(),
                due_on: due,
                weight: number(form, F::Weight, "weight", WEIGHT)?,
            },
        )?;
        return Ok(done(id));
    };
    // Only what the user changed: the library infers the rest (progress starts the
    // milestone, 100 % finishes it, a later date slips it).
    let moved = form.changed(F::Due);
    let reason = form.value(F::Reason);
    if moved && reason.is_empty() {
        return Err(Error::invalid_because("reason", "", "why the date moved"));
    }
    let patch = MilestonePatch {
        name: form.changed(F::Name).then(|| form.value(F::Name).into()),
        weight: form
            .changed(F::Weight)
            .then(|| number(form, F::Weight, "weight", WEIGHT))
            .transpose()?,
        progress: form
            .changed(F::Progress)
            .then(|| number(form, F::Progress, "progress", "a percentage from 0 to 100"))
            .transpose()?,
        status: form
            .changed(F::Status)
            .then(|| form.value(F::Status).parse())
            .transpose()?,
        due_on: moved.then_some(due),
        reason: (!reason.is_empty()).then(|| reason.into()),
    };
    workflow::milestones::edit(store, ctx.now, id, patch)?;
    Ok(done(id))
}

fn done(id: i64) -> Done {
    // The file's history is the undo (u): nothing more to keep here.
    Done {
        record: Record::Milestone(id),
        undo: Vec::new(),
    }
}
