//! Project and contact lifecycles, archived issues, dates checked at the door, reads that
//! survive a bad row, and Today's exact counts: the real binary with a fixed clock.

use crate::common;

use common::TestDb;
use serde_json::Value;

/// The binary at another fixed time.
fn at(db: &TestDb, now: &str, args: &[&str]) -> std::process::Output {
    db.cmd()
        .env("RAPPORT_NOW", now)
        .args(args)
        .output()
        .expect("run")
}

fn ok_at(db: &TestDb, now: &str, args: &[&str]) -> String {
    let out = at(db, now, args);
    assert!(
        out.status.success(),
        "rapport {args:?} at {now}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn updates(db: &TestDb) -> Vec<Value> {
    db.json(&["update", "list", "--all"])
        .as_array()
        .expect("array")
        .clone()
}

fn today(db: &TestDb) -> Value {
    db.json(&["today"])
}

fn ids_in(agenda: &Value, record: &str) -> Vec<i64> {
    agenda["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["record"] == record)
        .map(|i| i["id"].as_i64().expect("id"))
        .collect()
}

#[test]
fn out_of_range_dates_are_refused_and_the_file_stays_readable() {
    let db = TestDb::new();
    db.seed();
    let before = db.counts();
    for args in [
        &[
            "issue",
            "add",
            "T",
            "--project",
            "Portal",
            "--detected",
            "9999-12-31",
        ][..],
        &[
            "update",
            "add",
            "--project",
            "Portal",
            "--kind",
            "status",
            "--subject",
            "S",
            "--due",
            "0000-01-01T00:00:00+14:00",
        ],
        &[
            "log",
            "add",
            "x",
            "--project",
            "Portal",
            "--dir",
            "out",
            "--at",
            "2200-01-01",
        ],
        &[
            "expect",
            "add",
            "x",
            "--project",
            "Portal",
            "--category",
            "schedule",
            "--due",
            "9999-12-31",
        ],
    ] {
        let err = db.fails(args, 2);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("1970") && err.contains("2199"), "{err}");
    }
    assert_eq!(db.counts(), before, "nothing written");
    let out = db
        .cmd()
        .env("RAPPORT_NOW", "9999-12-31T23:59:59Z")
        .args(["today"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("RAPPORT_NOW") && err.contains("9999-12-31T23:59:59Z"),
        "{err}"
    );
    db.ok(&["today"]);
    db.ok(&["update", "list"]);
}

#[test]
fn a_detection_time_in_the_future_is_refused() {
    let db = TestDb::new();
    db.seed();
    let before = db.counts();
    let err = db.fails(
        &[
            "issue",
            "add",
            "T",
            "--project",
            "Portal",
            "--detected",
            "+2h",
        ],
        2,
    );
    assert!(
        err.contains("detected time") && err.contains("future"),
        "{err}"
    );
    let err = db.fails(&["issue", "edit", "1", "--detected", "+1d"], 2);
    assert!(err.contains("future"), "{err}");
    assert_eq!(db.counts(), before);
    // A few minutes of clock skew between machines is fine.
    db.ok(&[
        "issue",
        "add",
        "T",
        "--project",
        "Portal",
        "--detected",
        "+3m",
    ]);
}

#[test]
fn one_bad_stored_time_is_reported_and_every_read_still_works() {
    let db = TestDb::new();
    db.seed();
    db.ok(&["issue", "add", "Second", "--project", "Portal"]);
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute(
        "UPDATE issues SET detected_at = '+10000-01-01T17:00:00Z' WHERE id = 1",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE updates SET due_at = 'garbage' WHERE id = (SELECT min(id) FROM updates)",
        [],
    )
    .unwrap();
    drop(conn);
    for args in [
        &["today"][..],
        &["issue", "list", "--all"],
        &["issue", "show", "1"],
        &["update", "list", "--all"],
        &["search", "Login"],
        &["report", "status", "--project", "Portal"],
    ] {
        let out = db.cmd().args(args).output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(
            err.contains("+10000-01-01T17:00:00Z") || err.contains("garbage"),
            "{args:?} names the bad value: {err}"
        );
        assert!(err.contains("warning"), "{err}");
    }
    // The record can be repaired with its own edit command.
    db.ok(&["issue", "edit", "1", "--detected", "2026-11-17 10:00"]);
    let issue = db.json(&["issue", "show", "1"]);
    assert_eq!(issue["detected_at"], "2026-11-17T10:00:00Z");
}

#[test]
fn a_closed_project_gets_no_status_report_over_the_following_month() {
    let db = TestDb::new();
    db.seed();
    db.ok(&["issue", "edit", "1", "--status", "resolved"]);
    let pending_status = |db: &TestDb| {
        updates(db)
            .iter()
            .filter(|u| u["kind"] == "status" && (u["state"] == "draft" || u["state"] == "ready"))
            .count()
    };
    assert_eq!(
        pending_status(&db),
        1,
        "an active weekly project has its report queued"
    );
    let shown = db.ok(&["project", "edit", "Portal", "--status", "closed"]);
    assert!(shown.contains("closed"), "{shown}");
    assert_eq!(pending_status(&db), 0, "the pending report is skipped");
    for day in [
        "2026-11-20T16:00:00Z",
        "2026-11-27T16:00:00Z",
        "2026-12-04T16:00:00Z",
        "2026-12-18T16:00:00Z",
    ] {
        ok_at(&db, day, &["today"]);
    }
    assert_eq!(pending_status(&db), 0, "nothing queued over a month");
    let project = db.json(&["project", "list", "--all"]);
    assert_eq!(project[0]["status"], "closed");
    // Active again: the next report is queued from now.
    db.ok(&["project", "edit", "Portal", "--status", "active"]);
    assert_eq!(pending_status(&db), 1);
}

#[test]
fn closing_a_project_with_open_issues_needs_force_and_on_hold_skips_reports() {
    let db = TestDb::new();
    db.seed();
    let before = db.counts();
    let err = db.fails(&["project", "edit", "Portal", "--status", "closed"], 2);
    assert!(
        err.contains("open issue") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(db.counts(), before, "nothing written");
    let err = db.fails(&["project", "edit", "Portal", "--status", "paused"], 2);
    assert!(err.contains("paused") && err.contains("on-hold"), "{err}");
    db.ok(&["project", "edit", "Portal", "--status", "on-hold"]);
    assert!(
        !updates(&db)
            .iter()
            .any(|u| u["kind"] == "status" && u["state"] == "draft"),
        "on hold: no report owed"
    );
    let p = db.json(&[
        "project",
        "edit",
        "1",
        "--name",
        "Portal 2",
        "--cadence",
        "monthly",
        "--status",
        "closed",
        "--force",
    ]);
    assert_eq!(p["name"], "Portal 2");
    assert_eq!(p["status"], "closed");
    assert_eq!(p["cadence"], "monthly");
}

#[test]
fn an_archived_issue_leaves_today_and_the_health_rating() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "issue",
        "add",
        "SSO down",
        "--project",
        "Portal",
        "--severity",
        "critical",
        "--detected",
        "-3h",
    ]);
    let agenda = today(&db);
    assert!(ids_in(&agenda, "issue").contains(&2), "{agenda}");
    let notice = updates(&db)
        .into_iter()
        .find(|u| u["issue_id"] == 2 && u["kind"] == "notice")
        .expect("notice queued");
    assert!(ids_in(&agenda, "update").contains(&notice["id"].as_i64().unwrap()));
    assert_eq!(agenda["health"][0]["rating"], "red");

    db.ok(&["issue", "archive", "2"]);
    let agenda = today(&db);
    assert!(!ids_in(&agenda, "issue").contains(&2), "{agenda}");
    assert!(
        !ids_in(&agenda, "update").contains(&notice["id"].as_i64().unwrap()),
        "{agenda}"
    );
    assert_ne!(agenda["health"][0]["rating"], "red", "{agenda}");
    let skipped = updates(&db)
        .into_iter()
        .find(|u| u["id"] == notice["id"])
        .unwrap();
    assert_eq!(skipped["state"], "skipped");
}

