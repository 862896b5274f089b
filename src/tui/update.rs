//! update(&mut App, Action) -> effects, and apply(&mut App, Outcome) -> effects: the only
//! two functions that change the app. Pure: no terminal, no database. Effects are data that
//! `effects` carries out, reporting outcomes as data, so every path is testable without I/O.

use super::action::Action;
use super::app::{App, Confirm, Detail, Mode, OnYes};
use super::effects::Effect;
use super::forms::{Form, FormEvent, pasted};
use super::key::{Code, Key};
use super::pane::Pane;
use crate::i18n::{tr, trf};
use crate::workflow::Record;

mod apply;
mod external;
mod plan;
mod steps;
pub use apply::{answers, apply};

/// Which action a key means in the current mode: commands in normal and detail modes,
/// raw input in forms, the filter line, confirmations and help. Ctrl-C always quits.
pub fn action_for_key(app: &App, key: Key) -> Option<Action> {
    if key == Key::ctrl('c') {
        return Some(Action::Quit);
    }
    match app.mode {
        Mode::Normal => app.keymap.action(key),
        // The quit key closes a detail view (Ctrl-C, above, still quits).
        Mode::Detail(_) => app.keymap.action(key).map(|a| match a {
            Action::Quit => Action::Back,
            a => a,
        }),
        _ => Some(Action::Input(key)),
    }
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => {
            app.quit = true;
            return vec![];
        }
        Action::Resize(w, h) => {
            app.width = w;
            app.height = h;
            return vec![Effect::Load(app.pane)];
        }
        Action::Tick => return vec![Effect::Tick],
        Action::Paste(text) => return paste(app, &text),
        Action::Edited(result) => return external::edited(app, result),
        _ => {}
    }
    match std::mem::replace(&mut app.mode, Mode::Normal) {
        Mode::Normal => normal(app, action),
        Mode::Form(form) => form_key(app, *form, action),
        Mode::Filter => filter_key(app, action),
        Mode::Confirm(c) => confirm_key(app, c, action),
        Mode::Help => help_key(app, action),
        Mode::Detail(d) => detail_key(app, d, action),
    }
}

/// Pasted text is text: into the focused field of a form or into the filter, never read
/// as keys (a pasted "x" or newline archives or saves nothing).
fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    match &mut app.mode {
        Mode::Form(form) => {
            form.paste(text, app.now, app.zone);
            vec![]
        }
        Mode::Filter => {
            app.filter_mut().push_str(&pasted(text, false));
            reset_selection(app);
            vec![Effect::Filter(app.pane)]
        }
        _ => {
            app.info(crate::i18n::tr(
                "paste ignored: open a form or a filter first",
            ));
            vec![]
        }
    }
}

