//! `rapport expect ...`: the expectation register.

use clap::Subcommand;

use super::ctx::{Ctx, ListArgs, parse_id};
use super::ctx::{fields, show_time};
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::model::{Expectation, ExpectationPatch, ExpectationStatus, NewExpectation};
use crate::store::{self, ExpectationQuery, Listing};
use crate::workflow::{self, Record, expectations};

#[derive(Debug, Subcommand)]
pub enum ExpectCmd {
    /// Record what the client expects. Prints the new id.
    #[command(
        after_help = "Example:\n  rapport expect add 'Reports load in 2 s' -p Portal --category quality --due 2026-12-01"
    )]
    Add {
        statement: String,
        #[arg(long, short)]
        project: String,
        /// scope, quality, schedule, budget, communication, acceptance or commitment.
        #[arg(long, short)]
        category: String,
        /// proposed, agreed, at-risk, changed, met, missed or withdrawn.
        #[arg(long, short, default_value = "proposed")]
        status: String,
        /// How both sides will know it is met (acceptance measure).
        #[arg(long, short, default_value = "")]
        measure: String,
        /// Due date.
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        due: Option<String>,
        /// Who on the client side agreed.
        #[arg(long, default_value = "")]
        agreed_with: String,
        /// When it was agreed (default: today when --status agreed).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        agreed_on: Option<String>,
    },
    /// List the register (live expectations unless --all or --status).
    #[command(
        after_help = "Examples:\n  rapport expect list\n  rapport expect list --all --status missed --format csv"
    )]
    List {
        #[command(flatten)]
        list: ListArgs,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        category: Option<String>,
    },
    /// Show one expectation with its full revision history.
    #[command(after_help = "Example:\n  rapport expect show 3")]
    Show { id: String },
    /// Change an expectation openly: the reason is kept with the before and after.
    #[command(
        after_help = "Example:\n  rapport expect edit 3 --status at-risk --reason 'vendor delay'"
    )]
    Edit {
        id: String,
        /// Why it changed (required; kept in the history).
        #[arg(long)]
        reason: String,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        statement: Option<String>,
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        measure: Option<String>,
        /// New due date, or none.
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        due: Option<String>,
        #[arg(long)]
        agreed_with: Option<String>,
        /// Link an issue that affects this expectation.
        #[arg(long, value_name = "ISSUE")]
        link_issue: Option<String>,
    },
    /// Settle an expectation at closing: met or missed, with the reason (kept in its history).
    #[command(
        after_help = "Examples:\n  rapport expect settle 3 met --reason 'signed off at the acceptance meeting'\n  rapport expect settle 4 missed --reason 'moved to phase 2 by the client'"
    )]
    Settle {
        id: String,
        /// met or missed.
        outcome: String,
        /// Why (required; kept in the history and shown in the closing report).
        #[arg(long)]
        reason: String,
    },
    /// Archive an expectation: it leaves the register but stays in the file.
    #[command(after_help = "Example:\n  rapport expect archive 3")]
    Archive { id: String },
    /// Bring an archived expectation back into the lists.
    #[command(after_help = "Example:\n  rapport expect restore 3")]
    Restore { id: String },
}

