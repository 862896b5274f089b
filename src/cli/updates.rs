//! `rapport update ...`: the client update queue.

use clap::Subcommand;

use super::ctx::{Ctx, ListArgs, parse_id};
use super::ctx::{fields, show_time, show_time_opt};
use super::output::age;
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::model::{Channel, NewUpdate, Update, UpdateKind, UpdatePatch, UpdateState};
use crate::report::{self, Format, Message};
use crate::store::{self, Listing, UpdateQuery};
use crate::workflow::{self, Record, updates};

#[derive(Debug, Subcommand)]
pub enum UpdateCmd {
    /// Queue an update owed to the client. Prints the new id.
    #[command(
        after_help = "Example:\n  rapport update add -p Portal --kind status --subject 'Weekly status' --body 'All on track.'"
    )]
    Add {
        #[arg(long, short)]
        project: String,
        /// notice, progress, resolution, status, closing or other.
        #[arg(long, short)]
        kind: String,
        #[arg(long, short)]
        subject: String,
        #[arg(long, short, default_value = "")]
        body: String,
        /// When it is owed (default: now).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        due: Option<String>,
        /// The issue it is about.
        #[arg(long)]
        issue: Option<String>,
        /// email, phone, meeting, chat or other (default: the project's channel).
        #[arg(long)]
        channel: Option<String>,
        /// The contact it goes to (default: the client's first contact).
        #[arg(long, value_name = "CONTACT")]
        to: Option<String>,
        /// draft or ready.
        #[arg(long, default_value = "draft")]
        state: String,
    },
    /// List the queue (pending updates unless --all), overdue first.
    #[command(
        after_help = "Examples:\n  rapport update list\n  rapport update list --all --issue 4 --format jsonl"
    )]
    List {
        #[command(flatten)]
        list: ListArgs,
        /// Only updates about this issue.
        #[arg(long)]
        issue: Option<String>,
    },
    /// Show one update with its body.
    #[command(after_help = "Example:\n  rapport update show 12")]
    Show { id: String },
    /// Change a pending update.
    #[command(
        after_help = "Examples:\n  rapport update edit 12 --due 'tomorrow 10:00'\n  rapport update edit 12 --cc bob@northwind.example"
    )]
    Edit {
        id: String,
        #[arg(long)]
        subject: Option<String>,
        #[arg(long)]
        body: Option<String>,
        /// Write the body in $VISUAL, else $EDITOR, else vi (unchanged or emptied: nothing
        /// written).
        #[arg(long, conflicts_with = "body")]
        editor: bool,
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        due: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        channel: Option<String>,
        #[arg(long, value_name = "CONTACT")]
        to: Option<String>,
        /// Copy it to these contacts (repeat the option; replaces the Cc list).
        #[arg(long, value_name = "CONTACT", num_args = 1..)]
        cc: Vec<String>,
        /// draft, ready or skipped.
        #[arg(long)]
        state: Option<String>,
    },
    /// Record that the update went out (also logged in the communication log).
    #[command(
        after_help = "Examples:\n  rapport update sent 12\n  rapport update sent 12 --at '-30m'"
    )]
    Sent {
        id: String,
        /// When it was sent (default: now).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        at: Option<String>,
    },
    /// Decide not to send an update; it stays on record.
    #[command(after_help = "Example:\n  rapport update skip 12")]
    Skip { id: String },
    /// Archive an update: it leaves the queue but stays in the file.
    #[command(after_help = "Example:\n  rapport update archive 12")]
    Archive { id: String },
    /// Bring an archived update back into the lists.
    #[command(after_help = "Example:\n  rapport update restore 12")]
    Restore { id: String },
    /// Draft the right update for an issue now (notice, progress or resolution), from the
    /// templates; an untouched pending draft of that kind is refreshed instead. Prints its id.
    #[command(
        after_help = "Examples:\n  rapport update draft --issue 4\n  rapport update draft --issue 4 --kind progress"
    )]
    Draft {
        #[arg(long)]
        issue: String,
        /// notice, progress or resolution (default: what the issue needs next).
        #[arg(long)]
        kind: Option<String>,
    },
    /// Write an update out: eml (a draft your mail client opens), md or text.
    #[command(
        after_help = "Examples:\n  rapport update export 12 --format eml -o update.eml\n  rapport update export 12 --format md"
    )]
    Export {
        id: String,
        #[arg(long, default_value = "eml")]
        format: String,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<std::path::PathBuf>,
        /// Replace the -o file if it exists.
        #[arg(long)]
        force: bool,
    },
}

