//! The communication plan, review requests, settling expectations and the closing report,
//! through the real binary with a fixed clock (moved forward per command where a test needs
//! time to pass).

use serde_json::Value;

use crate::common::{NOW, TestDb};

/// Runs at another time than the fixed clock; returns stdout.
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
        "rapport {args:?} at {now} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn at_json(db: &TestDb, now: &str, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let text = at(db, now, &all);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

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
    db.ok(&[
        "contact",
        "add",
        "Sarah Chen",
        "--company",
        "Northwind",
        "--email",
        "sarah@northwind.example",
    ]);
}

fn updates(db: &TestDb, now: &str) -> Vec<Value> {
    at_json(db, now, &["update", "list", "--all"])
        .as_array()
        .expect("a list")
        .clone()
}

fn pending_of_kind(db: &TestDb, now: &str, kind: &str) -> Vec<Value> {
    at_json(db, now, &["update", "list"])
        .as_array()
        .expect("a list")
        .iter()
        .filter(|u| u["kind"] == kind)
        .cloned()
        .collect()
}

fn review_requests(db: &TestDb, now: &str) -> Vec<Value> {
    updates(db, now)
        .into_iter()
        .filter(|u| {
            u["rule_key"]
                .as_str()
                .is_some_and(|k| k.starts_with("review-request:"))
        })
        .collect()
}

fn section<'a>(agenda: &'a Value, name: &str) -> Vec<&'a Value> {
    agenda["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["section"] == name)
        .collect()
}

