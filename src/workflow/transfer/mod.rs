//! Moving a whole file out and back in: the rapport export format (one JSON value per line,
//! see docs/moving-data.md), and the imports from spreadsheets and taskwarrior.
//!
//! Imports load in one transaction with the history paused (as `store::bulk` does for the
//! demo): a change set of every imported row would double the file and the time, and could
//! not be undone usefully anyway (undoing an import of 100,000 rows is restoring a backup).
//! The search index is rebuilt once at the end and the planner's statistics refreshed.

pub mod csv;
pub mod taskwarrior;

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use serde::Serialize;
use serde_json::Value as Json;

use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::store::{self, Store, transfer};

/// The name in the header line, and the version of the format this build writes and reads.
pub const FORMAT: &str = "rapport";
pub const FORMAT_VERSION: i64 = 1;

/// What an export wrote or an import read (or would read, on a dry run).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub rows: u64,
    /// Rows per table.
    pub tables: BTreeMap<String, u64>,
    /// Whether the rows kept their ids (an import into an empty file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ids_kept: Option<bool>,
    pub dry_run: bool,
}

/// Writes every record of the file: a header line, one line per row (parents before the rows
/// that refer to them, each table in id order), an end line with the count. Rows are written
/// as they are read, in one read transaction (a consistent picture while others write).
pub fn export_json(store: &Store, out: &mut impl Write) -> Result<Summary> {
    let conn = store.conn();
    let tx = conn.unchecked_transaction()?;
    let tables = transfer::tables(&tx)?;
    let header = serde_json::json!({
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": store::schema_version(),
        "file_uid": transfer::file_uid(&tx)?,
    });
    let io = |e| Error::io(tr("cannot write the export"), e);
    writeln!(out, "{header}").map_err(io)?;
    let mut summary = Summary::default();
    for t in &tables {
        let n = transfer::write_rows(&tx, t, out)?;
        summary.rows += n;
        summary.tables.insert(t.name.clone(), n);
    }
    writeln!(
        out,
        "{}",
        serde_json::json!({ "end": { "rows": summary.rows } })
    )
    .map_err(io)?;
    out.flush().map_err(io)?;
    tx.finish()?;
    Ok(summary)
}

/// Reads an export into the file in one transaction: into an empty file every row keeps its
/// id (and the file its calendar name); into a file with records each row gets a new id and
/// its links follow, clients and projects of the same name are matched. A bad line stops the
/// import, names the line and the field, and nothing is written.
pub fn import_json(store: &mut Store, input: impl BufRead, dry_run: bool) -> Result<Summary> {
    let load = |tx: &rusqlite::Transaction<'_>| -> Result<Summary> {
        store::bulk::grow_cache(tx)?;
        let tables = transfer::tables(tx)?;
        let keep_ids = transfer::is_empty(tx, &tables)?;
        let aside = transfer::set_search_aside(tx)?;
        let mut loader = transfer::Loader::new(tx, tables, keep_ids);
        loader.defer("updates", "rule_key");
        let mut summary = store::history::paused(tx, || {
            let s = read_lines(tx, input, &mut loader, keep_ids)?;
            rekey_rules(tx, &loader)?;
            Ok(s)
        })?;
        aside.restore(tx)?;
        summary.tables = std::mem::take(&mut loader.counts);
        summary.ids_kept = Some(keep_ids);
        summary.dry_run = dry_run;
        Ok(summary)
    };
    let summary = if dry_run {
        store.rehearse(load)?
    } else {
        let s = store.write_as("import", load)?;
        store.analyze()?;
        s
    };
    Ok(summary)
}

fn read_lines(
    tx: &rusqlite::Connection,
    mut input: impl BufRead,
    loader: &mut transfer::Loader<'_>,
    keep_ids: bool,
) -> Result<Summary> {
    let mut buf = String::new();
    let mut line_no = 0u64;
    let mut header_seen = false;
    let mut rows = 0u64;
    let mut ended = false;
    loop {
        buf.clear();
        let n = input
            .read_line(&mut buf)
            .map_err(|e| Error::io(format!("cannot read line {}", line_no + 1), e))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let text = buf.trim();
        if text.is_empty() {
            continue;
        }
        let bad =
            |why: String| Error::Conflict(format!("line {line_no}: {why}; nothing was imported"));
        if ended {
            return Err(bad("a line after the end line".into()));
        }
        let value: Json = serde_json::from_str(text).map_err(|e| bad(format!("not JSON ({e})")))?;
        if !header_seen {
            check_header(&value).map_err(&bad)?;
            if keep_ids && let Some(Json::String(uid)) = value.get("file_uid") {
                transfer::set_file_uid(tx, uid)?;
            }
            header_seen = true;
            continue;
        }
        if let Some(end) = value.get("end") {
            let said = end.get("rows").and_then(Json::as_u64);
            if said != Some(rows) {
                return Err(bad(format!(
                    "end.rows: the end line counts {} rows, the file holds {rows}",
                    said.map(|n| n.to_string()).unwrap_or_else(|| "no".into())
                )));
            }
            ended = true;
            continue;
        }
        let Some(Json::String(table)) = value.get("table") else {
            return Err(bad(
                "table: missing (each line is {\"table\": NAME, \"row\": {...}})".into(),
            ));
        };
        let Some(Json::Object(row)) = value.get("row") else {
            return Err(bad(format!("{table}.row: missing or not an object")));
        };
        loader.insert(line_no, table, row)?;
        rows += 1;
    }
    if !header_seen {
        return Err(Error::Conflict(
            "the file is empty: an export starts with a header line {\"format\": \"rapport\", ...}; nothing was imported".into(),
        ));
    }
    if !ended {
        return Err(Error::Conflict(format!(
            "the file ends at line {line_no} without its end line (cut short?); nothing was imported"
        )));
    }
    Ok(Summary {
        rows,
        ..Summary::default()
    })
}

