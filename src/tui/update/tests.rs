//! The state machine driven by actions alone: no terminal, no database.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

use super::*;
use crate::model::*;
use crate::tui::Outcome;
use crate::tui::app::{App, Zone};
use crate::tui::forms::{FormKind, IssueField};
use crate::tui::keymap::KeyMap;
use crate::workflow::Done;

/// What the effects report, applied with no database.
mod damage;
mod outcomes;

/// Editing and closing a project from Today.
mod project_edit;

/// Bracketed paste: text, never keys.
mod paste;

/// `E` / Ctrl-E: a long text in the user's editor, and the editor in long-text fields.
mod external;

/// The Plan pane: sections, forms, a risk that happened.
mod plan;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

fn project(id: i64, name: &str) -> Project {
    Project {
        id,
        client_id: 1,
        client: "Client".into(),
        name: name.into(),
        status: ProjectStatus::Active,
        cadence: Some(Cadence::Weekly),
        channel: Channel::Email,
        created_at: now(),
    }
}

fn issue(id: i64) -> Issue {
    Issue {
        id,
        project_id: 1,
        project: "Portal".into(),
        title: format!("Issue {id}"),
        description: String::new(),
        severity: Severity::High,
        status: IssueStatus::New,
        detected_at: now(),
        owner: String::new(),
        cause: String::new(),
        impact: String::new(),
        our_fault: false,
        client_notified_at: None,
        next_update_due: None,
        resolved_at: None,
        resolution: String::new(),
        lessons: String::new(),
        prevention: String::new(),
        options: vec![],
        archived: false,
        created_at: now(),
        updated_at: now(),
    }
}

fn app() -> App {
    let mut a = App::new(
        KeyMap::default(),
        now(),
        Zone::Fixed(FixedOffset::east_opt(0).unwrap()),
        "%Y-%m-%d %H:%M".into(),
    );
    a.height = 15; // page of 10 rows
    a.projects = vec![project(1, "Portal"), project(2, "Bank")];
    a
}

/// An app on the Issues pane holding rows 0..10 of 35 issues.
fn on_issues() -> App {
    let mut a = app();
    a.pane = Pane::Issues;
    a.issues.total = 35;
    a.issues.rows = (1..=10).map(issue).collect();
    a
}

fn keys(a: &mut App, text: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in text.chars() {
        let action = action_for_key(a, Key::ch(c)).expect("mapped");
        fx.extend(update(a, action));
    }
    fx
}

#[test]
fn moving_inside_the_window_needs_no_query_leaving_it_does() {
    let mut a = on_issues();
    assert_eq!(a.page(), 10);
    assert!(keys(&mut a, "jjj").is_empty());
    assert_eq!(a.issues.selected, 3);
    assert_eq!(a.selected_record(), Some(Record::Issue(4)));
    assert_eq!(
        update(&mut a, Action::PageDown),
        vec![Effect::Load(Pane::Issues)]
    );
    assert_eq!((a.issues.selected, a.issues.offset), (13, 4));
    assert_eq!(
        update(&mut a, Action::Bottom),
        vec![Effect::Load(Pane::Issues)]
    );
    assert_eq!((a.issues.selected, a.issues.offset), (34, 25));
    update(&mut a, Action::Top);
    assert_eq!((a.issues.selected, a.issues.offset), (0, 0));
    assert!(
        update(&mut a, Action::Up).is_empty(),
        "k at the top stays put"
    );
    assert_eq!(a.issues.selected, 0);
}

#[test]
fn panes_switch_by_number_tab_and_back_tab() {
    let mut a = app();
    assert_eq!(keys(&mut a, "3"), vec![Effect::Load(Pane::Queue)]);
    assert_eq!(a.pane, Pane::Queue);
    update(&mut a, Action::NextPane);
    assert_eq!(a.pane, Pane::Expectations);
    update(&mut a, Action::PrevPane);
    update(&mut a, Action::PrevPane);
    update(&mut a, Action::PrevPane);
    assert_eq!(a.pane, Pane::Today);
    update(&mut a, Action::PrevPane);
    assert_eq!(
        a.pane,
        Pane::ALL[Pane::ALL.len() - 1],
        "wraps around to the last pane"
    );
}

