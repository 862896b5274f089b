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
        report.contains("Data migration overruns (likelihood high, impact high). Prepared if it happens: Migrate in two waves (1 week)"),
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
