//! The history of every record: each insert and each change of a row, with its values before
//! and after, grouped by the transaction that made it (a "change set": when, and from which
//! front end). SQL triggers write the rows, so nothing that changes the file (the CLI, the
//! TUI, the rules, even `sqlite3` by hand) escapes it; `Store::write` stamps each set with the
//! time and source. Undo reverts the newest set that is not undone yet, from any session.
//!
//! The triggers are generated from the tables' columns when the file is opened, so a later
//! migration that adds a column or a table is covered without touching this file.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::{Map, Value as Json};

use super::ts;
use crate::error::{Error, Result};
use crate::i18n::tr;

/// Tables whose rows have no history of their own: SQLite's, the search index's, the history
/// itself, and the expectation revisions (already a history, never changed).
fn recorded(table: &str) -> bool {
    !(table.starts_with("sqlite_")
        || table.contains("_fts")
        || matches!(
            table,
            "changes"
                | "change_sets"
                | "history_pause"
                | "expectation_revisions"
                // Derived from the draft each time it is rendered, not a change anyone made.
                | "update_promises"
        ))
}

/// The columns a table stores (generated columns are derived, so not recorded).
fn stored_columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_xinfo({table})"))?;
    let cols = stmt
        .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(6)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols
        .into_iter()
        .filter(|(_, hidden)| *hidden == 0)
        .map(|(name, _)| name)
        .collect())
}

