//! What a newcomer trial found the client would read: next steps that name an issue by its
//! title in the words of what comes next, and plain wording in reports and letters. The real
//! binary with a fixed clock.

use crate::common;

use common::TestDb;

#[test]
fn a_pending_resolution_letter_is_a_confirmation_named_by_the_issue_title() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "issue",
        "edit",
        "1",
        "--status",
        "resolved",
        "--resolution",
        "Logins work again.",
    ]);
    let report = db.ok(&["report", "status", "-p", "Portal", "--format", "text"]);
    assert!(
        report.contains("- We will confirm the fix of \"Login fails\" "),
        "{report}"
    );
    assert!(!report.contains("Update on \"Resolved"), "{report}");
    assert!(!report.contains("\"Resolved: "), "{report}");

    db.ok(&["project", "add", "华东银行 移动端", "--company", "华东银行"]);
    db.ok(&["client", "edit", "华东银行", "--language", "zh-CN"]);
    db.ok(&["issue", "add", "转账页面白屏", "-p", "华东银行 移动端"]);
    db.ok(&[
        "issue",
        "edit",
        "2",
        "--status",
        "resolved",
        "--resolution",
        "已修复。",
    ]);
    let zh = db.ok(&[
        "report",
        "status",
        "-p",
        "华东银行 移动端",
        "--format",
        "text",
    ]);
    assert!(zh.contains("向您确认“转账页面白屏”的解决结果"), "{zh}");
    assert!(!zh.contains("问题已解决："), "{zh}");
    assert!(!zh.contains("更新“"), "{zh}");
}

#[test]
fn a_new_milestone_date_without_a_reason_names_the_missing_reason_and_writes_nothing() {
    let db = TestDb::new();
    db.seed();
    let m = db.ok(&[
        "milestone",
        "add",
        "Design",
        "-p",
        "Portal",
        "--due",
        "2026-12-01",
    ]);
    let before = db.counts();
    let err = db.fails(&["milestone", "edit", m.trim(), "--due", "2026-12-20"], 2);
    assert!(err.contains("a new due date needs --reason WHY"), "{err}");
    assert!(!err.contains("invalid due ''"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(db.counts(), before);
}

#[test]
fn reports_say_severity_in_words_a_choice_without_a_status_and_a_moved_date_plainly() {
    let db = TestDb::new();
    db.seed();
    db.ok(&["issue", "edit", "1", "--status", "investigating"]);
    db.ok(&["issue", "option", "add", "1", "Renew the certificate"]);
    let m = db.ok(&[
        "milestone",
        "add",
        "Go-live",
        "-p",
        "Portal",
        "--due",
        "2026-12-01",
    ]);
    db.ok(&[
        "milestone",
        "edit",
        m.trim(),
        "--due",
        "2026-12-12",
        "--reason",
        "The scanner firmware arrives late",
    ]);
    let status = db.ok(&["report", "status", "-p", "Portal", "--format", "text"]);
    assert!(
        status.contains("- High: Login fails. Plan: options proposed, waiting for your choice"),
        "{status}"
    );
    assert!(!status.contains("under investigation"), "{status}");
    assert!(!status.contains("[high]"), "{status}");
    assert!(
        status.contains("- Moved: Go-live, now due 2026-12-12. Reason: The scanner firmware"),
        "{status}"
    );
    assert!(!status.contains("because The"), "{status}");

    let closing = db.ok(&["report", "closing", "-p", "Portal", "--format", "text"]);
    assert!(
        closing.contains("- Go-live: rescheduled to 2026-12-12"),
        "{closing}"
    );
    assert!(!closing.contains("slipped"), "{closing}");
    assert!(closing.contains("- High: Login fails ("), "{closing}");

    db.ok(&["client", "edit", "Northwind", "--language", "zh-CN"]);
    let zh = db.ok(&["report", "closing", "-p", "Portal", "--format", "text"]);
    assert!(zh.contains("- Go-live：已改期至 2026-12-12"), "{zh}");
    let zh = db.ok(&["report", "status", "-p", "Portal", "--format", "text"]);
    assert!(zh.contains("Login fails。计划：方案已提出"), "{zh}");
}

#[test]
fn the_chinese_status_page_names_its_client_and_its_date_like_the_english_one() {
    let db = TestDb::new();
    db.seed();
    db.ok(&["project", "add", "华东银行 移动端", "--company", "华东银行"]);
    db.ok(&["client", "edit", "华东银行", "--language", "zh-CN"]);
    let page = |project: &str, name: &str| {
        let path = db.dir.path().join(name);
        db.ok(&[
            "report",
            "status",
            "-p",
            project,
            "--format",
            "html",
            "-o",
            path.to_str().expect("utf-8 path"),
        ]);
        std::fs::read_to_string(&path).expect("the page")
    };
    let zh = page("华东银行 移动端", "zh.html");
    assert!(zh.contains("<div class=\"client\">华东银行</div>"), "{zh}");
    assert!(zh.contains("状态截至 2026-"), "{zh}");
    let en = page("Portal", "en.html");
    assert!(en.contains("<div class=\"client\">Northwind</div>"), "{en}");
    assert!(en.contains("Status as of 2026-"), "{en}");
}

#[test]
fn the_minutes_as_plain_text_list_the_agenda_with_bullets() {
    let db = TestDb::new();
    db.seed();
    let id = db.ok(&[
        "meeting",
        "add",
        "--project",
        "Portal",
        "--at",
        "2026-11-17 10:00",
        "--title",
        "Weekly progress",
        "--attendees",
        "Sarah Chen",
        "--agenda",
        "Data load progress\nGo-live date",
    ]);
    db.ok(&["meeting", "minutes", id.trim(), "--notes", "Going well."]);
    let eml = db.ok(&["meeting", "export", id.trim(), "--format", "eml"]);
    assert!(
        eml.contains("- Data load progress\r\n- Go-live date"),
        "{eml}"
    );
}
