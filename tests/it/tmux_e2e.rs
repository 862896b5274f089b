//! End to end in a real terminal: the real binary inside tmux, driven with send-keys and
//! read with capture-pane. CI installs tmux (.ci/run); without it this test fails loudly.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub(crate) struct Tmux {
    socket: String,
}

impl Tmux {
    pub(crate) fn new(name: &str) -> Tmux {
        let found = Command::new("tmux").arg("-V").output();
        assert!(
            found.is_ok_and(|o| o.status.success()),
            "tmux is required for this test (apt-get install tmux; .ci/run does it)"
        );
        Tmux {
            socket: format!("rapport-{name}-{}", std::process::id()),
        }
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn start(&self, db: &Path, home: &Path) {
        self.start_with(db, home, "");
    }

    /// [`Tmux::start`] with more environment (`env` as typed: `EDITOR='/path/ed.sh'`).
    pub(crate) fn start_with(&self, db: &Path, home: &Path, env: &str) {
        // A --db file is never made by accident: make it on purpose first.
        if !db.exists() {
            let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
                .arg("--db")
                .arg(db)
                .arg("init")
                .env("TZ", "UTC")
                .output()
                .expect("rapport init");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let cmd = format!(
            "env -i PATH=/usr/bin:/bin TERM=xterm-256color TZ=UTC HOME='{home}' XDG_CONFIG_HOME='{home}/config' RAPPORT_NOW=2026-11-18T09:00:00Z {env} '{bin}' --db '{db}'",
            home = home.display(),
            bin = env!("CARGO_BIN_EXE_rapport"),
            db = db.display()
        );
        let out = self.tmux(&[
            "new-session",
            "-d",
            "-s",
            "app",
            "-x",
            "100",
            "-y",
            "30",
            &cmd,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// rapport with `args` as typed (no --db: the files of the data dir under `home`).
    fn start_args(&self, args: &str, home: &Path) {
        let cmd = format!(
            "env -i PATH=/usr/bin:/bin TERM=xterm-256color TZ=UTC HOME='{home}' XDG_CONFIG_HOME='{home}/config' XDG_DATA_HOME='{home}/data' RAPPORT_NOW=2026-11-18T09:00:00Z '{bin}' {args}",
            home = home.display(),
            bin = env!("CARGO_BIN_EXE_rapport"),
        );
        let out = self.tmux(&[
            "new-session",
            "-d",
            "-s",
            "app",
            "-x",
            "120",
            "-y",
            "30",
            &cmd,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub(crate) fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "app"]).stdout)
            .into_owned()
    }

    pub(crate) fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "waited 15 s for {text:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub(crate) fn keys(&self, keys: &[&str]) {
        for k in keys {
            let out = self.tmux(&["send-keys", "-t", "app", k]);
            assert!(out.status.success());
            // Separate presses so Esc followed by a key is not read as Alt+key.
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn text(&self, text: &str) {
        assert!(
            self.tmux(&["send-keys", "-t", "app", "-l", text])
                .status
                .success()
        );
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Pastes `text` as a terminal does: bracketed (`paste-buffer -p` wraps it in
    /// ESC[200~ ... ESC[201~) only when the app turned bracketed paste on.
    fn paste(&self, text: &str) {
        assert!(
            self.tmux(&["set-buffer", "-b", "clip", "--", text])
                .status
                .success()
        );
        assert!(
            self.tmux(&["paste-buffer", "-p", "-b", "clip", "-t", "app"])
                .status
                .success()
        );
        std::thread::sleep(Duration::from_millis(60));
    }

    pub(crate) fn wait_exit(&self) {
        let start = Instant::now();
        while self.tmux(&["has-session", "-t", "app"]).status.success() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "rapport did not quit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

#[test]
fn add_a_project_and_a_critical_issue_through_the_forms_then_find_them_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.sqlite3");
    let t = Tmux::new("forms");

    t.start(&db, dir.path());
    t.wait_for("Welcome to rapport");
    t.keys(&["a"]);
    t.wait_for("New project");
    t.text("Northwind Portal");
    t.keys(&["Tab"]);
    t.text("Northwind");
    t.keys(&["C-s"]);
    t.wait_for("project 1 saved");

    t.keys(&["2"]);
    t.wait_for("No issues logged");
    t.keys(&["a"]);
    t.wait_for("New issue");
    t.text("SSO login fails for all users");
    t.keys(&["Tab"]);
    t.text("c"); // severity: the first value starting with c
    let screen = t.wait_for("◀ critical ▶");
    assert!(screen.contains("Northwind Portal"), "{screen}");
    t.keys(&["C-s"]);
    let screen = t.wait_for("issue 1 saved");
    assert!(screen.contains("SSO login fails for all users"), "{screen}");
    t.keys(&["q"]);
    t.wait_exit();

    // A second start finds the issue on Today and in the issue log.
    t.start(&db, dir.path());
    let today = t.wait_for("Client not told yet (1)");
    assert!(
        today.contains("critical") && today.contains("SSO login fails for all users"),
        "{today}"
    );
    t.keys(&["2"]);
    let issues = t.wait_for("Issues 1/1");
    assert!(issues.contains("critical"), "{issues}");
    t.keys(&["q"]);
    t.wait_exit();

    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["--db", db.to_str().unwrap(), "issue", "list", "--json"])
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["title"], "SSO login fails for all users");
    assert_eq!(list[0]["severity"], "critical");
    assert_eq!(list[0]["project"], "Northwind Portal");
    assert_eq!(list[0]["detected_at"], "2026-11-18T09:00:00Z");
}

/// The CLI on `db` at the tests' fixed time; what it printed. It must succeed.
pub(crate) fn rapport(db: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("TZ", "UTC")
        .env("RAPPORT_NOW", "2026-11-18T09:00:00Z")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn changes_from_another_process_appear_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.sqlite3");
    let cli = |args: &[&str]| {
        rapport(&db, args);
    };
    cli(&["init"]);
    cli(&["project", "add", "Portal"]);
    let t = Tmux::new("live");
    t.start(&db, dir.path());
    t.wait_for("Project health (1)");
    cli(&[
        "issue",
        "add",
        "Added from the CLI meanwhile",
        "-p",
        "Portal",
        "-s",
        "high",
    ]);
    let screen = t.wait_for("Added from the CLI meanwhile");
    assert!(screen.contains("Client not told yet (1)"), "{screen}");
    t.keys(&["q"]);
    t.wait_exit();
}

#[test]
fn a_filter_typed_at_full_speed_shows_the_last_keystrokes_matches() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("filter.sqlite3");
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["--db", db.to_str().unwrap(), "demo"])
        .env("TZ", "UTC")
        .env("RAPPORT_NOW", "2026-11-18T09:00:00Z")
        .output()
        .unwrap();
    assert!(out.status.success());
    let t = Tmux::new("filter");
    t.start(&db, dir.path());
    // Today has loaded (the demo's agenda no longer fits 30 rows down to its health lines).
    t.wait_for("Today · 2026-11-18");
    t.keys(&["5", "/"]);
    // All six letters arrive at once: each keystroke's query is handed to the background
    // reader, the earlier ones are dropped or interrupted, and only "status" lands.
    t.text("status");
    let screen = t.wait_for("filter: status (best first)");
    let title = screen
        .lines()
        .find(|l| l.contains("filter: status"))
        .unwrap_or_default();
    assert!(title.contains("Log 1/22 "), "{title}");
    assert!(screen.contains("Sent status update"), "{screen}");
    // Two more letters that match nothing, then back to a filter with matches.
    t.text("xx");
    t.wait_for("Nothing matches");
    t.keys(&["BSpace", "BSpace", "Enter", "j"]);
    t.wait_for("Log 2/22 ");
    // Clearing the filter keeps that entry (the second best match: the demo's Chinese
    // client gets Chinese subjects, so an English "Status report" ranks first) under the
    // cursor, among all 40 entries (two of them the decisions of the demo's meeting).
    t.keys(&["Escape"]);
    let screen = t.wait_for("/40 ");
    assert!(!screen.contains("filter:"), "{screen}");
    assert!(screen.contains("Log 37/40 "), "{screen}");
    t.keys(&["q"]);
    t.wait_exit();
}

#[test]
fn a_paste_with_newlines_goes_into_one_field_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("paste.sqlite3");
    let cli = |args: &[&str]| rapport(&db, args);
    cli(&["init"]);
    cli(&["project", "add", "Portal"]);
    let t = Tmux::new("paste");
    t.start(&db, dir.path());
    t.wait_for("Project health (1)");
    t.keys(&["5", "a"]);
    t.wait_for("Log a contact with the client");
    // As keys, the newlines would move through the fields and the last one save the form.
    t.paste("Client call: ok\n\n\n2\nx");
    let screen = t.wait_for("Client call: ok 2 x");
    assert!(screen.contains("Log a contact with the client"), "{screen}");
    let summary = screen
        .lines()
        .find(|l| l.contains("Summary"))
        .unwrap_or_default();
    assert!(summary.contains("Client call: ok 2 x"), "{screen}");
    let when = screen
        .lines()
        .find(|l| l.contains("When"))
        .unwrap_or_default();
    assert!(when.contains("now") && !when.contains("now2"), "{screen}");
    // Outside a form a paste is refused, not typed.
    t.keys(&["Escape"]);
    t.wait_for("cancelled: nothing saved");
    t.paste("x");
    let screen = t.wait_for("paste ignored: open a form or a filter first");
    assert!(!screen.contains("Archive"), "{screen}");
    t.keys(&["q"]);
    t.wait_exit();
    let list: serde_json::Value = serde_json::from_slice(&cli(&["log", "list", "--json"])).unwrap();
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(0),
        "nothing saved: {list}"
    );
}

fn json_of(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn add_a_milestone_and_a_risk_with_a_response_through_the_plan_pane() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.sqlite3");
    let t = Tmux::new("plan");

    t.start(&db, dir.path());
    t.wait_for("Welcome to rapport");
    t.keys(&["a"]);
    t.wait_for("New project");
    t.text("Northwind Portal");
    t.keys(&["Tab"]);
    t.text("Northwind");
    t.keys(&["C-s"]);
    t.wait_for("project 1 saved");

    t.keys(&["6"]);
    t.wait_for("No milestones yet");
    t.keys(&["a"]);
    t.wait_for("New milestone");
    t.text("Beta release");
    t.keys(&["Tab", "Tab"]); // the project is the only one
    t.text("2026-12-01");
    t.keys(&["Tab", "BSpace"]);
    t.text("3");
    t.keys(&["C-s"]);
    let screen = t.wait_for("milestone 1 saved");
    assert!(
        screen.contains("Beta release") && screen.contains("2026-12-01"),
        "{screen}"
    );

    t.keys(&["]"]);
    t.wait_for("No risks listed");
    t.keys(&["a"]);
    t.wait_for("New risk");
    t.text("Vendor API deprecation");
    t.keys(&["Tab", "Tab"]);
    t.text("h"); // likelihood: high
    t.keys(&["Tab"]);
    t.text("h"); // impact: high
    t.keys(&["Tab"]);
    t.text("Priya");
    t.keys(&["C-s"]);
    let screen = t.wait_for("risk 1 saved");
    assert!(screen.contains("9/9"), "high x high: {screen}");
    t.keys(&["p"]);
    t.wait_for("Prepared response to risk 1");
    t.text("Switch to the v3 endpoints");
    t.keys(&["Tab"]);
    t.text("3 days");
    t.keys(&["C-s"]);
    t.wait_for("risk 1 saved");
    t.keys(&["Enter"]);
    t.wait_for("1. Switch to the v3 endpoints — time: 3 days");
    t.keys(&["Escape", "q"]);
    t.wait_exit();

    let milestones = json_of(&db, &["milestone", "list", "--json"]);
    assert_eq!(milestones[0]["name"], "Beta release");
    assert_eq!(milestones[0]["due_on"], "2026-12-01");
    assert_eq!(milestones[0]["weight"], 3);
    assert_eq!(milestones[0]["project"], "Northwind Portal");
    let risks = json_of(&db, &["risk", "list", "--json"]);
    assert_eq!(risks[0]["text"], "Vendor API deprecation");
    assert_eq!(risks[0]["likelihood"], "high");
    assert_eq!(risks[0]["impact"], "high");
    assert_eq!(risks[0]["owner"], "Priya");
    assert_eq!(risks[0]["plans"][0]["text"], "Switch to the v3 endpoints");
    assert_eq!(risks[0]["plans"][0]["time_needed"], "3 days");
}

#[test]
fn the_portfolio_of_eight_demo_clients_switches_clients_and_opens_an_item() {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["demo", "--clients", "8"])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("TZ", "UTC")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("RAPPORT_NOW", "2026-11-18T09:00:00Z")
        .output()
        .expect("demo --clients");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("rapport --all-clients"));
    let t = Tmux::new("portfolio");
    t.start_args("--all-clients", home.path());
    t.wait_for("Today across clients");
    // The first frame comes before the files are read; Today fills in as they arrive.
    let screen = t.wait_for("8 clients");
    assert!(screen.contains("8 clients"), "{screen}");
    // The switcher: every client with its health; the second client opens in the panes.
    t.keys(&["c"]);
    let screen = t.wait_for("Clients (Enter: open");
    assert!(
        screen.contains("tailspin-airlines") && screen.contains("red"),
        "{screen}"
    );
    t.keys(&["j", "j", "Enter"]);
    // The top line names the client's file (the badge at its right only where the tabs
    // leave room: not at this width).
    t.wait_for(" rapport · contoso-pharmaceuticals ");
    // Back to the switcher, then all clients, then an item opened in its client's file.
    t.keys(&["c"]);
    t.wait_for("Clients (Enter: open");
    t.keys(&["g", "k", "k", "k", "Enter"]);
    t.wait_for("Today across clients");
    t.wait_for("8 clients");
    t.keys(&["Enter"]);
    let screen = t.wait_for("1 Today");
    let top = screen.lines().next().unwrap_or_default();
    assert!(
        top.contains("7 Insights") && top.trim_end().ends_with("c: clients"),
        "the tabs whole, the key back to the clients in the room they leave: {top}"
    );
    t.keys(&["q"]);
    t.wait_exit();
}

