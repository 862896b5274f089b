//! Printing: JSON for scripts, aligned text for people (the list formats: `listing.rs`). Stored text is made safe before
//! it reaches the terminal.

use std::cell::RefCell;
use std::io::Write;

use rusqlite::Connection;

use clap::ValueEnum;
use serde::{Serialize, Serializer};
use unicode_width::UnicodeWidthStr;

use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::text;
use crate::store::{Listing, Page};

/// How a command prints: `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    #[default]
    Table,
    /// One JSON document (what --json prints).
    Json,
    /// JSON Lines: one compact JSON object per line.
    Jsonl,
    /// Comma-separated values (RFC 4180), a header row first.
    Csv,
    /// Tab-separated values, a header row first.
    Tsv,
}

/// Where a command prints, and how (`--format`, `--no-headers`).
pub struct Out {
    /// JSON of some kind (`--json`, `--format json` or `jsonl`): commands print records.
    pub json: bool,
    pub format: Format,
    /// Header rows in tables, CSV and TSV (off with `--no-headers`).
    pub headers: bool,
}

pub(super) fn io_err(e: std::io::Error) -> Error {
    Error::io(tr("cannot write to standard output"), e)
}

impl Out {
    pub fn new(json: bool) -> Self {
        Out::with_format(if json { Format::Json } else { Format::Table }, true)
    }

    pub fn with_format(format: Format, headers: bool) -> Self {
        Out {
            json: matches!(format, Format::Json | Format::Jsonl),
            format,
            headers,
        }
    }

    pub fn line(&self, s: &str) -> Result<()> {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", text::multi_line(s)).map_err(io_err)
    }

    /// Prints one JSON document (`--format jsonl`: on one line).
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> Result<()> {
        // Stdout is line-buffered: without this, pretty JSON costs a write per line.
        let mut out = SafeJson::new(std::io::BufWriter::new(std::io::stdout().lock()));
        if self.format == Format::Jsonl {
            serde_json::to_writer(&mut out, value)
        } else {
            serde_json::to_writer_pretty(&mut out, value)
        }
        .map_err(|e| Error::io(tr("cannot write JSON"), e.into()))?;
        writeln!(out).map_err(io_err)?;
        out.flush().map_err(io_err)
    }

    /// Prints the first `limit` rows of list `q` as one JSON array, read a window at a time
    /// by key, so memory stays flat however long the list (100,000 issues: 8 MB, not 53).
    pub fn json_list<Q>(&self, conn: &Connection, q: &Q, limit: usize) -> Result<()>
    where
        Q: Listing,
        Q::Row: Serialize,
    {
        let failed: RefCell<Option<Error>> = RefCell::new(None);
        let rows = Pages::new(conn, q, limit, &failed);
        let mut out = SafeJson::new(std::io::BufWriter::new(std::io::stdout().lock()));
        let mut ser = serde_json::Serializer::pretty(&mut out);
        (&mut ser)
            .collect_seq(rows)
            .map_err(|e| Error::io(tr("cannot write JSON"), e.into()))?;
        if let Some(e) = failed.into_inner() {
            return Err(e);
        }
        writeln!(out).map_err(io_err)?;
        out.flush().map_err(io_err)
    }

