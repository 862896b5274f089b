//! `E` (and Ctrl-E in a form): a long text in the user's own editor. `update` only asks
//! (`app.external_edit`); the event loop leaves the screen, runs the editor, comes back and
//! hands the result here as `Action::Edited`. A record's text is saved through its edit
//! form, so it goes through the same library call, history and rules as a form's save.

use super::super::app::{App, EditInto, ExternalEdit, Mode, Shown};
use super::super::effects::Effect;
use super::super::forms::{Form, IssueField, UpdateField};
use super::super::pane::Pane;
use crate::editor::Edited;
use crate::i18n::tr;
use crate::model::{Issue, Update};

/// `E` on the selected update or issue (in its list or its detail view).
pub(super) fn for_selection(app: &mut App) -> Vec<Effect> {
    let shown = match &app.mode {
        Mode::Detail(d) => d.data.as_ref().map(|data| &data.shown),
        _ => None,
    };
    let edit = match (shown, app.pane) {
        (Some(Shown::Update(u)), _) => Some(for_update(app, u)),
        (Some(Shown::Issue(i, ..)), _) => Some(for_issue(app, i)),
        (Some(_), _) => None,
        (None, Pane::Queue) => app.queue.selected_row().map(|u| for_update(app, u)),
        (None, Pane::Issues) => app.issues.selected_row().map(|i| for_issue(app, i)),
        (None, _) => None,
    };
    match edit {
        Some(edit) => app.external_edit = Some(edit),
        None => app.info(tr(
            "E opens an update's body (Queue) or an issue's description (Issues) in your editor; in a form, Ctrl-E",
        )),
    }
    vec![]
}

fn for_update(app: &App, u: &Update) -> ExternalEdit {
    let form = Form::update(&app.projects, None, Some(u), app.zone);
    save_into(
        form,
        UpdateField::Body,
        u.body.clone(),
        format!("update-{}", u.id),
    )
}

fn for_issue(app: &App, i: &Issue) -> ExternalEdit {
    let form = Form::issue(&app.projects, None, Some(i), app.zone);
    let stem = format!("issue-{}", i.id);
    save_into(form, IssueField::Description, i.description.clone(), stem)
}

fn save_into(
    form: Form,
    field: impl Into<super::super::forms::FieldId>,
    text: String,
    stem: String,
) -> ExternalEdit {
    let at = form.position(field).unwrap_or(0);
    ExternalEdit {
        text,
        stem,
        into: EditInto::Save(Box::new(form), at),
    }
}

/// Ctrl-E in a form: the focused long-text field in the user's editor.
pub(super) fn for_field(app: &mut App, form: &Form) {
    if let Some(field) = form.fields.get(form.focus) {
        app.external_edit = Some(ExternalEdit {
            text: field.value.clone(),
            stem: "form".to_string(),
            into: EditInto::Field(form.focus),
        });
    }
}

/// What came back from the editor: into the form's field, or saved into the record.
pub(super) fn edited(app: &mut App, result: Result<Edited, String>) -> Vec<Effect> {
    let Some(request) = app.external_edit.take() else {
        return vec![];
    };
    let text = match result {
        Err(message) => {
            app.error(message);
            return vec![];
        }
        Ok(Edited::Unchanged) => {
            app.info(tr("unchanged in the editor: nothing saved"));
            return vec![];
        }
        Ok(Edited::Emptied) => {
            app.info(tr("the editor left the text empty: nothing saved"));
            return vec![];
        }
        Ok(Edited::Changed(text)) => text,
    };
    match request.into {
        EditInto::Field(at) => {
            if let Mode::Form(form) = &mut app.mode
                && let Some(field) = form.fields.get_mut(at)
            {
                field.set_value(text);
                form.focus = at;
                app.info(tr(
                    "the text from your editor is in the field: Ctrl-S saves",
                ));
            }
            vec![]
        }
        EditInto::Save(mut form, at) => {
            if let Some(field) = form.fields.get_mut(at) {
                field.set_value(text);
                form.focus = at;
            }
            // Saved as the form saves; a refusal leaves the form open on it.
            let ok = form.check_all(app.now, app.zone);
            let submitted = form.clone();
            app.mode = Mode::Form(form);
            if ok {
                vec![Effect::Submit(submitted)]
            } else {
                app.error(tr("fix the marked fields, then Ctrl-S saves"));
                vec![]
            }
        }
    }
}
