//! A form: its fields, the focus, and what a key does to it; what saving one reads.

use crate::i18n::tr;
use chrono::{DateTime, NaiveDate, Utc};

use super::editor::Edit;
use super::field::{Field, FieldId, FieldKind, pasted};
use crate::error::{Error, Result};
use crate::model::Project;
use crate::model::when::Zone;
use crate::tui::key::{Code, Key};

/// What the form creates or changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Project,
    /// An edit of the project with this id.
    ProjectEdit(i64),
    Issue(Option<i64>),
    Update(Option<i64>),
    Expectation(Option<i64>),
    Log,
    Milestone(Option<i64>),
    Risk(Option<i64>),
    /// A response prepared for the risk with this id.
    RiskResponse(i64),
    Review,
    /// An entry of the communication plan (new, or the one with this id).
    PlanEntry(Option<i64>),
    Meeting(Option<i64>),
    /// The minutes of the meeting with this id.
    Minutes(i64),
    /// A solution option of the issue with this id (a new one, or a change to one).
    SolutionOption(i64),
    /// The option the client chose for the issue with this id.
    ChooseOption(i64),
    /// A progress note for the client on the issue with this id.
    Note(i64),
    /// Settling the expectation with this id: met or missed, with the reason.
    Settle(i64),
    /// A contact (new, or the one with this id).
    Contact(Option<i64>),
    /// The client with this id: its zone, language and calendar.
    Client(i64),
    /// A new client: its name, settings and notes.
    NewClient,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A refusal that belongs to no single field.
    pub error: Option<String>,
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    None,
    Save,
    Cancel,
    /// Ctrl-E on a long-text field: open its text in the user's editor.
    ExternalEditor,
}

/// Ctrl-E in a form: the focused long-text field in `$VISUAL`/`$EDITOR` (a plain `E` is
/// text there).
pub const EXTERNAL_EDITOR_KEY: Key = Key::ctrl('e');

impl Form {
    pub fn value(&self, id: impl Into<FieldId>) -> &str {
        let id = id.into();
        self.fields
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.value.trim())
            .unwrap_or("")
    }

    /// Whether field `id` differs from what the form opened with.
    pub fn changed(&self, id: impl Into<FieldId>) -> bool {
        let id = id.into();
        self.fields
            .iter()
            .find(|f| f.id == id)
            .is_some_and(|f| f.value.trim() != f.initial.trim())
    }

    pub fn field_mut(&mut self, id: impl Into<FieldId>) -> Option<&mut Field> {
        let id = id.into();
        self.fields.iter_mut().find(|f| f.id == id)
    }

    /// Where field `id` is in the form.
    pub fn position(&self, id: impl Into<FieldId>) -> Option<usize> {
        let id = id.into();
        self.fields.iter().position(|f| f.id == id)
    }

    /// Puts a library refusal next to its field (or on the form when it names none).
    pub fn set_error(&mut self, field: Option<FieldId>, message: String) {
        match field.and_then(|id| self.position(id)) {
            Some(i) => {
                self.fields[i].error = Some(message);
                self.focus = i;
            }
            None => self.error = Some(message),
        }
    }

    /// Validates every field; true when all are fine.
    pub fn check_all(&mut self, now: DateTime<Utc>, zone: Zone) -> bool {
        let mut first_bad = None;
        for (i, f) in self.fields.iter_mut().enumerate() {
            f.error = f.check(now, zone);
            if f.error.is_some() && first_bad.is_none() {
                first_bad = Some(i);
            }
        }
        if let Some(i) = first_bad {
            self.focus = i;
        }
        first_bad.is_none()
    }

    /// Applies one key. Text goes into the focused field (a long-text field edits in place,
    /// Enter a new line); Tab/↑/↓ move; Ctrl-S or Enter on the last field saves; Ctrl-E on a
    /// long-text field asks for the user's editor; Esc cancels.
    pub fn key(&mut self, key: Key, now: DateTime<Utc>, zone: Zone) -> FormEvent {
        let last = self.fields.len().saturating_sub(1);
        if key == Key::ctrl('s') {
            return FormEvent::Save;
        }
        let focus = self.focus.min(last);
        let field = &mut self.fields[focus];
        if key == EXTERNAL_EDITOR_KEY {
            if field.editor.is_some() {
                return FormEvent::ExternalEditor;
            }
            self.error = Some(
                crate::i18n::tr(
                    "Ctrl-E opens your editor on a long-text field (body, description, notes)",
                )
                .to_string(),
            );
            return FormEvent::None;
        }
        // A long-text field edits in place; ↑ on its first line and ↓ on its last go on to
        // the field above and below, as in the rest of the form.
        if let Some(editor) = field.editor_mut() {
            let edit = editor.key(key);
            let text = editor.text();
            match edit {
                Edit::Done => {
                    field.value = text;
                    self.recheck(focus, now, zone);
                    return FormEvent::None;
                }
                Edit::PastTop => {
                    self.focus = focus.saturating_sub(1);
                    return FormEvent::None;
                }
                Edit::PastBottom => {
                    self.focus = (focus + 1).min(last);
                    return FormEvent::None;
                }
                Edit::NotMine => {}
            }
        }
        match key.code {
            Code::Esc => return FormEvent::Cancel,
            Code::Tab | Code::Down => self.focus = (focus + 1).min(last),
            Code::BackTab | Code::Up => self.focus = focus.saturating_sub(1),
            Code::Enter if focus == last => return FormEvent::Save,
            Code::Enter => self.focus = focus + 1,
            Code::Left | Code::Right if matches!(field.kind, FieldKind::Choice(_)) => {
                if let FieldKind::Choice(options) = &field.kind {
                    let at = options.iter().position(|o| *o == field.value).unwrap_or(0);
                    let n = options.len().max(1);
                    let next = if key.code == Code::Right {
                        (at + 1) % n
                    } else {
                        (at + n - 1) % n
                    };
                    field.value = options.get(next).cloned().unwrap_or_default();
                }
            }
            Code::Backspace if !matches!(field.kind, FieldKind::Choice(_)) => {
                field.value.pop();
            }
            Code::Char(c) if !key.ctrl && !key.alt => {
                if let FieldKind::Choice(options) = &field.kind {
                    // Typing picks the next option starting with that letter.
                    let lower = c.to_lowercase().to_string();
                    let at = options.iter().position(|o| *o == field.value).unwrap_or(0);
                    let n = options.len();
                    if let Some(next) = (1..=n)
                        .map(|k| (at + k) % n.max(1))
                        .find(|&i| options[i].to_lowercase().starts_with(&lower))
                    {
                        field.value = options[next].clone();
                    }
                } else {
                    field.value.push(c);
                }
            }
            _ => {}
        }
        self.recheck(focus, now, zone);
        FormEvent::None
    }

    /// Moves the focus to field `i` (a click), checking the field it leaves as Tab does.
    pub fn focus_on(&mut self, i: usize, now: DateTime<Utc>, zone: Zone) {
        if i < self.fields.len() && i != self.focus {
            let left = self.focus.min(self.fields.len() - 1);
            self.focus = i;
            self.recheck(left, now, zone);
        }
    }

    /// Pasted text goes into the focused field as text, never as keys: line breaks stay
    /// in a text area and become spaces elsewhere; a choice takes it only when it names
    /// one of its options.
    pub fn paste(&mut self, text: &str, now: DateTime<Utc>, zone: Zone) {
        let focus = self.focus.min(self.fields.len().saturating_sub(1));
        let Some(field) = self.fields.get_mut(focus) else {
            return;
        };
        match &field.kind {
            FieldKind::Choice(options) => {
                let wanted = pasted(text, false);
                match options
                    .iter()
                    .find(|o| o.eq_ignore_ascii_case(wanted.trim()))
                {
                    Some(o) => field.value = o.clone(),
                    None => {
                        self.error = Some(format!(
                            "paste ignored: {} is one of {}",
                            field.label,
                            options.join(", ")
                        ));
                        return;
                    }
                }
            }
            kind => {
                let multiline = matches!(kind, FieldKind::Multiline);
                let text = pasted(text, multiline);
                match field.editor_mut() {
                    // Into the text at the cursor.
                    Some(editor) => {
                        editor.insert(&text);
                        let text = editor.text();
                        field.value = text;
                    }
                    None => field.value.push_str(&text),
                }
            }
        }
        self.recheck(focus, now, zone);
    }

    /// Re-checks the field just edited so errors show (and clear) as you type.
    fn recheck(&mut self, focus: usize, now: DateTime<Utc>, zone: Zone) {
        let field = &mut self.fields[focus];
        field.error = if field.value.trim().is_empty() && field.required {
            None // "required" only once they try to save
        } else {
            field.check(now, zone)
        };
        self.error = None;
    }
}

