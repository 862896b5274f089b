//! Meetings through the real binary with a fixed clock (Wednesday 2026-11-18 09:00 UTC):
//! minutes exported to the attendees (checked with Python's `email`), decisions in the log,
//! actions on Today until done, bad actions refused, a meeting held as contact, history and
//! undo.

use serde_json::Value;

use crate::common::{NOW, TestDb};

fn project(db: &TestDb) {
    db.ok(&[
        "project",
        "add",
        "Portal",
        "--company",
        "Northwind",
        "--cadence",
        "weekly",
    ]);
    for (name, email) in [
        ("Sarah Chen", "sarah@northwind.example"),
        ("Mark Olsen", "mark@northwind.example"),
    ] {
        db.ok(&[
            "contact",
            "add",
            name,
            "--company",
            "Northwind",
            "--email",
            email,
        ]);
    }
}

/// A meeting yesterday with both contacts; returns its id.
fn meeting(db: &TestDb) -> String {
    db.ok(&[
        "meeting",
        "add",
        "--project",
        "Portal",
        "--at",
        "2026-11-17 10:00",
        "--title",
        "Weekly progress",
        "--attendees",
        "Sarah Chen,mark@northwind.example",
        "--team",
        "Ana, Li Wei",
        "--agenda",
        "Data load progress",
    ])
    .trim()
    .to_string()
}

fn minutes(db: &TestDb, id: &str) -> Value {
    db.json(&[
        "meeting",
        "minutes",
        id,
        "--notes",
        "The load is 70% done.",
        "--decision",
        "Go live on 7 December",
        "--decision",
        "Reload the pilot region first",
        "--action",
        "Send the test plan;Ana;2026-11-20",
        "--action",
        "Confirm the cut-over window;Sarah Chen;2026-11-16",
    ])
}

/// What Python's mail parser reads in an .eml: every To address, the subject, the body.
fn parse_eml(path: &std::path::Path) -> Value {
    let script = r#"
import json, sys
from email import policy
from email.parser import BytesParser
with open(sys.argv[1], "rb") as f:
    msg = BytesParser(policy=policy.default).parse(f)
to = msg["To"]
print(json.dumps({
    "to": [[a.display_name, a.addr_spec] for a in to.addresses] if to else [],
    "subject": str(msg["Subject"]),
    "body": msg.get_content().replace("\r\n", "\n"),
    "unsent": msg["X-Unsent"],
    "defects": [type(d).__name__ for d in msg.defects],
}))
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(path)
        .output()
        .expect("python3 is needed to check .eml files with a standard parser");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json from the parser")
}

fn agenda_items(db: &TestDb, section: &str) -> Vec<Value> {
    db.json(&["today"])["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["section"] == section)
        .cloned()
        .collect()
}

#[test]
fn minutes_exported_as_eml_reach_every_attendee_in_the_clients_zone_and_nothing_private() {
    let db = TestDb::new();
    project(&db);
    db.ok(&["client", "edit", "Northwind", "--zone", "Asia/Shanghai"]);
    // The team's private record: never in client text.
    db.ok(&[
        "log",
        "add",
        "Grumbled about the invoice on the phone",
        "--project",
        "Portal",
        "--dir",
        "in",
        "--kind",
        "complaint",
        "--sentiment",
        "-2",
    ]);
    db.ok(&["review", "add", "--project", "Portal", "--score", "2"]);
    let id = meeting(&db);
    minutes(&db, &id);
    let file = db.dir.path().join("minutes.eml");
    db.ok(&[
        "meeting",
        "export",
        &id,
        "--format",
        "eml",
        "-o",
        file.to_str().expect("path"),
    ]);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).expect("file").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let m = parse_eml(&file);
    assert_eq!(m["defects"], serde_json::json!([]), "{m}");
    assert_eq!(
        m["to"],
        serde_json::json!([
            ["Sarah Chen", "sarah@northwind.example"],
            ["Mark Olsen", "mark@northwind.example"]
        ])
    );
    assert_eq!(
        m["subject"],
        "[Portal] Minutes: Weekly progress (2026-11-17)"
    );
    let body = m["body"].as_str().expect("body");
    for part in [
        "Dear all,",
        // 10:00 UTC is 18:00 in Shanghai.
        "Date and time: 2026-11-17 18:00 CST",
        "Attendees: Sarah Chen, Mark Olsen (Northwind); Ana, Li Wei (project team)",
        "Agenda\n- Data load progress",
        "Notes\nThe load is 70% done.",
        "Decisions\n1. Go live on 7 December\n2. Reload the pilot region first",
        "1. Send the test plan (owner: Ana; due 2026-11-20)",
        "2. Confirm the cut-over window (owner: Sarah Chen; due 2026-11-16)",
    ] {
        assert!(body.contains(part), "missing {part:?} in:\n{body}");
    }
    for private in ["Grumbled", "invoice", "mood", "sentiment", "2/5", "score"] {
        assert!(!body.contains(private), "{private:?} leaked into:\n{body}");
    }
}

