//! The portfolio (`--all-clients`): every client's file at once, as a user types it (no
//! --db: `--client NAME` files under the data dir of a temporary home).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rapport::clock::Clock;
use rapport::tui::action::Action;
use rapport::tui::effects::Effects;
use rapport::tui::key::{Code, Key};
use rapport::tui::portfolio::{open_app, state, view};
use rapport::workflow::Record;
use rapport::workflow::portfolio::{ClientFile, Portfolio};
use serde_json::Value;

use crate::common::NOW;

/// A temporary home with its config and data dirs.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("rapport").expect("binary");
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("TZ", "UTC")
            .env("RAPPORT_NOW", NOW);
        c
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        self.cmd().args(args).output().expect("run")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "rapport {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    fn clients_dir(&self) -> PathBuf {
        self.dir.path().join("data/rapport/clients")
    }

    fn client_file(&self, name: &str) -> PathBuf {
        self.clients_dir().join(format!("{name}.sqlite3"))
    }

    fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config/rapport")
    }

    /// A client with one project and one high issue the client has not been told of.
    fn client(&self, name: &str, company: &str) {
        self.ok(&[
            "--client",
            name,
            "project",
            "add",
            "Portal",
            "--company",
            company,
        ]);
        self.ok(&[
            "--client",
            name,
            "issue",
            "add",
            &format!("{company} login fails"),
            "--project",
            "Portal",
            "--severity",
            "high",
        ]);
    }
}

fn clients_of(items: &[Value]) -> Vec<String> {
    let mut c: Vec<String> = items
        .iter()
        .map(|i| {
            i["client"]
                .as_str()
                .expect("a client on every item")
                .to_string()
        })
        .collect();
    c.sort();
    c.dedup();
    c
}

#[test]
fn today_over_three_clients_and_a_corrupt_file_names_the_file_and_shows_the_rest() {
    let h = Home::new();
    h.client("acme", "Acme");
    h.client("globex", "Globex");
    h.client("initech", "Initech");
    std::fs::write(h.client_file("broken"), b"this is not a database").unwrap();
    let out = h.run(&["--all-clients", "today", "--json"]);
    assert!(out.status.success(), "exit 0 when some files were read");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.sqlite3") && stderr.contains("not a database"),
        "stderr names the corrupt file: {stderr}"
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let items = json["items"].as_array().expect("items");
    assert_eq!(clients_of(items), ["acme", "globex", "initech"]);
    // Each client's issue is listed with its own client.
    for (client, company) in [
        ("acme", "Acme"),
        ("globex", "Globex"),
        ("initech", "Initech"),
    ] {
        assert!(
            items.iter().any(
                |i| i["client"] == client && i["text"].as_str().unwrap_or("").contains(company)
            ),
            "{client}'s issue under its name: {items:?}"
        );
    }
    assert_eq!(json["skipped"][0]["client"], "broken");
    // Read only: no rules ran, nothing was written (the corrupt file is untouched too).
    assert_eq!(
        std::fs::read(h.client_file("broken")).unwrap(),
        b"this is not a database"
    );
}

#[test]
fn the_merged_today_is_ordered_most_urgent_first_across_clients() {
    let h = Home::new();
    h.client("acme", "Acme");
    h.client("globex", "Globex");
    let json: Value = serde_json::from_str(&h.ok(&["--all-clients", "today", "--json"])).unwrap();
    let items = json["items"].as_array().unwrap();
    let sections = [
        "overdue-updates",
        "due-today",
        "client-unaware",
        "follow-up-overdue",
        "chase-client",
        "waiting-on-client",
        "expectations",
        "risk-reviews",
        "unanswered-feedback",
        "quiet-clients",
        "health",
    ];
    let rank: Vec<usize> = items
        .iter()
        .map(|i| {
            sections
                .iter()
                .position(|s| i["section"] == *s)
                .expect("known section")
        })
        .collect();
    assert!(
        rank.windows(2).all(|w| w[0] <= w[1]),
        "by section: {rank:?}"
    );
    assert_eq!(json["clients"].as_array().unwrap().len(), 2);
}

