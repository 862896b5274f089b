//! The scriptable command line: clap definitions and one small handler per command family.
//! Every handler calls the same workflow functions the TUI uses.

mod clients;
mod ctx;
pub mod demo_clients;
mod digest;
mod editing;
#[cfg(test)]
mod examples_test;
mod expectations;
pub mod help_zh;
mod history;
mod issues;
mod listing;
mod log;
mod meetings;
mod milestones;
mod output;
mod plans;
pub mod portfolio;
mod progress;
mod projects;
mod reports;
mod reviews;
mod risks;
mod shell;
mod stats;
mod summary;
mod transfer;
mod updates;

use std::path::PathBuf;

use chrono::Utc;
use clap::{CommandFactory, Parser, Subcommand};

use crate::clock::Clock;
use crate::config::Config;
use crate::error::{Error, Result, field_name};
use crate::i18n::{tr, trf};
use crate::model::text::relative;
use crate::model::when;
use crate::store::{self, Store};
use crate::workflow::today::{Agenda, Section};
use crate::workflow::{demo, rules, search, today};

pub use ctx::{Ctx, ListArgs, Place, parse_id, write_output};
pub use listing::{Format, FormatArgs, ListOutput, parse_limit};
pub use output::Out;
pub use progress::Progress;
pub use shell::{completions, man, man_page};

