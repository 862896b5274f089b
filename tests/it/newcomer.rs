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
