//! What the client receives: only text written for the client, in the client's language, with
//! promises that match the queue; and a record of what was sent that cannot be rewritten.
//! The real binary with a fixed clock (moved per command where a test needs time to pass).

use crate::common;

use common::TestDb;
use serde_json::Value;

/// Runs at another fixed time; expects success and returns stdout.
fn ok_at(db: &TestDb, now: &str, args: &[&str]) -> String {
    let out = db
        .cmd()
        .env("RAPPORT_NOW", now)
        .args(args)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "rapport {args:?} at {now} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn json_at(db: &TestDb, now: &str, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let text = ok_at(db, now, &all);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// Every update of the file, sent and skipped included.
fn all_updates(db: &TestDb) -> Vec<Value> {
    db.json(&["update", "list", "--all"])
        .as_array()
        .expect("a list")
        .clone()
}

fn updates_of_kind(db: &TestDb, kind: &str) -> Vec<Value> {
    all_updates(db)
        .into_iter()
        .filter(|u| u["kind"] == kind)
        .collect()
}

fn id_of(u: &Value) -> String {
    u["id"].as_i64().expect("an id").to_string()
}

/// "2026-11-18T15:30:00Z" as the drafts show it in UTC: "2026-11-18 15:30".
fn shown(rfc3339: &str) -> String {
    rfc3339.replace('T', " ")[..16].to_string()
}

/// A config file with these lines, used by every later command of `db`.
fn configure(db: &TestDb, toml: &str) {
    let dir = db.dir.path().join("config").join("rapport");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), toml).unwrap();
}

#[test]
fn a_complaint_logged_against_an_issue_never_reaches_the_client() {
    let db = TestDb::new();
    db.seed();
    let secret = "CEO threatens to cancel the contract";
    let decision = "Internal: blame the vendor in the retro";
    db.ok(&[
        "log",
        "add",
        "-p",
        "Portal",
        &format!("Zhang called again, furious: {secret}"),
        "--dir",
        "in",
        "--channel",
        "phone",
        "--kind",
        "complaint",
        "--sentiment",
        "-2",
        "--issue",
        "1",
    ]);
    db.ok(&[
        "log", "add", "-p", "Portal", decision, "--dir", "in", "--kind", "decision", "--issue", "1",
    ]);
    db.ok(&[
        "issue",
        "note",
        "1",
        "Login restored for 80% of users after the hotfix.",
    ]);
    db.ok(&["today"]);
    // Every kind drafted: notice, then (after telling the client) progress and resolution.
    db.ok(&["update", "draft", "--issue", "1", "--kind", "notice"]);
    let notice = updates_of_kind(&db, "notice").remove(0);
    db.ok(&[
        "update",
        "sent",
        &id_of(&notice),
        "--at",
        "2026-11-18T08:00:00Z",
    ]);
    db.ok(&["update", "draft", "--issue", "1", "--kind", "progress"]);
    let progress = updates_of_kind(&db, "progress");
    assert!(
        progress.iter().any(|u| u["body"]
            .as_str()
            .unwrap()
            .contains("Login restored for 80% of users")),
        "the client note is what changed: {progress:?}"
    );
    db.ok(&[
        "issue",
        "edit",
        "1",
        "--status",
        "resolved",
        "--resolution",
        "Hotfix 4.2.1 deployed.",
    ]);
    db.ok(&["update", "draft", "--issue", "1", "--kind", "resolution"]);
    db.ok(&[
        "update",
        "add",
        "-p",
        "Portal",
        "--kind",
        "closing",
        "--subject",
        "Closing",
    ]);
    assert!(
        !updates_of_kind(&db, "status").is_empty(),
        "a status report is queued"
    );
    let mut texts = Vec::new();
    for u in all_updates(&db) {
        let id = id_of(&u);
        texts.push(db.ok(&["update", "show", &id]));
        for format in ["text", "md", "json", "eml"] {
            texts.push(db.ok(&["update", "export", &id, "--format", format]));
        }
    }
    for report in ["status", "closing"] {
        for format in ["text", "md", "json", "eml"] {
            texts.push(db.ok(&["report", report, "-p", "Portal", "--format", format]));
        }
    }
    assert!(
        texts.len() > 20,
        "every update and every report format read"
    );
    for t in &texts {
        // .eml bodies are read back as a mail client reads them.
        let decoded = decode_eml_body(t);
        for text in [t.as_str(), decoded.as_str()] {
            assert!(!text.contains(secret), "the private log leaked: {text}");
            assert!(!text.contains("furious"), "the private log leaked: {text}");
            assert!(!text.contains(decision), "a logged decision leaked: {text}");
        }
    }
}