/// `rapport today --summary` on a store opened read-only: prints the line and returns
/// whether something is late (the exit status 1).
pub fn summary(store: Store, cfg: Config, clock: Clock, out: Out, place: Place) -> Result<bool> {
    let ctx = Ctx {
        store,
        now: clock.now(),
        cfg,
        out,
        place,
    };
    summary::print(&ctx)
}

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
    /// Print JSON instead of text (lists: short for --format json).
    #[arg(long, global = true)]
    pub json: bool,
    /// Every client's file at once (<data dir>/clients/*.sqlite3 and the default file), read
    /// only: the terminal interface, or today, search, issue list, update list, report digest.
    #[arg(long, global = true)]
    pub all_clients: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Where and how commands print (a list's own `--format` is applied by its handler).
    pub fn out(&self) -> Out {
        Out::new(self.json)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database and print its path (a --db or RAPPORT_DB file must be made
    /// with init; the data-dir and --client files are also created on first use).
    #[command(after_help = "Examples:\n  rapport init\n  rapport --db ~/clients/acme.sqlite3 init")]
    Init,
    /// Print the database file in use and which rule chose it.
    #[command(after_help = "Examples:\n  rapport where\n  rapport --client acme where --json")]
    Where,
    /// A consistent copy of the database (safe while rapport is open elsewhere), 0600 and
    /// integrity-checked. Prints its path.
    #[command(
        after_help = "Examples:\n  rapport backup\n  rapport backup ~/backups/rapport.sqlite3"
    )]
    Backup {
        /// Where to write it (a new file; default: next to the database, named with the time).
        path: Option<PathBuf>,
    },
    /// Fill an empty database with realistic sample data.
    #[command(
        after_help = "Examples:\n  rapport --db demo.sqlite3 demo\n  rapport --db big.sqlite3 demo --scale large"
    )]
    Demo {
        /// small (a story of a few dozen records), large (10,000 issues) or huge (100,000).
        #[arg(long, default_value = "small")]
        scale: String,
        /// Instead: this many client files of varied size and health under
        /// <data dir>/clients/ (open them all with rapport --all-clients).
        #[arg(long, value_name = "N")]
        clients: Option<String>,
    },
    /// What needs attention now: overdue and due updates, unannounced issues, late
    /// follow-ups, slipping expectations and project health.
    #[command(
        after_help = "Examples:\n  rapport today\n  rapport today --summary || echo 'something is overdue'"
    )]
    Today {
        /// One line of counts ("3 overdue · 2 not told"), for a shell prompt or cron. Reads
        /// only (what the rules would queue is counted, not written); exits 1 when an update
        /// is overdue or a promised follow-up is late, 0 otherwise.
        #[arg(long)]
        summary: bool,
        /// (--limit: at most N rows per section.)
        #[command(flatten)]
        output: ListOutput,
    },
    /// Projects (a client's engagements).
    #[command(
        after_help = "Examples:\n  rapport project add 'Northwind Portal' --company Northwind --cadence weekly\n  rapport project list --format csv",
        subcommand
    )]
    Project(projects::ProjectCmd),
    /// The client's people.
    #[command(
        after_help = "Examples:\n  rapport contact add 'Sarah Chen' --company Northwind --email sarah@northwind.example\n  rapport contact list --of Northwind",
        subcommand
    )]
    Contact(projects::ContactCmd),
    /// Clients: add, archive, and their time zone, working calendar and language.
    #[command(
        after_help = "Examples:\n  rapport client add Contoso --zone Europe/Berlin\n  rapport client list\n  rapport client edit Northwind --zone Europe/Berlin",
        subcommand
    )]
    Client(clients::ClientCmd),
    /// The issue log.
    #[command(
        after_help = "Examples:\n  rapport issue add 'Login fails' -p Portal -s high\n  rapport issue list --format csv --limit 20",
        subcommand
    )]
    Issue(issues::IssueCmd),
    /// The client update queue.
    #[command(
        after_help = "Examples:\n  rapport update list\n  rapport update sent 12",
        subcommand
    )]
    Update(updates::UpdateCmd),
    /// The expectation register.
    #[command(
        after_help = "Examples:\n  rapport expect add 'Reports load in 2 s' -p Portal --category quality\n  rapport expect list --all --format tsv",
        subcommand,
        name = "expect"
    )]
    Expect(expectations::ExpectCmd),
    /// The communication log.
    #[command(
        after_help = "Examples:\n  rapport log add 'Called about the outage' -p Portal --dir in --channel phone\n  rapport log list --limit 20",
        subcommand
    )]
    Log(log::LogCmd),
    /// Search every issue, update, expectation and log entry (newest first per kind).
    #[command(
        after_help = "Examples:\n  rapport search 'login'\n  rapport search 白屏 --format jsonl"
    )]
    Search {
        text: String,
        /// At most this many hits of each kind.
        #[arg(long, default_value = "20")]
        limit: String,
        #[command(flatten)]
        shape: FormatArgs,
    },
    /// Milestones: progress and the history of their dates.
    #[command(
        after_help = "Examples:\n  rapport milestone add 'Pilot live' -p Portal --due 2026-12-15\n  rapport milestone list -p Portal",
        subcommand
    )]
    Milestone(milestones::MilestoneCmd),
    /// The communication plan: what the client hears, how often, from whom and how.
    #[command(
        after_help = "Examples:\n  rapport plan add -p Portal --what 'Progress meeting' --kind meeting --every biweekly\n  rapport plan list -p Portal",
        subcommand
    )]
    Plan(plans::PlanCmd),
    /// Meetings with the client: attendees, agenda, minutes (decisions and actions).
    #[command(
        after_help = "Examples:\n  rapport meeting add -p Portal --at 'fri 10:00' --title 'Weekly progress' --attendees 'Sarah Chen'\n  rapport meeting minutes 3 --decision 'Go live on 7 December' --action 'Send the test plan;Ana;tue'",
        subcommand
    )]
    Meeting(meetings::MeetingCmd),
    /// Actions agreed in meetings: commitments with an owner and a due date.
    #[command(
        after_help = "Examples:\n  rapport action list --open\n  rapport action done 4",
        subcommand
    )]
    Action(meetings::ActionCmd),
    /// Satisfaction reviews: the client's scores (the team's own measure).
    #[command(
        after_help = "Examples:\n  rapport review add -p Portal --score 4\n  rapport review list --format csv",
        subcommand
    )]
    Review(reviews::ReviewCmd),
    /// The risk register: risks before they happen and the responses prepared for them.
    #[command(
        after_help = "Examples:\n  rapport risk add 'Key engineer leaves' -p Portal --likelihood medium --impact high\n  rapport risk list --all",
        subcommand
    )]
    Risk(risks::RiskCmd),
    /// Status and closing reports for a project.
    #[command(
        after_help = "Examples:\n  rapport report status -p Portal\n  rapport report closing -p Portal --format eml -o closing.eml",
        subcommand
    )]
    Report(reports::ReportCmd),
    /// How well the client is served: told in time, time to first contact, promises kept,
    /// open issues, mood and satisfaction by week (12 weeks), expectations by status.
    #[command(
        after_help = "Examples:\n  rapport stats\n  rapport stats -p Portal --since 2026-09-01 --json"
    )]
    Stats {
        /// Only this project (name or id).
        #[arg(long, short)]
        project: Option<String>,
        /// Count issues detected (updates sent) from this time on (default: all time).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        since: Option<String>,
    },
    /// Every change to one record: when, from where (cli, tui), each field before and after.
    #[command(
        after_help = "Examples:\n  rapport history issue 4\n  rapport history update 12 --format csv"
    )]
    History {
        /// issue, update, expect, log, project, contact, client, risk, milestone, review,
        /// plan, meeting or action.
        kind: String,
        id: String,
        #[command(flatten)]
        output: ListOutput,
    },
    /// Revert the newest change in the file not undone yet, made from any session.
    #[command(after_help = "Examples:\n  rapport undo\n  rapport undo --json")]
    Undo,
    /// Write the file's records out: every record as JSON lines (to move or keep a file),
    /// one table as CSV, or the dates as an iCalendar file.
    #[command(
        after_help = "Examples:\n  rapport export -o acme.jsonl\n  rapport export --format csv --table issues --bom -o issues.csv\n  rapport export --format ics --project Portal -o portal.ics"
    )]
    Export(transfer::ExportArgs),
    /// Read records in, in one transaction: a rapport export, a CSV of issues, contacts or
    /// log entries, or a taskwarrior export (--from taskwarrior).
    #[command(
        after_help = "Examples:\n  rapport --client acme import acme.jsonl --dry-run\n  rapport import --format csv --table issues problems.csv --map Problem=title\n  task export | rapport import --from taskwarrior -"
    )]
    Import(transfer::ImportArgs),
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell.
    #[command(after_help = shell::COMPLETIONS_HELP)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(
        after_help = "Examples:\n  rapport man > ~/.local/share/man/man1/rapport.1\n  rapport man | man -l -"
    )]
    Man,
}