#[test]
fn add_a_solution_option_and_choose_it_from_the_issue_detail() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("options.sqlite3");
    let t = Tmux::new("options");
    t.start(&db, dir.path());
    t.wait_for("Welcome to rapport");
    t.keys(&["q"]);
    t.wait_exit();
    rapport(
        &db,
        &[
            "project",
            "add",
            "Northwind Portal",
            "--company",
            "Northwind",
        ],
    );
    rapport(
        &db,
        &[
            "issue",
            "add",
            "SSO login fails for all users",
            "--project",
            "Northwind Portal",
            "--severity",
            "high",
        ],
    );

    t.start(&db, dir.path());
    t.keys(&["2"]);
    t.wait_for("Issues 1/1");
    t.keys(&["Enter"]);
    t.wait_for("O option");
    t.keys(&["O"]);
    t.wait_for("Solution option for issue 1");
    t.text("Roll back to 4.1");
    t.keys(&["Tab"]);
    t.text("2 hours");
    t.keys(&["Tab"]);
    t.text("logins work again");
    t.keys(&["C-s"]);
    // Saved, the issue's detail is back with the option in it.
    t.wait_for("1. Roll back to 4.1");
    t.keys(&["c"]);
    t.wait_for("The option the client chose for issue 1");
    t.keys(&["C-s"]);
    t.wait_for("chosen by the client");
    t.keys(&["Escape", "q"]);
    t.wait_exit();

    let issue = json_of(&db, &["issue", "show", "1", "--json"]);
    let options = issue["options"].as_array().expect("options");
    assert_eq!(options.len(), 1, "{issue}");
    assert_eq!(options[0]["text"], "Roll back to 4.1");
    assert_eq!(options[0]["time_needed"], "2 hours");
    assert_eq!(options[0]["expected_effect"], "logins work again");
    assert_eq!(options[0]["chosen"], true);
    assert_eq!(
        issue["status"], "in-progress",
        "work on the chosen option starts"
    );
}

