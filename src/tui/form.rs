//! Add/edit forms: labelled fields, enum fields chosen from their values, dates typed in
//! the CLI's forms, checked as you type. Pure: saving is an effect carried out elsewhere.

use chrono::{DateTime, Utc};

use super::app::Zone;
use super::key::{Code, Key};
use crate::model::{
    Cadence, Channel, Direction, Expectation, ExpectationCategory, ExpectationStatus, Issue,
    IssueStatus, LogKind, Project, Severity, Update, UpdateKind,
};

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
    /// Matches the `what` of library errors, so a refusal lands on its field.
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub value: String,
    pub required: bool,
    pub error: Option<String>,
}

impl Field {
    fn new(
        key: &'static str,
        label: &'static str,
        kind: FieldKind,
        value: impl Into<String>,
    ) -> Field {
        Field {
            key,
            label,
            kind,
            value: value.into(),
            required: false,
            error: None,
        }
    }

    fn required(mut self) -> Field {
        self.required = true;
        self
    }

    fn choice<T: ToString>(
        key: &'static str,
        label: &'static str,
        all: &[T],
        value: impl ToString,
    ) -> Field {
        Field::new(
            key,
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
            FieldKind::Multiline => "Enter for a new line, Tab for the next field",
            FieldKind::Cadence => "weekly, biweekly, monthly, 10d or none",
            FieldKind::Id => "a record number, or empty",
            FieldKind::Text => "",
        }
    }
}

/// What the form creates or changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Project,
    Issue(Option<i64>),
    Update(Option<i64>),
    Expectation(Option<i64>),
    Log,
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
}