fn normal(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page();
    match action {
        Action::Help => {
            app.mode = Mode::Help;
            app.help_scroll = 0;
            vec![]
        }
        Action::NextPane => go(app, Pane::ALL[(app.pane.index() + 1) % Pane::ALL.len()]),
        Action::PrevPane => go(
            app,
            Pane::ALL[(app.pane.index() + Pane::ALL.len() - 1) % Pane::ALL.len()],
        ),
        Action::GoPane(n) => match Pane::ALL.get(n) {
            Some(p) => go(app, *p),
            None => vec![],
        },
        Action::Down => move_by(app, 1),
        Action::Up => move_by(app, -1),
        Action::PageDown => move_by(app, page as isize),
        Action::PageUp => move_by(app, -(page as isize)),
        Action::Top => move_to(app, 0),
        Action::Bottom => move_to(app, usize::MAX),
        Action::ClickRow(i) if i == app.view(app.pane).selected => open(app),
        Action::ClickRow(i) => move_to(app, i),
        Action::Open => open(app),
        Action::Add | Action::AddProject => add(app, action == Action::AddProject),
        Action::Edit => edit(app),
        Action::Archive => match app.selected_record() {
            Some(Record::Action(_)) => {
                app.info(crate::i18n::tr(
                    "a meeting action stays as agreed: d marks it done",
                ));
                vec![]
            }
            // An archived contact is listed, marked: x brings it back.
            Some(record @ Record::Contact(_))
                if app.plan.people.selected_row().is_some_and(|c| c.archived) =>
            {
                app.mode = Mode::Confirm(Confirm {
                    on_yes: OnYes::Restore(record),
                    question: trf(
                        "Restore {record}? It is listed again and updates can be addressed to it again. (y/n)",
                        &[("record", &super::words::record(record))],
                    ),
                });
                vec![]
            }
            // So is an archived client.
            Some(Record::Client(_)) => plan::ask_archive_client(app),
            Some(record) if app.pane != Pane::Today => {
                app.mode = Mode::Confirm(Confirm {
                    on_yes: OnYes::Archive(record),
                    question: trf(
                        "Archive {record}? It leaves the lists but stays in the file. (y/n)",
                        &[("record", &super::words::record(record))],
                    ),
                });
                vec![]
            }
            _ => {
                app.info(crate::i18n::tr("nothing to archive here"));
                vec![]
            }
        },
        // The file's history is the undo stack: u takes back the newest change, whoever made it.
        Action::Undo => vec![Effect::Undo],
        Action::Filter if app.pane == Pane::Insights => {
            app.info(crate::i18n::tr(
                "nothing to filter in Insights: ] and [ switch the project",
            ));
            vec![]
        }
        Action::Filter => {
            app.mode = Mode::Filter;
            vec![]
        }
        Action::MarkSent | Action::Skip => match app.selected_record() {
            // Sent happens outside rapport: ask, as for archive, so a stray key logs nothing.
            Some(Record::Update(id)) if action == Action::MarkSent => {
                app.mode = Mode::Confirm(Confirm {
                    on_yes: OnYes::MarkSent(id),
                    question: trf(
                        "Mark update {id} sent? It is logged as sent now. (y/n)",
                        &[("id", &id)],
                    ),
                });
                vec![]
            }
            Some(Record::Update(id)) => vec![Effect::Skip(id)],
            _ => {
                app.info(crate::i18n::tr(
                    "select an update in the Queue to mark it sent or skip it",
                ));
                vec![]
            }
        },
        Action::Handled => match app.selected_record() {
            Some(Record::Log(id)) => vec![Effect::Handled(id)],
            _ => {
                app.info(crate::i18n::tr("select a complaint or request (Log, or Today's unanswered feedback) to mark it handled"));
                vec![]
            }
        },
        Action::Draft => match app.selected_record() {
            Some(Record::Issue(id)) => vec![Effect::Draft(id)],
            _ => {
                app.info(crate::i18n::tr("select an issue to draft its update (D)"));
                vec![]
            }
        },
        Action::Copy => match app.selected_record() {
            Some(Record::Update(id)) => vec![Effect::Copy(id)],
            _ => {
                app.info(crate::i18n::tr("select an update in the Queue to copy it"));
                vec![]
            }
        },
        Action::Refresh => vec![Effect::LoadAll],
        Action::NextSection | Action::PrevSection if app.pane == Pane::Insights => {
            next_project(app, action == Action::NextSection)
        }
        Action::NextSection | Action::PrevSection => {
            plan::step_section(app, action == Action::NextSection)
        }
        Action::Occurred => {
            let risk = app.selected_record();
            plan::ask_occurred(app, risk, None)
        }
        Action::AddResponse => {
            let risk = app.selected_record();
            plan::add_response(app, risk, None)
        }
        Action::ActionDone => {
            let record = app.selected_record();
            plan::action_done(app, record)
        }
        Action::Minutes => {
            let record = app.selected_record();
            plan::minutes_form(app, record, None)
        }
        Action::Options | Action::ChooseOption | Action::Note | Action::Settle => {
            let record = app.selected_record();
            steps::step_form(app, &action, record, None)
        }
        Action::ExternalEditor => external::for_selection(app),
        Action::Back => {
            let mut changed = !app.filter().is_empty();
            let selected = app.selected_record();
            app.filter_mut().clear();
            if let Some(scope) = app.project_scope_mut() {
                changed |= scope.take().is_some();
            }
            match selected {
                // The record found through the filter stays under the cursor, now among
                // all the others.
                Some(record) if changed && app.pane != Pane::Today => vec![Effect::Jump(record)],
                _ if changed => vec![Effect::Load(app.pane)],
                _ => vec![],
            }
        }
        _ => vec![],
    }
}