#[test]
fn plan_add_prints_the_id_and_list_show_edit_archive_restore_work() {
    let db = TestDb::new();
    project(&db);
    // The project's cadence is already its first entry.
    let list = db.json(&["plan", "list", "--project", "Portal"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["kind"], "status");
    assert_eq!(list[0]["every"], "weekly");
    assert_eq!(list[0]["what"], "Status report");
    let id = db.ok(&[
        "plan",
        "add",
        "--project",
        "Portal",
        "--what",
        "Progress meeting",
        "--kind",
        "meeting",
        "--every",
        "biweekly",
        "--audience",
        "Sarah Chen",
        "--owner",
        "Li Wei",
        "--channel",
        "meeting",
    ]);
    assert_eq!(id.trim(), "2");
    let e = db.json(&["plan", "show", "2"]);
    assert_eq!(e["audience"][0], "Sarah Chen");
    assert_eq!(e["owner"], "Li Wei");
    assert_eq!(e["channel"], "meeting");
    let e = db.json(&["plan", "edit", "2", "--every", "10d", "--owner", "Ana"]);
    assert_eq!(e["every"], "10d");
    assert_eq!(e["owner"], "Ana");
    db.ok(&["plan", "archive", "2"]);
    assert_eq!(db.json(&["plan", "list"]).as_array().unwrap().len(), 1);
    assert_eq!(
        db.json(&["plan", "list", "--all"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    db.ok(&["plan", "restore", "2"]);
    assert_eq!(db.json(&["plan", "list"]).as_array().unwrap().len(), 2);
}

#[test]
fn bad_plan_input_is_one_line_exit_2_and_writes_nothing() {
    let db = TestDb::new();
    project(&db);
    let before = db.counts();
    for (args, names) in [
        (vec!["--kind", "party", "--every", "weekly"], "party"),
        (vec!["--kind", "meeting", "--every", "daily"], "daily"),
        (
            vec!["--kind", "meeting", "--every", "weekly", "--channel", "fax"],
            "fax",
        ),
        (
            vec![
                "--kind",
                "meeting",
                "--every",
                "weekly",
                "--audience",
                "Nobody",
            ],
            "Nobody",
        ),
    ] {
        let mut all = vec!["plan", "add", "--project", "Portal", "--what", "Sync"];
        all.extend(args);
        let err = db.fails(&all, 2);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains(names), "{err}");
    }
    assert_eq!(db.counts(), before);
}

#[test]
fn a_plan_entry_with_an_owner_appears_on_today_when_due_with_the_owner() {
    let db = TestDb::new();
    project(&db);
    db.ok(&["plan", "edit", "1", "--owner", "Ana"]);
    db.ok(&[
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
        "--owner",
        "Li Wei",
    ]);
    // Not due yet: a week after it was planned.
    let today = db.json(&["today"]);
    assert!(section(&today, "meetings-to-hold").is_empty(), "{today}");
    // The weekly status report is due Friday 15:00: on Today that day, with its owner.
    let friday = "2026-11-20T10:00:00Z";
    let today = at_json(&db, friday, &["today"]);
    let due = section(&today, "due-today");
    assert_eq!(due.len(), 1, "{today}");
    assert_eq!(due[0]["tag"], "status");
    assert!(
        due[0]["text"].as_str().unwrap().ends_with("· owner Ana"),
        "{}",
        due[0]["text"]
    );
    // A week on, the meeting is due, with its owner.
    let later = "2026-11-25T10:00:00Z";
    let today = at_json(&db, later, &["today"]);
    let meetings = section(&today, "meetings-to-hold");
    assert_eq!(meetings.len(), 1, "{today}");
    let text = meetings[0]["text"].as_str().unwrap();
    assert!(text.contains("Progress meeting"), "{text}");
    assert!(text.contains("owner Li Wei"), "{text}");
    assert!(text.contains("none held yet"), "{text}");
    let shown = at(&db, later, &["today"]);
    assert!(shown.contains("Meetings to hold"), "{shown}");
    assert!(shown.contains("owner Li Wei"), "{shown}");
    // A meeting logged with the client holds it: it leaves Today.
    at(
        &db,
        later,
        &[
            "log",
            "add",
            "Progress meeting held",
            "--project",
            "Portal",
            "--dir",
            "out",
            "--channel",
            "meeting",
        ],
    );
    let today = at_json(&db, later, &["today"]);
    assert!(section(&today, "meetings-to-hold").is_empty(), "{today}");
}

fn cadence(db: &TestDb) -> Value {
    db.json(&["project", "list"])[0]["cadence"].clone()
}

#[test]
fn status_and_report_entries_never_queue_a_status_report_twice() {
    let db = TestDb::new();
    project(&db);
    assert_eq!(pending_of_kind(&db, NOW, "status").len(), 1);
    for (kind, every) in [("report", "monthly"), ("status", "biweekly")] {
        db.ok(&[
            "plan",
            "add",
            "--project",
            "Portal",
            "--what",
            "Report",
            "--kind",
            kind,
            "--every",
            every,
        ]);
    }
    db.ok(&["today"]);
    db.ok(&["today"]);
    let pending = pending_of_kind(&db, NOW, "status");
    assert_eq!(pending.len(), 1, "{pending:?}");
    // The shortest cadence wins: still weekly, the same Friday report.
    assert_eq!(pending[0]["due_at"], "2026-11-20T15:00:00Z");
    assert_eq!(cadence(&db), "weekly");
    // Archiving the weekly entry makes the plan biweekly: one report, re-planned.
    db.ok(&["plan", "archive", "1"]);
    db.ok(&["today"]);
    let pending = pending_of_kind(&db, NOW, "status");
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert_eq!(cadence(&db), "biweekly");
    // project edit --cadence writes the project's status entry.
    db.ok(&["project", "edit", "Portal", "--cadence", "monthly"]);
    let status: Vec<Value> = db
        .json(&["plan", "list"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "status")
        .cloned()
        .collect();
    assert_eq!(status.len(), 1, "{status:?}");
    assert_eq!(status[0]["every"], "monthly");
    assert_eq!(pending_of_kind(&db, NOW, "status").len(), 1);
}

#[test]
fn the_migration_makes_a_projects_cadence_its_first_plan_entry() {
    let db = TestDb::new();
    {
        // A file as the previous build left it: schema 7, a project with a cadence.
        let mut conn = rusqlite::Connection::open(&db.path).unwrap();
        rapport::store::MIGRATIONS.to_version(&mut conn, 7).unwrap();
        conn.execute_batch(
            "INSERT INTO clients (id, name, created_at) VALUES (1, 'Northwind', '2026-10-01T09:00:00Z');
             INSERT INTO projects (id, client_id, name, status, cadence, channel, created_at)
               VALUES (1, 1, 'Migration', 'active', 'biweekly', 'meeting', '2026-10-01T09:00:00Z'),
                      (2, 1, 'No reports', 'active', NULL, 'email', '2026-10-01T09:00:00Z');",
        )
        .unwrap();
    }
    let list = db.json(&["plan", "list"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["project"], "Migration");
    assert_eq!(list[0]["kind"], "status");
    assert_eq!(list[0]["what"], "Status report");
    assert_eq!(list[0]["every"], "biweekly");
    assert_eq!(list[0]["channel"], "meeting");
    // The plan now drives the project's reports: one queued, as before the migration.
    db.ok(&["today"]);
    assert_eq!(pending_of_kind(&db, NOW, "status").len(), 1);
}

#[test]
fn a_review_request_is_queued_a_month_after_the_last_and_after_a_milestone_is_done() {
    let db = TestDb::new();
    project(&db);
    db.ok(&["today"]);
    assert!(review_requests(&db, NOW).is_empty());
    // Three weeks on: the monthly request is a week away, so it is queued.
    let day24 = "2026-12-12T09:00:00Z";
    at(&db, day24, &["today"]);
    let requests = review_requests(&db, day24);
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0]["due_at"], "2026-12-18T09:00:00Z");
    assert_eq!(requests[0]["subject"], "[Portal] How are we doing?");
    assert!(
        requests[0]["body"]
            .as_str()
            .unwrap()
            .contains("from 1 (not satisfied) to 5 (very satisfied)")
    );
    // Asked again a month after it went out, not before.
    let id = requests[0]["id"].to_string();
    at(&db, "2026-12-18T09:00:00Z", &["update", "sent", &id]);
    at(&db, "2027-01-05T09:00:00Z", &["today"]);
    assert_eq!(review_requests(&db, "2027-01-05T09:00:00Z").len(), 1);
    at(&db, "2027-01-11T09:00:00Z", &["today"]);
    let requests = review_requests(&db, "2027-01-11T09:00:00Z");
    assert_eq!(requests.len(), 2, "{requests:?}");
    let pending: Vec<&Value> = requests.iter().filter(|u| u["state"] == "draft").collect();
    assert_eq!(pending.len(), 1, "{requests:?}");
    assert_eq!(pending[0]["due_at"], "2027-01-17T09:00:00Z");

    // A milestone marked done: a request about it, two days on.
    let db = TestDb::new();
    project(&db);
    let m = db.ok(&[
        "milestone",
        "add",
        "Design",
        "-p",
        "Portal",
        "--due",
        "2026-12-01",
    ]);
    db.ok(&["milestone", "edit", m.trim(), "--status", "done"]);
    let requests = review_requests(&db, NOW);
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0]["due_at"], "2026-11-20T09:00:00Z");
    assert!(
        requests[0]["body"]
            .as_str()
            .unwrap()
            .contains("completed the milestone \"Design\""),
        "{}",
        requests[0]["body"]
    );
    // Once only.
    db.ok(&["today"]);
    assert_eq!(review_requests(&db, NOW).len(), 1);
}

#[test]
fn the_review_request_reads_naturally_in_chinese() {
    let db = TestDb::new();
    project(&db);
    db.ok(&["client", "edit", "Northwind", "--language", "zh-CN"]);
    let m = db.ok(&[
        "milestone",
        "add",
        "设计评审",
        "-p",
        "Portal",
        "--due",
        "2026-12-01",
    ]);
    db.ok(&["milestone", "edit", m.trim(), "--status", "done"]);
    let requests = review_requests(&db, NOW);
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0]["subject"], "【Portal】想听听您的意见");
    let body = requests[0]["body"].as_str().unwrap();
    assert!(body.starts_with("Sarah Chen，您好："), "{body}");
    assert!(body.contains("“设计评审”已经完成"), "{body}");
    assert!(body.contains("1 分为不满意，5 分为非常满意"), "{body}");
    assert!(body.contains("此致\n敬礼"), "{body}");
}

