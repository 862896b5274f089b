//! The words of the Today agenda: its sections, a project's rating and one agenda line.
//! Below the agenda itself and the parts that add lines to it (waiting on the client).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::i18n::tr;
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
    Meetings,
    ActionsDue,
    UnansweredFeedback,
    MeetingsToHold,
    QuietClients,
    Health,
}

impl Section {
    pub const ALL: [Section; 14] = [
        Section::OverdueUpdates,
        Section::DueToday,
        Section::ClientUnaware,
        Section::FollowUpOverdue,
        Section::ChaseClient,
        Section::WaitingOnClient,
        Section::Expectations,
        Section::RiskReviews,
        Section::Meetings,
        Section::ActionsDue,
        Section::UnansweredFeedback,
        Section::MeetingsToHold,
        Section::QuietClients,
        Section::Health,
    ];

    /// The section's heading, in the interface's language.
    pub fn title(self) -> &'static str {
        match self {
            Section::OverdueUpdates => tr("Overdue updates"),
            Section::DueToday => tr("Due today"),
            Section::ClientUnaware => tr("Client not told yet"),
            Section::FollowUpOverdue => tr("Promised follow-up is late"),
            Section::ChaseClient => tr("Chase the client"),
            Section::WaitingOnClient => tr("Waiting on the client"),
            Section::Expectations => tr("Expectations at risk or due within 7 days"),
            Section::RiskReviews => tr("Risk reviews due"),
            Section::Meetings => tr("Meetings within a day, and minutes to record"),
            Section::ActionsDue => tr("Meeting actions due"),
            Section::UnansweredFeedback => tr("Feedback not answered yet"),
            Section::MeetingsToHold => tr("Meetings to hold (communication plan)"),
            Section::QuietClients => tr("Clients not heard from within their cadence"),
            Section::Health => tr("Project health"),
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

impl AgendaItem {
    /// The text as people read it: in the interface's language.
    pub fn shown(&self) -> &str {
        self.shown.as_deref().unwrap_or(&self.text)
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
    /// In English: scripts read it (`today --json`).
    pub text: String,
    /// The text in the interface's language when that is not English (people read it).
    #[serde(skip)]
    pub shown: Option<String>,
    pub when: Option<DateTime<Utc>>,
    pub severity: Option<Severity>,
    pub rating: Option<Rating>,
}
