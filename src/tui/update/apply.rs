//! apply(&mut App, Outcome): puts what an effect found or did into the app, and says what
//! to do next (a save reloads and shows the record, a reload re-reads the panes on screen).

use super::super::app::{App, Confirm, Detail, Mode, OnYes};
use super::super::effects::{Effect, Outcome};
use super::super::load::Rows;
use super::super::pane::Pane;
use crate::workflow::Record;

pub fn apply(app: &mut App, outcome: Outcome) -> Vec<Effect> {
    match outcome {
        Outcome::Rows(rows) => put(app, rows),
        Outcome::Found(rows) => {
            if answers(app, &rows) {
                put(app, rows);
            }
        }
        Outcome::Jumped(rows) => {
            app.pane = rows.pane();
            if let Some(section) = rows.section() {
                app.plan.section = section;
            }
            put(app, rows);
        }
        Outcome::Insights(stats) => app.insights.stats = Some(stats),
        Outcome::Agenda(agenda) => {
            // Read now: nothing left to read once the frame is drawn.
            app.today_waits = false;
            app.today.replace(agenda);
        }
        Outcome::JumpedToProject { agenda, project } => {
            app.pane = Pane::Today;
            app.today.filter.clear();
            app.today.agenda = Some(agenda);
            app.today.selected = app.today.position(Record::Project(project)).unwrap_or(0);
        }
        Outcome::Reloaded {
            projects,
            data_version,
        } => {
            // Something changed: counts are taken again.
            app.generation += 1;
            app.projects = projects;
            app.data_version = data_version;
            // What the key changed on screen first (the form closed, the status line); Today
            // is read again once that frame is drawn and no key waits, behind another pane
            // and on Today itself when it already shows a reading (its lines follow in the
            // next frame). A Today never read is read at once.
            if app.pane != Pane::Today || app.today.agenda.is_some() {
                app.today_waits = true;
            }
            if app.pane == Pane::Today && app.today_waits {
                return vec![];
            }
            return vec![Effect::Load(app.pane)];
        }
        Outcome::Detail(record, data) => {
            if let Mode::Detail(d) = &mut app.mode
                && d.record == record
            {
                d.data = Some(data);
            }
        }
        Outcome::Saved(done) => {
            let record = done.record;
            app.mode = Mode::Normal;
            app.info(crate::i18n::trf(
                "{record} saved",
                &[("record", &crate::tui::words::record(record))],
            ));
            if let Some(back) = super::steps::back_to_detail(app) {
                return back;
            }
            // A project already on Today: its line is selected now and read again with the
            // rest once the frame is drawn (no agenda read before the form closes).
            if let Record::Project(_) = record {
                app.today.filter.clear();
                if let Some(at) = app.today.position(record) {
                    app.pane = Pane::Today;
                    app.today.selected = at;
                    return vec![Effect::LoadAll];
                }
            }
            return vec![Effect::LoadAll, Effect::Jump(record)];
        }
        Outcome::Refused { field, message } => {
            if let Mode::Form(form) = &mut app.mode {
                form.set_error(field, message);
            }
        }
        Outcome::CloseWithOpenIssues { project, open } => {
            app.mode = match std::mem::replace(&mut app.mode, Mode::Normal) {
                Mode::Form(form) => Mode::Confirm(Confirm {
                    on_yes: OnYes::ForceSave(form),
                    question: crate::i18n::trnf(
                        open as i64,
                        "Project {project} has {n} open issue. Close it anyway? (y/n)",
                        "Project {project} has {n} open issues. Close it anyway? (y/n)",
                        &[("project", &project)],
                    ),
                }),
                other => other,
            };
        }
        Outcome::Changed { done: _, message } => {
            app.info(message);
            return vec![Effect::LoadAll];
        }
        Outcome::Undone(Some(what)) => {
            app.info(crate::i18n::trf("undone: {what}", &[("what", &what)]));
            return vec![Effect::LoadAll];
        }
        Outcome::Undone(None) => app.info(crate::i18n::tr("nothing to undo")),
        Outcome::Drafted {
            done: _,
            update,
            issue_id,
            detail,
        } => {
            app.info(format!(
                "{} update {} drafted for issue {issue_id}: e edits, y copies, s marks sent",
                update.kind, update.id
            ));
            let record = Record::Update(update.id);
            app.mode = Mode::Detail(Detail {
                record,
                data: Some(detail),
                scroll: 0,
            });
            return vec![Effect::LoadAll, Effect::Jump(record)];
        }
        Outcome::Occurred { risk, issue } => {
            app.info(crate::i18n::trf(
                "risk {risk} happened: issue {issue} opened with its prepared responses as options; the notice to the client is queued (u undoes)",
                &[("risk", &risk), ("issue", &issue)],
            ));
            let record = Record::Issue(issue);
            app.mode = Mode::Detail(Detail {
                record,
                data: None,
                scroll: 0,
            });
            return vec![Effect::LoadAll, Effect::LoadDetail(record)];
        }
        Outcome::Copied { id, text } => {
            app.clipboard = Some(text);
            app.info(crate::i18n::trf(
                "update {id} copied to the clipboard",
                &[("id", &id)],
            ));
        }
        Outcome::RulesQueued(queued) => {
            if queued > 0 {
                app.info(format!("{queued} update(s) queued by the rules"));
            }
            return vec![Effect::LoadAll];
        }
        Outcome::Ticked { now, data_version } => {
            let minute_changed = now.timestamp() / 60 != app.now.timestamp() / 60;
            app.now = now;
            if data_version != app.data_version {
                app.data_version = data_version;
                return vec![Effect::LoadAll];
            } else if minute_changed {
                return vec![Effect::Load(Pane::Today)];
            }
        }
        Outcome::Error(text) => app.error(text),
        Outcome::Damaged(notes) => {
            // Every read of a damaged row notes it again: warn once per session.
            if let Some(note) = notes.into_iter().find(|n| !app.warned.contains(n)) {
                app.error(format!("warning: {note}"));
                app.warned.push(note);
            }
        }
    }
    vec![]
}

/// True when a filter's rows still answer what the pane shows: the same filter and scope
/// over the same data, and no load has filled the pane since.
pub fn answers(app: &App, rows: &Rows) -> bool {
    let found = rows.view();
    let current = app.view(rows.pane());
    // A Plan section's rows answer only while that section is on screen.
    rows.section().is_none_or(|s| s == app.plan.section)
        && found
            .counted
            .as_ref()
            .is_some_and(|s| s.generation == app.generation)
        && found.filter == current.filter
        && found.project == current.project
        && found.counted != current.counted
}

fn put(app: &mut App, rows: Rows) {
    match rows {
        Rows::Issues(p) => app.issues = p,
        Rows::Queue(p) => app.queue = p,
        Rows::Expectations(p) => app.expectations = p,
        Rows::Log(p) => app.log = p,
        Rows::Milestones(p) => app.plan.milestones = p,
        Rows::Risks(p) => app.plan.risks = p,
        Rows::Entries(p) => app.plan.entries = p,
        Rows::Meetings(p) => app.plan.meetings = p,
        Rows::Actions(p) => app.plan.actions = p,
        Rows::Reviews(p) => app.plan.reviews = p,
        Rows::People(p) => app.plan.people = p,
        Rows::Clients(p) => app.plan.clients = p,
    }
}
