//! `rapport stats`: the figures of a small story told with the real binary at fixed times,
//! checked against values computed by hand.

use serde_json::Value;

use crate::common::TestDb;

/// Runs at a fixed time (the story's own clock) and returns stdout.
fn at(db: &TestDb, now: &str, args: &[&str]) -> String {
    db.ensure();
    let out = db
        .cmd()
        .env("RAPPORT_NOW", now)
        .args(args)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "rapport {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_string()
}

/// The pending update of `kind` about issue `issue`.
fn pending(db: &TestDb, issue: &str, kind: &str) -> String {
    let list = db.json(&["update", "list", "--issue", issue]);
    let found = list
        .as_array()
        .expect("a list")
        .iter()
        .find(|u| u["kind"] == kind)
        .unwrap_or_else(|| panic!("no pending {kind} for issue {issue}: {list}"));
    found["id"].to_string()
}

/// The story (the suite's NOW is Wednesday 2026-11-18 09:00 UTC; default SLA: critical 1 h,
/// high 4 h, medium 24 h, low 72 h; a sent update promises the next one 24 h later for high):
/// - A high, detected Mon 09:00, notice sent 11:00 (120 min, in time); progress sent Tue
///   10:00, before the promised Tue 11:00: promise kept.
/// - B high, detected Mon 10:00, notice sent 16:00 (360 min, late); progress sent Tue 18:00,
///   after the promised Tue 16:00: promise broken.
/// - C medium, detected Tue 09:00, told by phone 12:00 (180 min, in time); resolved Tue 15:00.
/// - F medium, detected Tue 10:00, told 11:00 (60 min, in time).
/// - E critical, detected Tue 09:00, never told: its deadline (10:00) passed, a miss.
/// - D low, detected Wed 08:00, not told, deadline Sat: not counted yet.
fn story(db: &TestDb) {
    let mon = |t: &str| format!("2026-11-16T{t}:00Z");
    let tue = |t: &str| format!("2026-11-17T{t}:00Z");
    at(
        db,
        &mon("08:00"),
        &["project", "add", "Portal", "--company", "Northwind"],
    );
    at(
        db,
        &mon("08:00"),
        &[
            "contact",
            "add",
            "Sarah",
            "--company",
            "Northwind",
            "--email",
            "s@n.example",
        ],
    );
    let issue = |now: &str, title: &str, sev: &str| {
        at(db, now, &["issue", "add", title, "-p", "Portal", "-s", sev])
    };
    let a = issue(&mon("09:00"), "A", "high");
    let b = issue(&mon("10:00"), "B", "high");
    at(
        db,
        &mon("11:00"),
        &["update", "sent", &pending(db, &a, "notice")],
    );
    at(
        db,
        &mon("16:00"),
        &["update", "sent", &pending(db, &b, "notice")],
    );
    at(
        db,
        &tue("10:00"),
        &["update", "sent", &pending(db, &a, "progress")],
    );
    at(
        db,
        &tue("18:00"),
        &["update", "sent", &pending(db, &b, "progress")],
    );
    let c = issue(&tue("09:00"), "C", "medium");
    let e = issue(&tue("09:00"), "E", "critical");
    let f = issue(&tue("10:00"), "F", "medium");
    at(
        db,
        &tue("12:00"),
        &["issue", "edit", &c, "--notified", &tue("12:00")],
    );
    at(
        db,
        &tue("15:00"),
        &["issue", "edit", &c, "--status", "resolved"],
    );
    at(
        db,
        &tue("11:00"),
        &["issue", "edit", &f, "--notified", &tue("11:00")],
    );
    issue("2026-11-18T08:00:00Z", "D", "low");
    assert!(!e.is_empty());
    // Inbound mood: last week -2; this week +2 and -1 (mean 0.5); an outbound +2 is not mood.
    let log = |now: &str, dir: &str, mood: &str| {
        at(
            db,
            now,
            &[
                "log",
                "add",
                "talk",
                "-p",
                "Portal",
                "--dir",
                dir,
                "--sentiment",
                mood,
            ],
        )
    };
    log("2026-11-10T09:00:00Z", "in", "-2");
    log(&mon("12:00"), "in", "2");
    log(&tue("12:00"), "in", "-1");
    log(&tue("13:00"), "out", "2");
    // Satisfaction: 2 last week, 4 and 5 this week (mean 4.5).
    for (now, score) in [
        ("2026-11-10T10:00:00Z", "2"),
        (&*mon("13:00"), "4"),
        (&*tue("13:00"), "5"),
    ] {
        at(
            db,
            now,
            &["review", "add", "-p", "Portal", "--score", score],
        );
    }
    for (what, status) in [
        ("Weekly report", "agreed"),
        ("Fix in a day", "agreed"),
        ("Go live", "at-risk"),
    ] {
        at(
            db,
            &mon("08:00"),
            &[
                "expect", "add", what, "-p", "Portal", "-c", "schedule", "--status", status,
            ],
        );
    }
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("a number: {v}"))
}

