//! The scriptable command line: clap definitions and one small handler per command family.
//! Every handler calls the same workflow functions the TUI uses.

mod clients;
mod ctx;
mod expectations;
mod history;
mod issues;
mod log;
mod milestones;
mod output;
mod projects;
mod reports;
mod reviews;
mod risks;
mod updates;

use std::path::PathBuf;

use chrono::Utc;
use clap::{Parser, Subcommand};

use crate::clock::Clock;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::text::relative;
use crate::model::when;
use crate::store::{self, Store};
use crate::workflow::today::{Agenda, Section};
use crate::workflow::{demo, rules, search, today};

pub use ctx::{Ctx, ListArgs, Place, parse_id, write_output};
pub use output::Out;

/// rapport: keep your clients the first to know.
///
/// Run with no command to open the terminal interface. Every action is also a command;
/// add --json for machine-readable output. Times accept now, today, tomorrow, fri 14:00,
/// +3d, +4h, -2h, 2026-11-30 or 2026-11-30 14:00 (local time) and RFC 3339.
#[derive(Debug, Parser)]
#[command(name = "rapport", version, about, long_about)]
pub struct Cli {
    /// Database file (default: --client, then RAPPORT_DB, then the config, then the data dir).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Use the database of this client: <data dir>/clients/NAME.sqlite3.
    #[arg(long, global = true, value_name = "NAME")]
    pub client: Option<String>,
    /// Config file (default: RAPPORT_CONFIG, then <config dir>/config.toml).
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = "RAPPORT_CONFIG",
        hide_env = true
    )]
    pub config: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database and print its path (a --db or RAPPORT_DB file must be made
    /// with init; the data-dir and --client files are also created on first use).
    Init,
    /// Print the database file in use and which rule chose it.
    Where,
    /// A consistent copy of the database (safe while rapport is open elsewhere), 0600 and
    /// integrity-checked. Prints its path.
    Backup {
        /// Where to write it (a new file; default: next to the database, named with the time).
        path: Option<PathBuf>,
    },
    /// Fill an empty database with realistic sample data.
    Demo {
        /// small (a story of a few dozen records), large (10,000 issues) or huge (100,000).
        #[arg(long, default_value = "small")]
        scale: String,
    },
    /// What needs attention now: overdue and due updates, unannounced issues, late
    /// follow-ups, slipping expectations and project health.
    Today,
    /// Projects (a client's engagements).
    #[command(subcommand)]
    Project(projects::ProjectCmd),
    /// The client's people.
    #[command(subcommand)]
    Contact(projects::ContactCmd),
    /// Clients: their time zone, working calendar and language.
    #[command(subcommand)]
    Client(clients::ClientCmd),
    /// The issue log.
    #[command(subcommand)]
    Issue(issues::IssueCmd),
    /// The client update queue.
    #[command(subcommand)]
    Update(updates::UpdateCmd),
    /// The expectation register.
    #[command(subcommand, name = "expect")]
    Expect(expectations::ExpectCmd),
    /// The communication log.
    #[command(subcommand)]
    Log(log::LogCmd),
    /// Search every issue, update, expectation and log entry (newest first per kind).
    Search {
        text: String,
        /// At most this many hits of each kind.
        #[arg(long, default_value = "20")]
        limit: String,
    },
    /// Milestones: progress and the history of their dates.
    #[command(subcommand)]
    Milestone(milestones::MilestoneCmd),
    /// Satisfaction reviews: the client's scores (the team's own measure).
    #[command(subcommand)]
    Review(reviews::ReviewCmd),
    /// The risk register: risks before they happen and the responses prepared for them.
    #[command(subcommand)]
    Risk(risks::RiskCmd),
    /// Status and closing reports for a project.
    #[command(subcommand)]
    Report(reports::ReportCmd),
    /// Every change to one record: when, from where (cli, tui), each field before and after.
    History {
        /// issue, update, expect, log, project, contact, client, risk, milestone or review.
        kind: String,
        id: String,
    },
    /// Revert the newest change in the file not undone yet, made from any session.
    Undo,
}

/// `rapport where`: the file and why.
pub fn print_where(place: &Place, json: bool) -> Result<()> {
    let mut out = Out::new(json);
    let path = place.path.display().to_string();
    let exists = place.path.exists();
    if json {
        out.json(&serde_json::json!({
            "database": path,
            "chosen_by": place.rule.describe(),
            "exists": exists,
        }))
    } else {
        out.line(&format!(
            "{path} (chosen by {}{})",
            place.rule.describe(),
            if exists { "" } else { "; not created yet" }
        ))
    }
}

