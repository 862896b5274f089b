//! The command line as a terminal user expects it (clig.dev): completions, a man page, list
//! formats with --no-headers and --limit, clap's tips, examples in --help, a one-line
//! `today --summary` that only reads, no progress noise in a pipe, and .eml files a mail
//! parser reads back.

use std::time::Duration;

use chrono::TimeZone;
use serde_json::Value;

use crate::common::{self, TestDb};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8")
}

#[test]
fn completions_for_the_main_shells_and_a_man_page_are_generated_without_a_database() {
    let db = TestDb::new();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef rapport"),
        ("fish", "complete -c rapport"),
        ("elvish", "edit:completion"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = db.cmd().args(["completions", shell]).output().expect("run");
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell} script: {script:.300}");
        for word in ["issue", "update", "--format", "jsonl"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    let out = db.cmd().arg("man").output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.starts_with(".TH rapport 1"), "{page:.200}");
    assert!(page.contains(".SH NAME") && page.contains("completions"));
    assert!(!db.path.exists(), "neither opens nor creates the database");
    db.fails(&["completions", "tcsh"], 2);
}

/// Splits CSV with the csv crate (quotes, commas inside cells).
fn csv_records(text: &str, headers: bool) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(headers)
        .from_reader(text.as_bytes());
    let head = if headers {
        r.headers()
            .expect("a header row")
            .iter()
            .map(String::from)
            .collect()
    } else {
        Vec::new()
    };
    let rows = r
        .records()
        .map(|rec| {
            rec.expect("a CSV record")
                .iter()
                .map(String::from)
                .collect()
        })
        .collect();
    (head, rows)
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|r| r["id"].to_string())
        .collect()
}

#[test]
fn lists_print_as_csv_tsv_and_json_lines_with_the_same_rows_as_json() {
    let db = TestDb::new();
    db.ok(&["demo"]);
    let json = db.json(&["issue", "list", "--all"]);
    let want = ids(&json);
    assert!(want.len() > 3, "{json}");
    // --json is short for --format json: the same bytes.
    assert_eq!(
        db.ok(&["issue", "list", "--all", "--json"]),
        db.ok(&["issue", "list", "--all", "--format", "json"])
    );

    let (head, rows) = csv_records(&db.ok(&["issue", "list", "--all", "--format", "csv"]), true);
    assert_eq!(
        head,
        [
            "id",
            "project",
            "severity",
            "status",
            "title",
            "age",
            "next update"
        ]
    );
    assert_eq!(rows.iter().map(|r| r[0].clone()).collect::<Vec<_>>(), want);
    // A title with a comma or quotes stays one cell.
    let titles: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        rows.iter().map(|r| r[4].as_str()).collect::<Vec<_>>(),
        titles
    );

    let tsv = db.ok(&["issue", "list", "--all", "--format", "tsv"]);
    let lines: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert!(lines.iter().all(|l| l.len() == 7), "{tsv}");
    assert_eq!(lines[0][0], "id");
    assert_eq!(
        lines[1..].iter().map(|l| l[0]).collect::<Vec<_>>(),
        want.iter().map(String::as_str).collect::<Vec<_>>()
    );

    let jsonl = db.ok(&["issue", "list", "--all", "--format", "jsonl"]);
    let objects: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(
        Value::Array(objects),
        json,
        "each line one record of the list"
    );

    let (_, rows) = csv_records(
        &db.ok(&["issue", "list", "--all", "--format", "csv", "--no-headers"]),
        false,
    );
    assert_eq!(rows.iter().map(|r| r[0].clone()).collect::<Vec<_>>(), want);
    let table = db.ok(&["issue", "list", "--all", "--no-headers"]);
    assert!(!table.starts_with("id "), "{table}");
}

