//! The SQLite store: opening with safe pragmas, migrations, and one file per table family.
//! Knows rows and models; knows nothing of the terminal or of the communication rules.

pub mod bulk;
pub mod expectations;
pub mod issues;
pub mod listing;
pub mod log;
pub mod projects;
pub mod reader;
pub mod updates;
pub mod window;

use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, Row, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations, SchemaVersion};

use crate::error::{Error, Result};

pub use expectations::ExpectationQuery;
pub use issues::IssueQuery;
pub use listing::Listing;
pub use log::LogQuery;
pub use updates::UpdateQuery;
pub use window::{Key, Page};

const MIGRATION_SLICE: &[M<'static>] = &[
    M::up(include_str!("schema.sql")),
    M::up(include_str!("schema_2_search.sql")),
];
/// Every schema version this build knows, oldest first.
pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(MIGRATION_SLICE);

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATION_SLICE.len() as i64
}

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

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating it with mode 0600 when missing) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        create_private_file(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Store::setup(conn, Some(path.to_path_buf()))
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, None)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // WAL lets the TUI read while the CLI writes; FULL makes each commit survive a power cut.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let shown = path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ":memory:".into());
        if let SchemaVersion::Outside(found) = MIGRATIONS.current_version(&conn)? {
            return Err(Error::TooNew {
                path: shown,
                found: found.get() as i64,
                known: schema_version(),
            });
        }
        MIGRATIONS.to_latest(&mut conn)?;
        Ok(Store { conn, path })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` in one IMMEDIATE transaction: a second writer waits instead of failing,
    /// and either every row of the change lands or none does.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Read access for queries (a `Transaction` derefs to a `Connection`, so queries
    /// written against `&Connection` serve both reads and writes).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Changes whenever another connection commits; the TUI polls it to refresh.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Row counts of the main tables, for checks and the welcome screen.
    pub fn counts(&self) -> Result<Counts> {
        let n = |table: &str| -> Result<i64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        Ok(Counts {
            clients: n("clients")?,
            projects: n("projects")?,
            contacts: n("contacts")?,
            issues: n("issues")?,
            updates: n("updates")?,
            expectations: n("expectations")?,
            revisions: n("expectation_revisions")?,
            log_entries: n("log_entries")?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub clients: i64,
    pub projects: i64,
    pub contacts: i64,
    pub issues: i64,
    pub updates: i64,
    pub expectations: i64,
    pub revisions: i64,
    pub log_entries: i64,
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> Result<()> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent)
            .map_err(|e| Error::io(format!("cannot create {}", parent.display()), e))?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::io(format!("cannot create {}", path.display()), e)),
    }
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(format!("cannot create {}", parent.display()), e))?;
    }
    Ok(())
}

// ---- row <-> model helpers shared by the table files ----

/// The one spelling of a stored instant: UTC, whole seconds, `Z`.
pub fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn ts_opt(at: Option<DateTime<Utc>>) -> Option<String> {
    at.map(ts)
}

fn date_opt(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn conversion_error(idx: usize, msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, msg.into())
}

fn get_time(row: &Row<'_>, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(idx)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| conversion_error(idx, format!("bad time '{text}': {e}")))
}

fn get_time_opt(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        DateTime::parse_from_rfc3339(&t)
            .map(|d| d.with_timezone(&Utc))
            .map_err(|e| conversion_error(idx, format!("bad time '{t}': {e}")))
    })
    .transpose()
}

fn get_date_opt(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        NaiveDate::parse_from_str(&t, "%Y-%m-%d")
            .map_err(|e| conversion_error(idx, format!("bad date '{t}': {e}")))
    })
    .transpose()
}

fn get_enum<T: FromStr<Err = Error>>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    text.parse()
        .map_err(|e: Error| conversion_error(idx, e.to_string()))
}

fn get_enum_opt<T: FromStr<Err = Error>>(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<T>> {
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

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn times_are_stored_as_sortable_utc_text() {
        let at = DateTime::parse_from_rfc3339("2026-11-18T10:30:00+08:00").unwrap();
        assert_eq!(ts(at.with_timezone(&Utc)), "2026-11-18T02:30:00Z");
    }
}
