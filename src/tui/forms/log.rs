//! The log form: a contact with the client, as it happened.

use super::field::{Field, FieldId, FieldKind};
use super::form::{Ctx, Form, FormKind, opt_id, project_field};
use crate::error::Result;
use crate::i18n::tr;
use crate::model::{Channel, Direction, LogKind, NewLogEntry, Project, parse_sentiment};
use crate::store::Store;
use crate::workflow::Policy;
use crate::workflow::{self, Done};

/// The fields of the log form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogField {
    Project,
    Direction,
    Channel,
    Kind,
    Sentiment,
    Summary,
    At,
    Issue,
}

impl From<LogField> for FieldId {
    fn from(f: LogField) -> FieldId {
        FieldId::of::<LogField>(f as u8)
    }
}

/// The field a library refusal names by its `what` (the names `model` and `workflow`
/// give these values).
pub(super) fn field_for(what: &str) -> Option<LogField> {
    Some(match what {
        "project" => LogField::Project,
        "direction" => LogField::Direction,
        "channel" => LogField::Channel,
        "log kind" => LogField::Kind,
        "sentiment" => LogField::Sentiment,
        "summary" => LogField::Summary,
        "at" => LogField::At,
        "issue" => LogField::Issue,
        _ => return None,
    })
}

impl Form {
    pub fn log(projects: &[Project], project: Option<i64>) -> Form {
        Form {
            kind: FormKind::Log,
            title: tr("Log a contact with the client").into(),
            fields: vec![
                project_field(projects, project, LogField::Project),
                Field::choice(
                    LogField::Direction,
                    tr("Direction"),
                    Direction::ALL,
                    Direction::In,
                ),
                Field::choice(
                    LogField::Channel,
                    tr("Channel"),
                    Channel::ALL,
                    Channel::Email,
                ),
                Field::choice(LogField::Kind, tr("Kind"), LogKind::ALL, LogKind::Feedback),
                Field::choice(
                    LogField::Sentiment,
                    tr("Mood (-2..2)"),
                    &["-2", "-1", "0", "1", "2"],
                    "0",
                ),
                Field::new(LogField::Summary, tr("Summary"), FieldKind::Text, "").required(),
                Field::new(
                    LogField::At,
                    tr("When"),
                    FieldKind::When { optional: false },
                    "now",
                ),
                Field::new(LogField::Issue, tr("Issue #"), FieldKind::Id, ""),
            ],
            focus: 5,
            error: None,
        }
    }
}

pub(super) fn save(store: &mut Store, policy: &Policy, ctx: &Ctx, form: &Form) -> Result<Done> {
    use LogField as F;
    workflow::log::add(
        store,
        ctx.now,
        policy,
        NewLogEntry {
            project_id: ctx.project_id(form.value(F::Project))?,
            at: ctx.when(form.value(F::At))?.unwrap_or(ctx.now),
            direction: form.value(F::Direction).parse()?,
            channel: form.value(F::Channel).parse()?,
            kind: form.value(F::Kind).parse()?,
            summary: form.value(F::Summary).into(),
            sentiment: parse_sentiment(form.value(F::Sentiment))?,
            issue_id: opt_id(form.value(F::Issue)),
            expectation_id: None,
            update_id: None,
        },
    )
}