/// The body of an .eml as a mail client reads it, or "" for anything else.
fn decode_eml_body(text: &str) -> String {
    if !text.contains("\r\n\r\n") {
        return String::new();
    }
    mail_parser::MessageParser::default()
        .parse(text.as_bytes())
        .and_then(|m| m.body_text(0).map(|b| b.into_owned()))
        .unwrap_or_default()
}

#[test]
fn a_notice_sent_late_promises_exactly_the_due_time_of_its_follow_up() {
    let db = TestDb::new();
    db.seed();
    // Critical: notice due at 10:00, follow-ups every 4 hours.
    db.ok(&[
        "issue",
        "add",
        "Outage",
        "-p",
        "Portal",
        "--severity",
        "critical",
    ]);
    let notice = updates_of_kind(&db, "notice")
        .into_iter()
        .find(|u| u["issue_id"] == 2)
        .expect("a notice");
    let drafted = notice["body"].as_str().unwrap().to_string();
    assert!(drafted.contains("by 2026-11-18 14:00"), "{drafted}");
    ok_at(
        &db,
        "2026-11-18T11:30:00Z",
        &["update", "sent", &id_of(&notice)],
    );
    let sent = db.json(&["update", "show", &id_of(&notice)]);
    let follow_up = updates_of_kind(&db, "progress")
        .into_iter()
        .find(|u| u["issue_id"] == 2 && u["state"] == "draft")
        .expect("a follow-up queued");
    let due = follow_up["due_at"].as_str().unwrap();
    assert_eq!(due, "2026-11-18T15:30:00Z");
    let body = sent["body"].as_str().unwrap();
    assert!(body.contains(&format!("by {}", shown(due))), "{body}");
    assert!(!body.contains("14:00"), "the stale promise is gone: {body}");
    assert_eq!(sent["sent_at"], "2026-11-18T11:30:00Z");
    let issue = db.json(&["issue", "show", "2"]);
    assert_eq!(issue["next_update_due"], due);
    // Today calls the promise broken the minute it passes.
    let today = json_at(&db, "2026-11-18T15:31:00Z", &["update", "list"]);
    let late = today
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == follow_up["id"])
        .unwrap()
        .clone();
    assert_eq!(late["due_at"], due);
    let listed = ok_at(&db, "2026-11-18T15:31:00Z", &["update", "list"]);
    assert!(listed.contains("LATE by"), "{listed}");
}

#[test]
fn an_edited_notice_sent_late_keeps_the_promise_its_draft_carried() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "issue",
        "add",
        "Outage",
        "-p",
        "Portal",
        "--severity",
        "critical",
    ]);
    let notice = updates_of_kind(&db, "notice")
        .into_iter()
        .find(|u| u["issue_id"] == 2)
        .unwrap();
    let id = id_of(&notice);
    db.ok(&[
        "update",
        "edit",
        &id,
        "--body",
        "Sarah, our release broke logins. We will write again by 2026-11-18 14:00.",
    ]);
    ok_at(&db, "2026-11-18T11:30:00Z", &["update", "sent", &id]);
    let follow_up = updates_of_kind(&db, "progress")
        .into_iter()
        .find(|u| u["issue_id"] == 2 && u["state"] == "draft")
        .unwrap();
    assert_eq!(follow_up["due_at"], "2026-11-18T14:00:00Z");
    assert_eq!(
        db.json(&["issue", "show", "2"])["next_update_due"],
        "2026-11-18T14:00:00Z"
    );
}