#[test]
fn filtering_reloads_on_every_keystroke_and_esc_clears() {
    let mut a = on_issues();
    a.issues.selected = 5;
    keys(&mut a, "/");
    assert_eq!(a.mode, Mode::Filter);
    let fx = update(&mut a, Action::Input(Key::ch('白')));
    assert_eq!(fx, vec![Effect::Filter(Pane::Issues)]);
    assert_eq!(a.issues.selected, 0, "a new filter starts at the top");
    update(&mut a, Action::Input(Key::ch('屏')));
    assert_eq!(a.issues.filter, "白屏");
    update(&mut a, Action::Input(Key::plain(Code::Backspace)));
    assert_eq!(a.issues.filter, "白");
    assert_eq!(
        update(&mut a, Action::Input(Key::plain(Code::Enter))),
        vec![],
        "Enter keeps the rows already filtered"
    );
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.issues.filter, "白", "Enter keeps the filter");
    assert_eq!(keys(&mut a, "/").len(), 0);
    update(&mut a, Action::Input(Key::plain(Code::Esc)));
    assert_eq!(a.issues.filter, "");
    assert_eq!(a.mode, Mode::Normal);
    // In normal mode, Esc clears a filter too and keeps the selected record in view.
    a.issues.filter = "x".into();
    a.issues.selected = 3;
    assert_eq!(
        update(&mut a, Action::Back),
        vec![Effect::Jump(Record::Issue(4))]
    );
    assert!(a.issues.filter.is_empty());
    assert_eq!(
        update(&mut a, Action::Back),
        vec![],
        "nothing left to clear"
    );
    a.issues.rows.clear();
    a.issues.filter = "x".into();
    assert_eq!(
        update(&mut a, Action::Back),
        vec![Effect::Load(Pane::Issues)],
        "no selection: the whole list from the top"
    );
}

#[test]
fn in_forms_keys_are_text_not_commands() {
    let mut a = on_issues();
    keys(&mut a, "a");
    let Mode::Form(f) = &a.mode else {
        panic!("form expected")
    };
    assert_eq!(f.kind, FormKind::Issue(None));
    assert_eq!(
        f.value(IssueField::Project),
        "Portal",
        "the selected row's project"
    );
    // q, j, x are letters of the title here.
    let fx = keys(&mut a, "qjx");
    assert!(fx.is_empty());
    assert!(!a.quit);
    let Mode::Form(f) = &a.mode else { panic!() };
    assert_eq!(f.value(IssueField::Title), "qjx");
    // Ctrl-C quits from anywhere.
    let action = action_for_key(&a, Key::ctrl('c')).unwrap();
    update(&mut a, action);
    assert!(a.quit);
}

