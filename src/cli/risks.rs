//! `rapport risk ...`: the risk register and its prepared responses.

use clap::Subcommand;

use super::ctx::{fields, show_time_opt};
use super::{Ctx, parse_id};
use crate::error::Result;
use crate::i18n::trf;
use crate::model::{Impact, Likelihood, NewRisk, Risk, RiskPatch, RiskStatus, Severity};
use crate::store;
use crate::workflow::risks;

#[derive(Debug, Subcommand)]
pub enum RiskCmd {
    /// Add a risk before it happens. Prints the new id.
    #[command(
        after_help = "Example:\n  rapport risk add 'Key engineer leaves' -p Portal --likelihood medium --impact high"
    )]
    Add {
        text: String,
        #[arg(long, short)]
        project: String,
        /// low, medium or high.
        #[arg(long, default_value = "medium")]
        likelihood: String,
        /// low, medium or high.
        #[arg(long, default_value = "medium")]
        impact: String,
        /// Who on our side watches it.
        #[arg(long, default_value = "")]
        owner: String,
        /// The sign that says it is about to happen.
        #[arg(long, default_value = "")]
        trigger: String,
        /// When to review it next (it appears on Today then).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        review: Option<String>,
    },
    /// The responses prepared for a risk.
    #[command(
        after_help = "Example:\n  rapport risk plan add 3 'Pair a second engineer' --time '1 week'",
        subcommand
    )]
    Plan(PlanCmd),
    /// The register: open risks by exposure (likelihood x impact), highest first.
    #[command(
        after_help = "Examples:\n  rapport risk list\n  rapport risk list --all --format csv"
    )]
    List {
        #[arg(long, short)]
        project: Option<String>,
        /// Include risks that occurred or were closed.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        output: super::ListOutput,
    },
    /// One risk with its prepared responses.
    #[command(after_help = "Example:\n  rapport risk show 3")]
    Show { id: String },
    /// Change a risk.
    #[command(
        after_help = "Examples:\n  rapport risk edit 3 --status watching\n  rapport risk edit 3 --review 'next mon'"
    )]
    Edit {
        id: String,
        /// open, watching, occurred or closed.
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        text: Option<String>,
        #[arg(long)]
        likelihood: Option<String>,
        #[arg(long)]
        impact: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        trigger: Option<String>,
        /// The next review, or none.
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        review: Option<String>,
    },
    /// The risk happened: opens an issue whose options are the prepared responses and
    /// queues the notice to the client. Prints the issue id.
    #[command(
        after_help = "Examples:\n  rapport risk occurred 3\n  rapport risk occurred 3 --severity high"
    )]
    Occurred {
        id: String,
        /// critical, high, medium or low (default: from the risk's impact).
        #[arg(long)]
        severity: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanCmd {
    /// Add a prepared response. Prints its id.
    #[command(
        after_help = "Example:\n  rapport risk plan add 3 'Pair a second engineer' --time '1 week' --effect 'no single point of failure'"
    )]
    Add {
        id: String,
        text: String,
        /// How long it takes to put in place.
        #[arg(long, default_value = "")]
        time: String,
        /// What it achieves for the client.
        #[arg(long, default_value = "")]
        effect: String,
    },
}

