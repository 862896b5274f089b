//! Every record of the file, table by table, read from and written to the schema itself:
//! the data tables come from `sqlite_master`, their columns from `PRAGMA table_xinfo`, their
//! links from `PRAGMA foreign_key_list`. A table or a column a later migration adds is
//! exported and imported without a change here.
//!
//! Left out: SQLite's own tables, the full-text indexes (rebuilt from the rows), the history of
//! changes (`changes`, `change_sets`, `history_pause`: a journal of this file's edits whose row
//! ids mean nothing in another file), `file_identity` (carried in the export's header) and
//! `live_counts` (totals its triggers keep as rows come in).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value as Json};

use crate::error::{Error, Result};
use crate::i18n::tr;

/// One stored column (generated columns are derived, so neither exported nor imported).
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    /// The declared type, upper case: INTEGER, TEXT, REAL, BLOB or "" (any).
    pub decl: String,
}

/// A column that holds the id of a row of another table.
#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub column: String,
    pub table: String,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub foreign_keys: Vec<ForeignKey>,
    /// The INTEGER PRIMARY KEY (the row id) that other rows refer to; mapped to a new id
    /// when rows are added to a file that holds records already.
    pub key: Option<String>,
    order_by: String,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// Tables that are not records: the history journal, the file's identity, derived totals.
const NOT_RECORDS: &[&str] = &[
    "changes",
    "change_sets",
    "history_pause",
    "file_identity",
    "live_counts",
];

