//! Deadlines in the client's working time, through the real binary with a fixed clock:
//! business hours across a holiday week and a day in lieu, across a DST change, drafts that
//! name the client's zone, per-client calendars, and waiting on the client.

use crate::common;

use common::TestDb;
use serde_json::Value;

const SHANGHAI: &str = r#"
[sla_hours]
critical = 1
high = 4
medium = "24 business"
low = 72

[calendar]
zone = "Asia/Shanghai"
hours = "09:00-18:00"
days = ["mon", "tue", "wed", "thu", "fri"]
holidays = ["2026-10-01/2026-10-07"]
workdays = ["2026-10-10"]
"#;

const BERLIN: &str = r#"
[sla_hours]
critical = 1
high = "8 business"
medium = 24
low = 72

[calendar]
zone = "Europe/Berlin"
hours = "09:00-18:00"
"#;

/// A database with this config file, run at `now`.
struct Env {
    db: TestDb,
    config: std::path::PathBuf,
}

impl Env {
    fn new(config: &str) -> Env {
        let db = TestDb::new();
        let path = db.dir.path().join("config.toml");
        std::fs::write(&path, config).expect("write config");
        Env { db, config: path }
    }

    fn output(&self, now: &str, args: &[&str]) -> std::process::Output {
        self.db.ensure();
        self.db
            .cmd()
            .env("RAPPORT_NOW", now)
            .arg("--config")
            .arg(&self.config)
            .args(args)
            .output()
            .expect("run")
    }

