//! The project form: a new project with its client, report cadence and channel, or an edit
//! of one (name, status, cadence, channel); closing one with open issues asks first.

use super::field::{Field, FieldId, FieldKind};
use super::form::{Ctx, Form, FormKind};
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::model::{Cadence, Channel, NewProject, Project, ProjectPatch, ProjectStatus};
use crate::store::Store;
use crate::workflow::{self, Done, Policy};

/// The fields of the project form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectField {
    Name,
    Client,
    Cadence,
    Channel,
    Status,
}

impl From<ProjectField> for FieldId {
    fn from(f: ProjectField) -> FieldId {
        FieldId::of::<ProjectField>(f as u8)
    }
}

/// The field a library refusal names by its `what` (the names `model` and `workflow`
/// give these values).
pub(super) fn field_for(what: &str) -> Option<ProjectField> {
    Some(match what {
        "project name" => ProjectField::Name,
        "client" => ProjectField::Client,
        "cadence" => ProjectField::Cadence,
        "channel" => ProjectField::Channel,
        "project status" => ProjectField::Status,
        _ => return None,
    })
}

impl Form {
    pub fn new_project() -> Form {
        Form {
            kind: FormKind::Project,
            title: tr("New project").into(),
            fields: vec![
                Field::new(ProjectField::Name, tr("Project"), FieldKind::Text, "").required(),
                Field::new(ProjectField::Client, tr("Client"), FieldKind::Text, ""),
                Field::new(
                    ProjectField::Cadence,
                    tr("Report cadence"),
                    FieldKind::Cadence,
                    "weekly",
                ),
                Field::choice(
                    ProjectField::Channel,
                    tr("Channel"),
                    Channel::ALL,
                    Channel::Email,
                ),
            ],
            focus: 0,
            error: None,
        }
    }

    /// The form that edits `project`: its name, status, report cadence and channel.
    pub fn edit_project(project: &Project) -> Form {
        let cadence = project
            .cadence
            .map_or_else(|| "none".to_string(), |c| c.to_string());
        Form {
            kind: FormKind::ProjectEdit(project.id),
            title: trf("Edit project {name}", &[("name", &project.name)]),
            fields: vec![
                Field::new(
                    ProjectField::Name,
                    tr("Project"),
                    FieldKind::Text,
                    &project.name,
                )
                .required(),
                Field::choice(
                    ProjectField::Status,
                    tr("Status"),
                    ProjectStatus::ALL,
                    project.status,
                ),
                Field::new(
                    ProjectField::Cadence,
                    tr("Report cadence"),
                    FieldKind::Cadence,
                    cadence,
                ),
                Field::choice(
                    ProjectField::Channel,
                    tr("Channel"),
                    Channel::ALL,
                    project.channel,
                ),
            ],
            focus: 0,
            error: None,
        }
    }
}

fn cadence(form: &Form) -> Result<Option<Cadence>> {
    Ok(match form.value(ProjectField::Cadence) {
        "" | "none" => None,
        c => Some(c.parse::<Cadence>()?),
    })
}

/// Saves an edit the way `rapport project edit` does; `ctx.force` closes a project that
/// still has open issues (after the user said so).
pub(super) fn save_edit(
    store: &mut Store,
    policy: &Policy,
    ctx: &Ctx,
    form: &Form,
    id: i64,
) -> Result<Done> {
    use ProjectField as F;
    workflow::projects::edit_project(
        store,
        ctx.now,
        policy,
        id,
        ProjectPatch {
            name: Some(form.value(F::Name).into()),
            status: Some(form.value(F::Status).parse()?),
            cadence: Some(cadence(form)?),
            channel: Some(form.value(F::Channel).parse()?),
        },
        ctx.force,
    )
    .map(|(_, done)| done)
}

pub(super) fn save(store: &mut Store, policy: &Policy, ctx: &Ctx, form: &Form) -> Result<Done> {
    use ProjectField as F;
    let cadence = cadence(form)?;
    workflow::projects::add_project(
        store,
        ctx.now,
        policy,
        NewProject {
            name: form.value(F::Name).into(),
            client: form.value(F::Client).into(),
            status: ProjectStatus::Active,
            cadence,
            channel: form.value(F::Channel).parse()?,
        },
    )
}
