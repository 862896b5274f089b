//! The issue log and its solution options.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use rusqlite::types::Value;

use super::listing::{Conditions, Listing};
use super::window::{Key, Spec};
use super::{get_enum, get_time, get_time_opt, ts, ts_opt};
use crate::error::{Error, Result};
use crate::model::{Issue, NewIssue, Severity, SolutionOption};

/// Which issues a list shows. The default is the open, unarchived ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IssueQuery {
    pub project_id: Option<i64>,
    pub severity: Option<Severity>,
    pub include_closed: bool,
    pub text: Option<String>,
}

macro_rules! select {
    () => {
        "i.id, i.project_id, p.name, i.title, i.description, i.severity, i.status,
         i.detected_at, i.owner, i.cause, i.impact, i.our_fault, i.client_notified_at,
         i.next_update_due, i.resolved_at, i.resolution, i.lessons, i.prevention,
         i.archived_at IS NOT NULL, i.created_at, i.updated_at"
    };
}

const COLS: &str = concat!(
    select!(),
    " FROM issues i JOIN projects p ON p.id = i.project_id"
);

/// The issue log: open first, worst first, newest first.
pub const SPEC: Spec = Spec {
    select: select!(),
    main: "issues i",
    alias: "i",
    joins: "JOIN projects p ON p.id = i.project_id",
    fts: "issues_fts",
    text: "i.title || ' ' || i.description",
    key: &["i.is_closed", "i.severity_rank", "i.newest_first"],
    // A word in the title counts more than one in the description.
    rank: "bm25(issues_fts, 3.0, 1.0)",
    desc: false,
};

fn row(r: &Row<'_>) -> rusqlite::Result<Issue> {
    Ok(Issue {
        id: r.get(0)?,
        project_id: r.get(1)?,
        project: r.get(2)?,
        title: r.get(3)?,
        description: r.get(4)?,
        severity: get_enum(r, 5)?,
        status: get_enum(r, 6)?,
        detected_at: get_time(r, 7)?,
        owner: r.get(8)?,
        cause: r.get(9)?,
        impact: r.get(10)?,
        our_fault: r.get(11)?,
        client_notified_at: get_time_opt(r, 12)?,
        next_update_due: get_time_opt(r, 13)?,
        resolved_at: get_time_opt(r, 14)?,
        resolution: r.get(15)?,
        lessons: r.get(16)?,
        prevention: r.get(17)?,
        options: Vec::new(),
        archived: r.get(18)?,
        created_at: get_time(r, 19)?,
        updated_at: get_time(r, 20)?,
    })
}