#[test]
fn contacts_can_be_edited_archived_and_restored() {
    let db = TestDb::new();
    db.seed();
    let c = db.json(&[
        "contact",
        "edit",
        "1",
        "--email",
        "s.chen@northwind.example",
        "--role",
        "CTO",
    ]);
    assert_eq!(c["email"], "s.chen@northwind.example");
    assert_eq!(c["role"], "CTO");
    assert_eq!(c["name"], "Sarah Chen");
    let before = db.counts();
    let err = db.fails(&["contact", "edit", "1", "--email", "not an address"], 2);
    assert!(err.contains("not an address"), "{err}");
    db.fails(&["contact", "edit", "99", "--role", "x"], 2);
    assert_eq!(db.counts(), before);
    db.ok(&["contact", "archive", "1"]);
    assert_eq!(db.json(&["contact", "list"]).as_array().unwrap().len(), 0);
    db.ok(&["contact", "restore", "1"]);
    assert_eq!(db.json(&["contact", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn today_counts_are_exact_when_a_section_is_capped() {
    let db = TestDb::new();
    db.seed();
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    // 125 problems the client has not heard of (the section lists 50).
    conn.execute_batch(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 124)
         INSERT INTO issues (project_id, title, severity, status, detected_at, created_at, updated_at)
         SELECT 1, 'Problem ' || i, 'low', 'new', '2026-11-14T08:00:00Z', '2026-11-14T08:00:00Z', '2026-11-14T08:00:00Z' FROM n;",
    )
    .unwrap();
    drop(conn);
    let agenda = today(&db);
    let total = agenda["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["section"] == "client-unaware")
        .expect("client-unaware total")["total"]
        .clone();
    assert_eq!(total, 125);
    let listed = agenda["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["section"] == "client-unaware")
        .count();
    assert_eq!(listed, 50);
    let text = db.ok(&["today"]);
    assert!(text.contains("Client not told yet (50 of 125)"), "{text}");
    // The rules queued a notice for each of the 124, all past their 72-hour deadline.
    let overdue = agenda["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["section"] == "overdue-updates")
        .expect("overdue total")["total"]
        .clone();
    assert_eq!(overdue, 124, "{}", agenda["totals"]);
    assert!(text.contains("Overdue updates (50 of 124)"), "{text}");
}
