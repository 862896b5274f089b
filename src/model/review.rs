//! Satisfaction reviews: the client's score of our work, 1 to 5 (the team's own measure).

use chrono::{DateTime, Utc};
use serde::Serialize;

/// A score this low gets a follow-up call or message.
pub const LOW_SCORE: i64 = 2;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub score: i64,
    pub contact_id: Option<i64>,
    pub contact: String,
    pub at: DateTime<Utc>,
    pub milestone_id: Option<i64>,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewReview {
    pub project_id: i64,
    pub score: i64,
    pub contact_id: Option<i64>,
    pub at: DateTime<Utc>,
    pub milestone_id: Option<i64>,
    pub comment: String,
}
