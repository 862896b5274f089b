//! The PM's dates as an iCalendar file (RFC 5545): updates due, follow-ups promised to the
//! client, milestones, expectation dates, risk reviews and meetings. Each entry's UID is
//! `KIND-ID@rapport.FILE` (the file's own name, kept by export and import), and its DTSTAMP is
//! the record's last change, so a re-export is the same text for an unchanged record and a
//! calendar updates the entry it holds instead of adding a second one. Times are UTC.

use std::io::Write;

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::store::transfer;

/// One source of entries: its UID kind, whether it is a to-do (else an all-day event), and
/// the query giving id, project, summary, when (a UTC time, or a date for an event), and the
/// time of its last change. `?1` is the project id or NULL for all projects.
struct Source {
    kind: &'static str,
    todo: bool,
    label: &'static str,
    sql: &'static str,
}

const SOURCES: &[Source] = &[
    Source {
        kind: "update",
        todo: true,
        label: "Send update",
        sql: "SELECT u.id, p.name, u.subject, u.due_at, u.updated_at FROM updates u
              JOIN projects p ON p.id = u.project_id
              WHERE u.archived_at IS NULL AND u.state IN ('draft', 'ready')
                AND (?1 IS NULL OR u.project_id = ?1) ORDER BY u.id",
    },
    Source {
        kind: "follow-up",
        todo: true,
        label: "Follow-up promised",
        sql: "SELECT i.id, p.name, i.title, i.next_update_due, i.updated_at FROM issues i
              JOIN projects p ON p.id = i.project_id
              WHERE i.archived_at IS NULL AND i.next_update_due IS NOT NULL
                AND i.status NOT IN ('resolved', 'closed')
                AND (?1 IS NULL OR i.project_id = ?1) ORDER BY i.id",
    },
    Source {
        kind: "milestone",
        todo: false,
        label: "Milestone",
        sql: "SELECT m.id, p.name, m.name, m.due_on, m.updated_at FROM milestones m
              JOIN projects p ON p.id = m.project_id
              WHERE m.archived_at IS NULL AND m.status <> 'done'
                AND (?1 IS NULL OR m.project_id = ?1) ORDER BY m.id",
    },
    Source {
        kind: "expectation",
        todo: false,
        label: "Expectation due",
        sql: "SELECT e.id, p.name, e.statement, e.due_on, e.updated_at FROM expectations e
              JOIN projects p ON p.id = e.project_id
              WHERE e.archived_at IS NULL AND e.due_on IS NOT NULL
                AND e.status IN ('proposed', 'agreed', 'at-risk', 'changed')
                AND (?1 IS NULL OR e.project_id = ?1) ORDER BY e.id",
    },
    Source {
        kind: "risk-review",
        todo: true,
        label: "Review risk",
        sql: "SELECT r.id, p.name, r.text, r.review_at, r.updated_at FROM risks r
              JOIN projects p ON p.id = r.project_id
              WHERE r.archived_at IS NULL AND r.review_at IS NOT NULL
                AND r.status IN ('open', 'watching')
                AND (?1 IS NULL OR r.project_id = ?1) ORDER BY r.id",
    },
];

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
    let mut n = 0;
    for source in SOURCES {
        let mut stmt = conn.prepare(source.sql)?;
        let mut rows = stmt.query([project_id])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let project: String = r.get(1)?;
            let text: String = r.get(2)?;
            let when: String = r.get(3)?;
            let changed: String = r.get(4)?;
            let component = if source.todo { "VTODO" } else { "VEVENT" };
            w.line(&format!("BEGIN:{component}"))?;
            w.line(&format!("UID:{}-{id}@rapport.{file}", source.kind))?;
            w.line(&format!("DTSTAMP:{}", utc(&changed)))?;
            w.line(&format!(
                "SUMMARY:{}",
                escape(&format!("{}: {text} ({project})", source.label))
            ))?;
            w.line(&format!("CATEGORIES:{}", escape(&project)))?;
            if source.todo {
                w.line(&format!("DUE:{}", utc(&when)))?;
                w.line("STATUS:NEEDS-ACTION")?;
            } else {
                let day = chrono::NaiveDate::parse_from_str(&when, "%Y-%m-%d").map_err(|_| {
                    Error::Conflict(format!("{} {id} has the date '{when}'", source.kind))
                })?;
                let next = day.succ_opt().unwrap_or(day);
                w.line(&format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")))?;
                w.line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")))?;
                w.line("TRANSP:TRANSPARENT")?;
            }
            w.line(&format!("END:{component}"))?;
            n += 1;
        }
    }
    w.line("END:VCALENDAR")?;
    w.out
        .flush()
        .map_err(|e| Error::io("cannot write the calendar", e))?;
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
        let io = |e| Error::io("cannot write the calendar", e);
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