#[test]
fn a_sent_or_skipped_update_refuses_edit_and_never_goes_back() {
    let db = TestDb::new();
    db.seed();
    let notice = updates_of_kind(&db, "notice").remove(0);
    let id = id_of(&notice);
    db.ok(&["update", "sent", &id]);
    let before = db.json(&["update", "show", &id]);
    let counts = db.counts();
    for args in [
        vec!["update", "edit", &id, "--subject", "Rewritten"],
        vec!["update", "edit", &id, "--state", "draft"],
        vec!["update", "edit", &id, "--body", "Another text"],
    ] {
        let err = db.fails(&args, 2);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains("is sent"), "{err}");
    }
    assert_eq!(db.json(&["update", "show", &id]), before);
    assert_eq!(db.counts(), counts);
    let status = updates_of_kind(&db, "status").remove(0);
    db.ok(&["update", "skip", &id_of(&status)]);
    let err = db.fails(&["update", "edit", &id_of(&status), "--state", "ready"], 2);
    assert!(err.contains("is skipped"), "{err}");
}

#[test]
fn a_late_added_contact_becomes_the_recipient_and_cc_is_carried() {
    let db = TestDb::new();
    db.ok(&[
        "project",
        "add",
        "Portal",
        "--company",
        "Northwind",
        "--cadence",
        "weekly",
    ]);
    let status = updates_of_kind(&db, "status").remove(0);
    assert!(
        status["contact_id"].is_null(),
        "queued with nobody to send to"
    );
    let id = id_of(&status);
    db.ok(&[
        "contact",
        "add",
        "Bob Li",
        "--company",
        "Northwind",
        "--email",
        "bob@nw.example",
    ]);
    db.ok(&[
        "contact",
        "add",
        "Ann Wu",
        "--company",
        "Northwind",
        "--email",
        "ann@nw.example",
    ]);
    let eml = db.ok(&["update", "export", &id, "--format", "eml"]);
    assert!(eml.contains("To: \"Bob Li\" <bob@nw.example>\r\n"), "{eml}");
    assert!(decode_eml_body(&eml).starts_with("Dear Bob Li,"), "{eml}");
    db.ok(&["update", "edit", &id, "--to", "Ann Wu", "--cc", "Bob Li"]);
    let eml = db.ok(&["update", "export", &id, "--format", "eml"]);
    assert!(eml.contains("To: \"Ann Wu\" <ann@nw.example>\r\n"), "{eml}");
    assert!(eml.contains("Cc: \"Bob Li\" <bob@nw.example>\r\n"), "{eml}");
    let err = db.fails(&["update", "edit", &id, "--cc", "Nobody"], 2);
    assert!(err.contains("Nobody"), "{err}");
}

#[test]
fn a_broken_user_template_leaves_the_issue_saved() {
    let db = TestDb::new();
    db.seed();
    let dir = db.dir.path().join("config/rapport/templates/en");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notice.txt"), "Subject: hi\n\n{% if %}\n").unwrap();
    let out = db
        .cmd()
        .args([
            "issue",
            "add",
            "Outage",
            "-p",
            "Portal",
            "--severity",
            "critical",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("en/notice.txt line 3"), "{stderr}");
    assert_eq!(db.json(&["issue", "show", "2"])["title"], "Outage");
    let notice = updates_of_kind(&db, "notice")
        .into_iter()
        .find(|u| u["issue_id"] == 2)
        .expect("drafted");
    assert!(notice["body"].as_str().unwrap().contains("What happened"));
}

#[test]
fn resolved_at_round_trips_and_the_letter_states_the_outage() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "issue",
        "add",
        "Outage",
        "-p",
        "Portal",
        "--severity",
        "critical",
        "--detected",
        "2026-11-18T07:00:00Z",
    ]);
    let err = db.fails(
        &[
            "issue",
            "edit",
            "2",
            "--resolved-at",
            "2026-11-18T08:00:00Z",
        ],
        2,
    );
    assert!(err.contains("resolved-at"), "{err}");
    db.ok(&["issue", "edit", "2", "--status", "resolved"]);
    assert_eq!(db.json(&["issue", "show", "2"])["resolved_at"], common::NOW);
    db.ok(&[
        "issue",
        "edit",
        "2",
        "--resolved-at",
        "2026-11-18T08:30:00Z",
    ]);
    assert_eq!(
        db.json(&["issue", "show", "2"])["resolved_at"],
        "2026-11-18T08:30:00Z"
    );
    let err = db.fails(
        &[
            "issue",
            "edit",
            "2",
            "--resolved-at",
            "2026-11-18T06:00:00Z",
        ],
        2,
    );
    assert!(err.contains("after the detection"), "{err}");
    let id = db.ok(&["update", "draft", "--issue", "2"]);
    let letter = db.json(&["update", "show", id.trim()]);
    assert_eq!(letter["kind"], "resolution");
    let body = letter["body"].as_str().unwrap();
    assert!(
        body.contains(
            "Service was restored on 2026-11-18 08:30 UTC; you were affected for 1 hour 30 minutes."
        ),
        "{body}"
    );
}

