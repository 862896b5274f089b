//! The real binary against a fresh database, with a fixed clock, asserting on the JSON.

use crate::common;

use common::{NOW, TestDb};
use serde_json::Value;

fn ids(v: &Value) -> Vec<i64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x["id"].as_i64().expect("id"))
        .collect()
}

#[test]
fn init_creates_a_private_database_and_reports_it() {
    let db = TestDb::new();
    let v = db.json(&["init"]);
    assert_eq!(v["database"], db.path.display().to_string());
    assert_eq!(v["schema_version"], rapport::store::schema_version());
    assert!(
        rapport::store::schema_version() >= 4,
        "calendars and history are in the schema"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db.path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn projects_and_contacts() {
    let db = TestDb::new();
    assert_eq!(
        db.ok(&["project", "add", "Portal", "--company", "Northwind"])
            .trim(),
        "1"
    );
    let p = db.json(&[
        "project",
        "add",
        "Migration",
        "--company",
        "Northwind",
        "--cadence",
        "10d",
        "--channel",
        "meeting",
    ]);
    assert_eq!(p["id"], 2);
    assert_eq!(p["client"], "Northwind");
    assert_eq!(p["cadence"], "10d");
    assert_eq!(p["channel"], "meeting");
    db.ok(&["project", "add", "Old", "--status", "closed"]);
    let list = db.json(&["project", "list"]);
    assert_eq!(ids(&list), vec![2, 1], "sorted by name, closed hidden");
    assert_eq!(
        list[1]["cadence"], "weekly",
        "the default cadence from config"
    );
    assert_eq!(ids(&db.json(&["project", "list", "--all"])).len(), 3);

    let c = db.json(&[
        "contact",
        "add",
        "王芳",
        "--company",
        "Northwind",
        "--email",
        "wang@example.cn",
        "--role",
        "产品负责人",
    ]);
    assert_eq!(c["name"], "王芳");
    let contacts = db.json(&["contact", "list", "--of", "Northwind"]);
    assert_eq!(contacts[0]["email"], "wang@example.cn");
    assert_eq!(contacts[0]["client"], "Northwind");
}

#[test]
fn issue_life_cycle_through_the_cli() {
    let db = TestDb::new();
    db.ok(&["project", "add", "Portal", "--company", "Northwind"]);
    let out = db.ok(&[
        "issue",
        "add",
        "SSO login fails",
        "--project",
        "portal",
        "--severity",
        "critical",
        "--detected",
        "-2h",
        "--our-fault",
        "--cause",
        "Expired certificate",
        "--impact",
        "1,200 users cannot log in",
    ]);
    assert_eq!(out.trim(), "1", "issue add prints the new id");

    let issue = db.json(&["issue", "show", "1"]);
    assert_eq!(issue["id"], 1);
    assert_eq!(issue["title"], "SSO login fails");
    assert_eq!(issue["project"], "Portal");
    assert_eq!(issue["severity"], "critical");
    assert_eq!(issue["status"], "new");
    assert_eq!(issue["detected_at"], "2026-11-18T07:00:00Z");
    assert_eq!(issue["our_fault"], true);
    assert_eq!(issue["client_notified_at"], Value::Null);

    assert_eq!(
        db.ok(&[
            "issue",
            "option",
            "add",
            "1",
            "Roll back to 4.1",
            "--time",
            "1 hour",
            "--effect",
            "Login restored"
        ])
        .trim(),
        "1"
    );
    db.ok(&[
        "issue",
        "option",
        "add",
        "1",
        "Renew the certificate",
        "--time",
        "3 hours",
    ]);
    let chosen = db.json(&["issue", "option", "choose", "1", "2"]);
    let options = chosen["options"].as_array().unwrap();
    assert_eq!(options.len(), 2);
    assert_eq!(options[0]["time_needed"], "1 hour");
    assert_eq!(options[0]["chosen"], false);
    assert_eq!(options[1]["chosen"], true);

    let edited = db.json(&[
        "issue",
        "edit",
        "1",
        "--status",
        "in-progress",
        "--next-update",
        "tomorrow 10:00",
        "--notified",
        "08:30",
    ]);
    assert_eq!(edited["status"], "in-progress");
    assert_eq!(edited["next_update_due"], "2026-11-19T10:00:00Z");
    assert_eq!(edited["client_notified_at"], "2026-11-18T08:30:00Z");

    let resolved = db.json(&[
        "issue",
        "edit",
        "1",
        "--status",
        "resolved",
        "--resolution",
        "Certificate renewed",
        "--lessons",
        "Monitor expiry dates",
    ]);
    assert_eq!(resolved["resolved_at"], NOW);
    assert_eq!(resolved["next_update_due"], Value::Null);

    assert!(
        ids(&db.json(&["issue", "list"])).is_empty(),
        "resolved issues leave the open list"
    );
    assert_eq!(ids(&db.json(&["issue", "list", "--all"])), vec![1]);

    db.ok(&["issue", "archive", "1"]);
    assert!(ids(&db.json(&["issue", "list", "--all"])).is_empty());
    assert_eq!(
        db.json(&["issue", "show", "1"])["archived"],
        true,
        "archived, not deleted"
    );
}

#[test]
fn issue_list_filters_and_orders_worst_first() {
    let db = TestDb::new();
    db.ok(&["project", "add", "Portal"]);
    db.ok(&["project", "add", "Bank"]);
    db.ok(&["issue", "add", "Low thing", "-p", "Portal", "-s", "low"]);
    db.ok(&[
        "issue",
        "add",
        "Critical thing",
        "-p",
        "Portal",
        "-s",
        "critical",
    ]);
    db.ok(&["issue", "add", "转账页面白屏", "-p", "Bank", "-s", "high"]);
    assert_eq!(ids(&db.json(&["issue", "list"])), vec![2, 3, 1]);
    assert_eq!(
        ids(&db.json(&["issue", "list", "--project", "Bank"])),
        vec![3]
    );
    assert_eq!(
        ids(&db.json(&["issue", "list", "--severity", "low"])),
        vec![1]
    );
    assert_eq!(
        ids(&db.json(&["issue", "list", "--search", "白屏"])),
        vec![3]
    );
    assert_eq!(
        ids(&db.json(&["issue", "list", "--search", "CRITICAL"])),
        vec![2]
    );
    let text = db.ok(&["issue", "list"]);
    assert!(
        text.lines().next().unwrap().starts_with("id"),
        "a header line"
    );
    assert!(text.contains("转账页面白屏"));
    // --count answers how many, with the same filters.
    assert_eq!(db.ok(&["issue", "list", "--count"]), "3\n");
    assert_eq!(
        db.json(&["issue", "list", "--count", "--project", "Portal"]),
        serde_json::json!({ "count": 2 })
    );
    assert_eq!(
        db.ok(&["issue", "list", "--count", "--search", "thing"]),
        "2\n"
    );
    db.ok(&[
        "issue",
        "edit",
        "1",
        "--status",
        "resolved",
        "--resolution",
        "Fixed",
    ]);
    assert_eq!(db.ok(&["issue", "list", "--count"]), "2\n");
    assert_eq!(db.ok(&["issue", "list", "--count", "--all"]), "3\n");
    // Two weekly status reports, three notices (one skipped at resolution), one resolution.
    assert_eq!(
        db.json(&["update", "list", "--count", "--all"]),
        serde_json::json!({ "count": 6 })
    );
    assert_eq!(db.ok(&["update", "list", "--count"]), "5\n");
    assert_eq!(
        db.ok(&["log", "list", "--count", "--project", "Bank"]),
        "0\n"
    );
}

#[test]
fn update_queue_send_and_skip() {
    let db = TestDb::new();
    db.seed(); // a weekly project and a high issue detected at 09:00 (Wednesday)
    let queue = db.json(&["update", "list"]);
    assert_eq!(
        ids(&queue),
        vec![2, 1],
        "the rules queued a notice and a status report"
    );
    assert_eq!(queue[0]["kind"], "notice");
    assert_eq!(
        queue[0]["due_at"], "2026-11-18T13:00:00Z",
        "high: 4 h to tell the client"
    );
    assert_eq!(queue[1]["kind"], "status");
    assert_eq!(queue[1]["due_at"], "2026-11-20T15:00:00Z", "Friday 15:00");

    let u = db.json(&[
        "update",
        "add",
        "--project",
        "Portal",
        "--kind",
        "notice",
        "--subject",
        "Login problem",
        "--issue",
        "1",
        "--due",
        "+1h",
        "--body",
        "We found a problem with logins.",
    ]);
    assert_eq!(u["id"], 3);
    assert_eq!(u["state"], "draft");
    assert_eq!(u["due_at"], "2026-11-18T10:00:00Z");
    assert_eq!(u["channel"], "email", "the project's channel");
    assert_eq!(u["audience"], "Sarah Chen", "the client's first contact");
    assert_eq!(
        ids(&db.json(&["update", "list"])),
        vec![3, 2, 1],
        "by due time"
    );

    let sent = db.json(&["update", "sent", "3", "--at", "09:30"]);
    assert_eq!(sent["state"], "sent");
    assert_eq!(sent["sent_at"], "2026-11-18T09:30:00Z");
    let issue = db.json(&["issue", "show", "1"]);
    assert_eq!(
        issue["client_notified_at"], "2026-11-18T09:30:00Z",
        "sending tells the client"
    );
    assert_eq!(
        issue["next_update_due"], "2026-11-19T09:30:00Z",
        "high: follow up daily"
    );
    assert_eq!(
        db.json(&["update", "show", "2"])["state"],
        "skipped",
        "the drafted notice is no longer owed"
    );
    let queue = db.json(&["update", "list"]);
    assert_eq!(ids(&queue), vec![4, 1]);
    assert_eq!(queue[0]["kind"], "progress");
    assert_eq!(queue[0]["due_at"], "2026-11-19T09:30:00Z");
    let log = db.json(&["log", "list"]);
    assert_eq!(log[0]["direction"], "out");
    assert_eq!(log[0]["update_id"], 3);
    assert_eq!(log[0]["summary"], "Sent notice update: Login problem");

    let err = db.fails(&["update", "sent", "3"], 2);
    assert!(err.contains("update 3 is already sent"), "{err}");

    assert_eq!(db.json(&["update", "skip", "1"])["state"], "skipped");
    let queue = db.json(&["update", "list"]);
    assert_eq!(
        ids(&queue),
        vec![4, 5],
        "skipping a status report queues the next one"
    );
    assert_eq!(queue[1]["due_at"], "2026-11-27T15:00:00Z");
    assert_eq!(ids(&db.json(&["update", "list", "--all"])).len(), 5);
    assert_eq!(
        db.json(&["update", "show", "3"])["body"],
        "We found a problem with logins."
    );
}

#[test]
fn expectations_keep_every_change_with_its_reason() {
    let db = TestDb::new();
    db.seed();
    let e = db.json(&[
        "expect",
        "add",
        "Full data load by the end of the month",
        "--project",
        "Portal",
        "--category",
        "schedule",
        "--status",
        "agreed",
        "--due",
        "2026-11-30",
        "--measure",
        "All regions loaded",
    ]);
    assert_eq!(e["id"], 1);
    assert_eq!(e["agreed_on"], "2026-11-18");
    assert_eq!(e["due_on"], "2026-11-30");
    assert_eq!(e["revisions"].as_array().unwrap().len(), 1);

    let changed = db.json(&[
        "expect",
        "edit",
        "1",
        "--status",
        "changed",
        "--statement",
        "Full data load two days after month end",
        "--due",
        "2026-12-02",
        "--link-issue",
        "1",
        "--reason",
        "Client chose to reload the pilot region",
    ]);
    let revs = changed["revisions"].as_array().unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[1]["status_from"], "agreed");
    assert_eq!(revs[1]["status_to"], "changed");
    assert_eq!(
        revs[1]["statement_from"],
        "Full data load by the end of the month"
    );
    assert_eq!(
        revs[1]["statement_to"],
        "Full data load two days after month end"
    );
    assert_eq!(revs[1]["reason"], "Client chose to reload the pilot region");
    assert!(
        revs[1]["other_changes"]
            .as_str()
            .unwrap()
            .contains("due_on 2026-11-30 → 2026-12-02")
    );
    assert_eq!(changed["issue_ids"], serde_json::json!([1]));

    let err = db.fails(&["expect", "edit", "1", "--status", "met"], 2);
    assert!(err.contains("--reason"), "{err}");
    db.ok(&[
        "expect",
        "edit",
        "1",
        "--status",
        "met",
        "--reason",
        "Signed off",
    ]);
    assert!(
        ids(&db.json(&["expect", "list"])).is_empty(),
        "met leaves the live register"
    );
    assert_eq!(
        ids(&db.json(&["expect", "list", "--status", "met"])),
        vec![1]
    );
    let text = db.ok(&["expect", "show", "1"]);
    assert!(
        text.contains("agreed → changed: Client chose to reload the pilot region"),
        "{text}"
    );
    assert!(
        text.contains("was: Full data load by the end of the month"),
        "{text}"
    );
}

#[test]
fn communication_log() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "log",
        "add",
        "Complained about late exports",
        "-p",
        "Portal",
        "--dir",
        "in",
        "--kind",
        "complaint",
        "--sentiment",
        "-2",
        "--at",
        "-1d",
        "--issue",
        "1",
    ]);
    db.ok(&[
        "log",
        "add",
        "王芳很满意",
        "-p",
        "Portal",
        "--dir",
        "in",
        "--kind",
        "praise",
        "--sentiment",
        "2",
        "--channel",
        "chat",
    ]);
    let log = db.json(&["log", "list"]);
    assert_eq!(ids(&log), vec![2, 1], "newest first");
    assert_eq!(log[1]["sentiment"], -2);
    assert_eq!(log[1]["at"], "2026-11-17T09:00:00Z");
    assert_eq!(log[1]["issue_id"], 1);
    assert_eq!(log[0]["channel"], "chat");
    assert_eq!(ids(&db.json(&["log", "list", "--issue", "1"])), vec![1]);
}