#[test]
fn limit_cuts_every_format_and_the_table_says_how_many_more() {
    let db = TestDb::new();
    db.ok(&["demo"]);
    let all = db.json(&["issue", "list", "--all"]);
    let n = all.as_array().unwrap().len();
    let two = db.json(&["issue", "list", "--all", "--limit", "2"]);
    assert_eq!(two, Value::Array(all.as_array().unwrap()[..2].to_vec()));
    let table = db.ok(&["issue", "list", "--all", "--limit", "2"]);
    assert_eq!(
        table.lines().count(),
        4,
        "header, two rows, the rest: {table}"
    );
    assert!(
        table
            .lines()
            .last()
            .unwrap()
            .contains(&format!("{} more", n - 2)),
        "{table}"
    );
    let jsonl = db.ok(&[
        "issue", "list", "--all", "--limit", "2", "--format", "jsonl",
    ]);
    assert_eq!(jsonl.lines().count(), 2);
    let (_, rows) = csv_records(
        &db.ok(&["issue", "list", "--all", "--limit", "2", "--format", "csv"]),
        true,
    );
    assert_eq!(rows.len(), 2, "no trailer line in CSV");
    // A limit as large as the list leaves nothing out.
    let whole = db.ok(&["issue", "list", "--all", "--limit", &n.to_string()]);
    assert!(!whole.contains("more ("), "{whole}");
    let err = db.fails(&["issue", "list", "--limit", "0"], 2);
    assert!(err.contains("'0'") && err.contains("positive"), "{err}");
    db.fails(&["issue", "list", "--format", "xml"], 2);
}

#[test]
fn every_list_takes_the_formats_and_the_limit() {
    let db = TestDb::new();
    db.ok(&["demo"]);
    let lists: &[&[&str]] = &[
        &["issue", "list", "--all"],
        &["update", "list", "--all"],
        &["expect", "list", "--all"],
        &["log", "list"],
        &["contact", "list"],
        &["project", "list", "--all"],
        &["client", "list"],
        &["milestone", "list"],
        &["risk", "list", "--all"],
        &["review", "list"],
        &["plan", "list", "--all"],
        &["meeting", "list"],
        &["action", "list"],
        &["search", "Northwind"],
        &["today"],
        &["history", "issue", "1"],
    ];
    for list in lists {
        let run = |extra: &[&str]| db.ok(&[*list, extra].concat());
        let csv = run(&["--format", "csv", "--limit", "1"]);
        let (head, rows) = csv_records(&csv, true);
        assert!(!head.is_empty(), "{list:?}: {csv}");
        assert!(
            rows.iter().all(|r| r.len() == head.len()),
            "{list:?}: {csv}"
        );
        let tsv = run(&["--format", "tsv", "--no-headers"]);
        let widths: Vec<usize> = tsv.lines().map(|l| l.split('\t').count()).collect();
        assert!(widths.iter().all(|w| *w == head.len()), "{list:?}: {tsv}");
        for line in run(&["--format", "jsonl"]).lines() {
            let v: Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{list:?} {e}: {line}"));
            assert!(v.is_object(), "{list:?}: {line}");
        }
        if !matches!(list[0], "search" | "today") {
            assert!(rows.len() <= 1, "{list:?} --limit 1: {csv}");
        }
    }
}

