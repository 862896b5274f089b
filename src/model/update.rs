//! The client update queue: what we owe the client, by when, and whether it went out.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Channel, UpdateKind, UpdateState};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Update {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub issue_id: Option<i64>,
    pub kind: UpdateKind,
    pub channel: Channel,
    pub contact_id: Option<i64>,
    /// The contact's name, or "" when nobody in particular.
    pub audience: String,
    pub subject: String,
    pub body: String,
    pub due_at: DateTime<Utc>,
    pub state: UpdateState,
    pub sent_at: Option<DateTime<Utc>>,
    /// Set when a rule created it; rules never touch an update a person changed.
    pub rule_key: Option<String>,
    pub edited: bool,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Update {
    pub fn overdue(&self, now: DateTime<Utc>) -> bool {
        self.state.is_pending() && self.due_at < now
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewUpdate {
    pub project_id: i64,
    pub issue_id: Option<i64>,
    pub kind: UpdateKind,
    pub channel: Channel,
    pub contact_id: Option<i64>,
    pub subject: String,
    pub body: String,
    pub due_at: DateTime<Utc>,
    pub state: UpdateState,
    pub rule_key: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct UpdatePatch {
    pub kind: Option<UpdateKind>,
    pub channel: Option<Channel>,
    pub contact_id: Option<Option<i64>>,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub state: Option<UpdateState>,
    /// Contacts the update is copied to (replaces the list).
    pub cc: Option<Vec<i64>>,
}

impl UpdatePatch {
    pub fn is_empty(&self) -> bool {
        *self == UpdatePatch::default()
    }
}
