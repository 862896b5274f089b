//! The SQLite store: opening with safe pragmas, migrations, and one file per table family.
//! Knows rows and models; knows nothing of the terminal or of the communication rules.

pub mod bulk;
pub mod client_text;
pub mod clients;
pub mod damage;
pub mod dated;
pub mod expectations;
pub mod history;
pub mod issues;
pub mod listing;
pub mod log;
pub mod meetings;
pub mod milestones;
pub mod people;
pub mod plan_lists;
pub mod plans;
pub mod projects;
pub mod reader;
pub mod reviews;
pub mod risks;
mod row;
pub mod stats;
pub mod transfer;
pub mod updates;
pub mod waits;
pub mod window;

use std::path::{Path, PathBuf};

use chrono::Utc;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations, SchemaVersion};

use crate::error::{Error, Result};
use crate::i18n::{tr, trf};

pub use expectations::ExpectationQuery;
pub use issues::IssueQuery;
pub use listing::Listing;
pub use log::LogQuery;
pub use milestones::MilestoneQuery;
pub use plan_lists::{ActionQuery, MeetingQuery, PlanEntryQuery};
pub use reviews::ReviewQuery;
pub use risks::RiskQuery;
pub use row::ts;
use row::{date_opt, get_date_opt, get_enum, get_enum_opt, get_time, get_time_opt, ts_opt};
pub use updates::UpdateQuery;
pub use window::{Key, Page, Window};

const MIGRATION_SLICE: &[M<'static>] = &[
    M::up(include_str!("schema.sql")),
    M::up(include_str!("schema_2_search.sql")),
    M::up(include_str!("schema_3_calendars.sql")),
    M::up(include_str!("schema_4_history.sql")),
    M::up(include_str!("schema_5_client_text.sql")),
    M::up(include_str!("schema_6_detail_index.sql")),
    M::up(include_str!("schema_7_practice.sql")),
    M::up(include_str!("schema_8_comm_plan.sql")),
    M::up(include_str!("schema_9_meetings.sql")),
    M::up(include_str!("schema_10_interactions.sql")),
    M::up(include_str!("schema_11_import_keys.sql")),
    M::up(include_str!("schema_12_short_history.sql")),
    M::up(include_str!("schema_13_rules_and_today.sql")),
    M::up(include_str!("schema_15_project_health.sql")),
];
/// Every schema version this build knows, oldest first.
pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(MIGRATION_SLICE);

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATION_SLICE.len() as i64
}

/// SQLite's process-wide settings, made once before the first connection opens (SQLite
/// takes them only before it starts). Memory statistics off: rapport never reads them, and
/// with them on every allocation of every connection goes through one global mutex, which
/// the portfolio's reading threads (fifty files parsing their schema at once) fight over.
fn configure_sqlite() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: no connection is open yet (every one is opened through `Store`, after this),
        // and SQLite answers SQLITE_MISUSE rather than failing if it has started all the same.
        unsafe {
            rusqlite::ffi::sqlite3_config(
                rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS,
                0 as std::ffi::c_int,
            );
        }
    });
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Which front end writes ("cli", "tui"): stamped on every change set of the history.
    source: &'static str,
    /// The time stamped on change sets (the injected clock, so tests are deterministic).
    clock: crate::clock::Clock,
    /// The copy made before this open migrated the file to a newer schema (to be reported).
    pub backup_before_migration: Option<PathBuf>,
    /// Opened read-only because the file or its folder cannot be written.
    read_only: bool,
}

/// How many prepared statements a connection keeps: more than any one screen or command
/// runs, so a statement is parsed once per connection.
pub const STATEMENT_CACHE: usize = 256;