pub fn insert_issue(conn: &Connection, new: &NewIssue, now: DateTime<Utc>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO issues (project_id, title, description, severity, status, detected_at,
             owner, our_fault, cause, impact, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        new.project_id,
        new.title,
        new.description,
        new.severity.as_str(),
        new.status.as_str(),
        ts(new.detected_at),
        new.owner,
        new.our_fault,
        new.cause,
        new.impact,
        ts(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Writes every field of `issue` back (after a patch was applied to it in the model).
pub fn save(conn: &Connection, issue: &Issue) -> Result<()> {
    conn.prepare_cached(
        "UPDATE issues SET project_id = ?2, title = ?3, description = ?4, severity = ?5,
             status = ?6, detected_at = ?7, owner = ?8, cause = ?9, impact = ?10,
             our_fault = ?11, client_notified_at = ?12, next_update_due = ?13,
             resolved_at = ?14, resolution = ?15, lessons = ?16, prevention = ?17,
             updated_at = ?18
         WHERE id = ?1",
    )?
    .execute(params![
        issue.id,
        issue.project_id,
        issue.title,
        issue.description,
        issue.severity.as_str(),
        issue.status.as_str(),
        ts(issue.detected_at),
        issue.owner,
        issue.cause,
        issue.impact,
        issue.our_fault,
        ts_opt(issue.client_notified_at),
        ts_opt(issue.next_update_due),
        ts_opt(issue.resolved_at),
        issue.resolution,
        issue.lessons,
        issue.prevention,
        ts(issue.updated_at)
    ])?;
    Ok(())
}

/// Archives (or with `archived = false`, restores) an issue; nothing is deleted.
pub fn set_archived(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<()> {
    conn.prepare_cached("UPDATE issues SET archived_at = ?2 WHERE id = ?1")?
        .execute(params![id, ts_opt(at)])?;
    Ok(())
}

/// One issue with its options, archived or not.
pub fn get(conn: &Connection, id: i64) -> Result<Issue> {
    let mut issue = conn
        .query_row(&format!("SELECT {COLS} WHERE i.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("issue", id))?;
    issue.options = options(conn, id)?;
    Ok(issue)
}

/// Open issues the client has not been told about yet, oldest first.
pub fn unnotified(conn: &Connection, limit: usize) -> Result<Vec<Issue>> {
    // The partial index holds exactly these rows in this order; left to itself the planner
    // walks every open issue and sorts (0.2-0.8 ms on the huge demo instead of 10 µs).
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        select!(),
        " FROM issues i INDEXED BY issues_unnotified JOIN projects p ON p.id = i.project_id
         WHERE i.archived_at IS NULL AND i.client_notified_at IS NULL AND i.is_closed = 0
         ORDER BY i.detected_at LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit as i64], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Open issues whose promised next update is before `now`, most overdue first.
pub fn follow_ups_due(conn: &Connection, now: DateTime<Utc>, limit: usize) -> Result<Vec<Issue>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE i.archived_at IS NULL AND i.next_update_due IS NOT NULL
             AND i.next_update_due < ?1 AND i.is_closed = 0
         ORDER BY i.next_update_due LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![ts(now), limit as i64], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Open issues per severity for one project, worst first.
pub fn open_by_severity(conn: &Connection, project_id: i64) -> Result<Vec<(Severity, usize)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT severity, count(*) FROM issues
         WHERE project_id = ?1 AND archived_at IS NULL AND is_closed = 0
         GROUP BY severity_rank ORDER BY severity_rank",
    )?;
    let rows = stmt.query_map([project_id], |r| {
        Ok((get_enum::<Severity>(r, 0)?, r.get::<_, i64>(1)? as usize))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn options(conn: &Connection, issue_id: i64) -> Result<Vec<SolutionOption>> {
    let mut stmt = conn.prepare_cached(
        "SELECT number, text, time_needed, expected_effect, chosen
         FROM issue_options WHERE issue_id = ?1 ORDER BY number",
    )?;
    let rows = stmt.query_map([issue_id], option_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn option_row(r: &Row<'_>) -> rusqlite::Result<SolutionOption> {
    Ok(SolutionOption {
        number: r.get(0)?,
        text: r.get(1)?,
        time_needed: r.get(2)?,
        expected_effect: r.get(3)?,
        chosen: r.get(4)?,
    })
}

/// Loads the options of a window of issues in one query.
fn attach_options(conn: &Connection, issues: &mut [Issue]) -> Result<()> {
    if issues.is_empty() {
        return Ok(());
    }
    let ids = serde_json::to_string(&issues.iter().map(|i| i.id).collect::<Vec<_>>())
        .map_err(|e| Error::Conflict(e.to_string()))?;
    let mut stmt = conn.prepare_cached(
        "SELECT issue_id, number, text, time_needed, expected_effect, chosen
         FROM issue_options WHERE issue_id IN (SELECT value FROM json_each(?1))
         ORDER BY issue_id, number",
    )?;
    let mut rows = stmt.query([ids])?;
    while let Some(r) = rows.next()? {
        let issue_id: i64 = r.get(0)?;
        let option = SolutionOption {
            number: r.get(1)?,
            text: r.get(2)?,
            time_needed: r.get(3)?,
            expected_effect: r.get(4)?,
            chosen: r.get(5)?,
        };
        if let Some(issue) = issues.iter_mut().find(|i| i.id == issue_id) {
            issue.options.push(option);
        }
    }
    Ok(())
}

/// Adds an option at the end; returns its number.
pub fn add_option(
    conn: &Connection,
    issue_id: i64,
    text: &str,
    time_needed: &str,
    expected_effect: &str,
) -> Result<i64> {
    let number: i64 = conn.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM issue_options WHERE issue_id = ?1",
        [issue_id],
        |r| r.get(0),
    )?;
    conn.prepare_cached(
        "INSERT INTO issue_options (issue_id, number, text, time_needed, expected_effect)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        issue_id,
        number,
        text,
        time_needed,
        expected_effect
    ])?;
    Ok(number)
}

/// Rewrites option `number`'s text, time needed and expected effect (its number and whether
/// it was chosen stay). An unknown number is refused naming the numbers there are.
pub fn edit_option(
    conn: &Connection,
    issue_id: i64,
    number: i64,
    text: &str,
    time_needed: &str,
    expected_effect: &str,
) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE issue_options SET text = ?3, time_needed = ?4, expected_effect = ?5
             WHERE issue_id = ?1 AND number = ?2",
        )?
        .execute(params![
            issue_id,
            number,
            text,
            time_needed,
            expected_effect
        ])?;
    if changed == 0 {
        return Err(no_such_option(conn, issue_id, number));
    }
    Ok(())
}

/// The refusal of an option number the issue does not have.
fn no_such_option(conn: &Connection, issue_id: i64, number: i64) -> Error {
    let n = options(conn, issue_id).map(|o| o.len()).unwrap_or(0);
    Error::invalid_because(
        "option number",
        &number.to_string(),
        if n == 0 {
            format!("an option of issue {issue_id}, which has none yet (rapport issue option add)")
        } else {
            format!("a number from 1 to {n}")
        },
    )
}

/// Marks option `number` as the client's choice (and no other).
pub fn choose_option(conn: &Connection, issue_id: i64, number: i64) -> Result<()> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM issue_options WHERE issue_id = ?1 AND number = ?2)",
        params![issue_id, number],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(no_such_option(conn, issue_id, number));
    }
    conn.prepare_cached("UPDATE issue_options SET chosen = (number = ?2) WHERE issue_id = ?1")?
        .execute(params![issue_id, number])?;
    Ok(())
}

/// Issues of a project resolved in [from, to), most recent first.
pub fn resolved_between(
    conn: &Connection,
    project_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<Issue>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE i.project_id = ?1 AND i.archived_at IS NULL
             AND i.resolved_at >= ?2 AND i.resolved_at < ?3
         ORDER BY i.resolved_at DESC LIMIT ?4"
    ))?;
    let rows = stmt.query_map(params![project_id, ts(from), ts(to), limit as i64], row)?;
    let mut issues: Vec<Issue> = rows.collect::<rusqlite::Result<_>>()?;
    attach_options(conn, &mut issues)?;
    Ok(issues)
}

