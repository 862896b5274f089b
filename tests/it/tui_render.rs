//! Each pane drawn into ratatui's TestBackend from the demo data at a fixed time, compared
//! with committed snapshots (`cargo insta review` to accept changes).

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use rapport::clock::Clock;
use rapport::config::Config;
use rapport::store::Store;
use rapport::tui::action::Action;
use rapport::tui::app::{App, Pane, Zone};
use rapport::tui::effects::{Effect, Effects};
use rapport::tui::{start, update, view};
use rapport::workflow::{Policy, demo};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

pub(crate) fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    // The history's change sets carry the fixed time too, so the details' history is stable.
    store.set_origin("cli", Clock::Fixed(now()));
    demo::fill(&mut store, now(), &Policy::standard(), demo::Scale::Small).unwrap();
    store
}

/// The app as `rapport` shows it once the rules have run after the first frame.
pub(crate) fn app(store: &mut Store, w: u16, h: u16) -> App {
    let zone = Zone::Fixed(FixedOffset::east_opt(0).unwrap());
    let mut app = start(store, &Config::default(), Clock::Fixed(now()), zone, (w, h)).unwrap();
    let policy = Policy::standard();
    rapport::tui::run_effects(
        &mut Effects {
            store,
            clock: Clock::Fixed(now()),
            policy: &policy,
        },
        &mut app,
        vec![Effect::ApplyRules],
    );
    app
}

pub(crate) fn act(store: &mut Store, app: &mut App, action: Action) {
    let effects = update::update(app, action);
    let policy = Policy::standard();
    let mut fx = Effects {
        store,
        clock: Clock::Fixed(now()),
        policy: &policy,
    };
    rapport::tui::run_effects(&mut fx, app, effects);
    // As the event loop does once the frame is drawn and no key waits.
    rapport::tui::run_waiting(&mut fx, app);
}

pub(crate) fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    terminal
}

fn snapshot_every_pane(w: u16, h: u16) {
    let mut store = demo_store();
    let mut a = app(&mut store, w, h);
    for (i, pane) in Pane::ALL.iter().enumerate() {
        act(&mut store, &mut a, Action::GoPane(i));
        assert_eq!(a.pane, *pane);
        let t = render(&a);
        insta::assert_snapshot!(
            format!("{}_{w}x{h}", pane.title().to_lowercase()),
            t.backend()
        );
    }
}

#[test]
fn panes_at_80x24() {
    snapshot_every_pane(80, 24);
}

#[test]
fn panes_at_120x40() {
    snapshot_every_pane(120, 40);
}

#[test]
fn a_chinese_row_selected_with_its_detail() {
    let mut store = demo_store();
    let mut a = app(&mut store, 100, 30);
    act(&mut store, &mut a, Action::GoPane(1));
    // The second issue in severity order is the Chinese one.
    act(&mut store, &mut a, Action::Down);
    let t = render(&a);
    insta::assert_snapshot!("issues_chinese_selected_100x30", t.backend());
    act(&mut store, &mut a, Action::Open);
    let t = render(&a);
    insta::assert_snapshot!("issue_detail_chinese_100x30", t.backend());
}

#[test]
fn help_and_form_overlays() {
    let mut store = demo_store();
    let mut a = app(&mut store, 80, 24);
    act(&mut store, &mut a, Action::GoPane(2));
    act(&mut store, &mut a, Action::Help);
    insta::assert_snapshot!("help_queue_80x24", render(&a).backend());
    act(&mut store, &mut a, Action::Back);
    act(&mut store, &mut a, Action::GoPane(3));
    act(&mut store, &mut a, Action::Edit);
    insta::assert_snapshot!("expectation_edit_form_80x24", render(&a).backend());
}

#[test]
fn an_empty_database_shows_the_welcome() {
    let mut store = Store::open_in_memory().unwrap();
    let a = app(&mut store, 80, 24);
    insta::assert_snapshot!("welcome_80x24", render(&a).backend());
}

#[test]
fn a_tiny_window_says_so_instead_of_drawing() {
    let mut store = demo_store();
    let a = app(&mut store, 50, 12);
    let t = render(&a);
    let text: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(text.contains("too small"), "{text}");
    assert!(text.contains("60x15"));
}