pub fn run(ctx: &mut Ctx, cmd: RiskCmd) -> Result<()> {
    match cmd {
        RiskCmd::Add {
            text,
            project,
            likelihood,
            impact,
            owner,
            trigger,
            review,
        } => {
            let likelihood: Likelihood = likelihood.parse()?;
            let impact: Impact = impact.parse()?;
            let review_at = review.map(|r| ctx.when(&r)).transpose()?;
            let project = ctx.project(&project)?;
            let id = risks::add(
                &mut ctx.store,
                ctx.now,
                NewRisk {
                    project_id: project.id,
                    text,
                    likelihood,
                    impact,
                    owner,
                    trigger,
                    review_at,
                },
            )?;
            print_id(ctx, id)
        }
        RiskCmd::Plan(PlanCmd::Add {
            id,
            text,
            time,
            effect,
        }) => {
            let risk_id = parse_id("risk", &id)?;
            let id = risks::add_plan(&mut ctx.store, ctx.now, risk_id, &text, &time, &effect)?;
            print_id(ctx, id)
        }
        RiskCmd::List {
            project,
            all,
            output,
        } => {
            let project_id = ctx.project_id(project.as_deref())?;
            let list = store::risks::list(ctx.store.conn(), project_id, all, 500)?;
            let (list, more) = super::listing::take(list, output.apply(&mut ctx.out)?);
            ctx.out.list_rows(
                &list,
                more,
                &[
                    "id", "exp", "likely", "impact", "status", "project", "owner", "review",
                    "plans", "risk",
                ],
                |r| {
                    vec![
                        r.id.to_string(),
                        r.exposure.to_string(),
                        r.likelihood.to_string(),
                        r.impact.to_string(),
                        r.status.to_string(),
                        r.project.clone(),
                        r.owner.clone(),
                        show_time_opt(ctx, r.review_at),
                        r.plans.len().to_string(),
                        r.text.clone(),
                    ]
                },
            )
        }
        RiskCmd::Show { id } => {
            let id = parse_id("risk", &id)?;
            let r = store::risks::get(ctx.store.conn(), id)?;
            show(ctx, &r)
        }
        RiskCmd::Edit {
            id,
            status,
            text,
            likelihood,
            impact,
            owner,
            trigger,
            review,
        } => {
            let id = parse_id("risk", &id)?;
            let patch = RiskPatch {
                status: status.map(|s| s.parse::<RiskStatus>()).transpose()?,
                text,
                likelihood: likelihood.map(|s| s.parse()).transpose()?,
                impact: impact.map(|s| s.parse()).transpose()?,
                owner,
                trigger,
                review_at: review.map(|r| ctx.when_or_none(&r)).transpose()?,
            };
            let r = risks::edit(&mut ctx.store, ctx.now, id, patch)?;
            show(ctx, &r)
        }
        RiskCmd::Occurred { id, severity } => {
            let id = parse_id("risk", &id)?;
            let severity = severity.map(|s| s.parse::<Severity>()).transpose()?;
            let policy = ctx.policy()?;
            let issue = risks::occurred(&mut ctx.store, ctx.now, &policy, id, severity)?;
            if ctx.out.json {
                ctx.out.json(&store::issues::get(ctx.store.conn(), issue)?)
            } else {
                ctx.out.line(&issue.to_string())
            }
        }
    }
}

fn print_id(ctx: &mut Ctx, id: i64) -> Result<()> {
    if ctx.out.json {
        ctx.out.json(&serde_json::json!({ "id": id }))
    } else {
        ctx.out.line(&id.to_string())
    }
}

fn show(ctx: &mut Ctx, r: &Risk) -> Result<()> {
    if ctx.out.json {
        return ctx.out.json(r);
    }
    let plans: Vec<String> = r
        .plans
        .iter()
        .map(|p| {
            let mut line = format!("{}. {}", p.id, p.text);
            if !p.time_needed.is_empty() {
                line.push_str(&format!(" (time: {})", p.time_needed));
            }
            if !p.expected_effect.is_empty() {
                line.push_str(&format!(" (effect: {})", p.expected_effect));
            }
            line
        })
        .collect();
    fields(
        ctx,
        &[
            ("risk", format!("{} {}", r.id, r.text)),
            ("project", r.project.clone()),
            ("status", r.status.to_string()),
            (
                "exposure",
                trf(
                    "{exposure} (likelihood {likelihood}, impact {impact})",
                    &[
                        ("exposure", &r.exposure),
                        ("likelihood", &r.likelihood),
                        ("impact", &r.impact),
                    ],
                ),
            ),
            ("owner", r.owner.clone()),
            ("trigger", r.trigger.clone()),
            ("review", show_time_opt(ctx, r.review_at)),
            (
                "issue",
                r.issue_id.map(|i| i.to_string()).unwrap_or_default(),
            ),
            ("plans", plans.join("\n")),
        ],
    )
}