pub fn run(ctx: &mut Ctx, cmd: ExpectCmd) -> Result<()> {
    match cmd {
        ExpectCmd::Add {
            statement,
            project,
            category,
            status,
            measure,
            due,
            agreed_with,
            agreed_on,
        } => {
            let category = category.parse()?;
            let status: ExpectationStatus = status.parse()?;
            let due_on = due.map(|d| ctx.date(&d)).transpose()?;
            let agreed_on = match agreed_on {
                Some(d) => Some(ctx.date(&d)?),
                None if status == ExpectationStatus::Agreed => {
                    Some(ctx.now.with_timezone(&chrono::Local).date_naive())
                }
                None => None,
            };
            let project = ctx.project(&project)?;
            let done = expectations::add(
                &mut ctx.store,
                ctx.now,
                NewExpectation {
                    project_id: project.id,
                    category,
                    statement,
                    measure,
                    status,
                    agreed_on,
                    agreed_with,
                    due_on,
                },
            )?;
            let Record::Expectation(id) = done.record else {
                return Ok(());
            };
            if ctx.out.json {
                ctx.out
                    .json(&store::expectations::get(ctx.store.conn(), id)?)
            } else {
                ctx.out.line(&id.to_string())
            }
        }
        ExpectCmd::List {
            list,
            status,
            category,
        } => {
            let q = ExpectationQuery {
                project_id: ctx.project_id(list.project.as_deref())?,
                category: category.map(|c| c.parse()).transpose()?,
                status: status.map(|s| s.parse()).transpose()?,
                include_settled: list.all,
                text: list.search.clone(),
            };
            if list.count {
                return super::ctx::print_count(ctx, q.count(ctx.store.conn())?);
            }
            let limit = list.output.apply(&mut ctx.out)?;
            ctx.out.list_query(
                ctx.store.conn(),
                &q,
                limit,
                &["id", "status", "category", "project", "due", "statement"],
                |e| {
                    vec![
                        e.id.to_string(),
                        e.status.to_string(),
                        e.category.to_string(),
                        e.project.clone(),
                        e.due_on
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "-".into()),
                        e.statement.clone(),
                    ]
                },
            )
        }
        ExpectCmd::Show { id } => {
            let e = store::expectations::get(ctx.store.conn(), parse_id("expectation", &id)?)?;
            print_expectation(ctx, &e)
        }
        ExpectCmd::Edit {
            id,
            reason,
            status,
            statement,
            category,
            measure,
            due,
            agreed_with,
            link_issue,
        } => {
            let id = parse_id("expectation", &id)?;
            let patch = ExpectationPatch {
                category: category.map(|c| c.parse()).transpose()?,
                statement,
                measure,
                status: status.map(|s| s.parse()).transpose()?,
                agreed_on: None,
                agreed_with,
                due_on: match due {
                    Some(d) if d.trim().eq_ignore_ascii_case("none") => Some(None),
                    Some(d) => Some(Some(ctx.date(&d)?)),
                    None => None,
                },
                link_issue: link_issue.map(|i| parse_id("issue", &i)).transpose()?,
            };
            let (e, _) = expectations::edit(&mut ctx.store, ctx.now, id, patch, &reason)?;
            if ctx.out.json {
                ctx.out.json(&e)
            } else {
                ctx.out.line(&trf(
                    "expectation {id} changed ({n} revisions on record)",
                    &[("id", &id), ("n", &e.revisions.len())],
                ))
            }
        }
        ExpectCmd::Settle {
            id,
            outcome,
            reason,
        } => {
            let id = parse_id("expectation", &id)?;
            let (e, _) = expectations::settle(&mut ctx.store, ctx.now, id, &outcome, &reason)?;
            if ctx.out.json {
                ctx.out.json(&e)
            } else {
                ctx.out.line(&trf(
                    "expectation {id} settled: {status}",
                    &[("id", &id), ("status", &e.status)],
                ))
            }
        }
        ExpectCmd::Restore { id } => {
            let id = parse_id("expectation", &id)?;
            super::history::restore(ctx, crate::workflow::Record::Expectation(id))
        }
        ExpectCmd::Archive { id } => {
            let id = parse_id("expectation", &id)?;
            workflow::undo::archive(&mut ctx.store, ctx.now, Record::Expectation(id))?;
            if ctx.out.json {
                ctx.out
                    .json(&store::expectations::get(ctx.store.conn(), id)?)
            } else {
                ctx.out
                    .line(&trf("expectation {id} archived", &[("id", &id)]))
            }
        }
    }
}

fn print_expectation(ctx: &mut Ctx, e: &Expectation) -> Result<()> {
    if ctx.out.json {
        return ctx.out.json(e);
    }
    let rows = vec![
        (
            "expectation",
            format!(
                "{} {}",
                e.id,
                if e.archived { tr("(archived)") } else { "" }
            ),
        ),
        ("statement", e.statement.clone()),
        ("project", e.project.clone()),
        ("category", e.category.to_string()),
        ("status", e.status.to_string()),
        ("measure", e.measure.clone()),
        (
            "agreed",
            match (e.agreed_on, e.agreed_with.is_empty()) {
                (Some(d), false) => trf(
                    "{date} with {who}",
                    &[("date", &d), ("who", &e.agreed_with)],
                ),
                (Some(d), true) => d.to_string(),
                (None, false) => trf("with {who}", &[("who", &e.agreed_with)]),
                (None, true) => String::new(),
            },
        ),
        ("due", e.due_on.map(|d| d.to_string()).unwrap_or_default()),
        (
            "issues",
            e.issue_ids
                .iter()
                .map(|i| format!("#{i}"))
                .collect::<Vec<_>>()
                .join(" "),
        ),
    ];
    fields(ctx, &rows)?;
    ctx.out.line(tr("history"))?;
    for r in &e.revisions {
        let mut line = format!("  {}  ", show_time(ctx, r.at));
        match r.status_from {
            Some(from) if from != r.status_to => {
                line.push_str(&format!("{from} → {}", r.status_to))
            }
            Some(_) => line.push_str(r.status_to.as_str()),
            None => line.push_str(&trf("recorded as {status}", &[("status", &r.status_to)])),
        }
        line.push_str(&format!(": {}", r.reason));
        ctx.out.line(&line)?;
        if let Some(from) = r.statement_from.as_ref().filter(|f| **f != r.statement_to) {
            ctx.out
                .line(&trf("      was: {from}", &[("from", &from)]))?;
            ctx.out.line(&trf(
                "      now: {statement}",
                &[("statement", &r.statement_to)],
            ))?;
        }
        if !r.other_changes.is_empty() {
            ctx.out.line(&format!("      {}", r.other_changes))?;
        }
    }
    Ok(())
}
