//! `rapport meeting ...` and `rapport action ...`: meetings with the client, their minutes
//! and the actions agreed in them.

use std::path::PathBuf;

use clap::Subcommand;

use super::ctx::{fields, show_time, show_time_opt};
use super::{Ctx, parse_id};
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::{Meeting, MeetingAction, MeetingPatch, NewMeeting, parse_action};
use crate::report;
use crate::store;
use crate::workflow::meetings::{self, Minutes};

#[derive(Debug, Subcommand)]
pub enum MeetingCmd {
    /// Plan a meeting. Prints the new id.
    #[command(
        after_help = "Examples:\n  rapport meeting add -p Portal --at 'fri 10:00' --title 'Weekly progress' --attendees 'Sarah Chen,mark@northwind.example' --team 'Ana, Li Wei'\n  rapport meeting add -p Portal --at 2026-12-01 --title 'Steering review' --agenda 'Scope of 4.3'"
    )]
    Add {
        #[arg(long, short)]
        project: String,
        /// When it starts.
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        at: String,
        #[arg(long)]
        title: String,
        /// The client's people invited, by name or e-mail, comma-separated (the minutes go
        /// to them).
        #[arg(long, value_name = "A,B", value_delimiter = ',')]
        attendees: Vec<String>,
        /// Who attends from our side, comma-separated (named in the minutes).
        #[arg(long, value_name = "A,B", default_value = "")]
        team: String,
        #[arg(long, default_value = "")]
        agenda: String,
    },
    /// Meetings, newest first.
    #[command(
        after_help = "Examples:\n  rapport meeting list -p Portal\n  rapport meeting list --format csv"
    )]
    List {
        #[arg(long, short)]
        project: Option<String>,
        #[command(flatten)]
        output: super::ListOutput,
    },
    /// One meeting with its decisions and actions.
    #[command(after_help = "Example:\n  rapport meeting show 3")]
    Show { id: String },
    /// Change a meeting.
    #[command(
        after_help = "Examples:\n  rapport meeting edit 3 --at 'mon 14:00'\n  rapport meeting edit 3 --attendees 'Sarah Chen,Mark Olsen' --team Ana"
    )]
    Edit {
        id: String,
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        at: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// The client's people invited (replaces the list), comma-separated.
        #[arg(long, value_name = "A,B", value_delimiter = ',')]
        attendees: Option<Vec<String>>,
        #[arg(long, value_name = "A,B")]
        team: Option<String>,
        #[arg(long)]
        agenda: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
    /// Archive a meeting (it did not take place): it and its open actions leave Today.
    #[command(after_help = "Example:\n  rapport meeting archive 3")]
    Archive { id: String },
    /// Record what came out of a meeting held: notes, decisions (into the communication
    /// log) and actions (commitments on Today until done). The meeting counts as contact.
    #[command(
        after_help = "Examples:\n  rapport meeting minutes 3 --notes 'Load 70% done' --decision 'Go live on 7 December'\n  rapport meeting minutes 3 --action 'Send the test plan;Ana;tue' --action 'Confirm the window;Sarah Chen;2026-12-01'"
    )]
    Minutes {
        id: String,
        #[arg(long)]
        notes: Option<String>,
        /// A decision taken (repeat for more).
        #[arg(long = "decision", value_name = "TEXT")]
        decisions: Vec<String>,
        /// An action agreed, "TEXT;OWNER;WHEN" (repeat for more).
        #[arg(
            long = "action",
            value_name = "TEXT;OWNER;WHEN",
            allow_hyphen_values = true
        )]
        actions: Vec<String>,
    },
    /// Write the minutes to the attendees, in the client's language: md or eml.
    #[command(
        after_help = "Examples:\n  rapport meeting export 3 --format eml -o minutes.eml\n  rapport meeting export 3 --format md"
    )]
    Export {
        id: String,
        #[arg(long, default_value = "eml")]
        format: String,
        /// A new file (0600); default: standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ActionCmd {
    /// Actions agreed in meetings, open ones first by due date.
    #[command(
        after_help = "Examples:\n  rapport action list --open\n  rapport action list -p Portal --format csv"
    )]
    List {
        #[arg(long, short)]
        project: Option<String>,
        /// Only those not done yet.
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        output: super::ListOutput,
    },
    /// Mark an action done: it leaves Today.
    #[command(after_help = "Example:\n  rapport action done 4")]
    Done { id: String },
}

