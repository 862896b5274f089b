//! The rest of the practice through the real binary with a fixed clock: risks and their
//! prepared responses, milestones and progress, answering feedback, satisfaction reviews.

use serde_json::Value;

use crate::common::TestDb;

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

fn id(out: &str) -> String {
    out.trim().to_string()
}

fn pending_of_issue(db: &TestDb, issue: i64) -> Vec<Value> {
    db.json(&["update", "list"])
        .as_array()
        .expect("a list")
        .iter()
        .filter(|u| u["issue_id"] == issue)
        .cloned()
        .collect()
}

#[test]
fn an_occurred_risk_opens_an_issue_with_its_plans_as_options_and_queues_the_notice() {
    let db = TestDb::new();
    project(&db);
    let risk = id(&db.ok(&[
        "risk",
        "add",
        "Payment provider outage during launch week",
        "--project",
        "Portal",
        "--likelihood",
        "medium",
        "--impact",
        "high",
        "--owner",
        "Ana",
        "--trigger",
        "provider status page turns amber",
    ]));
    db.ok(&[
        "risk",
        "plan",
        "add",
        &risk,
        "Switch to the backup provider",
        "--time",
        "2 hours",
        "--effect",
        "payments continue",
    ]);
    db.ok(&[
        "risk",
        "plan",
        "add",
        &risk,
        "Queue orders and charge later",
        "--time",
        "30 minutes",
        "--effect",
        "no lost orders",
    ]);
    let before = pending_of_issue(&db, 1).len();
    assert_eq!(before, 0);
    let issue: i64 = db
        .ok(&["risk", "occurred", &risk])
        .trim()
        .parse()
        .expect("an issue id");
    let shown = db.json(&["issue", "show", &issue.to_string()]);
    assert_eq!(shown["title"], "Payment provider outage during launch week");
    assert_eq!(shown["severity"], "high", "the impact gives the severity");
    let options = shown["options"].as_array().expect("options");
    assert_eq!(options.len(), 2);
    assert_eq!(options[0]["text"], "Switch to the backup provider");
    assert_eq!(options[0]["time_needed"], "2 hours");
    assert_eq!(options[0]["expected_effect"], "payments continue");
    assert_eq!(options[1]["text"], "Queue orders and charge later");
    let queued = pending_of_issue(&db, issue);
    assert_eq!(queued.len(), 1, "{queued:?}");
    assert_eq!(queued[0]["kind"], "notice");
    assert!(
        queued[0]["body"]
            .as_str()
            .unwrap_or_default()
            .contains("Switch to the backup provider"),
        "the notice brings the options: {}",
        queued[0]["body"]
    );
    let r = db.json(&["risk", "show", &risk]);
    assert_eq!(r["status"], "occurred");
    assert_eq!(r["issue_id"], issue);
    // It happened once: a second time is refused and writes nothing.
    let counts = db.counts();
    let err = db.fails(&["risk", "occurred", &risk], 2);
    assert!(err.contains("occurred already"), "{err}");
    assert_eq!(db.counts(), counts);
}