fn go(app: &mut App, pane: Pane) -> Vec<Effect> {
    app.pane = pane;
    app.status = None;
    // Today is read again after every change (at once, or once the frame is drawn behind
    // another pane) and every minute: back on it, what was read is current unless a
    // reading still waits.
    let today_current = app.today.agenda.is_some() && !app.today_waits;
    if pane == Pane::Today && today_current {
        return vec![];
    }
    vec![Effect::Load(pane)]
}

/// Insights: the next project in the list's order, then the whole file again.
/// `]`/`[` in Insights: the next (previous) project's figures; past either end, the whole file.
fn next_project(app: &mut App, forward: bool) -> Vec<Effect> {
    let current = app.insights.view.scope();
    let at = current.and_then(|id| app.projects.iter().position(|p| p.id == id));
    let next = match (at, forward) {
        (None, true) => app.projects.first(),
        (None, false) => app.projects.last(),
        (Some(i), true) => app.projects.get(i + 1),
        (Some(i), false) => i.checked_sub(1).and_then(|i| app.projects.get(i)),
    };
    app.insights.view.project = next.map(|p| (p.id, p.name.clone()));
    app.insights.stats = None;
    vec![Effect::Load(Pane::Insights)]
}

fn move_by(app: &mut App, delta: isize) -> Vec<Effect> {
    let current = app.view(app.pane).selected;
    move_to(app, current.saturating_add_signed(delta))
}

fn move_to(app: &mut App, to: usize) -> Vec<Effect> {
    let page = app.page();
    let moved = match app.pane {
        Pane::Today => {
            // The whole agenda is on screen: no window to move.
            app.today.selected = to;
            app.today.clamp();
            false
        }
        pane => app.view_mut(pane).select(to, page),
    };
    if moved {
        vec![Effect::Load(app.pane)]
    } else {
        vec![]
    }
}

fn open(app: &mut App) -> Vec<Effect> {
    if app.pane == Pane::Today {
        let items = app.today.items();
        let Some(item) = items.get(app.today.selected) else {
            return vec![];
        };
        if let Record::Project(id) = item.record {
            let scope = Some((id, item.project.clone()));
            app.pane = Pane::Issues;
            app.issues.project = scope;
            app.issues.filter.clear();
            app.issues.selected = 0;
            app.issues.offset = 0;
            app.issues.rows.clear();
            return vec![Effect::Load(Pane::Issues)];
        }
        return match app.selected_record() {
            Some(record) => vec![Effect::Jump(record)],
            None => vec![],
        };
    }
    match app.selected_record() {
        // A contact's or a client's row has every field: Enter opens its form.
        Some(Record::Contact(_) | Record::Client(_)) => edit(app),
        Some(record) => {
            app.mode = Mode::Detail(Detail {
                record,
                data: None,
                scroll: 0,
            });
            vec![Effect::LoadDetail(record)]
        }
        None => vec![],
    }
}

fn add(app: &mut App, project_form: bool) -> Vec<Effect> {
    // Clients and their people come before any project.
    let needs_no_project = app.pane == Pane::Plan
        && matches!(
            app.plan.section,
            super::app::PlanSection::People | super::app::PlanSection::Clients
        );
    if project_form || app.pane == Pane::Today || (app.is_empty_database() && !needs_no_project) {
        if !project_form && app.pane != Pane::Today {
            app.info(crate::i18n::tr(
                "first add a project: records belong to a project",
            ));
        }
        app.mode = Mode::Form(Box::new(Form::new_project()));
        return vec![];
    }
    let project = app.likely_project();
    let form = match app.pane {
        Pane::Issues => Form::issue(&app.projects, project, None, app.zone),
        Pane::Queue => Form::update(&app.projects, project, None, app.zone),
        Pane::Expectations => Form::expectation(&app.projects, project, None),
        Pane::Log => Form::log(&app.projects, project),
        Pane::Plan => match plan::add_form(app, project) {
            Some(f) => f,
            None => return vec![],
        },
        Pane::Today | Pane::Insights => Form::new_project(),
    };
    app.mode = Mode::Form(Box::new(form));
    vec![]
}

