//! TUI forms carried out against a real (in-memory) store: what the form saves is what the
//! CLI's command would have saved.

use chrono::{FixedOffset, TimeZone, Utc};
use rapport::clock::Clock;
use rapport::config::Config;
use rapport::model::{IssuePatch, ProjectStatus};
use rapport::store::{Store, issues, projects};
use rapport::tui::action::Action;
use rapport::tui::app::{App, Mode, Zone};
use rapport::tui::forms::{IssueField, ProjectField, UpdateField};
use rapport::tui::key::{Code, Key};
use rapport::tui::start;
use rapport::workflow::{Policy, Record};

use crate::tui_render::{act, app, demo_store};

fn open_issues(store: &Store, project: i64) -> usize {
    issues::open_by_severity(store.conn(), project)
        .unwrap()
        .iter()
        .map(|(_, n)| n)
        .sum()
}

/// Today with the first project line that has open issues selected; its id.
fn select_project_with_open_issues(store: &Store, a: &mut App) -> i64 {
    let (at, id) = a
        .today
        .items()
        .iter()
        .enumerate()
        .find_map(|(at, i)| match i.record {
            Record::Project(id) if open_issues(store, id) > 0 => Some((at, id)),
            _ => None,
        })
        .expect("the demo has a project line with open issues in Today");
    a.today.selected = at;
    id
}

#[test]
fn closing_a_project_with_open_issues_from_today_asks_then_closes_it() {
    let mut store = demo_store();
    let mut a = app(&mut store, 100, 30);
    let id = select_project_with_open_issues(&store, &mut a);
    act(&mut store, &mut a, Action::Edit);
    let Mode::Form(f) = &mut a.mode else {
        panic!("e on a project line opens its form: {:?}", a.mode)
    };
    let status = f.position(ProjectField::Status).unwrap();
    f.fields[status].value = "closed".into();
    act(&mut store, &mut a, Action::Input(Key::ctrl('s')));
    let Mode::Confirm(c) = &a.mode else {
        panic!("closing asks first: {:?}", a.mode)
    };
    let open = open_issues(&store, id);
    assert!(
        c.question
            .contains(&format!("has {open} open issues. Close it anyway?")),
        "{}",
        c.question
    );
    let before = projects::get_project(store.conn(), id).unwrap();
    assert_eq!(before.status, ProjectStatus::Active, "nothing saved yet");
    // n goes back to the form, unsaved.
    act(&mut store, &mut a, Action::Input(Key::ch('n')));
    assert!(matches!(a.mode, Mode::Form(_)));
    assert_eq!(projects::get_project(store.conn(), id).unwrap(), before);
    // Saved again: asked again; y closes it.
    act(&mut store, &mut a, Action::Input(Key::ctrl('s')));
    assert!(matches!(a.mode, Mode::Confirm(_)));
    act(&mut store, &mut a, Action::Input(Key::ch('y')));
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let after = projects::get_project(store.conn(), id).unwrap();
    assert_eq!(after.status, ProjectStatus::Closed);
    assert_eq!(
        open_issues(&store, id),
        open,
        "its issues are left as they were"
    );
}

#[test]
fn editing_a_project_from_today_renames_it() {
    let mut store = demo_store();
    let mut a = app(&mut store, 100, 30);
    let id = select_project_with_open_issues(&store, &mut a);
    act(&mut store, &mut a, Action::Edit);
    for _ in 0..40 {
        act(
            &mut store,
            &mut a,
            Action::Input(Key::plain(Code::Backspace)),
        );
    }
    for c in "Renamed".chars() {
        act(&mut store, &mut a, Action::Input(Key::ch(c)));
    }
    act(&mut store, &mut a, Action::Input(Key::ctrl('s')));
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    assert_eq!(
        projects::get_project(store.conn(), id).unwrap().name,
        "Renamed"
    );
}

/// Eight hours east of UTC, so a time shown in UTC would be visibly wrong.
fn plus_eight() -> Zone {
    Zone::Fixed(FixedOffset::east_opt(8 * 3600).unwrap())
}