#[test]
fn stats_json_matches_the_story_computed_by_hand() {
    let db = TestDb::new();
    story(&db);
    let s = db.json(&["stats", "--project", "Portal"]);
    // Told in time: A, C, F of A, B, C, F, E (D's deadline has not come).
    let (in_time, counted) = (3.0, 5.0);
    assert_eq!(num(&s["first_contact"]["counted"]), counted, "{s}");
    assert_eq!(num(&s["first_contact"]["in_time"]), in_time);
    let rounded = |x: f64| (x * 10_000.0).round() / 10_000.0;
    assert_eq!(
        num(&s["first_contact_hit_rate"]),
        rounded(in_time / counted)
    );
    let m = &s["median_minutes_to_first_contact"];
    assert_eq!(num(&m["high"]), (120.0 + 360.0) / 2.0);
    assert_eq!(num(&m["medium"]), (180.0 + 60.0) / 2.0);
    assert!(m["critical"].is_null() && m["low"].is_null(), "{m}");
    // The notices' promises: A's kept, B's broken; the progress updates' promises (Wed 10:00
    // and 18:00) have not come due.
    assert_eq!(num(&s["promises"]["counted"]), 2.0, "{s}");
    assert_eq!(num(&s["promises"]["in_time"]), 1.0);
    assert_eq!(num(&s["promises_kept_rate"]), rounded(1.0 / 2.0));

    let weeks = s["open_issues_by_week"].as_array().expect("weeks");
    assert_eq!(weeks.len(), 12);
    let this = &weeks[11];
    assert_eq!(this["week"], "2026-11-16");
    // Eleven weeks before this Monday.
    assert_eq!(weeks[0]["week"], "2026-08-31");
    // Six detected this week, C resolved: five open.
    assert_eq!(
        (
            num(&this["opened"]),
            num(&this["resolved"]),
            num(&this["open"])
        ),
        (6.0, 1.0, 5.0)
    );
    assert_eq!(num(&weeks[10]["open"]), 0.0);

    let mood = s["mood_by_week"].as_array().expect("mood");
    assert_eq!(num(&mood[10]["mean"]), -2.0);
    assert_eq!(num(&mood[11]["mean"]), (2.0 - 1.0) / 2.0);
    assert_eq!(num(&mood[11]["count"]), 2.0);
    assert!(mood[9]["mean"].is_null());

    let sat = s["satisfaction_by_week"].as_array().expect("satisfaction");
    assert_eq!(num(&sat[10]["mean"]), 2.0);
    assert_eq!(num(&sat[11]["mean"]), (4.0 + 5.0) / 2.0);

    let by_status: Vec<(String, f64)> = s["expectations_by_status"]
        .as_array()
        .expect("statuses")
        .iter()
        .map(|c| {
            (
                c["status"].as_str().unwrap_or("").to_string(),
                num(&c["count"]),
            )
        })
        .collect();
    assert_eq!(
        by_status,
        [("agreed".to_string(), 2.0), ("at-risk".to_string(), 1.0)]
    );
}