    /// Prints rows as columns padded by display width (so Chinese text lines up).
    pub fn table(&self, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
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

/// JSON text with every character a terminal could act on written as a `\uXXXX` escape.
pub use crate::model::text::escape_json;

/// A writer applying [`escape_json`] to a stream (a character split between two writes
/// waits for its other bytes).
pub struct SafeJson<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> SafeJson<W> {
    pub fn new(inner: W) -> Self {
        SafeJson {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for SafeJson<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            // Not UTF-8 (serde_json never writes that): pass it on untouched.
            Err(_) => {
                self.inner.write_all(&self.pending)?;
                self.pending.clear();
                return Ok(buf.len());
            }
        };
        let text = std::str::from_utf8(&self.pending[..valid]).unwrap_or_default();
        self.inner.write_all(escape_json(text).as_bytes())?;
        self.pending.drain(..valid);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.write_all(&self.pending)?;
        self.pending.clear();
        self.inner.flush()
    }
}

/// The rows of a list, a window at a time; a read error ends the rows and is kept in
/// `failed` (serde's sequence cannot carry it).
pub(super) struct Pages<'a, Q: Listing> {
    conn: &'a Connection,
    q: &'a Q,
    page: Page,
    rows: std::vec::IntoIter<Q::Row>,
    left: usize,
    failed: &'a RefCell<Option<Error>>,
}

impl<'a, Q: Listing> Pages<'a, Q> {
    pub(super) fn new(
        conn: &'a Connection,
        q: &'a Q,
        limit: usize,
        failed: &'a RefCell<Option<Error>>,
    ) -> Self {
        Pages {
            conn,
            q,
            page: Page::First,
            rows: Vec::new().into_iter(),
            left: limit,
            failed,
        }
    }
}

/// Rows read per query while printing a whole list.
const PRINT_WINDOW: usize = 1000;

impl<Q: Listing> Iterator for Pages<'_, Q> {
    type Item = Q::Row;

    fn next(&mut self) -> Option<Q::Row> {
        if self.left == 0 {
            return None;
        }
        if let Some(row) = self.rows.next() {
            self.left -= 1;
            self.page = Page::After(self.q.key(&row));
            return Some(row);
        }
        match self
            .q
            .window(self.conn, &self.page, PRINT_WINDOW.min(self.left))
        {
            Ok(rows) if rows.is_empty() => None,
            Ok(rows) => {
                self.rows = rows.into_iter();
                self.next()
            }
            Err(e) => {
                *self.failed.borrow_mut() = Some(e);
                None
            }
        }
    }
}

pub use crate::model::text::age;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{IssueQuery, LogQuery, Store, Window};
    use crate::workflow::{Policy, demo};
    use chrono::{TimeZone, Utc};

    fn ids<T>(rows: impl Iterator<Item = T>, id: impl Fn(&T) -> i64) -> Vec<i64> {
        rows.map(|r| id(&r)).collect()
    }

    #[test]
    fn printed_lists_are_read_a_window_at_a_time_and_equal_the_whole_list() {
        let now = Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap();
        let mut s = Store::open_in_memory().unwrap();
        demo::fill_generated(&mut s, now, &Policy::standard(), 2500).unwrap();
        let conn = s.conn();
        let failed = RefCell::new(None);
        fn pages<'a>(
            conn: &'a Connection,
            q: &'a IssueQuery,
            limit: usize,
            failed: &'a RefCell<Option<Error>>,
        ) -> Pages<'a, IssueQuery> {
            Pages {
                conn,
                q,
                page: Page::First,
                rows: Vec::new().into_iter(),
                left: limit,
                failed,
            }
        }
        let all = IssueQuery {
            include_closed: true,
            ..Default::default()
        };
        let whole = ids(all.list(conn, Window::ALL).unwrap().into_iter(), |i| i.id);
        assert!(whole.len() > 2 * PRINT_WINDOW, "{} issues", whole.len());
        assert_eq!(ids(pages(conn, &all, usize::MAX, &failed), |i| i.id), whole);
        assert_eq!(
            ids(pages(conn, &all, 1500, &failed), |i| i.id),
            whole[..1500].to_vec()
        );
        // Filtered lists page by id, newest first.
        let text = IssueQuery {
            text: Some("the".into()),
            ..all.clone()
        };
        let matching = ids(text.list(conn, Window::ALL).unwrap().into_iter(), |i| i.id);
        assert!(matching.len() > PRINT_WINDOW);
        assert_eq!(
            ids(pages(conn, &text, usize::MAX, &failed), |i| i.id),
            matching
        );
        assert!(failed.borrow().is_none());
        let log = LogQuery::default();
        let log_pages = Pages {
            conn,
            q: &log,
            page: Page::First,
            rows: Vec::new().into_iter(),
            left: 2345,
            failed: &failed,
        };
        assert_eq!(
            ids(log_pages, |l| l.id),
            ids(
                log.list(conn, Window::new(0, 2345)).unwrap().into_iter(),
                |l| l.id
            )
        );
    }
}
