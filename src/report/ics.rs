//! The PM's dates as an iCalendar file (RFC 5545): updates due, follow-ups promised to the
//! client, milestones, expectation dates, risk reviews and meetings. Each entry's UID is
//! `KIND-ID@rapport.FILE` (the file's own name, kept by export and import), and its DTSTAMP is
//! the record's last change, so a re-export is the same text for an unchanged record and a
//! calendar updates the entry it holds instead of adding a second one. Times are UTC.

use std::io::Write;

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::store::{dated, transfer};

/// Writes the calendar of one project (or all). Returns the number of entries.
pub fn write(conn: &Connection, project_id: Option<i64>, out: &mut impl Write) -> Result<u64> {
    let file = transfer::file_uid(conn)?;
    let mut w = Folded { out };
    w.line("BEGIN:VCALENDAR")?;
    w.line("VERSION:2.0")?;
    w.line(&format!(
        "PRODID:-//rapport//rapport {}//EN",
        env!("CARGO_PKG_VERSION")
    ))?;
    w.line("CALSCALE:GREGORIAN")?;
    w.line("METHOD:PUBLISH")?;
    w.line("X-WR-CALNAME:rapport")?;
    let n = dated::entries(conn, project_id, |e| {
        let component = if e.todo { "VTODO" } else { "VEVENT" };
        w.line(&format!("BEGIN:{component}"))?;
        w.line(&format!("UID:{}-{}@rapport.{file}", e.kind, e.id))?;
        w.line(&format!("DTSTAMP:{}", utc(&e.changed)))?;
        w.line(&format!(
            "SUMMARY:{}",
            escape(&format!("{}: {} ({})", e.label, e.text, e.project))
        ))?;
        w.line(&format!("CATEGORIES:{}", escape(&e.project)))?;
        let on_a_date = e.when.len() == 10;
        if e.todo {
            if on_a_date {
                w.line(&format!("DUE;VALUE=DATE:{}", e.when.replace('-', "")))?;
            } else {
                w.line(&format!("DUE:{}", utc(&e.when)))?;
            }
            w.line("STATUS:NEEDS-ACTION")?;
        } else if !on_a_date {
            // A meeting: its time; an hour long, since rapport keeps no end.
            w.line(&format!("DTSTART:{}", utc(&e.when)))?;
            w.line("DURATION:PT1H")?;
        } else {
            let day = chrono::NaiveDate::parse_from_str(&e.when, "%Y-%m-%d").map_err(|_| {
                Error::Conflict(format!("{} {} has the date '{}'", e.kind, e.id, e.when))
            })?;
            let next = day.succ_opt().unwrap_or(day);
            w.line(&format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")))?;
            w.line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")))?;
            w.line("TRANSP:TRANSPARENT")?;
        }
        w.line(&format!("END:{component}"))
    })?;
    w.line("END:VCALENDAR")?;
    w.out
        .flush()
        .map_err(|e| Error::io(tr("cannot write the calendar"), e))?;
    Ok(n)
}

/// `2026-11-18T09:00:00Z` as iCalendar's UTC form `20261118T090000Z`.
fn utc(stored: &str) -> String {
    stored.chars().filter(|c| *c != '-' && *c != ':').collect()
}

/// TEXT escaping: backslash, semicolon, comma and line breaks; other controls dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes content lines with CRLF, folded so no line passes 75 octets (a fold never splits a
/// UTF-8 character).
struct Folded<'w, W: Write> {
    out: &'w mut W,
}

impl<W: Write> Folded<'_, W> {
    fn line(&mut self, text: &str) -> Result<()> {
        let io = |e| Error::io(tr("cannot write the calendar"), e);
        let mut rest = text;
        let mut limit = 75;
        loop {
            if rest.len() <= limit {
                self.out.write_all(rest.as_bytes()).map_err(io)?;
                self.out.write_all(b"\r\n").map_err(io)?;
                return Ok(());
            }
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            self.out.write_all(&rest.as_bytes()[..cut]).map_err(io)?;
            self.out.write_all(b"\r\n ").map_err(io)?;
            rest = &rest[cut..];
            // The leading space counts toward the next line's 75.
            limit = 74;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = Vec::new();
        let text = format!("SUMMARY:{}", "说明".repeat(30));
        Folded { out: &mut out }.line(&text).expect("write");
        let written = String::from_utf8(out).expect("utf-8 kept whole");
        for l in written.split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert_eq!(written.replace("\r\n ", "").trim_end(), text);
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }
}
