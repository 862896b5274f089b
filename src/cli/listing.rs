//! Every list the CLI prints, in the format the user chose: `--format table|json|jsonl|csv|tsv`
//! (`--json` is `--format json`), `--no-headers` and `--limit N`. One layer, so each list
//! behaves the same and a new one gets all of it in a few lines.
//!
//! # Adopting it in a new list command
//! 1. Give the list command `#[command(flatten)] output: ListOutput` (`--format`,
//!    `--no-headers`, `--limit`; [`ListArgs`](super::ListArgs) has it as `list.output`) and
//!    start its handler with `let limit = output.apply(&mut ctx.out)?;`.
//! 2. Print with one call on `ctx.out`, naming the columns and how a row fills them:
//!    - a store query implementing [`store::Listing`]: the limit goes into the query, the
//!      JSON streams a window at a time and the table says how many more there are:
//!      ```ignore
//!      ctx.out.list_query(ctx.store.conn(), &q, limit, &["id", "title"], |r| {
//!          vec![r.id.to_string(), r.title.clone()]
//!      })
//!      ```
//!    - rows already read (a small table): `let (rows, more) = take(rows, limit);` then
//!      [`Out::list_rows`]`(&rows, more, &columns, cells)`; `more` is how many were left out.
//!
//! JSON is the rows serialised (the same objects `--json` always printed), JSON Lines one
//! compact object per line; table, CSV and TSV show the columns. Cells pass the output
//! sanitiser (no terminal controls); TSV turns tabs and newlines inside a cell into spaces.

use std::io::Write;

use clap::Args;
use rusqlite::Connection;
use serde::Serialize;

use super::output::{Out, Pages, SafeJson, io_err};
use crate::error::{Error, Result};
use crate::i18n::{Lang, lang, tr, trf, with_lang};
use crate::model::text;
use crate::store::{self, Page, Window};
use crate::tui::words::word;

pub use super::output::Format;

/// `--format` and `--no-headers`: how a list prints. Only lists take them (a command such
/// as `update export` has its own `--format`), so they are not global like `--json`.
#[derive(Debug, Args, Clone, Default)]
pub struct FormatArgs {
    /// table, json, jsonl (one object per line), csv or tsv; --json is --format json.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Leave out the header row of the table, CSV or TSV.
    #[arg(long)]
    pub no_headers: bool,
}

/// What every list takes: [`FormatArgs`] and `--limit N`.
#[derive(Debug, Args, Clone, Default)]
pub struct ListOutput {
    #[command(flatten)]
    pub shape: FormatArgs,
    /// At most N rows (read by the query itself; the table says how many more there are).
    #[arg(long, value_name = "N")]
    pub limit: Option<String>,
}

impl ListOutput {
    /// Sets `out` to the format asked for and returns the checked limit.
    pub fn apply(&self, out: &mut Out) -> Result<Option<usize>> {
        out.shape(&self.shape);
        parse_limit(self.limit.as_deref())
    }
}

/// A typed `--limit`: a positive whole number.
pub fn parse_limit(text: Option<&str>) -> Result<Option<usize>> {
    text.map(|t| {
        t.trim()
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| {
                Error::invalid_because("limit", t, tr("a positive whole number such as 20"))
            })
    })
    .transpose()
}

impl Out {
    /// Takes `--format` and `--no-headers` (a `--format` wins over `--json`).
    pub fn shape(&mut self, s: &FormatArgs) {
        if let Some(f) = s.format {
            self.format = f;
            self.json = matches!(f, Format::Json | Format::Jsonl);
        }
        if s.no_headers {
            self.headers = false;
        }
    }