/// `project add ... --client X` used to name the project's client; that is `--company` now,
/// and `--client` always chooses the database. Returns the one-line complaint.
pub fn misplaced_client(args: &[std::ffi::OsString]) -> Option<String> {
    let mut words = Vec::new();
    let mut skip_value = false;
    for (i, arg) in args.iter().enumerate().skip(1) {
        let a = arg.to_string_lossy();
        if skip_value {
            skip_value = false;
            continue;
        }
        if a == "--" {
            return None;
        }
        if words.len() >= 2 && (a == "--client" || a.starts_with("--client=")) {
            let w: Vec<&str> = words
                .iter()
                .map(|(_, w): &(usize, String)| w.as_str())
                .collect();
            if matches!(w[..2], ["project" | "contact", "add"]) {
                return Some(format!(
                    "--client chooses the database file; the client a {} belongs to is --company NAME (rapport {} add ... --company NAME)",
                    w[0], w[0]
                ));
            }
            return None;
        }
        if matches!(a.as_ref(), "--db" | "--client" | "--config") {
            skip_value = true;
        } else if !a.starts_with('-') && words.len() < 2 {
            words.push((i, a.into_owned()));
        }
    }
    None
}

/// Runs one command. `rapport` with no command is handled by the caller (it opens the TUI).
pub fn run(
    command: Command,
    store: Store,
    cfg: Config,
    clock: Clock,
    json: bool,
    place: Place,
) -> Result<()> {
    let mut ctx = Ctx {
        store,
        now: clock.now(),
        cfg,
        out: Out::new(json),
        place,
    };
    match command {
        Command::Where => print_where(&ctx.place, json),
        Command::Backup { path } => {
            let target = match path {
                Some(p) => p,
                None => {
                    let db = &ctx.place.path;
                    let stamp = Utc::now().format("%Y%m%dT%H%M%S%3fZ");
                    let mut name = db.file_name().unwrap_or_default().to_os_string();
                    name.push(format!(".{stamp}.bak"));
                    db.with_file_name(name)
                }
            };
            ctx.store.backup_to(&target)?;
            let shown = target.display().to_string();
            if ctx.out.json {
                ctx.out.json(&serde_json::json!({ "backup": shown }))
            } else {
                ctx.out.line(&format!("backup written: {shown}"))
            }
        }
        Command::Init => {
            let policy = ctx.policy()?;
            rules::apply_all(&mut ctx.store, ctx.now, &policy)?;
            let path = ctx
                .store
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            let version = store::schema_version();
            if ctx.out.json {
                ctx.out
                    .json(&serde_json::json!({ "database": path, "schema_version": version }))
            } else {
                ctx.out.line(&format!(
                    "database ready: {path} (schema version {version})"
                ))
            }
        }
        Command::Demo { scale } => {
            let scale: demo::Scale = scale.parse()?;
            let policy = ctx.policy()?;
            // Running the demo twice (as the README's first command does) is not an error.
            let again = demo::holds_only_sample(&ctx.store)?;
            let counts = if again {
                ctx.store.counts()?
            } else {
                demo::fill(&mut ctx.store, ctx.now, &policy, scale)?
            };
            // The generated load is analyzed as it ends (demo::fill), before these rules.
            rules::apply_all(&mut ctx.store, ctx.now, &policy)?;
            if ctx.out.json {
                return ctx.out.json(&counts);
            }
            ctx.out.line(&format!(
                "{}: {} projects, {} issues, {} updates, {} expectations, {} log entries",
                if again {
                    "the file already holds sample data, nothing added (another --scale needs a fresh file)"
                } else {
                    "sample data added"
                },
                counts.projects,
                counts.issues,
                counts.updates,
                counts.expectations,
                counts.log_entries
            ))?;
            // The command that finds this file again, as short as the rule that chose it.
            let open = match (ctx.place.rule, &ctx.place.client) {
                (crate::config::DbRule::DataDir, _) => "rapport".to_string(),
                (crate::config::DbRule::ClientFlag, Some(c))
                    if !c.contains(char::is_whitespace) =>
                {
                    format!("rapport --client {c}")
                }
                _ => match ctx.store.path().map(|p| p.display().to_string()) {
                    Some(p) if p.contains(char::is_whitespace) => format!("rapport --db '{p}'"),
                    Some(p) => format!("rapport --db {p}"),
                    None => "rapport".into(),
                },
            };
            ctx.out.line(&format!("open it with: {open}"))
        }
        Command::Today => {
            let policy = ctx.policy()?;
            // A read-only file still shows its agenda (as of the last change).
            if !ctx.store.is_read_only() {
                rules::apply_all(&mut ctx.store, ctx.now, &policy)?;
            }
            let agenda = today::agenda_with_chase(
                &ctx.store,
                ctx.now,
                when::Zone::Local,
                ctx.cfg.waiting.chase_after_hours,
            )?;
            print_agenda(&mut ctx, &agenda)
        }
        Command::Project(c) => projects::run_project(&mut ctx, c),
        Command::Contact(c) => projects::run_contact(&mut ctx, c),
        Command::Client(c) => clients::run(&mut ctx, c),
        Command::Issue(c) => issues::run(&mut ctx, c),
        Command::Update(c) => updates::run(&mut ctx, c),
        Command::Expect(c) => expectations::run(&mut ctx, c),
        Command::Log(c) => log::run(&mut ctx, c),
        Command::Report(c) => reports::run(&mut ctx, c),
        Command::Risk(c) => risks::run(&mut ctx, c),
        Command::Milestone(c) => milestones::run(&mut ctx, c),
        Command::Review(c) => reviews::run(&mut ctx, c),
        Command::History { kind, id } => history::show(&mut ctx, &kind, &id),
        Command::Undo => history::undo(&mut ctx),
        Command::Search { text, limit } => {
            let limit = limit
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    Error::invalid_because("limit", &limit, "a whole number such as 20")
                })?;
            let hits = search::all(&ctx.store, &text, limit)?;
            if ctx.out.json {
                return ctx.out.json(&hits);
            }
            if hits.is_empty() {
                return ctx.out.line(&format!("nothing matches '{text}'"));
            }
            let rows: Vec<Vec<String>> = hits
                .iter()
                .map(|h| {
                    vec![
                        format!("{} {}", h.record, h.id),
                        h.project.clone(),
                        h.at.map(|t| ctx::show_time(&ctx, t)).unwrap_or_default(),
                        h.text.clone(),
                    ]
                })
                .collect();
            ctx.out.table(&["record", "project", "when", "text"], &rows)
        }
    }
}