#[test]
fn all_clients_with_db_or_client_is_one_clear_error() {
    let h = Home::new();
    h.client("acme", "Acme");
    for extra in [["--db", "x.sqlite3"], ["--client", "acme"]] {
        let mut args = vec!["--all-clients", "today"];
        args.extend(extra);
        let out = h.run(&args);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("--all-clients"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn issue_list_search_and_digest_name_the_client_of_every_row() {
    let h = Home::new();
    h.client("acme", "Acme");
    h.client("globex", "Globex");
    let issues: Value =
        serde_json::from_str(&h.ok(&["--all-clients", "issue", "list", "--json"])).unwrap();
    assert_eq!(clients_of(issues.as_array().unwrap()), ["acme", "globex"]);
    let updates: Value =
        serde_json::from_str(&h.ok(&["--all-clients", "update", "list", "--json"])).unwrap();
    assert_eq!(clients_of(updates.as_array().unwrap()), ["acme", "globex"]);
    let hits: Value =
        serde_json::from_str(&h.ok(&["--all-clients", "search", "login", "--json"])).unwrap();
    assert_eq!(clients_of(hits.as_array().unwrap()), ["acme", "globex"]);
    let md = h.ok(&["--all-clients", "report", "digest"]);
    assert!(md.contains("## acme") && md.contains("## globex"), "{md}");
    assert!(
        md.contains("Overdue") && md.contains("Promised for the next 7 days"),
        "{md}"
    );
}

#[test]
fn a_client_toml_changes_that_clients_draft_language_only() {
    let h = Home::new();
    std::fs::create_dir_all(h.config_dir().join("clients")).unwrap();
    std::fs::write(
        h.config_dir().join("clients/globex.toml"),
        "language = \"zh-CN\"\n",
    )
    .unwrap();
    h.client("acme", "Acme");
    h.client("globex", "Globex");
    let body = |client: &str| -> String {
        let list: Value =
            serde_json::from_str(&h.ok(&["--client", client, "update", "list", "--json"])).unwrap();
        let id = list[0]["id"].as_i64().expect("a drafted notice");
        h.ok(&["--client", client, "update", "show", &id.to_string()])
    };
    let chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let acme = body("acme");
    let globex = body("globex");
    assert!(
        !chinese(&acme),
        "acme keeps the main config's English: {acme}"
    );
    assert!(chinese(&globex), "globex drafts in Chinese: {globex}");
}

#[test]
fn demo_clients_refuses_to_overwrite_a_client_file() {
    let h = Home::new();
    h.client("northwind-traders", "Northwind");
    let before = std::fs::read(h.client_file("northwind-traders")).unwrap();
    let out = h.run(&["demo", "--clients", "3"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("northwind-traders.sqlite3"), "{stderr}");
    assert_eq!(
        std::fs::read(h.client_file("northwind-traders")).unwrap(),
        before
    );
    assert!(!h.client_file("contoso-pharmaceuticals").exists());
}

fn portfolio(h: &Home, names: &[&str]) -> Portfolio {
    std::fs::create_dir_all(h.config_dir()).unwrap();
    std::fs::write(h.config_dir().join("config.toml"), "").unwrap();
    Portfolio {
        files: names
            .iter()
            .map(|n| ClientFile {
                name: n.to_string(),
                path: h.client_file(n),
            })
            .collect(),
        cfg: rapport::config::Config::default(),
        config_path: Some(h.config_dir().join("config.toml")),
        per_client: true,
        now: NOW.parse().unwrap(),
    }
}

fn archived(path: &Path, issue: i64) -> bool {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT archived_at IS NOT NULL FROM issues WHERE id = ?1",
        [issue],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn enter_on_a_portfolio_item_then_an_edit_changes_that_clients_file_only() {
    let h = Home::new();
    h.client("acme", "Acme");
    h.client("globex", "Globex");
    let p = portfolio(&h, &["acme", "globex"]);
    let now = p.now;
    let mut screen = state::Portfolio::new(p.today(now, rapport::model::when::Zone::UTC));
    // Globex's issue (both files have an issue 1).
    screen.selected = screen
        .today
        .items
        .iter()
        .position(|i| i.client == "globex" && i.item.record == Record::Issue(1))
        .expect("globex's issue in the portfolio");
    let state::Step::Open { client, item } = screen.key(Key::plain(Code::Enter)) else {
        panic!("Enter opens the item's client")
    };
    assert_eq!(client, "globex");
    let clock = Clock::Fixed(now);
    let (mut store, mut app, policy) = open_app(&p, &client, item, clock, (120, 40)).unwrap();
    assert_eq!(app.selected_record(), Some(Record::Issue(1)), "at the item");
    let mut act = |app: &mut rapport::tui::app::App, a: Action| {
        let effects = rapport::tui::update::update(app, a);
        rapport::tui::run_effects(
            &mut Effects {
                store: &mut store,
                clock,
                policy: &policy,
            },
            app,
            effects,
        );
    };
    act(&mut app, Action::Archive);
    act(&mut app, Action::Input(Key::ch('y')));
    drop(store);
    assert!(
        archived(&h.client_file("globex"), 1),
        "globex's issue archived"
    );
    assert!(
        !archived(&h.client_file("acme"), 1),
        "acme's issue 1 untouched"
    );
}

#[test]
fn the_client_switcher_lists_every_client_with_health_overdue_and_last_contact() {
    let h = Home::new();
    h.client("acme", "Acme");
    h.client("globex", "Globex");
    h.ok(&[
        "--client",
        "globex",
        "log",
        "add",
        "--project",
        "Portal",
        "Weekly call",
        "--dir",
        "in",
        "--at",
        "2026-11-16 10:00",
    ]);
    let p = portfolio(&h, &["acme", "globex"]);
    let mut screen = state::Portfolio::new(p.today(p.now, rapport::model::when::Zone::UTC));
    screen.key(Key::ch('c'));
    assert_eq!(
        screen.switcher,
        Some(0),
        "c opens the switcher on All clients"
    );
    screen.key(Key::ch('j'));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 20)).unwrap();
    terminal.draw(|f| view::draw(f, &screen)).unwrap();
    let text: String = terminal
        .backend()
        .buffer()
        .content()
        .chunks(100)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
        .collect();
    insta::assert_snapshot!("portfolio_client_switcher", text);
    // Enter on a client opens its file; Esc from the switcher goes back to all clients.
    assert_eq!(
        screen.key(Key::plain(Code::Enter)),
        state::Step::Open {
            client: "acme".into(),
            item: None
        }
    );
}

/// Whether `s` holds a CJK character (the generated data's Chinese).
fn has_cjk(s: &str) -> bool {
    s.chars()
        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3000}'..='\u{303F}').contains(&c))
}

#[test]
fn generated_client_files_follow_the_communication_rules() {
    let h = Home::new();
    h.ok(&["demo", "--clients", "3"]);
    for name in [
        "northwind-traders",
        "contoso-pharmaceuticals",
        "fabrikam-logistics",
    ] {
        let json = |args: &[&str]| -> Vec<Value> {
            let mut all = vec!["--client", name];
            all.extend_from_slice(args);
            all.push("--json");
            serde_json::from_str::<Value>(&h.ok(&all))
                .expect("json")
                .as_array()
                .expect("a list")
                .clone()
        };
        let contacts = json(&["contact", "list"]);
        assert!(!contacts.is_empty(), "{name}: no contact");
        let issues = json(&["issue", "list", "--all"]);
        let updates = json(&["update", "list", "--all"]);
        assert!(!issues.is_empty() && !updates.is_empty(), "{name}: no data");
        let issue = |id: &Value| issues.iter().find(|i| &i["id"] == id).expect("issue");
        for u in &updates {
            let subject = u["subject"].as_str().expect("subject");
            assert!(!subject.starts_with("Update on issue"), "{name}: {subject}");
            // The generated clients are English: no Chinese in what they are sent.
            assert!(!has_cjk(subject), "{name}: {subject}");
            if u["issue_id"].is_null() {
                continue;
            }
            let i = issue(&u["issue_id"]);
            let open = ["new", "investigating", "in-progress"]
                .contains(&i["status"].as_str().expect("status"));
            if u["kind"] == "resolution" {
                assert!(
                    !open,
                    "{name}: resolution update {} on open issue {}",
                    u["id"], i["id"]
                );
            }
            if u["kind"] == "notice" && u["state"] == "draft" {
                assert!(
                    i["client_notified_at"].is_null(),
                    "{name}: unsent notice {} for issue {} the client was told of",
                    u["id"],
                    i["id"]
                );
            }
            if u["state"] == "sent" {
                assert!(
                    u["due_at"].as_str() <= Some(NOW) || u["sent_at"].as_str() <= Some(NOW),
                    "{name}: update {} sent in the future",
                    u["id"]
                );
            }
        }
        for i in &issues {
            let desc = i["description"].as_str().expect("description");
            assert!(!desc.contains("Generated sample record"), "{name}: {desc}");
            assert!(!has_cjk(i["title"].as_str().expect("title")), "{name}: {i}");
            let open = ["new", "investigating", "in-progress"]
                .contains(&i["status"].as_str().expect("status"));
            if open {
                assert!(
                    updates
                        .iter()
                        .any(|u| u["issue_id"] == i["id"] && u["state"] == "draft"),
                    "{name}: open issue {} has no pending update",
                    i["id"]
                );
                assert!(!i["next_update_due"].is_null(), "{name}: {i}");
            }
        }
        // A status report covers one week (the projects' cadence).
        for u in updates
            .iter()
            .filter(|u| u["kind"] == "status" && u["state"] == "draft")
        {
            let subject = u["subject"].as_str().expect("subject");
            let dates: Vec<chrono::NaiveDate> = subject
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            assert_eq!(dates.len(), 2, "{name}: {subject}");
            assert_eq!((dates[1] - dates[0]).num_days(), 7, "{name}: {subject}");
        }
    }
}

#[test]
fn the_portfolio_at_80x24_gives_the_subject_room_and_marks_cut_cells() {
    let h = Home::new();
    h.client("northwind-traders-international", "Northwind Traders");
    h.client("globex", "Globex");
    let p = portfolio(&h, &["northwind-traders-international", "globex"]);
    let screen = state::Portfolio::new(p.today(p.now, rapport::model::when::Zone::UTC));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| view::draw(f, &screen)).unwrap();
    let lines: Vec<String> = terminal
        .backend()
        .buffer()
        .content()
        .chunks(80)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect();
    // The subject of the notice keeps 30 columns: its first words are whole.
    let rows: Vec<&String> = lines.iter().filter(|l| l.contains("update ")).collect();
    assert!(!rows.is_empty(), "{lines:#?}");
    for row in &rows {
        assert!(
            row.contains("Northwind Traders login fails") || row.contains("Globex login fails"),
            "{row}"
        );
    }
    // The long client name is cut with an ellipsis, not mid-word silently.
    assert!(
        lines.iter().any(|l| l.contains("northwind-…")),
        "{lines:#?}"
    );
    insta::assert_snapshot!("portfolio_80x24", lines.join("\n"));
}

#[test]
fn the_digest_as_an_email_has_plain_headings_and_says_when_it_has_no_address() {
    let h = Home::new();
    h.client("acme", "Acme");
    let out = h.run(&["--all-clients", "report", "digest", "--format", "eml"]);
    assert!(out.status.success());
    let eml = String::from_utf8(out.stdout).expect("utf-8");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!eml.contains("## ") && !eml.contains("**"), "{eml}");
    let heading = eml
        .lines()
        .find(|l| l.starts_with("acme: "))
        .unwrap_or_else(|| panic!("a plain client heading in {eml}"));
    assert!(
        eml.contains(&format!("{heading}\r\n{}\r\n", "=".repeat(heading.len()))),
        "{eml}"
    );
    assert!(!eml.contains("\r\nTo:"), "{eml}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no `from` address"), "{stderr}");

    // Markdown keeps its headings; the health line says the mood once, in real plurals.
    h.ok(&[
        "--client",
        "acme",
        "log",
        "add",
        "Unhappy about the delay",
        "-p",
        "Portal",
        "--dir",
        "in",
        "--sentiment",
        "-1",
    ]);
    h.ok(&[
        "--client",
        "acme",
        "expect",
        "add",
        "Go-live in May",
        "-p",
        "Portal",
        "-c",
        "schedule",
        "-s",
        "at-risk",
    ]);
    let md = h.ok(&["--all-clients", "report", "digest"]);
    assert!(md.contains("## acme"), "{md}");
    assert!(md.contains("1 expectation at risk or missed"), "{md}");
    assert!(!md.contains("(s)"), "{md}");
    assert_eq!(md.matches("mood").count(), 1, "{md}");

    // A low satisfaction score is a reason of its own: the mean is not added beside it.
    h.ok(&[
        "--client", "acme", "review", "add", "-p", "Portal", "--score", "2",
    ]);
    let md = h.ok(&["--all-clients", "report", "digest"]);
    assert_eq!(md.matches("satisfaction").count(), 1, "{md}");
    assert!(md.contains("satisfaction 2/5"), "{md}");
}