fn edit(app: &mut App) -> Vec<Effect> {
    let form = match app.pane {
        Pane::Issues => app
            .issues
            .selected_row()
            .map(|i| Form::issue(&app.projects, None, Some(i), app.zone)),
        Pane::Queue => app
            .queue
            .selected_row()
            .map(|u| Form::update(&app.projects, None, Some(u), app.zone)),
        Pane::Expectations => app
            .expectations
            .selected_row()
            .map(|e| Form::expectation(&app.projects, None, Some(e))),
        Pane::Log => {
            app.info(crate::i18n::tr(
                "log entries record what happened; archive (x) and add a corrected one (a)",
            ));
            None
        }
        Pane::Plan => plan::edit_form(app),
        Pane::Insights => {
            app.info(crate::i18n::tr(
                "the figures come from the records: edit those in their panes",
            ));
            None
        }
        Pane::Today => match app.today.items().get(app.today.selected).map(|i| i.record) {
            Some(Record::Project(id)) => match app.projects.iter().find(|p| p.id == id) {
                Some(p) => Some(Form::edit_project(p)),
                None => {
                    app.info(crate::i18n::tr(
                        "that project is no longer in the list: Ctrl-R refreshes",
                    ));
                    None
                }
            },
            _ => {
                app.info(crate::i18n::tr(
                    "press Enter to go to the record, then e to edit it",
                ));
                None
            }
        },
    };
    if let Some(f) = form {
        app.mode = Mode::Form(Box::new(f));
    }
    vec![]
}

fn form_key(app: &mut App, mut form: Form, action: Action) -> Vec<Effect> {
    if let Action::FocusField(i) = action {
        form.focus_on(i, app.now, app.zone);
        app.mode = Mode::Form(Box::new(form));
        return vec![];
    }
    let Action::Input(key) = action else {
        app.mode = Mode::Form(Box::new(form));
        return vec![];
    };
    let before = form
        .fields
        .first()
        .map(|f| f.value.clone())
        .unwrap_or_default();
    match form.key(key, app.now, app.zone) {
        FormEvent::None => {
            steps::after_key(app, &mut form, &before);
            app.mode = Mode::Form(Box::new(form));
            vec![]
        }
        FormEvent::Cancel => {
            app.info(crate::i18n::tr("cancelled: nothing saved"));
            steps::back_to_detail(app)
                .map(|_| vec![])
                .unwrap_or_default()
        }
        FormEvent::ExternalEditor => {
            external::for_field(app, &form);
            app.mode = Mode::Form(Box::new(form));
            vec![]
        }
        FormEvent::Save => {
            let ok = form.check_all(app.now, app.zone);
            if ok {
                let submitted = form.clone();
                app.mode = Mode::Form(Box::new(form));
                vec![Effect::Submit(Box::new(submitted))]
            } else {
                form.error =
                    Some(crate::i18n::tr("fix the marked fields; nothing was saved").into());
                app.mode = Mode::Form(Box::new(form));
                vec![]
            }
        }
    }
}

/// In help, ↑/↓ (j/k) and PgUp/PgDn scroll a list longer than the window; any other key
/// closes it.
fn help_key(app: &mut App, action: Action) -> Vec<Effect> {
    let Action::Input(key) = action else {
        return vec![];
    };
    let page = app.page() as u16;
    let scroll = &mut app.help_scroll;
    match key.code {
        Code::Down | Code::Char('j') => *scroll = scroll.saturating_add(1),
        Code::Up | Code::Char('k') => *scroll = scroll.saturating_sub(1),
        Code::PageDown => *scroll = scroll.saturating_add(page),
        Code::PageUp => *scroll = scroll.saturating_sub(page),
        _ => return vec![],
    }
    app.mode = Mode::Help;
    vec![]
}

fn filter_key(app: &mut App, action: Action) -> Vec<Effect> {
    let Action::Input(key) = action else {
        app.mode = Mode::Filter;
        return vec![];
    };
    match key.code {
        Code::Esc => {
            app.filter_mut().clear();
        }
        // The filter is kept as typed; the rows already match it.
        Code::Enter => return vec![],
        Code::Backspace => {
            app.filter_mut().pop();
            app.mode = Mode::Filter;
        }
        Code::Char(c) if !key.ctrl && !key.alt => {
            app.filter_mut().push(c);
            app.mode = Mode::Filter;
        }
        _ => {
            app.mode = Mode::Filter;
            return vec![];
        }
    }
    reset_selection(app);
    vec![Effect::Filter(app.pane)]
}