/// Squeezes clap's multi-line error into one line: the complaint plus where to look.
pub fn one_line_clap_error(err: &clap::Error) -> String {
    let text = err.to_string();
    let mut parts = Vec::new();
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with("Usage:") || l.starts_with("For more information") {
            continue;
        }
        if l.starts_with("tip:") {
            continue;
        }
        parts.push(l.trim_start_matches("error: ").to_string());
    }
    let joined = parts.join(" ");
    format!("{joined} (see rapport --help)")
}

/// Today as text: each section with its count, then its rows (`--json`: the agenda).
fn print_agenda(ctx: &mut Ctx, agenda: &Agenda) -> Result<()> {
    if ctx.out.json {
        return ctx.out.json(agenda);
    }
    let now = agenda.now;
    let mut clock = clients::ClientClock::new(ctx)?;
    for section in Section::ALL {
        let items: Vec<_> = agenda.section(section).collect();
        if items.is_empty() {
            continue;
        }
        let total = agenda.total(section);
        let count = if total > items.len() {
            format!("{} of {total}", items.len())
        } else {
            items.len().to_string()
        };
        ctx.out.line(&format!("{} ({count})", section.title()))?;
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|i| {
                vec![
                    format!("  {} {}", i.record.kind(), i.record.id()),
                    i.tag.clone(),
                    i.project.clone(),
                    i.text.clone(),
                    i.when
                        .map(|t| {
                            relative(now, t)
                                + &clock.suffix_by_name(ctx.store.conn(), &i.project, t)
                        })
                        .unwrap_or_default(),
                ]
            })
            .collect();
        ctx.out.table(&[], &rows)?;
        ctx.out.line("")?;
    }
    if agenda.attention_count() == 0 {
        ctx.out.line("Nothing is owed to a client right now.")?;
    }
    Ok(())
}