impl Form {
    pub fn value(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.trim())
            .unwrap_or("")
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    /// Puts a library refusal next to its field (or on the form when no field matches).
    pub fn set_error(&mut self, what: &str, message: String) {
        let what = what.to_lowercase();
        match self
            .fields
            .iter()
            .position(|f| what == f.key || what.starts_with(&format!("{} ", f.key)))
        {
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

    /// Applies one key. Text goes into the focused field; Tab/↑/↓ move; Ctrl-S or Enter on
    /// the last field saves; Esc cancels.
    pub fn key(&mut self, key: Key, now: DateTime<Utc>, zone: Zone) -> FormEvent {
        let last = self.fields.len().saturating_sub(1);
        if key == Key::ctrl('s') {
            return FormEvent::Save;
        }
        let focus = self.focus.min(last);
        let field = &mut self.fields[focus];
        match key.code {
            Code::Esc => return FormEvent::Cancel,
            Code::Tab | Code::Down => self.focus = (focus + 1).min(last),
            Code::BackTab | Code::Up => self.focus = focus.saturating_sub(1),
            Code::Enter if matches!(field.kind, FieldKind::Multiline) && !key.ctrl => {
                field.value.push('\n');
            }
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
        // Re-check the field just edited so errors show (and clear) as you type.
        let field = &mut self.fields[focus];
        field.error = if field.value.trim().is_empty() && field.required {
            None // "required" only once they try to save
        } else {
            field.check(now, zone)
        };
        self.error = None;
        FormEvent::None
    }

    // ---- the forms ----

    pub fn new_project() -> Form {
        Form {
            kind: FormKind::Project,
            title: "New project".into(),
            fields: vec![
                Field::new("project name", "Project", FieldKind::Text, "").required(),
                Field::new("client", "Client", FieldKind::Text, ""),
                Field::new("cadence", "Report cadence", FieldKind::Cadence, "weekly"),
                Field::choice("channel", "Channel", Channel::ALL, Channel::Email),
            ],
            focus: 0,
            error: None,
        }
    }

    fn project_field(projects: &[Project], selected: Option<i64>) -> Field {
        let names: Vec<String> = projects.iter().map(|p| p.name.clone()).collect();
        let value = selected
            .and_then(|id| projects.iter().find(|p| p.id == id))
            .or(projects.first())
            .map(|p| p.name.clone())
            .unwrap_or_default();
        Field::new("project", "Project", FieldKind::Choice(names), value).required()
    }

    pub fn issue(projects: &[Project], project: Option<i64>, existing: Option<&Issue>) -> Form {
        let mut fields = vec![
            Form::project_field(projects, existing.map(|i| i.project_id).or(project)),
            Field::new(
                "title",
                "Title",
                FieldKind::Text,
                existing.map(|i| i.title.clone()).unwrap_or_default(),
            )
            .required(),
            Field::choice(
                "severity",
                "Severity",
                Severity::ALL,
                existing.map_or(Severity::Medium, |i| i.severity),
            ),
            Field::choice(
                "status",
                "Status",
                IssueStatus::ALL,
                existing.map_or(IssueStatus::New, |i| i.status),
            ),
            Field::choice(
                "our fault",
                "Our fault",
                &["no", "yes"],
                if existing.is_some_and(|i| i.our_fault) {
                    "yes"
                } else {
                    "no"
                },
            ),
            Field::new(
                "description",
                "Description",
                FieldKind::Multiline,
                existing.map(|i| i.description.clone()).unwrap_or_default(),
            ),
            Field::new(
                "cause",
                "Cause",
                FieldKind::Multiline,
                existing.map(|i| i.cause.clone()).unwrap_or_default(),
            ),
            Field::new(
                "impact",
                "Impact",
                FieldKind::Multiline,
                existing.map(|i| i.impact.clone()).unwrap_or_default(),
            ),
            Field::new(
                "owner",
                "Owner",
                FieldKind::Text,
                existing.map(|i| i.owner.clone()).unwrap_or_default(),
            ),
        ];
        match existing {
            None => fields.push(Field::new(
                "detected",
                "Detected",
                FieldKind::When { optional: false },
                "now",
            )),
            Some(i) => {
                let iso = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
                fields.extend([
                    Field::new(
                        "next update",
                        "Next update",
                        FieldKind::When { optional: true },
                        iso(i.next_update_due),
                    ),
                    Field::new(
                        "resolution",
                        "Resolution",
                        FieldKind::Multiline,
                        i.resolution.clone(),
                    ),
                    Field::new(
                        "lessons",
                        "Lessons",
                        FieldKind::Multiline,
                        i.lessons.clone(),
                    ),
                    Field::new(
                        "prevention",
                        "Prevention",
                        FieldKind::Multiline,
                        i.prevention.clone(),
                    ),
                ]);
            }
        }
        Form {
            kind: FormKind::Issue(existing.map(|i| i.id)),
            title: match existing {
                Some(i) => format!("Edit issue {}", i.id),
                None => "New issue".into(),
            },
            fields,
            focus: usize::from(existing.is_none() && !projects.is_empty()),
            error: None,
        }
    }

    pub fn update(projects: &[Project], project: Option<i64>, existing: Option<&Update>) -> Form {
        let due = existing
            .map(|u| u.due_at.to_rfc3339())
            .unwrap_or_else(|| "now".into());
        let mut fields = Vec::new();
        if existing.is_none() {
            fields.push(Form::project_field(projects, project));
            fields.push(Field::new("issue", "Issue #", FieldKind::Id, ""));
        }
        fields.extend([
            Field::choice(
                "kind",
                "Kind",
                UpdateKind::ALL,
                existing.map_or(UpdateKind::Progress, |u| u.kind),
            ),
            Field::choice(
                "channel",
                "Channel",
                Channel::ALL,
                existing.map_or(Channel::Email, |u| u.channel),
            ),
            Field::new(
                "subject",
                "Subject",
                FieldKind::Text,
                existing.map(|u| u.subject.clone()).unwrap_or_default(),
            )
            .required(),
            Field::new("due", "Due", FieldKind::When { optional: false }, due),
            Field::new(
                "body",
                "Body",
                FieldKind::Multiline,
                existing.map(|u| u.body.clone()).unwrap_or_default(),
            ),
        ]);
        Form {
            kind: FormKind::Update(existing.map(|u| u.id)),
            title: match existing {
                Some(u) => format!("Edit update {}", u.id),
                None => "New client update".into(),
            },
            fields,
            focus: 0,
            error: None,
        }
    }

    pub fn expectation(
        projects: &[Project],
        project: Option<i64>,
        existing: Option<&Expectation>,
    ) -> Form {
        let mut fields = Vec::new();
        if existing.is_none() {
            fields.push(Form::project_field(projects, project));
        }
        fields.extend([
            Field::choice(
                "category",
                "Category",
                ExpectationCategory::ALL,
                existing.map_or(ExpectationCategory::Scope, |e| e.category),
            ),
            Field::new(
                "statement",
                "Statement",
                FieldKind::Text,
                existing.map(|e| e.statement.clone()).unwrap_or_default(),
            )
            .required(),
            Field::new(
                "measure",
                "Acceptance measure",
                FieldKind::Multiline,
                existing.map(|e| e.measure.clone()).unwrap_or_default(),
            ),
            Field::choice(
                "status",
                "Status",
                ExpectationStatus::ALL,
                existing.map_or(ExpectationStatus::Proposed, |e| e.status),
            ),
            Field::new(
                "due",
                "Due date",
                FieldKind::Date { optional: true },
                existing
                    .and_then(|e| e.due_on)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            Field::new(
                "agreed with",
                "Agreed with",
                FieldKind::Text,
                existing.map(|e| e.agreed_with.clone()).unwrap_or_default(),
            ),
        ]);
        if existing.is_some() {
            fields.push(
                Field::new("reason", "Reason for the change", FieldKind::Text, "").required(),
            );
        }
        Form {
            kind: FormKind::Expectation(existing.map(|e| e.id)),
            title: match existing {
                Some(e) => format!("Change expectation {} (kept in its history)", e.id),
                None => "New expectation".into(),
            },
            fields,
            focus: usize::from(existing.is_none()),
            error: None,
        }
    }

    pub fn log(projects: &[Project], project: Option<i64>) -> Form {
        Form {
            kind: FormKind::Log,
            title: "Log a contact with the client".into(),
            fields: vec![
                Form::project_field(projects, project),
                Field::choice("direction", "Direction", Direction::ALL, Direction::In),
                Field::choice("channel", "Channel", Channel::ALL, Channel::Email),
                Field::choice("log kind", "Kind", LogKind::ALL, LogKind::Feedback),
                Field::choice(
                    "sentiment",
                    "Mood (-2..2)",
                    &["-2", "-1", "0", "1", "2"],
                    "0",
                ),
                Field::new("summary", "Summary", FieldKind::Text, "").required(),
                Field::new("at", "When", FieldKind::When { optional: false }, "now"),
                Field::new("issue", "Issue #", FieldKind::Id, ""),
            ],
            focus: 5,
            error: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
    }
    const UTC: Zone = Zone::UTC;

    fn typed(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.key(Key::ch(c), now(), UTC);
        }
    }

    #[test]
    fn a_bad_date_is_flagged_as_you_type_and_clears_when_fixed() {
        let mut f = Form::new_project();
        let mut issue = Form::issue(&[], None, None);
        issue.focus = issue
            .fields
            .iter()
            .position(|f| f.key == "detected")
            .unwrap();
        issue.fields[issue.focus].value.clear();
        typed(&mut issue, "fri 25");
        assert!(
            issue.fields[issue.focus]
                .error
                .as_deref()
                .unwrap()
                .contains("invalid time")
        );
        typed(&mut issue, ":00");
        assert!(
            issue.fields[issue.focus]
                .error
                .as_deref()
                .unwrap()
                .contains("invalid time")
        );
        issue.key(Key::plain(Code::Backspace), now(), UTC);
        issue.key(Key::plain(Code::Backspace), now(), UTC);
        issue.key(Key::plain(Code::Backspace), now(), UTC);
        issue.key(Key::plain(Code::Backspace), now(), UTC);
        issue.key(Key::plain(Code::Backspace), now(), UTC);
        typed(&mut issue, "14:00");
        assert_eq!(issue.fields[issue.focus].value, "fri 14:00");
        assert_eq!(issue.fields[issue.focus].error, None);
        // Required fields complain only on save.
        assert!(!f.check_all(now(), UTC));
        assert_eq!(f.fields[0].error.as_deref(), Some("required"));
    }

    #[test]
    fn choices_cycle_and_jump_by_letter() {
        let mut f = Form::issue(&[], None, None);
        f.focus = 2; // severity
        assert_eq!(f.fields[2].value, "medium");
        f.key(Key::plain(Code::Right), now(), UTC);
        assert_eq!(f.fields[2].value, "low");
        f.key(Key::plain(Code::Right), now(), UTC);
        assert_eq!(f.fields[2].value, "critical");
        f.key(Key::ch('h'), now(), UTC);
        assert_eq!(f.fields[2].value, "high");
        f.key(Key::plain(Code::Backspace), now(), UTC);
        assert_eq!(f.fields[2].value, "high", "backspace cannot empty a choice");
    }

    #[test]
    fn enter_moves_on_adds_lines_in_text_areas_and_saves_on_the_last_field() {
        let mut f = Form::new_project();
        assert_eq!(f.key(Key::plain(Code::Enter), now(), UTC), FormEvent::None);
        assert_eq!(f.focus, 1);
        f.focus = f.fields.len() - 1;
        assert_eq!(f.key(Key::plain(Code::Enter), now(), UTC), FormEvent::Save);
        assert_eq!(f.key(Key::ctrl('s'), now(), UTC), FormEvent::Save);
        assert_eq!(f.key(Key::plain(Code::Esc), now(), UTC), FormEvent::Cancel);
        let mut i = Form::issue(&[], None, None);
        i.focus = 5; // description
        typed(&mut i, "a");
        i.key(Key::plain(Code::Enter), now(), UTC);
        typed(&mut i, "b");
        assert_eq!(i.fields[5].value, "a\nb");
    }

    #[test]
    fn library_refusals_land_on_their_field() {
        let mut f = Form::new_project();
        f.set_error("project name", "taken".into());
        assert_eq!(f.fields[0].error.as_deref(), Some("taken"));
        f.set_error("something else", "boom".into());
        assert_eq!(f.error.as_deref(), Some("boom"));
    }
}