    fn ok(&self, now: &str, args: &[&str]) -> String {
        let out = self.output(now, args);
        assert!(
            out.status.success(),
            "rapport {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    fn json(&self, now: &str, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let text = self.ok(now, &all);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    fn pending(&self, now: &str) -> Vec<Value> {
        self.json(now, &["update", "list"])
            .as_array()
            .expect("array")
            .clone()
    }
}

fn due_of(updates: &[Value], kind: &str) -> Vec<String> {
    updates
        .iter()
        .filter(|u| u["kind"] == kind)
        .map(|u| u["due_at"].as_str().expect("due_at").to_string())
        .collect()
}

#[test]
fn a_medium_issue_before_national_day_is_due_on_the_saturday_in_lieu() {
    let env = Env::new(SHANGHAI);
    let now = "2026-09-30T09:00:00Z"; // Wednesday 17:00 in Shanghai
    env.ok(now, &["project", "add", "Portal", "--company", "Northwind"]);
    env.ok(
        now,
        &[
            "issue",
            "add",
            "Export fails",
            "-p",
            "Portal",
            "-s",
            "medium",
        ],
    );
    // 1 h on 09-30, 9 h on 10-08, 9 h on 10-09, 5 h on Saturday 10-10: 14:00 Shanghai.
    assert_eq!(
        due_of(&env.pending(now), "notice"),
        ["2026-10-10T06:00:00Z"]
    );
}

#[test]
fn calendar_hours_still_count_on_the_clock() {
    let env = Env::new(SHANGHAI);
    let now = "2026-09-30T09:00:00Z";
    env.ok(now, &["project", "add", "Portal", "--company", "Northwind"]);
    env.ok(now, &["issue", "add", "Down", "-p", "Portal", "-s", "high"]);
    assert_eq!(
        due_of(&env.pending(now), "notice"),
        ["2026-09-30T13:00:00Z"]
    );
}

#[test]
fn the_berlin_dst_change_moves_no_business_deadline() {
    let env = Env::new(BERLIN);
    let now = "2026-10-23T14:00:00Z"; // Friday 16:00 CEST; clocks go back on Sunday 10-25
    env.ok(now, &["project", "add", "Portal", "--company", "Northwind"]);
    env.ok(now, &["issue", "add", "Slow", "-p", "Portal", "-s", "high"]);
    // 2 h on Friday, 6 h on Monday from 09:00 CET: 15:00 Berlin = 14:00Z (not 13:00Z or 15:00Z).
    assert_eq!(
        due_of(&env.pending(now), "notice"),
        ["2026-10-26T14:00:00Z"]
    );
}

#[test]
fn a_draft_to_a_shanghai_client_names_the_time_in_cst() {
    let env = Env::new(SHANGHAI);
    let now = "2026-09-30T09:00:00Z";
    env.ok(now, &["project", "add", "Portal", "--company", "Northwind"]);
    env.ok(
        now,
        &["client", "edit", "Northwind", "--zone", "Asia/Shanghai"],
    );
    env.ok(
        now,
        &["issue", "add", "Export fails", "-p", "Portal", "-s", "high"],
    );
    let notice = env
        .pending(now)
        .into_iter()
        .find(|u| u["kind"] == "notice")
        .expect("a notice");
    // The notice promises the next update 24 h (high follow-up) after its due time, 21:00 CST.
    let body = notice["body"].as_str().expect("body");
    assert!(body.contains("2026-10-01 21:00 CST"), "{body}");
    // The PM (UTC here) sees their own time and the client's next to it.
    let list = env.ok(now, &["update", "list"]);
    assert!(
        list.contains("2026-09-30 13:00 (2026-09-30 21:00 CST)"),
        "{list}"
    );
    // zh-CN drafts name the zone too.
    let zh = Env::new(&format!("language = \"zh-CN\"\n{SHANGHAI}"));
    zh.ok(now, &["project", "add", "Portal", "--company", "Northwind"]);
    zh.ok(
        now,
        &["issue", "add", "导出失败", "-p", "Portal", "-s", "high"],
    );
    let body = zh.pending(now)[0]["body"]
        .as_str()
        .expect("body")
        .to_string();
    assert!(body.contains("2026-10-01 21:00 CST"), "{body}");
}

#[test]
fn a_client_zone_uses_the_config_calendar_in_that_zone() {
    let env = Env::new(BERLIN);
    let now = "2026-10-23T14:00:00Z"; // Friday 22:00 in Shanghai: after hours there
    env.ok(now, &["project", "add", "Portal", "--company", "Northwind"]);
    env.ok(
        now,
        &["client", "edit", "Northwind", "--zone", "Asia/Shanghai"],
    );
    let clients = env.json(now, &["client", "list"]);
    assert_eq!(clients[0]["zone"], "Asia/Shanghai");
    env.ok(now, &["issue", "add", "Slow", "-p", "Portal", "-s", "high"]);
    // Monday 09:00-17:00 Shanghai = 01:00-09:00Z.
    assert_eq!(
        due_of(&env.pending(now), "notice"),
        ["2026-10-26T09:00:00Z"]
    );
}

#[test]
fn a_client_calendar_file_is_kept_and_bad_values_write_nothing() {
    let env = Env::new(SHANGHAI);
    let now = "2026-09-30T09:00:00Z";
    env.ok(now, &["project", "add", "Portal", "--company", "Northwind"]);
    let cal = env.db.dir.path().join("northwind.toml");
    std::fs::write(
        &cal,
        "zone = \"Europe/Berlin\"\nhours = \"08:00-12:00\"\nholidays = [\"2026-10-01\"]\n",
    )
    .expect("write");
    let before = env.db.counts();
    for (args, named) in [
        (vec!["--zone", "Asia/Shanghia"], "Asia/Shanghia"),
        (vec!["--language", "fr"], "fr"),
        (vec!["--calendar", "/nonexistent/cal.toml"], "cal.toml"),
    ] {
        let mut all = vec!["client", "edit", "Northwind"];
        all.extend(args);
        let out = env.output(now, &all);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(named) && err.lines().count() == 1, "{err}");
    }
    assert_eq!(env.db.counts(), before);
    let edited = env.json(
        now,
        &[
            "client",
            "edit",
            "Northwind",
            "--calendar",
            cal.to_str().expect("path"),
            "--language",
            "zh-CN",
        ],
    );
    assert_eq!(edited["language"], "zh-CN");
    env.ok(
        now,
        &["issue", "add", "Slow", "-p", "Portal", "-s", "medium"],
    );
    // Berlin 08:00-12:00: 1 h on Wed from 11:00 CEST, 10-01 off, 4 h on each of 5 days to
    // Thu 10-08 (21 h), 3 h on Fri 10-09: 11:00 CEST.
    assert_eq!(
        due_of(&env.pending(now), "notice"),
        ["2026-10-09T09:00:00Z"]
    );
}

