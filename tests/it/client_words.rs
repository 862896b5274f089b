//! What the client reads, word by word: promised times that match the queue, the client's
//! language and zone, no internal queue words, real plurals, and a sent update that exports as
//! what was sent. The real binary with a fixed clock.

use crate::common;

use common::TestDb;
use serde_json::Value;

fn all_updates(db: &TestDb) -> Vec<Value> {
    db.json(&["update", "list", "--all"])
        .as_array()
        .expect("a list")
        .clone()
}

/// The pending update of this kind (and issue, when given).
fn pending(db: &TestDb, kind: &str, issue: Option<i64>) -> Value {
    all_updates(db)
        .into_iter()
        .find(|u| {
            u["kind"] == kind
                && u["state"] == "draft"
                && issue.is_none_or(|i| u["issue_id"].as_i64() == Some(i))
        })
        .unwrap_or_else(|| panic!("a pending {kind} update"))
}

fn id_of(u: &Value) -> String {
    u["id"].as_i64().expect("an id").to_string()
}

/// "2026-11-18T15:30:00Z" as the drafts show it in UTC: "2026-11-18 15:30".
fn shown(rfc3339: &str) -> String {
    rfc3339.replace('T', " ")[..16].to_string()
}

fn body_of(db: &TestDb, id: &str) -> String {
    db.json(&["update", "show", id])["body"]
        .as_str()
        .expect("a body")
        .to_string()
}

#[test]
fn a_status_report_promises_the_queued_follow_up_and_the_queued_next_report() {
    let db = TestDb::new();
    db.seed();
    let notice = pending(&db, "notice", Some(1));
    db.ok(&["update", "sent", &id_of(&notice)]);
    let progress = pending(&db, "progress", Some(1));
    let due = shown(progress["due_at"].as_str().expect("a due time"));
    let status = pending(&db, "status", None);
    let status_due = status["due_at"].as_str().expect("a due time").to_string();

    // Asked today, the report promises the issue's follow-up at its queued time...
    let report = db.json(&["report", "status", "-p", "Portal", "--format", "json"]);
    let line = db.ok(&["report", "status", "-p", "Portal", "--format", "text"]);
    let issue_line = line
        .lines()
        .find(|l| l.contains("Login fails ("))
        .unwrap_or_else(|| panic!("an issue line in {line}"));
    assert!(
        issue_line.contains(&format!("Next update by {due}")),
        "{issue_line} should promise the queued follow-up at {due}"
    );
    // ...the next steps name that update in the client's words, never a queue kind...
    assert!(
        line.contains(&format!("- Update on \"Login fails\" by {due}")),
        "{line}"
    );
    assert!(!line.contains("Notice by") && !line.contains("Progress update by"));
    // ...and the next report is the one queued.
    assert_eq!(report["next_report"], status_due[..10], "{report}");

    // The queued report's own draft promises the report the rules queue after it.
    db.ok(&[
        "project",
        "add",
        "Quiet",
        "--company",
        "Northwind",
        "--cadence",
        "weekly",
    ]);
    let quiet = all_updates(&db)
        .into_iter()
        .find(|u| u["kind"] == "status" && u["project"] == "Quiet")
        .expect("a queued status report for Quiet");
    let body = body_of(&db, &id_of(&quiet));
    let promised = body
        .split("next report by ")
        .nth(1)
        .and_then(|r| r.get(..10))
        .unwrap_or_else(|| panic!("a next report date in {body}"))
        .to_string();
    let quiet_due = quiet["due_at"].as_str().expect("a due time");
    db.ok(&["update", "sent", &id_of(&quiet), "--at", quiet_due]);
    let next = all_updates(&db)
        .into_iter()
        .find(|u| u["kind"] == "status" && u["project"] == "Quiet" && u["state"] == "draft")
        .expect("the next status report queued");
    assert_eq!(next["due_at"].as_str().expect("a due")[..10], promised);
    assert!(promised.as_str() > &quiet_due[..10]);
}