#[test]
fn severity_and_overdue_have_their_colours() {
    let mut store = demo_store();
    let mut a = app(&mut store, 120, 40);
    act(&mut store, &mut a, Action::GoPane(1));
    let t = render(&a);
    let buf = t.backend().buffer();
    let find = |needle: &str| -> (u16, u16) {
        for y in 0..buf.area.height {
            let line: String = (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            if let Some(byte) = line.find(needle) {
                let x = line[..byte].chars().count() as u16;
                return (x, y);
            }
        }
        panic!("{needle} not drawn");
    };
    let (x, y) = find("critical");
    assert_eq!(buf[(x, y)].fg, Color::Red);
    let (x, y) = find("LATE");
    assert_eq!(buf[(x, y)].fg, Color::Red);
    let (x, y) = find("low ");
    assert_eq!(buf[(x, y)].fg, Color::Gray);
}

#[test]
fn a_filter_with_few_matches_shows_them_best_first() {
    let mut store = demo_store();
    let mut a = app(&mut store, 100, 24);
    act(&mut store, &mut a, Action::GoPane(4));
    act(&mut store, &mut a, Action::Filter);
    for c in "status".chars() {
        act(
            &mut store,
            &mut a,
            Action::Input(rapport::tui::key::Key::ch(c)),
        );
    }
    assert!(a.log.ranked, "a small match set is ranked");
    insta::assert_snapshot!("log_filtered_100x24", render(&a).backend());
}

/// Every line the terminal shows, trailing blanks trimmed.
fn screen_lines(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// Opens the detail of the selected issue after moving `down` rows in the Issues pane.
fn issue_detail(store: &mut Store, a: &mut App, id: i64) -> Terminal<TestBackend> {
    act(store, a, Action::GoPane(1));
    while a.selected_record() != Some(rapport::workflow::Record::Issue(id)) {
        let before = a.issues.selected;
        act(store, a, Action::Down);
        assert_ne!(a.issues.selected, before, "issue {id} not in the pane");
    }
    act(store, a, Action::Open);
    render(a)
}

#[test]
fn an_issue_detail_ends_with_its_history_newest_last() {
    let mut store = demo_store();
    let later = now() + chrono::Duration::minutes(30);
    store.set_origin("cli", Clock::Fixed(later));
    rapport::workflow::issues::edit(
        &mut store,
        later,
        &Policy::standard(),
        7,
        rapport::model::IssuePatch {
            owner: Some("Wei Zhang".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let mut a = app(&mut store, 120, 80);
    let t = issue_detail(&mut store, &mut a, 7);
    let lines = screen_lines(&t);
    let at = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not drawn:\n{}", lines.join("\n")))
    };
    let history = at("│History");
    let created = at("created");
    let edited = at("2026-11-18 09:30  edited   cli");
    assert!(
        history < created && created < edited,
        "{}",
        lines.join("\n")
    );
    let owner = lines[edited + 1].trim_matches(|c| c == '│' || c == ' ');
    assert!(owner.starts_with("owner: "), "{owner}");
    assert!(owner.ends_with("→ Wei Zhang"), "{owner}");
}

#[test]
fn an_issue_detail_lists_its_notes_for_the_client() {
    let mut store = demo_store();
    let at = now() - chrono::Duration::hours(2);
    rapport::workflow::notes::add(
        &mut store,
        now(),
        7,
        "Rolled back the WebView\u{1b}]52;c;bad\u{7} change",
        at,
    )
    .unwrap();
    let mut a = app(&mut store, 120, 80);
    let lines = screen_lines(&issue_detail(&mut store, &mut a, 7));
    let heading = lines
        .iter()
        .position(|l| l.contains("│Notes for the client"))
        .unwrap_or_else(|| panic!("no notes:\n{}", lines.join("\n")));
    let mine = lines
        .iter()
        .position(|l| l.contains("Rolled back"))
        .unwrap_or_else(|| panic!("no note:\n{}", lines.join("\n")));
    assert!(heading < mine, "{}", lines.join("\n"));
    let note = &lines[mine];
    assert!(
        note.contains("2026-11-18 07:00  Rolled back the WebView"),
        "{note}"
    );
    assert!(!note.contains('\u{1b}'), "{note:?}");
}

#[test]
fn an_issue_waiting_on_the_client_says_so_in_its_row_and_its_detail() {
    let mut store = demo_store();
    let until = now() + chrono::Duration::days(2);
    rapport::workflow::waiting::wait(&mut store, now(), 7, "test data from the bank", Some(until))
        .unwrap();
    let mut a = app(&mut store, 120, 80);
    act(&mut store, &mut a, Action::GoPane(1));
    assert_eq!(a.issues.waiting, vec![7], "only issue 7 waits");
    let lines = screen_lines(&render(&a));
    let row = |id: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(&format!("│{id} ")))
            .unwrap_or_else(|| panic!("no row {id}:\n{}", lines.join("\n")))
            .clone()
    };
    assert!(row("7").contains("waiting-client"), "{}", row("7"));
    assert!(!row("5").contains("waiting-client"), "{}", row("5"));
    let lines = screen_lines(&issue_detail(&mut store, &mut a, 7));
    assert!(
        lines.iter().any(|l| l.contains(
            "waiting  on the client for test data from the bank since 2026-11-18 09:00 (until 2026-11-20 09:00)"
        )),
        "{}",
        lines.join("\n")
    );
}

#[test]
fn an_update_detail_shows_the_due_time_in_the_clients_zone_too() {
    let mut store = demo_store();
    let mut a = app(&mut store, 120, 40);
    act(&mut store, &mut a, Action::GoPane(2));
    let u = a.queue.selected_row().unwrap().clone();
    let project = rapport::store::projects::get_project(store.conn(), u.project_id).unwrap();
    act(&mut store, &mut a, Action::Open);
    let due_line = |t: &Terminal<TestBackend>| {
        screen_lines(t)
            .into_iter()
            .find(|l| l.contains(" due  "))
            .expect("a due line")
    };
    let before = due_line(&render(&a));
    assert!(
        !before.contains("client:"),
        "no zone, no client time: {before}"
    );
    act(&mut store, &mut a, Action::Back);
    rapport::workflow::clients::edit_client(
        &mut store,
        &project.client,
        &rapport::workflow::clients::ClientEdit {
            zone: Some("Asia/Shanghai".into()),
            ..Default::default()
        },
    )
    .unwrap();
    act(&mut store, &mut a, Action::Open);
    let after = due_line(&render(&a));
    let theirs = u
        .due_at
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%d %H:%M CST")
        .to_string();
    assert!(
        after.contains(&format!(
            "due  {} (client: {theirs})",
            u.due_at.format("%Y-%m-%d %H:%M")
        )),
        "{after}"
    );
    // The issue's next update is shown in the client's zone too.
    if let Some(issue) = u.issue_id {
        let next = rapport::store::issues::get(store.conn(), issue)
            .unwrap()
            .next_update_due;
        act(&mut store, &mut a, Action::Back);
        let lines = screen_lines(&issue_detail(&mut store, &mut a, issue));
        let line = lines.iter().find(|l| l.contains("next update")).cloned();
        match next {
            Some(t) => {
                let theirs = t
                    .with_timezone(&chrono_tz::Asia::Shanghai)
                    .format("%Y-%m-%d %H:%M CST");
                let line = line.expect("a next update line");
                assert!(line.contains(&format!("(client: {theirs})")), "{line}");
            }
            None => assert!(line.is_none()),
        }
    }
}

#[test]
fn today_chases_a_wait_after_the_configured_hours() {
    let mut store = demo_store();
    let since = now() - chrono::Duration::hours(5);
    rapport::workflow::waiting::wait(&mut store, since, 7, "test data", None).unwrap();
    let chases = |cfg: &Config, store: &mut Store| {
        let zone = Zone::Fixed(FixedOffset::east_opt(0).unwrap());
        let a = start(store, cfg, Clock::Fixed(now()), zone, (120, 40)).unwrap();
        a.today
            .items()
            .iter()
            .filter(|i| i.section == rapport::workflow::today::Section::ChaseClient)
            .count()
    };
    assert_eq!(
        chases(&Config::default(), &mut store),
        0,
        "72 hours by default"
    );
    let mut cfg = Config::default();
    cfg.waiting.chase_after_hours = 4;
    assert_eq!(chases(&cfg, &mut store), 1);
}

#[test]
fn a_client_file_names_its_client_in_the_tab_line() {
    let mut store = demo_store();
    for (w, expect_brand, expect_name) in [(160, true, true), (80, false, true), (60, false, false)]
    {
        let mut a = app(&mut store, w, 24);
        let plain = screen_lines(&render(&a))[0].clone();
        assert!(!plain.contains("acme"), "{plain}");
        a.client = Some("acme".into());
        let top = screen_lines(&render(&a))[0].clone();
        assert_eq!(top.contains("rapport · acme"), expect_brand, "{w}: {top}");
        assert_eq!(top.contains(" acme "), expect_name, "{w}: {top}");
        // The name never pushes a pane off the line.
        for n in (1..=7).filter(|_| w >= 80) {
            assert!(top.contains(&format!("{n} ")), "{w}: {top}");
        }
    }
}