fn json_of(prefix: &str, cols: &[String]) -> String {
    let pairs: Vec<String> = cols
        .iter()
        .map(|c| format!("'{c}', {prefix}.\"{c}\""))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// The two triggers a table needs, as SQL. They are kept short: every connection parses
/// them on its first statement, readers included (the portfolio opens fifty files at once).
/// So an insert records only which row it made, and a change only the values before it:
/// the values after a change are the next change's values before, or the row as it is now
/// (see [`after_of`]).
fn trigger_sql(table: &str, cols: &[String]) -> [(String, String); 2] {
    // An issue's own parts (options, notes, waits) carry the issue for its history.
    let issue = if table.starts_with("issue_") && cols.iter().any(|c| c == "issue_id") {
        "NEW.issue_id"
    } else {
        "NULL"
    };
    // A meeting's parts (attendees, actions) say their meeting from the start, so the
    // meeting's history finds them even once they are gone.
    let after = if table.starts_with("meeting_") && cols.iter().any(|c| c == "meeting_id") {
        "json_object('meeting_id', NEW.meeting_id)"
    } else {
        "NULL"
    };
    let row = |prefix: &str| {
        cols.iter()
            .map(|c| format!("{prefix}.\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let insert = format!("history_{table}_insert");
    let update = format!("history_{table}_update");
    [
        (
            insert.clone(),
            format!(
                "CREATE TRIGGER {insert} AFTER INSERT ON {table} BEGIN \
                 INSERT INTO changes (tbl, row_id, op, after, issue_id) \
                 VALUES ('{table}', NEW.rowid, 'insert', {after}, {issue}); END"
            ),
        ),
        (
            update.clone(),
            format!(
                "CREATE TRIGGER {update} AFTER UPDATE ON {table} \
                 WHEN ({}) IS NOT ({}) BEGIN \
                 INSERT INTO changes (tbl, row_id, op, before, issue_id) \
                 VALUES ('{table}', NEW.rowid, 'update', {}, {issue}); END",
                row("OLD"),
                row("NEW"),
                json_of("OLD", cols),
            ),
        ),
    ]
}

/// The one trigger that pauses the history during a bulk load: a change row is not written
/// while `history_pause` holds a row (one check here rather than one in every trigger).
const PAUSE: &str = "history_paused";
fn pause_sql() -> String {
    format!(
        "CREATE TRIGGER {PAUSE} BEFORE INSERT ON changes \
         WHEN EXISTS (SELECT 1 FROM history_pause) BEGIN SELECT RAISE(IGNORE); END"
    )
}

/// The values of a row right after the change `change` to row `row_id` of `table`: what the
/// change stored (changes recorded before schema 12 kept them), else the values before the
/// row's next change, else the row as it is now; empty when the row is gone.
pub fn after_of(
    conn: &Connection,
    change: i64,
    table: &str,
    row_id: i64,
    stored: Option<String>,
) -> Result<Map<String, Json>> {
    if stored.is_some() {
        return Ok(object(stored));
    }
    let next: Option<Option<String>> = conn
        .prepare_cached(
            "SELECT before FROM changes WHERE tbl = ?1 AND row_id = ?2 AND id > ?3
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![table, row_id, change], |r| r.get(0))
        .optional()?;
    if let Some(Some(before)) = next {
        return Ok(object(Some(before)));
    }
    if !recorded(table) {
        return Ok(Map::new());
    }
    let cols = stored_columns(conn, table)?;
    let now: Option<String> = conn
        .query_row(
            &format!(
                "SELECT {} FROM {table} WHERE rowid = ?1",
                json_of(table, &cols)
            ),
            [row_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(object(now))
}

/// Creates or re-creates the history triggers that are missing or out of date (after a
/// migration changed a table). Costs a read of the schema when nothing is to be done.
pub fn ensure_triggers(conn: &Connection) -> Result<()> {
    // Every table's stored columns in one statement (a statement per table cost a fifth of
    // opening a file to write). Link tables without a rowid (expectation_issues) have no id
    // to tell a row by; generated columns are derived, so not recorded.
    let mut columns: BTreeMap<String, Vec<String>> = BTreeMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT m.name, c.name FROM sqlite_master m, pragma_table_xinfo(m.name) c
             WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%'
               AND m.sql NOT LIKE '%WITHOUT ROWID%' AND c.hidden = 0
             ORDER BY m.name, c.cid",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let table: String = r.get(0)?;
            if recorded(&table) {
                columns.entry(table).or_default().push(r.get(1)?);
            }
        }
    }
    let existing: BTreeMap<String, String> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'history\\_%' ESCAPE '\\'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut wanted = Vec::new();
    for (table, cols) in &columns {
        wanted.extend(trigger_sql(table, cols));
    }
    wanted.push((PAUSE.to_string(), pause_sql()));
    let stale: Vec<&(String, String)> = wanted
        .iter()
        .filter(|(name, sql)| existing.get(name) != Some(sql))
        .collect();
    let orphans: Vec<&String> = existing
        .keys()
        .filter(|name| !wanted.iter().any(|(w, _)| w == *name))
        .collect();
    if stale.is_empty() && orphans.is_empty() {
        return Ok(());
    }
    let tx = conn.unchecked_transaction()?;
    for name in orphans {
        tx.execute_batch(&format!("DROP TRIGGER IF EXISTS {name}"))?;
    }
    for (name, sql) in stale {
        tx.execute_batch(&format!("DROP TRIGGER IF EXISTS {name}; {sql};"))?;
    }
    tx.commit()?;
    Ok(())
}

/// The newest change row, to tell which rows a transaction added.
pub fn last_change_id(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(id), 0) FROM changes", [], |r| r.get(0))?)
}

/// Groups the change rows after `since` into one set made at `at` by `source`; returns its id.
pub fn seal(
    conn: &Connection,
    since: i64,
    at: DateTime<Utc>,
    source: &str,
    undo_of: Option<i64>,
) -> Result<Option<i64>> {
    if last_change_id(conn)? <= since {
        return Ok(None);
    }
    conn.prepare_cached("INSERT INTO change_sets (at, source, undo_of) VALUES (?1, ?2, ?3)")?
        .execute(params![ts(at), source, undo_of])?;
    let set = conn.last_insert_rowid();
    conn.prepare_cached("UPDATE changes SET set_id = ?1 WHERE id > ?2 AND set_id IS NULL")?
        .execute(params![set, since])?;
    Ok(Some(set))
}

/// Runs a bulk load with history paused (generated data has no history worth keeping).
pub fn paused<T>(tx: &Connection, load: impl FnOnce() -> Result<T>) -> Result<T> {
    tx.execute(
        "INSERT INTO history_pause (id) VALUES (1) ON CONFLICT DO NOTHING",
        [],
    )?;
    let out = load();
    tx.execute("DELETE FROM history_pause", [])?;
    out
}

/// One field's change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Json,
    pub after: Json,
}

/// One entry of a record's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    pub change_set: Option<i64>,
    pub at: Option<DateTime<Utc>>,
    /// "cli", "tui", "undo", or "sql" for a change made outside rapport.
    pub source: String,
    /// "created", "edited", "archived", "restored", or "undone" (put back by an undo).
    pub action: String,
    /// For a part of the record kept in its own table (an issue's option, note or wait):
    /// which one, e.g. "option 2".
    pub part: Option<String>,
    pub fields: Vec<FieldChange>,
}

fn parse_at(text: Option<String>) -> Option<DateTime<Utc>> {
    text.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc))
}