/// `rapport where`: the file and why.
pub fn print_where(place: &Place, json: bool) -> Result<()> {
    let out = Out::new(json);
    let path = place.path.display().to_string();
    let exists = place.path.exists();
    if json {
        out.json(&serde_json::json!({
            "database": path,
            "chosen_by": place.rule.describe(),
            "exists": exists,
        }))
    } else {
        let by = place.rule.describe_shown();
        out.line(&if exists {
            trf(
                "{path} (chosen by {rule})",
                &[("path", &path), ("rule", &by)],
            )
        } else {
            trf(
                "{path} (chosen by {rule}; not created yet)",
                &[("path", &path), ("rule", &by)],
            )
        })
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
                return Some(trf(
                    "--client chooses the database file; the client a {record} belongs to is --company NAME (rapport {record} add ... --company NAME)",
                    &[("record", &w[0])],
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
    out: Out,
    place: Place,
) -> Result<()> {
    let mut ctx = Ctx {
        store,
        now: clock.now(),
        cfg,
        out,
        place,
    };
    match command {
        Command::Where => print_where(&ctx.place, ctx.out.json),
        Command::Completions { shell } => shell::completions(shell, Cli::command()),
        Command::Man => shell::man(Cli::command()),
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
            backup_with_progress(&ctx.store, &target)?;
            let shown = target.display().to_string();
            if ctx.out.json {
                ctx.out.json(&serde_json::json!({ "backup": shown }))
            } else {
                ctx.out
                    .line(&trf("backup written: {path}", &[("path", &shown)]))
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
                ctx.out.line(&trf(
                    "database ready: {path} (schema version {version})",
                    &[("path", &path), ("version", &version)],
                ))
            }
        }
        Command::Demo { scale, .. } => {
            let scale: demo::Scale = scale.parse()?;
            let policy = ctx.policy()?;
            // Running the demo twice (as the README's first command does) is not an error.
            let again = demo::holds_only_sample(&ctx.store)?;
            let counts = if again {
                ctx.store.counts()?
            } else {
                let bar = Progress::new("demo", 0);
                let counts = demo::fill_with_progress(
                    &mut ctx.store,
                    ctx.now,
                    &policy,
                    scale,
                    &mut |stage, done, total| bar.update(stage, done, total),
                )?;
                bar.finish();
                counts
            };
            // The generated load is analyzed as it ends (demo::fill), before these rules.
            rules::apply_all(&mut ctx.store, ctx.now, &policy)?;
            if ctx.out.json {
                return ctx.out.json(&counts);
            }
            ctx.out.line(&trf(
                "{what}: {projects} projects, {issues} issues, {updates} updates, {expectations} expectations, {log} log entries",
                &[
                    (
                        "what",
                        &if again {
                            tr("the file already holds sample data, nothing added (another --scale needs a fresh file)")
                        } else {
                            tr("sample data added")
                        },
                    ),
                    ("projects", &counts.projects),
                    ("issues", &counts.issues),
                    ("updates", &counts.updates),
                    ("expectations", &counts.expectations),
                    ("log", &counts.log_entries),
                ],
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
            ctx.out
                .line(&trf("open it with: {command}", &[("command", &open)]))
        }
        Command::Today { summary: true, .. } => summary::print(&ctx).map(|_| ()),
        Command::Today { output, .. } => {
            let limit = output.apply(&mut ctx.out)?;
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
            print_agenda(&mut ctx, &agenda, limit)
        }
        Command::Project(c) => projects::run_project(&mut ctx, c),
        Command::Contact(c) => projects::run_contact(&mut ctx, c),
        Command::Client(c) => clients::run(&mut ctx, c),
        Command::Issue(c) => issues::run(&mut ctx, c),
        Command::Update(c) => updates::run(&mut ctx, c),
        Command::Expect(c) => expectations::run(&mut ctx, c),
        Command::Log(c) => log::run(&mut ctx, c),
        Command::Report(c) => reports::run(&mut ctx, c),
        Command::Stats { project, since } => stats::run(&mut ctx, project, since),
        Command::Risk(c) => risks::run(&mut ctx, c),
        Command::Milestone(c) => milestones::run(&mut ctx, c),
        Command::Review(c) => reviews::run(&mut ctx, c),
        Command::Plan(c) => plans::run(&mut ctx, c),
        Command::Meeting(c) => meetings::run_meeting(&mut ctx, c),
        Command::Action(c) => meetings::run_action(&mut ctx, c),
        Command::History { kind, id, output } => {
            let limit = output.apply(&mut ctx.out)?;
            history::show(&mut ctx, &kind, &id, limit)
        }
        Command::Undo => history::undo(&mut ctx),
        Command::Export(args) => transfer::export(&mut ctx, args),
        Command::Import(args) => transfer::import(&mut ctx, args),
        Command::Search { text, limit, shape } => {
            ctx.out.shape(&shape);
            let limit = limit
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    Error::invalid_because("limit", &limit, tr("a whole number such as 20"))
                })?;
            let hits = search::all(&ctx.store, &text, limit)?;
            if hits.is_empty() && ctx.out.format == Format::Table {
                return ctx
                    .out
                    .line(&trf("nothing matches '{text}'", &[("text", &text)]));
            }
            ctx.out
                .list_rows(&hits, 0, &["record", "project", "when", "text"], |h| {
                    vec![
                        format!("{} {}", h.record, h.id),
                        h.project.clone(),
                        h.at.map(|t| ctx::show_time(&ctx, t)).unwrap_or_default(),
                        h.text.clone(),
                    ]
                })
        }
    }
}

/// `rapport backup`: `VACUUM INTO` reports nothing while it copies, so on a terminal a
/// thread watches the copy grow against the size of the database.
fn backup_with_progress(store: &Store, target: &std::path::Path) -> Result<()> {
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let total = store.path().map(size).unwrap_or(0);
    let bar = Progress::new("backup", total);
    if !bar.is_shown() {
        return store.backup_to(target);
    }
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                bar.update("backup", size(target).min(total), total);
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        });
        let result = store.backup_to(target);
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        result
    })?;
    bar.finish();
    Ok(())
}

