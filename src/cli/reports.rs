//! `rapport report ...`: status and closing reports, drafted from the templates.

use clap::Subcommand;

use super::ctx::Ctx;
use crate::error::{Error, Result};
use crate::report::{self, Format, Message};
use crate::store;

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// A status report: progress, what was done, open issues and risks, expectations at risk
    /// or changed, decisions needed from the client, next steps.
    #[command(
        after_help = "Examples:\n  rapport report status -p Portal\n  rapport report status -p Portal --format eml -o status.eml\n  rapport report status -p Portal --format html -o status.html"
    )]
    Status {
        #[arg(long, short)]
        project: String,
        /// Start of the period (default: the last status report's due time, or one cadence ago).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        since: Option<String>,
        /// md, text, json, eml, or html (the client's status page: one self-contained file
        /// with charts, in the client's language).
        #[arg(long, default_value = "md")]
        format: String,
        #[arg(long, short, value_name = "FILE")]
        output: Option<std::path::PathBuf>,
        /// Replace the -o file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// A closing report: project summary, outcomes against the agreed expectations, lessons.
    /// Only prints: the closing review request is queued by `project edit --status closed`.
    #[command(
        after_help = "Examples:\n  rapport report closing -p Portal\n  rapport report closing -p Portal --format md -o closing.md"
    )]
    Closing {
        #[arg(long, short)]
        project: String,
        #[arg(long, default_value = "md")]
        format: String,
        #[arg(long, short, value_name = "FILE")]
        output: Option<std::path::PathBuf>,
        /// Replace the -o file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// The weekly digest for yourself or your manager: per client its health (mood and
    /// scores included), what is overdue, what was sent in the last 7 days and what is
    /// promised for the next 7. With --all-clients, every client's file.
    #[command(
        after_help = "Examples:\n  rapport --all-clients report digest\n  rapport --all-clients report digest --format eml -o digest.eml"
    )]
    Digest {
        /// md, text, json or eml (addressed to the config's `from`).
        #[arg(long, default_value = "md")]
        format: String,
        #[arg(long, short, value_name = "FILE")]
        output: Option<std::path::PathBuf>,
        /// Replace the -o file if it exists.
        #[arg(long)]
        force: bool,
    },
}

pub fn run(ctx: &mut Ctx, cmd: ReportCmd) -> Result<()> {
    let (project, since, format, output, force, closing) = match cmd {
        ReportCmd::Status {
            project,
            since,
            format,
            output,
            force,
        } => (project, since, format, output, force, false),
        ReportCmd::Closing {
            project,
            format,
            output,
            force,
        } => (project, None, format, output, force, true),
        ReportCmd::Digest {
            format,
            output,
            force,
        } => {
            let p = crate::workflow::portfolio::Portfolio {
                files: vec![crate::workflow::portfolio::ClientFile {
                    name: ctx
                        .place
                        .client
                        .clone()
                        .unwrap_or_else(|| crate::workflow::portfolio::DEFAULT_CLIENT.into()),
                    path: ctx.place.path.clone(),
                }],
                cfg: ctx.cfg.clone(),
                config_path: None,
                per_client: false,
                now: ctx.now,
            };
            return super::digest::run(&p, &mut ctx.out, &format, output.as_deref(), force);
        }
    };
    let html = !closing && !ctx.out.json && format.trim().eq_ignore_ascii_case("html");
    let format: Format = if ctx.out.json || html {
        Format::Json
    } else {
        format.parse().map_err(|e| match closing {
            true => e,
            false => Error::invalid("format", &format, "text, md, eml, json, html".into()),
        })?
    };
    let project = ctx.project(&project)?;
    let conn = ctx.store.conn();
    let since = match since {
        Some(s) => ctx.when(&s)?,
        None => report::status::default_since(conn, &project, ctx.now)?,
    };
    let policy = ctx.policy()?;
    if html {
        let page = report::page::gather(conn, &policy, &project, since, ctx.now)?;
        let text = report::page::render(&page);
        return super::ctx::write_output(ctx, output.as_deref(), force, &text);
    }
    let report = report::status::report(conn, &policy, &project, since, ctx.now, closing)?;
    let draft = report::status::render_report(&policy, &report, closing)?;
    let contact = store::projects::primary_contact(conn, project.client_id)?;
    let message = Message {
        from: policy.sender.clone(),
        to: contact
            .filter(|c| !c.email.is_empty())
            .map(|c| (c.name, c.email)),
        cc: Vec::new(),
        subject: draft.subject,
        body: draft.body,
        date: ctx.now,
        sent: false,
        language: report.language.clone(),
    };
    if format == Format::Json && output.is_none() {
        return ctx.out.json(&report);
    }
    let text = report::message::write(format, &message, &report);
    super::ctx::write_output(ctx, output.as_deref(), force, &text)
}
