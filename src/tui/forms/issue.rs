//! The issue form: a new issue, or an edit of one with its resolution and lessons.

use super::field::{Field, FieldId, FieldKind};
use super::form::{Ctx, Form, FormKind, project_field, shown_time};
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::model::when::Zone;
use crate::model::{Issue, IssuePatch, IssueStatus, NewIssue, Project, Severity};
use crate::store::Store;
use crate::workflow::{self, Done, Policy};

/// The fields of the issue form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueField {
    Project,
    Title,
    Severity,
    Status,
    OurFault,
    Description,
    Cause,
    Impact,
    Owner,
    Detected,
    NextUpdate,
    Resolution,
    Lessons,
    Prevention,
}

impl From<IssueField> for FieldId {
    fn from(f: IssueField) -> FieldId {
        FieldId::of::<IssueField>(f as u8)
    }
}

/// The field a library refusal names by its `what` (the names `model` and `workflow`
/// give these values).
pub(super) fn field_for(what: &str) -> Option<IssueField> {
    Some(match what {
        "project" => IssueField::Project,
        "title" => IssueField::Title,
        "severity" => IssueField::Severity,
        "status" => IssueField::Status,
        "our fault" => IssueField::OurFault,
        "description" => IssueField::Description,
        "cause" => IssueField::Cause,
        "impact" => IssueField::Impact,
        "owner" => IssueField::Owner,
        "detected" => IssueField::Detected,
        "next update" => IssueField::NextUpdate,
        "resolution" => IssueField::Resolution,
        "lessons" => IssueField::Lessons,
        "prevention" => IssueField::Prevention,
        _ => return None,
    })
}

impl Form {
    /// The issue form; the times of an existing issue are shown in `zone`, where typed
    /// times are read.
    pub fn issue(
        projects: &[Project],
        project: Option<i64>,
        existing: Option<&Issue>,
        zone: Zone,
    ) -> Form {
        let mut fields = vec![
            project_field(
                projects,
                existing.map(|i| i.project_id).or(project),
                IssueField::Project,
            ),
            Field::new(
                IssueField::Title,
                tr("Title"),
                FieldKind::Text,
                existing.map(|i| i.title.clone()).unwrap_or_default(),
            )
            .required(),
            Field::choice(
                IssueField::Severity,
                tr("Severity"),
                Severity::ALL,
                existing.map_or(Severity::Medium, |i| i.severity),
            ),
            Field::choice(
                IssueField::Status,
                tr("Status"),
                IssueStatus::ALL,
                existing.map_or(IssueStatus::New, |i| i.status),
            ),
            Field::choice(
                IssueField::OurFault,
                tr("Our fault"),
                &["no", "yes"],
                if existing.is_some_and(|i| i.our_fault) {
                    "yes"
                } else {
                    "no"
                },
            ),
            Field::new(
                IssueField::Description,
                tr("Description"),
                FieldKind::Multiline,
                existing.map(|i| i.description.clone()).unwrap_or_default(),
            ),
            Field::new(
                IssueField::Cause,
                tr("Cause"),
                FieldKind::Multiline,
                existing.map(|i| i.cause.clone()).unwrap_or_default(),
            ),
            Field::new(
                IssueField::Impact,
                tr("Impact"),
                FieldKind::Multiline,
                existing.map(|i| i.impact.clone()).unwrap_or_default(),
            ),
            Field::new(
                IssueField::Owner,
                tr("Owner"),
                FieldKind::Text,
                existing.map(|i| i.owner.clone()).unwrap_or_default(),
            ),
        ];
        fields.push(Field::new(
            IssueField::Detected,
            tr("Detected"),
            FieldKind::When { optional: false },
            existing.map_or_else(|| "now".into(), |i| shown_time(zone, i.detected_at)),
        ));
        match existing {
            None => {}
            Some(i) => {
                fields.extend([
                    Field::new(
                        IssueField::NextUpdate,
                        tr("Next update"),
                        FieldKind::When { optional: true },
                        i.next_update_due
                            .map(|t| shown_time(zone, t))
                            .unwrap_or_default(),
                    ),
                    Field::new(
                        IssueField::Resolution,
                        tr("Resolution"),
                        FieldKind::Multiline,
                        i.resolution.clone(),
                    ),
                    Field::new(
                        IssueField::Lessons,
                        tr("Lessons"),
                        FieldKind::Multiline,
                        i.lessons.clone(),
                    ),
                    Field::new(
                        IssueField::Prevention,
                        tr("Prevention"),
                        FieldKind::Multiline,
                        i.prevention.clone(),
                    ),
                ]);
            }
        }
        Form {
            kind: FormKind::Issue(existing.map(|i| i.id)),
            title: match existing {
                Some(i) => trf("Edit issue {id}", &[("id", &i.id)]),
                None => tr("New issue").into(),
            },
            fields,
            focus: usize::from(existing.is_none() && !projects.is_empty()),
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
    use IssueField as F;
    let Some(id) = id else {
        return workflow::issues::add(
            store,
            ctx.now,
            policy,
            NewIssue {
                project_id: ctx.project_id(form.value(F::Project))?,
                title: form.value(F::Title).into(),
                description: form.value(F::Description).into(),
                severity: form.value(F::Severity).parse()?,
                status: form.value(F::Status).parse()?,
                detected_at: ctx.when(form.value(F::Detected))?.unwrap_or(ctx.now),
                owner: form.value(F::Owner).into(),
                our_fault: form.value(F::OurFault) == "yes",
                cause: form.value(F::Cause).into(),
                impact: form.value(F::Impact).into(),
            },
        );
    };
    workflow::issues::edit(
        store,
        ctx.now,
        policy,
        id,
        IssuePatch {
            project_id: Some(ctx.project_id(form.value(F::Project))?),
            title: Some(form.value(F::Title).into()),
            description: Some(form.value(F::Description).into()),
            severity: Some(form.value(F::Severity).parse()?),
            status: Some(form.value(F::Status).parse()?),
            owner: Some(form.value(F::Owner).into()),
            cause: Some(form.value(F::Cause).into()),
            impact: Some(form.value(F::Impact).into()),
            our_fault: Some(form.value(F::OurFault) == "yes"),
            // Times left as shown keep their seconds.
            detected_at: ctx.edited_when(form, F::Detected)?.flatten(),
            next_update_due: ctx.edited_when(form, F::NextUpdate)?,
            resolution: Some(form.value(F::Resolution).into()),
            lessons: Some(form.value(F::Lessons).into()),
            prevention: Some(form.value(F::Prevention).into()),
            ..Default::default()
        },
    )
    .map(|(_, done)| done)
}