#[test]
fn the_demo_writes_to_its_chinese_client_in_chinese() {
    let db = TestDb::new();
    db.ok(&["demo"]);
    let bank: Vec<Value> = all_updates(&db)
        .into_iter()
        .filter(|u| u["project"] == "华东银行 移动端")
        .collect();
    assert!(bank.len() > 3, "the bank has updates: {bank:?}");
    for u in &bank {
        let body = body_of(&db, &id_of(u));
        let subject = u["subject"].as_str().expect("a subject");
        assert!(subject.starts_with('【'), "update {}: {subject}", u["id"]);
        assert!(
            !body.contains("Dear") && !body.contains("Best regards") && body.contains("此致"),
            "update {} is not Chinese:\n{body}",
            u["id"]
        );
    }
    let md = db.ok(&[
        "report",
        "status",
        "-p",
        "华东银行 移动端",
        "--format",
        "md",
    ]);
    assert!(md.contains("**日期：**") && md.contains("此致"), "{md}");
    assert!(!md.contains("**Date:**") && !md.contains("**To:**"), "{md}");
    let en = db.ok(&[
        "report",
        "status",
        "-p",
        "Northwind Portal",
        "--format",
        "md",
    ]);
    assert!(en.contains("**Date:**"), "{en}");
}

fn eml_of(db: &TestDb, id: &str) -> String {
    let path = db.dir.path().join(format!("update-{id}.eml"));
    db.ok(&[
        "update",
        "export",
        id,
        "--format",
        "eml",
        "-o",
        path.to_str().expect("a path"),
    ]);
    std::fs::read_to_string(&path).expect("the .eml")
}

#[test]
fn a_sent_update_exports_as_sent_at_its_send_time_and_a_draft_as_unsent_today() {
    let db = TestDb::new();
    db.seed();
    let notice = id_of(&pending(&db, "notice", Some(1)));
    db.ok(&["update", "sent", &notice, "--at", "2026-11-17T14:30:00Z"]);
    let sent = eml_of(&db, &notice);
    let parsed = mail_parser::MessageParser::default()
        .parse(sent.as_bytes())
        .expect("a message");
    let date = parsed.date().expect("a Date header");
    assert_eq!(
        date.to_timestamp(),
        chrono::DateTime::parse_from_rfc3339("2026-11-17T14:30:00Z")
            .unwrap()
            .timestamp(),
        "{sent}"
    );
    assert!(parsed.header("X-Unsent").is_none(), "{sent}");

    let draft = id_of(&pending(&db, "progress", Some(1)));
    let unsent = eml_of(&db, &draft);
    let parsed = mail_parser::MessageParser::default()
        .parse(unsent.as_bytes())
        .expect("a message");
    assert!(parsed.header("X-Unsent").is_some(), "{unsent}");
    assert_eq!(
        parsed.date().expect("a Date header").to_timestamp(),
        chrono::DateTime::parse_from_rfc3339(common::NOW)
            .unwrap()
            .timestamp()
    );
}

/// Every "YYYY-MM-DD HH:MM" in `text`, with what follows it.
fn stated_times(text: &str) -> Vec<(String, String)> {
    let shape = |w: &[u8]| {
        w.len() == 16
            && w.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                10 => *c == b' ',
                13 => *c == b':',
                _ => c.is_ascii_digit(),
            })
    };
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(15))
        .filter(|&i| shape(&bytes[i..i + 16]))
        .map(|i| {
            let rest: String = text[i + 16..].chars().take(4).collect();
            (text[i..i + 16].to_string(), rest)
        })
        .collect()
}

#[test]
fn every_time_in_a_draft_is_on_the_clients_clock_with_its_zone() {
    let db = TestDb::new();
    db.seed();
    db.ok(&["client", "edit", "Northwind", "--zone", "Asia/Shanghai"]);
    let notice = id_of(&pending(&db, "notice", Some(1)));
    db.ok(&["update", "sent", &notice, "--at", "2026-11-17T14:30:00Z"]);
    db.ok(&[
        "issue",
        "note",
        "1",
        "Patched the login service",
        "--at",
        "2026-11-18T08:10:00Z",
    ]);
    let progress = pending(&db, "progress", Some(1));
    let body = body_of(&db, &id_of(&progress));
    let times = stated_times(&body);
    assert!(
        times.len() >= 3,
        "last update, a change and the next update: {body}"
    );
    for (t, after) in &times {
        assert_eq!(after, " CST", "{t} is not labelled CST in:\n{body}");
    }
    let stated: Vec<&str> = times.iter().map(|(t, _)| t.as_str()).collect();
    // Shanghai wall clock: UTC+8.
    assert!(stated.contains(&"2026-11-17 22:30"), "last update: {body}");
    assert!(stated.contains(&"2026-11-18 16:10"), "the note: {body}");
}