/// What saving a form reads besides the form: the time, the zone its times are typed in,
/// the projects a project is chosen from, and whether the user confirmed a save the library
/// refused without `force` (closing a project with open issues).
pub struct Ctx<'a> {
    pub now: DateTime<Utc>,
    pub zone: Zone,
    pub projects: &'a [Project],
    pub force: bool,
}

impl Ctx<'_> {
    /// A typed time; empty or "none" is none.
    pub(super) fn when(&self, v: &str) -> Result<Option<DateTime<Utc>>> {
        if v.is_empty() || v.eq_ignore_ascii_case("none") {
            Ok(None)
        } else {
            self.zone.parse_when(v, self.now).map(Some)
        }
    }

    /// A time field of an edit form: `None` (leave the record's time as it is) when the
    /// user did not change it, else the typed time (empty or "none" is none).
    pub(super) fn edited_when(
        &self,
        form: &Form,
        id: impl Into<FieldId> + Copy,
    ) -> Result<Option<Option<DateTime<Utc>>>> {
        if form.changed(id) {
            self.when(form.value(id)).map(Some)
        } else {
            Ok(None)
        }
    }

    /// A typed date; empty or "none" is none.
    pub(super) fn date(&self, v: &str) -> Result<Option<NaiveDate>> {
        if v.is_empty() || v.eq_ignore_ascii_case("none") {
            Ok(None)
        } else {
            self.zone.parse_date(v, self.now).map(Some)
        }
    }

    pub(super) fn project_id(&self, name: &str) -> Result<i64> {
        self.projects
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.id)
            .ok_or_else(|| {
                Error::invalid_because("project", name, "a project from the list (P adds one)")
            })
    }
}

/// How a stored time is shown in a form: the wall-clock time in the app's zone, in a form
/// the time parser reads back (`2026-11-23 14:25`).
pub(super) fn shown_time(zone: Zone, t: DateTime<Utc>) -> String {
    zone.show(t, "%Y-%m-%d %H:%M")
}

/// A record number typed as "12" or "#12"; anything else is none.
pub(super) fn opt_id(v: &str) -> Option<i64> {
    v.trim_start_matches('#').parse().ok()
}

/// The project a record belongs to, chosen from the list by name.
pub(super) fn project_field(
    projects: &[Project],
    selected: Option<i64>,
    id: impl Into<FieldId>,
) -> Field {
    let names: Vec<String> = projects.iter().map(|p| p.name.clone()).collect();
    let value = selected
        .and_then(|id| projects.iter().find(|p| p.id == id))
        .or(projects.first())
        .map(|p| p.name.clone())
        .unwrap_or_default();
    Field::new(id, tr("Project"), FieldKind::Choice(names), value).required()
}
