//! The risk forms: a risk for the register (or a change to one), and a response prepared in
//! advance for a risk (the option the client hears about if it happens).

use super::field::{Field, FieldId, FieldKind};
use super::form::{Ctx, Form, FormKind, project_field, shown_time};
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::model::when::Zone;
use crate::model::{Impact, Likelihood, NewRisk, Project, Risk, RiskPatch, RiskStatus};
use crate::store::Store;
use crate::workflow::{self, Done, Record};

/// The fields of the risk form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskField {
    Text,
    Project,
    Likelihood,
    Impact,
    Owner,
    Trigger,
    Review,
    Status,
}

impl From<RiskField> for FieldId {
    fn from(f: RiskField) -> FieldId {
        FieldId::of::<RiskField>(f as u8)
    }
}

/// The fields of the prepared-response form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseField {
    Text,
    Time,
    Effect,
}

impl From<ResponseField> for FieldId {
    fn from(f: ResponseField) -> FieldId {
        FieldId::of::<ResponseField>(f as u8)
    }
}

pub(super) fn field_for(what: &str) -> Option<RiskField> {
    Some(match what {
        "risk" | "text" => RiskField::Text,
        "project" => RiskField::Project,
        "likelihood" => RiskField::Likelihood,
        "impact" => RiskField::Impact,
        "owner" => RiskField::Owner,
        "trigger" => RiskField::Trigger,
        "review" | "time" => RiskField::Review,
        "status" | "risk status" => RiskField::Status,
        _ => return None,
    })
}

pub(super) fn response_field_for(what: &str) -> Option<ResponseField> {
    Some(match what {
        "plan" | "response" => ResponseField::Text,
        "time" => ResponseField::Time,
        "effect" => ResponseField::Effect,
        _ => return None,
    })
}

impl Form {
    pub fn risk(
        projects: &[Project],
        project: Option<i64>,
        existing: Option<&Risk>,
        zone: Zone,
    ) -> Form {
        let mut fields = vec![
            Field::new(
                RiskField::Text,
                tr("Risk"),
                FieldKind::Text,
                existing.map(|r| r.text.clone()).unwrap_or_default(),
            )
            .required(),
        ];
        if existing.is_none() {
            fields.push(project_field(projects, project, RiskField::Project));
        }
        fields.extend([
            Field::choice(
                RiskField::Likelihood,
                tr("Likelihood"),
                Likelihood::ALL,
                existing.map_or(Likelihood::Medium, |r| r.likelihood),
            ),
            Field::choice(
                RiskField::Impact,
                tr("Impact"),
                Impact::ALL,
                existing.map_or(Impact::Medium, |r| r.impact),
            ),
            Field::new(
                RiskField::Owner,
                tr("Owner (who watches)"),
                FieldKind::Text,
                existing.map(|r| r.owner.clone()).unwrap_or_default(),
            ),
            Field::new(
                RiskField::Trigger,
                tr("Trigger to watch"),
                FieldKind::Text,
                existing.map(|r| r.trigger.clone()).unwrap_or_default(),
            ),
            Field::new(
                RiskField::Review,
                tr("Next review"),
                FieldKind::When { optional: true },
                existing
                    .and_then(|r| r.review_at)
                    .map(|t| shown_time(zone, t))
                    .unwrap_or_default(),
            ),
        ]);
        if let Some(r) = existing {
            fields.push(Field::choice(
                RiskField::Status,
                tr("Status"),
                RiskStatus::ALL,
                r.status,
            ));
        }
        Form {
            kind: FormKind::Risk(existing.map(|r| r.id)),
            title: match existing {
                Some(r) => trf("Change risk {id}", &[("id", &r.id)]),
                None => tr("New risk (before it happens)").into(),
            },
            fields,
            focus: 0,
            error: None,
        }
    }

    /// A response prepared for risk `risk` (`text` names it in the title).
    pub fn risk_response(risk: i64, text: &str) -> Form {
        Form {
            kind: FormKind::RiskResponse(risk),
            title: trf(
                "Prepared response to risk {risk}: {text}",
                &[
                    ("risk", &risk),
                    ("text", &crate::model::text::fit(text, 40)),
                ],
            ),
            fields: vec![
                Field::new(ResponseField::Text, tr("Response"), FieldKind::Text, "").required(),
                Field::new(ResponseField::Time, tr("Time needed"), FieldKind::Text, ""),
                Field::new(
                    ResponseField::Effect,
                    tr("Effect for the client"),
                    FieldKind::Text,
                    "",
                ),
            ],
            focus: 0,
            error: None,
        }
    }
}

pub(super) fn save(store: &mut Store, ctx: &Ctx, form: &Form, id: Option<i64>) -> Result<Done> {
    use RiskField as F;
    let Some(id) = id else {
        let id = workflow::risks::add(
            store,
            ctx.now,
            NewRisk {
                project_id: ctx.project_id(form.value(F::Project))?,
                text: form.value(F::Text).into(),
                likelihood: form.value(F::Likelihood).parse()?,
                impact: form.value(F::Impact).parse()?,
                owner: form.value(F::Owner).into(),
                trigger: form.value(F::Trigger).into(),
                review_at: ctx.when(form.value(F::Review))?,
            },
        )?;
        return Ok(done(id));
    };
    let text = |f: F| form.changed(f).then(|| form.value(f).to_string());
    let patch = RiskPatch {
        text: text(F::Text),
        likelihood: form
            .changed(F::Likelihood)
            .then(|| form.value(F::Likelihood).parse())
            .transpose()?,
        impact: form
            .changed(F::Impact)
            .then(|| form.value(F::Impact).parse())
            .transpose()?,
        owner: text(F::Owner),
        trigger: text(F::Trigger),
        review_at: ctx.edited_when(form, F::Review)?,
        status: form
            .changed(F::Status)
            .then(|| form.value(F::Status).parse())
            .transpose()?,
    };
    workflow::risks::edit(store, ctx.now, id, patch)?;
    Ok(done(id))
}

pub(super) fn save_response(store: &mut Store, ctx: &Ctx, form: &Form, risk: i64) -> Result<Done> {
    use ResponseField as F;
    workflow::risks::add_plan(
        store,
        ctx.now,
        risk,
        form.value(F::Text),
        form.value(F::Time),
        form.value(F::Effect),
    )?;
    Ok(done(risk))
}

fn done(id: i64) -> Done {
    // The file's history is the undo (u): nothing more to keep here.
    Done {
        record: Record::Risk(id),
        undo: Vec::new(),
    }
}