fn object(text: Option<String>) -> Map<String, Json> {
    text.and_then(|t| serde_json::from_str::<Json>(&t).ok())
        .and_then(|v| match v {
            Json::Object(m) => Some(m),
            _ => None,
        })
        .unwrap_or_default()
}

fn diff(before: &Map<String, Json>, after: &Map<String, Json>) -> Vec<FieldChange> {
    after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .filter(|(k, _)| k.as_str() != "updated_at")
        .map(|(k, v)| FieldChange {
            field: k.clone(),
            before: before.get(k).cloned().unwrap_or(Json::Null),
            after: v.clone(),
        })
        .collect()
}

/// A stored value as a person reads it, on one line: text without quotes, nothing as "(none)".
pub fn shown(v: &Json) -> String {
    match v {
        Json::Null => "(none)".into(),
        Json::String(s) if s.is_empty() => "(empty)".into(),
        Json::String(s) => crate::model::text::preview(s, 60),
        other => other.to_string(),
    }
}

/// Every change to one row of `table`, oldest first.
pub fn of_record(conn: &Connection, table: &str, id: i64) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.set_id, coalesce(s.at, c.at), coalesce(s.source, 'sql'), c.op, c.before, c.after,
                s.undo_of IS NOT NULL, c.tbl, c.row_id
         FROM changes c LEFT JOIN change_sets s ON s.id = c.set_id
         WHERE c.id IN (
             SELECT id FROM changes WHERE tbl = ?1 AND row_id = ?2
             UNION ALL
             SELECT id FROM changes WHERE ?1 = 'issues' AND issue_id = ?2
             UNION ALL
             -- A meeting's attendees and actions are parts of it, told by their meeting_id.
             SELECT id FROM changes
             WHERE ?1 = 'meetings' AND tbl IN ('meeting_attendees', 'meeting_actions')
               AND json_extract(coalesce(after, before), '$.meeting_id') = ?2)
         ORDER BY c.id",
    )?;
    let rows = stmt.query_map(params![table, id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<bool>>(7)?.unwrap_or(false),
            r.get::<_, String>(8)?,
            r.get::<_, i64>(9)?,
        ))
    })?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (change, set, at, source, op, before, after, is_undo, tbl, row_id) in rows {
        let (before, after) = if op == "insert" {
            (Map::new(), Map::new())
        } else {
            (object(before), after_of(conn, change, &tbl, row_id, after)?)
        };
        let fields = if op == "insert" {
            Vec::new()
        } else {
            diff(&before, &after)
        };
        // A save that only touched the update time changed nothing a person would see.
        if op == "update" && fields.is_empty() {
            continue;
        }
        let archived = |m: &Map<String, Json>| m.get("archived_at").is_some_and(|v| !v.is_null());
        let action = match op.as_str() {
            "insert" => "created",
            _ if is_undo => "undone",
            _ if !archived(&before) && archived(&after) => "archived",
            _ if archived(&before) && !archived(&after) => "restored",
            _ => "edited",
        };
        out.push(HistoryEntry {
            change_set: set,
            at: parse_at(at),
            source,
            action: action.into(),
            part: (tbl != table).then(|| format!("{} {row_id}", record_name(&tbl))),
            fields,
        });
    }
    Ok(out)
}

/// What an undo did: the set it reverted and a line per record it put back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Undone {
    pub change_set: i64,
    pub at: Option<DateTime<Utc>>,
    pub source: String,
    pub records: Vec<String>,
}