    /// Prints list `q` in the chosen format, at most `limit` rows, each row's cells for the
    /// table, CSV and TSV from `cells`. The limit is the query's own: nothing more is read.
    pub fn list_query<Q>(
        &self,
        conn: &Connection,
        q: &Q,
        limit: Option<usize>,
        columns: &[&str],
        cells: impl FnMut(&Q::Row) -> Vec<String>,
    ) -> Result<()>
    where
        Q: store::Listing,
        Q::Row: Serialize,
    {
        let cap = limit.unwrap_or(usize::MAX);
        match self.format {
            Format::Json => self.json_list(conn, q, cap),
            Format::Jsonl => {
                let failed = std::cell::RefCell::new(None);
                let rows = Pages::new(conn, q, cap, &failed);
                let mut out = SafeJson::new(std::io::BufWriter::new(std::io::stdout().lock()));
                for row in rows {
                    jsonl_line(&mut out, &row)?;
                }
                if let Some(e) = failed.into_inner() {
                    return Err(e);
                }
                out.flush().map_err(io_err)
            }
            Format::Table | Format::Csv | Format::Tsv => {
                let window = limit.map_or(Window::ALL, |n| Window::new(0, n));
                let rows = q.window(conn, &Page::First, window.limit)?;
                // Only a full window can leave rows out; counting them is one indexed count.
                let more = match limit {
                    Some(n) if rows.len() == n => q.count(conn)?.saturating_sub(n),
                    _ => 0,
                };
                let cells: Vec<Vec<String>> =
                    self.in_cell_language(|| rows.iter().map(cells).collect());
                self.cells(columns, &cells, more)
            }
        }
    }

    /// Cells built in the interface's language for a table, in English for CSV and TSV:
    /// cells for scripts are the same in every interface language ("2h", "in 3d").
    fn in_cell_language<T>(&self, f: impl FnOnce() -> T) -> T {
        if self.format == Format::Table {
            f()
        } else {
            with_lang(Lang::En, f)
        }
    }

    /// Prints rows already read, in the chosen format; `more` rows of the list were left
    /// out (the table says so).
    pub fn list_rows<T: Serialize>(
        &self,
        rows: &[T],
        more: usize,
        columns: &[&str],
        cells: impl FnMut(&T) -> Vec<String>,
    ) -> Result<()> {
        match self.format {
            Format::Json => self.json(rows),
            Format::Jsonl => {
                let mut out = SafeJson::new(std::io::BufWriter::new(std::io::stdout().lock()));
                for row in rows {
                    jsonl_line(&mut out, row)?;
                }
                out.flush().map_err(io_err)
            }
            Format::Table | Format::Csv | Format::Tsv => {
                let cells: Vec<Vec<String>> =
                    self.in_cell_language(|| rows.iter().map(cells).collect());
                self.cells(columns, &cells, more)
            }
        }
    }

    /// Text cells as a table, CSV or TSV (JSON formats print the cells as objects keyed by
    /// column, for lists that have no records behind them).
    pub fn cells(&self, columns: &[&str], rows: &[Vec<String>], more: usize) -> Result<()> {
        let header = if self.headers { columns } else { &[] };
        match self.format {
            Format::Table => {
                // Headings for people are in the interface's language; CSV/TSV keep the
                // column names scripts read.
                let titles: Vec<&str> = header.iter().map(|h| column_title(h)).collect();
                // So are the values of the columns that hold the model's words (severity,
                // status, kind...); CSV/TSV and JSON keep their stored spelling.
                let worded: Vec<bool> = columns.iter().map(|c| holds_words(c)).collect();
                let translated: Vec<Vec<String>>;
                let rows = if lang() != Lang::En && worded.contains(&true) {
                    translated = rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .zip(&worded)
                                .map(|(c, w)| if *w { word(c).to_string() } else { c.clone() })
                                .collect()
                        })
                        .collect();
                    &translated
                } else {
                    rows
                };
                self.table(&titles, rows)?;
                if more > 0 {
                    self.line(&trf(
                        "… {more} more (raise --limit or leave it out to see them)",
                        &[("more", &more)],
                    ))?;
                }
                Ok(())
            }
            Format::Csv | Format::Tsv => {
                let tsv = self.format == Format::Tsv;
                let mut w = csv::WriterBuilder::new()
                    .delimiter(if tsv { b'\t' } else { b',' })
                    .quote_style(if tsv {
                        csv::QuoteStyle::Never
                    } else {
                        csv::QuoteStyle::Necessary
                    })
                    .from_writer(std::io::BufWriter::new(std::io::stdout().lock()));
                let clean = |c: &str| {
                    let c = text::one_line(c);
                    if tsv {
                        c.replace(['\t', '\n', '\r'], " ")
                    } else {
                        c.into_owned()
                    }
                };
                let csv_err = |e: csv::Error| match e.into_kind() {
                    csv::ErrorKind::Io(e) => io_err(e),
                    other => Error::Conflict(format!("cannot write CSV: {other:?}")),
                };
                if !header.is_empty() {
                    w.write_record(header.iter().map(|h| clean(h)))
                        .map_err(csv_err)?;
                }
                for row in rows {
                    w.write_record(row.iter().map(|c| clean(c)))
                        .map_err(csv_err)?;
                }
                w.flush().map_err(io_err)
            }
            Format::Json | Format::Jsonl => {
                let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
                    .iter()
                    .map(|r| {
                        columns
                            .iter()
                            .zip(r)
                            .map(|(k, v)| (k.to_string(), v.clone().into()))
                            .collect()
                    })
                    .collect();
                self.list_rows(&objects, more, columns, |_| Vec::new())
            }
        }
    }
}

