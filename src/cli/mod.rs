//! The scriptable command line: clap definitions and one small handler per command family.
//! Every handler calls the same workflow functions the TUI uses.

mod clients;
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

use chrono::{DateTime, Local, Utc};
use clap::{Args, Parser, Subcommand};

use crate::clock::Clock;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::{Project, when};
use crate::store::{self, Store};
use crate::workflow::{Policy, demo, rules, search, today};

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

/// Options shared by the list commands.
#[derive(Debug, Args, Clone, Default)]
pub struct ListArgs {
    /// Include closed, sent or settled records too.
    #[arg(long)]
    pub all: bool,
    /// Only this project (name or id).
    #[arg(long, short)]
    pub project: Option<String>,
    /// Only records whose text contains this (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Print only how many records the list has (an indexed count).
    #[arg(long)]
    pub count: bool,
}

/// Prints the size of a list for `--count`: the number, or `{"count": N}` with `--json`.
fn print_count(ctx: &mut Ctx, n: usize) -> Result<()> {
    if ctx.out.json {
        ctx.out.json(&serde_json::json!({ "count": n }))
    } else {
        ctx.out.line(&n.to_string())
    }
}

/// What every handler needs: the store, the time, the config and where to print.
pub struct Ctx {
    pub store: Store,
    pub now: DateTime<Utc>,
    pub cfg: Config,
    pub out: Out,
    pub place: Place,
}

/// The database file in use, the rule that chose it and, for a client's own file
/// (`--client NAME`), that client.
#[derive(Debug, Clone)]
pub struct Place {
    pub path: PathBuf,
    pub rule: crate::config::DbRule,
    pub client: Option<String>,
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

impl Ctx {
    pub fn when(&self, text: &str) -> Result<DateTime<Utc>> {
        when::parse_when(text, self.now, &Local)
    }

    /// `none` clears an optional time; anything else is parsed.
    pub fn when_or_none(&self, text: &str) -> Result<Option<DateTime<Utc>>> {
        if text.trim().eq_ignore_ascii_case("none") {
            Ok(None)
        } else {
            self.when(text).map(Some)
        }
    }

    pub fn date(&self, text: &str) -> Result<chrono::NaiveDate> {
        when::parse_date(text, self.now, &Local)
    }

    /// The rules and templates, built only by the commands that draft or apply rules
    /// (listing stays as fast as the query).
    pub fn policy(&self) -> Result<Policy> {
        let policy = Policy::new(&self.cfg, when::Zone::Local, crate::config::templates_dir())?;
        for w in &policy.drafter.warnings {
            eprintln!("warning: {w}");
        }
        Ok(policy)
    }

    pub fn project(&self, key: &str) -> Result<Project> {
        store::projects::project_by_key(self.store.conn(), key)
    }

    pub fn project_id(&self, key: Option<&str>) -> Result<Option<i64>> {
        key.map(|k| self.project(k).map(|p| p.id)).transpose()
    }
}

/// Parses a record id typed by the user.
pub fn parse_id(what: &str, text: &str) -> Result<i64> {
    text.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            Error::invalid_because(format!("{what} id"), text, "a positive whole number")
        })
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
            let open = match ctx.store.path().map(|p| p.display().to_string()) {
                Some(p) if p.contains(char::is_whitespace) => format!("rapport --db '{p}'"),
                Some(p) => format!("rapport --db {p}"),
                None => "rapport".into(),
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
            output::print_agenda(&mut ctx, &agenda)
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
                        h.at.map(|t| output::show_time(&ctx, t)).unwrap_or_default(),
                        h.text.clone(),
                    ]
                })
                .collect();
            ctx.out.table(&["record", "project", "when", "text"], &rows)
        }
    }
}

/// Writes `text` to `path` (a new file, 0600: client correspondence is confidential; an
/// existing one only with `force`; never a link or the database, see [`crate::files`]) or
/// to stdout.
pub fn write_output(
    ctx: &mut Ctx,
    path: Option<&std::path::Path>,
    force: bool,
    text: &str,
) -> Result<()> {
    match path {
        None => {
            use std::io::Write;
            std::io::stdout()
                .lock()
                .write_all(text.as_bytes())
                .map_err(|e| Error::io("cannot write to standard output", e))
        }
        Some(p) => {
            let mut protected = vec![ctx.place.path.clone()];
            protected.extend(ctx.store.path().map(|p| p.to_path_buf()));
            crate::files::write_new(p, text.as_bytes(), force, &protected)?;
            if ctx.out.json {
                ctx.out
                    .json(&serde_json::json!({ "written": p.display().to_string() }))
            } else {
                ctx.out.line(&format!("written: {}", p.display()))
            }
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
