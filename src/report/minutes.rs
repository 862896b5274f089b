//! A meeting's minutes as the client reads them: title, date and time in the client's zone,
//! attendees, agenda, notes, decisions and actions with owner and due date, in the client's
//! language, addressed to the attendees. Client text: it reads only the meeting, its
//! decisions and its actions, never the rest of the log, the mood or the scores.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use super::message::Message;
use crate::error::{Error, Result};
use crate::model::{Meeting, MeetingAction};
use crate::store;
use crate::workflow::Policy;
use crate::workflow::client_time::{calendar_of_project, show_to_client};
use crate::workflow::recipients::Address;
use crate::workflow::templates::render_subject_body;
use crate::workflow::words;

const TEMPLATES: &[(&str, &str)] = &[
    ("en", include_str!("../../assets/templates/en/minutes.txt")),
    (
        "zh-CN",
        include_str!("../../assets/templates/zh-CN/minutes.txt"),
    ),
];

/// The minutes of one meeting, ready to write out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingMinutes {
    pub meeting: Meeting,
    pub language: String,
    /// The attendees with an address.
    pub to: Vec<Address>,
    pub decisions: Vec<String>,
    pub actions: Vec<MeetingAction>,
    pub subject: String,
    pub body: String,
}

#[derive(Serialize)]
struct ActionLine {
    text: String,
    owner: String,
    due: String,
    done: bool,
}

#[derive(Serialize)]
struct Context<'a> {
    project: &'a str,
    title: &'a str,
    day: String,
    when: String,
    greeting: String,
    you: &'a str,
    people: String,
    agenda: String,
    notes: String,
    decisions: &'a [String],
    actions: Vec<ActionLine>,
    sender: &'a str,
    /// Markdown marks: "## " before a section title and "- " before a field line.
    h: &'a str,
    li: &'a str,
}

fn zh(language: &str) -> bool {
    language.eq_ignore_ascii_case("zh-CN")
}

/// Who attended, as the client reads it: their people with the company, then ours.
fn people(language: &str, client: &str, m: &Meeting) -> String {
    let sep = if zh(language) { "、" } else { ", " };
    let theirs: Vec<&str> = m.attendees.iter().map(|a| a.name.as_str()).collect();
    let ours: Vec<&str> = m
        .team
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    let mut parts = Vec::new();
    if !theirs.is_empty() {
        parts.push(if zh(language) {
            format!("{}（{client}）", theirs.join(sep))
        } else {
            format!("{} ({client})", theirs.join(sep))
        });
    }
    if !ours.is_empty() {
        parts.push(if zh(language) {
            format!("{}（项目组）", ours.join(sep))
        } else {
            format!("{} (project team)", ours.join(sep))
        });
    }
    parts.join(if zh(language) { "；" } else { "; " })
}

/// A text of several lines as written; in Markdown each line stays its own (an agenda item
/// becomes a list item, a line of notes its own paragraph) instead of running into one.
fn lines_for(text: &str, markdown: bool, item: &str) -> String {
    let text = text.trim();
    if !markdown {
        return text.to_string();
    }
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let listed = l.starts_with(['-', '*', '+'])
                || l.split_once(". ")
                    .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
            if listed {
                l.to_string()
            } else {
                format!("{item}{l}")
            }
        })
        .collect();
    lines.join(if item.is_empty() { "\n\n" } else { "\n" })
}

fn greeting(language: &str, m: &Meeting) -> String {
    match (zh(language), m.attendees.as_slice()) {
        (false, [one]) => format!("Dear {},", one.name),
        (false, []) => "Hello,".into(),
        (false, _) => "Dear all,".into(),
        (true, [one]) => format!("{}，您好：", one.name),
        (true, []) => "您好：".into(),
        (true, _) => "各位好：".into(),
    }
}

/// The minutes of meeting `id` (recorded ones only), rendered for a mail (`markdown` false)
/// or a Markdown file.
pub fn minutes(
    conn: &Connection,
    policy: &Policy,
    id: i64,
    markdown: bool,
) -> Result<MeetingMinutes> {
    let meeting = store::meetings::get(conn, id)?;
    if !meeting.held() {
        return Err(Error::Conflict(format!(
            "meeting {id} has no minutes yet (rapport meeting minutes {id} --notes ... --decision ... --action ...)"
        )));
    }
    let project = store::projects::get_project(conn, meeting.project_id)?;
    let language = words::language_for_project(conn, project.id, policy)?;
    let cal = calendar_of_project(conn, policy, project.id)?;
    let day = match &cal {
        Some(c) => meeting
            .at
            .with_timezone(&c.zone)
            .format("%Y-%m-%d")
            .to_string(),
        None => policy.zone.show(meeting.at, "%Y-%m-%d"),
    };
    let decisions: Vec<String> = store::meetings::decisions(conn, id)?
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    let actions = store::meetings::actions_of(conn, id)?;
    let source = TEMPLATES
        .iter()
        .find(|(l, _)| *l == language)
        .or_else(|| TEMPLATES.first())
        .map(|(_, t)| *t)
        .unwrap_or_default();
    let context = Context {
        project: &project.name,
        title: &meeting.title,
        day,
        when: show_to_client(policy, cal.as_ref(), meeting.at),
        greeting: greeting(&language, &meeting),
        you: if meeting.attendees.len() > 1 {
            "各位"
        } else {
            "您"
        },
        people: people(&language, &project.client, &meeting),
        // The agenda is a list in plain text too: "- " before each item, as in Markdown.
        agenda: lines_for(&meeting.agenda, true, "- "),
        notes: lines_for(&meeting.notes, markdown, ""),
        decisions: &decisions,
        actions: actions
            .iter()
            .map(|a| ActionLine {
                text: a.text.clone(),
                owner: a.owner.clone(),
                due: a.due_on.format("%Y-%m-%d").to_string(),
                done: a.done_at.is_some(),
            })
            .collect(),
        sender: &policy.sender,
        h: if markdown { "## " } else { "" },
        li: if markdown { "- " } else { "" },
    };
    let (subject, body) = render_subject_body("minutes", source, &context, &meeting.title)?;
    let to = meeting
        .attendees
        .iter()
        .filter(|a| !a.email.trim().is_empty())
        .map(|a| (a.name.clone(), a.email.clone()))
        .collect();
    Ok(MeetingMinutes {
        language,
        to,
        decisions,
        actions,
        subject,
        body,
        meeting,
    })
}

/// The minutes as a message from the sender, dated `now` (a draft to send).
pub fn message(policy: &Policy, m: &MeetingMinutes, now: DateTime<Utc>) -> Message {
    Message {
        from: policy.sender.clone(),
        to: m.to.first().cloned(),
        cc: Vec::new(),
        subject: m.subject.clone(),
        body: m.body.clone(),
        date: now,
        sent: false,
        language: m.language.clone(),
    }
}