#[test]
fn an_issue_edit_form_shows_local_times_and_saving_it_unchanged_moves_none() {
    let mut store = demo_store();
    let now = Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap();
    let zone = plus_eight();
    let mut a = start(
        &mut store,
        &Config::default(),
        Clock::Fixed(now),
        zone,
        (100, 30),
    )
    .unwrap();
    act(&mut store, &mut a, Action::GoPane(1));
    let id = a.issues.selected_row().expect("the demo has issues").id;
    // A detection time with seconds, which the form shows only to the minute.
    let detected = Utc.with_ymd_and_hms(2026, 11, 17, 6, 25, 41).unwrap();
    rapport::workflow::issues::edit(
        &mut store,
        now,
        &Policy::standard(),
        id,
        IssuePatch {
            detected_at: Some(detected),
            ..Default::default()
        },
    )
    .unwrap();
    act(&mut store, &mut a, Action::Refresh);
    assert_eq!(a.issues.selected_row().map(|i| i.id), Some(id));
    let before = issues::get(store.conn(), id).unwrap();

    act(&mut store, &mut a, Action::Edit);
    let Mode::Form(f) = &a.mode else {
        panic!("{:?}", a.mode)
    };
    assert_eq!(
        f.value(IssueField::Detected),
        "2026-11-17 14:25",
        "14:25 at +08:00"
    );
    let next = before
        .next_update_due
        .map(|t| zone.show(t, "%Y-%m-%d %H:%M"));
    assert_eq!(
        Some(f.value(IssueField::NextUpdate)).filter(|v| !v.is_empty()),
        next.as_deref()
    );
    assert!(
        f.fields.iter().all(|f| !f.value.contains("+00:00")),
        "no UTC time in the form"
    );
    act(&mut store, &mut a, Action::Input(Key::ctrl('s')));
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let after = issues::get(store.conn(), id).unwrap();
    assert_eq!(after.detected_at, detected, "saved unchanged: not moved");
    assert_eq!(after.next_update_due, before.next_update_due);

    // A time typed in the form is read in the app's zone.
    act(&mut store, &mut a, Action::Edit);
    let Mode::Form(f) = &mut a.mode else {
        panic!("{:?}", a.mode)
    };
    let at = f.position(IssueField::Detected).unwrap();
    f.fields[at].value = "2026-11-16 10:00".into();
    act(&mut store, &mut a, Action::Input(Key::ctrl('s')));
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    assert_eq!(
        issues::get(store.conn(), id).unwrap().detected_at,
        Utc.with_ymd_and_hms(2026, 11, 16, 2, 0, 0).unwrap()
    );
}

#[test]
fn an_update_edit_form_shows_its_due_time_locally_and_keeps_it_when_untouched() {
    let mut store = demo_store();
    let now = Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap();
    let zone = plus_eight();
    let mut a = start(
        &mut store,
        &Config::default(),
        Clock::Fixed(now),
        zone,
        (100, 30),
    )
    .unwrap();
    act(&mut store, &mut a, Action::GoPane(2));
    let id = a.queue.selected_row().expect("the demo queues updates").id;
    let before = rapport::store::updates::get(store.conn(), id).unwrap();
    act(&mut store, &mut a, Action::Edit);
    let Mode::Form(f) = &a.mode else {
        panic!("{:?}", a.mode)
    };
    assert_eq!(
        f.value(UpdateField::Due),
        zone.show(before.due_at, "%Y-%m-%d %H:%M")
    );
    assert_ne!(
        f.value(UpdateField::Due),
        Zone::UTC.show(before.due_at, "%Y-%m-%d %H:%M")
    );
    act(&mut store, &mut a, Action::Input(Key::ctrl('s')));
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let after = rapport::store::updates::get(store.conn(), id).unwrap();
    assert_eq!(after.due_at, before.due_at);
}

#[test]
fn a_form_taller_than_the_window_scrolls_to_the_focused_field() {
    let mut store = demo_store();
    let mut a = app(&mut store, 80, 15);
    act(&mut store, &mut a, Action::GoPane(1));
    act(&mut store, &mut a, Action::Edit);
    let screen = |a: &App| -> String {
        let t = crate::tui_render::render(a);
        let buf = t.backend().buffer().clone();
        buf.content().iter().map(|c| c.symbol()).collect()
    };
    assert!(screen(&a).contains("Title"), "{}", screen(&a));
    assert!(
        !screen(&a).contains("Prevention"),
        "14 fields do not fit 15 rows"
    );
    for _ in 0..20 {
        act(&mut store, &mut a, Action::Input(Key::plain(Code::Tab)));
    }
    let Mode::Form(f) = &a.mode else { panic!() };
    assert_eq!(f.focus, f.fields.len() - 1);
    assert!(screen(&a).contains("Prevention"), "{}", screen(&a));
}
