//! Carries out the effects `update` asks for, against the store and the workflow, and
//! reports what happened as an [`Outcome`]: data that `update::apply` puts into the app.
//! The only place the TUI touches data; it reads the app, never writes it.

use chrono::{DateTime, Utc};

use super::app::{App, DetailData, Pane};
use super::forms::{self, FieldId, Form, FormKind, ProjectField};
use super::load::{self, Rows};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::i18n::trf;
use crate::model::{Project, ProjectStatus, Severity, Update, text};
use crate::store::{self, Store};
use crate::workflow::today::Agenda;
use crate::workflow::{self, Done, Policy, Record};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Re-query the window (and count) of one pane.
    Load(Pane),
    /// The pane's filter text changed: like `Load`, but the TUI hands it to the background
    /// reader so the next keystroke never waits for it.
    Filter(Pane),
    LoadAll,
    LoadDetail(Record),
    Submit(Box<Form>),
    /// Save the form again past a refusal the user overrode (closing a project that still
    /// has open issues).
    SubmitForced(Box<Form>),
    Archive(Record),
    /// Bring an archived record back (a contact).
    Restore(Record),
    /// Revert the newest change in the file (from any session: the history's undo).
    Undo,
    MarkSent(i64),
    Skip(i64),
    /// Feedback answered another way (`rapport log handled`).
    Handled(i64),
    /// Show a record in its pane, selected.
    Jump(Record),
    /// Draft the update an issue needs now, then show it.
    Draft(i64),
    /// Put an update's subject and body on the clipboard.
    Copy(i64),
    /// The risk happened: open its issue (its prepared responses the options) and queue
    /// the notice, as `rapport risk occurred` does.
    Occurred {
        risk: i64,
        severity: Severity,
    },
    /// A meeting action is done, as `rapport action done` does.
    ActionDone(i64),
    /// Advance the clock; reload if another process changed the file.
    Tick,
    /// Apply the communication rules (after the first frame, so opening is instant).
    ApplyRules,
}

/// The figures the Insights pane shows (its scope's), read with the rules' policy.
fn insights(store: &Store, app: &App, policy: &Policy) -> Result<Outcome> {
    let scope = app.insights.view.project.clone();
    let stats = workflow::stats::stats(store.conn(), policy, scope, None, app.now)?;
    Ok(Outcome::Insights(Box::new(stats)))
}

/// What carrying out an effect found or did, for `update::apply`.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A list pane's count, window and selection, read now for what it shows.
    Rows(Rows),
    /// A filter's rows from the background reader: shown only if they still answer the
    /// pane's filter and scope over the same data.
    Found(Rows),
    /// The record's pane read with it selected: that pane is shown.
    Jumped(Rows),
    /// Today's agenda read again.
    Agenda(Agenda),
    /// The Insights pane's figures.
    Insights(Box<workflow::stats::Stats>),
    /// Today read again to show a project's line, selected.
    JumpedToProject {
        agenda: Agenda,
        project: i64,
    },
    /// The data may have changed: the projects and the file's version as they are now.
    /// Counts are taken again and the panes on screen re-read.
    Reloaded {
        projects: Vec<Project>,
        data_version: i64,
    },
    /// What the detail view of `record` shows.
    Detail(Record, DetailData),
    /// A form was saved: the form closes, its undo step is kept and the record shown.
    Saved(Done),
    /// A form was refused: the message goes under the field (or on the form); it stays open.
    Refused {
        field: Option<FieldId>,
        message: String,
    },
    /// Closing a project was refused because it has open issues: ask before closing it
    /// anyway.
    CloseWithOpenIssues {
        project: String,
        open: usize,
    },
    /// A change that can be undone (archive, sent, skipped), with what to say about it.
    Changed {
        done: Done,
        message: String,
    },
    /// What the undo put back, in words; `None` when there was nothing to undo.
    Undone(Option<String>),
    /// An update drafted for an issue, shown in its detail view.
    Drafted {
        done: Done,
        update: Box<Update>,
        issue_id: i64,
        detail: DetailData,
    },
    /// A risk happened and this issue was opened for it: its detail is shown.
    Occurred {
        risk: i64,
        issue: i64,
    },
    /// Text for the clipboard.
    Copied {
        id: i64,
        text: String,
    },
    /// The rules ran and queued this many updates.
    RulesQueued(usize),
    /// The clock's time now and the file's version (another process may have written).
    Ticked {
        now: DateTime<Utc>,
        data_version: i64,
    },
    Error(String),
    /// Notes about stored values that could not be read (`store::damage`), gathered while
    /// the effect ran: the status line warns of the first one not shown yet.
    Damaged(Vec<String>),
}

