//! `rapport review ...`: satisfaction reviews (the team's own measure, never client text).

use clap::Subcommand;

use super::ctx::show_time;
use super::{Ctx, parse_id};
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::NewReview;
use crate::store;
use crate::workflow::reviews;

#[derive(Debug, Subcommand)]
pub enum ReviewCmd {
    /// Record a satisfaction score. Prints the new id; a score of 2 or less also queues a
    /// follow-up to the client.
    #[command(
        after_help = "Example:\n  rapport review add -p Portal --score 4 --comment 'Quick fix, clear updates'"
    )]
    Add {
        #[arg(long, short)]
        project: String,
        /// 1 (very unhappy) to 5 (delighted).
        #[arg(long)]
        score: String,
        /// Who gave it (a contact's name or id).
        #[arg(long, value_name = "CONTACT")]
        by: Option<String>,
        /// When it was given (default: now).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        at: Option<String>,
        /// The milestone it reviews.
        #[arg(long)]
        milestone: Option<String>,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Reviews, newest first.
    #[command(
        after_help = "Examples:\n  rapport review list -p Portal\n  rapport review list --format csv"
    )]
    List {
        #[arg(long, short)]
        project: Option<String>,
        #[command(flatten)]
        output: super::ListOutput,
    },
}

pub fn run(ctx: &mut Ctx, cmd: ReviewCmd) -> Result<()> {
    match cmd {
        ReviewCmd::Add {
            project,
            score,
            by,
            at,
            milestone,
            comment,
        } => {
            let score = score
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|s| (1..=5).contains(s))
                .ok_or_else(|| {
                    Error::invalid_because("score", &score, tr("a whole number from 1 to 5"))
                })?;
            let at = at.map(|a| ctx.when(&a)).transpose()?.unwrap_or(ctx.now);
            let milestone_id = milestone.map(|m| parse_id("milestone", &m)).transpose()?;
            let project = ctx.project(&project)?;
            let contact_id = by
                .map(|b| store::projects::contact_by_key(ctx.store.conn(), project.client_id, &b))
                .transpose()?
                .map(|c| c.id);
            let policy = ctx.policy()?;
            let (id, follow_up) = reviews::add(
                &mut ctx.store,
                ctx.now,
                &policy,
                NewReview {
                    project_id: project.id,
                    score,
                    contact_id,
                    at,
                    milestone_id,
                    comment,
                },
            )?;
            if ctx.out.json {
                let mut review = serde_json::to_value(store::reviews::get(ctx.store.conn(), id)?)
                    .map_err(|e| Error::Conflict(format!("cannot write JSON: {e}")))?;
                review["follow_up_update"] = serde_json::json!(follow_up);
                ctx.out.json(&review)
            } else {
                ctx.out.line(&id.to_string())?;
                if let Some(u) = follow_up {
                    eprintln!(
                        "{}",
                        trf("a low score: follow-up update {id} queued", &[("id", &u)])
                    );
                }
                Ok(())
            }
        }
        ReviewCmd::List { project, output } => {
            let project_id = ctx.project_id(project.as_deref())?;
            let list = store::reviews::list(ctx.store.conn(), project_id, 1000)?;
            let (list, more) = super::listing::take(list, output.apply(&mut ctx.out)?);
            ctx.out.list_rows(
                &list,
                more,
                &["id", "at", "score", "project", "by", "milestone", "comment"],
                |r| {
                    vec![
                        r.id.to_string(),
                        show_time(ctx, r.at),
                        format!("{}/5", r.score),
                        r.project.clone(),
                        r.contact.clone(),
                        r.milestone_id.map(|m| m.to_string()).unwrap_or_default(),
                        r.comment.clone(),
                    ]
                },
            )
        }
    }
}
