//! The project form: a new project with its client, report cadence and channel.

use super::field::{Field, FieldId, FieldKind};
use super::form::{Ctx, Form, FormKind};
use crate::error::Result;
use crate::model::{Cadence, Channel, NewProject, ProjectStatus};
use crate::store::Store;
use crate::workflow::{self, Done, Policy};

/// The fields of the project form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectField {
    Name,
    Client,
    Cadence,
    Channel,
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
        _ => return None,
    })
}

impl Form {
    pub fn new_project() -> Form {
        Form {
            kind: FormKind::Project,
            title: "New project".into(),
            fields: vec![
                Field::new(ProjectField::Name, "Project", FieldKind::Text, "").required(),
                Field::new(ProjectField::Client, "Client", FieldKind::Text, ""),
                Field::new(
                    ProjectField::Cadence,
                    "Report cadence",
                    FieldKind::Cadence,
                    "weekly",
                ),
                Field::choice(
                    ProjectField::Channel,
                    "Channel",
                    Channel::ALL,
                    Channel::Email,
                ),
            ],
            focus: 0,
            error: None,
        }
    }
}

pub(super) fn save(store: &mut Store, policy: &Policy, ctx: &Ctx, form: &Form) -> Result<Done> {
    use ProjectField as F;
    let cadence = match form.value(F::Cadence) {
        "" | "none" => None,
        c => Some(c.parse::<Cadence>()?),
    };
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