#[test]
fn today_lists_what_is_owed() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "update", "add", "-p", "Portal", "-k", "notice", "-s", "Late one", "--due", "-1h",
    ]);
    db.ok(&[
        "update",
        "add",
        "-p",
        "Portal",
        "-k",
        "status",
        "-s",
        "Today one",
        "--due",
        "16:00",
    ]);
    db.ok(&[
        "update",
        "add",
        "-p",
        "Portal",
        "-k",
        "status",
        "-s",
        "Next week",
        "--due",
        "+7d",
    ]);
    db.ok(&[
        "expect",
        "add",
        "Pilot signed off",
        "-p",
        "Portal",
        "-c",
        "acceptance",
        "--due",
        "+3d",
    ]);
    let v = db.json(&["today"]);
    let items = v["items"].as_array().unwrap();
    let find = |section: &str| -> Vec<(String, i64)> {
        // seed: status report 1 (Friday), notice 2 (13:00 today); then 3 late, 4 today, 5 next week.
        items
            .iter()
            .filter(|i| i["section"] == section)
            .map(|i| {
                (
                    i["record"].as_str().unwrap().to_string(),
                    i["id"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(find("overdue-updates"), vec![("update".into(), 3)]);
    assert_eq!(
        find("due-today"),
        vec![("update".into(), 2), ("update".into(), 4)]
    );
    assert_eq!(find("client-unaware"), vec![("issue".into(), 1)]);
    assert_eq!(find("expectations"), vec![("expectation".into(), 1)]);
    assert_eq!(find("health"), vec![("project".into(), 1)]);
    assert_eq!(v["health"][0]["rating"], "amber");
}

#[test]
fn demo_fills_a_fresh_database_once_and_refuses_one_with_real_records() {
    let db = TestDb::new();
    let counts = db.json(&["demo"]);
    assert_eq!(counts["projects"], 4);
    assert!(counts["issues"].as_i64().unwrap() >= 8);
    assert!(counts["log_entries"].as_i64().unwrap() >= 10);
    let before = db.counts();
    // Again on the same file: nothing added, not an error, and it says how to open it.
    let again = db.ok(&["demo"]);
    assert!(again.contains("already holds sample data"), "{again}");
    assert!(again.contains("open it with: rapport --db "), "{again}");
    assert_eq!(db.counts(), before);
    let chinese = db.json(&["issue", "list", "--search", "白屏"]);
    assert_eq!(chinese.as_array().unwrap().len(), 1);

    // A file with a real project is refused untouched.
    let real = TestDb::new();
    real.ok(&["project", "add", "Client work"]);
    let before = real.counts();
    let err = real.fails(&["demo"], 2);
    assert!(err.contains("already has 1 project(s)"), "{err}");
    assert_eq!(real.counts(), before);
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let db = TestDb::new();
    db.ok(&["project", "add", "Portal"]);
    db.ok(&["issue", "add", "evil\u{1b}[2Jtitle\u{7}", "-p", "Portal"]);
    let text = db.ok(&["issue", "list"]);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("evil^[[2Jtitle^G"), "{text:?}");
    let json = db.json(&["issue", "show", "1"]);
    assert_eq!(json["title"], "evil\u{1b}[2Jtitle\u{7}", "stored as typed");
}
