//! The meeting form (when, what about, who comes, the agenda) and the minutes form (notes,
//! one decision a line, one action "TEXT;OWNER;WHEN" a line), as `rapport meeting add`,
//! `edit` and `minutes` take them.

use super::field::{Field, FieldId, FieldKind};
use super::form::{Ctx, Form, FormKind, project_field, shown_time};
use super::plan_entry::names;
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::when::Zone;
use crate::model::{Meeting, MeetingPatch, NewMeeting, Project, parse_action};
use crate::store::{self, Store};
use crate::workflow::{self, Done, Record};

/// The fields of the meeting form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingField {
    Project,
    At,
    Title,
    Attendees,
    Team,
    Agenda,
}

impl From<MeetingField> for FieldId {
    fn from(f: MeetingField) -> FieldId {
        FieldId::of::<MeetingField>(f as u8)
    }
}

/// The fields of the minutes form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinutesField {
    Notes,
    Decisions,
    Actions,
}

impl From<MinutesField> for FieldId {
    fn from(f: MinutesField) -> FieldId {
        FieldId::of::<MinutesField>(f as u8)
    }
}

pub(super) fn minutes_field_for(what: &str) -> Option<MinutesField> {
    Some(match what {
        "notes" => MinutesField::Notes,
        "decision" => MinutesField::Decisions,
        w if w.starts_with("action") => MinutesField::Actions,
        _ => return None,
    })
}

/// The non-empty lines of a multi-line field.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

pub(super) fn field_for(what: &str) -> Option<MeetingField> {
    Some(match what {
        "project" => MeetingField::Project,
        "at" | "time" | "when" => MeetingField::At,
        "title" => MeetingField::Title,
        "contact" | "attendee" | "attendees" => MeetingField::Attendees,
        "team" => MeetingField::Team,
        "agenda" => MeetingField::Agenda,
        _ => return None,
    })
}

impl Form {
    /// The minutes of a meeting held: its notes as they are, decisions and actions to add.
    pub fn minutes(m: &Meeting) -> Form {
        Form {
            kind: FormKind::Minutes(m.id),
            title: trf(
                "Minutes of meeting {id}: {title}",
                &[("id", &m.id), ("title", &m.title)],
            ),
            fields: vec![
                Field::new(
                    MinutesField::Notes,
                    tr("Notes"),
                    FieldKind::Multiline,
                    m.notes.clone(),
                ),
                Field::new(
                    MinutesField::Decisions,
                    tr("Decisions (one a line)"),
                    FieldKind::Multiline,
                    String::new(),
                ),
                Field::new(
                    MinutesField::Actions,
                    tr("Actions (TEXT;OWNER;WHEN a line)"),
                    FieldKind::Multiline,
                    String::new(),
                ),
            ],
            focus: 0,
            error: None,
        }
    }

    pub fn meeting(
        projects: &[Project],
        project: Option<i64>,
        existing: Option<&Meeting>,
        zone: Zone,
    ) -> Form {
        let mut fields = Vec::new();
        if existing.is_none() {
            fields.push(project_field(projects, project, MeetingField::Project));
        }
        fields.extend([
            Field::new(
                MeetingField::At,
                tr("When"),
                FieldKind::When { optional: false },
                existing.map(|m| shown_time(zone, m.at)).unwrap_or_default(),
            )
            .required(),
            Field::new(
                MeetingField::Title,
                tr("Title"),
                FieldKind::Text,
                existing.map(|m| m.title.clone()).unwrap_or_default(),
            )
            .required(),
            Field::new(
                MeetingField::Attendees,
                tr("Client attendees"),
                FieldKind::Text,
                existing
                    .map(|m| {
                        m.attendees
                            .iter()
                            .map(|a| a.name.clone())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default(),
            ),
            Field::new(
                MeetingField::Team,
                tr("Our team"),
                FieldKind::Text,
                existing.map(|m| m.team.clone()).unwrap_or_default(),
            ),
            Field::new(
                MeetingField::Agenda,
                tr("Agenda"),
                FieldKind::Multiline,
                existing.map(|m| m.agenda.clone()).unwrap_or_default(),
            ),
        ]);
        Form {
            kind: FormKind::Meeting(existing.map(|m| m.id)),
            title: match existing {
                Some(m) => trf("Meeting {id}", &[("id", &m.id)]),
                None => tr("New meeting").into(),
            },
            fields,
            focus: 0,
            error: None,
        }
    }
}

pub(super) fn save(store: &mut Store, ctx: &Ctx, form: &Form, id: Option<i64>) -> Result<Done> {
    use MeetingField as F;
    let project_id = match id {
        None => ctx.project_id(form.value(F::Project))?,
        Some(id) => store::meetings::get(store.conn(), id)?.project_id,
    };
    let project = store::projects::get_project(store.conn(), project_id)?;
    let attendees = workflow::meetings::resolve_attendees(
        store.conn(),
        &project,
        &names(form.value(F::Attendees)),
    )?;
    let at = ctx
        .when(form.value(F::At))?
        .ok_or_else(|| Error::invalid_because("at", "", "when the meeting is"))?;
    let Some(id) = id else {
        let id = workflow::meetings::add(
            store,
            ctx.now,
            NewMeeting {
                project_id,
                at,
                title: form.value(F::Title).into(),
                agenda: form.value(F::Agenda).into(),
                team: form.value(F::Team).into(),
                attendees,
            },
        )?;
        return Ok(meeting_done(id));
    };
    let changed = |f: F| form.changed(f);
    let patch = MeetingPatch {
        at: changed(F::At).then_some(at),
        title: changed(F::Title).then(|| form.value(F::Title).into()),
        agenda: changed(F::Agenda).then(|| form.value(F::Agenda).into()),
        team: changed(F::Team).then(|| form.value(F::Team).into()),
        notes: None,
        attendees: changed(F::Attendees).then_some(attendees),
    };
    workflow::meetings::edit(store, ctx.now, id, patch)?;
    Ok(meeting_done(id))
}

fn meeting_done(id: i64) -> Done {
    Done {
        record: Record::Meeting(id),
        undo: Vec::new(),
    }
}

/// Records the minutes as `rapport meeting minutes` does: every action is checked before
/// anything is written, all of it one transaction.
pub(super) fn save_minutes(store: &mut Store, ctx: &Ctx, form: &Form, id: i64) -> Result<Done> {
    use MinutesField as F;
    let actions = lines(form.value(F::Actions))
        .iter()
        .map(|a| {
            parse_action(a, |d| {
                ctx.date(d)?
                    .ok_or_else(|| Error::invalid_because("action WHEN", d, "a date"))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    workflow::meetings::record_minutes(
        store,
        ctx.now,
        id,
        workflow::meetings::Minutes {
            notes: form
                .changed(F::Notes)
                .then(|| form.value(F::Notes).to_string()),
            decisions: lines(form.value(F::Decisions)),
            actions,
        },
    )?;
    Ok(meeting_done(id))
}