/// The data tables, parents before the rows that refer to them (ties by name).
pub fn tables(conn: &Connection) -> Result<Vec<Table>> {
    let all: Vec<(String, String)> = conn
        .prepare("SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let virtual_tables: Vec<&str> = all
        .iter()
        .filter(|(_, sql)| sql.starts_with("CREATE VIRTUAL"))
        .map(|(n, _)| n.as_str())
        .collect();
    let mut found = BTreeMap::new();
    for (name, sql) in &all {
        let shadow = virtual_tables
            .iter()
            .any(|v| name.starts_with(&format!("{v}_")));
        if name.starts_with("sqlite_")
            || sql.starts_with("CREATE VIRTUAL")
            || shadow
            || NOT_RECORDS.contains(&name.as_str())
        {
            continue;
        }
        found.insert(name.clone(), describe(conn, name)?);
    }
    // Parents first: repeatedly take the tables whose parents are all placed.
    let mut ordered: Vec<Table> = Vec::with_capacity(found.len());
    while !found.is_empty() {
        let ready: Vec<String> = found
            .values()
            .filter(|t| {
                t.foreign_keys
                    .iter()
                    .all(|f| f.table == t.name || !found.contains_key(&f.table))
            })
            .map(|t| t.name.clone())
            .collect();
        // A cycle (none today) falls back to name order; the links are then checked row by row.
        let take = if ready.is_empty() {
            found.keys().take(1).cloned().collect()
        } else {
            ready
        };
        for name in take {
            if let Some(t) = found.remove(&name) {
                ordered.push(t);
            }
        }
    }
    Ok(ordered)
}

fn describe(conn: &Connection, table: &str) -> Result<Table> {
    let mut columns = Vec::new();
    let mut pk: Vec<(i64, String, String)> = Vec::new();
    let mut stmt = conn.prepare(&format!("PRAGMA table_xinfo(\"{table}\")"))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(5)?,
            r.get::<_, i64>(6)?,
        ))
    })?;
    for row in rows {
        let (name, decl, pk_index, hidden) = row?;
        if hidden != 0 {
            continue;
        }
        let decl = decl.to_ascii_uppercase();
        if pk_index > 0 {
            pk.push((pk_index, name.clone(), decl.clone()));
        }
        columns.push(Column { name, decl });
    }
    pk.sort();
    let without_rowid: bool = conn.query_row(
        "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = ?1",
        [table],
        |r| r.get(0),
    )?;
    let key = match pk.as_slice() {
        [(_, name, decl)] if decl == "INTEGER" && !without_rowid => Some(name.clone()),
        _ => None,
    };
    let order_by = match (&key, pk.is_empty()) {
        (Some(k), _) => format!("\"{k}\""),
        (None, false) => pk
            .iter()
            .map(|(_, n, _)| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", "),
        (None, true) => "rowid".into(),
    };
    let foreign_keys = conn
        .prepare(&format!("PRAGMA foreign_key_list(\"{table}\")"))?
        .query_map([], |r| {
            Ok(ForeignKey {
                table: r.get(2)?,
                column: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Table {
        name: table.to_string(),
        columns,
        foreign_keys,
        key,
        order_by,
    })
}

/// Whether no data table holds a row.
pub fn is_empty(conn: &Connection, tables: &[Table]) -> Result<bool> {
    for t in tables {
        let any: Option<i64> = conn
            .query_row(&format!("SELECT 1 FROM \"{}\" LIMIT 1", t.name), [], |r| {
                r.get(0)
            })
            .optional()?;
        if any.is_some() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// How many rows the tables hold in all (the length of an export, for a progress bar).
pub fn count_rows(conn: &Connection, tables: &[Table]) -> Result<u64> {
    let mut n = 0u64;
    for t in tables {
        let c: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{}\"", t.name), [], |r| {
            r.get(0)
        })?;
        n += c.max(0) as u64;
    }
    Ok(n)
}

/// This file's name in calendars (see `file_identity`).
pub fn file_uid(conn: &Connection) -> Result<String> {
    Ok(
        conn.query_row("SELECT uid FROM file_identity WHERE id = 1", [], |r| {
            r.get(0)
        })?,
    )
}

pub fn set_file_uid(conn: &Connection, uid: &str) -> Result<()> {
    conn.execute("UPDATE file_identity SET uid = ?1 WHERE id = 1", [uid])?;
    Ok(())
}

/// Writes every row of `table` as one line `{"table":NAME,"row":{COLUMN:VALUE,...}}`, in
/// key order, as the rows are read; `each` is told how many so far. Returns how many.
pub fn write_rows(
    conn: &Connection,
    table: &Table,
    out: &mut impl Write,
    each: &mut dyn FnMut(u64),
) -> Result<u64> {
    let cols: Vec<String> = table
        .columns
        .iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect();
    let sql = format!(
        "SELECT {} FROM \"{}\" ORDER BY {}",
        cols.join(", "),
        table.name,
        table.order_by
    );
    // The fixed parts of each line, escaped once.
    let prefix = format!(
        "{{\"table\":{},\"row\":{{",
        serde_json::to_string(&table.name).map_err(json_error)?
    );
    let keys: Vec<String> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let name = serde_json::to_string(&c.name).unwrap_or_default();
            if i == 0 {
                format!("{name}:")
            } else {
                format!(",{name}:")
            }
        })
        .collect();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    let io = |e| Error::io(tr("cannot write the export"), e);
    while let Some(row) = rows.next()? {
        out.write_all(prefix.as_bytes()).map_err(io)?;
        for (i, key) in keys.iter().enumerate() {
            out.write_all(key.as_bytes()).map_err(io)?;
            write_value(out, row.get_ref(i)?)?;
        }
        out.write_all(b"}}\n").map_err(io)?;
        n += 1;
        each(n);
    }
    Ok(n)
}

fn write_value(out: &mut impl Write, value: ValueRef<'_>) -> Result<()> {
    let io = |e| Error::io(tr("cannot write the export"), e);
    match value {
        ValueRef::Null => out.write_all(b"null").map_err(io),
        ValueRef::Integer(i) => write!(out, "{i}").map_err(io),
        ValueRef::Real(f) => {
            serde_json::to_writer(&mut *out, &serde_json::Number::from_f64(f)).map_err(json_error)
        }
        ValueRef::Text(t) => {
            let text = String::from_utf8_lossy(t);
            serde_json::to_writer(&mut *out, text.as_ref()).map_err(json_error)
        }
        ValueRef::Blob(b) => {
            let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
            serde_json::to_writer(&mut *out, &serde_json::json!({ "hex": hex })).map_err(json_error)
        }
    }
}

fn json_error(e: serde_json::Error) -> Error {
    Error::io(tr("cannot write the export"), std::io::Error::other(e))
}