/// The issue log in display order: open first, worst first, newest first.
impl Listing for IssueQuery {
    type Row = Issue;
    const SPEC: Spec = SPEC;
    const RECORD: &'static str = "issue";

    fn filter(&self) -> (String, Vec<Value>) {
        Conditions::live("i")
            .equal("project_id", self.project_id)
            .equal("severity", self.severity.map(|s| s.as_str().to_string()))
            .when(!self.include_closed, "is_closed = 0")
            .done()
    }

    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    fn row(r: &Row<'_>) -> rusqlite::Result<Issue> {
        row(r)
    }

    fn sort_key(i: &Issue) -> Key {
        Key(vec![
            Value::Integer(i64::from(!i.status.is_open())),
            Value::Integer(i.severity.rank()),
            Value::Integer(-i.id),
        ])
    }

    fn id(i: &Issue) -> i64 {
        i.id
    }

    fn complete(conn: &Connection, issues: &mut [Issue]) -> Result<()> {
        attach_options(conn, issues)
    }
}

/// How many open live issues the client has not heard of (exact, on the partial index).
pub fn count_unnotified(conn: &Connection) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM issues INDEXED BY issues_unnotified
             WHERE archived_at IS NULL AND client_notified_at IS NULL AND is_closed = 0",
        )?
        .query_row([], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// How many open live issues the client knows of whose promised next update has passed.
pub fn count_follow_ups_due(conn: &Connection, now: DateTime<Utc>) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM issues INDEXED BY issues_next_update
             WHERE archived_at IS NULL AND next_update_due IS NOT NULL
               AND next_update_due < ?1 AND is_closed = 0 AND client_notified_at IS NOT NULL",
        )?
        .query_row([ts(now)], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}
