//! `rapport plan ...`: the communication plan of each project.

use clap::Subcommand;

use super::ctx::fields;
use super::{Ctx, parse_id};
use crate::error::Result;
use crate::model::{Cadence, Channel, NewPlanEntry, PlanEntry, PlanKind, PlanPatch};
use crate::workflow::plans;

#[derive(Debug, Subcommand)]
pub enum PlanCmd {
    /// Add an entry to a project's communication plan. Prints the new id.
    #[command(
        after_help = "Examples:\n  rapport plan add -p Portal --what 'Weekly status' --kind status --every weekly --audience 'Sarah Chen'\n  rapport plan add -p Portal --what 'Progress meeting' --kind meeting --every 10d --owner Ana"
    )]
    Add {
        #[arg(long, short)]
        project: String,
        /// What is communicated, e.g. "Progress meeting".
        #[arg(long)]
        what: String,
        /// status, meeting, review or report.
        #[arg(long)]
        kind: String,
        /// weekly, biweekly, monthly or a number of days such as 10d.
        #[arg(long)]
        every: String,
        /// The client's contacts it goes to, comma separated (names or ids).
        #[arg(long, value_name = "CONTACT,...")]
        audience: Option<String>,
        /// Who on our side owns it.
        #[arg(long, default_value = "")]
        owner: String,
        /// email, phone, meeting, chat or other (default: the project's channel).
        #[arg(long)]
        channel: Option<String>,
    },
    /// The plan of every project, or of one.
    #[command(
        after_help = "Examples:\n  rapport plan list\n  rapport plan list -p Portal --all --format csv"
    )]
    List {
        #[arg(long, short)]
        project: Option<String>,
        /// Archived entries too.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        output: super::ListOutput,
    },
    /// One entry.
    #[command(after_help = "Example:\n  rapport plan show 2")]
    Show { id: String },
    /// Change an entry.
    #[command(
        after_help = "Examples:\n  rapport plan edit 2 --every monthly\n  rapport plan edit 2 --audience 'Sarah Chen,Bob Li'"
    )]
    Edit {
        id: String,
        #[arg(long)]
        what: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        every: Option<String>,
        /// Comma separated contacts; "" for none.
        #[arg(long, value_name = "CONTACT,...")]
        audience: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        channel: Option<String>,
    },
    /// Archive an entry: it stops driving the queue and stays in the file.
    #[command(after_help = "Example:\n  rapport plan archive 2")]
    Archive { id: String },
    /// Bring an archived entry back.
    #[command(after_help = "Example:\n  rapport plan restore 2")]
    Restore { id: String },
}

fn audience(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn run(ctx: &mut Ctx, cmd: PlanCmd) -> Result<()> {
    match cmd {
        PlanCmd::Add {
            project,
            what,
            kind,
            every,
            audience: to,
            owner,
            channel,
        } => {
            let kind: PlanKind = kind.parse()?;
            let every: Cadence = every.parse()?;
            let channel = channel.map(|c| c.parse::<Channel>()).transpose()?;
            let project = ctx.project(&project)?;
            let policy = ctx.policy()?;
            let id = plans::add(
                &mut ctx.store,
                ctx.now,
                &policy,
                NewPlanEntry {
                    project_id: project.id,
                    kind,
                    what,
                    every,
                    audience: to.as_deref().map(audience).unwrap_or_default(),
                    owner,
                    channel,
                },
            )?;
            if ctx.out.json {
                ctx.out.json(&plans::get(&ctx.store, id)?)
            } else {
                ctx.out.line(&id.to_string())
            }
        }
        PlanCmd::List {
            project,
            all,
            output,
        } => {
            let project_id = ctx.project_id(project.as_deref())?;
            let list = plans::list(&ctx.store, project_id, all)?;
            let (list, more) = super::listing::take(list, output.apply(&mut ctx.out)?);
            ctx.out.list_rows(
                &list,
                more,
                &[
                    "id", "project", "kind", "every", "channel", "owner", "audience", "what",
                ],
                |e| {
                    vec![
                        e.id.to_string(),
                        e.project.clone(),
                        e.kind.to_string(),
                        e.every.to_string(),
                        e.channel.to_string(),
                        e.owner.clone(),
                        e.audience.join(", "),
                        if e.archived {
                            format!("{} (archived)", e.what)
                        } else {
                            e.what.clone()
                        },
                    ]
                },
            )
        }
        PlanCmd::Show { id } => {
            let id = parse_id("plan entry", &id)?;
            let e = plans::get(&ctx.store, id)?;
            show(ctx, &e)
        }
        PlanCmd::Edit {
            id,
            what,
            kind,
            every,
            audience: to,
            owner,
            channel,
        } => {
            let id = parse_id("plan entry", &id)?;
            let patch = PlanPatch {
                kind: kind.map(|k| k.parse::<PlanKind>()).transpose()?,
                what,
                every: every.map(|e| e.parse::<Cadence>()).transpose()?,
                audience: to.as_deref().map(audience),
                owner,
                channel: channel.map(|c| c.parse::<Channel>()).transpose()?,
            };
            let policy = ctx.policy()?;
            let e = plans::edit(&mut ctx.store, ctx.now, &policy, id, patch)?;
            show(ctx, &e)
        }
        PlanCmd::Archive { id } => archive(ctx, &id, true),
        PlanCmd::Restore { id } => archive(ctx, &id, false),
    }
}

fn archive(ctx: &mut Ctx, id: &str, archived: bool) -> Result<()> {
    let id = parse_id("plan entry", id)?;
    let policy = ctx.policy()?;
    let e = plans::set_archived(&mut ctx.store, ctx.now, &policy, id, archived)?;
    if ctx.out.json {
        return ctx.out.json(&e);
    }
    ctx.out.line(&format!(
        "plan entry {id} {}",
        if archived { "archived" } else { "restored" }
    ))
}

fn show(ctx: &mut Ctx, e: &PlanEntry) -> Result<()> {
    if ctx.out.json {
        return ctx.out.json(e);
    }
    fields(
        ctx,
        &[
            ("plan entry", format!("{} {}", e.id, e.what)),
            ("project", e.project.clone()),
            ("kind", e.kind.to_string()),
            ("every", e.every.to_string()),
            ("audience", e.audience.join(", ")),
            ("owner", e.owner.clone()),
            ("channel", e.channel.to_string()),
            (
                "state",
                if e.archived { "archived" } else { "live" }.to_string(),
            ),
        ],
    )
}