pub struct Effects<'a> {
    pub store: &'a mut Store,
    pub clock: Clock,
    pub policy: &'a Policy,
}

impl Effects<'_> {
    /// Carries out one effect; a failure is reported as `Outcome::Error`.
    pub fn run(&mut self, app: &App, effect: Effect) -> Vec<Outcome> {
        let mut out = match effect {
            Effect::Submit(form) => self.submit(app, &form, false),
            Effect::SubmitForced(form) => self.submit(app, &form, true),
            effect => self
                .try_run(app, effect)
                .unwrap_or_else(|e| vec![Outcome::Error(e.to_string())]),
        };
        // Reads carry on past a damaged value; the CLI says so on stderr, the TUI here.
        // The finder's reads note theirs in the same place, so they are reported too.
        let damage = store::damage::take();
        if !damage.is_empty() {
            out.push(Outcome::Damaged(damage));
        }
        out
    }

    fn try_run(&mut self, app: &App, effect: Effect) -> Result<Vec<Outcome>> {
        let now = app.now;
        let one = |o: Outcome| Ok(vec![o]);
        match effect {
            Effect::LoadDetail(record) => {
                if let Record::Update(id) = record {
                    // The reader sees the draft with today's facts.
                    workflow::updates::refresh_draft(self.store, now, self.policy, id)?;
                }
                one(Outcome::Detail(
                    record,
                    load::detail(self.store, self.policy, record)?,
                ))
            }
            Effect::ActionDone(id) => {
                let a = workflow::meetings::action_done(self.store, now, id)?;
                let message = crate::i18n::trf(
                    "action {id} done: {text} (u undoes)",
                    &[("id", &id), ("text", &text::preview(&a.text, 40))],
                );
                let done = Done {
                    record: Record::Action(id),
                    undo: Vec::new(),
                };
                one(Outcome::Changed { done, message })
            }
            Effect::Archive(record) => {
                // A plan entry is archived by the plan's rules (they re-read the project's
                // status-report cadence).
                let done = match record {
                    Record::PlanEntry(id) => {
                        workflow::plans::set_archived(self.store, now, self.policy, id, true)?;
                        Done {
                            record,
                            undo: Vec::new(),
                        }
                    }
                    Record::Meeting(id) => {
                        // A meeting takes its open actions along.
                        workflow::meetings::archive(self.store, now, id)?;
                        Done {
                            record,
                            undo: Vec::new(),
                        }
                    }
                    _ => workflow::undo::archive(self.store, now, record)?,
                };
                let message = trf(
                    "{record} archived (u undoes)",
                    &[("record", &crate::tui::words::record(record))],
                );
                one(Outcome::Changed { done, message })
            }
            Effect::Restore(record) => {
                workflow::undo::restore(self.store, record)?;
                let done = Done {
                    record,
                    undo: Vec::new(),
                };
                let message = trf(
                    "{record} restored (u undoes)",
                    &[("record", &crate::tui::words::record(record))],
                );
                one(Outcome::Changed { done, message })
            }
            Effect::Undo => {
                let undone = self.store.undo_last()?.map(|u| {
                    let at = u.at.map(|t| app.zone.show(t, "%H:%M")).unwrap_or_default();
                    trf(
                        "the change of {at} ({source}) to {records}",
                        &[
                            ("at", &at),
                            ("source", &u.source),
                            ("records", &u.records.join(", ")),
                        ],
                    )
                });
                one(Outcome::Undone(undone))
            }
            Effect::MarkSent(id) => {
                let (u, done) =
                    workflow::updates::mark_sent(self.store, now, self.policy, id, now)?;
                let message = trf(
                    "update {id} marked sent and logged: {subject}",
                    &[("id", &id), ("subject", &text::preview(&u.subject, 40))],
                );
                one(Outcome::Changed { done, message })
            }
            Effect::Skip(id) => {
                let (_, done) = workflow::updates::skip(self.store, now, self.policy, id)?;
                let message = trf("update {id} skipped (u undoes)", &[("id", &id)]);
                one(Outcome::Changed { done, message })
            }
            Effect::Handled(id) => {
                workflow::feedback::mark_handled(self.store, now, id, "")?;
                let done = Done {
                    record: Record::Log(id),
                    undo: Vec::new(),
                };
                let message = trf(
                    "log entry {id} marked handled: its reply draft is skipped (u undoes)",
                    &[("id", &id)],
                );
                one(Outcome::Changed { done, message })
            }
            Effect::Draft(issue_id) => {
                let (u, done) = workflow::updates::draft_issue_update(
                    self.store,
                    now,
                    self.policy,
                    issue_id,
                    None,
                )?;
                let detail = load::detail(self.store, self.policy, Record::Update(u.id))?;
                one(Outcome::Drafted {
                    done,
                    update: Box::new(u),
                    issue_id,
                    detail,
                })
            }
            Effect::Copy(id) => {
                let u = workflow::updates::refresh_draft(self.store, now, self.policy, id)?;
                let text = format!("{}\n\n{}", u.subject, u.body);
                one(Outcome::Copied { id, text })
            }
            Effect::Occurred { risk, severity } => {
                let issue =
                    workflow::risks::occurred(self.store, now, self.policy, risk, Some(severity))?;
                one(Outcome::Occurred { risk, issue })
            }
            Effect::ApplyRules => {
                let queued = workflow::rules::apply_all(self.store, now, self.policy)?;
                one(Outcome::RulesQueued(queued))
            }
            Effect::Tick => one(Outcome::Ticked {
                now: self.clock.now(),
                data_version: self.store.data_version()?,
            }),
            Effect::Load(Pane::Insights) | Effect::Filter(Pane::Insights) => {
                one(insights(self.store, app, self.policy)?)
            }
            read => self::read(self.store, app, read),
        }
    }

    fn submit(&mut self, app: &App, form: &Form, force: bool) -> Vec<Outcome> {
        let ctx = forms::Ctx {
            now: app.now,
            zone: app.zone,
            projects: &app.projects,
            force,
        };
        match forms::save(self.store, self.policy, &ctx, form) {
            Ok(done) => vec![Outcome::Saved(done)],
            Err(Error::Conflict(_))
                if let Some(asked) = self.close_with_open_issues(form, force) =>
            {
                vec![asked]
            }
            Err(Error::Invalid {
                what,
                value,
                allowed,
            }) => vec![Outcome::Refused {
                field: form.kind.field_for(&what),
                message: format!("invalid {what} '{value}': expected {allowed}"),
            }],
            Err(e @ (Error::NotFound { .. } | Error::Conflict(_))) => vec![Outcome::Refused {
                field: None,
                message: e.to_string(),
            }],
            Err(e) => vec![
                Outcome::Refused {
                    field: None,
                    message: e.to_string(),
                },
                Outcome::Error(e.to_string()),
            ],
        }
    }
}