#[test]
fn the_register_is_ordered_by_exposure_and_reports_list_the_top_risks() {
    let db = TestDb::new();
    project(&db);
    for (text, l, i) in [
        ("Designer leaves", "low", "medium"),
        ("Data migration overruns", "high", "high"),
        ("Browser support gaps", "medium", "low"),
        ("Key user unavailable", "medium", "high"),
    ] {
        db.ok(&[
            "risk",
            "add",
            text,
            "-p",
            "Portal",
            "--likelihood",
            l,
            "--impact",
            i,
        ]);
    }
    db.ok(&[
        "risk",
        "plan",
        "add",
        "2",
        "Migrate in two waves",
        "--time",
        "1 week",
        "--effect",
        "half the data live on time",
    ]);
    let list = db.json(&["risk", "list"]);
    let order: Vec<(&str, i64)> = list
        .as_array()
        .expect("list")
        .iter()
        .map(|r| {
            (
                r["text"].as_str().unwrap_or(""),
                r["exposure"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        order,
        vec![
            ("Data migration overruns", 9),
            ("Key user unavailable", 6),
            ("Designer leaves", 2),
            ("Browser support gaps", 2),
        ]
    );
    db.ok(&["risk", "edit", "2", "--status", "closed"]);
    let open = db.json(&["risk", "list"]);
    assert_eq!(
        open.as_array().map(Vec::len),
        Some(3),
        "closed risks leave the list"
    );
    assert_eq!(
        db.json(&["risk", "list", "--all"]).as_array().map(Vec::len),
        Some(4)
    );
    db.ok(&["risk", "edit", "2", "--status", "open"]);
    let report = db.ok(&["report", "status", "-p", "Portal", "--format", "text"]);
    assert!(report.contains("Risks we are watching"), "{report}");
    assert!(
        report.contains("Data migration overruns (likelihood high, impact high). Prepared if it happens: Migrate in two waves (time: 1 week; effect: half the data live on time)"),
        "{report}"
    );
    let json = db.json(&["report", "status", "-p", "Portal", "--format", "json"]);
    assert_eq!(json["risks"][0]["text"], "Data migration overruns");
    assert_eq!(json["risks"].as_array().map(Vec::len), Some(4));
    // In the client's language.
    db.ok(&["client", "edit", "Northwind", "--language", "zh-CN"]);
    let zh = db.ok(&["report", "status", "-p", "Portal", "--format", "text"]);
    assert!(zh.contains("我们正在关注的风险"), "{zh}");
    assert!(zh.contains("可能性：高，影响：高"), "{zh}");
    // A prepared response reads like a solution option: how long, and what it achieves.
    assert!(
        zh.contains(
            "Migrate in two waves（所需时间：1 week；预期效果：half the data live on time）"
        ),
        "{zh}"
    );
}

#[test]
fn a_risk_review_that_has_come_appears_on_today() {
    let db = TestDb::new();
    project(&db);
    db.ok(&[
        "risk",
        "add",
        "Vendor API deprecation",
        "-p",
        "Portal",
        "--review",
        "2026-11-18 08:00",
    ]);
    db.ok(&[
        "risk",
        "add",
        "Holiday staffing",
        "-p",
        "Portal",
        "--review",
        "2026-11-25 08:00",
    ]);
    let today = db.json(&["today"]);
    let reviews: Vec<&Value> = today["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["section"] == "risk-reviews")
        .collect();
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert!(
        reviews[0]["text"]
            .as_str()
            .unwrap_or("")
            .contains("Vendor API deprecation")
    );
    let text = db.ok(&["today"]);
    assert!(text.contains("Risk reviews due (1)"), "{text}");
    // Reviewed: the next review is next month, and it leaves Today.
    db.ok(&["risk", "edit", "1", "--review", "2026-12-18"]);
    let after = db.json(&["today"]);
    assert!(
        !after["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|i| i["section"] == "risk-reviews")
    );
}

#[test]
fn bad_risk_input_is_one_line_and_writes_nothing() {
    let db = TestDb::new();
    project(&db);
    let counts = db.counts();
    let err = db.fails(
        &[
            "risk",
            "add",
            "X",
            "-p",
            "Portal",
            "--likelihood",
            "sometimes",
        ],
        2,
    );
    assert!(
        err.contains("likelihood 'sometimes'") && err.contains("low, medium, high"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1);
    let err = db.fails(&["risk", "edit", "1", "--status", "gone"], 2);
    assert!(err.contains("open, watching, occurred, closed"), "{err}");
    db.fails(&["risk", "plan", "add", "7", "Something"], 2);
    assert_eq!(db.counts(), counts);
}

#[test]
fn weighted_milestones_give_the_percent_complete_that_opens_the_status_report() {
    let db = TestDb::new();
    project(&db);
    let design = id(&db.ok(&[
        "milestone",
        "add",
        "Design signed off",
        "-p",
        "Portal",
        "--due",
        "2026-11-16",
    ]));
    let build = id(&db.ok(&[
        "milestone",
        "add",
        "Build complete",
        "-p",
        "Portal",
        "--due",
        "2026-12-11",
        "--weight",
        "3",
    ]));
    db.ok(&["milestone", "edit", &design, "--status", "done"]);
    db.ok(&["milestone", "edit", &build, "--progress", "40"]);
    let json = db.json(&["report", "status", "-p", "Portal", "--format", "json"]);
    assert_eq!(json["percent_complete"], 55);
    assert_eq!(json["milestones_done"][0]["name"], "Design signed off");
    assert_eq!(json["milestones_next"][0]["name"], "Build complete");
    let text = db.ok(&["report", "status", "-p", "Portal", "--format", "text"]);
    let stands = text
        .find("Where the project stands: 55% complete")
        .unwrap_or_else(|| panic!("{text}"));
    let progress = text
        .find("\nProgress\n")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        stands < progress,
        "the report opens with the percent complete: {text}"
    );
    assert!(text.contains("- Finished: Design signed off"), "{text}");
    assert!(
        text.contains("- Next: Build complete, due 2026-12-11 (40% done)"),
        "{text}"
    );
    let list = db.ok(&["milestone", "list", "-p", "Portal"]);
    assert!(list.contains("project 55% complete"), "{list}");
    db.ok(&["client", "edit", "Northwind", "--language", "zh-CN"]);
    let zh = db.ok(&["report", "status", "-p", "Portal", "--format", "text"]);
    assert!(zh.contains("项目整体进度：已完成 55%"), "{zh}");
}

#[test]
fn moving_a_milestone_needs_a_reason_keeps_its_dates_and_puts_the_schedule_at_risk() {
    let db = TestDb::new();
    project(&db);
    db.ok(&[
        "expect",
        "add",
        "Go-live before Christmas",
        "-p",
        "Portal",
        "-c",
        "schedule",
        "-s",
        "agreed",
    ]);
    db.ok(&[
        "expect",
        "add",
        "Weekly status email",
        "-p",
        "Portal",
        "-c",
        "communication",
        "-s",
        "agreed",
    ]);
    let m = id(&db.ok(&[
        "milestone",
        "add",
        "Go-live",
        "-p",
        "Portal",
        "--due",
        "2026-12-18",
    ]));
    let counts = db.counts();
    let err = db.fails(&["milestone", "edit", &m, "--due", "2027-01-08"], 2);
    assert!(err.contains("--reason"), "{err}");
    assert_eq!(err.trim().lines().count(), 1);
    let err = db.fails(&["milestone", "edit", &m, "--progress", "140"], 2);
    assert!(err.contains("0 to 100"), "{err}");
    assert_eq!(db.counts(), counts, "nothing written");
    db.ok(&[
        "milestone",
        "edit",
        &m,
        "--due",
        "2027-01-08",
        "--reason",
        "the payment provider needs two more weeks of certification",
    ]);
    let shown = db.json(&["milestone", "show", &m]);
    assert_eq!(shown["status"], "slipped");
    assert_eq!(shown["due_on"], "2027-01-08");
    let dates = shown["revisions"].as_array().expect("revisions");
    assert_eq!(dates.len(), 2);
    assert_eq!(dates[1]["due_from"], "2026-12-18");
    assert_eq!(dates[1]["due_to"], "2027-01-08");
    let schedule = db.json(&["expect", "show", "1"]);
    assert_eq!(schedule["status"], "at-risk");
    let last = schedule["revisions"]
        .as_array()
        .and_then(|r| r.last().cloned())
        .expect("a revision");
    assert_eq!(
        last["reason"],
        "the payment provider needs two more weeks of certification"
    );
    assert_eq!(
        db.json(&["expect", "show", "2"])["status"],
        "agreed",
        "only schedule ones"
    );
    let text = db.ok(&["report", "status", "-p", "Portal", "--format", "text"]);
    assert!(
        text.contains("- Moved: Go-live, now due 2027-01-08. Reason: the payment provider needs two more weeks of certification"),
        "{text}"
    );
}

fn section<'a>(today: &'a Value, name: &str) -> Vec<&'a Value> {
    today["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["section"] == name)
        .collect()
}

fn reply_of(db: &TestDb, log: &str) -> Value {
    db.json(&["update", "list", "--all"])
        .as_array()
        .expect("a list")
        .iter()
        .find(|u| u["rule_key"] == format!("reply:{log}"))
        .cloned()
        .unwrap_or_else(|| panic!("no reply queued for log entry {log}"))
}

#[test]
fn an_angry_complaint_queues_a_reply_within_12_hours_and_leaves_today_when_it_is_sent() {
    let db = TestDb::new();
    project(&db);
    let log = id(&db.ok(&[
        "log",
        "add",
        "Invoices PDF broken again, CFO furious",
        "-p",
        "Portal",
        "--dir",
        "in",
        "-k",
        "complaint",
        "--sentiment",
        "-2",
    ]));
    let reply = reply_of(&db, &log);
    assert_eq!(
        reply["due_at"], "2026-11-18T21:00:00Z",
        "24 h halved for a -2"
    );
    assert_eq!(reply["state"], "draft");
    let subject = reply["subject"].as_str().unwrap_or_default();
    let body = reply["body"].as_str().unwrap_or_default();
    assert!(
        subject.contains("Reply to your message of 2026-11-18"),
        "{subject}"
    );
    assert!(body.contains("Dear Sarah Chen,"), "{body}");
    // The reply promises no later time that nothing would track (a newcomer trial found one).
    assert!(body.contains("as soon as we can"), "{body}");
    assert!(!body.contains("21:00"), "{body}");
    assert!(
        !body.contains("CFO") && !body.contains("Invoices PDF"),
        "the private log text is never quoted: {body}"
    );
    let today = db.json(&["today"]);
    let open = section(&today, "unanswered-feedback");
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0]["id"].to_string(), log);
    let text = db.ok(&["today"]);
    assert!(text.contains("Feedback not answered yet (1)"), "{text}");
    let reply_id = reply["id"].to_string();
    db.ok(&["update", "sent", &reply_id]);
    let after = db.json(&["today"]);
    assert!(section(&after, "unanswered-feedback").is_empty());
}

#[test]
fn a_request_gets_48_hours_praise_gets_no_reply_and_handled_feedback_leaves_today() {
    let db = TestDb::new();
    project(&db);
    let request = id(&db.ok(&[
        "log",
        "add",
        "Please add SSO for contractors",
        "-p",
        "Portal",
        "--dir",
        "in",
        "-k",
        "request",
    ]));
    assert_eq!(reply_of(&db, &request)["due_at"], "2026-11-20T09:00:00Z");
    db.ok(&[
        "log",
        "add",
        "Great demo",
        "-p",
        "Portal",
        "--dir",
        "in",
        "-k",
        "praise",
    ]);
    db.ok(&[
        "log",
        "add",
        "We sent the plan",
        "-p",
        "Portal",
        "--dir",
        "out",
        "-k",
        "request",
    ]);
    let replies = db
        .json(&["update", "list", "--all"])
        .as_array()
        .expect("list")
        .iter()
        .filter(|u| {
            u["rule_key"]
                .as_str()
                .is_some_and(|k| k.starts_with("reply:"))
        })
        .count();
    assert_eq!(
        replies, 1,
        "only inbound complaints and requests get a reply"
    );
    let counts = db.counts();
    let err = db.fails(&["log", "handled", "2"], 2);
    assert!(err.contains("inbound complaint or request"), "{err}");
    assert_eq!(db.counts(), counts);
    db.ok(&[
        "log",
        "handled",
        &request,
        "--note",
        "answered on the weekly call",
    ]);
    assert!(section(&db.json(&["today"]), "unanswered-feedback").is_empty());
    assert_eq!(reply_of(&db, &request)["state"], "skipped");
}

#[test]
fn a_score_of_2_queues_a_follow_up_within_48_hours_and_stays_out_of_client_text() {
    let db = TestDb::new();
    project(&db);
    let good = db.json(&["review", "add", "-p", "Portal", "--score", "4"]);
    assert_eq!(good["follow_up_update"], Value::Null);
    let low = db.json(&[
        "review",
        "add",
        "-p",
        "Portal",
        "--score",
        "2",
        "--by",
        "Sarah Chen",
        "--comment",
        "the outage week was painful",
    ]);
    assert_eq!(low["score"], 2);
    assert_eq!(low["contact"], "Sarah Chen");
    let update = low["follow_up_update"]
        .as_i64()
        .expect("a follow-up queued");
    let u = db.json(&["update", "show", &update.to_string()]);
    assert_eq!(u["rule_key"], format!("review:{}", low["id"]));
    assert_eq!(u["due_at"], "2026-11-20T09:00:00Z", "within 48 h");
    assert_eq!(u["state"], "draft");
    let body = u["body"].as_str().unwrap_or_default();
    assert!(body.contains("Dear Sarah Chen,"), "{body}");
    assert!(
        !body.contains("outage week") && !body.contains("2/5"),
        "{body}"
    );
    let list = db.json(&["review", "list"]);
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    let today = db.json(&["today"]);
    let health = &today["health"][0];
    assert_eq!(health["last_score"], 2);
    assert_eq!(health["mean_score"], 3.0);
    assert!(
        health["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .any(|r| r == "satisfaction 2/5"),
        "{health}"
    );
    let report = db.ok(&["report", "status", "-p", "Portal", "--format", "text"]);
    assert!(
        !report.contains("2/5") && !report.to_lowercase().contains("satisfaction"),
        "{report}"
    );
    let counts = db.counts();
    let err = db.fails(&["review", "add", "-p", "Portal", "--score", "6"], 2);
    assert!(err.contains("score '6'") && err.contains("1 to 5"), "{err}");
    assert_eq!(db.counts(), counts);
}

#[test]
fn risks_and_milestones_have_a_history_and_undo_takes_an_occurrence_back_whole() {
    let db = TestDb::new();
    project(&db);
    db.ok(&[
        "risk",
        "add",
        "Vendor late",
        "-p",
        "Portal",
        "--impact",
        "high",
    ]);
    db.ok(&["risk", "plan", "add", "1", "Use the second vendor"]);
    db.ok(&[
        "milestone",
        "add",
        "Pilot",
        "-p",
        "Portal",
        "--due",
        "2026-12-01",
    ]);
    db.ok(&["milestone", "edit", "1", "--progress", "30"]);
    let history = db.ok(&["history", "milestone", "1"]);
    assert!(history.contains("progress"), "{history}");
    assert!(db.ok(&["history", "risk", "1"]).contains("created"));
    let err = db.fails(&["history", "milestone", "9"], 2);
    assert!(err.contains("no milestone '9'"), "{err}");
    let issue = id(&db.ok(&["risk", "occurred", "1"]));
    assert_eq!(db.json(&["risk", "show", "1"])["status"], "occurred");
    db.ok(&["undo"]);
    let risk = db.json(&["risk", "show", "1"]);
    assert_eq!(risk["status"], "open", "the risk is open again");
    assert_eq!(risk["issue_id"], Value::Null);
    assert_eq!(db.json(&["issue", "show", &issue])["archived"], true);
    assert!(pending_of_issue(&db, issue.parse().unwrap_or(0)).is_empty());
}