/// Adds rows to the tables of an open transaction, checking each value against its column
/// and, into a file that holds records already, giving each row a new id and following its
/// links to the new ids.
pub struct Loader<'c> {
    conn: &'c Connection,
    tables: HashMap<String, Table>,
    keep_ids: bool,
    /// Old id → new id, per table (only when ids are not kept).
    ids: HashMap<String, HashMap<i64, i64>>,
    pub counts: BTreeMap<String, u64>,
    /// Columns whose values hold ids in their text (`updates.rule_key`, "notice:12"): into a
    /// file with records they are left empty and collected here, (table, column, new row id,
    /// value), for the caller to write back with the new ids.
    defer: Vec<(String, String)>,
    pub deferred: Vec<(String, String, i64, String)>,
}

impl<'c> Loader<'c> {
    pub fn new(conn: &'c Connection, tables: Vec<Table>, keep_ids: bool) -> Loader<'c> {
        Loader {
            conn,
            tables: tables.into_iter().map(|t| (t.name.clone(), t)).collect(),
            keep_ids,
            ids: HashMap::new(),
            counts: BTreeMap::new(),
            defer: Vec::new(),
            deferred: Vec::new(),
        }
    }

    /// Sets `table.column` aside when ids are mapped (see `deferred`).
    pub fn defer(&mut self, table: &str, column: &str) {
        self.defer.push((table.to_string(), column.to_string()));
    }

    /// The id a row of `table` got (the same id when ids are kept).
    pub fn new_id(&self, table: &str, old: i64) -> Option<i64> {
        if self.keep_ids {
            return Some(old);
        }
        self.ids.get(table)?.get(&old).copied()
    }

    /// Adds one row read from line `line`; an error names the line and the field.
    pub fn insert(&mut self, line: u64, table: &str, row: &Map<String, Json>) -> Result<()> {
        let bad = |field: &str, why: String| {
            Error::Conflict(format!(
                "line {line}: {table}.{field}: {why}; nothing was imported"
            ))
        };
        let Some(t) = self.tables.get(table) else {
            let mut known: Vec<&str> = self.tables.keys().map(String::as_str).collect();
            known.sort();
            return Err(Error::Conflict(format!(
                "line {line}: no table '{table}' in this file (known: {}); nothing was imported",
                known.join(", ")
            )));
        };
        let mut names = Vec::with_capacity(row.len());
        let mut values = Vec::with_capacity(row.len());
        let mut old_id = None;
        let mut set_aside = None;
        for (field, json) in row {
            let Some(col) = t.column(field) else {
                return Err(bad(field, "no such field".into()));
            };
            let mut value = sql_value(col, json).map_err(|why| bad(field, why))?;
            if let Some(check) = time_shape(field)
                && let Value::Text(text) = &value
                && !check(text)
            {
                return Err(bad(
                    field,
                    format!(
                        "'{text}' is not a time such as 2026-11-30T14:00:00Z (dates: 2026-11-30)"
                    ),
                ));
            }
            if !self.keep_ids {
                if let (Value::Text(text), true) = (
                    &value,
                    self.defer.iter().any(|(dt, dc)| dt == table && dc == field),
                ) {
                    set_aside = Some((field.clone(), text.clone()));
                    continue;
                }
                if t.key.as_deref() == Some(field.as_str()) {
                    if let Value::Integer(i) = value {
                        old_id = Some(i);
                    }
                    continue;
                }
                // A link to a table whose rows get new ids follows them.
                if let Some(fk) = t.foreign_keys.iter().find(|f| &f.column == field)
                    && let Value::Integer(old) = value
                    && self.tables.get(&fk.table).is_some_and(|p| p.key.is_some())
                {
                    let Some(new) = self.ids.get(&fk.table).and_then(|m| m.get(&old)) else {
                        return Err(bad(
                            field,
                            format!("refers to {} {old}, which no earlier line holds", fk.table),
                        ));
                    };
                    value = Value::Integer(*new);
                }
            }
            names.push(format!("\"{field}\""));
            values.push(value);
        }
        let sql = format!(
            "INSERT INTO \"{table}\" ({}) VALUES ({})",
            names.join(", "),
            vec!["?"; names.len()].join(", ")
        );
        let done = self
            .conn
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values.iter()));
        let new_id = match done {
            Ok(_) => self.conn.last_insert_rowid(),
            Err(e) => match self.matched_by_name(t, &e, row)? {
                Some(existing) => existing,
                None => return Err(self.explain(line, t, row, e)),
            },
        };
        if let Some((field, text)) = set_aside {
            self.deferred.push((table.to_string(), field, new_id, text));
        }
        if let (Some(old), Some(_)) = (old_id, &t.key) {
            self.ids
                .entry(table.to_string())
                .or_default()
                .insert(old, new_id);
        } else if !self.keep_ids && t.key.is_some() && old_id.is_none() {
            return Err(bad(
                t.key.as_deref().unwrap_or("id"),
                "missing (other rows refer to it)".into(),
            ));
        }
        *self.counts.entry(table.to_string()).or_default() += 1;
        Ok(())
    }

    /// Into a file with records, a client or project whose name is taken is the same one:
    /// its rows join the existing record.
    fn matched_by_name(
        &self,
        t: &Table,
        e: &rusqlite::Error,
        row: &Map<String, Json>,
    ) -> Result<Option<i64>> {
        let (Some(key), false) = (&t.key, self.keep_ids) else {
            return Ok(None);
        };
        if e.to_string() != format!("UNIQUE constraint failed: {}.name", t.name) {
            return Ok(None);
        }
        let Some(Json::String(name)) = row.get("name") else {
            return Ok(None);
        };
        Ok(self
            .conn
            .query_row(
                &format!("SELECT \"{key}\" FROM \"{}\" WHERE name = ?1", t.name),
                [name],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// A refused row in the user's words: the line, the field when SQLite's message names
    /// one (or the link that points nowhere).
    fn explain(&self, line: u64, t: &Table, row: &Map<String, Json>, e: rusqlite::Error) -> Error {
        let text = e.to_string();
        if text.contains("FOREIGN KEY") {
            for fk in &t.foreign_keys {
                let Some(Json::Number(n)) = row.get(&fk.column) else {
                    continue;
                };
                let Some(id) = n.as_i64() else { continue };
                let exists = self
                    .conn
                    .query_row(
                        &format!("SELECT 1 FROM \"{}\" WHERE rowid = ?1", fk.table),
                        [id],
                        |_| Ok(()),
                    )
                    .optional()
                    .ok()
                    .flatten()
                    .is_some();
                if !exists {
                    return Error::Conflict(format!(
                        "line {line}: {}.{}: refers to {} {id}, which no earlier line holds; nothing was imported",
                        t.name, fk.column, fk.table
                    ));
                }
            }
        }
        Error::Conflict(format!(
            "line {line}: {}: {text}; nothing was imported",
            t.name
        ))
    }
}

/// The SQL value of a JSON value for a column, or why it does not fit.
fn sql_value(col: &Column, json: &Json) -> std::result::Result<Value, String> {
    let found = |what: &str| format!("{what} found where {} is expected", expected(&col.decl));
    Ok(match (json, col.decl.as_str()) {
        (Json::Null, _) => Value::Null,
        (Json::Number(n), "INTEGER" | "") if n.is_i64() => Value::Integer(n.as_i64().unwrap_or(0)),
        (Json::Number(n), "REAL" | "") => Value::Real(n.as_f64().unwrap_or(0.0)),
        (Json::String(s), "TEXT" | "") => Value::Text(s.clone()),
        (Json::Object(o), "BLOB" | "") if o.len() == 1 && o.contains_key("hex") => {
            let Some(Json::String(h)) = o.get("hex") else {
                return Err(found("an object"));
            };
            let bytes: Option<Vec<u8>> = (0..h.len())
                .step_by(2)
                .map(|i| h.get(i..i + 2).and_then(|p| u8::from_str_radix(p, 16).ok()))
                .collect();
            Value::Blob(bytes.ok_or_else(|| "the hex text does not decode".to_string())?)
        }
        (Json::Number(_), _) => return Err(found("a number")),
        (Json::String(s), _) => return Err(found(&format!("the text {s:?}"))),
        (Json::Bool(_), _) => return Err(found("true/false")),
        (Json::Array(_), _) => return Err(found("a list")),
        (Json::Object(_), _) => return Err(found("an object")),
    })
}

fn expected(decl: &str) -> &'static str {
    match decl {
        "INTEGER" => "a whole number (or null)",
        "TEXT" => "text (or null)",
        "REAL" => "a number (or null)",
        "BLOB" => "{\"hex\": ...} (or null)",
        _ => "a value",
    }
}

/// Times are stored as `YYYY-MM-DDTHH:MM:SSZ` (columns named `at` or `*_at`), dates as
/// `YYYY-MM-DD` (`*_on`): a value of another shape would sort and compare wrongly.
fn time_shape(field: &str) -> Option<fn(&str) -> bool> {
    if field == "at" || field.ends_with("_at") {
        Some(|t| {
            let b = t.as_bytes();
            // `YYYY-MM-DDTHH:MM:SSZ`, read by hand: chrono's format parser took a tenth of
            // an import.
            b.len() == 20
                && date_shape(&b[..10])
                && b[10] == b'T'
                && b[19] == b'Z'
                && b[13] == b':'
                && b[16] == b':'
                && number(&b[11..13]).is_some_and(|h| h < 24)
                && number(&b[14..16]).is_some_and(|m| m < 60)
                && number(&b[17..19]).is_some_and(|s| s < 60)
        })
    } else if field.ends_with("_on") {
        Some(|t| date_shape(t.as_bytes()))
    } else {
        None
    }
}

/// `YYYY-MM-DD`, a day that exists.
fn date_shape(b: &[u8]) -> bool {
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && match (number(&b[..4]), number(&b[5..7]), number(&b[8..10])) {
            (Some(y), Some(m), Some(d)) => {
                chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_some()
            }
            _ => false,
        }
}

/// The number written by ASCII digits alone.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// What a bulk load sets aside: the per-row triggers that feed the full-text indexes, the
/// live-row counts (counted once at the end) and the history (the load runs with the history paused anyway, so they would only test the
/// pause on every row), and, into an empty file, the secondary indexes (one sorted build
/// after the rows costs a fraction of keeping each B-tree current row by row). UNIQUE
/// indexes stay: they refuse a duplicate on its own line.
pub fn set_aside_for_load(conn: &Connection, indexes: bool) -> Result<SetAside> {
    set_aside_for_load_into(conn, indexes.then_some(&[][..]))
}

/// [`set_aside_for_load`], the secondary indexes set aside only on `tables` (all record
/// tables when empty; none with `None`): a load that runs queries naming an index of another
/// table (`INDEXED BY`) keeps those.
pub fn set_aside_for_load_into(conn: &Connection, indexes: Option<&[&str]>) -> Result<SetAside> {
    let triggers: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
               AND (name LIKE '%\\_fts\\_insert' ESCAPE '\\' OR name LIKE 'history\\_%' ESCAPE '\\'
                    OR name LIKE 'live\\_count\\_%' ESCAPE '\\')
             ORDER BY name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let fts: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut dropped = Vec::new();
    if let Some(only) = indexes {
        let all: Vec<(String, String, String)> = conn
            .prepare(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'
                   AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (name, table, sql) in all {
            if !NOT_RECORDS.contains(&table.as_str())
                && (only.is_empty() || only.contains(&table.as_str()))
            {
                dropped.push((name, sql));
            }
        }
    }
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    for (name, _) in &dropped {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    Ok(SetAside {
        triggers,
        fts,
        indexes: dropped,
    })
}

pub struct SetAside {
    triggers: Vec<(String, String)>,
    fts: Vec<String>,
    indexes: Vec<(String, String)>,
}

impl SetAside {
    /// Builds the indexes set aside, rebuilds each full-text index once from its table and
    /// puts the triggers back as they were; `step` is told which (for a progress bar).
    pub fn restore(self, conn: &Connection, step: &mut dyn FnMut(&str, u64, u64)) -> Result<()> {
        let total = (self.indexes.len() + self.fts.len()) as u64;
        let mut done = 0;
        for (_, sql) in &self.indexes {
            step("indexes", done, total);
            conn.execute_batch(sql)?;
            done += 1;
        }
        for fts in &self.fts {
            step("search index", done, total);
            conn.execute_batch(&format!(
                "INSERT INTO \"{fts}\"(\"{fts}\") VALUES ('rebuild')"
            ))?;
            done += 1;
        }
        step("search index", done, total);
        for (_, sql) in &self.triggers {
            conn.execute_batch(sql)?;
        }
        // The live rows of each counted table, counted once (their triggers were aside:
        // kept row by row, each insert updated the count through a temporary table).
        let counted: Vec<String> = conn
            .prepare("SELECT tbl FROM live_counts")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for table in counted {
            conn.execute(
                &format!(
                    "UPDATE live_counts SET n = (SELECT count(*) FROM \"{table}\" WHERE archived_at IS NULL)
                     WHERE tbl = ?1"
                ),
                [&table],
            )?;
        }
        Ok(())
    }
}

/// The id of the project of that name (any case, archived ones too: names are unique).
pub fn project_id_by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM projects WHERE name = ?1",
            [name.trim()],
            |r| r.get(0),
        )
        .optional()?)
}

