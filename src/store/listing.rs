//! The lists a PM pages through (issue log, update queue, expectation register, log), all
//! read the same way: a query type says which rows and how they map; [`Listing`] gives it
//! the windowed reads, counts, keys and jumps once for every table.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};

use super::Window;
use super::window::{self, Key, Page, Query, RANK_LIMIT, Spec, TextFilter};
use crate::error::{Error, Result};

/// A table's list query. Implementors say what the list is; the provided methods read it.
pub trait Listing {
    /// What one row of the list is.
    type Row;
    /// How the list is read: select list, tables, FTS index, key columns.
    const SPEC: Spec;
    /// The record's name in messages ("issue").
    const RECORD: &'static str;

    /// The conditions of the query (text aside) over the spec's alias, with parameters.
    fn filter(&self) -> (String, Vec<Value>);
    /// The text the list is filtered by, if any.
    fn text(&self) -> Option<&str>;
    fn row(r: &Row<'_>) -> rusqlite::Result<Self::Row>;
    /// The row's values of the spec's key columns (the unfiltered display order).
    fn sort_key(row: &Self::Row) -> Key;
    fn id(row: &Self::Row) -> i64;
    /// Fills what the row query leaves out (an issue's options), for a whole window at once.
    fn complete(_conn: &Connection, _rows: &mut [Self::Row]) -> Result<()> {
        Ok(())
    }

    fn text_filter(&self) -> Option<TextFilter> {
        self.text().and_then(TextFilter::new)
    }

    /// True when the list's matches can be ranked by relevance ([`Page::Ranked`]): the text
    /// filter goes through the FTS index.
    fn rankable(&self) -> bool {
        matches!(self.text_filter(), Some(TextFilter::Match(_)))
    }

    /// The window query (tests check its plan).
    fn window_query(&self, page: &Page, limit: usize) -> Query {
        let (cond, params) = self.filter();
        window::build(
            &Self::SPEC,
            &cond,
            params,
            self.text_filter().as_ref(),
            page,
            limit,
        )
    }

    /// One window of the list from `page`: the cost is the window, not the table.
    fn window(&self, conn: &Connection, page: &Page, limit: usize) -> Result<Vec<Self::Row>> {
        let mut rows = window::run(conn, &self.window_query(page, limit), Self::row)?;
        Self::complete(conn, &mut rows)?;
        Ok(rows)
    }

    /// The list in display order, `w.limit` rows from position `w.offset`.
    fn list(&self, conn: &Connection, w: Window) -> Result<Vec<Self::Row>> {
        let page = if w.offset == 0 {
            Page::First
        } else {
            Page::Offset(w.offset)
        };
        self.window(conn, &page, w.limit)
    }

    /// The key of `row` in this list (text-filtered lists are newest first, by id).
    fn key(&self, row: &Self::Row) -> Key {
        if self.text_filter().is_some() {
            Key(vec![Value::Integer(Self::id(row))])
        } else {
            Self::sort_key(row)
        }
    }

    /// The first `limit` matches of a search: best first when fewer than [`RANK_LIMIT`]
    /// match (ranking them is cheap), otherwise newest first (stopping at `limit`).
    fn search(&self, conn: &Connection, limit: usize) -> Result<Vec<Self::Row>> {
        let page = if self.rankable() && self.count_capped(conn, RANK_LIMIT)? < RANK_LIMIT {
            Page::Ranked(0)
        } else {
            Page::First
        };
        self.window(conn, &page, limit)
    }

    fn count(&self, conn: &Connection) -> Result<usize> {
        self.count_capped(conn, usize::MAX)
    }

    /// The number of rows in the list; with a text filter, counting stops at `cap`.
    fn count_capped(&self, conn: &Connection, cap: usize) -> Result<usize> {
        let (cond, params) = self.filter();
        window::count(
            conn,
            &Self::SPEC,
            &cond,
            params,
            self.text_filter().as_ref(),
            cap,
        )
    }

    /// The values of record `id`'s key columns (the unfiltered order), archived or not.
    fn record_key(&self, conn: &Connection, id: i64) -> Result<Key> {
        let spec = &Self::SPEC;
        let sql = format!(
            "SELECT {} FROM {} WHERE {}.id = ?1",
            spec.key.join(", "),
            spec.main,
            spec.alias
        );
        let n = spec.key.len();
        let key = conn
            .prepare_cached(&sql)?
            .query_row([id], |r| {
                (0..n)
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .optional()?
            .ok_or_else(|| Error::not_found(Self::RECORD, id))?;
        Ok(Key(key))
    }

    /// Where record `id` stands in this list without its text filter, to jump to it: a
    /// count over the index up to the record.
    fn position(&self, conn: &Connection, id: i64) -> Result<usize> {
        self.position_of(conn, &self.record_key(conn, id)?)
    }

    /// How many rows of this list (text filter aside) come before the row with `key`.
    fn position_of(&self, conn: &Connection, key: &Key) -> Result<usize> {
        let (cond, params) = self.filter();
        window::position(conn, &Self::SPEC, &cond, params, key)
    }
}

/// The conditions of a list over one table alias, with their parameters, built up one
/// clause at a time: every list starts from the records not archived.
pub struct Conditions {
    alias: &'static str,
    cond: Vec<String>,
    params: Vec<Value>,
}

impl Conditions {
    /// The unarchived rows of the table under `alias`.
    pub fn live(alias: &'static str) -> Conditions {
        Conditions {
            alias,
            cond: vec![format!("{alias}.archived_at IS NULL")],
            params: Vec::new(),
        }
    }

    /// `column = value` when there is a value.
    pub fn equal(mut self, column: &str, value: Option<impl Into<Value>>) -> Self {
        if let Some(v) = value {
            self.cond.push(format!("{}.{column} = ?", self.alias));
            self.params.push(v.into());
        }
        self
    }

    /// A condition without parameters (over the alias), when `yes`.
    pub fn when(mut self, yes: bool, condition: &str) -> Self {
        if yes {
            self.cond.push(format!("{}.{condition}", self.alias));
        }
        self
    }

    pub fn done(self) -> (String, Vec<Value>) {
        (self.cond.join(" AND "), self.params)
    }
}
