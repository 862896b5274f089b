//! Bad input: one clear line naming the value, a non-zero exit code, and nothing written.

use crate::common;

use common::TestDb;

/// (arguments, exit code, text the message must contain)
const CASES: &[(&[&str], i32, &str)] = &[
    (
        &["issue", "add", "X", "-p", "Portal", "--severity", "urgent"],
        2,
        "invalid severity 'urgent': expected one of critical, high, medium, low",
    ),
    (
        &["issue", "add", "X", "-p", "Portal", "--status", "done"],
        2,
        "invalid status 'done'",
    ),
    (
        &["issue", "add", "X", "-p", "Nowhere"],
        2,
        "no project 'Nowhere'; known projects: Portal",
    ),
    (&["issue", "add", "", "-p", "Portal"], 2, "invalid title ''"),
    (&["issue", "add", "   ", "-p", "Portal"], 2, "invalid title"),
    (
        &[
            "issue",
            "add",
            "X",
            "-p",
            "Portal",
            "--detected",
            "2026-02-30",
        ],
        2,
        "invalid time '2026-02-30'",
    ),
    (
        &[
            "issue",
            "add",
            "X",
            "-p",
            "Portal",
            "--detected",
            "2026-11-18 25:00",
        ],
        2,
        "invalid time '2026-11-18 25:00'",
    ),
    (
        &["issue", "add", "X", "-p", "Portal", "--detected", "someday"],
        2,
        "invalid time 'someday'",
    ),
    (
        &["issue", "add", "X", "-p", "Portal", "--detected", "+3y"],
        2,
        "invalid time '+3y'",
    ),
    (&["issue", "add", "X"], 2, "--project"),
    (&["issue", "show", "99"], 2, "no issue '99'"),
    (&["issue", "show", "abc"], 2, "invalid issue id 'abc'"),
    (
        &["issue", "edit", "99", "--status", "resolved"],
        2,
        "no issue '99'",
    ),
    (
        &["issue", "edit", "1", "--status", "fixed"],
        2,
        "invalid status 'fixed'",
    ),
    (
        &["issue", "edit", "1", "--next-update", "whenever"],
        2,
        "invalid time 'whenever'",
    ),
    (
        &["issue", "edit", "1", "--our-fault", "maybe"],
        2,
        "invalid our-fault 'maybe'",
    ),
    (&["issue", "edit", "1"], 2, "at least one field"),
    (
        &["issue", "option", "choose", "1", "3"],
        2,
        "invalid option number '3'",
    ),
    (&["issue", "option", "add", "1", ""], 2, "invalid option ''"),
    (
        &["update", "add", "-p", "Portal", "-k", "memo", "-s", "S"],
        2,
        "invalid kind 'memo': expected one of notice, progress, resolution, status, closing, other",
    ),
    (
        &[
            "update",
            "add",
            "-p",
            "Portal",
            "-k",
            "notice",
            "-s",
            "S",
            "--channel",
            "fax",
        ],
        2,
        "invalid channel 'fax'",
    ),
    (
        &[
            "update", "add", "-p", "Portal", "-k", "notice", "-s", "S", "--issue", "42",
        ],
        2,
        "no issue '42'",
    ),
    (
        &[
            "update", "add", "-p", "Portal", "-k", "notice", "-s", "S", "--to", "Nobody",
        ],
        2,
        "no contact 'Nobody'",
    ),
    (
        &[
            "update", "add", "-p", "Portal", "-k", "notice", "-s", "S", "--state", "sent",
        ],
        2,
        "invalid state of a new update 'sent'",
    ),
    (
        &["update", "add", "-p", "Portal", "-k", "notice", "-s", ""],
        2,
        "invalid subject ''",
    ),
    (
        &[
            "update", "add", "-p", "Portal", "-k", "notice", "-s", "S", "--due", "fri 7pm",
        ],
        2,
        "invalid time 'fri 7pm'",
    ),
    (&["update", "sent", "7"], 2, "no update '7'"),
    (&["update", "skip", "7"], 2, "no update '7'"),
    (
        &["expect", "add", "S", "-p", "Portal", "-c", "vibes"],
        2,
        "invalid category 'vibes'",
    ),
    (
        &[
            "expect", "add", "S", "-p", "Portal", "-c", "scope", "--status", "ok",
        ],
        2,
        "invalid expectation status 'ok'",
    ),
    (
        &[
            "expect",
            "add",
            "S",
            "-p",
            "Portal",
            "-c",
            "scope",
            "--due",
            "2026-13-01",
        ],
        2,
        "invalid date '2026-13-01'",
    ),
    (
        &["expect", "add", "", "-p", "Portal", "-c", "scope"],
        2,
        "invalid statement ''",
    ),
    (
        &["expect", "edit", "5", "--status", "met", "--reason", "x"],
        2,
        "no expectation '5'",
    ),
    (
        &["expect", "edit", "1", "--status", "met", "--reason", " "],
        2,
        "invalid reason",
    ),
    (
        &["log", "add", "S", "-p", "Portal", "--dir", "sideways"],
        2,
        "invalid direction 'sideways': expected one of in, out",
    ),
    (
        &[
            "log",
            "add",
            "S",
            "-p",
            "Portal",
            "--dir",
            "in",
            "--sentiment",
            "3",
        ],
        2,
        "invalid sentiment '3': expected a whole number from -2 to 2",
    ),
    (
        &[
            "log", "add", "S", "-p", "Portal", "--dir", "in", "--kind", "rant",
        ],
        2,
        "invalid log kind 'rant'",
    ),
    (
        &[
            "log", "add", "S", "-p", "Portal", "--dir", "in", "--issue", "77",
        ],
        2,
        "no issue '77'",
    ),
    (
        &["log", "add", "", "-p", "Portal", "--dir", "in"],
        2,
        "invalid summary ''",
    ),
    (
        &["project", "add", "Portal"],
        2,
        "a project named 'Portal' already exists",
    ),
    (
        &["project", "add", "New", "--cadence", "daily"],
        2,
        "invalid cadence 'daily'",
    ),
    (
        &["project", "add", "New", "--status", "paused"],
        2,
        "invalid project status 'paused'",
    ),
    (
        &[
            "contact",
            "add",
            "Bob",
            "--company",
            "Northwind",
            "--email",
            "bob-at-example",
        ],
        2,
        "invalid email 'bob-at-example'",
    ),
    (
        &["demo", "--scale", "giant"],
        2,
        "invalid scale 'giant': expected one of small, large, huge",
    ),
    (&["frobnicate"], 2, "unrecognized subcommand 'frobnicate'"),
];