impl Store {
    /// Opens (creating it with mode 0600 when missing) and migrates the database at `path`.
    /// An existing file in a folder (or itself) that cannot be written is opened read-only:
    /// reads work, a change says why it cannot be made.
    pub fn open(path: &Path) -> Result<Store> {
        configure_sqlite();
        if path.exists() && !writable(path) {
            return Store::open_read_only(path);
        }
        create_private_file(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Store::setup(conn, Some(path.to_path_buf()), false)
    }

    /// Read-only: `mode=ro`, or, when SQLite cannot make the WAL's shared-memory file in a
    /// read-only folder, `immutable=1` (nobody can be writing a file in such a folder).
    fn open_read_only(path: &Path) -> Result<Store> {
        configure_sqlite();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let base = file_uri(path);
        let mut last = None;
        for query in ["mode=ro", "mode=ro&immutable=1"] {
            let attempt =
                Connection::open_with_flags(format!("{base}?{query}"), flags).and_then(|c| {
                    c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                        r.get::<_, i64>(0)
                    })?;
                    Ok(c)
                });
            match attempt {
                Ok(conn) => return Store::setup(conn, Some(path.to_path_buf()), true),
                Err(e) => last = Some(e),
            }
        }
        Err(last.map(Error::from).unwrap_or_else(|| {
            Error::Conflict(trf(
                "cannot open {path} read-only",
                &[("path", &path.display())],
            ))
        }))
    }

    /// Opens an existing file for reading only (the portfolio reads every client's file this
    /// way): never created, never migrated, no rules run; waits at most `wait` for a writer.
    /// A missing file, one that is not a database, an older or newer schema are each an error
    /// naming the file.
    pub fn open_for_reading(path: &Path, wait: std::time::Duration) -> Result<Store> {
        configure_sqlite();
        if !path.is_file() {
            return Err(Error::Conflict(trf(
                "no database at {path}",
                &[("path", &path.display())],
            )));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let base = file_uri(path);
        // `immutable` only where nobody can be writing (a read-only folder): elsewhere it
        // could read half a commit.
        let queries: &[&str] = if writable(path) {
            &["mode=ro"]
        } else {
            &["mode=ro", "mode=ro&immutable=1"]
        };
        let mut last = None;
        for query in queries {
            let attempt =
                Connection::open_with_flags(format!("{base}?{query}"), flags).and_then(|c| {
                    c.busy_timeout(wait)?;
                    c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                        r.get::<_, i64>(0)
                    })?;
                    Ok(c)
                });
            match attempt {
                Ok(conn) => {
                    match MIGRATIONS.current_version(&conn)? {
                        SchemaVersion::NoneSet => {
                            return Err(Error::Conflict(trf(
                                "{path} is empty (no rapport tables yet)",
                                &[("path", &path.display())],
                            )));
                        }
                        SchemaVersion::Inside(v) if (v.get() as i64) < schema_version() => {
                            return Err(Error::Conflict(trf(
                                "database {path} has an older schema (version {version}); open it once with rapport to upgrade it",
                                &[("path", &path.display()), ("version", &v.get())],
                            )));
                        }
                        _ => {}
                    }
                    let store = Store::setup(conn, Some(path.to_path_buf()), true)?;
                    store.set_busy_timeout(wait)?;
                    return Ok(store);
                }
                Err(e) => last = Some(e),
            }
        }
        Err(last.map(Error::from).unwrap_or_else(|| {
            Error::Conflict(trf(
                "cannot open {path} read-only",
                &[("path", &path.display())],
            ))
        }))
    }

    /// Opens `path` only to read, whatever its permissions: no migration, no write, never the
    /// write lock (for `today --summary` in a shell prompt, which must not touch the file).
    pub fn open_reading(path: &Path) -> Result<Store> {
        Store::open_read_only(path)
    }

    /// A private, writable copy of the whole database in memory, read in one consistent
    /// snapshot (SQLite's backup API: a read, so it works while another connection writes).
    /// What a change would do is worked out on it; the file is never touched.
    pub fn copy_in_memory(&self) -> Result<Store> {
        let mut mem = Connection::open_in_memory()?;
        // An in-memory destination takes the source's page size only while empty.
        let page_size: i64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        mem.pragma_update(None, "page_size", page_size)?;
        // All pages in one step: one read transaction, one consistent snapshot.
        rusqlite::backup::Backup::new(&self.conn, &mut mem)?.run_to_completion(
            i32::MAX,
            std::time::Duration::ZERO,
            None,
        )?;
        let mut copy = Store::setup(mem, None, false)?;
        copy.source = self.source;
        copy.clock = self.clock;
        Ok(copy)
    }

    /// Whether changes are refused because the file or its folder is read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// How long a command waits for another writer before giving up (the CLI waits longer
    /// than the TUI, which must stay responsive).
    pub fn set_busy_timeout(&self, wait: std::time::Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(wait)?)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        configure_sqlite();
        Store::setup(Connection::open_in_memory()?, None, false)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>, read_only: bool) -> Result<Store> {
        // Wait behind other writers rather than fail (16 CLI writers at once take a few
        // seconds with a sync per commit); the TUI sets a shorter wait to stay responsive.
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        if !read_only {
            // WAL lets the TUI read while the CLI writes; FULL makes each commit survive a
            // power cut.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "FULL")?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Today alone runs some forty statements; rusqlite keeps 16 prepared by default, so
        // most of them were evicted and parsed again on every reading (15% of Today's time).
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // The query planner stability guarantee: a plan never depends on the values bound
        // to it. Without it SQLite marks a statement whose `LIMIT ?` or range could use a
        // bound value as expired on every bind, and prepares it again on every run (a
        // quarter of the portfolio's reading time went there).
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        let shown = path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ":memory:".into());
        let mut backup_before_migration = None;
        match MIGRATIONS.current_version(&conn)? {
            SchemaVersion::Outside(found) => {
                return Err(Error::TooNew {
                    path: shown,
                    found: found.get() as i64,
                    known: schema_version(),
                });
            }
            SchemaVersion::Inside(old) if (old.get() as i64) < schema_version() => {
                if read_only {
                    return Err(Error::Conflict(trf(
                        "database {path} needs a schema upgrade but its folder or the file is read-only",
                        &[("path", &shown)],
                    )));
                }
                if let Some(p) = &path {
                    backup_before_migration =
                        Some(backup_before_migrating(&conn, p, old.get() as i64)?);
                }
            }
            _ => {}
        }
        if !read_only {
            MIGRATIONS.to_latest(&mut conn)?;
            history::ensure_triggers(&conn)?;
        }
        Ok(Store {
            conn,
            path,
            backup_before_migration,
            read_only,
            source: "cli",
            clock: crate::clock::Clock::System,
        })
    }

    /// Refreshes the planner's statistics of every table (after a bulk load).
    ///
    /// Keeps the samples (`sqlite_stat4`) of the queue's window index alone: they tell the
    /// planner that few updates are still to do (without them it scans the queue to count
    /// them; tests/it/plan_check.rs); every connection loads the samples it finds, and the
    /// other indexes' samples cost a sixth of a portfolio read and changed no plan.
    pub fn analyze(&self) -> Result<()> {
        if !self.read_only {
            self.conn.execute_batch(
                "ANALYZE; DELETE FROM sqlite_stat4 WHERE idx NOT IN ('updates_window');",
            )?;
        }
        Ok(())
    }

    /// Names the front end and the clock stamped on the history of every change.
    pub fn set_origin(&mut self, source: &'static str, clock: crate::clock::Clock) {
        self.source = source;
        self.clock = clock;
    }

    /// A consistent copy of the whole database at `target` (a new file, 0600), made with
    /// `VACUUM INTO` (safe while other connections write), then checked with
    /// `PRAGMA integrity_check`.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        copy_into(&self.conn, target)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` in one IMMEDIATE transaction: a second writer waits instead of failing,
    /// and either every row of the change lands or none does.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let source = self.source;
        self.write_as(source, f)
    }

    /// Like [`Store::write`], naming another source in the history: `"rules"` for what the
    /// communication rules do by themselves (undo passes over those).
    pub fn write_as<T>(
        &mut self,
        source: &'static str,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        if self.read_only {
            return Err(self.read_only_error());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let since = history::last_change_id(&tx)?;
        let out = f(&tx)?;
        history::seal(&tx, since, self.clock.now(), source, None)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in one transaction and rolls it back: what a change would do (a dry run),
    /// with every check it makes, and nothing written.
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(self.read_only_error());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.rollback()?;
        Ok(out)
    }

    /// Reverts the newest change in the file that is not undone yet, whoever made it, as one
    /// new change (so the undo has its own history). `None` when there is nothing to undo.
    pub fn undo_last(&mut self) -> Result<Option<history::Undone>> {
        if self.read_only {
            return Err(self.read_only_error());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let since = history::last_change_id(&tx)?;
        let now = self.clock.now();
        let Some(undone) = history::undo_last(&tx, now)? else {
            return Ok(None);
        };
        history::mark_undone(&tx, undone.change_set, now)?;
        history::seal(&tx, since, now, self.source, Some(undone.change_set))?;
        tx.commit()?;
        Ok(Some(undone))
    }

    fn read_only_error(&self) -> Error {
        let file = self
            .path
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let folder = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ".".into());
        Error::Conflict(trf(
            "cannot change {file}: the folder {folder} (or the file) is read-only; reading still works",
            &[("file", &file), ("folder", &folder)],
        ))
    }

    /// Read access for queries (a `Transaction` derefs to a `Connection`, so queries
    /// written against `&Connection` serve both reads and writes).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `reads` on one snapshot of the file: every query sees the same committed state
    /// (a writer committing meanwhile shows in none of them), and the file's locks and the
    /// WAL's index are taken once instead of once per query. Reads only: a write inside
    /// fails, as in any read transaction of a read-only connection.
    pub fn snapshot<T>(&self, reads: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let txn = self.conn.unchecked_transaction()?;
        let out = reads(self);
        // Ending a read transaction has nothing to keep: dropping it releases the snapshot.
        drop(txn);
        out
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

impl Drop for Store {
    /// Keeps the planner's statistics current as the file grows (bounded work, as SQLite
    /// recommends on closing a connection); a failure here changes nothing.
    fn drop(&mut self) {
        if !self.read_only {
            let _ = self
                .conn
                .execute_batch("PRAGMA analysis_limit = 400; PRAGMA optimize;");
        }
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

/// Whether this process may write `path` and create files beside it (SQLite's journal).
#[cfg(unix)]
fn writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let can = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map(|c| unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0)
            .unwrap_or(false)
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    can(path) && can(folder)
}

#[cfg(not(unix))]
fn writable(path: &Path) -> bool {
    std::fs::metadata(path)
        .map(|m| !m.permissions().readonly())
        .unwrap_or(true)
}

/// `path` as an SQLite `file:` URI (absolute, with `%`, `?` and `#` escaped).
fn file_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::from("file:");
    for c in abs.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// `NAME.sqlite3.v{old}-{timestamp}.bak` next to `path`, made before a migration.
fn backup_before_migrating(conn: &Connection, path: &Path, old: i64) -> Result<PathBuf> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{old}-{stamp}.bak"));
    let target = path.with_file_name(name);
    copy_into(conn, &target)?;
    Ok(target)
}

fn copy_into(conn: &Connection, target: &Path) -> Result<()> {
    // The file is made first (new, 0600, no link followed): VACUUM INTO fills an empty file.
    crate::files::write_new(target, b"", false, &[])?;
    let text = target.to_str().ok_or_else(|| {
        Error::invalid_because(
            "backup path",
            &target.display().to_string(),
            tr("a path that is valid UTF-8"),
        )
    })?;
    let done = conn
        .execute("VACUUM INTO ?1", [text])
        .map_err(Error::from)
        .and_then(|_| {
            let copy = Connection::open_with_flags(target, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let verdict: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if verdict == "ok" {
                Ok(())
            } else {
                Err(Error::Conflict(format!(
                    "the copy at {} failed its integrity check: {verdict}",
                    target.display()
                )))
            }
        });
    if done.is_err() {
        let _ = std::fs::remove_file(target);
    }
    done
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }

    /// Today's queries run with a `LIMIT ?` and ranges on bound times; each run must reuse
    /// its prepared plan rather than have SQLite prepare the statement again.
    #[test]
    fn a_cached_statement_runs_again_without_being_prepared_again() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        for limit in 1..=3_i64 {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT id FROM issues WHERE archived_at IS NULL AND detected_at < ?1
                     ORDER BY detected_at LIMIT ?2",
                )
                .unwrap();
            let ids: Vec<i64> = stmt
                .query_map(rusqlite::params!["2026-11-18T09:00:00Z", limit], |r| {
                    r.get(0)
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(ids.is_empty());
            assert_eq!(
                stmt.get_status(rusqlite::StatementStatus::RePrepare),
                0,
                "run {limit} prepared the statement again"
            );
        }
    }
}
