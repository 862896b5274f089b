//! Undo as data, the type: the steps that put records back as they were, and what a change
//! returns. Below the rules and the undo itself, which both speak it.

use chrono::{DateTime, Utc};

use crate::model::{Expectation, Issue, LogEntry, Project, Record, Update};

#[derive(Debug, Clone, PartialEq)]
pub enum UndoStep {
    /// Set (Some) or clear (None) the record's archived time.
    SetArchived(Record, Option<DateTime<Utc>>),
    SaveIssue(Box<Issue>),
    SaveUpdate(Box<Update>),
    /// Put the expectation back and record that in its history.
    SaveExpectation(Box<Expectation>),
    SaveLog(Box<LogEntry>),
    SaveProject(Box<Project>),
}

/// What a change did: the record it is about, and how to take it back.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    pub record: Record,
    pub undo: Vec<UndoStep>,
}