pub fn run_meeting(ctx: &mut Ctx, cmd: MeetingCmd) -> Result<()> {
    match cmd {
        MeetingCmd::Add {
            project,
            at,
            title,
            attendees,
            team,
            agenda,
        } => {
            let at = ctx.when(&at)?;
            let project = ctx.project(&project)?;
            let attendees = meetings::resolve_attendees(ctx.store.conn(), &project, &attendees)?;
            let id = meetings::add(
                &mut ctx.store,
                ctx.now,
                NewMeeting {
                    project_id: project.id,
                    at,
                    title,
                    agenda,
                    team,
                    attendees,
                },
            )?;
            if ctx.out.json {
                ctx.out.json(&store::meetings::get(ctx.store.conn(), id)?)
            } else {
                ctx.out.line(&id.to_string())
            }
        }
        MeetingCmd::List { project, output } => {
            let project_id = ctx.project_id(project.as_deref())?;
            let limit = output.apply(&mut ctx.out)?;
            let list = store::meetings::list(ctx.store.conn(), project_id, 10_000)?;
            let (list, more) = super::listing::take(list, limit);
            let now = ctx.now;
            let shown: Vec<String> = list.iter().map(|m| show_time(ctx, m.at)).collect();
            let mut row = 0;
            ctx.out.list_rows(
                &list,
                more,
                &["id", "when", "minutes", "project", "meeting", "attendees"],
                |m| {
                    row += 1;
                    vec![
                        m.id.to_string(),
                        shown[row - 1].clone(),
                        match (m.held(), m.at <= now) {
                            (true, _) => "recorded",
                            (false, true) => "to record",
                            (false, false) => "planned",
                        }
                        .to_string(),
                        m.project.clone(),
                        m.title.clone(),
                        m.attendees
                            .iter()
                            .map(|a| a.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ]
                },
            )
        }
        MeetingCmd::Show { id } => {
            let id = parse_id("meeting", &id)?;
            let m = store::meetings::get(ctx.store.conn(), id)?;
            show(ctx, &m)
        }
        MeetingCmd::Edit {
            id,
            at,
            title,
            attendees,
            team,
            agenda,
            notes,
        } => {
            let id = parse_id("meeting", &id)?;
            let attendees = match attendees {
                Some(keys) => {
                    let m = store::meetings::get(ctx.store.conn(), id)?;
                    let project = store::projects::get_project(ctx.store.conn(), m.project_id)?;
                    Some(meetings::resolve_attendees(
                        ctx.store.conn(),
                        &project,
                        &keys,
                    )?)
                }
                None => None,
            };
            let patch = MeetingPatch {
                at: at.map(|a| ctx.when(&a)).transpose()?,
                title,
                agenda,
                team,
                notes,
                attendees,
            };
            let m = meetings::edit(&mut ctx.store, ctx.now, id, patch)?;
            show(ctx, &m)
        }
        MeetingCmd::Archive { id } => {
            let id = parse_id("meeting", &id)?;
            let m = meetings::archive(&mut ctx.store, ctx.now, id)?;
            if ctx.out.json {
                ctx.out.json(&m)
            } else {
                ctx.out.line(&trf("meeting {id} archived", &[("id", &id)]))
            }
        }
        MeetingCmd::Minutes {
            id,
            notes,
            decisions,
            actions,
        } => {
            let id = parse_id("meeting", &id)?;
            // Every action is checked before anything is written.
            let actions = actions
                .iter()
                .map(|a| parse_action(a, |d| ctx.date(d)))
                .collect::<Result<Vec<_>>>()?;
            let done = meetings::record_minutes(
                &mut ctx.store,
                ctx.now,
                id,
                Minutes {
                    notes,
                    decisions,
                    actions,
                },
            )?;
            if ctx.out.json {
                return ctx.out.json(&done);
            }
            let list = |ids: &[i64]| {
                ids.iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let mut line = format!("minutes of meeting {id} recorded");
            if !done.decisions.is_empty() {
                line.push_str(&format!("; decisions: log {}", list(&done.decisions)));
            }
            if !done.actions.is_empty() {
                line.push_str(&format!("; actions: {}", list(&done.actions)));
            }
            ctx.out.line(&line)
        }
        MeetingCmd::Export {
            id,
            format,
            output,
            force,
        } => {
            let id = parse_id("meeting", &id)?;
            let markdown = match format.trim().to_ascii_lowercase().as_str() {
                "md" | "markdown" => true,
                "eml" => false,
                _ => return Err(Error::invalid("format", &format, "md, eml".into())),
            };
            let policy = ctx.policy()?;
            let minutes = report::minutes::minutes(ctx.store.conn(), &policy, id, markdown)?;
            if minutes.to.is_empty() {
                eprintln!(
                    "warning: no attendee of meeting {id} has an e-mail address: the minutes have no To"
                );
            }
            let message = report::minutes::message(&policy, &minutes, ctx.now);
            let text = if markdown {
                report::message::markdown_to(&message, &minutes.to)
            } else {
                report::message::eml_to(&message, &minutes.to)
            };
            super::write_output(ctx, output.as_deref(), force, &text)
        }
    }
}

fn show(ctx: &mut Ctx, m: &Meeting) -> Result<()> {
    let conn = ctx.store.conn();
    let decisions = store::meetings::decisions(conn, m.id)?;
    let actions = store::meetings::actions_of(conn, m.id)?;
    if ctx.out.json {
        return ctx.out.json(&serde_json::json!({
            "meeting": m,
            "decisions": decisions
                .iter()
                .map(|(id, text)| serde_json::json!({ "log_id": id, "text": text }))
                .collect::<Vec<_>>(),
            "actions": actions,
        }));
    }
    let attendees: Vec<String> = m
        .attendees
        .iter()
        .map(|a| {
            if a.email.is_empty() {
                a.name.clone()
            } else {
                format!("{} <{}>", a.name, a.email)
            }
        })
        .collect();
    let decision_lines: Vec<String> = decisions
        .iter()
        .map(|(id, d)| format!("log {id}: {d}"))
        .collect();
    let action_lines: Vec<String> = actions.iter().map(action_line).collect();
    let mut state = if m.held() {
        trf(
            "minutes recorded {at}",
            &[("at", &show_time_opt(ctx, m.minutes_at))],
        )
    } else {
        tr("planned, no minutes yet").to_string()
    };
    if m.archived {
        state.push(' ');
        state.push_str(tr("(archived)"));
    }
    fields(
        ctx,
        &[
            ("meeting", format!("{} {}", m.id, m.title)),
            ("project", m.project.clone()),
            ("when", show_time(ctx, m.at)),
            ("state", state),
            ("attendees", attendees.join(", ")),
            ("team", m.team.clone()),
            ("agenda", m.agenda.clone()),
            ("notes", m.notes.clone()),
            ("decisions", decision_lines.join("\n")),
            ("actions", action_lines.join("\n")),
        ],
    )
}

fn action_line(a: &MeetingAction) -> String {
    let state = if a.done_at.is_some() { "done" } else { "open" };
    format!(
        "{} [{state}] {} (owner {}, due {})",
        a.id, a.text, a.owner, a.due_on
    )
}

pub fn run_action(ctx: &mut Ctx, cmd: ActionCmd) -> Result<()> {
    match cmd {
        ActionCmd::List {
            project,
            open,
            output,
        } => {
            let project_id = ctx.project_id(project.as_deref())?;
            let limit = output.apply(&mut ctx.out)?;
            let list = store::meetings::actions(ctx.store.conn(), project_id, open, 10_000)?;
            let (list, more) = super::listing::take(list, limit);
            ctx.out.list_rows(
                &list,
                more,
                &["id", "due", "state", "owner", "project", "from", "action"],
                |a| {
                    vec![
                        a.id.to_string(),
                        a.due_on.to_string(),
                        if a.done_at.is_some() { "done" } else { "open" }.to_string(),
                        a.owner.clone(),
                        a.project.clone(),
                        format!("meeting {}", a.meeting_id),
                        a.text.clone(),
                    ]
                },
            )
        }
        ActionCmd::Done { id } => {
            let id = parse_id("action", &id)?;
            let a = meetings::action_done(&mut ctx.store, ctx.now, id)?;
            if ctx.out.json {
                ctx.out.json(&a)
            } else {
                ctx.out.line(&trf("action {id} done", &[("id", &id)]))
            }
        }
    }
}
