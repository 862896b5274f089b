//! The expectation form: a new expectation, or a change to one with the reason kept.

use super::field::{Field, FieldId, FieldKind};
use super::form::{Ctx, Form, FormKind, project_field};
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::model::{
    Expectation, ExpectationCategory, ExpectationPatch, ExpectationStatus, NewExpectation, Project,
};
use crate::store::Store;
use crate::workflow::{self, Done};

/// The fields of the expectation form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectationField {
    Project,
    Category,
    Statement,
    Measure,
    Status,
    Due,
    AgreedWith,
    Reason,
}

impl From<ExpectationField> for FieldId {
    fn from(f: ExpectationField) -> FieldId {
        FieldId::of::<ExpectationField>(f as u8)
    }
}

/// The field a library refusal names by its `what` (the names `model` and `workflow`
/// give these values).
pub(super) fn field_for(what: &str) -> Option<ExpectationField> {
    Some(match what {
        "project" => ExpectationField::Project,
        "category" => ExpectationField::Category,
        "statement" => ExpectationField::Statement,
        "measure" => ExpectationField::Measure,
        "status" | "expectation status" => ExpectationField::Status,
        "due" => ExpectationField::Due,
        "agreed with" => ExpectationField::AgreedWith,
        "reason" => ExpectationField::Reason,
        _ => return None,
    })
}

impl Form {
    pub fn expectation(
        projects: &[Project],
        project: Option<i64>,
        existing: Option<&Expectation>,
    ) -> Form {
        let mut fields = Vec::new();
        if existing.is_none() {
            fields.push(project_field(projects, project, ExpectationField::Project));
        }
        fields.extend([
            Field::choice(
                ExpectationField::Category,
                tr("Category"),
                ExpectationCategory::ALL,
                existing.map_or(ExpectationCategory::Scope, |e| e.category),
            ),
            Field::new(
                ExpectationField::Statement,
                tr("Statement"),
                FieldKind::Text,
                existing.map(|e| e.statement.clone()).unwrap_or_default(),
            )
            .required(),
            Field::new(
                ExpectationField::Measure,
                tr("Acceptance measure"),
                FieldKind::Multiline,
                existing.map(|e| e.measure.clone()).unwrap_or_default(),
            ),
            Field::choice(
                ExpectationField::Status,
                tr("Status"),
                ExpectationStatus::ALL,
                existing.map_or(ExpectationStatus::Proposed, |e| e.status),
            ),
            Field::new(
                ExpectationField::Due,
                tr("Due date"),
                FieldKind::Date { optional: true },
                existing
                    .and_then(|e| e.due_on)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            Field::new(
                ExpectationField::AgreedWith,
                tr("Agreed with"),
                FieldKind::Text,
                existing.map(|e| e.agreed_with.clone()).unwrap_or_default(),
            ),
        ]);
        if existing.is_some() {
            fields.push(
                Field::new(
                    ExpectationField::Reason,
                    tr("Reason for the change"),
                    FieldKind::Text,
                    "",
                )
                .required(),
            );
        }
        Form {
            kind: FormKind::Expectation(existing.map(|e| e.id)),
            title: match existing {
                Some(e) => trf(
                    "Change expectation {id} (kept in its history)",
                    &[("id", &e.id)],
                ),
                None => tr("New expectation").into(),
            },
            fields,
            focus: usize::from(existing.is_none()),
            error: None,
        }
    }
}

pub(super) fn save(store: &mut Store, ctx: &Ctx, form: &Form, id: Option<i64>) -> Result<Done> {
    use ExpectationField as F;
    let Some(id) = id else {
        let status: ExpectationStatus = form.value(F::Status).parse()?;
        return workflow::expectations::add(
            store,
            ctx.now,
            NewExpectation {
                project_id: ctx.project_id(form.value(F::Project))?,
                category: form.value(F::Category).parse()?,
                statement: form.value(F::Statement).into(),
                measure: form.value(F::Measure).into(),
                status,
                agreed_on: (status == ExpectationStatus::Agreed).then(|| ctx.now.date_naive()),
                agreed_with: form.value(F::AgreedWith).into(),
                due_on: ctx.date(form.value(F::Due))?,
            },
        );
    };
    workflow::expectations::edit(
        store,
        ctx.now,
        id,
        ExpectationPatch {
            category: Some(form.value(F::Category).parse()?),
            statement: Some(form.value(F::Statement).into()),
            measure: Some(form.value(F::Measure).into()),
            status: Some(form.value(F::Status).parse()?),
            agreed_with: Some(form.value(F::AgreedWith).into()),
            due_on: Some(ctx.date(form.value(F::Due))?),
            ..Default::default()
        },
        form.value(F::Reason),
    )
    .map(|(_, done)| done)
}

/// The fields of the settle form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettleField {
    Outcome,
    Reason,
}

impl From<SettleField> for FieldId {
    fn from(f: SettleField) -> FieldId {
        FieldId::of::<SettleField>(f as u8)
    }
}

pub(super) fn settle_field_for(what: &str) -> Option<SettleField> {
    Some(match what {
        "outcome" => SettleField::Outcome,
        "reason" => SettleField::Reason,
        _ => return None,
    })
}

/// What settling says: met or missed (the words `rapport expect settle` takes).
const OUTCOMES: [&str; 2] = ["met", "missed"];

impl Form {
    /// Settle expectation `e` at closing: met or missed, with the reason kept in its history.
    pub fn settle(e: &Expectation) -> Form {
        let outcome = if e.status == ExpectationStatus::Missed {
            "missed"
        } else {
            "met"
        };
        Form {
            kind: FormKind::Settle(e.id),
            title: crate::i18n::trf(
                "Settle expectation {id}: met or missed (kept in its history)",
                &[("id", &e.id)],
            ),
            fields: vec![
                Field::choice(
                    SettleField::Outcome,
                    crate::i18n::tr("Outcome"),
                    &OUTCOMES,
                    outcome,
                ),
                Field::new(
                    SettleField::Reason,
                    crate::i18n::tr("Reason"),
                    FieldKind::Text,
                    "",
                )
                .required(),
            ],
            focus: 0,
            error: None,
        }
    }
}

pub(super) fn save_settle(store: &mut Store, ctx: &Ctx, form: &Form, id: i64) -> Result<Done> {
    workflow::expectations::settle(
        store,
        ctx.now,
        id,
        form.value(SettleField::Outcome),
        form.value(SettleField::Reason),
    )
    .map(|(_, done)| done)
}