#[test]
fn a_late_status_report_queues_the_next_slot_ahead_and_its_period_follows_on() {
    let db = TestDb::new();
    db.ok(&[
        "project",
        "add",
        "Portal",
        "--company",
        "Northwind",
        "--cadence",
        "weekly",
    ]);
    let first = updates_of_kind(&db, "status").remove(0);
    assert_eq!(first["due_at"], "2026-11-20T15:00:00Z");
    assert!(
        first["subject"]
            .as_str()
            .unwrap()
            .contains("2026-11-18 to 2026-11-20"),
        "the first period starts when the project was created: {first}"
    );
    // Sent four days late, on Tuesday.
    ok_at(
        &db,
        "2026-11-24T10:00:00Z",
        &["update", "sent", &id_of(&first)],
    );
    let sent = db.json(&["update", "show", &id_of(&first)]);
    assert!(
        sent["subject"]
            .as_str()
            .unwrap()
            .ends_with("2026-11-18 to 2026-11-24"),
        "subject and period agree with when it went out: {sent}"
    );
    let next = updates_of_kind(&db, "status")
        .into_iter()
        .find(|u| u["state"] == "draft")
        .expect("the next one queued");
    assert_eq!(
        next["due_at"], "2026-11-27T15:00:00Z",
        "the next slot after now"
    );
    let shown = json_at(
        &db,
        "2026-11-24T10:00:00Z",
        &["update", "show", &id_of(&next)],
    );
    assert!(
        shown["subject"]
            .as_str()
            .unwrap()
            .ends_with("2026-11-24 to 2026-11-27"),
        "its period starts where the sent one ended: {shown}"
    );
}

#[test]
fn a_new_project_is_quiet_only_after_a_cadence_without_contact() {
    let db = TestDb::new();
    db.ok(&[
        "project",
        "add",
        "Portal",
        "--company",
        "Northwind",
        "--cadence",
        "weekly",
    ]);
    let quiet = |now: &str| json_at(&db, now, &["today"])["health"][0]["quiet"].clone();
    assert_eq!(quiet("2026-11-18T09:05:00Z"), false);
    assert_eq!(quiet("2026-11-25T08:00:00Z"), false);
    assert_eq!(quiet("2026-11-25T10:00:00Z"), true);
}

