//! The words of the Today agenda: its sections, a project's rating and one agenda line.
//! Below the agenda itself and the parts that add lines to it (waiting on the client).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::model::{Record, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    OverdueUpdates,
    DueToday,
    ClientUnaware,
    FollowUpOverdue,
    ChaseClient,
    WaitingOnClient,
    Expectations,
    RiskReviews,
    UnansweredFeedback,
    MeetingsToHold,
    QuietClients,
    Health,
}

impl Section {
    pub const ALL: [Section; 12] = [
        Section::OverdueUpdates,
        Section::DueToday,
        Section::ClientUnaware,
        Section::FollowUpOverdue,
        Section::ChaseClient,
        Section::WaitingOnClient,
        Section::Expectations,
        Section::RiskReviews,
        Section::UnansweredFeedback,
        Section::MeetingsToHold,
        Section::QuietClients,
        Section::Health,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::OverdueUpdates => "Overdue updates",
            Section::DueToday => "Due today",
            Section::ClientUnaware => "Client not told yet",
            Section::FollowUpOverdue => "Promised follow-up is late",
            Section::ChaseClient => "Chase the client",
            Section::WaitingOnClient => "Waiting on the client",
            Section::Expectations => "Expectations at risk or due within 7 days",
            Section::RiskReviews => "Risk reviews due",
            Section::UnansweredFeedback => "Feedback not answered yet",
            Section::MeetingsToHold => "Meetings to hold (communication plan)",
            Section::QuietClients => "Clients not heard from within their cadence",
            Section::Health => "Project health",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Green,
    Amber,
    Red,
}

impl Rating {
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Green => "green",
            Rating::Amber => "amber",
            Rating::Red => "red",
        }
    }
}

/// One line of the agenda, pointing at the record it is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaItem {
    pub section: Section,
    /// An issue, update, expectation, log entry, risk or project; JSON names its kind and id
    /// (`"record": "issue", "id": 4`).
    #[serde(flatten)]
    pub record: Record,
    pub project: String,
    /// A one-word label: the update's kind, the severity, the expectation's
    /// status or the project's rating.
    pub tag: String,
    pub text: String,
    pub when: Option<DateTime<Utc>>,
    pub severity: Option<Severity>,
    pub rating: Option<Rating>,
}
