//! Spreadsheets: one table out as CSV (UTF-8, optionally with the BOM Excel looks for, cells
//! that a spreadsheet would run as a formula neutralised), and issues, contacts or log entries
//! in from a CSV whose header names the fields. Imported rows pass the same checks and rules as
//! `issue add`, `contact add` and `log add`; nothing is written unless every row is good (or
//! the bad ones are skipped on request).

use std::collections::HashMap;
use std::io::{Read, Write};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::super::{Policy, issues};
use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::{
    self, Cadence, Channel, Direction, IssueStatus, LogKind, NewContact, NewIssue, NewLogEntry,
    Severity, when,
};
use crate::store::{self, Store, transfer};

/// The tables a CSV export can write.
pub const EXPORT_TABLES: &[&str] = &["issues", "updates", "expectations", "log", "contacts"];
/// The tables a CSV import can fill.
pub const IMPORT_TABLES: &[&str] = &["issues", "contacts", "log"];

/// A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return before one) gets a leading `'`, so it is shown as text and never run.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The cell as typed before [`neutralise`]: `'=1+1` reads back as `=1+1`.
fn plain(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if matches!(
                rest.chars().next(),
                Some('=' | '+' | '-' | '@' | '\t' | '\r')
            ) =>
        {
            rest
        }
        _ => cell,
    }
}

fn unknown_table(table: &str, allowed: &[&str]) -> Error {
    Error::invalid("table", table, allowed.join(", "))
}

/// Writes one table as CSV, rows as they are read. Returns how many rows.
pub fn export(store: &Store, table: &str, bom: bool, out: &mut impl Write) -> Result<u64> {
    let header =
        transfer::view_columns(table).ok_or_else(|| unknown_table(table, EXPORT_TABLES))?;
    let io = |e: std::io::Error| Error::io(tr("cannot write the CSV"), e);
    if bom {
        out.write_all("\u{feff}".as_bytes()).map_err(io)?;
    }
    let mut w = ::csv::Writer::from_writer(out);
    let csv_err = |e: ::csv::Error| Error::io(tr("cannot write the CSV"), std::io::Error::other(e));
    w.write_record(header.iter()).map_err(csv_err)?;
    let n = transfer::read_view(store.conn(), table, |cells| {
        w.write_record(cells.iter().map(|c| neutralise(c).into_owned()))
            .map_err(csv_err)
    })?;
    w.flush().map_err(io)?;
    Ok(n)
}

/// How a CSV import reads its file.
#[derive(Debug, Clone)]
pub struct CsvImport {
    pub table: String,
    /// `column=field` pairs: the file's column is read as that field (empty: ignored).
    pub map: Vec<(String, String)>,
    pub skip_bad: bool,
    pub dry_run: bool,
    /// Where wall-clock times without a zone are read.
    pub zone: when::Zone,
    /// The status-report cadence of a project the import creates.
    pub cadence: Option<Cadence>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BadRow {
    pub line: u64,
    pub problem: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CsvSummary {
    pub table: String,
    pub imported: u64,
    pub projects_created: u64,
    pub skipped: Vec<BadRow>,
    pub dry_run: bool,
}

/// The fields each table reads: (field, required). Columns an export writes that rapport
/// sets itself are accepted and left out.
fn fields(table: &str) -> (&'static [(&'static str, bool)], &'static [&'static str]) {
    match table {
        "issues" => (
            &[
                ("title", true),
                ("project", true),
                ("severity", false),
                ("status", false),
                ("detected", false),
                ("owner", false),
                ("description", false),
                ("cause", false),
                ("impact", false),
                ("our_fault", false),
            ],
            &[
                "id",
                "client_notified",
                "next_update",
                "resolved",
                "resolution",
                "archived",
            ],
        ),
        "contacts" => (
            &[
                ("name", true),
                ("client", true),
                ("role", false),
                ("email", false),
                ("phone", false),
                ("channel", false),
            ],
            &["id", "archived"],
        ),
        _ => (
            &[
                ("project", true),
                ("summary", true),
                ("at", false),
                ("direction", false),
                ("channel", false),
                ("kind", false),
                ("sentiment", false),
                ("issue", false),
            ],
            &["id", "handled", "archived"],
        ),
    }
}

