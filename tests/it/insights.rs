//! The Insights pane (7): the figures of the whole file, then one project's after `p`,
//! drawn into the TestBackend from the demo at the suite's fixed time.

use rapport::tui::action::Action;
use rapport::tui::app::Pane;
use ratatui::style::Color;

use crate::tui_render::{act, app, demo_store, render};

/// The GoPane index of the pane on key 7.
fn insights_index() -> usize {
    Pane::ALL
        .iter()
        .position(|p| p.number() == 7)
        .expect("a pane on key 7")
}

#[test]
fn seven_shows_the_whole_file_and_brackets_step_through_the_projects() {
    let mut store = demo_store();
    let mut a = app(&mut store, 120, 40);
    act(&mut store, &mut a, Action::GoPane(insights_index()));
    assert_eq!(a.pane, Pane::Insights);
    let whole = a.insights.stats.clone().expect("figures read");
    assert_eq!(whole.project, None);
    let first = a.projects.first().map(|p| p.name.clone());
    act(&mut store, &mut a, Action::NextSection);
    let one = a.insights.stats.clone().expect("figures read");
    assert_eq!(one.project, first);
    assert!(
        one.first_contact.counted <= whole.first_contact.counted,
        "one project counts no more than the whole file"
    );
    let t = render(&a);
    insta::assert_snapshot!("insights_one_project_120x40", t.backend());
    // After the last project, the whole file again.
    for _ in 0..a.projects.len() {
        act(&mut store, &mut a, Action::NextSection);
    }
    assert_eq!(a.insights.view.project, None);
    assert_eq!(
        a.insights.stats.as_ref().map(|s| s.project.clone()),
        Some(None)
    );
}

#[test]
fn the_told_in_time_share_is_coloured_by_how_good_it_is() {
    let mut store = demo_store();
    let mut a = app(&mut store, 80, 24);
    act(&mut store, &mut a, Action::GoPane(insights_index()));
    let rate = a
        .insights
        .stats
        .as_ref()
        .and_then(|s| s.first_contact_hit_rate)
        .expect("the demo has first contacts");
    let t = render(&a);
    let buf = t.backend().buffer();
    let pct = format!("({:.0}%)", rate * 100.0);
    let row: String = (0..buf.area.width)
        .map(|x| buf[(x, 2)].symbol().to_string())
        .collect();
    let at = row
        .find(&pct)
        .unwrap_or_else(|| panic!("{pct} on row 2: {row}"));
    let x = row[..at].chars().count() as u16;
    let want = if rate >= 0.9 {
        Color::Green
    } else if rate >= 0.7 {
        Color::Yellow
    } else {
        Color::Red
    };
    assert_eq!(buf[(x + 1, 2)].fg, want);
}

#[test]
fn brackets_outside_insights_say_where_they_work_and_filtering_is_refused_there() {
    let mut store = demo_store();
    let mut a = app(&mut store, 80, 24);
    act(&mut store, &mut a, Action::NextSection);
    assert!(
        a.status
            .as_ref()
            .is_some_and(|s| s.text.contains("Insights"))
    );
    act(&mut store, &mut a, Action::GoPane(insights_index()));
    act(&mut store, &mut a, Action::Filter);
    assert_eq!(a.mode, rapport::tui::app::Mode::Normal);
}
