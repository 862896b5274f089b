//! Outcome flows: what `apply` makes of what the effects report (no database, no terminal).

use super::*;
use crate::tui::app::{DetailData, Level, Shown};
use crate::tui::effects::Outcome;
use crate::tui::load::Rows;
use crate::tui::pane::{CountStamp, ListPane, ListView};
use crate::workflow::UndoStep;

fn update_row(id: i64) -> Update {
    Update {
        id,
        project_id: 1,
        project: "Portal".into(),
        issue_id: Some(2),
        kind: UpdateKind::Notice,
        channel: Channel::Email,
        contact_id: None,
        audience: String::new(),
        subject: format!("Update {id}"),
        body: String::new(),
        due_at: now(),
        state: UpdateState::Draft,
        sent_at: None,
        rule_key: None,
        edited: false,
        archived: false,
        created_at: now(),
        updated_at: now(),
    }
}

/// An issue form, filled in and submitted: the app as the effect finds it.
fn submitted() -> (App, Box<crate::tui::forms::Form>) {
    let mut a = on_issues();
    keys(&mut a, "a");
    keys(&mut a, "Login fails");
    let fx = update(&mut a, Action::Input(Key::ctrl('s')));
    let [Effect::Submit(form)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    (a, form.clone())
}

#[test]
fn a_refused_save_puts_the_message_under_its_field_and_keeps_the_form_open() {
    let (mut a, form) = submitted();
    let field = form.kind.field_for("title");
    assert_eq!(field, Some(IssueField::Title.into()));
    let next = apply(
        &mut a,
        Outcome::Refused {
            field,
            message: "invalid title 'x': expected a single line of text".into(),
        },
    );
    assert!(next.is_empty());
    let Mode::Form(f) = &a.mode else {
        panic!("the form stays open: {:?}", a.mode)
    };
    let at = f.position(IssueField::Title).unwrap();
    assert_eq!(f.focus, at, "the cursor goes to the refused field");
    assert!(
        f.fields[at]
            .error
            .as_deref()
            .unwrap()
            .contains("single line")
    );
    assert_eq!(
        f.value(IssueField::Title),
        "Login fails",
        "nothing typed is lost"
    );
    // A refusal that names no field of this form goes on the form itself.
    let field = form.kind.field_for("contact");
    assert_eq!(field, None);
    apply(
        &mut a,
        Outcome::Refused {
            field,
            message: "no such contact".into(),
        },
    );
    let Mode::Form(f) = &a.mode else { panic!() };
    assert_eq!(f.error.as_deref(), Some("no such contact"));
}

#[test]
fn each_form_routes_the_library_names_of_its_values_to_its_own_fields() {
    use crate::tui::forms::{ExpectationField, LogField, ProjectField};
    assert_eq!(
        FormKind::Project.field_for("project name"),
        Some(ProjectField::Name.into())
    );
    assert_eq!(
        FormKind::Log.field_for("log kind"),
        Some(LogField::Kind.into())
    );
    assert_eq!(
        FormKind::Expectation(Some(1)).field_for("Expectation status"),
        Some(ExpectationField::Status.into())
    );
    assert_eq!(FormKind::Log.field_for("title"), None);
}

#[test]
fn a_save_closes_the_form_keeps_its_undo_step_and_shows_the_record() {
    let (mut a, _) = submitted();
    let done = Done {
        record: Record::Issue(36),
        undo: vec![UndoStep::SetArchived(Record::Issue(36), Some(now()))],
    };
    let next = apply(&mut a, Outcome::Saved(done.clone()));
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(
        next,
        vec![Effect::LoadAll, Effect::Jump(Record::Issue(36))],
        "reloaded, then the saved record selected in its pane"
    );
    assert!(a.status.as_ref().unwrap().text.contains("saved"));
}

#[test]
fn a_drafted_update_opens_in_its_detail_view() {
    let mut a = on_issues();
    let fx = keys(&mut a, "jD");
    assert_eq!(fx, vec![Effect::Draft(2)]);
    let u = update_row(40);
    let next = apply(
        &mut a,
        Outcome::Drafted {
            done: Done {
                record: Record::Update(40),
                undo: vec![],
            },
            update: Box::new(u.clone()),
            issue_id: 2,
            detail: DetailData::of(Shown::Update(Box::new(u))),
        },
    );
    let Mode::Detail(d) = &a.mode else {
        panic!("detail expected: {:?}", a.mode)
    };
    assert_eq!(d.record, Record::Update(40));
    assert!(matches!(&d.data, Some(DetailData { shown: Shown::Update(u), .. }) if u.id == 40));
    assert_eq!(
        next,
        vec![Effect::LoadAll, Effect::Jump(Record::Update(40))]
    );
    assert!(
        a.status
            .as_ref()
            .unwrap()
            .text
            .contains("update 40 drafted for issue 2")
    );
}

#[test]
fn loaded_rows_replace_the_window_count_and_selection_of_their_pane() {
    let mut a = on_issues();
    let p = ListPane {
        view: ListView {
            total: 120,
            selected: 57,
            offset: 50,
            ..Default::default()
        },
        rows: (51..=60).map(issue).collect(),
        rows_at: 50,
        ..Default::default()
    };
    let next = apply(&mut a, Outcome::Rows(Rows::Issues(p)));
    assert!(next.is_empty());
    assert_eq!(
        (a.issues.total, a.issues.offset, a.issues.selected),
        (120, 50, 57)
    );
    assert_eq!(a.selected_record(), Some(Record::Issue(58)));
    // A jump shows the record's pane too.
    a.pane = Pane::Today;
    let q = ListPane {
        view: ListView {
            total: 1,
            ..Default::default()
        },
        rows: vec![update_row(9)],
        rows_at: 0,
        ..Default::default()
    };
    apply(&mut a, Outcome::Jumped(Rows::Queue(q)));
    assert_eq!(a.pane, Pane::Queue);
    assert_eq!(a.selected_record(), Some(Record::Update(9)));
}

#[test]
fn a_filter_answer_lands_only_while_it_still_answers_the_filter() {
    let mut a = on_issues();
    a.issues.filter = "login".into();
    let mut found: ListPane<Issue> = ListPane {
        view: ListView {
            filter: "log".into(), // typed one letter ago
            total: 3,
            counted: Some(CountStamp {
                filter: "log".into(),
                project: None,
                generation: a.generation,
            }),
            ..Default::default()
        },
        ..Default::default()
    };
    apply(&mut a, Outcome::Found(Rows::Issues(found.clone())));
    assert_eq!(a.issues.total, 35, "an overtaken answer is dropped");
    found.filter = "login".into();
    found.counted.as_mut().unwrap().filter = "login".into();
    assert!(answers(&a, &Rows::Issues(found.clone())));
    apply(&mut a, Outcome::Found(Rows::Issues(found)));
    assert_eq!(a.issues.total, 3);
}

#[test]
fn a_reload_takes_counts_again_and_rereads_the_panes_on_screen() {
    let mut a = on_issues();
    let before = a.generation;
    let next = apply(
        &mut a,
        Outcome::Reloaded {
            projects: vec![project(1, "Portal")],
            data_version: 7,
        },
    );
    assert_eq!(a.generation, before + 1);
    assert_eq!((a.projects.len(), a.data_version), (1, 7));
    // The pane on screen at once; Today (behind it) once the frame is drawn, and only once.
    assert_eq!(next, vec![Effect::Load(Pane::Issues)]);
    assert!(a.today_waits);
    apply(
        &mut a,
        Outcome::Reloaded {
            projects: vec![project(1, "Portal")],
            data_version: 8,
        },
    );
    assert!(a.today_waits);
    // Today read meanwhile (the user went to it): nothing is left for later.
    apply(
        &mut a,
        Outcome::Agenda(crate::workflow::today::Agenda {
            now: now(),
            items: vec![],
            health: vec![],
            totals: vec![],
        }),
    );
    assert!(!a.today_waits);
    // On Today showing a reading, the frame after the key comes first (the form closed)
    // and Today is read once it is drawn.
    a.pane = Pane::Today;
    let next = apply(
        &mut a,
        Outcome::Reloaded {
            projects: vec![project(1, "Portal")],
            data_version: 7,
        },
    );
    assert!(next.is_empty());
    assert!(a.today_waits);
    // A Today never read is read at once.
    a.today.agenda = None;
    a.today_waits = false;
    let next = apply(
        &mut a,
        Outcome::Reloaded {
            projects: vec![project(1, "Portal")],
            data_version: 7,
        },
    );
    assert_eq!(next, vec![Effect::Load(Pane::Today)]);
    assert!(!a.today_waits);
    a.pane = Pane::Issues;
    // The clock: another process's write reloads; a new minute re-reads Today.
    let later = now() + chrono::Duration::seconds(30);
    assert!(
        apply(
            &mut a,
            Outcome::Ticked {
                now: later,
                data_version: 7
            }
        )
        .is_empty()
    );
    assert_eq!(
        apply(
            &mut a,
            Outcome::Ticked {
                now: later,
                data_version: 8
            }
        ),
        vec![Effect::LoadAll]
    );
    assert_eq!(
        apply(
            &mut a,
            Outcome::Ticked {
                now: later + chrono::Duration::minutes(1),
                data_version: 8
            }
        ),
        vec![Effect::Load(Pane::Today)]
    );
}

#[test]
fn an_error_outcome_goes_on_the_status_line() {
    let mut a = on_issues();
    assert!(apply(&mut a, Outcome::Error("database is locked".into())).is_empty());
    let status = a.status.as_ref().unwrap();
    assert_eq!(status.level, Level::Error);
    assert_eq!(status.text, "database is locked");
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn q_closes_a_detail_view_and_ctrl_c_still_quits() {
    let mut a = on_issues();
    update(&mut a, Action::Open);
    assert!(matches!(a.mode, Mode::Detail(_)));
    let action = action_for_key(&a, Key::ch('q')).unwrap();
    assert!(update(&mut a, action).is_empty());
    assert_eq!(a.mode, Mode::Normal, "q closed the detail");
    assert!(!a.quit, "and did not quit");
    update(&mut a, Action::Open);
    let action = action_for_key(&a, Key::ctrl('c')).unwrap();
    update(&mut a, action);
    assert!(a.quit);
    // Outside a detail, q quits.
    let mut b = on_issues();
    let action = action_for_key(&b, Key::ch('q')).unwrap();
    update(&mut b, action);
    assert!(b.quit);
}

#[test]
fn a_copied_update_goes_to_the_clipboard() {
    let mut a = app();
    apply(
        &mut a,
        Outcome::Copied {
            id: 3,
            text: "s\n\nb".into(),
        },
    );
    assert_eq!(a.clipboard.as_deref(), Some("s\n\nb"));
    assert!(a.status.as_ref().unwrap().text.contains("update 3 copied"));
}

#[test]
fn going_back_to_today_reads_it_only_when_a_reading_waits() {
    let mut a = on_issues();
    // Never read yet: going to Today reads it.
    assert_eq!(
        update(&mut a, Action::GoPane(0)),
        vec![Effect::Load(Pane::Today)]
    );
    apply(
        &mut a,
        Outcome::Agenda(crate::workflow::today::Agenda {
            now: now(),
            items: vec![],
            health: vec![],
            totals: vec![],
        }),
    );
    // Read and current (changes and the minute read it again): back on it, nothing to read.
    update(&mut a, Action::GoPane(1));
    assert!(update(&mut a, Action::GoPane(0)).is_empty());
    assert_eq!(a.pane, Pane::Today);
    // A change made on another pane left its reading for later: going to Today reads it now.
    update(&mut a, Action::GoPane(1));
    apply(
        &mut a,
        Outcome::Reloaded {
            projects: vec![project(1, "Portal")],
            data_version: 9,
        },
    );
    assert_eq!(
        update(&mut a, Action::GoPane(0)),
        vec![Effect::Load(Pane::Today)]
    );
}
