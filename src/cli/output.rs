//! Printing: JSON for scripts, aligned text for people. Stored text is made safe before
//! it reaches the terminal.

use std::io::Write;

use chrono::{DateTime, Local, Utc};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::Ctx;
use crate::error::{Error, Result};
use crate::model::text;
use crate::workflow::today::{Agenda, Section};

pub struct Out {
    pub json: bool,
}

fn io_err(e: std::io::Error) -> Error {
    Error::io("cannot write to standard output", e)
}

impl Out {
    pub fn new(json: bool) -> Self {
        Out { json }
    }

    pub fn line(&mut self, s: &str) -> Result<()> {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", text::multi_line(s)).map_err(io_err)
    }

    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        // Stdout is line-buffered: without this, pretty JSON costs a write per line.
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        serde_json::to_writer_pretty(&mut out, value)
            .map_err(|e| Error::io("cannot write JSON", e.into()))?;
        writeln!(out).map_err(io_err)?;
        out.flush().map_err(io_err)
    }

    /// Prints rows as columns padded by display width (so Chinese text lines up).
    pub fn table(&mut self, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
        let show_header = header.iter().any(|h| !h.is_empty());
        let cells: Vec<Vec<String>> = show_header
            .then(|| header.iter().map(|h| h.to_string()).collect())
            .into_iter()
            .chain(
                rows.iter()
                    .map(|r| r.iter().map(|c| text::one_line(c).into_owned()).collect()),
            )
            .collect();
        let mut widths = vec![0; cells.first().map_or(0, Vec::len)];
        for row in &cells {
            for (i, c) in row.iter().enumerate() {
                widths[i] = widths[i].max(c.width());
            }
        }
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for row in &cells {
            let mut line = String::new();
            for (i, c) in row.iter().enumerate() {
                line.push_str(c);
                if i + 1 < row.len() {
                    line.push_str(&" ".repeat(widths[i] - c.width() + 2));
                }
            }
            writeln!(out, "{}", line.trim_end()).map_err(io_err)?;
        }
        out.flush().map_err(io_err)
    }
}

/// A stored instant in local time, in the configured format.
pub fn show_time(ctx: &Ctx, t: DateTime<Utc>) -> String {
    t.with_timezone(&Local)
        .format(&ctx.cfg.date_format)
        .to_string()
}

pub fn show_time_opt(ctx: &Ctx, t: Option<DateTime<Utc>>) -> String {
    t.map(|t| show_time(ctx, t)).unwrap_or_else(|| "-".into())
}

pub use crate::model::text::{age, relative};

/// Labelled fields of a `show` command, one per line, multi-line values indented.
pub fn fields(ctx: &mut Ctx, rows: &[(&str, String)]) -> Result<()> {
    let width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    for (k, v) in rows {
        if v.is_empty() {
            continue;
        }
        let clean = text::multi_line(v);
        let mut lines = clean.lines();
        let first = lines.next().unwrap_or("");
        ctx.out.line(&format!("{k:>width$}  {first}"))?;
        for l in lines {
            ctx.out.line(&format!("{:>width$}  {l}", ""))?;
        }
    }
    Ok(())
}

pub fn print_agenda(ctx: &mut Ctx, agenda: &Agenda) -> Result<()> {
    if ctx.out.json {
        return ctx.out.json(agenda);
    }
    let now = agenda.now;
    for section in Section::ALL {
        let items: Vec<_> = agenda.section(section).collect();
        if items.is_empty() {
            continue;
        }
        ctx.out
            .line(&format!("{} ({})", section.title(), items.len()))?;
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|i| {
                vec![
                    format!("  {} {}", i.record, i.id),
                    i.tag.clone(),
                    i.project.clone(),
                    i.text.clone(),
                    i.when.map(|t| relative(now, t)).unwrap_or_default(),
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