#[test]
fn a_form_with_invalid_input_saves_nothing_until_fixed() {
    let mut a = on_issues();
    keys(&mut a, "a");
    // Empty title: Ctrl-S shows the error and emits no effect.
    assert!(update(&mut a, Action::Input(Key::ctrl('s'))).is_empty());
    let Mode::Form(f) = &a.mode else { panic!() };
    assert_eq!(f.fields[1].error.as_deref(), Some("required"));
    assert!(f.error.is_some());
    keys(&mut a, "Login fails");
    // A bad detection time.
    let Mode::Form(f) = &mut a.mode else { panic!() };
    let at = f.position(IssueField::Detected).unwrap();
    f.focus = at;
    f.fields[at].value.clear();
    keys(&mut a, "someday");
    assert!(update(&mut a, Action::Input(Key::ctrl('s'))).is_empty());
    let Mode::Form(f) = &mut a.mode else { panic!() };
    assert!(
        f.fields[at]
            .error
            .as_deref()
            .unwrap()
            .contains("invalid time 'someday'")
    );
    f.fields[at].value = "-2h".into();
    let fx = update(&mut a, Action::Input(Key::ctrl('s')));
    let [Effect::Submit(form)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(form.value(IssueField::Title), "Login fails");
    assert_eq!(form.value(IssueField::Detected), "-2h");
}

#[test]
fn esc_cancels_a_form_with_nothing_saved() {
    let mut a = on_issues();
    keys(&mut a, "a");
    keys(&mut a, "half typed");
    let fx = update(&mut a, Action::Input(Key::plain(Code::Esc)));
    assert!(fx.is_empty());
    assert_eq!(a.mode, Mode::Normal);
    assert!(a.status.as_ref().unwrap().text.contains("nothing saved"));
}

#[test]
fn archive_asks_first_and_only_y_archives() {
    let mut a = on_issues();
    keys(&mut a, "jx");
    assert!(matches!(a.mode, Mode::Confirm(_)));
    assert!(update(&mut a, Action::Input(Key::ch('n'))).is_empty());
    assert_eq!(a.mode, Mode::Normal);
    keys(&mut a, "x");
    assert_eq!(
        update(&mut a, Action::Input(Key::ch('y'))),
        vec![Effect::Archive(Record::Issue(2))]
    );
}

#[test]
fn undo_takes_back_the_newest_change_in_the_file_and_says_when_there_is_none() {
    let mut a = on_issues();
    assert_eq!(keys(&mut a, "u"), vec![Effect::Undo]);
    assert!(apply(&mut a, Outcome::Undone(None)).is_empty());
    assert!(a.status.as_ref().unwrap().text.contains("nothing to undo"));
    let more = apply(
        &mut a,
        Outcome::Undone(Some("the change of 10:30 (cli) to issues 2".into())),
    );
    assert_eq!(more, vec![Effect::LoadAll]);
    assert!(a.status.as_ref().unwrap().text.contains("issues 2"));
}

#[test]
fn enter_opens_details_and_esc_closes_them() {
    let mut a = on_issues();
    let fx = update(&mut a, Action::Open);
    assert_eq!(fx, vec![Effect::LoadDetail(Record::Issue(1))]);
    assert!(matches!(a.mode, Mode::Detail(_)));
    update(&mut a, Action::Down);
    let Mode::Detail(d) = &a.mode else { panic!() };
    assert_eq!(d.scroll, 1);
    update(&mut a, Action::Back);
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn an_empty_list_never_panics() {
    let mut a = app();
    a.pane = Pane::Issues;
    for action in [
        Action::Down,
        Action::Bottom,
        Action::PageDown,
        Action::Open,
        Action::Edit,
        Action::Archive,
        Action::MarkSent,
    ] {
        update(&mut a, action);
    }
    assert_eq!(a.issues.selected, 0);
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn with_no_project_yet_add_opens_the_project_form() {
    let mut a = app();
    a.projects.clear();
    a.pane = Pane::Issues;
    keys(&mut a, "a");
    let Mode::Form(f) = &a.mode else { panic!() };
    assert_eq!(f.kind, FormKind::Project);
}

#[test]
fn s_marks_the_selected_update_sent() {
    let mut a = app();
    a.pane = Pane::Queue;
    assert!(
        keys(&mut a, "s").is_empty(),
        "nothing selected, nothing sent"
    );
    a.queue.total = 1;
    a.queue.rows = vec![Update {
        id: 7,
        project_id: 1,
        project: "Portal".into(),
        issue_id: None,
        kind: UpdateKind::Progress,
        channel: Channel::Email,
        contact_id: None,
        audience: String::new(),
        subject: "s".into(),
        body: String::new(),
        due_at: now(),
        state: UpdateState::Draft,
        sent_at: None,
        rule_key: None,
        edited: false,
        archived: false,
        created_at: now(),
        updated_at: now(),
    }];
    assert_eq!(keys(&mut a, "s"), vec![Effect::MarkSent(7)]);
}

#[test]
fn help_opens_on_question_mark_and_any_key_closes_it() {
    let mut a = app();
    keys(&mut a, "?");
    assert_eq!(a.mode, Mode::Help);
    update(&mut a, Action::Input(Key::ch('z')));
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn resize_changes_the_window_size_and_reloads() {
    let mut a = on_issues();
    assert_eq!(
        update(&mut a, Action::Resize(120, 40)),
        vec![Effect::Load(Pane::Issues)]
    );
    assert_eq!(a.page(), 35);
}

#[test]
fn capital_d_drafts_for_the_selected_issue_and_y_copies_an_update() {
    let mut a = on_issues();
    keys(&mut a, "j");
    assert_eq!(keys(&mut a, "D"), vec![Effect::Draft(2)]);
    a.pane = Pane::Queue;
    assert!(
        keys(&mut a, "y").is_empty(),
        "no update selected: nothing to copy"
    );
    assert!(a.status.as_ref().unwrap().text.contains("select an update"));
    a.pane = Pane::Log;
    assert!(keys(&mut a, "D").is_empty());
}

#[test]
fn capital_h_marks_the_selected_feedback_handled_and_nothing_else() {
    use crate::model::{Channel, Direction, LogEntry, LogKind};
    let mut a = app();
    a.pane = Pane::Log;
    assert!(keys(&mut a, "H").is_empty(), "nothing selected");
    assert!(a.status.as_ref().unwrap().text.contains("mark it handled"));
    a.log.total = 1;
    a.log.rows = vec![LogEntry {
        id: 12,
        project_id: 1,
        project: "Portal".into(),
        at: now(),
        direction: Direction::In,
        channel: Channel::Email,
        kind: LogKind::Complaint,
        summary: "Late again".into(),
        sentiment: -2,
        issue_id: None,
        expectation_id: None,
        update_id: None,
        archived: false,
        meeting_id: None,
    }];
    assert_eq!(keys(&mut a, "H"), vec![Effect::Handled(12)]);
    a.pane = Pane::Issues;
    assert!(keys(&mut a, "H").is_empty(), "an issue is not feedback");
}