#[test]
fn clicks_switch_pane_and_open_a_row_and_quitting_gives_the_mouse_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mouse.sqlite3");
    let cli = |args: &[&str]| rapport(&db, args);
    cli(&["init"]);
    cli(&["project", "add", "Portal"]);
    cli(&[
        "issue",
        "add",
        "First by mouse",
        "-p",
        "Portal",
        "-s",
        "high",
    ]);
    cli(&[
        "issue",
        "add",
        "Second by mouse",
        "-p",
        "Portal",
        "-s",
        "low",
    ]);
    let t = Tmux::new("mouse");
    t.start(&db, dir.path());
    // The pane stays after rapport quits, so the terminal's modes can be read then.
    t.tmux(&["set-option", "-t", "app", "remain-on-exit", "on"]);
    let screen = t.wait_for("Project health (1)");
    let flags = |t: &Tmux| {
        String::from_utf8_lossy(
            &t.tmux(&[
                "display-message",
                "-p",
                "-t",
                "app",
                "#{mouse_any_flag}#{mouse_sgr_flag} #{pane_dead}",
            ])
            .stdout,
        )
        .trim()
        .to_string()
    };
    assert_eq!(flags(&t), "11 0", "mouse capture on while rapport runs");
    // A press and release of the left button on the Issues tab, as an xterm (SGR) reports it.
    let tab = screen.lines().next().unwrap_or_default();
    let column = tab[..tab.find("2 Issues").unwrap()].chars().count() + 3;
    t.text(&format!("\x1b[<0;{column};1M\x1b[<0;{column};1m"));
    let screen = t.wait_for("Issues 1/2");
    // The second row, clicked twice: selected, then opened.
    let row = screen
        .lines()
        .position(|l| l.contains("Second by mouse"))
        .unwrap()
        + 1;
    t.text(&format!("\x1b[<0;20;{row}M\x1b[<0;20;{row}m"));
    t.wait_for("Issues 2/2");
    t.text(&format!("\x1b[<0;20;{row}M\x1b[<0;20;{row}m"));
    t.wait_for("Esc close");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    let start = Instant::now();
    while !flags(&t).ends_with(" 1") {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "rapport did not quit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(flags(&t), "00 1", "mouse capture off after quitting");
}
