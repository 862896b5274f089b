//! The expectation register: what the client expects, what we agreed, and every change to it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{ExpectationCategory, ExpectationStatus};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expectation {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub category: ExpectationCategory,
    pub statement: String,
    /// How we will both know it is met (the acceptance measure).
    pub measure: String,
    pub status: ExpectationStatus,
    pub agreed_on: Option<NaiveDate>,
    pub agreed_with: String,
    pub due_on: Option<NaiveDate>,
    pub issue_ids: Vec<i64>,
    pub revisions: Vec<Revision>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One recorded change of an expectation; the first one records its creation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    pub at: DateTime<Utc>,
    pub status_from: Option<ExpectationStatus>,
    pub status_to: ExpectationStatus,
    pub statement_from: Option<String>,
    pub statement_to: String,
    /// Other fields that changed, e.g. "due_on 2026-12-01 → 2026-12-15".
    pub other_changes: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewExpectation {
    pub project_id: i64,
    pub category: ExpectationCategory,
    pub statement: String,
    pub measure: String,
    pub status: ExpectationStatus,
    pub agreed_on: Option<NaiveDate>,
    pub agreed_with: String,
    pub due_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExpectationPatch {
    pub category: Option<ExpectationCategory>,
    pub statement: Option<String>,
    pub measure: Option<String>,
    pub status: Option<ExpectationStatus>,
    pub agreed_on: Option<Option<NaiveDate>>,
    pub agreed_with: Option<String>,
    pub due_on: Option<Option<NaiveDate>>,
    pub link_issue: Option<i64>,
}

impl ExpectationPatch {
    pub fn is_empty(&self) -> bool {
        *self == ExpectationPatch::default()
    }
}
