//! Editing a project from its line in Today, and closing one with open issues (asked first).

use super::*;
use crate::tui::app::OnYes;
use crate::tui::forms::ProjectField;
use crate::workflow::today::{Agenda, AgendaItem, Section};

fn item(section: Section, record: Record, project: &str) -> AgendaItem {
    AgendaItem {
        section,
        record,
        project: project.into(),
        tag: String::new(),
        text: format!("{record}"),
        when: None,
        severity: None,
        rating: None,
    }
}

/// Today with an issue's line first and the Bank project's health line second.
fn on_today() -> App {
    let mut a = app();
    a.today.agenda = Some(Agenda {
        now: now(),
        items: vec![
            item(Section::ClientUnaware, Record::Issue(3), "Portal"),
            item(Section::Health, Record::Project(2), "Bank"),
        ],
        health: vec![],
        totals: vec![],
    });
    a
}

/// The Bank project's edit form with its status set to closed, submitted.
fn closing_bank() -> (App, Box<Form>) {
    let mut a = on_today();
    keys(&mut a, "je");
    let Mode::Form(f) = &mut a.mode else {
        panic!("{:?}", a.mode)
    };
    f.focus = f.position(ProjectField::Status).unwrap();
    let fx = keys(&mut a, "c");
    assert!(fx.is_empty());
    let fx = update(&mut a, Action::Input(Key::ctrl('s')));
    let [Effect::Submit(form)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(form.value(ProjectField::Status), "closed");
    (a, form.clone())
}

#[test]
fn e_on_a_project_line_in_today_opens_its_form_filled() {
    let mut a = on_today();
    keys(&mut a, "e");
    assert_eq!(
        a.mode,
        Mode::Normal,
        "an issue's line is edited from its pane"
    );
    assert!(a.status.as_ref().unwrap().text.contains("Enter"));
    keys(&mut a, "je");
    let Mode::Form(f) = &a.mode else {
        panic!("{:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::ProjectEdit(2));
    assert_eq!(f.value(ProjectField::Name), "Bank");
    assert_eq!(f.value(ProjectField::Status), "active");
    assert_eq!(f.value(ProjectField::Cadence), "weekly");
    assert_eq!(f.value(ProjectField::Channel), "email");
}

#[test]
fn closing_a_project_with_open_issues_asks_and_y_saves_again_with_force() {
    let (mut a, form) = closing_bank();
    let next = apply(
        &mut a,
        Outcome::CloseWithOpenIssues {
            project: "Bank".into(),
            open: 3,
        },
    );
    assert!(next.is_empty());
    let Mode::Confirm(c) = &a.mode else {
        panic!("{:?}", a.mode)
    };
    assert_eq!(
        c.question,
        "Project Bank has 3 open issues. Close it anyway? (y/n)"
    );
    assert_eq!(c.on_yes, OnYes::ForceSave(form.clone()));
    let fx = update(&mut a, Action::Input(Key::ch('y')));
    assert_eq!(fx, vec![Effect::SubmitForced(form.clone())]);
    assert!(
        matches!(&a.mode, Mode::Form(f) if *f == form),
        "the form stays under the save, so a refusal still lands on it"
    );
}

#[test]
fn n_to_closing_returns_to_the_form_unsaved() {
    let (mut a, form) = closing_bank();
    apply(
        &mut a,
        Outcome::CloseWithOpenIssues {
            project: "Bank".into(),
            open: 1,
        },
    );
    assert!(update(&mut a, Action::Input(Key::ch('n'))).is_empty());
    assert!(matches!(&a.mode, Mode::Form(f) if *f == form));
    assert!(a.status.as_ref().unwrap().text.contains("not saved"));
}

#[test]
fn today_help_and_footer_name_e_for_the_project() {
    use crate::tui::view::help::{footer, help};
    let keymap = KeyMap::default();
    assert!(
        help(&keymap, Pane::Today)
            .contains(&("e".into(), "edit or close the selected project".into()))
    );
    assert!(
        footer(&keymap, Pane::Today, Default::default(), true)
            .contains(&("e".into(), "edit project"))
    );
    assert!(
        !footer(&keymap, Pane::Today, Default::default(), false)
            .iter()
            .any(|(k, _)| k == "e"),
        "no project yet: nothing to edit"
    );
}

#[test]
fn a_saved_project_on_today_keeps_its_line_and_today_is_read_after_the_frame() {
    let mut a = on_today();
    keys(&mut a, "je");
    a.today.filter = "bank".into();
    a.today.selected = 0;
    let done = Done {
        record: Record::Project(2),
        undo: vec![],
    };
    let next = apply(&mut a, Outcome::Saved(done));
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(
        next,
        vec![Effect::LoadAll],
        "no agenda read before the form closes"
    );
    assert_eq!((a.pane, a.today.selected), (Pane::Today, 1));
    assert!(
        a.today.filter.is_empty(),
        "the whole agenda, the project's line selected"
    );
    let next = apply(
        &mut a,
        Outcome::Reloaded {
            projects: vec![],
            data_version: 2,
        },
    );
    assert!(next.is_empty());
    assert!(a.today_waits, "Today is read once the frame is drawn");
    // The new reading moved the Bank line down: the selection follows the record.
    apply(
        &mut a,
        Outcome::Agenda(Agenda {
            now: now(),
            items: vec![
                item(Section::ClientUnaware, Record::Issue(3), "Portal"),
                item(Section::ClientUnaware, Record::Issue(4), "Portal"),
                item(Section::Health, Record::Project(2), "Bank"),
            ],
            health: vec![],
            totals: vec![],
        }),
    );
    assert_eq!(a.today.selected, 2);
    assert!(!a.today_waits);
    // A project not on Today yet (a new one) is read with the agenda at once.
    let next = apply(
        &mut a,
        Outcome::Saved(Done {
            record: Record::Project(9),
            undo: vec![],
        }),
    );
    assert_eq!(
        next,
        vec![Effect::LoadAll, Effect::Jump(Record::Project(9))]
    );
}
