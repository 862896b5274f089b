//! What an issue's notice, progress or resolution update says: the template context gathered
//! from the store, rendered by the policy's drafter (`templates`).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::policy::Policy;
use super::words;
use crate::error::Result;
use crate::model::{Issue, Project, text};
use crate::store;

#[derive(Debug, Serialize)]
struct OptionCtx {
    number: i64,
    text: String,
    time_needed: String,
    expected_effect: String,
    chosen: bool,
}

#[derive(Debug, Serialize)]
struct IssueCtx {
    id: i64,
    title: String,
    description: String,
    severity: String,
    status: String,
    detected: String,
    resolved: String,
    cause: String,
    impact: String,
    our_fault: bool,
    options: Vec<OptionCtx>,
    chosen: Option<OptionCtx>,
    resolution: String,
    /// How long the client was affected, detection to resolution, in words.
    affected: String,
    lessons: String,
    prevention: String,
    /// The fix is under way (in progress), with or without a chosen option.
    fixing: bool,
    /// What the team is doing, in words, for "nothing changed yet" updates.
    doing: &'static str,
    doing_zh: &'static str,
}

#[derive(Debug, Serialize)]
pub struct IssueDraftContext {
    /// The language the draft is written in (the project's client's).
    #[serde(skip)]
    pub language: String,
    project: String,
    client: String,
    contact: String,
    sender: String,
    issue: IssueCtx,
    next_update: String,
    last_update: String,
    changes: Vec<String>,
}

fn option_ctx(o: &crate::model::SolutionOption) -> OptionCtx {
    OptionCtx {
        number: o.number,
        text: o.text.clone(),
        time_needed: o.time_needed.clone(),
        expected_effect: o.expected_effect.clone(),
        chosen: o.chosen,
    }
}

pub fn contact_name(
    conn: &rusqlite::Connection,
    project: &Project,
    contact_id: Option<i64>,
) -> Result<String> {
    let contact = match contact_id {
        Some(id) => Some(store::projects::get_contact(conn, id)?),
        None => store::projects::primary_contact(conn, project.client_id)?,
    };
    Ok(contact.map(|c| c.name).unwrap_or_default())
}

/// Everything an issue's notice, progress or resolution update says, from the store.
pub fn issue_context(
    conn: &rusqlite::Connection,
    policy: &Policy,
    issue: &Issue,
    contact_id: Option<i64>,
    next_update: DateTime<Utc>,
) -> Result<IssueDraftContext> {
    let project = store::projects::get_project(conn, issue.project_id)?;
    let language = words::language_for_project(conn, project.id, policy)?;
    let last_sent = store::updates::last_sent_for_issue(conn, issue.id)?;
    // Every time a draft states is on the client's wall clock, labelled with its zone.
    let cal = super::client_time::calendar_for(conn, policy, project.client_id)?;
    let show = |t| super::client_time::show_to_client(policy, cal.as_ref(), t);
    // What was done since the client last heard from us: the notes written for the client
    // (never the communication log, which is the team's private record). Times are whole
    // seconds: a note in the second of the send counts, better said twice than lost.
    let changes: Vec<String> = store::client_text::notes_of_issue(conn, issue.id)?
        .into_iter()
        .filter(|n| last_sent.is_none_or(|t| n.at >= t))
        .map(|n| words::labelled(&language, &show(n.at), &text::one_line(&n.text)))
        .collect();
    let (doing, doing_zh) = match issue.status {
        crate::model::IssueStatus::New | crate::model::IssueStatus::Investigating => {
            ("investigating the cause", "排查原因")
        }
        crate::model::IssueStatus::SolutionProposed => {
            ("waiting for your choice of solution", "等待您选择方案")
        }
        _ => ("working on the fix", "实施修复"),
    };
    Ok(IssueDraftContext {
        language: language.clone(),
        project: project.name.clone(),
        client: project.client.clone(),
        contact: contact_name(conn, &project, contact_id)?,
        sender: policy.sender.clone(),
        issue: IssueCtx {
            id: issue.id,
            title: issue.title.clone(),
            description: issue.description.clone(),
            severity: words::severity(&language, issue.severity).to_string(),
            status: words::issue_status(&language, issue.status).to_string(),
            detected: show(issue.detected_at),
            resolved: issue.resolved_at.map(show).unwrap_or_default(),
            cause: issue.cause.clone(),
            impact: issue.impact.clone(),
            our_fault: issue.our_fault,
            options: issue.options.iter().map(option_ctx).collect(),
            chosen: issue.options.iter().find(|o| o.chosen).map(option_ctx),
            resolution: issue.resolution.clone(),
            affected: issue
                .resolved_at
                .map(|t| words::rough_duration(&language, t - issue.detected_at))
                .unwrap_or_default(),
            lessons: issue.lessons.clone(),
            prevention: issue.prevention.clone(),
            fixing: issue.status == crate::model::IssueStatus::InProgress,
            doing,
            doing_zh,
        },
        // A promise names the client's wall clock and zone ("14:00 CST").
        next_update: show(next_update),
        last_update: last_sent.map(show).unwrap_or_default(),
        changes,
    })
}
