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
    rapport::tui::run_effects(
        &mut Effects {
            store,
            clock: Clock::Fixed(now()),
            policy: &policy,
        },
        app,
        effects,
    );
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
