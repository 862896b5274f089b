//! Meetings with the client: when, who attended, the agenda, and what came out of them
//! (notes, decisions in the log, actions with an owner and a due date).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meeting {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub at: DateTime<Utc>,
    pub title: String,
    pub agenda: String,
    /// Who attended from our side, as typed ("Ana, Li Wei").
    pub team: String,
    pub notes: String,
    /// The client's people invited (the minutes go to them).
    pub attendees: Vec<Attendee>,
    /// When the minutes were first recorded: the meeting was held.
    pub minutes_at: Option<DateTime<Utc>>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Meeting {
    /// Held: its minutes are recorded (it counts as contact with the client).
    pub fn held(&self) -> bool {
        self.minutes_at.is_some()
    }
}

/// One of the client's people at a meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attendee {
    pub contact_id: i64,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewMeeting {
    pub project_id: i64,
    pub at: DateTime<Utc>,
    pub title: String,
    pub agenda: String,
    pub team: String,
    pub attendees: Vec<i64>,
}

/// A change to a meeting; `None` leaves a field as it is. Attendees, when given, replace
/// the list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeetingPatch {
    pub at: Option<DateTime<Utc>>,
    pub title: Option<String>,
    pub agenda: Option<String>,
    pub team: Option<String>,
    pub notes: Option<String>,
    pub attendees: Option<Vec<i64>>,
}

impl MeetingPatch {
    pub fn is_empty(&self) -> bool {
        *self == MeetingPatch::default()
    }
}

/// An action agreed in a meeting: a commitment with an owner and a due date, on Today
/// until done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingAction {
    pub id: i64,
    pub meeting_id: i64,
    pub meeting: String,
    pub project_id: i64,
    pub project: String,
    pub text: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub done_at: Option<DateTime<Utc>>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
}

impl MeetingAction {
    pub fn is_open(&self) -> bool {
        self.done_at.is_none() && !self.archived
    }
}

/// An action as typed, its parts checked.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAction {
    pub text: String,
    pub owner: String,
    pub due_on: NaiveDate,
}

/// What `--action` expects, said once for every complaint.
pub const ACTION_FORM: &str = "\"TEXT;OWNER;WHEN\" such as \"Send the test plan;Ana;fri\"";

/// Splits `--action "TEXT;OWNER;WHEN"` and checks each part; `date` reads WHEN. A bad part
/// is named with what is expected.
pub fn parse_action(spec: &str, date: impl Fn(&str) -> Result<NaiveDate>) -> Result<NewAction> {
    let parts: Vec<&str> = spec.split(';').map(str::trim).collect();
    if parts.len() != 3 {
        return Err(Error::invalid_because(
            "action",
            spec,
            format!(
                "three parts separated by ';' (found {}): {ACTION_FORM}",
                parts.len()
            ),
        ));
    }
    let part = |name: &str, value: &str| -> Result<String> {
        if value.is_empty() {
            return Err(Error::invalid_because(
                "action",
                spec,
                format!("a non-empty {name}: {ACTION_FORM}"),
            ));
        }
        super::optional_line(&format!("action {name}"), value)
    };
    let text = part("TEXT", parts[0])?;
    let owner = part("OWNER", parts[1])?;
    part("WHEN", parts[2])?;
    let due_on = date(parts[2]).map_err(|_| {
        Error::invalid_because(
            "action WHEN",
            parts[2],
            format!("a date such as today, fri, +3d or 2026-11-30 ({ACTION_FORM})"),
        )
    })?;
    Ok(NewAction {
        text,
        owner,
        due_on,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Result<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| Error::invalid_because("date", s, "a date"))
    }

    #[test]
    fn an_action_has_three_parts_and_each_is_checked() {
        let a = parse_action(" Send the plan ; Ana ; 2026-11-30 ", date).unwrap();
        assert_eq!(a.text, "Send the plan");
        assert_eq!(a.owner, "Ana");
        assert_eq!(a.due_on.to_string(), "2026-11-30");
        let two = parse_action("Send the plan;Ana", date)
            .unwrap_err()
            .to_string();
        assert!(
            two.contains("three parts") && two.contains("found 2"),
            "{two}"
        );
        let owner = parse_action("Send;;2026-11-30", date)
            .unwrap_err()
            .to_string();
        assert!(owner.contains("OWNER"), "{owner}");
        let when = parse_action("Send;Ana;someday", date)
            .unwrap_err()
            .to_string();
        assert!(when.contains("someday") && when.contains("WHEN"), "{when}");
    }
}
