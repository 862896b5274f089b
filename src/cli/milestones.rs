//! `rapport milestone ...`: milestones, their progress and the history of their dates.

use clap::Subcommand;

use super::ctx::fields;
use super::{Ctx, parse_id};
use crate::error::{Error, Result};
use crate::i18n::trf;
use crate::model::{Milestone, MilestonePatch, MilestoneStatus, NewMilestone, percent_complete};
use crate::store;
use crate::workflow::milestones;

#[derive(Debug, Subcommand)]
pub enum MilestoneCmd {
    /// Add a milestone. Prints the new id.
    #[command(
        after_help = "Example:\n  rapport milestone add 'Pilot live' -p Portal --due 2026-12-15"
    )]
    Add {
        name: String,
        #[arg(long, short)]
        project: String,
        /// The date it is due.
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        due: String,
        /// Its share of the project's work (default 1).
        #[arg(long, default_value = "1")]
        weight: String,
    },
    /// Record progress, a status or a new date (a new date needs --reason).
    #[command(
        after_help = "Examples:\n  rapport milestone edit 2 --progress 60\n  rapport milestone edit 2 --due 2027-01-10 --reason 'client asked for more tests'"
    )]
    Edit {
        id: String,
        /// Percent done, 0 to 100.
        #[arg(long)]
        progress: Option<String>,
        /// planned, in-progress, done or slipped.
        #[arg(long)]
        status: Option<String>,
        /// The new due date (with --reason).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        due: Option<String>,
        /// Why the date moved (kept in its history and on the schedule expectations).
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        weight: Option<String>,
    },
    /// Milestones by due date, with the project's percent complete.
    #[command(
        after_help = "Examples:\n  rapport milestone list -p Portal\n  rapport milestone list --format csv"
    )]
    List {
        #[arg(long, short)]
        project: Option<String>,
        #[command(flatten)]
        output: super::ListOutput,
    },
    /// One milestone with the history of its dates.
    #[command(after_help = "Example:\n  rapport milestone show 2")]
    Show { id: String },
}

fn number(what: &str, text: &str, expected: &str) -> Result<i64> {
    text.trim()
        .trim_end_matches('%')
        .parse::<i64>()
        .map_err(|_| Error::invalid_because(what, text, expected))
}

pub fn run(ctx: &mut Ctx, cmd: MilestoneCmd) -> Result<()> {
    match cmd {
        MilestoneCmd::Add {
            name,
            project,
            due,
            weight,
        } => {
            let due_on = ctx.date(&due)?;
            let weight = number("weight", &weight, "a whole number such as 1 or 3")?;
            let project = ctx.project(&project)?;
            let id = milestones::add(
                &mut ctx.store,
                ctx.now,
                NewMilestone {
                    project_id: project.id,
                    name,
                    due_on,
                    weight,
                },
            )?;
            if ctx.out.json {
                ctx.out.json(&store::milestones::get(ctx.store.conn(), id)?)
            } else {
                ctx.out.line(&id.to_string())
            }
        }
        MilestoneCmd::Edit {
            id,
            progress,
            status,
            due,
            reason,
            name,
            weight,
        } => {
            let id = parse_id("milestone", &id)?;
            let patch = MilestonePatch {
                name,
                progress: progress
                    .map(|p| number("progress", &p, "a percentage from 0 to 100"))
                    .transpose()?,
                status: status.map(|s| s.parse::<MilestoneStatus>()).transpose()?,
                weight: weight
                    .map(|w| number("weight", &w, "a whole number such as 1 or 3"))
                    .transpose()?,
                due_on: due.map(|d| ctx.date(&d)).transpose()?,
                reason,
            };
            let m = milestones::edit(&mut ctx.store, ctx.now, id, patch)?;
            if m.status == MilestoneStatus::Done {
                // A finished milestone is a moment to ask the client how it went.
                let policy = ctx.policy()?;
                crate::workflow::plans::after_milestone_done(
                    &mut ctx.store,
                    ctx.now,
                    &policy,
                    m.project_id,
                )?;
            }
            show(ctx, &m)
        }
        MilestoneCmd::List { project, output } => {
            let project_id = ctx.project_id(project.as_deref())?;
            let list = store::milestones::list(ctx.store.conn(), project_id, 1000)?;
            let complete = percent_complete(&list);
            let (list, more) = super::listing::take(list, output.apply(&mut ctx.out)?);
            ctx.out.list_rows(
                &list,
                more,
                &[
                    "id",
                    "due",
                    "status",
                    "done",
                    "weight",
                    "project",
                    "milestone",
                ],
                |m| {
                    vec![
                        m.id.to_string(),
                        m.due_on.to_string(),
                        m.status.to_string(),
                        format!("{}%", m.counted_progress()),
                        m.weight.to_string(),
                        m.project.clone(),
                        m.name.clone(),
                    ]
                },
            )?;
            if project_id.is_some()
                && ctx.out.format == super::Format::Table
                && let Some(p) = complete
            {
                ctx.out.line(&trf("project {p}% complete", &[("p", &p)]))?;
            }
            Ok(())
        }
        MilestoneCmd::Show { id } => {
            let id = parse_id("milestone", &id)?;
            let m = store::milestones::get(ctx.store.conn(), id)?;
            show(ctx, &m)
        }
    }
}

fn show(ctx: &mut Ctx, m: &Milestone) -> Result<()> {
    if ctx.out.json {
        return ctx.out.json(m);
    }
    let history: Vec<String> = m
        .revisions
        .iter()
        .map(|r| match r.due_from {
            Some(from) => format!("{} → {}: {}", from, r.due_to, r.reason),
            None => format!("{}: {}", r.due_to, r.reason),
        })
        .collect();
    fields(
        ctx,
        &[
            ("milestone", format!("{} {}", m.id, m.name)),
            ("project", m.project.clone()),
            ("due", m.due_on.to_string()),
            ("status", m.status.to_string()),
            ("progress", format!("{}%", m.counted_progress())),
            ("weight", m.weight.to_string()),
            ("dates", history.join("\n")),
        ],
    )
}