#[test]
fn chinese_minutes_read_in_chinese_to_the_attendee() {
    let db = TestDb::new();
    db.ok(&["project", "add", "移动端", "--company", "华东银行"]);
    db.ok(&["client", "edit", "华东银行", "--language", "zh-CN"]);
    db.ok(&[
        "contact",
        "add",
        "王芳",
        "--company",
        "华东银行",
        "--email",
        "wang.fang@hdbank.example",
    ]);
    let id = db
        .ok(&[
            "meeting",
            "add",
            "--project",
            "移动端",
            "--at",
            "2026-11-17 08:00",
            "--title",
            "双周进度会",
            "--attendees",
            "王芳",
            "--team",
            "李伟",
        ])
        .trim()
        .to_string();
    db.ok(&[
        "meeting",
        "minutes",
        &id,
        "--decision",
        "12 月 7 日上线",
        "--action",
        "提交测试计划;李伟;2026-11-20",
    ]);
    let file = db.dir.path().join("纪要.eml");
    db.ok(&[
        "meeting",
        "export",
        &id,
        "--format",
        "eml",
        "-o",
        file.to_str().expect("path"),
    ]);
    let m = parse_eml(&file);
    assert_eq!(
        m["to"],
        serde_json::json!([["王芳", "wang.fang@hdbank.example"]])
    );
    assert_eq!(m["subject"], "【移动端】会议纪要：双周进度会（2026-11-17）");
    let body = m["body"].as_str().expect("body");
    for part in [
        "王芳，您好：",
        "感谢您拨冗参会",
        "会议时间：2026-11-17 08:00",
        "参会人员：王芳（华东银行）；李伟（项目组）",
        "会议决定\n1. 12 月 7 日上线",
        "待办事项\n1. 提交测试计划（负责人：李伟；完成日期：2026-11-20）",
        "此致\n敬礼！",
    ] {
        assert!(body.contains(part), "missing {part:?} in:\n{body}");
    }
    for english in ["Decisions", "Actions", "owner", "Dear", "Minutes"] {
        assert!(!body.contains(english), "{english:?} in:\n{body}");
    }
}

#[test]
fn markdown_minutes_name_the_attendees_and_the_sections() {
    let db = TestDb::new();
    project(&db);
    let id = meeting(&db);
    // No minutes yet: nothing to export.
    let err = db.fails(&["meeting", "export", &id, "--format", "md"], 2);
    assert!(err.contains("no minutes yet"), "{err}");
    minutes(&db, &id);
    let md = db.ok(&["meeting", "export", &id, "--format", "md"]);
    for part in [
        "# [Portal] Minutes: Weekly progress (2026-11-17)",
        "**To:** Sarah Chen <sarah@northwind.example>, Mark Olsen <mark@northwind.example>",
        "- Date and time: 2026-11-17 10:00 UTC",
        "## Agenda\n- Data load progress\n",
        "## Decisions\n1. Go live on 7 December",
        "## Actions\n1. Send the test plan (owner: Ana; due 2026-11-20)",
    ] {
        assert!(md.contains(part), "missing {part:?} in:\n{md}");
    }
    let err = db.fails(&["meeting", "export", &id, "--format", "pdf"], 2);
    assert!(err.contains("'pdf'") && err.contains("md, eml"), "{err}");
}

