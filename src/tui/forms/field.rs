//! The field engine: a labelled value of some kind (text, choice, time, date...), checked
//! on its own as it is typed.

use std::any::TypeId;

use chrono::{DateTime, Utc};

use super::editor::TextEditor;
use crate::model::Cadence;
use crate::model::when::Zone;

/// Which field of which form: a value of a form's own field enum (`IssueField::Title`),
/// comparable across forms. Each form's file says how its enum becomes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldId {
    form: TypeId,
    field: u8,
}

impl FieldId {
    /// Field number `field` of the form whose field enum is `F`.
    pub fn of<F: 'static>(field: u8) -> FieldId {
        FieldId {
            form: TypeId::of::<F>(),
            field,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Text,
    Multiline,
    Choice(Vec<String>),
    /// A point in time; `optional` allows empty (or "none").
    When {
        optional: bool,
    },
    Date {
        optional: bool,
    },
    Cadence,
    /// A record id, or empty.
    Id,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Which field of which form: refusals find their field by it.
    pub id: FieldId,
    pub label: &'static str,
    pub kind: FieldKind,
    pub value: String,
    /// The value the form opened with: an edit leaves a time the user did not touch as
    /// it was (the text shows it to the minute, the record may hold seconds).
    pub initial: String,
    pub required: bool,
    pub error: Option<String>,
    /// A long-text field's editor (its text is `value`, kept in step by the form).
    pub editor: Option<TextEditor>,
}

impl Field {
    pub(super) fn new(
        id: impl Into<FieldId>,
        label: &'static str,
        kind: FieldKind,
        value: impl Into<String>,
    ) -> Field {
        let value = value.into();
        let editor = (kind == FieldKind::Multiline).then(|| TextEditor::new(&value));
        Field {
            id: id.into(),
            label,
            kind,
            initial: value.clone(),
            value,
            required: false,
            error: None,
            editor,
        }
    }

    /// Replaces the value (text from the user's editor): a long-text field's editor starts
    /// again on it, the cursor at its end.
    pub fn set_value(&mut self, value: String) {
        if self.editor.is_some() {
            self.editor = Some(TextEditor::new(&value));
        }
        self.value = value;
    }

    /// The long-text editor on the current value (rebuilt when the value was set from
    /// outside, e.g. by a test or a refusal's correction).
    pub(super) fn editor_mut(&mut self) -> Option<&mut TextEditor> {
        let editor = self.editor.as_mut()?;
        if editor.text() != self.value {
            *editor = TextEditor::new(&self.value);
        }
        Some(editor)
    }

    pub(super) fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub(super) fn choice<T: ToString>(
        id: impl Into<FieldId>,
        label: &'static str,
        all: &[T],
        value: impl ToString,
    ) -> Field {
        Field::new(
            id,
            label,
            FieldKind::Choice(all.iter().map(|v| v.to_string()).collect()),
            value.to_string(),
        )
    }

    /// Checks the value on its own (no database needed); None when it is fine.
    pub fn check(&self, now: DateTime<Utc>, zone: Zone) -> Option<String> {
        let v = self.value.trim();
        if v.is_empty() {
            return self.required.then(|| "required".to_string());
        }
        let bad = |e: crate::Error| Some(e.to_string());
        match &self.kind {
            FieldKind::Text | FieldKind::Multiline => None,
            FieldKind::Choice(options) => {
                (!options.iter().any(|o| o == v)).then(|| format!("one of {}", options.join(", ")))
            }
            FieldKind::When { .. } if v.eq_ignore_ascii_case("none") => None,
            FieldKind::When { .. } => zone.parse_when(v, now).err().and_then(bad),
            FieldKind::Date { .. } if v.eq_ignore_ascii_case("none") => None,
            FieldKind::Date { .. } => zone.parse_date(v, now).err().and_then(bad),
            FieldKind::Cadence if v.eq_ignore_ascii_case("none") => None,
            FieldKind::Cadence => v.parse::<Cadence>().err().and_then(bad),
            FieldKind::Id => v
                .trim_start_matches('#')
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .is_none()
                .then(|| "a record number such as 12".to_string()),
        }
    }

    /// A hint shown under the focused field.
    pub fn hint(&self) -> &'static str {
        match self.kind {
            FieldKind::Choice(_) => "←/→ to choose, or type the first letter",
            FieldKind::When { .. } => "e.g. now, tomorrow, fri 14:00, +3d, 2026-11-30 09:00",
            FieldKind::Date { .. } => "e.g. fri, +2w, 2026-11-30",
            FieldKind::Multiline => crate::i18n::tr(
                "Enter new line · Ctrl-←/→ word · Ctrl-E opens $EDITOR · Tab next field",
            ),
            FieldKind::Cadence => "weekly, biweekly, monthly, 10d or none",
            FieldKind::Id => "a record number, or empty",
            FieldKind::Text => "",
        }
    }
}

/// Pasted text as a field takes it: control characters dropped; line breaks kept (as `\n`)
/// when `multiline`, else each run of them one space; a tab one space.
pub fn pasted(text: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' if multiline => {
                // \r\n and a lone \r are one line break.
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\r' | '\n' => {
                while chars.peek().is_some_and(|n| matches!(n, '\r' | '\n')) {
                    chars.next();
                }
                out.push(' ');
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
