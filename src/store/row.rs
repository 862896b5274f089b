//! Row <-> model helpers shared by the table files: the one spelling of a stored time and the
//! lenient readers of times, dates and enums. Below every table file, so none of them needs
//! the store's root (and the root's `Store` can use them all without a cycle).

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::Row;

use super::damage;
use crate::error::Error;

/// The one spelling of a stored instant: UTC, whole seconds, `Z`.
pub fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(super) fn ts_opt(at: Option<DateTime<Utc>>) -> Option<String> {
    at.map(ts)
}

pub(super) fn date_opt(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn conversion_error(idx: usize, msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, msg.into())
}

/// A stored time, read leniently: a value that does not parse (written by an older build or
/// by hand) is reported through [`damage`] and read as the nearest time rapport can show, so
/// one bad row never makes a list, Today, search or the TUI unreadable.
pub(super) fn get_time(row: &Row<'_>, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(idx)?;
    Ok(read_time(row, idx, &text))
}

pub(super) fn get_time_opt(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let text: Option<String> = row.get(idx)?;
    Ok(text.map(|t| read_time(row, idx, &t)))
}

fn read_time(row: &Row<'_>, idx: usize, text: &str) -> DateTime<Utc> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        let at = at.with_timezone(&Utc);
        if crate::model::when::in_range(at) {
            return at;
        }
    }
    // Years past 9999 are written "+10000-..."; anything far ahead reads as the latest time.
    let shown = if text.trim_start().starts_with('+') {
        crate::model::when::beyond_latest() - chrono::Duration::seconds(1)
    } else {
        crate::model::when::EARLIEST
    };
    damage::report(column_name(row, idx), text, &ts(shown));
    shown
}

fn column_name(row: &Row<'_>, idx: usize) -> String {
    row.as_ref()
        .column_name(idx)
        .map(str::to_string)
        .unwrap_or_else(|_| format!("column {idx}"))
}

pub(super) fn get_date_opt(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(idx)?;
    Ok(
        text.map(|t| match NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
            Ok(d) => d,
            Err(_) => {
                let shown = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
                damage::report(column_name(row, idx), &t, "1970-01-01");
                shown
            }
        }),
    )
}

pub(super) fn get_enum<T: FromStr<Err = Error>>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    text.parse()
        .map_err(|e: Error| conversion_error(idx, e.to_string()))
}

pub(super) fn get_enum_opt<T: FromStr<Err = Error>>(
    row: &Row<'_>,
    idx: usize,
) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        t.parse()
            .map_err(|e: Error| conversion_error(idx, e.to_string()))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn a_bad_stored_time_is_reported_and_read_as_the_nearest_showable_time() {
        let conn = Connection::open_in_memory().unwrap();
        let read = |v: &str| {
            conn.query_row("SELECT ?1 AS detected_at", [v], |r| get_time(r, 0))
                .unwrap()
        };
        let before = damage::take().len();
        assert_eq!(ts(read("2026-11-18T02:30:00Z")), "2026-11-18T02:30:00Z");
        assert_eq!(
            damage::take().len(),
            0,
            "a good value is no damage ({before})"
        );
        assert_eq!(ts(read("+10000-01-01T17:00:00Z")), "2199-12-31T23:59:59Z");
        assert_eq!(ts(read("yesterday-ish")), "1970-01-01T00:00:00Z");
        let found = damage::take();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("detected_at"), "{}", found[0]);
        assert!(found[0].contains("+10000-01-01T17:00:00Z"), "{}", found[0]);
    }

    #[test]
    fn times_are_stored_as_sortable_utc_text() {
        let at = DateTime::parse_from_rfc3339("2026-11-18T10:30:00+08:00").unwrap();
        assert_eq!(ts(at.with_timezone(&Utc)), "2026-11-18T02:30:00Z");
    }
}
