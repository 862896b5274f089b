//! The client update form: a new update (of a project, maybe about an issue) or an edit.

use super::field::{Field, FieldId, FieldKind};
use super::form::{Ctx, Form, FormKind, opt_id, project_field, shown_time};
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::model::when::Zone;
use crate::model::{Channel, NewUpdate, Project, Update, UpdateKind, UpdatePatch, UpdateState};
use crate::store::Store;
use crate::workflow::{self, Done, Policy};

/// The fields of the client update form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateField {
    Project,
    Issue,
    Kind,
    Channel,
    Subject,
    Due,
    Body,
}

impl From<UpdateField> for FieldId {
    fn from(f: UpdateField) -> FieldId {
        FieldId::of::<UpdateField>(f as u8)
    }
}

/// The field a library refusal names by its `what` (the names `model` and `workflow`
/// give these values).
pub(super) fn field_for(what: &str) -> Option<UpdateField> {
    Some(match what {
        "project" => UpdateField::Project,
        "issue" => UpdateField::Issue,
        "kind" => UpdateField::Kind,
        "channel" => UpdateField::Channel,
        "subject" => UpdateField::Subject,
        "due" => UpdateField::Due,
        "body" => UpdateField::Body,
        _ => return None,
    })
}

impl Form {
    /// The update form; an existing update's due time is shown in `zone`, where typed
    /// times are read.
    pub fn update(
        projects: &[Project],
        project: Option<i64>,
        existing: Option<&Update>,
        zone: Zone,
    ) -> Form {
        let due = existing.map_or_else(|| "now".into(), |u| shown_time(zone, u.due_at));
        let mut fields = Vec::new();
        if existing.is_none() {
            fields.push(project_field(projects, project, UpdateField::Project));
            fields.push(Field::new(
                UpdateField::Issue,
                tr("Issue #"),
                FieldKind::Id,
                "",
            ));
        }
        fields.extend([
            Field::choice(
                UpdateField::Kind,
                tr("Kind"),
                UpdateKind::ALL,
                existing.map_or(UpdateKind::Progress, |u| u.kind),
            ),
            Field::choice(
                UpdateField::Channel,
                tr("Channel"),
                Channel::ALL,
                existing.map_or(Channel::Email, |u| u.channel),
            ),
            Field::new(
                UpdateField::Subject,
                tr("Subject"),
                FieldKind::Text,
                existing.map(|u| u.subject.clone()).unwrap_or_default(),
            )
            .required(),
            Field::new(
                UpdateField::Due,
                tr("Due"),
                FieldKind::When { optional: false },
                due,
            ),
            Field::new(
                UpdateField::Body,
                tr("Body"),
                FieldKind::Multiline,
                existing.map(|u| u.body.clone()).unwrap_or_default(),
            ),
        ]);
        Form {
            kind: FormKind::Update(existing.map(|u| u.id)),
            title: match existing {
                Some(u) => trf("Edit update {id}", &[("id", &u.id)]),
                None => tr("New client update").into(),
            },
            fields,
            focus: 0,
            error: None,
        }
    }
}

pub(super) fn save(
    store: &mut Store,
    policy: &Policy,
    ctx: &Ctx,
    form: &Form,
    id: Option<i64>,
) -> Result<Done> {
    use UpdateField as F;
    let Some(id) = id else {
        let project_id = ctx.project_id(form.value(F::Project))?;
        return workflow::updates::add(
            store,
            ctx.now,
            policy,
            NewUpdate {
                project_id,
                issue_id: opt_id(form.value(F::Issue)),
                kind: form.value(F::Kind).parse()?,
                channel: form.value(F::Channel).parse()?,
                contact_id: None,
                subject: form.value(F::Subject).into(),
                body: form.value(F::Body).into(),
                due_at: ctx.when(form.value(F::Due))?.unwrap_or(ctx.now),
                state: UpdateState::Draft,
                rule_key: None,
            },
        );
    };
    workflow::updates::edit(
        store,
        ctx.now,
        id,
        UpdatePatch {
            kind: Some(form.value(F::Kind).parse()?),
            channel: Some(form.value(F::Channel).parse()?),
            subject: Some(form.value(F::Subject).into()),
            body: Some(form.value(F::Body).into()),
            // A due time left as shown keeps its seconds.
            due_at: ctx.edited_when(form, F::Due)?.flatten(),
            ..Default::default()
        },
    )
    .map(|(_, done)| done)
}