pub fn run(ctx: &mut Ctx, cmd: UpdateCmd) -> Result<()> {
    match cmd {
        UpdateCmd::Add {
            project,
            kind,
            subject,
            body,
            due,
            issue,
            channel,
            to,
            state,
        } => {
            let kind: UpdateKind = kind.parse()?;
            let state: UpdateState = state.parse()?;
            let channel = channel.map(|c| c.parse::<Channel>()).transpose()?;
            let due_at = due.map(|d| ctx.when(&d)).transpose()?.unwrap_or(ctx.now);
            let issue_id = issue.map(|i| parse_id("issue", &i)).transpose()?;
            let project = ctx.project(&project)?;
            let contact_id = to
                .map(|k| store::projects::contact_by_key(ctx.store.conn(), project.client_id, &k))
                .transpose()?
                .map(|c| c.id);
            let new = NewUpdate {
                project_id: project.id,
                issue_id,
                kind,
                channel: channel.unwrap_or(project.channel),
                contact_id,
                subject,
                body,
                due_at,
                state,
                rule_key: None,
            };
            let policy = ctx.policy()?;
            let done = updates::add(&mut ctx.store, ctx.now, &policy, new)?;
            let Record::Update(id) = done.record else {
                return Ok(());
            };
            print_short(ctx, id)
        }
        UpdateCmd::List { list, issue } => {
            let q = UpdateQuery {
                project_id: ctx.project_id(list.project.as_deref())?,
                issue_id: issue.map(|i| parse_id("issue", &i)).transpose()?,
                include_done: list.all,
                text: list.search.clone(),
            };
            if list.count {
                return super::ctx::print_count(ctx, q.count(ctx.store.conn())?);
            }
            let limit = list.output.apply(&mut ctx.out)?;
            let mut clock = super::clients::ClientClock::new(ctx)?;
            ctx.out.list_query(
                ctx.store.conn(),
                &q,
                limit,
                &["id", "due", "state", "kind", "project", "issue", "subject"],
                |u| {
                    vec![
                        u.id.to_string(),
                        due_cell(ctx, u) + &clock.suffix(ctx.store.conn(), u.project_id, u.due_at),
                        u.state.to_string(),
                        u.kind.to_string(),
                        u.project.clone(),
                        u.issue_id.map(|i| format!("#{i}")).unwrap_or_default(),
                        u.subject.clone(),
                    ]
                },
            )
        }
        UpdateCmd::Show { id } => {
            let policy = ctx.policy()?;
            let u =
                updates::refresh_draft(&mut ctx.store, ctx.now, &policy, parse_id("update", &id)?)?;
            print_update(ctx, &u)
        }
        UpdateCmd::Draft { issue, kind } => {
            let issue_id = parse_id("issue", &issue)?;
            let kind = kind
                .map(|k| k.parse::<crate::model::UpdateKind>())
                .transpose()?;
            let policy = ctx.policy()?;
            let (u, _) =
                updates::draft_issue_update(&mut ctx.store, ctx.now, &policy, issue_id, kind)?;
            if ctx.out.json {
                ctx.out.json(&u)
            } else {
                ctx.out.line(&u.id.to_string())
            }
        }
        UpdateCmd::Export {
            id,
            format,
            output,
            force,
        } => {
            let format: Format = format.parse()?;
            let policy = ctx.policy()?;
            let u =
                updates::refresh_draft(&mut ctx.store, ctx.now, &policy, parse_id("update", &id)?)?;
            let (to, cc) = workflow::recipients::addresses(ctx.store.conn(), &u)?;
            let message = Message {
                from: policy.sender.clone(),
                to,
                cc,
                subject: u.subject.clone(),
                body: u.body.clone(),
                // A sent update is the record of what went out, when it did.
                date: u.sent_at.unwrap_or(ctx.now),
                sent: u.state == crate::model::UpdateState::Sent && u.sent_at.is_some(),
                language: workflow::words::language_for_project(
                    ctx.store.conn(),
                    u.project_id,
                    &policy,
                )?,
            };
            let text = report::message::write(format, &message, &u);
            super::ctx::write_output(ctx, output.as_deref(), force, &text)
        }
        UpdateCmd::Edit {
            id,
            subject,
            body,
            editor,
            due,
            kind,
            channel,
            to,
            cc,
            state,
        } => {
            let id = parse_id("update", &id)?;
            let current = store::updates::get(ctx.store.conn(), id)?;
            let project = store::projects::get_project(ctx.store.conn(), current.project_id)?;
            let contact = |k: &str| {
                store::projects::contact_by_key(ctx.store.conn(), project.client_id, k)
                    .map(|c| c.id)
            };
            let contact_id = to.map(|k| contact(&k).map(Some)).transpose()?;
            let cc = if cc.is_empty() {
                None
            } else {
                Some(cc.iter().map(|k| contact(k)).collect::<Result<Vec<_>>>()?)
            };
            let mut patch = UpdatePatch {
                kind: kind.map(|k| k.parse()).transpose()?,
                channel: channel.map(|c| c.parse()).transpose()?,
                contact_id,
                subject,
                body,
                due_at: due.map(|d| ctx.when(&d)).transpose()?,
                state: state.map(|s| s.parse()).transpose()?,
                cc,
            };
            if editor {
                let notes = super::editing::Notes {
                    unchanged: tr("The body is unchanged: nothing written."),
                    emptied: tr("The editor left the body empty: nothing written."),
                };
                let stem = format!("update-{id}");
                match super::editing::text_from_editor(ctx, &current.body, &stem, notes)? {
                    Some(text) => patch.body = Some(text),
                    // Nothing else asked for: nothing to write.
                    None if patch == UpdatePatch::default() => {
                        return if ctx.out.json {
                            ctx.out.json(&current)
                        } else {
                            Ok(())
                        };
                    }
                    None => {}
                }
            }
            let (u, _) = updates::edit(&mut ctx.store, ctx.now, id, patch)?;
            if ctx.out.json {
                ctx.out.json(&u)
            } else {
                ctx.out.line(&trf("update {id} changed", &[("id", &id)]))
            }
        }
        UpdateCmd::Sent { id, at } => {
            let id = parse_id("update", &id)?;
            let at = at.map(|a| ctx.when(&a)).transpose()?.unwrap_or(ctx.now);
            let policy = ctx.policy()?;
            let (u, _) = updates::mark_sent(&mut ctx.store, ctx.now, &policy, id, at)?;
            if ctx.out.json {
                ctx.out.json(&u)
            } else {
                ctx.out.line(&trf(
                    "update {id} marked sent at {at}",
                    &[("id", &id), ("at", &show_time(ctx, at))],
                ))
            }
        }
        UpdateCmd::Skip { id } => {
            let id = parse_id("update", &id)?;
            let policy = ctx.policy()?;
            let (u, _) = updates::skip(&mut ctx.store, ctx.now, &policy, id)?;
            if ctx.out.json {
                ctx.out.json(&u)
            } else {
                ctx.out.line(&trf("update {id} skipped", &[("id", &id)]))
            }
        }
        UpdateCmd::Restore { id } => {
            let id = parse_id("update", &id)?;
            super::history::restore(ctx, crate::workflow::Record::Update(id))
        }
        UpdateCmd::Archive { id } => {
            let id = parse_id("update", &id)?;
            workflow::undo::archive(&mut ctx.store, ctx.now, Record::Update(id))?;
            print_short(ctx, id)
        }
    }
}