/// Back to the top of a changed list. The old rows stay on screen until the new ones come
/// (the top of a list is always read from its first row, never from a key of the old rows).
fn reset_selection(app: &mut App) {
    let view = app.view_mut(app.pane);
    (view.selected, view.offset) = (0, 0);
}

fn confirm_key(app: &mut App, c: Confirm, action: Action) -> Vec<Effect> {
    let yes =
        matches!(action, Action::Input(k) if matches!(k.code, Code::Char('y') | Code::Char('Y')));
    match (c.on_yes, yes) {
        (OnYes::Archive(record), true) => vec![Effect::Archive(record)],
        (OnYes::Archive(_), false) => {
            app.info(crate::i18n::tr("not archived"));
            vec![]
        }
        (OnYes::Restore(record), true) => vec![Effect::Restore(record)],
        (OnYes::Restore(_), false) => {
            app.info(tr("not restored"));
            vec![]
        }
        (OnYes::MarkSent(id), true) => vec![Effect::MarkSent(id)],
        (OnYes::MarkSent(id), false) => {
            app.info(trf("update {id}: not marked sent", &[("id", &id)]));
            vec![]
        }
        // The form stays open under the save, as for any save: a refusal lands on it.
        (OnYes::ForceSave(form), true) => {
            app.mode = Mode::Form(form.clone());
            vec![Effect::SubmitForced(form)]
        }
        (OnYes::ForceSave(form), false) => {
            app.mode = Mode::Form(form);
            app.info(crate::i18n::tr("not saved: the form is as you left it"));
            vec![]
        }
        (OnYes::Occurred { risk, severity, .. }, true) => {
            vec![Effect::Occurred { risk, severity }]
        }
        (on_yes @ OnYes::Occurred { .. }, false) => plan::occurred_key(app, on_yes, action),
    }
}

fn detail_key(app: &mut App, mut d: Detail, action: Action) -> Vec<Effect> {
    match action {
        Action::Back | Action::Open => vec![],
        Action::Down => {
            d.scroll = d.scroll.saturating_add(1);
            app.mode = Mode::Detail(d);
            vec![]
        }
        Action::Up => {
            d.scroll = d.scroll.saturating_sub(1);
            app.mode = Mode::Detail(d);
            vec![]
        }
        Action::PageDown => {
            d.scroll = d.scroll.saturating_add(app.page() as u16);
            app.mode = Mode::Detail(d);
            vec![]
        }
        Action::PageUp => {
            d.scroll = d.scroll.saturating_sub(app.page() as u16);
            app.mode = Mode::Detail(d);
            vec![]
        }
        Action::Top => {
            d.scroll = 0;
            app.mode = Mode::Detail(d);
            vec![]
        }
        Action::Edit => edit(app),
        Action::Options | Action::ChooseOption | Action::Note | Action::Settle => {
            steps::from_detail(app, d, &action)
        }
        // The detail stays open under the editor; a save closes it as `e` does.
        Action::ExternalEditor => {
            app.mode = Mode::Detail(d);
            external::for_selection(app)
        }
        Action::Occurred | Action::AddResponse | Action::Minutes => {
            let (record, data) = (d.record, d.data.clone());
            let fx = match action {
                Action::Occurred => plan::ask_occurred(app, Some(record), data.as_ref()),
                Action::Minutes => plan::minutes_form(app, Some(record), data.as_ref()),
                _ => plan::add_response(app, Some(record), data.as_ref()),
            };
            // Nothing to do for this record: the detail stays open.
            if matches!(app.mode, Mode::Normal) {
                app.mode = Mode::Detail(d);
            }
            fx
        }
        Action::MarkSent
        | Action::Skip
        | Action::Handled
        | Action::Archive
        | Action::Undo
        | Action::Draft
        | Action::ActionDone => normal(app, action),
        Action::Copy => {
            let fx = normal(app, action);
            app.mode = Mode::Detail(d);
            fx
        }
        _ => {
            app.mode = Mode::Detail(d);
            vec![]
        }
    }
}

#[cfg(test)]
mod tests;