/// Squeezes clap's multi-line error into one line: the complaint, clap's tip ("a similar
/// subcommand exists: 'issue'") and the help of the command that was being typed.
pub fn one_line_clap_error(err: &clap::Error) -> String {
    let text = err.to_string();
    let mut parts = Vec::new();
    let mut command = "rapport".to_string();
    for line in text.lines() {
        let l = line.trim();
        if let Some(usage) = l.strip_prefix("Usage:") {
            // "Usage: rapport issue add [OPTIONS] --project <PROJECT> <TITLE>": the words
            // before the first option or argument name the subcommand.
            let words: Vec<&str> = usage
                .split_whitespace()
                .take_while(|w| !w.starts_with(['[', '<', '-']))
                .collect();
            if !words.is_empty() {
                command = words.join(" ");
            }
            continue;
        }
        if l.is_empty() || l.starts_with("For more information") {
            continue;
        }
        parts.push(l.trim_start_matches("error: ").to_string());
    }
    // A complaint about a value has no usage line: the subcommand is read from the words
    // typed, so the pointer is to its own help all the same.
    if command == "rapport" {
        command = typed_command(std::env::args().skip(1));
    }
    let joined = parts.join("; ");
    let joined = match crate::i18n::lang() {
        crate::i18n::Lang::ZhCn => help_zh::clap_error_zh(err).unwrap_or(joined),
        crate::i18n::Lang::En => joined,
    };
    // Under zh-CN clap's words are ours too (help_zh), except for rare kinds.
    trf(
        "{message} (see {command} --help)",
        &[("message", &joined), ("command", &command)],
    )
}

