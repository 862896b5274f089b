//! The forms of an issue's detail: a solution option (a new one, or a change to one chosen
//! by its number), the option the client chose, and a progress note for the client. Each
//! saves through the library call `rapport issue option add|edit|choose` and
//! `rapport issue note` make.

use super::field::{Field, FieldId, FieldKind};
use super::form::{Ctx, Form, FormKind};
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::SolutionOption;
use crate::model::text;
use crate::store::Store;
use crate::workflow::{self, Done, Record};

/// The fields of the solution-option form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionField {
    /// "new", or the number of the option to change.
    Which,
    Text,
    Time,
    Effect,
}

impl From<OptionField> for FieldId {
    fn from(f: OptionField) -> FieldId {
        FieldId::of::<OptionField>(f as u8)
    }
}

/// The field of the "client chose" form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChooseField {
    Option,
}

impl From<ChooseField> for FieldId {
    fn from(f: ChooseField) -> FieldId {
        FieldId::of::<ChooseField>(f as u8)
    }
}

/// The fields of the progress-note form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteField {
    Text,
    At,
}

impl From<NoteField> for FieldId {
    fn from(f: NoteField) -> FieldId {
        FieldId::of::<NoteField>(f as u8)
    }
}

pub(super) fn option_field_for(what: &str) -> Option<OptionField> {
    Some(match what {
        "option number" => OptionField::Which,
        "option" => OptionField::Text,
        "time needed" => OptionField::Time,
        "expected effect" => OptionField::Effect,
        _ => return None,
    })
}

pub(super) fn choose_field_for(what: &str) -> Option<ChooseField> {
    (what == "option number").then_some(ChooseField::Option)
}

pub(super) fn note_field_for(what: &str) -> Option<NoteField> {
    Some(match what {
        "note" => NoteField::Text,
        "at" | "time" | "when" => NoteField::At,
        _ => return None,
    })
}

/// How an option is named in a choice: "2 · Roll back to 4.1" (its number first, read back
/// by [`number_of`]).
fn label(o: &SolutionOption) -> String {
    format!("{} · {}", o.number, text::preview(&o.text, 40))
}

/// The option number a choice names, if it names one ("new" does not).
fn number_of(choice: &str) -> Option<i64> {
    choice.split(' ').next().and_then(|n| n.parse().ok())
}

impl Form {
    /// A new solution option for issue `issue`, or (chosen in the first field) a change to
    /// one of `options`: choosing a number fills in that option's text, time and effect.
    pub fn solution_option(issue: i64, options: &[SolutionOption]) -> Form {
        let mut which = vec![tr("new").to_string()];
        which.extend(options.iter().map(label));
        let new = which[0].clone();
        Form {
            kind: FormKind::SolutionOption(issue),
            title: trf("Solution option for issue {id}", &[("id", &issue)]),
            fields: vec![
                Field::new(
                    OptionField::Which,
                    tr("Add or change"),
                    FieldKind::Choice(which),
                    new,
                )
                .required(),
                Field::new(OptionField::Text, tr("Option"), FieldKind::Text, "").required(),
                Field::new(OptionField::Time, tr("Time needed"), FieldKind::Text, ""),
                Field::new(
                    OptionField::Effect,
                    tr("Expected effect"),
                    FieldKind::Text,
                    "",
                ),
            ],
            // Straight to the text: most often the option is a new one (↑ to change one).
            focus: 1,
            error: None,
        }
    }

    /// After the "Option" choice changed: the fields show the chosen option as it is (or
    /// empty for a new one), so an edit starts from the stored text.
    pub fn refill_option(&mut self, options: &[SolutionOption]) {
        let chosen = number_of(self.value(OptionField::Which))
            .and_then(|n| options.iter().find(|o| o.number == n));
        let values = match chosen {
            Some(o) => [
                o.text.clone(),
                o.time_needed.clone(),
                o.expected_effect.clone(),
            ],
            None => Default::default(),
        };
        for (id, v) in [OptionField::Text, OptionField::Time, OptionField::Effect]
            .into_iter()
            .zip(values)
        {
            if let Some(f) = self.field_mut(id) {
                f.initial.clone_from(&v);
                f.value = v;
                f.error = None;
            }
        }
    }

    /// The option the client chose among `options` (the chosen one, else the first, is
    /// preselected).
    pub fn choose_option(issue: i64, options: &[SolutionOption]) -> Form {
        let labels: Vec<String> = options.iter().map(label).collect();
        let value = options
            .iter()
            .find(|o| o.chosen)
            .or(options.first())
            .map(label)
            .unwrap_or_default();
        Form {
            kind: FormKind::ChooseOption(issue),
            title: trf(
                "The option the client chose for issue {id}",
                &[("id", &issue)],
            ),
            fields: vec![
                Field::new(
                    ChooseField::Option,
                    tr("Chosen option"),
                    FieldKind::Choice(labels),
                    value,
                )
                .required(),
            ],
            focus: 0,
            error: None,
        }
    }

    /// A progress note for the client on issue `issue`: what was done, and when.
    pub fn note(issue: i64) -> Form {
        Form {
            kind: FormKind::Note(issue),
            title: trf(
                "Progress note on issue {id} (the client reads it)",
                &[("id", &issue)],
            ),
            fields: vec![
                Field::new(
                    NoteField::Text,
                    tr("What was done"),
                    FieldKind::Multiline,
                    "",
                )
                .required(),
                Field::new(
                    NoteField::At,
                    tr("When"),
                    FieldKind::When { optional: true },
                    "now",
                ),
            ],
            focus: 0,
            error: None,
        }
    }
}

pub(super) fn save_option(store: &mut Store, ctx: &Ctx, form: &Form, issue: i64) -> Result<Done> {
    use OptionField as F;
    let (text, time, effect) = (
        form.value(F::Text),
        form.value(F::Time),
        form.value(F::Effect),
    );
    match number_of(form.value(F::Which)) {
        None => {
            workflow::issues::add_option(store, ctx.now, issue, text, time, effect)?;
        }
        Some(n) => workflow::issues::edit_option(
            store,
            ctx.now,
            issue,
            n,
            workflow::issues::OptionPatch {
                text: Some(text),
                time_needed: Some(time),
                effect: Some(effect),
            },
        )?,
    }
    Ok(on_issue(issue))
}

pub(super) fn save_choice(store: &mut Store, ctx: &Ctx, form: &Form, issue: i64) -> Result<Done> {
    let choice = form.value(ChooseField::Option);
    let n = number_of(choice).ok_or_else(|| {
        Error::invalid_because("option number", choice, "one of the issue's options")
    })?;
    workflow::issues::choose_option(store, ctx.now, issue, n)?;
    Ok(on_issue(issue))
}

pub(super) fn save_note(store: &mut Store, ctx: &Ctx, form: &Form, issue: i64) -> Result<Done> {
    let at = ctx.when(form.value(NoteField::At))?.unwrap_or(ctx.now);
    workflow::notes::add(store, ctx.now, issue, form.value(NoteField::Text), at)?;
    Ok(on_issue(issue))
}

/// What these saves return: the issue (the file's history takes them back with `u`).
fn on_issue(issue: i64) -> Done {
    Done {
        record: Record::Issue(issue),
        undo: Vec::new(),
    }
}