#[test]
fn expect_settle_keeps_the_history_and_bad_input_writes_nothing() {
    let db = TestDb::new();
    project(&db);
    let id = db.ok(&[
        "expect",
        "add",
        "Uptime 99.5%",
        "-p",
        "Portal",
        "-c",
        "quality",
        "-s",
        "agreed",
    ]);
    let id = id.trim();
    let before = db.counts();
    let err = db.fails(&["expect", "settle", id, "sort-of", "--reason", "x"], 2);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("'sort-of'") && err.contains("met, missed"),
        "{err}"
    );
    let err = db.fails(&["expect", "settle", id, "met", "--reason", "  "], 2);
    assert!(err.contains("reason"), "{err}");
    assert_eq!(db.counts(), before);
    let e = db.json(&[
        "expect",
        "settle",
        id,
        "met",
        "--reason",
        "99.8% over the quarter",
    ]);
    assert_eq!(e["status"], "met");
    let last = e["revisions"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["status_from"], "agreed");
    assert_eq!(last["status_to"], "met");
    assert_eq!(last["reason"], "99.8% over the quarter");
}

fn closing_setup(db: &TestDb) {
    project(db);
    for (statement, status) in [("Go live by March", "agreed"), ("Uptime 99.5%", "agreed")] {
        db.ok(&[
            "expect", "add", statement, "-p", "Portal", "-c", "quality", "-s", status,
        ]);
    }
    db.ok(&[
        "expect",
        "settle",
        "2",
        "met",
        "--reason",
        "99.8% over the quarter",
    ]);
    db.ok(&[
        "milestone",
        "add",
        "Design",
        "-p",
        "Portal",
        "--due",
        "2026-12-01",
    ]);
    db.ok(&[
        "milestone",
        "add",
        "Build",
        "-p",
        "Portal",
        "--due",
        "2027-01-15",
    ]);
    db.ok(&["milestone", "edit", "1", "--status", "done"]);
}

