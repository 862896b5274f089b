//! The history of every record, undo from any session and restore: the real binary.

use crate::common;

use common::TestDb;

#[test]
fn every_change_is_recorded_with_its_fields_time_and_source() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "issue",
        "edit",
        "1",
        "--status",
        "investigating",
        "--owner",
        "Ana",
    ]);
    db.cmd()
        .env("RAPPORT_NOW", "2026-11-18T10:15:00Z")
        .args(["issue", "archive", "1"])
        .assert()
        .success();
    let h = db.json(&["history", "issue", "1"]);
    let h = h.as_array().unwrap();
    let actions: Vec<&str> = h.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["created", "edited", "archived"], "{h:?}");
    assert!(h.iter().all(|e| e["source"] == "cli"));
    assert_eq!(h[2]["at"], "2026-11-18T10:15:00Z");
    let fields: Vec<(&str, &str, &str)> = h[1]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap(),
                f["before"].as_str().unwrap(),
                f["after"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        fields.contains(&("status", "new", "investigating")),
        "{fields:?}"
    );
    assert!(fields.contains(&("owner", "", "Ana")), "{fields:?}");
    let text = db.ok(&["history", "issue", "1"]);
    assert!(text.contains("status: new → investigating"), "{text}");
    // Bad kinds and unknown records are one clear line.
    let err = db.fails(&["history", "ticket", "1"], 2);
    assert!(
        err.contains("ticket") && err.contains("issue, update"),
        "{err}"
    );
    db.fails(&["history", "issue", "99"], 2);
}

#[test]
fn undo_reverts_the_newest_change_from_any_session_one_at_a_time() {
    let db = TestDb::new();
    db.seed();
    db.ok(&["issue", "edit", "1", "--title", "Login fails on SSO"]);
    db.ok(&["issue", "edit", "1", "--severity", "critical"]);
    // Each `rapport` run is its own session: undo reaches the change another one made.
    let out = db.ok(&["undo"]);
    assert!(out.contains("issue 1"), "{out}");
    let issue = db.json(&["issue", "show", "1"]);
    assert_eq!(issue["severity"], "high");
    assert_eq!(issue["title"], "Login fails on SSO");
    db.ok(&["undo"]);
    let issue = db.json(&["issue", "show", "1"]);
    assert_eq!(issue["title"], "Login fails");
    // Undoing an addition archives it (nothing is deleted): the issue and its queued notice.
    db.ok(&["undo"]);
    assert_eq!(
        db.json(&["issue", "list", "--all"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let kept: i64 = conn
        .query_row(
            "SELECT count(*) FROM issues WHERE archived_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 1, "the row stays in the file");
    let h = db.json(&["history", "issue", "1"]);
    assert_eq!(h.as_array().unwrap().last().unwrap()["action"], "undone");
}

#[test]
fn undo_with_nothing_left_says_so_and_writes_nothing() {
    let db = TestDb::new();
    db.ok(&["init"]);
    let before = db.counts();
    let err = db.fails(&["undo"], 2);
    assert!(err.contains("nothing to undo"), "{err}");
    assert_eq!(db.counts(), before);
}

#[test]
fn undoing_an_expectation_change_keeps_its_history_of_revisions() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "expect",
        "add",
        "Live by the 30th",
        "--project",
        "Portal",
        "--category",
        "schedule",
        "--status",
        "agreed",
    ]);
    db.ok(&[
        "expect",
        "edit",
        "1",
        "--status",
        "at-risk",
        "--reason",
        "supplier late",
    ]);
    db.ok(&["undo"]);
    let e = db.json(&["expect", "show", "1"]);
    assert_eq!(e["status"], "agreed");
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let reasons: Vec<String> = conn
        .prepare("SELECT reason FROM expectation_revisions WHERE expectation_id = 1 ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        reasons.contains(&"supplier late".to_string()),
        "{reasons:?}"
    );
    assert_eq!(reasons.last().unwrap(), "undo of the previous change");
}

#[test]
fn archived_records_of_every_kind_can_be_restored() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "expect",
        "add",
        "Weekly report",
        "--project",
        "Portal",
        "--category",
        "communication",
    ]);
    db.ok(&["log", "add", "Call", "--project", "Portal", "--dir", "out"]);
    for (kind, list) in [
        ("issue", "issue"),
        ("update", "update"),
        ("expect", "expect"),
        ("log", "log"),
    ] {
        db.ok(&[kind, "archive", "1"]);
        let after_archive = db.json(&[list, "list"]).as_array().unwrap().len();
        db.ok(&[kind, "restore", "1"]);
        let after_restore = db.json(&[list, "list"]).as_array().unwrap().len();
        assert_eq!(after_restore, after_archive + 1, "{kind}");
        let err = db.fails(&[kind, "restore", "1"], 2);
        assert!(err.contains("not archived"), "{kind}: {err}");
        let h = db.json(&["history", kind, "1"]);
        let actions: Vec<&str> = h
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert!(
            actions.ends_with(&["archived", "restored"]),
            "{kind}: {actions:?}"
        );
    }
}

#[test]
fn an_issue_history_holds_its_options_notes_and_waits() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "issue",
        "option",
        "add",
        "1",
        "Roll back to 4.1",
        "--time",
        "1 hour",
    ]);
    db.ok(&["issue", "note", "1", "Rollback started"]);
    db.ok(&["issue", "wait", "1", "--for", "VPN access"]);
    db.ok(&["issue", "resume", "1"]);
    let h = db.json(&["history", "issue", "1"]);
    let parts: Vec<String> = h
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["part"].as_str().map(str::to_string))
        .collect();
    assert!(parts.contains(&"option 1".to_string()), "{parts:?}");
    assert!(parts.contains(&"note 1".to_string()), "{parts:?}");
    assert!(parts.iter().any(|p| p.starts_with("wait ")), "{parts:?}");
    let text = db.ok(&["history", "issue", "1"]);
    assert!(text.contains("option 1"), "{text}");
}

#[test]
fn undo_passes_over_what_the_rules_did_and_never_unsends() {
    let db = TestDb::new();
    db.seed();
    db.ok(&["issue", "edit", "1", "--owner", "Ana"]);
    // Today runs the rules (they may queue or re-draft): undo still takes back the edit.
    db.ok(&["today"]);
    db.ok(&["update", "show", "1"]);
    let out = db.ok(&["undo"]);
    assert!(out.contains("issue 1"), "{out}");
    assert!(
        !out.contains("issues") && !out.contains("update_"),
        "record names: {out}"
    );
    assert_eq!(db.json(&["issue", "show", "1"])["owner"], "");
    // Sending is what the client received: it is never undone.
    let notice = db
        .json(&["update", "list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["kind"] == "notice")
        .expect("a queued notice")["id"]
        .as_i64()
        .unwrap()
        .to_string();
    db.ok(&["update", "sent", &notice]);
    let before = db.counts();
    let err = db.fails(&["undo"], 2);
    assert!(
        err.contains("sent update") && err.contains("cannot be undone"),
        "{err}"
    );
    assert_eq!(db.counts(), before);
    assert_eq!(db.json(&["update", "show", &notice])["state"], "sent");
}