/// Reverts the newest change set that is neither undone nor itself an undo, inside the
/// caller's transaction: changed rows get their old values back, created rows are archived
/// (rows without an archive column are removed; their values stay in the history).
pub fn undo_last(conn: &Connection, now: DateTime<Utc>) -> Result<Option<Undone>> {
    let last = conn
        .query_row(
            // What the rules did by themselves (queue, re-draft) is not a change to take back:
            // they would do it again at once. Newest first through the undoable ones only (a
            // scan of every set would walk back over all the undone ones).
            "SELECT id, at, source FROM change_sets INDEXED BY change_sets_undoable
             WHERE undone_at IS NULL AND undo_of IS NULL AND source <> 'rules'
             ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )
        .optional()?;
    let Some((set, at, source)) = last else {
        return Ok(None);
    };
    // A sent update is the record of what the client received: the change that sent it
    // stays (and so does everything before it).
    let sent: Option<i64> = conn
        .query_row(
            // The state after the change: stored (before schema 12), else the state before
            // the update's next change, else its state now.
            "SELECT c.row_id FROM changes c
             WHERE c.set_id = ?1 AND c.tbl = 'updates' AND c.op = 'update'
               AND json_extract(c.before, '$.state') IS NOT 'sent'
               AND coalesce(
                     json_extract(c.after, '$.state'),
                     (SELECT json_extract(n.before, '$.state') FROM changes n
                      WHERE n.tbl = 'updates' AND n.row_id = c.row_id AND n.id > c.id
                      ORDER BY n.id LIMIT 1),
                     (SELECT u.state FROM updates u WHERE u.id = c.row_id)) = 'sent'
             LIMIT 1",
            [set],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(update) = sent {
        return Err(Error::Conflict(format!(
            "the newest change sent update {update} to the client ({}); what the client received cannot be undone",
            at.as_deref().unwrap_or("at an unknown time")
        )));
    }
    let changes: Vec<(String, i64, String, Option<String>)> = conn
        .prepare("SELECT tbl, row_id, op, before FROM changes WHERE set_id = ?1 ORDER BY id DESC")?
        .query_map([set], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut records = Vec::new();
    for (table, row_id, op, before) in changes {
        if !recorded(&table) {
            continue;
        }
        let cols = stored_columns(conn, &table)?;
        match op.as_str() {
            "insert" if cols.iter().any(|c| c == "archived_at") => {
                conn.execute(
                    &format!(
                        "UPDATE {table} SET archived_at = coalesce(archived_at, ?2) WHERE rowid = ?1"
                    ),
                    params![row_id, ts(now)],
                )?;
            }
            "insert" => {
                conn.execute(&format!("DELETE FROM {table} WHERE rowid = ?1"), [row_id])?;
            }
            _ => {
                let was = if table == "expectations" {
                    Some(super::expectations::get(conn, row_id)?)
                } else {
                    None
                };
                let before = object(before);
                let sets: Vec<String> = cols
                    .iter()
                    .filter(|c| before.contains_key(*c) && c.as_str() != "id")
                    .map(|c| format!("\"{c}\" = ?"))
                    .collect();
                let values: Vec<Value> = cols
                    .iter()
                    .filter(|c| before.contains_key(*c) && c.as_str() != "id")
                    .map(|c| to_sql(&before[c]))
                    .collect();
                if sets.is_empty() {
                    continue;
                }
                let mut stmt = conn.prepare(&format!(
                    "UPDATE {table} SET {} WHERE rowid = ?",
                    sets.join(", ")
                ))?;
                let mut all = values;
                all.push(Value::Integer(row_id));
                stmt.execute(rusqlite::params_from_iter(all))?;
                if let Some(was) = was {
                    // An expectation's own history says that it was put back, and why.
                    let put_back = super::expectations::get(conn, row_id)?;
                    super::expectations::add_revision(
                        conn,
                        row_id,
                        &crate::model::Revision {
                            at: now,
                            status_from: Some(was.status),
                            status_to: put_back.status,
                            statement_from: Some(was.statement),
                            statement_to: put_back.statement,
                            other_changes: String::new(),
                            reason: "undo of the previous change".into(),
                        },
                    )?;
                }
            }
        }
        let name = record_name(&table);
        if name != table {
            let line = format!("{name} {row_id}");
            if !records.contains(&line) {
                records.push(line);
            }
        }
    }
    Ok(Some(Undone {
        change_set: set,
        at: parse_at(at),
        source,
        records,
    }))
}

/// Marks a set undone by the set `by`.
pub fn mark_undone(conn: &Connection, set: i64, at: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE change_sets SET undone_at = ?2 WHERE id = ?1",
        params![set, ts(at)],
    )?;
    Ok(())
}

fn to_sql(v: &Json) -> Value {
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .or_else(|| n.as_f64().map(Value::Real))
            .unwrap_or(Value::Null),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// What a person calls a row of `table` ("issue", "log entry", "option").
pub fn record_name(table: &str) -> &str {
    match table {
        "issues" => "issue",
        "updates" => "update",
        "expectations" => "expectation",
        "log_entries" => "log entry",
        "projects" => "project",
        "contacts" => "contact",
        "clients" => "client",
        "issue_options" => "option",
        "issue_notes" => "note",
        "issue_waits" => "wait",
        "meetings" => "meeting",
        "meeting_actions" => "action",
        "meeting_attendees" => "attendee",
        other => other,
    }
}

/// The table a record kind lives in, as typed on the command line.
pub fn table_of(kind: &str) -> Result<&'static str> {
    Ok(match kind {
        "issue" => "issues",
        "update" => "updates",
        "expect" | "expectation" => "expectations",
        "log" => "log_entries",
        "project" => "projects",
        "contact" => "contacts",
        "client" => "clients",
        "risk" => "risks",
        "milestone" => "milestones",
        "review" => "reviews",
        "plan" => "comm_plan",
        "meeting" => "meetings",
        "action" => "meeting_actions",
        other => {
            return Err(Error::invalid_because(
                "record kind",
                other,
                tr(
                    "issue, update, expect, log, project, contact, client, risk, milestone, review, plan, meeting or action",
                ),
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn fields(e: &HistoryEntry) -> Vec<(String, String, String)> {
        e.fields
            .iter()
            .map(|f| (f.field.clone(), shown(&f.before), shown(&f.after)))
            .collect()
    }

    #[test]
    fn changes_by_hand_are_recorded_and_each_shows_its_values_before_and_after() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        conn.execute_batch(
            "INSERT INTO clients (name, notes, created_at) VALUES ('Acme', '', '2026-11-01T09:00:00Z');
             UPDATE clients SET notes = 'first' WHERE name = 'Acme';
             UPDATE clients SET notes = notes WHERE name = 'Acme';
             UPDATE clients SET notes = 'second', name = 'Acme Ltd' WHERE name = 'Acme';",
        )
        .unwrap();
        let id: i64 = conn
            .query_row("SELECT id FROM clients", [], |r| r.get(0))
            .unwrap();
        let h = of_record(conn, "clients", id).unwrap();
        let actions: Vec<&str> = h.iter().map(|e| e.action.as_str()).collect();
        // The update that changed nothing is not recorded.
        assert_eq!(actions, ["created", "edited", "edited"], "{h:?}");
        assert!(h.iter().all(|e| e.source == "sql"));
        // The first change's values after come from the next change's values before...
        assert_eq!(
            fields(&h[1]),
            [(
                "notes".to_string(),
                "(empty)".to_string(),
                "first".to_string()
            )]
        );
        // ...the last one's from the row as it is now.
        assert_eq!(
            fields(&h[2]),
            [
                (
                    "name".to_string(),
                    "Acme".to_string(),
                    "Acme Ltd".to_string()
                ),
                (
                    "notes".to_string(),
                    "first".to_string(),
                    "second".to_string()
                )
            ]
        );
        // An insert keeps no copy of the row.
        let after: Option<String> = conn
            .query_row("SELECT after FROM changes WHERE op = 'insert'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(after, None);
    }

    #[test]
    fn a_paused_load_records_nothing_and_history_resumes_after_it() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        paused(conn, || {
            conn.execute_batch(
                "INSERT INTO clients (name, created_at) VALUES ('Acme', '2026-11-01T09:00:00Z');
                 UPDATE clients SET notes = 'loaded';",
            )?;
            Ok(())
        })
        .unwrap();
        assert_eq!(last_change_id(conn).unwrap(), 0);
        conn.execute("UPDATE clients SET notes = 'by hand'", [])
            .unwrap();
        assert_eq!(last_change_id(conn).unwrap(), 1);
    }

    #[test]
    fn the_history_triggers_stay_short_for_readers_to_parse() {
        let store = Store::open_in_memory().unwrap();
        let (count, size): (i64, i64) = store
            .conn()
            .query_row(
                "SELECT count(*), sum(length(sql)) FROM sqlite_master
                 WHERE type = 'trigger' AND name LIKE 'history\\_%' ESCAPE '\\'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        // Schema 11's were 33 KB for 44 triggers; every reader parsed them all.
        assert!(count > 40, "{count}");
        assert!(size < 22_000, "{size} bytes of history triggers");
    }
}
