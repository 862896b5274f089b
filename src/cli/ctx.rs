//! What every command handler needs: the context (store, time, config, where to print), the
//! options shared by the lists, and the small helpers that read and print through it. Below
//! the handlers and the dispatcher in cli/mod.rs, which all use it.

use std::path::PathBuf;

use chrono::{DateTime, Local, Utc};
use clap::Args;
use unicode_width::UnicodeWidthStr;

use super::output::Out;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::i18n::{Lang, lang, tr, trf};
use crate::model::{Project, text, when};
use crate::store::{self, Store};
use crate::workflow::Policy;

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
    #[command(flatten)]
    pub output: super::listing::ListOutput,
}

/// Prints the size of a list for `--count`: the number, or `{"count": N}` with `--json`.
pub fn print_count(ctx: &mut Ctx, n: usize) -> Result<()> {
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
        let policy = Policy::new(&self.cfg, when::Zone::Local, self.cfg.templates_folder())?;
        for w in &policy.drafter.warnings {
            eprintln!("{}", trf("warning: {note}", &[("note", w)]));
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
            Error::invalid_because(format!("{what} id"), text, tr("a positive whole number"))
        })
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
                .map_err(|e| Error::io(tr("cannot write to standard output"), e))
        }
        Some(p) => {
            let mut protected = vec![ctx.place.path.clone()];
            protected.extend(ctx.store.path().map(|p| p.to_path_buf()));
            crate::files::write_new(p, text.as_bytes(), force, &protected)?;
            if ctx.out.json {
                ctx.out
                    .json(&serde_json::json!({ "written": p.display().to_string() }))
            } else {
                ctx.out
                    .line(&trf("written: {path}", &[("path", &p.display())]))
            }
        }
    }
}

/// A stored instant in local time, in the configured format.
pub fn show_time(ctx: &Ctx, t: DateTime<Utc>) -> String {
    crate::model::when::format_time(&t.with_timezone(&Local), &ctx.cfg.date_format)
}

pub fn show_time_opt(ctx: &Ctx, t: Option<DateTime<Utc>>) -> String {
    t.map(|t| show_time(ctx, t)).unwrap_or_else(|| "-".into())
}

/// Labelled fields of a `show` command, one per line, multi-line values indented.
pub fn fields(ctx: &mut Ctx, rows: &[(&str, String)]) -> Result<()> {
    let rows: Vec<(std::borrow::Cow<str>, &String)> =
        rows.iter().map(|(k, v)| (label(k), v)).collect();
    let width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    for (k, v) in rows {
        // Padding by display width: format!'s width counts characters, not columns.
        let k = format!("{}{k}", " ".repeat(width - k.width()));
        if v.is_empty() {
            continue;
        }
        let clean = text::multi_line(v);
        let mut lines = clean.lines();
        let first = lines.next().unwrap_or("");
        ctx.out.line(&format!("{k}  {first}"))?;
        for l in lines {
            ctx.out.line(&format!("{:>width$}  {l}", ""))?;
        }
    }
    Ok(())
}

/// A `show` command's field label in the interface's language.
fn label(name: &str) -> std::borrow::Cow<'_, str> {
    if lang() == Lang::En {
        return name.into();
    }
    let word = match name {
        "detected" => tr("detected"),
        "our fault" => tr("our fault"),
        "client told" => tr("client told"),
        "next update" => tr("next update"),
        "resolved" => tr("resolved at"),
        "cause" => tr("cause"),
        "resolution" => tr("resolution"),
        "lessons" => tr("lessons"),
        "prevention" => tr("prevention"),
        "measure" => tr("measure"),
        "agreed" => tr("agreed"),
        "due" => tr("due"),
        "issues" => tr("issues"),
        "to" => tr("to"),
        "cc" => tr("cc"),
        "sent" => tr("sent"),
        "skipped because" => tr("skipped because"),
        "body" => tr("body"),
        "when" => tr("when"),
        "attendees" => tr("attendees"),
        "agenda" => tr("agenda"),
        "decisions" => tr("decisions"),
        "actions" => tr("actions"),
        "notes" => tr("notes"),
        "plans" => tr("plans"),
        "dates" => tr("dates"),
        "audience" => tr("audience"),
        "every" => tr("every"),
        // A risk's next review (a satisfaction review has no such field).
        "review" => tr("review date"),
        "exposure" => tr("exposure"),
        _ => return crate::error::field_name(name),
    };
    word.into()
}

/// A record as people read it ("issue 3"; "问题 3" in Chinese).
pub fn record_shown(record: crate::workflow::Record) -> String {
    if lang() == Lang::En {
        record.to_string()
    } else {
        format!(
            "{} {}",
            crate::error::field_name(record.kind()),
            record.id()
        )
    }
}