/// Whether a column holds one of the model's words (a severity, status, kind, channel...),
/// shown in the interface's language in a table.
fn holds_words(column: &str) -> bool {
    matches!(
        column,
        "severity"
            | "status"
            | "state"
            | "kind"
            | "channel"
            | "category"
            | "dir"
            | "likely"
            | "impact"
            | "tag"
            | "health"
    )
}

/// A column's heading in a table, in the interface's language (CSV and TSV keep `name`).
pub fn column_title(name: &str) -> &str {
    if lang() == Lang::En {
        return name;
    }
    match name {
        "id" => tr("id"),
        "project" => tr("project"),
        "client" => tr("client"),
        "title" => tr("title"),
        "severity" => tr("severity"),
        "status" => tr("status"),
        "state" => tr("state"),
        "owner" => tr("owner"),
        "kind" => tr("kind"),
        "channel" => tr("channel"),
        "category" => tr("category"),
        "statement" => tr("statement"),
        "summary" => tr("summary"),
        "subject" => tr("subject"),
        "impact" => tr("impact"),
        "issue" => tr("issue"),
        "meeting" => tr("meeting"),
        "milestone" => tr("milestone"),
        "risk" => tr("risk"),
        // The risk list's next review date (satisfaction reviews have no such column).
        "review" => tr("review date"),
        "action" => tr("action"),
        "name" => tr("name"),
        "role" => tr("role"),
        "email" => tr("email"),
        "phone" => tr("phone"),
        "language" => tr("language"),
        "zone" => tr("zone"),
        "cadence" => tr("cadence"),
        "weight" => tr("weight"),
        "score" => tr("score"),
        "when" => tr("when"),
        "at" => tr("at"),
        "due" => tr("due"),
        "detected" => tr("detected"),
        "age" => tr("age"),
        "next update" => tr("next update"),
        "text" => tr("text"),
        "record" => tr("record"),
        "tag" => tr("tag"),
        "section" => tr("section"),
        "source" => tr("source"),
        "part" => tr("part"),
        "field" => tr("field"),
        "before" => tr("before"),
        "after" => tr("after"),
        "dir" => tr("dir"),
        "mood" => tr("mood"),
        "from" => tr("from"),
        "by" => tr("by"),
        "comment" => tr("comment"),
        "exp" => tr("exp"),
        "likely" => tr("likely"),
        "plans" => tr("plans"),
        "attendees" => tr("attendees"),
        "minutes" => tr("minutes"),
        "audience" => tr("audience"),
        "every" => tr("every"),
        "what" => tr("what"),
        "calendar" => tr("calendar"),
        "done" => tr("done"),
        other => other,
    }
}

/// One JSON Lines record: the row, compact, then a newline.
fn jsonl_line<W: Write, T: Serialize + ?Sized>(out: &mut W, row: &T) -> Result<()> {
    serde_json::to_writer(&mut *out, row)
        .map_err(|e| Error::io(tr("cannot write JSON"), e.into()))?;
    writeln!(out).map_err(io_err)
}

/// Rows already read, cut to `limit`: the rows kept and how many were left out.
pub fn take<T>(mut rows: Vec<T>, limit: Option<usize>) -> (Vec<T>, usize) {
    let more = limit.map_or(0, |n| rows.len().saturating_sub(n));
    if let Some(n) = limit {
        rows.truncate(n);
    }
    (rows, more)
}