#[test]
fn an_outbound_call_tells_the_client() {
    let db = TestDb::new();
    db.seed();
    let notice = updates_of_kind(&db, "notice").remove(0);
    db.ok(&[
        "log",
        "add",
        "-p",
        "Portal",
        "Called Sarah about the login problem",
        "--dir",
        "out",
        "--channel",
        "phone",
        "--issue",
        "1",
        "--at",
        "2026-11-18T08:30:00Z",
    ]);
    let issue = db.json(&["issue", "show", "1"]);
    assert_eq!(issue["client_notified_at"], "2026-11-18T08:30:00Z");
    let skipped = db.ok(&["update", "show", &id_of(&notice)]);
    assert!(skipped.contains("skipped"), "{skipped}");
    assert!(
        skipped.contains("the client was told by phone on 2026-11-18 08:30"),
        "{skipped}"
    );
    // High: follow-ups every 24 hours, counted from the call.
    let follow_up = updates_of_kind(&db, "progress").remove(0);
    assert_eq!(follow_up["due_at"], "2026-11-19T08:30:00Z");
    assert_eq!(issue["next_update_due"], "2026-11-19T08:30:00Z");
    // An incoming call tells us, not them.
    db.ok(&["issue", "add", "Slow search", "-p", "Portal"]);
    db.ok(&[
        "log",
        "add",
        "-p",
        "Portal",
        "Sarah called about search",
        "--dir",
        "in",
        "--channel",
        "phone",
        "--issue",
        "2",
    ]);
    assert!(db.json(&["issue", "show", "2"])["client_notified_at"].is_null());
}