/// An issue the client knows about (its notice sent), with a progress update queued.
fn notified_issue(env: &Env, now: &str) -> String {
    env.ok(now, &["project", "add", "Portal", "--company", "Northwind"]);
    let id = env
        .ok(now, &["issue", "add", "Slow", "-p", "Portal", "-s", "high"])
        .trim()
        .to_string();
    let notice = env.pending(now)[0]["id"].to_string();
    env.ok(now, &["update", "sent", &notice]);
    id
}

#[test]
fn a_waiting_issue_is_not_overdue_and_is_queued_again_on_resume() {
    let env = Env::new(BERLIN);
    let now = "2026-11-02T09:00:00Z";
    let id = notified_issue(&env, now);
    assert_eq!(
        due_of(&env.pending(now), "progress"),
        ["2026-11-03T09:00:00Z"]
    );
    let w = env.json(
        now,
        &["issue", "wait", &id, "--for", "test data from the client"],
    );
    assert_eq!(w["waiting_for"], "test data from the client");
    // Two days later: nothing late, the issue listed as waiting with how long.
    let later = "2026-11-04T09:00:00Z";
    assert!(due_of(&env.pending(later), "progress").is_empty());
    let today = env.json(later, &["today"]);
    let items = today["items"].as_array().expect("items");
    assert!(
        !items
            .iter()
            .any(|i| i["section"] == "overdue-updates" || i["section"] == "follow-up-overdue"),
        "{today}"
    );
    let waiting: Vec<&Value> = items
        .iter()
        .filter(|i| i["section"] == "waiting-on-client")
        .collect();
    assert_eq!(waiting.len(), 1, "{today}");
    assert!(
        waiting[0]["text"]
            .as_str()
            .expect("text")
            .starts_with("2d waiting for test data")
    );
    let human = env.ok(later, &["today"]);
    assert!(human.contains("Waiting on the client"), "{human}");
    let shown = env.json(later, &["issue", "show", &id]);
    assert_eq!(shown["status"], "waiting-client");
    assert_eq!(shown["work_status"], "new");
    assert!(env.ok(later, &["issue", "list"]).contains("waiting-client"));
    // Resumed after 48 h: the 24 h cadence is pushed by the 48 h waited.
    env.ok(later, &["issue", "resume", &id]);
    assert_eq!(
        due_of(&env.pending(later), "progress"),
        ["2026-11-05T09:00:00Z"]
    );
    assert!(
        env.json(later, &["today"])["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|i| i["section"] != "waiting-on-client")
    );
    // Resuming twice is refused.
    let out = env.output(later, &["issue", "resume", &id]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_inbound_log_entry_resumes_the_clock() {
    let env = Env::new(BERLIN);
    let now = "2026-11-02T09:00:00Z";
    let id = notified_issue(&env, now);
    env.ok(now, &["issue", "wait", &id, "--for", "a decision"]);
    let later = "2026-11-02T15:00:00Z";
    env.ok(
        later,
        &[
            "log",
            "add",
            "They chose option 2",
            "-p",
            "Portal",
            "--dir",
            "in",
            "--issue",
            &id,
        ],
    );
    // Waited 6 h: the follow-up due 24 h after the notice moves 6 h later, queued at once.
    assert_eq!(
        due_of(&env.pending(later), "progress"),
        ["2026-11-03T15:00:00Z"]
    );
    let today = env.json(later, &["today"]);
    assert!(
        today["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|i| i["section"] != "waiting-on-client")
    );
}

#[test]
fn until_passing_resumes_and_a_long_wait_says_to_chase() {
    let env = Env::new(&format!("{BERLIN}\n[waiting]\nchase_after_hours = 48\n"));
    let now = "2026-11-02T09:00:00Z";
    let id = notified_issue(&env, now);
    let other = env
        .ok(
            now,
            &["issue", "add", "Crash", "-p", "Portal", "-s", "high"],
        )
        .trim()
        .to_string();
    let notice = due_of(&env.pending(now), "notice");
    assert_eq!(notice.len(), 1);
    env.ok(
        now,
        &[
            "issue",
            "wait",
            &id,
            "--for",
            "VPN access",
            "--until",
            "2026-11-10 12:00",
        ],
    );
    env.ok(now, &["issue", "wait", &other, "--for", "logs"]);
    let chase = |at: &str| -> Vec<i64> {
        env.json(at, &["today"])["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|i| i["section"] == "chase-client")
            .map(|i| i["id"].as_i64().expect("id"))
            .collect()
    };
    assert!(chase("2026-11-04T08:00:00Z").is_empty());
    assert_eq!(chase("2026-11-04T10:00:00Z").len(), 2);
    // 2026-11-10 12:00 (typed in the PM's zone, UTC here) has passed: the first wait ended
    // there by itself, 8 days 3 h after it began.
    let after = "2026-11-10T12:00:00Z";
    let chased = chase(after);
    assert_eq!(chased, [other.parse::<i64>().expect("id")]);
    let progress = due_of(&env.pending(after), "progress");
    assert_eq!(progress, ["2026-11-11T12:00:00Z"], "pushed by 8 days 3 h");
}

#[test]
fn bad_calendar_config_exits_2_naming_key_and_value() {
    for (text, named) in [
        ("[calendar]\nzone = \"Asia/Shanghia\"\n", "Asia/Shanghia"),
        ("[calendar]\nhours = \"09:00-25:00\"\n", "09:00-25:00"),
        (
            "[calendar]\nholidays = [\"2026-10-01/2026-10-32\"]\n",
            "calendar.holidays",
        ),
        (
            "[sla_hours]\ncritical = 1\nhigh = 4\nmedium = \"24 busyness\"\nlow = 72\n",
            "24 busyness",
        ),
    ] {
        let env = Env::new(text);
        let out = env.output(common::NOW, &["today"]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(named), "{text}: {err}");
    }
}

#[test]
fn the_status_report_slot_is_in_the_client_zone() {
    let env = Env::new("");
    let now = "2026-11-18T09:00:00Z"; // Wednesday; the PM works in UTC
    env.ok(now, &["contact", "add", "Li Wei", "--company", "Huadong"]);
    env.ok(
        now,
        &["client", "edit", "Huadong", "--zone", "Asia/Shanghai"],
    );
    env.ok(
        now,
        &[
            "project",
            "add",
            "Mobile",
            "--company",
            "Huadong",
            "--cadence",
            "weekly",
        ],
    );
    // Friday 15:00 in Shanghai is 07:00Z, not 15:00Z.
    assert_eq!(
        due_of(&env.pending(now), "status"),
        ["2026-11-20T07:00:00Z"]
    );
}

#[test]
fn an_update_a_person_edited_stays_queued_but_not_late_while_waiting() {
    let env = Env::new(BERLIN);
    let now = "2026-11-02T09:00:00Z";
    let id = notified_issue(&env, now);
    let progress = env.pending(now)[0]["id"].to_string();
    env.ok(
        now,
        &["update", "edit", &progress, "--subject", "Where we are"],
    );
    env.ok(now, &["issue", "wait", &id, "--for", "a decision"]);
    let later = "2026-11-04T09:00:00Z"; // a day past its due time
    assert_eq!(
        due_of(&env.pending(later), "progress"),
        ["2026-11-03T09:00:00Z"]
    );
    let today = env.json(later, &["today"]);
    assert!(
        today["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|i| i["section"] != "overdue-updates"),
        "{today}"
    );
    // Resumed after 48 h: the kept update moves by the time waited, and no second one is queued.
    env.ok(later, &["issue", "resume", &id]);
    assert_eq!(
        due_of(&env.pending(later), "progress"),
        ["2026-11-05T09:00:00Z"]
    );
}

#[test]
fn a_status_report_for_a_shanghai_client_shows_its_times_in_cst() {
    let env = Env::new("");
    // Wednesday 20:00 for the PM (UTC) is Thursday 04:00 in Shanghai.
    let now = "2026-11-18T20:00:00Z";
    env.ok(now, &["contact", "add", "Li Wei", "--company", "Huadong"]);
    env.ok(
        now,
        &["client", "edit", "Huadong", "--zone", "Asia/Shanghai"],
    );
    env.ok(
        now,
        &[
            "project",
            "add",
            "Mobile",
            "--company",
            "Huadong",
            "--cadence",
            "weekly",
        ],
    );
    env.ok(
        now,
        &["issue", "add", "Export fails", "-p", "Mobile", "-s", "high"],
    );
    let notice = env
        .pending(now)
        .into_iter()
        .find(|u| u["kind"] == "notice")
        .expect("a notice");
    let notice = notice["id"].as_i64().expect("id").to_string();
    env.ok(now, &["update", "sent", &notice]);
    let due = env.json(now, &["issue", "show", "1"])["next_update_due"]
        .as_str()
        .expect("a next update")
        .to_string();
    let due: chrono::DateTime<chrono::Utc> = due.parse().expect("rfc3339");
    let shanghai = (due + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M CST");
    let utc = due.format("%Y-%m-%d %H:%M").to_string();

    let json = env.json(now, &["report", "status", "-p", "Mobile"]);
    assert_eq!(json["period_to"], "2026-11-19", "the client's date: {json}");
    // The next report is the one the rules queued: Friday 15:00 on the client's clock.
    assert_eq!(json["next_report"], "2026-11-20", "{json}");
    assert_eq!(
        json["open_issues"][0]["next_update"],
        shanghai.to_string(),
        "{json}"
    );
    let text = env.ok(
        now,
        &["report", "status", "-p", "Mobile", "--format", "text"],
    );
    assert!(
        text.contains(&format!("Next update by {shanghai}")),
        "{text}"
    );
    assert!(
        !text.contains(&utc),
        "no PM time in the client's report: {text}"
    );

    // The same report in Chinese names the same Shanghai time.
    env.ok(now, &["client", "edit", "Huadong", "--language", "zh-CN"]);
    let text = env.ok(
        now,
        &["report", "status", "-p", "Mobile", "--format", "text"],
    );
    assert!(text.contains(&format!("下次更新：{shanghai}")), "{text}");
    assert!(text.contains("2026-11-19"), "{text}");
}

#[test]
fn a_wait_ended_the_minute_it_began_still_leaves_the_follow_up_owed() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "issue",
        "add",
        "SSO down",
        "--project",
        "Portal",
        "--severity",
        "critical",
    ]);
    let notice = db
        .json(&["update", "list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["kind"] == "notice" && u["issue_id"] == 2)
        .expect("the notice")["id"]
        .as_i64()
        .unwrap()
        .to_string();
    db.ok(&["update", "sent", &notice]);
    db.ok(&["issue", "wait", "2", "--for", "VPN access"]);
    db.ok(&["issue", "resume", "2"]);
    let pending: Vec<serde_json::Value> = db
        .json(&["update", "list"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["issue_id"] == 2 && u["kind"] == "progress")
        .cloned()
        .collect();
    assert_eq!(pending.len(), 1, "the follow-up is owed again: {pending:?}");
    // Critical: every 4 hours after the notice sent at 09:00; no time was spent waiting.
    assert_eq!(pending[0]["due_at"], "2026-11-18T13:00:00Z");
    assert_eq!(
        db.json(&["issue", "show", "2"])["next_update_due"],
        "2026-11-18T13:00:00Z"
    );
}
