//! The communication plan as a pane pages through it: a window at a time through
//! [`Listing`] (no full-text index: a filter is a substring of the newest rows). The rows
//! map as `plans.rs` maps them.

use rusqlite::Row;
use rusqlite::types::Value;

use super::listing::{Conditions, Listing};
use super::plans;
use super::window::{Key, Spec, TextFilter};
use crate::model::PlanEntry;

fn substring(text: Option<&str>) -> Option<TextFilter> {
    let t = text?.trim();
    (!t.is_empty()).then(|| TextFilter::Substring(t.to_lowercase()))
}

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
        substring(self.text.as_deref())
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
