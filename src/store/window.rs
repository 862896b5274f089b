//! Windows of a list: a page of rows starting at a key (keyset paging on the index that
//! matches the display order), so the cost of a page does not grow with the table. Text
//! filters go through the FTS5 trigram indexes, newest first, and stop at the window.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params_from_iter};

use crate::error::Result;

/// A window of rows: which slice of a sorted list to fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub offset: usize,
    pub limit: usize,
}

impl Window {
    pub const ALL: Window = Window {
        offset: 0,
        limit: usize::MAX >> 1,
    };

    pub fn new(offset: usize, limit: usize) -> Self {
        Window { offset, limit }
    }
}

/// The sort key of one row in its list: the values of the list's key columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Key(pub Vec<Value>);

/// Where a window starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    First,
    /// The last rows of the list.
    Last,
    /// From this key on, the key's row included.
    From(Key),
    /// Just after this key.
    After(Key),
    /// Just before this key (the rows come back in display order).
    Before(Key),
    /// Skip this many rows: only for jumps and scripts, it costs the rows skipped.
    Offset(usize),
    /// A text filter's matches best first (bm25), from this position. Ranking reads every
    /// match, so it is only asked for below [`RANK_LIMIT`] matches; without a trigram
    /// filter it is the same as `Offset`.
    Ranked(usize),
}

/// Match sets smaller than this are ranked by relevance: bm25 costs about 2 µs a match
/// here (100,000 log matches: 160 ms), so ranking stays under 2 ms. Larger sets, as while
/// the first letters are typed, are shown newest first and stop at the window.
pub const RANK_LIMIT: usize = 1000;

/// How one list is read: what to select, from where, in which order.
pub struct Spec {
    /// The select list.
    pub select: &'static str,
    /// The main table with its alias, e.g. `issues i`.
    pub main: &'static str,
    pub alias: &'static str,
    /// Joins for the select list.
    pub joins: &'static str,
    /// The FTS5 table of the main table (same rowids).
    pub fts: &'static str,
    /// The text searched when a filter is too short for the trigram index.
    pub text: &'static str,
    /// Key columns in display order.
    pub key: &'static [&'static str],
    /// The relevance of a match, lower is better (bm25 with the columns' weights).
    pub rank: &'static str,
    /// True when the display order is the key descending.
    pub desc: bool,
}

/// Filters too short for trigrams scan only this many of the newest rows of a table: a
/// bounded cost, and the records a PM looks for while typing two characters.
pub const SHORT_FILTER_SCAN: i64 = 10_000;

/// The newest-rows bound of a short filter over `spec`'s main table.
fn recent_bound(spec: &Spec) -> String {
    let table = spec.main.split_whitespace().next().unwrap_or(spec.main);
    format!(
        "{}.id > (SELECT coalesce(max(id), 0) - {SHORT_FILTER_SCAN} FROM {table})",
        spec.alias
    )
}

/// `%text%` with LIKE's wildcards escaped (LIKE ignores ASCII case, as the trigrams do).
fn like_pattern(s: &str) -> String {
    let escaped = s
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// How a text filter is answered.
#[derive(Debug, Clone, PartialEq)]
pub enum TextFilter {
    /// FTS5 MATCH expression (every word of 3+ characters must occur).
    Match(String),
    /// Too short for trigrams: a case-insensitive substring, scanned newest first within
    /// the newest [`SHORT_FILTER_SCAN`] rows.
    Substring(String),
}

impl TextFilter {
    /// For a table without a full-text index: the typed text as a case-insensitive
    /// substring over the newest rows; nothing when it is blank.
    pub fn substring(text: Option<&str>) -> Option<TextFilter> {
        let t = text?.trim();
        (!t.is_empty()).then(|| TextFilter::Substring(t.to_lowercase()))
    }

    pub fn new(text: &str) -> Option<TextFilter> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        let words: Vec<&str> = t
            .split_whitespace()
            .filter(|w| w.chars().count() >= 3)
            .collect();
        if words.is_empty() {
            return Some(TextFilter::Substring(t.to_lowercase()));
        }
        Some(TextFilter::Match(
            words
                .iter()
                .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(" AND "),
        ))
    }
}

/// The filter with its columns kept off the list indexes (`+col`): text filters walk newest
/// first, and the planner would otherwise read every row of the list before sorting.
fn unindexed(spec: &Spec, filter: &str) -> String {
    let a = spec.alias;
    filter.replace(&format!("{a}."), &format!("+{a}."))
}

/// A window query: its SQL, parameters, and whether the rows come back reversed.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub sql: String,
    pub params: Vec<Value>,
    pub backwards: bool,
}