#[test]
fn since_counts_only_issues_detected_from_then_and_the_text_says_it() {
    let db = TestDb::new();
    story(&db);
    // From Tuesday: C, F in time, E missed (A and B were detected on Monday).
    let s = db.json(&["stats", "--since", "2026-11-17 00:00"]);
    assert_eq!(num(&s["first_contact"]["counted"]), 3.0, "{s}");
    assert_eq!(num(&s["first_contact_hit_rate"]), 0.6667);
    assert!(s["median_minutes_to_first_contact"]["high"].is_null());
    // Both promises were made in updates sent on Monday.
    assert!(s["promises_kept_rate"].is_null());
    let text = db.ok(&["stats", "-p", "Portal"]);
    assert!(text.contains("Client told in time"), "{text}");
    assert!(text.contains("3 of 5 (60.0%)"), "{text}");
    assert!(text.contains("1 of 2 (50.0%)"), "{text}");
}

#[test]
fn a_bad_project_or_time_is_refused_with_exit_2() {
    let db = TestDb::new();
    db.seed();
    let err = db.fails(&["stats", "--since", "someday"], 2);
    assert!(err.contains("someday"), "{err}");
    db.fails(&["stats", "--project", "Nowhere"], 2);
}

/// Medium issues get 8 working hours in Berlin (09:00-18:00, Monday to Friday; CET is UTC+1).
const BERLIN: &str = r#"
[sla_hours]
medium = "8 business"

[calendar]
zone = "Europe/Berlin"
hours = "09:00-18:00"
days = ["mon", "tue", "wed", "thu", "fri"]
"#;

#[test]
fn first_contact_deadlines_count_in_the_clients_working_hours() {
    let db = TestDb::new();
    let config = db.dir.path().join("config.toml");
    std::fs::write(&config, BERLIN).expect("config");
    let config = config.to_str().expect("utf-8 path").to_string();
    let run = |now: &str, args: &[&str]| {
        let mut all = vec!["--config", config.as_str()];
        all.extend_from_slice(args);
        at(&db, now, &all)
    };
    run(
        "2026-11-13T08:00:00Z",
        &["project", "add", "Portal", "--company", "Northwind"],
    );
    // X: Friday 17:00 Berlin; one working hour that day and seven on Monday: due Monday 16:00
    // Berlin (15:00 UTC). Told Monday 14:00 UTC: in time (24 h on the clock would be late).
    let x = run(
        "2026-11-13T16:00:00Z",
        &["issue", "add", "X", "-p", "Portal", "-s", "medium"],
    );
    run(
        "2026-11-16T14:00:00Z",
        &["issue", "edit", &x, "--notified", "2026-11-16T14:00:00Z"],
    );
    // W: Friday 18:30 Berlin, after hours: due Monday 17:00 Berlin (16:00 UTC), not yet come.
    run(
        "2026-11-13T17:30:00Z",
        &["issue", "add", "W", "-p", "Portal", "-s", "medium"],
    );
    // Z: high keeps 4 hours on the clock; told after one.
    let z = run(
        "2026-11-16T10:00:00Z",
        &["issue", "add", "Z", "-p", "Portal", "-s", "high"],
    );
    run(
        "2026-11-16T11:00:00Z",
        &["issue", "edit", &z, "--notified", "2026-11-16T11:00:00Z"],
    );
    let out = run("2026-11-16T15:30:00Z", &["stats", "--json"]);
    let s: Value = serde_json::from_str(&out).expect("json");
    // X and Z, both in time; W's deadline has not come.
    assert_eq!(num(&s["first_contact"]["counted"]), 2.0, "{s}");
    assert_eq!(num(&s["first_contact_hit_rate"]), 1.0);
}