/// The header names the format and the versions; a newer one is refused in one line.
fn check_header(value: &Json) -> std::result::Result<(), String> {
    if value.get("format").and_then(Json::as_str) != Some(FORMAT) {
        return Err(
            "format: not a rapport export (the first line is {\"format\": \"rapport\", ...})"
                .into(),
        );
    }
    let version = value.get("format_version").and_then(Json::as_i64);
    match version {
        Some(v) if (1..=FORMAT_VERSION).contains(&v) => {}
        Some(v) if v > FORMAT_VERSION => {
            return Err(format!(
                "format_version: {v} is newer than this rapport reads ({FORMAT_VERSION}); upgrade rapport"
            ));
        }
        _ => return Err("format_version: missing or not a version number".into()),
    }
    let schema = value.get("schema_version").and_then(Json::as_i64);
    match schema {
        Some(s) if s > store::schema_version() => Err(format!(
            "schema_version: {s} is newer than this rapport's ({}); upgrade rapport",
            store::schema_version()
        )),
        Some(s) if s >= 1 => Ok(()),
        _ => Err("schema_version: missing or not a version number".into()),
    }
}

/// The project of that name (any case), or a new one with a client of the same name and
/// its first status report queued, as `project add` does. `known` caches the answers of one
/// import. Returns the id and whether it was created.
pub(crate) fn ensure_project(
    tx: &rusqlite::Connection,
    now: chrono::DateTime<chrono::Utc>,
    policy: &super::Policy,
    cadence: Option<crate::model::Cadence>,
    name: &str,
    known: &mut std::collections::HashMap<String, i64>,
) -> Result<(i64, bool)> {
    use crate::model::{self, Channel, NewProject, ProjectStatus};
    let name = model::required_line("project", name)?;
    let key = name.to_lowercase();
    if let Some(id) = known.get(&key) {
        return Ok((*id, false));
    }
    let (id, created) = match transfer::project_id_by_name(tx, &name)? {
        Some(id) => (id, false),
        None => {
            let new = NewProject {
                name: name.clone(),
                client: name.clone(),
                status: ProjectStatus::Active,
                cadence,
                channel: Channel::Email,
            };
            let id = store::projects::insert_project(tx, &new, now)?;
            let project = store::projects::get_project(tx, id)?;
            super::rules::ensure_status_report(tx, now, policy, &project, &mut Vec::new())?;
            (id, true)
        }
    };
    known.insert(key, id);
    Ok((id, created))
}

/// The rule keys of merged updates name the record the rule served ("notice:12" is issue
/// 12's notice): written back with that record's new id, so the rules know the update is
/// there and draft no second one. A key of a form this build does not know stays empty.
/// (Sets aside nothing into an empty file: ids are kept there.)
fn rekey_rules(tx: &rusqlite::Connection, loader: &transfer::Loader<'_>) -> Result<()> {
    for (table, column, row, key) in &loader.deferred {
        let Some(rekeyed) = rekey(key, loader) else {
            continue;
        };
        // The file holds that rule's update already (a project matched by name): the
        // imported one stays, without the key.
        transfer::set_text_if_free(tx, table, column, *row, &rekeyed)?;
    }
    Ok(())
}

/// A rule key with the id it names replaced by that record's new id; `None` for a form this
/// build does not know or a record not imported.
fn rekey(key: &str, loader: &transfer::Loader<'_>) -> Option<String> {
    // (prefix, table of the id that follows it): the longest prefixes first.
    const FORMS: &[(&str, &str)] = &[
        ("review-request:milestone:", "milestones"),
        ("review-request:closing:", "projects"),
        ("review-request:", "projects"),
        ("notice:", "issues"),
        ("resolution:", "issues"),
        ("progress:", "issues"),
        ("status:", "projects"),
        ("reply:", "log_entries"),
        ("review:", "reviews"),
    ];
    let (prefix, of) = FORMS.iter().find(|(p, _)| key.starts_with(p))?;
    let rest = &key[prefix.len()..];
    let (id, tail) = match rest.find(':') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let new = loader.new_id(of, id.parse().ok()?)?;
    Some(format!("{prefix}{new}{tail}"))
}