#[test]
fn a_typo_gets_clap_tip_and_a_bad_flag_points_at_the_subcommand_help() {
    let db = TestDb::new();
    let err = db.fails(&["isue", "list"], 2);
    assert!(err.contains("'isue'") && err.contains("'issue'"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let err = db.fails(&["issue", "add", "Title", "-p", "X", "--bogus"], 2);
    assert!(err.contains("'--bogus'"), "{err}");
    assert!(err.contains("(see rapport issue add --help)"), "{err}");
    // A bad value has no usage line of clap's: the words typed name the subcommand.
    let err = db.fails(&["issue", "list", "--format", "xml"], 2);
    assert!(err.contains("'xml'"), "{err}");
    assert!(err.contains("(see rapport issue list --help)"), "{err}");
    let help = db.ok(&["issue", "list", "--help"]);
    assert!(
        help.contains("Examples:") && help.contains("rapport issue list"),
        "{help}"
    );
}

/// The file's bytes and time, and the data_version another connection sees.
fn fingerprint(
    db: &TestDb,
    watcher: &rusqlite::Connection,
) -> (Vec<u8>, std::time::SystemTime, i64) {
    let bytes = std::fs::read(&db.path).expect("the file");
    let mtime = std::fs::metadata(&db.path)
        .and_then(|m| m.modified())
        .expect("mtime");
    let version = watcher
        .query_row("PRAGMA data_version", [], |r| r.get(0))
        .expect("data_version");
    (bytes, mtime, version)
}

fn summary(db: &TestDb) -> (Option<i32>, String) {
    let out = db
        .cmd()
        .args(["today", "--summary"])
        .timeout(Duration::from_secs(20))
        .output()
        .expect("run");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    (out.status.code(), stdout(&out))
}

#[test]
fn today_summary_is_one_line_exits_1_when_late_and_writes_nothing() {
    let db = TestDb::new();
    db.ok(&["init"]);
    assert_eq!(summary(&db), (Some(0), "nothing owed to a client\n".into()));
    db.seed();
    let (code, line) = summary(&db);
    assert_eq!(code, Some(0), "nothing late yet: {line}");
    assert!(
        line.contains("1 not told") && line.lines().count() == 1,
        "{line}"
    );

    // An issue written straight into the file, detected two days ago: the rules have not
    // queued its notice, so only counting what they would queue finds it overdue.
    {
        let mut store = rapport::store::Store::open(&db.path).expect("open");
        let now = chrono::DateTime::parse_from_rfc3339(common::NOW)
            .unwrap()
            .to_utc();
        let detected = chrono::Utc.with_ymd_and_hms(2026, 11, 16, 9, 0, 0).unwrap();
        store
            .write(|tx| {
                rapport::store::issues::insert_issue(
                    tx,
                    &rapport::model::NewIssue {
                        project_id: 1,
                        title: "Reports are empty".into(),
                        description: String::new(),
                        severity: rapport::model::Severity::High,
                        status: rapport::model::IssueStatus::New,
                        detected_at: detected,
                        owner: String::new(),
                        our_fault: false,
                        cause: String::new(),
                        impact: String::new(),
                    },
                    now,
                )
            })
            .expect("insert");
    }
    let watcher = rusqlite::Connection::open(&db.path).expect("watcher");
    let before = fingerprint(&db, &watcher);
    let counts = db.counts();
    let (code, line) = summary(&db);
    assert_eq!(code, Some(1), "{line}");
    assert!(
        line.contains("1 overdue") && line.contains("2 not told"),
        "{line}"
    );
    assert_eq!(fingerprint(&db, &watcher), before, "the file is untouched");
    assert_eq!(db.counts(), counts, "the notice is counted, not queued");

    // Another connection holds the write lock: the summary neither waits nor fails.
    watcher
        .execute_batch("BEGIN IMMEDIATE")
        .expect("the write lock");
    let started = std::time::Instant::now();
    assert_eq!(summary(&db).0, Some(1));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    watcher.execute_batch("ROLLBACK").expect("rollback");

    let out = db
        .cmd()
        .args(["today", "--summary", "--json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["summary"].as_str(), Some(line.trim_end()));
    assert_eq!(json["late"], true);
    assert_eq!(json["counts"]["overdue-updates"], 1);
    // The plain agenda still applies the rules (and then nothing is late for long).
    db.ok(&["today"]);
    assert_ne!(
        db.counts(),
        counts,
        "today (not --summary) queues the notice"
    );
}

#[test]
fn progress_bars_stay_off_a_pipe() {
    let db = TestDb::new();
    db.ok(&["demo"]);
    let copy = db.dir.path().join("copy.sqlite3");
    let fresh = TestDb::new();
    let export = db.dir.path().join("all.jsonl");
    let empty = TestDb::new();
    empty.ensure();
    let tasks = db.dir.path().join("tasks.json");
    std::fs::write(
        &tasks,
        r#"[{"description":"Rotate the keys","status":"pending","uuid":"1a2b3c4d-0000-4000-8000-000000000001"}]"#,
    )
    .unwrap();
    for (db, args) in [
        (&db, vec!["backup", copy.to_str().unwrap()]),
        (&fresh, vec!["demo"]),
        (&db, vec!["export", "-o", export.to_str().unwrap()]),
        (&empty, vec!["import", export.to_str().unwrap()]),
        (
            &fresh,
            vec!["import", "--from", "taskwarrior", tasks.to_str().unwrap()],
        ),
    ] {
        let out = db.cmd().args(&args).output().expect("run");
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(
            stderr(&out),
            "",
            "{args:?}: nothing but the result when piped"
        );
        assert_eq!(stdout(&out).lines().filter(|l| l.contains('\r')).count(), 0);
    }
}

/// `cmd` run in a pseudo-terminal by util-linux `script`: what the terminal showed.
fn on_a_terminal(db: &TestDb, args: &[&str]) -> String {
    let mut line = format!(
        "'{}' --db '{}'",
        env!("CARGO_BIN_EXE_rapport"),
        db.path.display()
    );
    for a in args {
        line.push_str(&format!(" '{a}'"));
    }
    let out = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", db.dir.path())
        .env("XDG_CONFIG_HOME", db.dir.path().join("config"))
        .env("TZ", "UTC")
        .env("TERM", "xterm-256color")
        .env("RAPPORT_NOW", common::NOW)
        .output()
        .expect("util-linux script runs (apt-get install bsdutils)");
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn on_a_terminal_import_and_export_show_a_bar_with_counts() {
    let db = TestDb::new();
    db.ok(&["demo"]);
    let export = db.dir.path().join("all.jsonl");
    let shown = on_a_terminal(&db, &["export", "-o", export.to_str().unwrap()]);
    assert!(shown.contains("export ["), "a bar: {shown:?}");
    let rows = db.json(&["import", "--dry-run", export.to_str().unwrap()])["rows"]
        .as_u64()
        .unwrap();
    assert!(
        shown.contains(&format!("/{rows}")),
        "the export counts its {rows} rows: {shown:?}"
    );
    let empty = TestDb::new();
    empty.ensure();
    let shown = on_a_terminal(&empty, &["import", export.to_str().unwrap()]);
    assert!(shown.contains("import ["), "a bar: {shown:?}");
    assert!(
        shown.contains(&format!("{rows} rows")),
        "the import counts its {rows} rows: {shown:?}"
    );
    assert!(shown.contains("records imported"), "{shown:?}");
}

#[test]
fn an_exported_update_parses_back_with_mail_parser_and_greps_as_written() {
    let db = TestDb::new();
    db.ok(&["demo"]);
    let list = db.json(&["update", "list", "--search", "转账页面"]);
    let id = list[0]["id"].to_string();
    let file = db.dir.path().join("zh.eml");
    db.ok(&[
        "update",
        "export",
        &id,
        "--format",
        "eml",
        "-o",
        file.to_str().unwrap(),
    ]);
    let raw = std::fs::read(&file).expect("the file");
    let m = mail_parser::MessageParser::default()
        .parse(&raw)
        .expect("a message");
    assert!(
        m.message_id().is_some_and(|id| id.contains('@')),
        "a Message-ID"
    );
    assert!(m.date().is_some());
    assert_eq!(
        m.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("wang.fang@hdbank.example")
    );
    assert_eq!(
        m.to().and_then(|a| a.first()).and_then(|a| a.name()),
        Some("王芳")
    );
    assert!(m.subject().is_some_and(|s| s.contains("转账页面")));
    assert!(m.header("X-Unsent").is_some(), "a draft is unsent");
    let body = m.body_text(0).expect("a text body");
    assert!(body.contains("修复补丁正在验证"), "{body}");
    // 8bit UTF-8: the body is in the file as written, so grep finds it.
    let text = String::from_utf8(raw).expect("UTF-8");
    assert!(text.contains("修复补丁正在验证"), "{text}");
}