#[test]
fn every_bad_value_is_refused_with_one_line_and_nothing_written() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "expect",
        "add",
        "Weekly report",
        "-p",
        "Portal",
        "-c",
        "communication",
    ]);
    db.ok(&[
        "update",
        "add",
        "-p",
        "Portal",
        "-k",
        "notice",
        "-s",
        "Told them",
        "--issue",
        "1",
    ]);
    let before = db.counts();
    for (args, code, expected) in CASES {
        let err = db.fails(args, *code);
        assert!(
            err.contains(expected),
            "rapport {args:?}\n  wanted: {expected}\n  got:    {err}"
        );
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "one line for {args:?}: {err}"
        );
        assert!(err.starts_with("rapport: "), "{err}");
        assert_eq!(db.counts(), before, "rapport {args:?} changed the database");
    }
}

#[test]
fn a_bad_clock_or_config_is_refused() {
    let db = TestDb::new();
    let out = db
        .cmd()
        .env("RAPPORT_NOW", "yesterday-ish")
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid RAPPORT_NOW 'yesterday-ish'"));

    let cfg = db.dir.path().join("bad.toml");
    std::fs::write(&cfg, "language = \"fr\"\n").unwrap();
    let out = db
        .cmd()
        .arg("--config")
        .arg(&cfg)
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("invalid language in") && err.contains("'fr'"),
        "{err}"
    );
    assert!(
        !db.path.exists(),
        "no database created when the config is bad"
    );
}

#[test]
fn a_database_from_a_newer_rapport_is_refused_and_untouched() {
    let db = TestDb::new();
    db.ok(&["init"]);
    {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let bytes = std::fs::read(&db.path).unwrap();
    let err = db.fails(&["issue", "list"], 1);
    assert!(
        err.contains(&format!(
            "schema version 99, newer than this rapport understands ({})",
            rapport::store::schema_version()
        )),
        "{err}"
    );
    assert_eq!(std::fs::read(&db.path).unwrap(), bytes);
}

#[test]
fn database_location_follows_db_then_client_then_env_then_data_dir() {
    let db = TestDb::new();
    let data = db.dir.path().join("data");
    // --db wins (TestDb passes it).
    db.ok(&["init"]);
    assert!(db.path.exists());

    let run = |extra: &[&str], env: Option<&std::path::Path>| -> serde_json::Value {
        let mut c = assert_cmd::Command::cargo_bin("rapport").unwrap();
        c.env_clear()
            .env("HOME", db.dir.path())
            .env("XDG_DATA_HOME", &data)
            .env("XDG_CONFIG_HOME", db.dir.path().join("config"));
        if let Some(p) = env {
            c.env("RAPPORT_DB", p);
        }
        let out = c.args(extra).args(["init", "--json"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let env_path = db.dir.path().join("from-env.sqlite3");
    // Flags before the environment: --client beats RAPPORT_DB.
    assert_eq!(
        run(&["--client", "acme"], Some(&env_path))["database"],
        data.join("rapport/clients/acme.sqlite3")
            .display()
            .to_string()
    );
    assert_eq!(
        run(&[], Some(&env_path))["database"],
        env_path.display().to_string()
    );
    let client = run(&["--client", "acme"], None);
    assert_eq!(
        client["database"],
        data.join("rapport/clients/acme.sqlite3")
            .display()
            .to_string()
    );
    let default = run(&[], None);
    assert_eq!(
        default["database"],
        data.join("rapport/rapport.sqlite3").display().to_string()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data.join("rapport/clients/acme.sqlite3"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
