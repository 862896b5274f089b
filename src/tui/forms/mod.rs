//! Add/edit forms: the field engine (`field.rs`, `form.rs`: labelled fields, enum fields
//! chosen from their values, dates typed in the CLI's forms, checked as you type) and one
//! file per record kind with its fields (a typed enum), which library refusal lands on which
//! field, and the mapping to the library call the CLI makes.

mod editor;
mod expectation;
mod field;
mod form;
mod issue;
mod log;
mod meeting;
mod milestone;
mod option;
mod people;
mod plan_entry;
mod project;
mod review;
mod risk;
mod update;

pub use editor::TextEditor;
pub use expectation::{ExpectationField, SettleField};
pub use field::{Field, FieldId, FieldKind, pasted};
pub use form::{Ctx, EXTERNAL_EDITOR_KEY, Form, FormEvent, FormKind};
pub use issue::IssueField;
pub use log::LogField;
pub use meeting::{MeetingField, MinutesField};
pub use milestone::MilestoneField;
pub use option::{ChooseField, NoteField, OptionField};
pub use people::{ClientField, ContactField};
pub use plan_entry::EntryField;
pub use project::ProjectField;
pub use review::ReviewField;
pub use risk::{ResponseField, RiskField};
pub use update::UpdateField;

use crate::error::Result;
use crate::store::Store;
use crate::workflow::{Done, Policy};

impl FormKind {
    /// The field of this form a library refusal names by its `what`, if any.
    pub fn field_for(self, what: &str) -> Option<FieldId> {
        let what = what.to_lowercase();
        match self {
            FormKind::Project | FormKind::ProjectEdit(_) => {
                project::field_for(&what).map(Into::into)
            }
            FormKind::Issue(_) => issue::field_for(&what).map(Into::into),
            FormKind::Update(_) => update::field_for(&what).map(Into::into),
            FormKind::Expectation(_) => expectation::field_for(&what).map(Into::into),
            FormKind::Log => log::field_for(&what).map(Into::into),
            FormKind::Milestone(_) => milestone::field_for(&what).map(Into::into),
            FormKind::Risk(_) => risk::field_for(&what).map(Into::into),
            FormKind::RiskResponse(_) => risk::response_field_for(&what).map(Into::into),
            FormKind::Review => review::field_for(&what).map(Into::into),
            FormKind::PlanEntry(_) => plan_entry::entry_field_for(&what).map(Into::into),
            FormKind::Meeting(_) => meeting::field_for(&what).map(Into::into),
            FormKind::Minutes(_) => meeting::minutes_field_for(&what).map(Into::into),
            FormKind::SolutionOption(_) => option::option_field_for(&what).map(Into::into),
            FormKind::ChooseOption(_) => option::choose_field_for(&what).map(Into::into),
            FormKind::Note(_) => option::note_field_for(&what).map(Into::into),
            FormKind::Settle(_) => expectation::settle_field_for(&what).map(Into::into),
            FormKind::Contact(_) => people::contact_field_for(&what).map(Into::into),
            FormKind::Client(_) | FormKind::NewClient => {
                people::client_field_for(&what).map(Into::into)
            }
        }
    }
}

/// Turns a checked form into the same library call the CLI makes.
pub fn save(store: &mut Store, policy: &Policy, ctx: &Ctx, form: &Form) -> Result<Done> {
    match form.kind {
        FormKind::Project => project::save(store, policy, ctx, form),
        FormKind::ProjectEdit(id) => project::save_edit(store, policy, ctx, form, id),
        FormKind::Issue(id) => issue::save(store, policy, ctx, form, id),
        FormKind::Update(id) => update::save(store, policy, ctx, form, id),
        FormKind::Expectation(id) => expectation::save(store, ctx, form, id),
        FormKind::Log => log::save(store, policy, ctx, form),
        FormKind::Milestone(id) => milestone::save(store, ctx, form, id),
        FormKind::Risk(id) => risk::save(store, ctx, form, id),
        FormKind::RiskResponse(risk) => risk::save_response(store, ctx, form, risk),
        FormKind::Review => review::save(store, policy, ctx, form),
        FormKind::PlanEntry(id) => plan_entry::save_entry(store, policy, ctx, form, id),
        FormKind::Meeting(id) => meeting::save(store, ctx, form, id),
        FormKind::Minutes(id) => meeting::save_minutes(store, ctx, form, id),
        FormKind::SolutionOption(id) => option::save_option(store, ctx, form, id),
        FormKind::ChooseOption(id) => option::save_choice(store, ctx, form, id),
        FormKind::Note(id) => option::save_note(store, ctx, form, id),
        FormKind::Settle(id) => expectation::save_settle(store, ctx, form, id),
        FormKind::Contact(id) => people::save_contact(store, ctx, form, id),
        FormKind::Client(id) => people::save_client(store, form, id),
        FormKind::NewClient => people::save_new_client(store, ctx, form),
    }
}

#[cfg(test)]
mod tests;
