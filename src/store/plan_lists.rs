//! The communication plan, meetings and meeting actions as panes page through them: a
//! window at a time through [`Listing`] (no full-text index: a filter is a substring of
//! the newest rows). The rows map as `plans.rs` and `meetings.rs` map them.

use rusqlite::types::Value;
use rusqlite::{Connection, Row};

use super::listing::{Conditions, Listing};
use super::window::{Key, Spec, TextFilter};
use super::{meetings, plans};
use crate::error::Result;
use crate::model::{Meeting, MeetingAction, PlanEntry};

/// A project's (or every project's) communication plan, by project, kind and entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanEntryQuery {
    pub project_id: Option<i64>,
    pub text: Option<String>,
}

impl Listing for PlanEntryQuery {
    type Row = PlanEntry;
    const SPEC: Spec = Spec {
        select: "e.id, e.project_id, p.name, e.kind, e.what, e.every, e.audience, e.owner,
    e.channel, e.created_at, e.updated_at, e.archived_at IS NOT NULL",
        main: "comm_plan e",
        alias: "e",
        joins: "JOIN projects p ON p.id = e.project_id",
        fts: "",
        text: "e.what || ' ' || e.owner || ' ' || e.audience || ' ' || p.name",
        key: &["e.project_id", "e.kind", "e.id"],
        rank: "",
        desc: false,
    };
    const RECORD: &'static str = "plan entry";

    fn filter(&self) -> (String, Vec<Value>) {
        Conditions::live("e")
            .equal("project_id", self.project_id)
            .done()
    }

    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    fn text_filter(&self) -> Option<TextFilter> {
        TextFilter::substring(self.text.as_deref())
    }

    fn row(r: &Row<'_>) -> rusqlite::Result<PlanEntry> {
        plans::row(r)
    }

    fn sort_key(e: &PlanEntry) -> Key {
        Key(vec![
            Value::Integer(e.project_id),
            Value::Text(e.kind.as_str().into()),
            Value::Integer(e.id),
        ])
    }

    fn id(e: &PlanEntry) -> i64 {
        e.id
    }
}

/// Meetings, newest first, with their attendees.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeetingQuery {
    pub project_id: Option<i64>,
    pub text: Option<String>,
}

impl Listing for MeetingQuery {
    type Row = Meeting;
    const SPEC: Spec = Spec {
        select: "m.id, m.project_id, p.name, m.at, m.title, m.agenda, m.team, m.notes,
    m.minutes_at, m.archived_at IS NOT NULL, m.created_at, m.updated_at",
        main: "meetings m",
        alias: "m",
        joins: "JOIN projects p ON p.id = m.project_id",
        fts: "",
        text: "m.title || ' ' || m.agenda || ' ' || m.team || ' ' || p.name",
        key: &["m.at", "m.id"],
        rank: "",
        desc: true,
    };
    const RECORD: &'static str = "meeting";

    fn filter(&self) -> (String, Vec<Value>) {
        Conditions::live("m")
            .equal("project_id", self.project_id)
            .done()
    }

    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    fn text_filter(&self) -> Option<TextFilter> {
        TextFilter::substring(self.text.as_deref())
    }

    fn row(r: &Row<'_>) -> rusqlite::Result<Meeting> {
        meetings::row(r)
    }

    fn sort_key(m: &Meeting) -> Key {
        Key(vec![Value::Text(super::ts(m.at)), Value::Integer(m.id)])
    }

    fn id(m: &Meeting) -> i64 {
        m.id
    }

    /// The attendees of the meetings on screen.
    fn complete(conn: &Connection, rows: &mut [Meeting]) -> Result<()> {
        for m in rows {
            m.attendees = meetings::attendees(conn, m.id)?;
        }
        Ok(())
    }
}

/// Actions of live meetings: open ones first, by due date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionQuery {
    pub project_id: Option<i64>,
    pub text: Option<String>,
}

impl Listing for ActionQuery {
    type Row = MeetingAction;
    const SPEC: Spec = Spec {
        select: "a.id, a.meeting_id, m.title, m.project_id, p.name, a.text, a.owner,
    a.due_on, a.done_at, a.archived_at IS NOT NULL, a.created_at",
        main: "meeting_actions a",
        alias: "a",
        joins: "JOIN meetings m ON m.id = a.meeting_id JOIN projects p ON p.id = m.project_id",
        fts: "",
        text: "a.text || ' ' || a.owner || ' ' || m.title || ' ' || p.name",
        key: &["(a.done_at IS NOT NULL)", "a.due_on", "a.id"],
        rank: "",
        desc: false,
    };
    const RECORD: &'static str = "action";

    /// Counts and positions read the actions table alone: the meeting's conditions are a
    /// sub-query rather than a join.
    fn filter(&self) -> (String, Vec<Value>) {
        let (mut cond, mut params) = Conditions::live("a").done();
        match self.project_id {
            Some(p) => {
                cond.push_str(
                    " AND a.meeting_id IN (SELECT id FROM meetings
                       WHERE archived_at IS NULL AND project_id = ?)",
                );
                params.push(Value::Integer(p));
            }
            None => cond.push_str(
                " AND a.meeting_id IN (SELECT id FROM meetings WHERE archived_at IS NULL)",
            ),
        }
        (cond, params)
    }

    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    fn text_filter(&self) -> Option<TextFilter> {
        TextFilter::substring(self.text.as_deref())
    }

    fn row(r: &Row<'_>) -> rusqlite::Result<MeetingAction> {
        meetings::action_row(r)
    }

    fn sort_key(a: &MeetingAction) -> Key {
        Key(vec![
            Value::Integer(i64::from(a.done_at.is_some())),
            Value::Text(a.due_on.format("%Y-%m-%d").to_string()),
            Value::Integer(a.id),
        ])
    }

    fn id(a: &MeetingAction) -> i64 {
        a.id
    }
}
