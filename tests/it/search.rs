//! Search order and the background filter: few matches come best first (bm25), many come
//! newest first, and a filter typed in the TUI is read on a second connection whose
//! superseded queries are dropped.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use rapport::clock::Clock;
use rapport::config::Config;
use rapport::model::*;
use rapport::store::window::RANK_LIMIT;
use rapport::store::{IssueQuery, Listing, LogQuery, Page, Store};
use rapport::tui::action::Action;
use rapport::tui::app::{App, Pane, Zone};
use rapport::tui::effects::Effects;
use rapport::tui::finder::Finder;
use rapport::tui::key::Key;
use rapport::tui::{start, update};
use rapport::workflow::{self, Policy, demo, search};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

/// Issue 1 is about payroll in its title; issues 2-5, newer, mention payroll in passing.
fn payroll(store: &mut Store) {
    let p = Policy::standard();
    let project = workflow::projects::add_project(
        store,
        now(),
        &p,
        NewProject {
            name: "HR portal".into(),
            client: "Acme".into(),
            status: ProjectStatus::Active,
            cadence: None,
            channel: Channel::Email,
        },
    )
    .unwrap()
    .record
    .id();
    let mut add = |title: &str, description: &str| {
        workflow::issues::add(
            store,
            now(),
            &p,
            NewIssue {
                project_id: project,
                title: title.into(),
                description: description.into(),
                severity: Severity::Medium,
                status: IssueStatus::Investigating,
                detected_at: now(),
                owner: String::new(),
                our_fault: false,
                cause: String::new(),
                impact: String::new(),
            },
        )
        .unwrap();
    };
    add(
        "Payroll export fails",
        "The payroll export to the bank stops at the payroll summary.",
    );
    for title in [
        "Dashboard slow",
        "Login page blank",
        "Report totals wrong",
        "Email digest late",
    ] {
        add(
            title,
            "Seen by several teams this week across HR, finance and the payroll office; logs attached.",
        );
    }
}

fn ids<T>(rows: &[T], id: impl Fn(&T) -> i64) -> Vec<i64> {
    rows.iter().map(id).collect()
}

#[test]
fn few_matches_come_best_first_and_page_like_the_whole_ranking() {
    let mut s = Store::open_in_memory().unwrap();
    payroll(&mut s);
    let conn = s.conn();
    let q = IssueQuery {
        include_closed: true,
        text: Some("payroll".into()),
        ..Default::default()
    };
    let newest = ids(&q.window(conn, &Page::First, 10).unwrap(), |i| i.id);
    assert_eq!(
        newest,
        vec![5, 4, 3, 2, 1],
        "the window order is newest first"
    );
    let best = ids(&q.search(conn, 10).unwrap(), |i| i.id);
    assert_eq!(best[0], 1, "the title match ranks first: {best:?}");
    assert_eq!(best.len(), 5);
    // Ranked pages put together are the whole ranking.
    let mut paged = Vec::new();
    for offset in [0, 2, 4] {
        paged.extend(ids(
            &q.window(conn, &Page::Ranked(offset), 2).unwrap(),
            |i| i.id,
        ));
    }
    assert_eq!(paged, best);
    // Too short for the trigram index: no ranking, the list order from that position.
    let short = IssueQuery {
        text: Some("pa".into()),
        ..q.clone()
    };
    assert!(!short.rankable());
    assert_eq!(
        ids(&short.window(conn, &Page::Ranked(1), 10).unwrap(), |i| i.id),
        ids(&short.window(conn, &Page::Offset(1), 10).unwrap(), |i| i.id)
    );
    // `rapport search` ranks the same way.
    let hits: Vec<i64> = search::all(&s, "payroll", 10)
        .unwrap()
        .into_iter()
        .filter(|h| h.record == "issue")
        .map(|h| h.id)
        .collect();
    assert_eq!(hits, best);
}