/// "rapport issue list": the subcommands named among `args` (options and their values
/// skipped: a word that names no subcommand of the one reached so far is passed over).
fn typed_command(args: impl Iterator<Item = String>) -> String {
    let mut command = Cli::command();
    let mut path = vec!["rapport".to_string()];
    for arg in args {
        if arg.starts_with('-') {
            continue;
        }
        let Some(sub) = command.find_subcommand(&arg).cloned() else {
            continue;
        };
        path.push(sub.get_name().to_string());
        command = sub;
    }
    path.join(" ")
}

/// Today as text: each section with its count, then at most `limit` of its rows
/// (`--json`: the agenda; jsonl, csv, tsv: one row per item with its section).
fn print_agenda(ctx: &mut Ctx, agenda: &Agenda, limit: Option<usize>) -> Result<()> {
    let cap = limit.unwrap_or(usize::MAX);
    if ctx.out.format == Format::Json {
        return ctx.out.json(agenda);
    }
    let now = agenda.now;
    let mut clock = clients::ClientClock::new(ctx)?;
    if ctx.out.format != Format::Table {
        let items: Vec<_> = Section::ALL
            .iter()
            .flat_map(|s| agenda.section(*s).take(cap))
            .collect();
        return ctx.out.list_rows(
            &items,
            0,
            &["section", "record", "id", "tag", "project", "text", "when"],
            |i| {
                vec![
                    summary::section_key(i.section),
                    i.record.kind().to_string(),
                    i.record.id().to_string(),
                    i.tag.clone(),
                    i.project.clone(),
                    i.text.clone(),
                    i.when.map(|t| t.to_rfc3339()).unwrap_or_default(),
                ]
            },
        );
    }
    for section in Section::ALL {
        let items: Vec<_> = agenda.section(section).take(cap).collect();
        if items.is_empty() {
            continue;
        }
        let total = agenda.total(section);
        let count = if total > items.len() {
            trf(
                "{shown} of {total}",
                &[("shown", &items.len()), ("total", &total)],
            )
        } else {
            items.len().to_string()
        };
        ctx.out.line(&format!("{} ({count})", section.title()))?;
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|i| {
                vec![
                    format!("  {} {}", field_name(i.record.kind()), i.record.id()),
                    crate::i18n::value(&i.tag),
                    i.project.clone(),
                    shown_text(agenda, i),
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
        ctx.out.line(tr("Nothing is owed to a client right now."))?;
    }
    Ok(())
}

/// An agenda line's text as people read it: in the interface's language, a project's health
/// worded from its figures in Chinese (the rules give their reasons in English).
fn shown_text(
    agenda: &crate::workflow::today::Agenda,
    i: &crate::workflow::today::AgendaItem,
) -> String {
    if crate::i18n::lang() != crate::i18n::Lang::En
        && i.section == Section::Health
        && let crate::workflow::Record::Project(id) = i.record
        && let Some(h) = agenda.health.iter().find(|h| h.project_id == id)
    {
        return crate::report::digest::reasons_zh(h, agenda.now);
    }
    i.shown().to_string()
}