impl Effects<'_> {
    /// The question to ask when a project edit that closes the project was refused: how
    /// many issues are still open (read here rather than from the refusal's words).
    fn close_with_open_issues(&self, form: &Form, force: bool) -> Option<Outcome> {
        let FormKind::ProjectEdit(id) = form.kind else {
            return None;
        };
        if force || form.value(ProjectField::Status) != ProjectStatus::Closed.as_str() {
            return None;
        }
        let conn = self.store.conn();
        let project = store::projects::get_project(conn, id).ok()?;
        let open = store::issues::open_by_severity(conn, id)
            .ok()?
            .iter()
            .map(|(_, n)| n)
            .sum();
        Some(Outcome::CloseWithOpenIssues {
            project: project.name,
            open,
        })
    }
}

/// The effects that only read: loads, reloads and jumps (all the app needs when it opens).
/// Any other effect is refused here.
pub fn read(store: &Store, app: &App, effect: Effect) -> Result<Vec<Outcome>> {
    let conn = store.conn();
    Ok(match effect {
        Effect::Load(Pane::Today) | Effect::Filter(Pane::Today) => {
            vec![Outcome::Agenda(load::agenda(store, app)?)]
        }
        // Insights needs the rules' policy: `Effects::run` reads it, never the opening.
        Effect::Load(Pane::Insights) | Effect::Filter(Pane::Insights) => vec![],
        Effect::Load(pane) | Effect::Filter(pane) => match load::list(app, pane) {
            Some(task) => vec![Outcome::Rows(task(conn)?)],
            None => vec![],
        },
        Effect::LoadAll => vec![Outcome::Reloaded {
            projects: store::projects::list_projects(conn, false)?,
            data_version: store.data_version()?,
        }],
        Effect::Jump(Record::Project(project)) => vec![Outcome::JumpedToProject {
            agenda: load::agenda(store, app)?,
            project,
        }],
        Effect::Jump(record) => match load::jump(app, record) {
            Some(task) => vec![Outcome::Jumped(task(conn)?)],
            None => vec![],
        },
        other => {
            return Err(Error::Conflict(format!(
                "{other:?} writes; it needs the workflow, not a read"
            )));
        }
    })
}
