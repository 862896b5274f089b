//! `rapport log ...`: the communication log.

use clap::Subcommand;

use super::ctx::show_time;
use super::ctx::{Ctx, parse_id};
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::model::{Channel, Direction, LogKind, NewLogEntry, parse_sentiment, sentiment_symbol};
use crate::store::{self, Listing, LogQuery};
use crate::workflow::{self, Record, log};

#[derive(Debug, Subcommand)]
pub enum LogCmd {
    /// Log a contact with the client. Prints the new id.
    #[command(
        after_help = "Examples:\n  rapport log add 'Called about the outage' -p Portal --dir in --channel phone\n  rapport log add 'Sent the weekly status' -p Portal --dir out --issue 4"
    )]
    Add {
        summary: String,
        #[arg(long, short)]
        project: String,
        /// in (from the client) or out (to the client).
        #[arg(long = "dir", value_name = "in|out")]
        direction: String,
        /// email, phone, meeting, chat or other.
        #[arg(long, short, default_value = "email")]
        channel: String,
        /// feedback, complaint, request, praise, decision or note.
        #[arg(long, short, default_value = "note")]
        kind: String,
        /// The client's mood, -2 (angry) to 2 (delighted).
        #[arg(long, default_value = "0", allow_hyphen_values = true)]
        sentiment: String,
        /// When it happened (default: now).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        at: Option<String>,
        #[arg(long)]
        issue: Option<String>,
        #[arg(long)]
        expectation: Option<String>,
    },
    /// The log, newest first.
    #[command(
        after_help = "Examples:\n  rapport log list --limit 20\n  rapport log list --issue 4 --format csv"
    )]
    List {
        #[arg(long, short)]
        project: Option<String>,
        #[arg(long)]
        issue: Option<String>,
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// At most this many entries.
        #[arg(long, default_value = "100")]
        limit: String,
        /// Print only how many entries the log has (an indexed count).
        #[arg(long)]
        count: bool,
        #[command(flatten)]
        shape: super::FormatArgs,
    },
    /// Mark an inbound complaint or request handled (answered another way): it leaves Today
    /// and its reply draft is skipped.
    #[command(after_help = "Example:\n  rapport log handled 17 --note 'answered by phone'")]
    Handled {
        id: String,
        /// How it was handled.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Archive a log entry: it leaves the log but stays in the file.
    #[command(after_help = "Example:\n  rapport log archive 17")]
    Archive { id: String },
    /// Bring an archived log entry back into the lists.
    #[command(after_help = "Example:\n  rapport log restore 17")]
    Restore { id: String },
}

pub fn run(ctx: &mut Ctx, cmd: LogCmd) -> Result<()> {
    match cmd {
        LogCmd::Add {
            summary,
            project,
            direction,
            channel,
            kind,
            sentiment,
            at,
            issue,
            expectation,
        } => {
            let direction: Direction = direction.parse()?;
            let channel: Channel = channel.parse()?;
            let kind: LogKind = kind.parse()?;
            let sentiment = parse_sentiment(&sentiment)?;
            let at = at.map(|a| ctx.when(&a)).transpose()?.unwrap_or(ctx.now);
            let issue_id = issue.map(|i| parse_id("issue", &i)).transpose()?;
            let expectation_id = expectation
                .map(|e| parse_id("expectation", &e))
                .transpose()?;
            let project = ctx.project(&project)?;
            let was_waiting = match issue_id {
                Some(iid) if direction == Direction::In => {
                    crate::store::waits::open_wait(ctx.store.conn(), iid)?.is_some()
                }
                _ => false,
            };
            let policy = ctx.policy()?;
            let done = log::add(
                &mut ctx.store,
                ctx.now,
                &policy,
                NewLogEntry {
                    project_id: project.id,
                    at,
                    direction,
                    channel,
                    kind,
                    summary,
                    sentiment,
                    issue_id,
                    expectation_id,
                    update_id: None,
                },
            )?;
            if let (Some(iid), true) = (issue_id, was_waiting) {
                let policy = ctx.policy()?;
                crate::workflow::waiting::queue_follow_up(&mut ctx.store, ctx.now, &policy, iid)?;
            }
            let Record::Log(id) = done.record else {
                return Ok(());
            };
            if ctx.out.json {
                ctx.out.json(&store::log::get(ctx.store.conn(), id)?)
            } else {
                ctx.out.line(&id.to_string())
            }
        }
        LogCmd::List {
            project,
            issue,
            search,
            limit,
            count,
            shape,
        } => {
            ctx.out.shape(&shape);
            let limit = limit.trim().parse::<usize>().map_err(|_| {
                crate::error::Error::invalid_because(
                    "limit",
                    &limit,
                    tr("a whole number such as 100"),
                )
            })?;
            let q = LogQuery {
                project_id: ctx.project_id(project.as_deref())?,
                issue_id: issue.map(|i| parse_id("issue", &i)).transpose()?,
                text: search,
            };
            if count {
                return super::ctx::print_count(ctx, q.count(ctx.store.conn())?);
            }
            ctx.out.list_query(
                ctx.store.conn(),
                &q,
                Some(limit),
                &[
                    "id", "at", "dir", "channel", "kind", "mood", "project", "summary",
                ],
                |e| {
                    vec![
                        e.id.to_string(),
                        show_time(ctx, e.at),
                        e.direction.to_string(),
                        e.channel.to_string(),
                        e.kind.to_string(),
                        sentiment_symbol(e.sentiment).to_string(),
                        e.project.clone(),
                        e.summary.clone(),
                    ]
                },
            )
        }
        LogCmd::Handled { id, note } => {
            let id = parse_id("log entry", &id)?;
            crate::workflow::feedback::mark_handled(&mut ctx.store, ctx.now, id, &note)?;
            if ctx.out.json {
                ctx.out
                    .json(&serde_json::json!({ "log_id": id, "handled": true }))
            } else {
                ctx.out.line(&trf("log entry {id} handled", &[("id", &id)]))
            }
        }
        LogCmd::Restore { id } => {
            let id = parse_id("log", &id)?;
            super::history::restore(ctx, crate::workflow::Record::Log(id))
        }
        LogCmd::Archive { id } => {
            let id = parse_id("log entry", &id)?;
            workflow::undo::archive(&mut ctx.store, ctx.now, Record::Log(id))?;
            if ctx.out.json {
                ctx.out.json(&store::log::get(ctx.store.conn(), id)?)
            } else {
                ctx.out
                    .line(&trf("log entry {id} archived", &[("id", &id)]))
            }
        }
    }
}
