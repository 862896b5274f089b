//! TUI forms carried out against a real (in-memory) store: what the form saves is what the
//! CLI's command would have saved.

use rapport::model::ProjectStatus;
use rapport::store::{Store, issues, projects};
use rapport::tui::action::Action;
use rapport::tui::app::{App, Mode};
use rapport::tui::forms::ProjectField;
use rapport::tui::key::{Code, Key};
use rapport::workflow::Record;

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