fn print_short(ctx: &mut Ctx, id: i64) -> Result<()> {
    if ctx.out.json {
        let u = store::updates::get(ctx.store.conn(), id)?;
        ctx.out.json(&u)
    } else {
        ctx.out.line(&id.to_string())
    }
}

fn due_cell(ctx: &Ctx, u: &Update) -> String {
    if u.overdue(ctx.now) {
        trf("LATE by {age}", &[("age", &age(ctx.now, u.due_at))])
    } else {
        show_time(ctx, u.due_at)
    }
}

fn cc_names(ctx: &Ctx, u: &Update) -> Result<String> {
    let mut names = Vec::new();
    for id in store::client_text::cc_of(ctx.store.conn(), u.id)? {
        names.push(store::projects::get_contact(ctx.store.conn(), id)?.name);
    }
    Ok(names.join(", "))
}

fn print_update(ctx: &mut Ctx, u: &Update) -> Result<()> {
    if ctx.out.json {
        return ctx.out.json(u);
    }
    let rows = vec![
        (
            "update",
            format!(
                "{} {}",
                u.id,
                if u.archived { tr("(archived)") } else { "" }
            ),
        ),
        ("subject", u.subject.clone()),
        ("project", u.project.clone()),
        (
            "issue",
            u.issue_id.map(|i| format!("#{i}")).unwrap_or_default(),
        ),
        ("kind", u.kind.to_string()),
        ("channel", u.channel.to_string()),
        ("to", u.audience.clone()),
        ("cc", cc_names(ctx, u)?),
        (
            "due",
            due_cell(ctx, u)
                + &super::clients::ClientClock::new(ctx)?.suffix(
                    ctx.store.conn(),
                    u.project_id,
                    u.due_at,
                ),
        ),
        ("state", u.state.to_string()),
        (
            "sent",
            u.sent_at
                .map(|t| show_time_opt(ctx, Some(t)))
                .unwrap_or_default(),
        ),
        (
            "skipped because",
            store::client_text::skip_reason(ctx.store.conn(), u.id)?.unwrap_or_default(),
        ),
        ("body", u.body.clone()),
    ];
    fields(ctx, &rows)
}