/// The issue an earlier import from `source` made for its record `key`.
pub fn keyed_issue(conn: &Connection, source: &str, key: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT issue_id FROM import_keys WHERE source = ?1 AND key = ?2")?
        .query_row([source, key], |r| r.get(0))
        .optional()?)
}

pub fn set_issue_key(conn: &Connection, source: &str, key: &str, issue_id: i64) -> Result<()> {
    conn.prepare_cached("INSERT INTO import_keys (source, key, issue_id) VALUES (?1, ?2, ?3)")?
        .execute(rusqlite::params![source, key, issue_id])?;
    Ok(())
}

/// When an imported issue was resolved or closed (the other tool's end time).
pub fn set_resolved_at(conn: &Connection, issue_id: i64, at: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE issues SET resolved_at = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![issue_id, at])?;
    Ok(())
}

/// Whether the issue already holds this progress note (a re-import adds only new ones).
pub fn has_note(conn: &Connection, issue_id: i64, at: &str, text: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM issue_notes WHERE issue_id = ?1 AND at = ?2 AND text = ?3")?
        .query_row(rusqlite::params![issue_id, at, text], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Adds a progress note in bulk (a prepared statement kept for the next row).
pub fn add_note(conn: &Connection, issue_id: i64, at: &str, text: &str, now: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO issue_notes (issue_id, at, text, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(rusqlite::params![issue_id, at, text, now])?;
    Ok(())
}

/// The columns and the query of a table as a spreadsheet shows it (names, not ids).
fn view(table: &str) -> Option<(&'static [&'static str], &'static str)> {
    Some(match table {
        "issues" => (
            &[
                "id",
                "project",
                "title",
                "severity",
                "status",
                "detected",
                "owner",
                "description",
                "cause",
                "impact",
                "our_fault",
                "client_notified",
                "next_update",
                "resolved",
                "resolution",
                "archived",
            ],
            "SELECT i.id, p.name, i.title, i.severity, i.status, i.detected_at, i.owner,
                    i.description, i.cause, i.impact,
                    CASE i.our_fault WHEN 1 THEN 'yes' ELSE 'no' END, i.client_notified_at,
                    i.next_update_due, i.resolved_at, i.resolution, i.archived_at
             FROM issues i JOIN projects p ON p.id = i.project_id ORDER BY i.id",
        ),
        "updates" => (
            &[
                "id", "project", "issue", "kind", "channel", "contact", "subject", "body", "due",
                "state", "sent", "archived",
            ],
            "SELECT u.id, p.name, u.issue_id, u.kind, u.channel, c.name, u.subject, u.body,
                    u.due_at, u.state, u.sent_at, u.archived_at
             FROM updates u JOIN projects p ON p.id = u.project_id
             LEFT JOIN contacts c ON c.id = u.contact_id ORDER BY u.id",
        ),
        "expectations" => (
            &[
                "id",
                "project",
                "category",
                "statement",
                "measure",
                "status",
                "agreed_on",
                "agreed_with",
                "due_on",
                "archived",
            ],
            "SELECT e.id, p.name, e.category, e.statement, e.measure, e.status, e.agreed_on,
                    e.agreed_with, e.due_on, e.archived_at
             FROM expectations e JOIN projects p ON p.id = e.project_id ORDER BY e.id",
        ),
        "log" => (
            &[
                "id",
                "project",
                "at",
                "direction",
                "channel",
                "kind",
                "summary",
                "sentiment",
                "issue",
                "handled",
                "archived",
            ],
            "SELECT l.id, p.name, l.at, l.direction, l.channel, l.kind, l.summary, l.sentiment,
                    l.issue_id, l.handled_at, l.archived_at
             FROM log_entries l JOIN projects p ON p.id = l.project_id ORDER BY l.id",
        ),
        "contacts" => (
            &[
                "id", "client", "name", "role", "email", "phone", "channel", "archived",
            ],
            "SELECT c.id, k.name, c.name, c.role, c.email, c.phone, c.channel, c.archived_at
             FROM contacts c JOIN clients k ON k.id = c.client_id ORDER BY c.id",
        ),
        _ => return None,
    })
}

/// The header of a table's spreadsheet view.
pub fn view_columns(table: &str) -> Option<&'static [&'static str]> {
    view(table).map(|(columns, _)| columns)
}

/// Calls `each` with the cells of every row of a table's spreadsheet view, as read (NULL is
/// an empty cell). Returns how many rows.
pub fn read_view(
    conn: &Connection,
    table: &str,
    mut each: impl FnMut(&[String]) -> Result<()>,
) -> Result<u64> {
    let Some((columns, sql)) = view(table) else {
        return Ok(0);
    };
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut cells: Vec<String> = Vec::with_capacity(columns.len());
    let mut n = 0;
    while let Some(row) = rows.next()? {
        cells.clear();
        for i in 0..columns.len() {
            cells.push(match row.get_ref(i)? {
                ValueRef::Null | ValueRef::Blob(_) => String::new(),
                ValueRef::Integer(v) => v.to_string(),
                ValueRef::Real(v) => v.to_string(),
                ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
            });
        }
        each(&cells)?;
        n += 1;
    }
    Ok(n)
}

/// Writes a text column of one row unless another row holds the value already (a UNIQUE
/// key such as `updates.rule_key`). Returns whether it was written.
pub fn set_text_if_free(
    conn: &Connection,
    table: &str,
    column: &str,
    rowid: i64,
    value: &str,
) -> Result<bool> {
    let n = conn.execute(
        &format!(
            "UPDATE \"{table}\" SET \"{column}\" = ?1 WHERE rowid = ?2
               AND NOT EXISTS (SELECT 1 FROM \"{table}\" WHERE \"{column}\" = ?1)"
        ),
        rusqlite::params![value, rowid],
    )?;
    Ok(n > 0)
}

#[cfg(test)]
mod tests {
    use super::time_shape;

    #[test]
    fn times_and_dates_are_read_in_their_stored_shape_only() {
        let time = time_shape("created_at").expect("a time field");
        let date = time_shape("due_on").expect("a date field");
        assert!(time_shape("title").is_none());
        for good in [
            "2026-11-30T14:00:00Z",
            "2024-02-29T23:59:59Z",
            "2026-01-01T00:00:00Z",
        ] {
            assert!(time(good), "{good}");
        }
        for bad in [
            "2026-02-30T14:00:00Z",
            "2026-11-30T24:00:00Z",
            "2026-11-30T14:60:00Z",
            "2026-11-30 14:00:00Z",
            "2026-11-30T14:00:00",
            "2026-11-30T14:00:00+00:00",
            "2026-11-3aT14:00:00Z",
            "+026-11-30T14:00:00Z",
        ] {
            assert!(!time(bad), "{bad}");
        }
        assert!(date("2026-11-30"));
        for bad in [
            "2026-13-01",
            "2026-1-01",
            "2026-11-30T",
            "2025-02-29",
            "30-11-2026",
        ] {
            assert!(!date(bad), "{bad}");
        }
    }
}