/// Reads a CSV into the file in one transaction. Every bad row is named by its line; with
/// any, nothing is written unless `skip_bad`.
pub fn import(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    opts: &CsvImport,
    input: impl Read,
) -> Result<CsvSummary> {
    if !IMPORT_TABLES.contains(&opts.table.as_str()) {
        return Err(unknown_table(&opts.table, IMPORT_TABLES));
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(input);
    let header = reader
        .headers()
        .map_err(|e| {
            Error::Conflict(format!(
                "line 1: the header cannot be read ({e}); nothing was imported"
            ))
        })?
        .clone();
    let (known, ignored) = fields(&opts.table);
    // Which field each column feeds (None: ignored).
    let mut columns: Vec<Option<&'static str>> = Vec::new();
    for name in header.iter() {
        let name = name.trim_start_matches('\u{feff}').trim();
        let target = opts
            .map
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(name))
            .map(|(_, f)| f.as_str())
            .unwrap_or(name);
        if target.is_empty() || ignored.iter().any(|i| i.eq_ignore_ascii_case(target)) {
            columns.push(None);
            continue;
        }
        match known.iter().find(|(f, _)| f.eq_ignore_ascii_case(target)) {
            Some((f, _)) => columns.push(Some(f)),
            None => {
                let names: Vec<&str> = known.iter().map(|(f, _)| *f).collect();
                return Err(Error::Conflict(format!(
                    "line 1: column '{name}' is not a field of {} (fields: {}); name it with --map '{name}=FIELD', or --map '{name}=' to leave it out; nothing was imported",
                    opts.table,
                    names.join(", ")
                )));
            }
        }
    }
    for (field, required) in known {
        if *required && !columns.contains(&Some(field)) {
            return Err(Error::Conflict(format!(
                "line 1: no column for the required field '{field}' (use --map COLUMN={field}); nothing was imported"
            )));
        }
    }
    let run = |tx: &rusqlite::Transaction<'_>| -> Result<CsvSummary> {
        let mut summary = CsvSummary {
            table: opts.table.clone(),
            imported: 0,
            projects_created: 0,
            skipped: Vec::new(),
            dry_run: opts.dry_run,
        };
        let mut projects: HashMap<String, i64> = HashMap::new();
        let mut record = ::csv::StringRecord::new();
        loop {
            let line = reader.position().line();
            let more = match reader.read_record(&mut record) {
                Ok(more) => more,
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(line);
                    summary.skipped.push(BadRow {
                        line,
                        problem: e.to_string(),
                    });
                    if matches!(
                        e.kind(),
                        ::csv::ErrorKind::Utf8 { .. } | ::csv::ErrorKind::UnequalLengths { .. }
                    ) {
                        continue;
                    }
                    break;
                }
            };
            if !more {
                break;
            }
            let line = record.position().map(|p| p.line()).unwrap_or(line);
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut row: HashMap<&str, &str> = HashMap::new();
            for (i, cell) in record.iter().enumerate() {
                if let Some(Some(field)) = columns.get(i) {
                    row.insert(field, plain(cell.trim()));
                }
            }
            tx.execute_batch("SAVEPOINT csv_row")?;
            let created_before = summary.projects_created;
            let done = import_row(tx, now, policy, opts, &row, &mut projects, &mut summary);
            match done {
                Ok(()) => {
                    tx.execute_batch("RELEASE csv_row")?;
                    summary.imported += 1;
                }
                Err(e) => {
                    tx.execute_batch("ROLLBACK TO csv_row; RELEASE csv_row")?;
                    // A project this row created went with it.
                    summary.projects_created = created_before;
                    projects.clear();
                    summary.skipped.push(BadRow {
                        line,
                        problem: e.to_string(),
                    });
                }
            }
        }
        if !summary.skipped.is_empty() && !opts.skip_bad {
            let total = summary.skipped.len();
            let listed: Vec<String> = summary
                .skipped
                .iter()
                .take(20)
                .map(|b| format!("line {}: {}", b.line, b.problem))
                .collect();
            return Err(Error::Conflict(format!(
                "{total} bad row{}, nothing was imported (fix them or pass --skip-bad): {}{}",
                if total == 1 { "" } else { "s" },
                listed.join("; "),
                if total > 20 { "; ..." } else { "" }
            )));
        }
        Ok(summary)
    };
    if opts.dry_run {
        store.rehearse(run)
    } else {
        store.write(run)
    }
}