#[test]
fn many_matches_come_newest_first_and_stop_at_the_window() {
    let mut s = Store::open_in_memory().unwrap();
    demo::fill_generated(&mut s, now(), &Policy::standard(), 1500).unwrap();
    let conn = s.conn();
    // "the" occurs in most of the 15,000 generated log summaries.
    let q = LogQuery {
        text: Some("the".into()),
        ..Default::default()
    };
    assert_eq!(q.count_capped(conn, RANK_LIMIT).unwrap(), RANK_LIMIT);
    let found = ids(&q.search(conn, 50).unwrap(), |l| l.id);
    assert_eq!(found.len(), 50);
    assert!(
        found.windows(2).all(|w| w[0] > w[1]),
        "newest first: {found:?}"
    );
    let hits: Vec<i64> = search::all(&s, "the", 50)
        .unwrap()
        .into_iter()
        .filter(|h| h.record == "log")
        .map(|h| h.id)
        .collect();
    assert_eq!(hits, found);
}

fn tui(store: &mut Store) -> App {
    let zone = Zone::Fixed(FixedOffset::east_opt(0).unwrap());
    start(
        store,
        &Config::default(),
        Clock::Fixed(now()),
        zone,
        (100, 30),
    )
    .unwrap()
}

/// Types `text` in the filter line of `pane`: the filter loads go to `finder` when there
/// is one.
fn type_filter(
    store: &mut Store,
    app: &mut App,
    finder: Option<&mut Finder>,
    pane: usize,
    text: &str,
) {
    let policy = Policy::standard();
    let mut fx = Effects {
        store,
        clock: Clock::Fixed(now()),
        policy: &policy,
    };
    let mut finder = finder;
    let mut actions = vec![Action::GoPane(pane), Action::Filter];
    actions.extend(text.chars().map(|c| Action::Input(Key::ch(c))));
    for a in actions {
        let mut effects = update::update(app, a);
        if let Some(f) = finder.as_deref_mut() {
            effects = f.take(app, effects);
        }
        rapport::tui::run_effects(&mut fx, app, effects);
    }
}

#[test]
fn a_filter_typed_in_the_tui_is_read_in_the_background_and_ranked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    let mut s = Store::open(&path).unwrap();
    payroll(&mut s);

    // Without a reader (as in the snapshot tests) the filter loads at once.
    let mut direct = tui(&mut s);
    type_filter(&mut s, &mut direct, None, 1, "payroll");
    assert_eq!(direct.pane, Pane::Issues);
    assert!(direct.issues.ranked && direct.issues.exact);
    assert_eq!(direct.issues.total, 5);
    assert_eq!(direct.issues.rows[0].id, 1, "best first");

    // With the reader, each keystroke is handed over; only the last one's rows land.
    let mut finder = Finder::open(&path).unwrap();
    let mut app = tui(&mut s);
    type_filter(&mut s, &mut app, Some(&mut finder), 1, "");
    let before = ids(&app.issues.rows, |i| i.id);
    assert_eq!(before, vec![5, 4, 3, 2, 1]);
    type_filter(&mut s, &mut app, Some(&mut finder), 1, "payroll");
    assert_eq!(app.issues.filter, "payroll");
    assert_eq!(
        ids(&app.issues.rows, |i| i.id),
        before,
        "the old rows stay until the new ones come"
    );
    let start = Instant::now();
    while !finder.adopt(&mut app) {
        assert!(start.elapsed() < Duration::from_secs(20), "no rows in 20 s");
        std::thread::sleep(Duration::from_millis(1));
    }
    assert!(!finder.busy());
    assert_eq!(app.issues.filter, "payroll");
    assert_eq!(
        ids(&app.issues.rows, |i| i.id),
        ids(&direct.issues.rows, |i| i.id)
    );
    assert_eq!(
        (app.issues.total, app.issues.ranked),
        (5, true),
        "the count and order came with the rows"
    );
    assert!(
        !finder.adopt(&mut app),
        "answers to earlier keystrokes never land"
    );

    // Rows read for a filter the pane no longer shows are not put in it.
    type_filter(&mut s, &mut app, Some(&mut finder), 1, "x");
    app.issues.filter.clear();
    let start = Instant::now();
    while finder.busy() {
        assert!(!finder.adopt(&mut app), "a stale answer landed");
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no answer in 20 s"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(app.issues.total, 5, "the pane kept what it showed");
}