#[test]
fn the_closing_report_lists_unsettled_expectations_first_and_the_milestones() {
    let db = TestDb::new();
    closing_setup(&db);
    let text = db.ok(&["report", "closing", "-p", "Portal", "--format", "text"]);
    let pos = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s:?} missing from:\n{text}"))
    };
    assert!(pos("Expectations still to settle") < pos("Project summary"));
    assert!(text.contains("we need to agree with you whether each of these was met or missed"));
    assert!(pos("- Go live by March (currently agreed)") < pos("Project summary"));
    assert!(text.contains("- Design: done, due 2026-12-01"), "{text}");
    assert!(text.contains("- Build: planned, due 2027-01-15"), "{text}");
    assert!(
        text.contains("- Uptime 99.5%: met (99.8% over the quarter)"),
        "{text}"
    );
    assert!(!text.contains("- Go live by March: "), "{text}");
    assert!(text.contains("Support after handover"), "{text}");
    assert!(text.contains("invite you to a review meeting"), "{text}");
    // Printing the report writes nothing; closing the project queues the review request,
    // once.
    assert!(
        review_requests(&db, NOW)
            .iter()
            .all(|u| u["rule_key"] != "review-request:closing:1")
    );
    db.ok(&["project", "edit", "Portal", "--status", "closed"]);
    db.ok(&["report", "closing", "-p", "Portal", "--format", "text"]);
    let closing: Vec<Value> = review_requests(&db, NOW)
        .into_iter()
        .filter(|u| u["rule_key"] == "review-request:closing:1")
        .collect();
    assert_eq!(closing.len(), 1);
    assert!(
        closing[0]["body"]
            .as_str()
            .unwrap()
            .contains("comes to a close")
    );
    // Settled, the report no longer asks.
    db.ok(&[
        "expect",
        "settle",
        "1",
        "missed",
        "--reason",
        "moved to April by the client",
    ]);
    let text = db.ok(&["report", "closing", "-p", "Portal", "--format", "text"]);
    assert!(!text.contains("Expectations still to settle"), "{text}");
    assert!(
        text.contains("- Go live by March: missed (moved to April by the client)"),
        "{text}"
    );
}

#[test]
fn the_chinese_closing_report_lists_unsettled_expectations_first_and_the_milestones() {
    let db = TestDb::new();
    closing_setup(&db);
    db.ok(&["client", "edit", "Northwind", "--language", "zh-CN"]);
    let text = db.ok(&["report", "closing", "-p", "Portal", "--format", "text"]);
    let pos = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s:?} missing from:\n{text}"))
    };
    assert!(pos("尚待确认的期望") < pos("项目概况"));
    assert!(text.contains("项目结项前，需要与您逐项确认以下期望是否达成："));
    assert!(pos("- Go live by March（目前：已约定）") < pos("项目概况"));
    assert!(
        text.contains("- Design：已完成，计划日期 2026-12-01"),
        "{text}"
    );
    assert!(
        text.contains("- Build：计划中，计划日期 2027-01-15"),
        "{text}"
    );
    assert!(
        text.contains("- Uptime 99.5%：已达成（99.8% over the quarter）"),
        "{text}"
    );
    assert!(text.contains("移交后的支持"), "{text}");
    assert!(text.contains("诚邀您参加项目回顾会议"), "{text}");
}