#[test]
fn without_a_client_zone_a_draft_labels_its_times_with_the_pms_zone() {
    let db = TestDb::new();
    db.seed();
    let notice = id_of(&pending(&db, "notice", Some(1)));
    db.ok(&["update", "sent", &notice, "--at", "2026-11-17T14:30:00Z"]);
    let body = body_of(&db, &id_of(&pending(&db, "progress", Some(1))));
    let times = stated_times(&body);
    assert!(!times.is_empty(), "{body}");
    for (t, after) in &times {
        assert_eq!(after, " UTC", "{t} is not labelled UTC in:\n{body}");
    }
    assert!(body.contains("2026-11-17 14:30 UTC"), "{body}");
}

#[test]
fn reports_count_in_real_plurals_and_name_a_project_once() {
    let db = TestDb::new();
    db.seed();
    db.ok(&["issue", "option", "add", "1", "Roll back to release 4.1"]);
    let notice = id_of(&pending(&db, "notice", Some(1)));
    // Sent after the project began, and the report asked for later that day.
    let later = |args: &[&str]| {
        let out = db
            .cmd()
            .env("RAPPORT_NOW", "2026-11-18T12:00:00Z")
            .args(args)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    later(&["update", "sent", &notice, "--at", "2026-11-18T10:00:00Z"]);
    let report = later(&["report", "status", "-p", "Portal", "--format", "text"]);
    assert!(
        report.contains("- 0 issues resolved, 1 open, 1 update sent to you in the period."),
        "{report}"
    );
    assert!(report.contains("(1 option)"), "{report}");
    assert!(!report.contains("(s)"), "{report}");
    // A period of one day reads as that day.
    assert!(report.contains("for Portal for 2026-11-18."), "{report}");

    db.ok(&["project", "add", "华东银行 移动端", "--company", "华东银行"]);
    db.ok(&["client", "edit", "华东银行", "--language", "zh-CN"]);
    let closing = db.ok(&[
        "report",
        "closing",
        "-p",
        "华东银行 移动端",
        "--format",
        "text",
    ]);
    assert!(closing.contains("\n华东银行 移动端即将结项。"), "{closing}");
    assert!(!closing.contains("华东银行的"), "{closing}");
    // Created today: the project's period is one date, and updates are counted with 条.
    assert!(closing.contains("- 时间：2026-11-18。"), "{closing}");
    assert!(closing.contains("- 向您发送的更新：0 条。"), "{closing}");
}

#[test]
fn choosing_recipients_leaves_the_draft_up_to_date() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "contact",
        "add",
        "Bob Li",
        "--company",
        "Northwind",
        "--email",
        "bob@northwind.example",
    ]);
    let notice = id_of(&pending(&db, "notice", Some(1)));
    db.ok(&[
        "update",
        "edit",
        &notice,
        "--to",
        "Bob Li",
        "--cc",
        "Sarah Chen",
    ]);
    let shown = db.json(&["update", "show", &notice]);
    assert_eq!(shown["edited"], false, "recipients are not words: {shown}");
    db.ok(&["issue", "option", "add", "1", "Roll back to release 4.1"]);
    let body = body_of(&db, &notice);
    assert!(body.contains("Roll back to release 4.1"), "{body}");
    assert!(
        body.contains("Bob Li"),
        "written to the new recipient: {body}"
    );
    // A typed subject is the person's: the draft keeps it from then on.
    db.ok(&["update", "edit", &notice, "--subject", "Login trouble"]);
    db.ok(&["issue", "option", "add", "1", "Hotfix the session cookie"]);
    let kept = db.json(&["update", "show", &notice]);
    assert_eq!(kept["subject"], "Login trouble");
    assert!(
        !kept["body"].as_str().unwrap_or_default().contains("Hotfix"),
        "{kept}"
    );
}

#[test]
fn next_steps_never_list_a_notice_or_a_queue_kind() {
    let db = TestDb::new();
    db.seed();
    // The issue's notice is still queued: our first word on it, which the report is.
    pending(&db, "notice", Some(1));
    for (language, words) in [
        ("en", ["Notice", "Progress update"]),
        ("zh-CN", ["问题通知", "进展更新"]),
    ] {
        db.ok(&["client", "edit", "Northwind", "--language", language]);
        let report = db.ok(&["report", "status", "-p", "Portal", "--format", "text"]);
        let steps = report
            .split(if language == "en" {
                "Next steps"
            } else {
                "下一步"
            })
            .nth(1)
            .unwrap_or_else(|| panic!("a next steps section in {report}"));
        for w in words {
            assert!(!steps.contains(w), "{w} in the next steps of:\n{report}");
        }
        assert!(!steps.contains("Login fails"), "{report}");
    }
}