#[test]
fn choosing_an_option_starts_the_fix_and_the_draft_says_so() {
    let db = TestDb::new();
    db.seed();
    db.ok(&["issue", "edit", "1", "--status", "solution-proposed"]);
    db.ok(&[
        "issue",
        "option",
        "add",
        "1",
        "Roll back to 4.1",
        "--time",
        "1 hour",
    ]);
    db.ok(&["issue", "option", "add", "1", "Renew the certificate"]);
    db.ok(&["issue", "option", "choose", "1", "1"]);
    assert_eq!(db.json(&["issue", "show", "1"])["status"], "in-progress");
    db.ok(&[
        "issue",
        "note",
        "1",
        "Rollback finished; logins work again for staff.",
    ]);
    let notes = db.ok(&["issue", "show", "1"]);
    assert!(notes.contains("Rollback finished"), "{notes}");
    let notice = updates_of_kind(&db, "notice").remove(0);
    db.ok(&[
        "update",
        "sent",
        &id_of(&notice),
        "--at",
        "2026-11-18T08:00:00Z",
    ]);
    let id = db.ok(&["update", "draft", "--issue", "1"]);
    let body = db.json(&["update", "show", id.trim()])["body"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(body.contains("(status: fix under way)"), "{body}");
    assert!(
        body.contains("We are carrying out the option you chose: Roll back to 4.1"),
        "{body}"
    );
    assert!(
        body.contains("Rollback finished; logins work again"),
        "{body}"
    );
    assert!(!body.contains("investigating"), "{body}");
    // A later status is left alone.
    db.ok(&["issue", "option", "add", "1", "Third way"]);
    db.ok(&["issue", "option", "choose", "1", "3"]);
    assert_eq!(db.json(&["issue", "show", "1"])["status"], "in-progress");
}

#[test]
fn no_second_resolution_after_the_resolution_was_sent() {
    let db = TestDb::new();
    db.seed();
    db.ok(&["issue", "edit", "1", "--status", "resolved"]);
    let resolution = updates_of_kind(&db, "resolution").remove(0);
    db.ok(&["update", "sent", &id_of(&resolution)]);
    let counts = db.counts();
    let err = db.fails(&["update", "draft", "--issue", "1"], 2);
    assert!(err.contains("already sent"), "{err}");
    assert_eq!(db.counts(), counts);
    assert_eq!(updates_of_kind(&db, "resolution").len(), 1);
}

const ENGLISH_CODES: &[&str] = &[
    "critical",
    "high",
    "medium",
    "low",
    "new",
    "investigating",
    "in-progress",
    "solution-proposed",
    "resolved",
    "closed",
    "other",
    "notice",
    "progress",
    "resolution",
    "status",
    "closing",
    "draft",
    "sent",
    "at-risk",
    "agreed",
    "proposed",
    "Dear",
    "Best regards",
];

fn english_words(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .collect();
    ENGLISH_CODES
        .iter()
        .copied()
        .filter(|w| {
            let w = w.to_lowercase();
            if w.contains(' ') {
                lower.contains(&w)
            } else {
                words.contains(&w.as_str())
            }
        })
        .collect()
}

#[test]
fn a_zh_cn_draft_is_chinese_with_no_english_enum_words() {
    let db = TestDb::new();
    configure(&db, "language = \"zh-CN\"\n");
    db.ok(&[
        "project",
        "add",
        "移动端",
        "--company",
        "华东银行",
        "--cadence",
        "weekly",
    ]);
    db.ok(&[
        "contact",
        "add",
        "王芳",
        "--company",
        "华东银行",
        "--email",
        "wang@hd.example",
    ]);
    db.ok(&[
        "issue",
        "add",
        "转账页面白屏",
        "-p",
        "移动端",
        "--severity",
        "critical",
        "--our-fault",
    ]);
    db.ok(&[
        "issue",
        "add",
        "推送延迟",
        "-p",
        "移动端",
        "--severity",
        "low",
    ]);
    db.ok(&["issue", "option", "add", "2", "切换推送服务商"]);
    db.ok(&[
        "expect",
        "add",
        "-p",
        "移动端",
        "--category",
        "schedule",
        "每周五提交报告",
    ]);
    db.ok(&["issue", "note", "1", "已定位原因，修复版本今晚发布。"]);
    let notice = updates_of_kind(&db, "notice").remove(0);
    db.ok(&[
        "update",
        "sent",
        &id_of(&notice),
        "--at",
        "2026-11-18T08:30:00Z",
    ]);
    db.ok(&["update", "draft", "--issue", "1"]);
    db.ok(&["issue", "edit", "2", "--status", "resolved"]);
    db.ok(&[
        "update",
        "add",
        "-p",
        "移动端",
        "--kind",
        "other",
        "--subject",
        "内部",
    ]);
    let mut texts: Vec<String> = all_updates(&db)
        .iter()
        .filter(|u| u["kind"] != "other")
        .map(|u| db.ok(&["update", "export", &id_of(u), "--format", "text"]))
        .collect();
    texts.push(db.ok(&["report", "status", "-p", "移动端", "--format", "text"]));
    texts.push(db.ok(&["report", "closing", "-p", "移动端", "--format", "text"]));
    let kinds: Vec<String> = all_updates(&db)
        .iter()
        .map(|u| u["kind"].as_str().unwrap().to_string())
        .collect();
    for k in ["notice", "progress", "resolution", "status"] {
        assert!(kinds.iter().any(|x| x == k), "a {k} drafted: {kinds:?}");
    }
    for t in &texts {
        assert_eq!(
            english_words(t),
            Vec::<&str>::new(),
            "English codes in:\n{t}"
        );
        assert!(t.contains("此致\n敬礼"), "the conventional closing:\n{t}");
    }
    let progress = texts
        .iter()
        .find(|t| t.contains("进展更新"))
        .expect("a progress draft");
    assert!(progress.contains("已定位原因"), "{progress}");
    assert!(progress.contains("（当前状态：排查中）") || progress.contains("（当前状态：刚发现）"));
}

#[test]
fn a_clients_own_language_picks_its_drafts_and_others_keep_the_config_language() {
    let db = TestDb::new();
    db.ok(&["project", "add", "移动端", "--company", "华东银行"]);
    db.ok(&["project", "add", "Portal", "--company", "Northwind"]);
    db.ok(&["client", "edit", "华东银行", "--language", "zh-CN"]);
    db.ok(&[
        "issue",
        "add",
        "转账页面白屏",
        "-p",
        "移动端",
        "--severity",
        "high",
    ]);
    db.ok(&[
        "issue",
        "add",
        "Login fails",
        "-p",
        "Portal",
        "--severity",
        "high",
    ]);
    let notices = updates_of_kind(&db, "notice");
    let zh = notices.iter().find(|u| u["issue_id"] == 1).unwrap();
    let en = notices.iter().find(|u| u["issue_id"] == 2).unwrap();
    let zh_body = zh["body"].as_str().unwrap();
    assert!(zh_body.contains("严重程度：高"), "{zh_body}");
    assert_eq!(english_words(zh_body), Vec::<&str>::new(), "{zh_body}");
    assert!(en["body"].as_str().unwrap().contains("Severity: high."));
    let report = db.ok(&["report", "status", "-p", "移动端", "--format", "text"]);
    assert!(report.contains("状态报告"), "{report}");
}

/// The lines of a letter that name a date and time, English or Chinese.
fn dated_lines(body: &str) -> Vec<String> {
    body.lines()
        .filter(|l| l.contains("2026-11-"))
        .map(|l| l.trim().to_string())
        .collect()
}

/// An early draft exported and then marked sent in the same minute promises one time: the
/// exported letter says what `update sent` records, in English and in Chinese.
fn export_then_send_promise_the_same_time(language: Option<&str>) {
    let db = TestDb::new();
    if let Some(l) = language {
        configure(&db, &format!("language = \"{l}\"\n"));
    }
    db.seed();
    // Critical: the notice falls due at 10:00, an hour after now (09:00).
    db.ok(&[
        "issue",
        "add",
        "Outage",
        "-p",
        "Portal",
        "--severity",
        "critical",
    ]);
    let notice = updates_of_kind(&db, "notice")
        .into_iter()
        .find(|u| u["issue_id"] == 2)
        .expect("a notice");
    assert_eq!(notice["due_at"], "2026-11-18T10:00:00Z");
    let id = id_of(&notice);
    let eml = db.ok(&["update", "export", &id, "--format", "eml"]);
    let exported = dated_lines(&decode_eml_body(&eml));
    let shown_before = dated_lines(db.json(&["update", "show", &id])["body"].as_str().unwrap());
    db.ok(&["update", "sent", &id]);
    let sent = db.json(&["update", "show", &id]);
    let recorded = dated_lines(sent["body"].as_str().unwrap());
    assert_eq!(exported, recorded);
    assert_eq!(shown_before, recorded);
    // Sent at 09:00 with follow-ups every 4 hours: 13:00, not 14:00 (from the due time).
    assert!(
        recorded.iter().any(|l| l.contains("2026-11-18 13:00")),
        "{recorded:?}"
    );
    assert!(
        !recorded.iter().any(|l| l.contains("14:00")),
        "{recorded:?}"
    );
    let issue = db.json(&["issue", "show", "2"]);
    assert_eq!(issue["next_update_due"], "2026-11-18T13:00:00Z");
}

#[test]
fn an_exported_draft_promises_what_sending_it_now_records() {
    export_then_send_promise_the_same_time(None);
}

#[test]
fn an_exported_zh_cn_draft_promises_what_sending_it_now_records() {
    export_then_send_promise_the_same_time(Some("zh-CN"));
}

/// A note for the client written in the same second as a send, or just before a report, is
/// never lost: the next progress update and the status page both carry it.
#[test]
fn a_note_in_the_same_second_as_a_send_or_a_report_is_kept() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "issue",
        "add",
        "Outage",
        "-p",
        "Portal",
        "--severity",
        "critical",
    ]);
    let notice = updates_of_kind(&db, "notice")
        .into_iter()
        .find(|u| u["issue_id"] == 2)
        .expect("a notice");
    db.ok(&["update", "sent", &id_of(&notice)]);
    db.ok(&["issue", "note", "2", "Root cause found in the cache layer."]);
    let follow_up = updates_of_kind(&db, "progress")
        .into_iter()
        .find(|u| u["issue_id"] == 2 && u["state"] == "draft")
        .expect("a follow-up queued");
    let shown = db.json(&["update", "show", &id_of(&follow_up)]);
    let body = shown["body"].as_str().unwrap();
    assert!(
        body.contains("Root cause found in the cache layer."),
        "{body}"
    );
    assert!(!body.contains("Nothing has changed yet"), "{body}");
    let page = db.ok(&["report", "status", "-p", "Portal", "--format", "html"]);
    assert!(
        page.contains("Root cause found in the cache layer."),
        "{page}"
    );
}
