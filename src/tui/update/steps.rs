//! The keys of an issue's and an expectation's steps: a solution option (add or change),
//! the option the client chose, a progress note, settling an expectation. Opened from a
//! detail view, the form goes back to that detail when saved or cancelled.

use super::super::app::{App, Detail, DetailData, Mode, Shown};
use super::super::effects::Effect;
use super::super::forms::{Form, FormKind, OptionField};
use super::Action;
use crate::i18n::{tr, trf};
use crate::model::{Expectation, SolutionOption};
use crate::workflow::Record;

/// The issue `id`'s options: from the detail on screen, else the Issues pane's rows.
fn options_of(app: &App, id: i64, data: Option<&DetailData>) -> Option<Vec<SolutionOption>> {
    if let Some(DetailData {
        shown: Shown::Issue(i, ..),
        ..
    }) = data
        && i.id == id
    {
        return Some(i.options.clone());
    }
    app.issues
        .rows
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.options.clone())
}

fn expectation_of(app: &App, id: i64, data: Option<&DetailData>) -> Option<Expectation> {
    if let Some(DetailData {
        shown: Shown::Expectation(e),
        ..
    }) = data
        && e.id == id
    {
        return Some(e.as_ref().clone());
    }
    app.expectations.rows.iter().find(|e| e.id == id).cloned()
}

/// `O`, `c`, `n` on an issue and `M` on an expectation: the step's form, or a word on
/// what to select.
pub(super) fn step_form(
    app: &mut App,
    action: &Action,
    record: Option<Record>,
    data: Option<&DetailData>,
) -> Vec<Effect> {
    let form = match (action, record) {
        (Action::Options, Some(Record::Issue(id))) => Some(Form::solution_option(
            id,
            &options_of(app, id, data).unwrap_or_default(),
        )),
        (Action::ChooseOption, Some(Record::Issue(id))) => match options_of(app, id, data) {
            Some(o) if !o.is_empty() => Some(Form::choose_option(id, &o)),
            _ => {
                app.info(trf(
                    "issue {id} has no solution options yet: O adds one",
                    &[("id", &id)],
                ));
                None
            }
        },
        (Action::Note, Some(Record::Issue(id))) => Some(Form::note(id)),
        (Action::Settle, Some(Record::Expectation(id))) => match expectation_of(app, id, data) {
            Some(e) => Some(Form::settle(&e)),
            None => {
                app.info(tr(
                    "that expectation is no longer in the list: Ctrl-R refreshes",
                ));
                None
            }
        },
        (Action::Settle, _) => {
            app.info(tr(
                "select an expectation (Expectations, 4) to settle it: met or missed",
            ));
            None
        }
        _ => {
            app.info(tr(
                "select an issue (Issues, 2) for its solution options and progress notes",
            ));
            None
        }
    };
    if let Some(f) = form {
        app.mode = Mode::Form(Box::new(f));
    }
    vec![]
}

/// The same keys in a detail view: the form opens over it and comes back to it.
pub(super) fn from_detail(app: &mut App, d: Detail, action: &Action) -> Vec<Effect> {
    let fx = step_form(app, action, Some(d.record), d.data.as_ref());
    if matches!(app.mode, Mode::Form(_)) {
        app.form_from = Some(d);
    } else {
        // Nothing to do for this record: the detail stays open.
        app.mode = Mode::Detail(d);
    }
    fx
}

/// After a key in the option form: choosing another option in its first field shows that
/// option's values to change (or empty fields for a new one).
pub(super) fn after_key(app: &App, form: &mut Form, before: &str) {
    let FormKind::SolutionOption(issue) = form.kind else {
        return;
    };
    if form.value(OptionField::Which) == before {
        return;
    }
    let data = app.form_from.as_ref().and_then(|d| d.data.as_ref());
    let options = options_of(app, issue, data).unwrap_or_default();
    form.refill_option(&options);
}

/// Where a saved or cancelled form goes: back to the detail it was opened from, read
/// again, or `None` when it was opened from a list.
pub(super) fn back_to_detail(app: &mut App) -> Option<Vec<Effect>> {
    let d = app.form_from.take()?;
    let record = d.record;
    app.mode = Mode::Detail(d);
    Some(vec![Effect::LoadAll, Effect::LoadDetail(record)])
}