/// Runs a window query built by [`build`], its rows in display order.
pub fn run<T>(
    conn: &Connection,
    q: &Query,
    row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(&q.sql)?;
    let mut rows: Vec<T> = stmt
        .query_map(params_from_iter(&q.params), row)?
        .collect::<rusqlite::Result<_>>()?;
    if q.backwards {
        rows.reverse();
    }
    Ok(rows)
}

/// Builds the window query of one list: `filter` is a condition over the main table's
/// alias with `?` placeholders for `params`; `text` narrows further through the FTS index.
pub fn build(
    spec: &Spec,
    filter: &str,
    params: Vec<Value>,
    text: Option<&TextFilter>,
    page: &Page,
    limit: usize,
) -> Query {
    let a = spec.alias;
    let mut params = params;
    let page = match (page, text) {
        (Page::Ranked(n), Some(TextFilter::Match(m))) => {
            return ranked(spec, filter, params, m, *n, limit);
        }
        (Page::Ranked(n), _) => &Page::Offset(*n),
        _ => page,
    };
    let mut cond = match text {
        None => filter.to_string(),
        Some(_) => unindexed(spec, filter),
    };
    let (from, key, desc): (String, Vec<String>, bool) = match text {
        None => (
            format!("{} {}", spec.main, spec.joins),
            spec.key.iter().map(|k| k.to_string()).collect(),
            spec.desc,
        ),
        Some(TextFilter::Match(m)) => {
            cond.push_str(&format!(" AND {} MATCH ?", spec.fts));
            params.push(Value::Text(m.clone()));
            (
                format!(
                    "{fts} JOIN {} ON {a}.id = {fts}.rowid {}",
                    spec.main,
                    spec.joins,
                    fts = spec.fts
                ),
                vec![format!("{}.rowid", spec.fts)],
                true,
            )
        }
        Some(TextFilter::Substring(s)) => {
            cond.push_str(&format!(
                " AND {} AND {} LIKE ? ESCAPE '\\'",
                recent_bound(spec),
                spec.text
            ));
            params.push(Value::Text(like_pattern(s)));
            (
                format!("{} {}", spec.main, spec.joins),
                vec![format!("{a}.id")],
                true,
            )
        }
    };
    let cols = key.join(", ");
    let marks = |n: usize| vec!["?"; n].join(", ");
    // Reading backwards (Last, Before) flips the order; the rows are put back afterwards.
    let (range, backwards) = match page {
        Page::First | Page::Offset(_) | Page::Ranked(_) => (String::new(), false),
        Page::Last => (String::new(), true),
        Page::From(k) | Page::After(k) | Page::Before(k) => {
            let op = match (page, desc) {
                (Page::From(_), false) => ">=",
                (Page::From(_), true) => "<=",
                (Page::After(_), false) | (Page::Before(_), true) => ">",
                _ => "<",
            };
            params.extend(k.0.iter().cloned());
            let lhs = if key.len() == 1 {
                cols.clone()
            } else {
                format!("({cols})")
            };
            let rhs = if key.len() == 1 {
                "?".to_string()
            } else {
                format!("({})", marks(key.len()))
            };
            (
                format!(" AND {lhs} {op} {rhs}"),
                matches!(page, Page::Before(_)),
            )
        }
    };
    let dir = if desc != backwards { "DESC" } else { "ASC" };
    let order = key
        .iter()
        .map(|k| format!("{k} {dir}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut sql = format!(
        "SELECT {} FROM {from} WHERE {cond}{range} ORDER BY {order} LIMIT ?",
        spec.select
    );
    params.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
    if let Page::Offset(n) = page {
        sql.push_str(" OFFSET ?");
        params.push(Value::Integer(i64::try_from(*n).unwrap_or(i64::MAX)));
    }
    Query {
        sql,
        params,
        backwards,
    }
}

/// The matches of `m` best first, `limit` of them from position `offset`.
fn ranked(
    spec: &Spec,
    filter: &str,
    mut params: Vec<Value>,
    m: &str,
    offset: usize,
    limit: usize,
) -> Query {
    let fts = spec.fts;
    let sql = format!(
        "SELECT {} FROM {fts} JOIN {} ON {}.id = {fts}.rowid {} WHERE {} AND {fts} MATCH ?
         ORDER BY {}, {fts}.rowid DESC LIMIT ? OFFSET ?",
        spec.select,
        spec.main,
        spec.alias,
        spec.joins,
        unindexed(spec, filter),
        spec.rank
    );
    params.push(Value::Text(m.to_string()));
    params.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
    params.push(Value::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
    Query {
        sql,
        params,
        backwards: false,
    }
}

/// How many rows the list has; with a text filter, counting stops at `cap`.
pub fn count(
    conn: &Connection,
    spec: &Spec,
    filter: &str,
    params: Vec<Value>,
    text: Option<&TextFilter>,
    cap: usize,
) -> Result<usize> {
    if text.is_none()
        && params.is_empty()
        && let Some(n) = live_count(conn, spec, filter)?
    {
        return Ok(n);
    }
    let mut params = params;
    let sql = match text {
        None => format!("SELECT count(*) FROM {} WHERE {filter}", spec.main),
        Some(t) => {
            let filter = &unindexed(spec, filter);
            let (from, cond) = match t {
                TextFilter::Match(m) => {
                    params.push(Value::Text(m.clone()));
                    (
                        format!(
                            "{fts} JOIN {} ON {}.id = {fts}.rowid",
                            spec.main,
                            spec.alias,
                            fts = spec.fts
                        ),
                        format!("{filter} AND {} MATCH ?", spec.fts),
                    )
                }
                TextFilter::Substring(s) => {
                    params.push(Value::Text(like_pattern(s)));
                    (
                        format!("{} {}", spec.main, spec.joins),
                        format!(
                            "{filter} AND {} AND {} LIKE ? ESCAPE '\\'",
                            recent_bound(spec),
                            spec.text
                        ),
                    )
                }
            };
            params.push(Value::Integer(i64::try_from(cap).unwrap_or(i64::MAX)));
            format!("SELECT count(*) FROM (SELECT 1 FROM {from} WHERE {cond} LIMIT ?)")
        }
    };
    let n: i64 = conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(params), |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The live rows of a whole list, kept by triggers (`live_counts`): counting a million
/// rows again after each change would cost more than the change.
fn live_count(conn: &Connection, spec: &Spec, filter: &str) -> Result<Option<usize>> {
    if filter != format!("{}.archived_at IS NULL", spec.alias) {
        return Ok(None);
    }
    let table = spec.main.split_whitespace().next().unwrap_or(spec.main);
    let n: Option<i64> = conn
        .prepare_cached("SELECT n FROM live_counts WHERE tbl = ?1")?
        .query_row([table], |r| r.get(0))
        .optional()?;
    Ok(n.map(|n| usize::try_from(n).unwrap_or(0)))
}

/// How many rows come before `key` in the list: the position of a record, for jumps.
///
/// A count walks the index one entry at a time (about 0.1 µs each: 118 ms for an entry near
/// the end of a million-row Log). When the list is a whole table whose size is kept
/// (`live_counts`), a record within [`NEAR_AN_END`] rows of the end is placed by counting
/// the rows after it and taking them from the size; elsewhere the rows before it are
/// counted, as always.
pub fn position(
    conn: &Connection,
    spec: &Spec,
    filter: &str,
    params: Vec<Value>,
    key: &Key,
) -> Result<usize> {
    let (before, after) = if spec.desc { (">", "<") } else { ("<", ">") };
    // The rows whose whole key compares `op` to the record's, at most `cap`.
    let whole = |op: &str, cap: Option<usize>| -> Result<usize> {
        let cols = spec.key.join(", ");
        let marks = vec!["?"; spec.key.len()].join(", ");
        let mut all = params.clone();
        all.extend(key.0.iter().cloned());
        let rows = format!(
            "SELECT 1 FROM {} WHERE {filter} AND ({cols}) {op} ({marks})",
            spec.main
        );
        capped_count(conn, rows, all, cap)
    };
    // Over a whole table, `(a, b, c) < (x, y, z)` is counted as `a < x`, then
    // `a = x AND b < y`, then `a = x AND b = y AND c < z`: each a range of the table's list
    // index, walked twice as fast as the row-value comparison checked on every entry.
    let split = |op: &str, cap: Option<usize>| -> Result<usize> {
        let mut n = 0usize;
        for i in 0..spec.key.len() {
            let mut cond = vec![filter.to_string()];
            let mut all = params.clone();
            for (j, col) in spec.key.iter().enumerate().take(i + 1) {
                cond.push(format!("{col} {} ?", if j < i { "=" } else { op }));
                all.push(key.0[j].clone());
            }
            let rows = format!("SELECT 1 FROM {} WHERE {}", spec.main, cond.join(" AND "));
            n += capped_count(conn, rows, all, cap.map(|cap| cap - n))?;
            if cap.is_some_and(|cap| n >= cap) {
                break;
            }
        }
        Ok(n)
    };
    let Some(total) = live_count(conn, spec, filter)? else {
        return whole(before, None);
    };
    let n = split(before, Some(NEAR_AN_END))?;
    if n < NEAR_AN_END {
        return Ok(n);
    }
    let after_it = split(after, Some(NEAR_AN_END))?;
    if after_it < NEAR_AN_END {
        // The record itself, when it is listed, is not before it either.
        return Ok(total.saturating_sub(after_it + whole("=", Some(1))?));
    }
    split(before, None)
}

/// How many of `rows` (a SELECT) there are, counting at most `cap`.
fn capped_count(
    conn: &Connection,
    rows: String,
    mut params: Vec<Value>,
    cap: Option<usize>,
) -> Result<usize> {
    let sql = match cap {
        Some(cap) => {
            params.push(Value::Integer(i64::try_from(cap).unwrap_or(i64::MAX)));
            format!("SELECT count(*) FROM ({rows} LIMIT ?)")
        }
        None => format!("SELECT count(*) FROM ({rows})"),
    };
    let n: i64 = conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(params), |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// How far from an end of a list a record is placed by counting from that end (two capped
/// counts this long cost about 0.4 ms); three in unit tests, so their short lists go through
/// every path.
pub const NEAR_AN_END: usize = if cfg!(test) { 3 } else { 2000 };

#[cfg(test)]
mod tests {
    use super::*;

    /// Every live entry's position, counted from the front, from the back or whole, is its
    /// place in the list as read, with or without the table's kept size (a project filter),
    /// whichever order the entries were written in.
    #[test]
    fn a_record_s_position_is_its_place_in_the_list_from_either_end() {
        for oldest_first in [true, false] {
            positions_match_the_list(oldest_first);
        }
    }

    fn positions_match_the_list(oldest_first: bool) {
        use crate::model::{Channel, Direction, LogKind, NewLogEntry, NewProject, ProjectStatus};
        use crate::store::{Listing, LogQuery, Store, log, projects};
        use chrono::{TimeZone, Utc};
        let now = Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        // Hours before now of eleven entries, two of them at the same time (the id breaks
        // the tie), in the order they are written.
        let mut hours: Vec<i64> = (0..11i64).map(|i| i.min(9)).collect();
        if oldest_first {
            hours.reverse();
        }
        let ids = store
            .write(|tx| {
                let project = projects::insert_project(
                    tx,
                    &NewProject {
                        name: "Portal".into(),
                        client: "Northwind".into(),
                        status: ProjectStatus::Active,
                        cadence: None,
                        channel: Channel::Email,
                    },
                    now,
                )?;
                let mut ids = Vec::new();
                for (i, h) in hours.iter().enumerate() {
                    ids.push(log::insert_entry(
                        tx,
                        &NewLogEntry {
                            project_id: project,
                            at: now - chrono::Duration::hours(*h),
                            direction: Direction::In,
                            channel: Channel::Email,
                            kind: LogKind::Note,
                            summary: format!("entry {i}"),
                            sentiment: 0,
                            issue_id: None,
                            expectation_id: None,
                            update_id: None,
                        },
                        now,
                    )?);
                }
                Ok(ids)
            })
            .unwrap();
        // Two archived: one near each end of the list.
        let everything: Vec<i64> = LogQuery::default()
            .list(store.conn(), Window::new(0, 20))
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(everything.len(), ids.len());
        let (early, late) = (everything[2], everything[8]);
        store
            .write(|tx| {
                log::set_archived(tx, early, Some(now))?;
                log::set_archived(tx, late, Some(now))
            })
            .unwrap();
        for query in [
            LogQuery::default(),
            LogQuery {
                project_id: Some(1),
                ..Default::default()
            },
        ] {
            let listed: Vec<i64> = query
                .list(store.conn(), Window::new(0, 20))
                .unwrap()
                .iter()
                .map(|e| e.id)
                .collect();
            assert_eq!(listed.len(), 9);
            for (at, id) in listed.iter().enumerate() {
                assert_eq!(query.position(store.conn(), *id).unwrap(), at, "{id}");
            }
            // An archived entry is not listed: it stands where it would be.
            assert_eq!(query.position(store.conn(), early).unwrap(), 2);
            assert_eq!(query.position(store.conn(), late).unwrap(), 7);
        }
    }

    #[test]
    fn text_filters_use_trigrams_from_three_characters() {
        assert_eq!(TextFilter::new("  "), None);
        assert_eq!(
            TextFilter::new("白屏"),
            Some(TextFilter::Substring("白屏".into()))
        );
        assert_eq!(
            TextFilter::new("Login"),
            Some(TextFilter::Match("\"Login\"".into()))
        );
        assert_eq!(
            TextFilter::new("sso login \"x"),
            Some(TextFilter::Match("\"sso\" AND \"login\"".into()))
        );
        assert_eq!(
            TextFilter::new("a\"b\"c"),
            Some(TextFilter::Match("\"a\"\"b\"\"c\"".into()))
        );
    }
}
