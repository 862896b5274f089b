//! Searching everything at once: issues, updates, expectations and the log, through the
//! FTS indexes, a window per kind: best first when few match, newest first otherwise.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::text;
use crate::store::{ExpectationQuery, IssueQuery, Listing, LogQuery, Store, UpdateQuery};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// "issue", "update", "expectation" or "log".
    pub record: &'static str,
    pub id: i64,
    pub project: String,
    pub text: String,
    pub at: Option<DateTime<Utc>>,
}

/// The first `limit` matches of each kind, best first when there are fewer than
/// [`crate::store::window::RANK_LIMIT`], newest first otherwise (archived records excluded).
pub fn all(store: &Store, query: &str, limit: usize) -> Result<Vec<Hit>> {
    if query.trim().is_empty() {
        return Err(Error::invalid_because(
            "search text",
            query,
            tr("at least one character"),
        ));
    }
    let conn = store.conn();
    let text_q = Some(query.to_string());
    let mut hits = Vec::new();
    let issues = IssueQuery {
        include_closed: true,
        text: text_q.clone(),
        ..Default::default()
    };
    hits.extend(issues.search(conn, limit)?.into_iter().map(|i| Hit {
        record: "issue",
        id: i.id,
        project: i.project,
        text: text::one_line(&i.title).into_owned(),
        at: Some(i.detected_at),
    }));
    let updates = UpdateQuery {
        include_done: true,
        text: text_q.clone(),
        ..Default::default()
    };
    hits.extend(updates.search(conn, limit)?.into_iter().map(|u| Hit {
        record: "update",
        id: u.id,
        project: u.project,
        text: text::one_line(&u.subject).into_owned(),
        at: Some(u.sent_at.unwrap_or(u.due_at)),
    }));
    let expectations = ExpectationQuery {
        include_settled: true,
        text: text_q.clone(),
        ..Default::default()
    };
    hits.extend(expectations.search(conn, limit)?.into_iter().map(|e| Hit {
        record: "expectation",
        id: e.id,
        project: e.project,
        text: text::one_line(&e.statement).into_owned(),
        at: Some(e.updated_at),
    }));
    let log = LogQuery {
        text: text_q,
        ..Default::default()
    };
    hits.extend(log.search(conn, limit)?.into_iter().map(|l| Hit {
        record: "log",
        id: l.id,
        project: l.project,
        text: text::one_line(&l.summary).into_owned(),
        at: Some(l.at),
    }));
    Ok(hits)
}
