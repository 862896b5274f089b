//! The communication plan entry form: what the client hears, how often, to whom, through
//! which channel, and who on our side owns it.

use super::field::{Field, FieldId, FieldKind};
use super::form::{Ctx, Form, FormKind, project_field};
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::model::{Cadence, Channel, NewPlanEntry, PlanEntry, PlanKind, PlanPatch, Project};
use crate::store::Store;
use crate::workflow::{self, Done, Policy, Record};

/// The fields of the communication plan entry form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryField {
    Project,
    Kind,
    What,
    Every,
    Audience,
    Owner,
    Channel,
}

impl From<EntryField> for FieldId {
    fn from(f: EntryField) -> FieldId {
        FieldId::of::<EntryField>(f as u8)
    }
}

pub(super) fn entry_field_for(what: &str) -> Option<EntryField> {
    Some(match what {
        "project" => EntryField::Project,
        "kind" => EntryField::Kind,
        "what" => EntryField::What,
        "every" | "cadence" => EntryField::Every,
        "contact" | "audience" => EntryField::Audience,
        "owner" => EntryField::Owner,
        "channel" => EntryField::Channel,
        _ => return None,
    })
}

/// "Sarah Chen, Mark" as a list of names.
pub(super) fn names(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl Form {
    pub fn plan_entry(
        projects: &[Project],
        project: Option<i64>,
        existing: Option<&PlanEntry>,
    ) -> Form {
        let mut fields = Vec::new();
        if existing.is_none() {
            fields.push(project_field(projects, project, EntryField::Project));
        }
        let channel = existing.map(|e| e.channel).or_else(|| {
            project
                .and_then(|id| projects.iter().find(|p| p.id == id))
                .or(projects.first())
                .map(|p| p.channel)
        });
        fields.extend([
            Field::choice(
                EntryField::Kind,
                tr("Kind"),
                PlanKind::ALL,
                existing.map_or(PlanKind::Status, |e| e.kind),
            ),
            Field::new(
                EntryField::What,
                tr("What"),
                FieldKind::Text,
                existing.map(|e| e.what.clone()).unwrap_or_default(),
            )
            .required(),
            Field::new(
                EntryField::Every,
                tr("Every"),
                FieldKind::Cadence,
                existing.map_or_else(|| "weekly".into(), |e| e.every.to_string()),
            )
            .required(),
            Field::new(
                EntryField::Audience,
                tr("To (contacts, a, b)"),
                FieldKind::Text,
                existing.map(|e| e.audience.join(", ")).unwrap_or_default(),
            ),
            Field::new(
                EntryField::Owner,
                tr("Owner (our side)"),
                FieldKind::Text,
                existing.map(|e| e.owner.clone()).unwrap_or_default(),
            ),
            Field::choice(
                EntryField::Channel,
                tr("Channel"),
                Channel::ALL,
                channel.unwrap_or(Channel::Email),
            ),
        ]);
        Form {
            kind: FormKind::PlanEntry(existing.map(|e| e.id)),
            title: match existing {
                Some(e) => trf("Communication plan entry {id}", &[("id", &e.id)]),
                None => tr("New communication plan entry").into(),
            },
            fields,
            focus: 0,
            error: None,
        }
    }
}

pub(super) fn save_entry(
    store: &mut Store,
    policy: &Policy,
    ctx: &Ctx,
    form: &Form,
    id: Option<i64>,
) -> Result<Done> {
    use EntryField as F;
    let every: Cadence = form.value(F::Every).parse()?;
    let Some(id) = id else {
        let id = workflow::plans::add(
            store,
            ctx.now,
            policy,
            NewPlanEntry {
                project_id: ctx.project_id(form.value(F::Project))?,
                kind: form.value(F::Kind).parse()?,
                what: form.value(F::What).into(),
                every,
                audience: names(form.value(F::Audience)),
                owner: form.value(F::Owner).into(),
                channel: Some(form.value(F::Channel).parse()?),
            },
        )?;
        return Ok(entry_done(id));
    };
    let changed = |f: F| form.changed(f);
    let patch = PlanPatch {
        kind: changed(F::Kind)
            .then(|| form.value(F::Kind).parse())
            .transpose()?,
        what: changed(F::What).then(|| form.value(F::What).into()),
        every: changed(F::Every).then_some(every),
        audience: changed(F::Audience).then(|| names(form.value(F::Audience))),
        owner: changed(F::Owner).then(|| form.value(F::Owner).into()),
        channel: changed(F::Channel)
            .then(|| form.value(F::Channel).parse())
            .transpose()?,
    };
    workflow::plans::edit(store, ctx.now, policy, id, patch)?;
    Ok(entry_done(id))
}

fn entry_done(id: i64) -> Done {
    // The file's history is the undo (u): nothing more to keep here.
    Done {
        record: Record::PlanEntry(id),
        undo: Vec::new(),
    }
}