#[test]
fn decisions_go_into_the_log_linked_to_the_meeting() {
    let db = TestDb::new();
    project(&db);
    let id = meeting(&db);
    let done = minutes(&db, &id);
    let logged: Vec<i64> = done["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    assert_eq!(logged.len(), 2);
    let log = db.json(&["log", "list"]);
    let decisions: Vec<&Value> = log
        .as_array()
        .expect("log")
        .iter()
        .filter(|e| e["kind"] == "decision")
        .collect();
    assert_eq!(decisions.len(), 2, "{log}");
    for e in &decisions {
        assert_eq!(e["meeting_id"].to_string(), id);
        assert_eq!(e["channel"], "meeting");
        assert_eq!(e["at"], "2026-11-17T10:00:00Z");
        assert!(logged.contains(&e["id"].as_i64().expect("id")));
    }
    let shown = db.json(&["meeting", "show", &id]);
    assert_eq!(shown["decisions"][0]["text"], "Go live on 7 December");
    assert_eq!(shown["meeting"]["notes"], "The load is 70% done.");
    assert!(shown["meeting"]["minutes_at"].is_string());
}

#[test]
fn actions_stay_on_today_until_done_and_meetings_show_when_near_or_unminuted() {
    let db = TestDb::new();
    project(&db);
    let id = meeting(&db);
    // Held yesterday, no minutes: to record.
    let items = agenda_items(&db, "meetings");
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["tag"], "minutes");
    assert!(
        items[0]["text"]
            .as_str()
            .expect("text")
            .contains("record the minutes")
    );
    db.ok(&[
        "meeting",
        "add",
        "--project",
        "Portal",
        "--at",
        "2026-11-18 15:00",
        "--title",
        "Steering review",
        "--attendees",
        "Sarah Chen",
    ]);
    db.ok(&[
        "meeting",
        "add",
        "--project",
        "Portal",
        "--at",
        "2026-11-25 15:00",
        "--title",
        "Next week",
    ]);
    minutes(&db, &id);
    db.ok(&[
        "meeting",
        "minutes",
        &id,
        "--action",
        "Share the access list;Mark Olsen;2026-11-18",
    ]);
    let soon = agenda_items(&db, "meetings");
    assert_eq!(soon.len(), 1, "only the meeting within a day: {soon:?}");
    assert_eq!(soon[0]["tag"], "meeting");
    assert!(
        soon[0]["text"]
            .as_str()
            .expect("text")
            .contains("Steering review with Sarah Chen")
    );
    // Due 2026-11-16 (late) and today; the one due on the 20th is not due yet.
    let due = agenda_items(&db, "actions-due");
    let tags: Vec<(&str, &str)> = due
        .iter()
        .map(|i| {
            (
                i["tag"].as_str().unwrap_or(""),
                i["text"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(due.len(), 2, "{tags:?}");
    assert_eq!(tags[0].0, "overdue");
    assert!(
        tags[0]
            .1
            .contains("Confirm the cut-over window (owner Sarah Chen")
    );
    assert_eq!(tags[1].0, "today");
    assert!(tags[1].1.contains("owner Mark Olsen"));
    let today = db.json(&["today"]);
    let total = today["totals"]
        .as_array()
        .expect("totals")
        .iter()
        .find(|t| t["section"] == "actions-due")
        .map(|t| t["total"].clone());
    assert_eq!(total, Some(serde_json::json!(2)));
    let text = db.ok(&["today"]);
    assert!(text.contains("Meeting actions due (2)"), "{text}");

    let open = db.json(&["action", "list", "--open"]);
    let late = open
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["owner"] == "Sarah Chen")
        .and_then(|a| a["id"].as_i64())
        .expect("the late action");
    db.ok(&["action", "done", &late.to_string()]);
    let due = agenda_items(&db, "actions-due");
    assert_eq!(due.len(), 1, "{due:?}");
    assert!(!due[0]["text"].as_str().unwrap_or("").contains("Sarah Chen"));
    assert_eq!(
        db.json(&["action", "list", "--open"])
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        db.json(&["action", "list"]).as_array().map(Vec::len),
        Some(3)
    );
    let again = db.fails(&["action", "done", &late.to_string()], 2);
    assert!(again.contains("already done"), "{again}");
}

#[test]
fn a_bad_action_or_attendee_is_refused_in_one_line_and_nothing_is_written() {
    let db = TestDb::new();
    project(&db);
    let id = meeting(&db);
    let before = db.counts();
    for (action, names) in [
        ("Send the plan;Ana", "three parts"),
        ("Send the plan;;fri", "OWNER"),
        (";Ana;fri", "TEXT"),
        ("Send the plan;Ana;someday", "WHEN 'someday'"),
    ] {
        let err = db.fails(
            &[
                "meeting",
                "minutes",
                &id,
                "--decision",
                "A decision that must not be logged",
                "--action",
                "A good one;Ana;fri",
                "--action",
                action,
            ],
            2,
        );
        assert!(err.contains(names), "{action}: {err}");
        assert!(err.contains("TEXT;OWNER;WHEN"), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert_eq!(db.counts(), before, "{action} wrote something");
    }
    let err = db.fails(
        &[
            "meeting",
            "add",
            "--project",
            "Portal",
            "--at",
            "fri 10:00",
            "--title",
            "Review",
            "--attendees",
            "Sarah Chen,Bob",
        ],
        2,
    );
    assert!(err.contains("'Bob'") && err.contains("Sarah Chen"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(db.counts(), before);
    // A meeting still ahead has no minutes yet.
    let later = db
        .ok(&[
            "meeting",
            "add",
            "--project",
            "Portal",
            "--at",
            "fri 10:00",
            "--title",
            "Review",
        ])
        .trim()
        .to_string();
    let err = db.fails(&["meeting", "minutes", &later, "--notes", "x"], 2);
    assert!(err.contains("still ahead"), "{err}");
}

#[test]
fn a_meeting_held_counts_as_contact_with_the_client() {
    let db = TestDb::new();
    db.ensure();
    // The project began two weeks before the fixed clock, with no contact since.
    let out = db
        .cmd()
        .env("RAPPORT_NOW", "2026-11-04T09:00:00Z")
        .args([
            "project",
            "add",
            "Portal",
            "--company",
            "Northwind",
            "--cadence",
            "weekly",
        ])
        .output()
        .expect("run");
    assert!(out.status.success());
    db.ok(&[
        "contact",
        "add",
        "Sarah Chen",
        "--company",
        "Northwind",
        "--email",
        "sarah@northwind.example",
    ]);
    let health = |db: &TestDb| db.json(&["today"])["health"][0].clone();
    assert_eq!(health(&db)["quiet"], true);
    assert_eq!(agenda_items(&db, "quiet-clients").len(), 1);
    let id = db
        .ok(&[
            "meeting",
            "add",
            "--project",
            "Portal",
            "--at",
            "2026-11-16 10:00",
            "--title",
            "Progress",
            "--attendees",
            "Sarah Chen",
        ])
        .trim()
        .to_string();
    // Planned is not held: still quiet.
    assert_eq!(health(&db)["quiet"], true);
    db.ok(&["meeting", "minutes", &id, "--notes", "All on track."]);
    let h = health(&db);
    assert_eq!(h["quiet"], false, "{h}");
    assert_eq!(h["last_contact"], "2026-11-16T10:00:00Z");
    assert!(!h["reasons"].to_string().contains("quiet"), "{h}");
    assert!(agenda_items(&db, "quiet-clients").is_empty());
    // An archived meeting no longer counts.
    db.ok(&["meeting", "archive", &id]);
    assert_eq!(health(&db)["quiet"], true);
    assert!(NOW.starts_with("2026-11-18"));
}

#[test]
fn a_meeting_has_a_history_and_its_changes_undo() {
    let db = TestDb::new();
    project(&db);
    let id = meeting(&db);
    db.ok(&["meeting", "edit", &id, "--title", "Weekly progress (moved)"]);
    let history = db.ok(&["history", "meeting", &id]);
    assert!(history.contains("created"), "{history}");
    assert!(
        history.contains("title: Weekly progress → Weekly progress (moved)"),
        "{history}"
    );
    let undone = db.ok(&["undo"]);
    assert!(undone.contains("meeting"), "{undone}");
    assert_eq!(
        db.json(&["meeting", "show", &id])["meeting"]["title"],
        "Weekly progress"
    );
    // Undoing the minutes takes back the decisions, the actions and the held mark.
    minutes(&db, &id);
    assert_eq!(
        db.json(&["action", "list"]).as_array().map(Vec::len),
        Some(2)
    );
    db.ok(&["undo"]);
    let shown = db.json(&["meeting", "show", &id]);
    assert!(shown["meeting"]["minutes_at"].is_null(), "{shown}");
    assert_eq!(shown["decisions"], serde_json::json!([]));
    assert_eq!(shown["actions"], serde_json::json!([]));
    assert_eq!(
        db.json(&["action", "list"]).as_array().map(Vec::len),
        Some(0)
    );
    let log = db.json(&["log", "list"]);
    assert_eq!(log.as_array().map(Vec::len), Some(0), "{log}");
    // The meeting's history tells its parts: who was invited, the actions agreed.
    let history = db.ok(&["history", "meeting", &id]);
    assert!(history.contains("attendee 1"), "{history}");
    assert!(history.contains("action 1"), "{history}");
    let action_history = db.ok(&["history", "action", "1"]);
    assert!(action_history.contains("created"), "{action_history}");
    // Undoing the meeting itself archives it.
    db.ok(&["undo"]);
    assert_eq!(
        db.json(&["meeting", "list"]).as_array().map(Vec::len),
        Some(0)
    );
    assert_eq!(
        db.json(&["meeting", "show", &id])["meeting"]["archived"],
        true
    );
}

#[test]
fn a_meeting_held_is_the_plans_last_meeting_even_without_decisions() {
    let db = TestDb::new();
    db.ensure();
    let earlier = |args: &[&str]| {
        let out = db
            .cmd()
            .env("RAPPORT_NOW", "2026-11-04T09:00:00Z")
            .args(args)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    earlier(&["project", "add", "Portal", "--company", "Northwind"]);
    earlier(&[
        "plan",
        "add",
        "--project",
        "Portal",
        "--what",
        "Progress meeting",
        "--kind",
        "meeting",
        "--every",
        "weekly",
    ]);
    assert_eq!(agenda_items(&db, "meetings-to-hold").len(), 1);
    let id = db
        .ok(&[
            "meeting",
            "add",
            "--project",
            "Portal",
            "--at",
            "2026-11-16 10:00",
            "--title",
            "Progress meeting",
        ])
        .trim()
        .to_string();
    assert_eq!(
        agenda_items(&db, "meetings-to-hold").len(),
        1,
        "planned is not held"
    );
    db.ok(&["meeting", "minutes", &id, "--notes", "On track."]);
    assert!(agenda_items(&db, "meetings-to-hold").is_empty());
}
