//! Exported updates and reports, checked by a standard mail parser (Python's `email`).

use crate::common;

use common::TestDb;
use serde_json::Value;

fn parse_eml(path: &std::path::Path) -> Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/parse_eml.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(path)
        .output()
        .expect("python3 is needed to check .eml files with a standard parser");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn pending_update(db: &TestDb, search: &str) -> i64 {
    let list = db.json(&["update", "list", "--search", search]);
    list[0]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no update matching {search}: {list}"))
}

#[test]
fn an_english_update_exports_as_a_valid_draft_message() {
    let db = TestDb::new();
    db.ok(&["demo"]);
    let id = pending_update(&db, "SSO login fails");
    let file = db.dir.path().join("notice.eml");
    db.ok(&[
        "update",
        "export",
        &id.to_string(),
        "--format",
        "eml",
        "--output",
        file.to_str().unwrap(),
    ]);
    let m = parse_eml(&file);
    assert_eq!(m["defects"], serde_json::json!([]));
    assert_eq!(
        m["subject"],
        "[Northwind Portal] SSO login fails for all users after release 4.2"
    );
    assert_eq!(m["to_name"], "Sarah Chen");
    assert_eq!(m["to_address"], "sarah.chen@northwind.example");
    assert_eq!(m["date"], "Wed, 18 Nov 2026 09:00:00 +0000");
    assert_eq!(m["content_type"], "text/plain");
    assert_eq!(m["charset"], "utf-8");
    assert_eq!(m["unsent"], "1");
    let body = m["body"].as_str().unwrap();
    assert!(body.starts_with("Dear Sarah Chen,"), "{body}");
    assert!(body.contains("This one is our fault"));
    assert!(body.contains("Roll back to release 4.1"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn a_chinese_subject_and_recipient_survive_the_round_trip() {
    let db = TestDb::new();
    db.ok(&["demo"]);
    let id = pending_update(&db, "转账页面");
    let file = db.dir.path().join("zh.eml");
    db.ok(&[
        "update",
        "export",
        &id.to_string(),
        "--output",
        file.to_str().unwrap(),
    ]);
    let raw = std::fs::read_to_string(&file).unwrap();
    // The headers are encoded; the body is 8bit UTF-8 on purpose (it greps as written).
    let (headers, body) = raw.split_once("\r\n\r\n").unwrap();
    assert!(headers.is_ascii(), "headers are encoded: {raw}");
    assert!(body.contains("修复补丁正在验证"), "{raw}");
    let m = parse_eml(&file);
    assert_eq!(m["defects"], serde_json::json!([]));
    assert_eq!(
        m["subject"],
        "【华东银行 移动端】进展更新：转账页面在 iOS 17 上偶尔白屏"
    );
    assert_eq!(m["to_name"], "王芳");
    assert_eq!(m["to_address"], "wang.fang@hdbank.example");
    let body = m["body"].as_str().unwrap();
    assert!(body.contains("修复补丁正在验证"), "the client note: {body}");
    assert!(
        !body.contains("客服电话明显增多"),
        "never the private log: {body}"
    );
}

#[test]
fn a_status_report_exports_as_markdown_json_and_mail() {
    let db = TestDb::new();
    db.ok(&["demo"]);
    let md = db.ok(&["report", "status", "--project", "Northwind Portal"]);
    assert!(md.starts_with("# [Northwind Portal] Status report"), "{md}");
    assert!(md.contains("Open issues and risks"));
    let json = db.json(&["report", "status", "--project", "Northwind Portal"]);
    assert_eq!(json["project"], "Northwind Portal");
    assert_eq!(json["open_issues"].as_array().unwrap().len(), 3);
    assert_eq!(json["decisions_needed"].as_array().unwrap().len(), 1);
    let file = db.dir.path().join("closing.eml");
    db.ok(&[
        "report",
        "closing",
        "--project",
        "Acme Checkout",
        "--format",
        "eml",
        "-o",
        file.to_str().unwrap(),
    ]);
    let m = parse_eml(&file);
    assert_eq!(m["subject"], "[Acme Checkout] Closing report");
    assert_eq!(m["to_address"], "tom.becker@acme.example");
    assert!(
        m["body"]
            .as_str()
            .unwrap()
            .contains("Outcomes against the agreed expectations")
    );
    let text = db.ok(&["update", "export", "1", "--format", "text"]);
    assert!(text.starts_with("Subject: "), "{text}");
}

#[test]
fn update_draft_picks_the_kind_the_issue_needs_and_does_not_duplicate() {
    let db = TestDb::new();
    db.seed(); // issue 1, not yet told: a notice is pending (update 2)
    let first = db.json(&["update", "draft", "--issue", "1"]);
    assert_eq!(first["kind"], "notice");
    assert_eq!(
        first["id"], 2,
        "the pending notice is refreshed, not duplicated"
    );
    let progress = db.json(&["update", "draft", "--issue", "1", "--kind", "progress"]);
    assert_eq!(progress["kind"], "progress");
    assert_eq!(progress["id"], 3);
    assert!(progress["body"].as_str().unwrap().contains("Next steps"));
    let err = db.fails(&["update", "draft", "--issue", "1", "--kind", "status"], 2);
    assert!(err.contains("invalid kind 'status'"), "{err}");
    db.ok(&[
        "issue",
        "edit",
        "1",
        "--status",
        "resolved",
        "--resolution",
        "Fixed",
    ]);
    let resolution = db.json(&["update", "draft", "--issue", "1"]);
    assert_eq!(resolution["kind"], "resolution");
}

#[test]
fn today_json_lists_exactly_what_the_today_pane_shows() {
    use rapport::clock::Clock;
    use rapport::config::Config;
    use rapport::model::when::Zone;
    use rapport::store::Store;
    use rapport::workflow::Policy;

    let db = TestDb::new();
    db.ok(&["demo"]);
    let cli = db.json(&["today"]);
    let from_cli: Vec<(String, String, i64)> = cli["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["section"].as_str().unwrap().to_string(),
                i["record"].as_str().unwrap().to_string(),
                i["id"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut store = Store::open(&db.path).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .to_utc();
    let mut app = rapport::tui::start(
        &mut store,
        &Config::default(),
        Clock::Fixed(now),
        Zone::UTC,
        (120, 40),
    )
    .unwrap();
    let policy = Policy::standard();
    rapport::tui::run_effects(
        &mut rapport::tui::effects::Effects {
            store: &mut store,
            clock: Clock::Fixed(now),
            policy: &policy,
        },
        &mut app,
        vec![rapport::tui::effects::Effect::ApplyRules],
    );
    let from_pane: Vec<(String, String, i64)> = app
        .today
        .items()
        .iter()
        .map(|i| {
            let section = serde_json::to_value(i.section).unwrap();
            (
                section.as_str().unwrap().to_string(),
                i.record.kind().to_string(),
                i.record.id(),
            )
        })
        .collect();
    assert!(from_cli.len() > 10);
    assert_eq!(from_cli, from_pane);
}