#[test]
fn the_notice_takes_the_first_contact_channel_of_its_severity() {
    let db = TestDb::new();
    let config = db.dir.path().join("rapport.toml");
    std::fs::write(&config, "[first_contact_channel]\ncritical = \"phone\"\n").unwrap();
    let cfg = config.to_str().unwrap();
    project(&db);
    for (title, severity) in [("Checkout down", "critical"), ("Slow search", "high")] {
        db.ok(&[
            "--config",
            cfg,
            "issue",
            "add",
            title,
            "-p",
            "Portal",
            "--severity",
            severity,
        ]);
    }
    let notices = pending_of_kind(&db, NOW, "notice");
    let channel = |issue: i64| {
        notices
            .iter()
            .find(|u| u["issue_id"] == issue)
            .map(|u| u["channel"].clone())
            .unwrap_or_else(|| panic!("no notice for issue {issue}: {notices:?}"))
    };
    assert_eq!(channel(1), "phone");
    assert_eq!(channel(2), "email");
    // A bad channel in the config is one line naming it.
    std::fs::write(&config, "[first_contact_channel]\ncritical = \"pigeon\"\n").unwrap();
    let err = db.fails(&["--config", cfg, "today"], 2);
    assert!(err.contains("pigeon"), "{err}");
}

/// A review request the rules find late (a project long without a review, the rules not run
/// since) falls due ahead, so it is never overdue, nor turns the project amber, the day it
/// is queued.
#[test]
fn a_review_request_found_late_is_due_ahead_and_never_overdue_when_queued() {
    let db = TestDb::new();
    project(&db);
    db.ok(&["today"]);
    // Six weeks on, nothing run since: the monthly request was due two weeks ago.
    let later = "2026-12-30T09:00:00Z";
    // Today runs the rules: the request is queued and Today is drawn in the same breath.
    let today = at_json(&db, later, &["today"]);
    let pending: Vec<Value> = review_requests(&db, later)
        .into_iter()
        .filter(|u| u["state"] == "draft")
        .collect();
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert_eq!(pending[0]["due_at"], "2027-01-01T09:00:00Z");
    let overdue = section(&today, "overdue-updates");
    assert!(
        !overdue.iter().any(|i| i["id"] == pending[0]["id"]),
        "{today}"
    );
    // The weekly status report is the one update overdue; the request is not another.
    assert_eq!(overdue.len(), 1, "{today}");
    let health = section(&today, "health");
    assert!(
        health[0]["text"]
            .as_str()
            .unwrap_or("")
            .starts_with("1 update overdue"),
        "{health:?}"
    );
}

/// The demo, fresh: its review requests wait ahead of their time, and Acme Checkout (all
/// on track but for the review it is owed) stays green.
#[test]
fn the_fresh_demo_has_no_review_request_overdue() {
    let db = TestDb::new();
    db.ok(&["demo"]);
    let today = db.json(&["today"]);
    let requests: Vec<i64> = review_requests(&db, NOW)
        .iter()
        .filter_map(|u| u["id"].as_i64())
        .collect();
    assert!(!requests.is_empty(), "the demo queues a review request");
    for item in section(&today, "overdue-updates") {
        let id = item["id"].as_i64().unwrap();
        assert!(!requests.contains(&id), "overdue: {item}");
    }
    let acme = section(&today, "health")
        .into_iter()
        .find(|h| h["project"] == "Acme Checkout")
        .cloned()
        .expect("Acme Checkout's health");
    assert_eq!(acme["rating"], "green", "{acme}");
}

/// A complaint, then a low score, then the closing report: one reply goes to the client, not
/// a reply, a follow-up to the score and a "How are we doing?" two days after she gave 2/5.
#[test]
fn after_a_complaint_and_a_low_score_the_client_gets_one_letter() {
    let db = TestDb::new();
    project(&db);
    db.ok(&[
        "log",
        "add",
        "The checkout failed twice today",
        "--project",
        "Portal",
        "--dir",
        "in",
        "--kind",
        "complaint",
        "--sentiment",
        "-1",
    ]);
    let reply = pending_of_kind(&db, NOW, "other");
    assert_eq!(reply.len(), 1, "{reply:?}");
    let review = db.json(&["review", "add", "-p", "Portal", "--score", "2"]);
    assert_eq!(
        review["follow_up_update"], reply[0]["id"],
        "the pending reply is the follow-up"
    );
    db.ok(&["project", "edit", "Portal", "--status", "closed"]);
    let letters = pending_of_kind(&db, NOW, "other");
    assert_eq!(letters.len(), 1, "{letters:?}");
    assert!(review_requests(&db, NOW).is_empty());
}

/// A low score with no reply pending still gets its own follow-up.
#[test]
fn a_low_score_alone_queues_its_follow_up() {
    let db = TestDb::new();
    project(&db);
    let review = db.json(&["review", "add", "-p", "Portal", "--score", "2"]);
    let id = review["follow_up_update"].as_i64().expect("a follow-up");
    let u = db.json(&["update", "show", &id.to_string()]);
    assert_eq!(u["rule_key"], format!("review:{}", review["id"]));
}