fn import_row(
    tx: &rusqlite::Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    opts: &CsvImport,
    row: &HashMap<&str, &str>,
    projects: &mut HashMap<String, i64>,
    summary: &mut CsvSummary,
) -> Result<()> {
    let get = |f: &str| row.get(f).copied().filter(|v| !v.is_empty());
    let time = |f: &str, default: DateTime<Utc>| -> Result<DateTime<Utc>> {
        match get(f) {
            Some(t) => opts.zone.parse_when(t, now),
            None => Ok(default),
        }
    };
    match opts.table.as_str() {
        "issues" => {
            let project_id = project_for(
                tx,
                now,
                policy,
                opts,
                get("project").unwrap_or(""),
                projects,
                summary,
            )?;
            let new = NewIssue {
                project_id,
                title: get("title").unwrap_or("").to_string(),
                description: get("description").unwrap_or("").to_string(),
                severity: get("severity")
                    .map(str::parse)
                    .transpose()?
                    .unwrap_or(Severity::Medium),
                status: get("status")
                    .map(str::parse)
                    .transpose()?
                    .unwrap_or(IssueStatus::New),
                detected_at: time("detected", now)?,
                owner: get("owner").unwrap_or("").to_string(),
                our_fault: match get("our_fault").map(|v| v.to_ascii_lowercase()) {
                    None => false,
                    Some(v) if matches!(v.as_str(), "yes" | "y" | "true" | "1") => true,
                    Some(v) if matches!(v.as_str(), "no" | "n" | "false" | "0") => false,
                    Some(v) => return Err(Error::invalid("our_fault", &v, "yes, no".into())),
                },
                cause: get("cause").unwrap_or("").to_string(),
                impact: get("impact").unwrap_or("").to_string(),
            };
            issues::add_in(tx, now, policy, new, &[])?;
        }
        "contacts" => {
            let new = NewContact {
                client: model::required_line("client", get("client").unwrap_or(""))?,
                name: model::required_line("contact name", get("name").unwrap_or(""))?,
                role: model::optional_line("role", get("role").unwrap_or(""))?,
                email: model::check_email(get("email").unwrap_or(""))?,
                phone: model::optional_line("phone", get("phone").unwrap_or(""))?,
                channel: get("channel").map(str::parse::<Channel>).transpose()?,
            };
            store::projects::insert_contact(tx, &new, now)?;
        }
        _ => {
            let project_id = project_for(
                tx,
                now,
                policy,
                opts,
                get("project").unwrap_or(""),
                projects,
                summary,
            )?;
            let sentiment = get("sentiment")
                .map(model::parse_sentiment)
                .transpose()?
                .unwrap_or(0);
            let issue_id = get("issue")
                .map(|t| {
                    let id = t.trim_start_matches('#').parse::<i64>().map_err(|_| {
                        Error::invalid_because("issue", t, tr("an issue number such as 12"))
                    })?;
                    store::issues::get(tx, id).map(|i| i.id)
                })
                .transpose()?;
            let at = time("at", now)?;
            let at = when::check_range("time", &store::ts(at), at)?;
            let new = NewLogEntry {
                project_id,
                at,
                direction: get("direction")
                    .map(str::parse)
                    .transpose()?
                    .unwrap_or(Direction::In),
                channel: get("channel")
                    .map(str::parse)
                    .transpose()?
                    .unwrap_or(Channel::Email),
                kind: get("kind")
                    .map(str::parse)
                    .transpose()?
                    .unwrap_or(LogKind::Note),
                summary: model::required_line("summary", get("summary").unwrap_or(""))?,
                sentiment,
                issue_id,
                expectation_id: None,
                update_id: None,
            };
            let id = store::log::insert_entry(tx, &new, now)?;
            // A logged past contact was answered at the time (as `log add --answered`).
            super::super::feedback::record_handled(tx, now, id, "answered at the time")?;
        }
    }
    Ok(())
}

fn project_for(
    tx: &rusqlite::Connection,
    now: DateTime<Utc>,
    policy: &Policy,
    opts: &CsvImport,
    name: &str,
    known: &mut HashMap<String, i64>,
    summary: &mut CsvSummary,
) -> Result<i64> {
    let (id, created) = super::ensure_project(tx, now, policy, opts.cadence, name, known)?;
    if created {
        summary.projects_created += 1;
    }
    Ok(id)
}
