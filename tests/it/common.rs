//! Helpers shared by the integration tests: a temporary database and the real binary
//! run with a fixed clock, a fixed time zone and no user config.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// Wednesday 2026-11-18 09:00 UTC.
pub const NOW: &str = "2026-11-18T09:00:00Z";

pub struct TestDb {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TestDb {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("rapport.sqlite3");
        TestDb { dir, path }
    }

    /// The binary with this database, the fixed clock and an empty home.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("rapport").expect("binary");
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("TZ", "UTC")
            .env("RAPPORT_NOW", NOW)
            .arg("--db")
            .arg(&self.path);
        c
    }

    /// Creates the database file, as `rapport --db PATH init` does (an explicit --db file
    /// is never created by accident, so the tests make theirs on purpose).
    pub fn ensure(&self) {
        if !self.path.exists() {
            rapport::store::Store::open(&self.path).expect("create the test database");
        }
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.ensure();
        let out = self.cmd().args(args).output().expect("run");
        assert!(
            out.status.success(),
            "rapport {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Runs with --json and parses the output.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let text = self.ok(&all);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    /// Runs and expects failure with `code`; returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        self.ensure();
        let out = self.cmd().args(args).output().expect("run");
        let stderr = String::from_utf8(out.stderr).expect("utf-8");
        assert_eq!(
            out.status.code(),
            Some(code),
            "rapport {args:?}: expected exit {code}, stderr: {stderr}"
        );
        assert!(out.stdout.is_empty(), "nothing on stdout for a failure");
        stderr
    }

    /// Row counts of every table, to prove a failed command wrote nothing.
    pub fn counts(&self) -> Vec<(String, i64)> {
        table_counts(&self.path)
    }

    /// A project, a contact and one issue, for tests that need a little data.
    pub fn seed(&self) {
        self.ok(&[
            "project",
            "add",
            "Portal",
            "--company",
            "Northwind",
            "--cadence",
            "weekly",
        ]);
        self.ok(&[
            "contact",
            "add",
            "Sarah Chen",
            "--company",
            "Northwind",
            "--email",
            "sarah@northwind.example",
            "--role",
            "Head of Operations",
        ]);
        self.ok(&[
            "issue",
            "add",
            "Login fails",
            "--project",
            "Portal",
            "--severity",
            "high",
        ]);
    }
}

pub fn table_counts(path: &Path) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(path).expect("open");
    let mut names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    names.retain(|n| !n.starts_with("sqlite_"));
    names
        .into_iter()
        .map(|n| {
            let c: i64 = conn
                .query_row(&format!("SELECT count(*) FROM {n}"), [], |r| r.get(0))
                .expect("count");
            (n, c)
        })
        .collect()
}
