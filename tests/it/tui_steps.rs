//! Every step of the workflow from the TUI, keyed in on the demo data and saved against a real
//! (in-memory) store: solution options (add, change, choose), a progress note, settling an
//! expectation, marking an update sent after the question; the People and Clients sections
//! of the Plan pane.

use rapport::model::{Channel, ExpectationStatus, IssueStatus, UpdateState};
use rapport::store::{self, Store};
use rapport::tui::action::Action;
use rapport::tui::app::{App, Mode, Pane, PlanSection};
use rapport::tui::forms::{
    ClientField, ContactField, FieldId, FormKind, NoteField, OptionField, SettleField,
};
use rapport::tui::key::{Code, Key};
use rapport::workflow::Record;

use crate::tui_render::{act, app, demo_store, render};

pub(crate) fn form_field(a: &mut App, id: impl Into<FieldId>, value: &str) {
    let Mode::Form(f) = &mut a.mode else {
        panic!("no form: {:?}", a.mode)
    };
    let at = f.position(id).expect("the field");
    f.fields[at].value = value.into();
}

pub(crate) fn save(store: &mut Store, a: &mut App) {
    act(store, a, Action::Input(Key::ctrl('s')));
}

fn key(store: &mut Store, a: &mut App, code: Code) {
    act(store, a, Action::Input(Key::plain(code)));
}

/// The app on the Issues pane with the first issue's detail open.
fn issue_detail(store: &mut Store) -> (App, i64) {
    let mut a = app(store, 80, 24);
    let at = Pane::ALL.iter().position(|p| *p == Pane::Issues).unwrap();
    act(store, &mut a, Action::GoPane(at));
    act(store, &mut a, Action::Open);
    let Mode::Detail(d) = &a.mode else {
        panic!("the issue's detail: {:?}", a.mode)
    };
    let Record::Issue(id) = d.record else {
        panic!("an issue: {:?}", d.record)
    };
    (a, id)
}

#[test]
fn an_option_is_added_changed_and_chosen_from_the_issue_detail() {
    let mut store = demo_store();
    let (mut a, id) = issue_detail(&mut store);
    let before = store::issues::get(store.conn(), id).unwrap().options.len();

    act(&mut store, &mut a, Action::Options);
    let Mode::Form(f) = &a.mode else {
        panic!("the option form: {:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::SolutionOption(id));
    form_field(&mut a, OptionField::Text, "Roll back to 4.1");
    form_field(&mut a, OptionField::Time, "2 hours");
    form_field(&mut a, OptionField::Effect, "logins work again");
    insta::assert_snapshot!("steps_option_form_80x24", render(&a).backend());
    save(&mut store, &mut a);
    assert!(
        matches!(&a.mode, Mode::Detail(d) if d.record == Record::Issue(id) && d.data.is_some()),
        "back to the issue's detail, read again: {:?}",
        a.mode
    );
    let issue = store::issues::get(store.conn(), id).unwrap();
    assert_eq!(issue.options.len(), before + 1);
    let added = issue.options.last().unwrap();
    assert_eq!(
        (
            added.text.as_str(),
            added.time_needed.as_str(),
            added.expected_effect.as_str()
        ),
        ("Roll back to 4.1", "2 hours", "logins work again")
    );
    let number = added.number;

    // Change it: choosing its number in the first field fills in what it says now.
    act(&mut store, &mut a, Action::Options);
    let Mode::Form(f) = &mut a.mode else {
        panic!("the option form: {:?}", a.mode)
    };
    f.focus = 0;
    for _ in 0..number {
        key(&mut store, &mut a, Code::Right);
    }
    let Mode::Form(f) = &a.mode else { panic!() };
    assert!(
        f.value(OptionField::Which)
            .starts_with(&format!("{number} ")),
        "{}",
        f.value(OptionField::Which)
    );
    assert_eq!(f.value(OptionField::Text), "Roll back to 4.1");
    assert_eq!(f.value(OptionField::Time), "2 hours");
    form_field(&mut a, OptionField::Time, "half a day");
    save(&mut store, &mut a);
    assert!(
        matches!(a.mode, Mode::Detail(_)),
        "{:?} {:?}",
        a.status,
        a.mode
    );
    let issue = store::issues::get(store.conn(), id).unwrap();
    assert_eq!(issue.options.len(), before + 1, "changed, not added");
    let changed = issue.options.iter().find(|o| o.number == number).unwrap();
    assert_eq!(changed.time_needed, "half a day");
    assert_eq!(
        changed.text, "Roll back to 4.1",
        "what was not changed stays"
    );

    // A refused option keeps the form open, the message under its field.
    act(&mut store, &mut a, Action::Options);
    form_field(&mut a, OptionField::Text, "two\nlines");
    save(&mut store, &mut a);
    let Mode::Form(f) = &a.mode else {
        panic!("refused: the form stays: {:?}", a.mode)
    };
    let at = f.position(OptionField::Text).unwrap();
    assert!(f.fields[at].error.is_some(), "{:?}", f.fields[at]);
    key(&mut store, &mut a, Code::Esc);
    assert!(
        matches!(a.mode, Mode::Detail(_)),
        "Esc goes back to the detail"
    );
    assert_eq!(
        store::issues::get(store.conn(), id).unwrap().options.len(),
        before + 1
    );

    // The client chooses it.
    act(&mut store, &mut a, Action::ChooseOption);
    let Mode::Form(f) = &mut a.mode else {
        panic!("the choose form: {:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::ChooseOption(id));
    while !f.fields[0].value.starts_with(&format!("{number} ")) {
        let _ = f.key(Key::plain(Code::Right), a.now, a.zone);
    }
    save(&mut store, &mut a);
    let issue = store::issues::get(store.conn(), id).unwrap();
    let chosen: Vec<i64> = issue
        .options
        .iter()
        .filter(|o| o.chosen)
        .map(|o| o.number)
        .collect();
    assert_eq!(chosen, vec![number]);
    assert!(
        !matches!(
            issue.status,
            IssueStatus::New | IssueStatus::Investigating | IssueStatus::SolutionProposed
        ),
        "the work on the chosen option starts: {:?}",
        issue.status
    );
}

#[test]
fn a_progress_note_is_written_from_the_issue_detail() {
    let mut store = demo_store();
    let (mut a, id) = issue_detail(&mut store);
    let before = store::client_text::notes_of_issue(store.conn(), id)
        .unwrap()
        .len();
    act(&mut store, &mut a, Action::Note);
    let Mode::Form(f) = &a.mode else {
        panic!("the note form: {:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::Note(id));
    form_field(&mut a, NoteField::Text, "Patch deployed to staging");
    form_field(&mut a, NoteField::At, "-1h");
    save(&mut store, &mut a);
    assert!(matches!(a.mode, Mode::Detail(_)), "{:?}", a.status);
    let notes = store::client_text::notes_of_issue(store.conn(), id).unwrap();
    assert_eq!(notes.len(), before + 1);
    let note = notes
        .iter()
        .find(|n| n.text == "Patch deployed to staging")
        .expect("the note");
    assert_eq!(note.at, a.now - chrono::Duration::hours(1));
    // An empty note is refused on save, nothing written.
    act(&mut store, &mut a, Action::Note);
    save(&mut store, &mut a);
    assert!(matches!(a.mode, Mode::Form(_)));
    assert_eq!(
        store::client_text::notes_of_issue(store.conn(), id)
            .unwrap()
            .len(),
        before + 1
    );
}

#[test]
fn an_expectation_is_settled_with_its_reason() {
    let mut store = demo_store();
    let mut a = app(&mut store, 80, 24);
    let at = Pane::ALL
        .iter()
        .position(|p| *p == Pane::Expectations)
        .unwrap();
    act(&mut store, &mut a, Action::GoPane(at));
    let Some(Record::Expectation(id)) = a.selected_record() else {
        panic!("an expectation: {:?}", a.selected_record())
    };
    act(&mut store, &mut a, Action::Settle);
    let Mode::Form(f) = &a.mode else {
        panic!("the settle form: {:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::Settle(id));
    save(&mut store, &mut a);
    assert!(matches!(a.mode, Mode::Form(_)), "a reason is required");
    form_field(&mut a, SettleField::Outcome, "missed");
    form_field(
        &mut a,
        SettleField::Reason,
        "moved to phase 2 by the client",
    );
    save(&mut store, &mut a);
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let e = store::expectations::get(store.conn(), id).unwrap();
    assert_eq!(e.status, ExpectationStatus::Missed);
    assert!(
        e.revisions
            .iter()
            .any(|r| r.reason == "moved to phase 2 by the client"),
        "{:?}",
        e.revisions
    );
}

#[test]
fn s_asks_before_an_update_is_marked_sent() {
    let mut store = demo_store();
    let mut a = app(&mut store, 80, 24);
    let at = Pane::ALL.iter().position(|p| *p == Pane::Queue).unwrap();
    act(&mut store, &mut a, Action::GoPane(at));
    let Some(Record::Update(id)) = a.selected_record() else {
        panic!("an update: {:?}", a.selected_record())
    };
    act(&mut store, &mut a, Action::MarkSent);
    assert!(matches!(a.mode, Mode::Confirm(_)), "{:?}", a.mode);
    act(&mut store, &mut a, Action::Input(Key::ch('n')));
    assert_ne!(
        store::updates::get(store.conn(), id).unwrap().state,
        UpdateState::Sent,
        "n sends nothing"
    );
    act(&mut store, &mut a, Action::MarkSent);
    act(&mut store, &mut a, Action::Input(Key::ch('y')));
    assert_eq!(
        store::updates::get(store.conn(), id).unwrap().state,
        UpdateState::Sent
    );
}

#[test]
fn a_help_longer_than_the_window_scrolls_to_its_last_key() {
    let mut store = demo_store();
    // A short window: even packed two keys a line, the sheet is taller than it.
    let mut a = app(&mut store, 80, 16);
    let at = Pane::ALL.iter().position(|p| *p == Pane::Issues).unwrap();
    act(&mut store, &mut a, Action::GoPane(at));
    act(&mut store, &mut a, Action::Help);
    let screen = format!("{:?}", render(&a).backend());
    assert!(
        screen.contains("add or change a solution option"),
        "{screen}"
    );
    assert!(screen.contains("scroll"), "it says it scrolls: {screen}");
    assert!(
        !screen.contains("Ctrl-S save"),
        "the last line is below: {screen}"
    );
    for _ in 0..40 {
        key(&mut store, &mut a, Code::Down);
    }
    assert_eq!(a.mode, Mode::Help, "scrolling keeps the help open");
    let screen = format!("{:?}", render(&a).backend());
    assert!(screen.contains("Ctrl-S save"), "{screen}");
    assert!(screen.contains("write a progress note"), "{screen}");
    key(&mut store, &mut a, Code::Esc);
    assert_eq!(a.mode, Mode::Normal);
}

/// The app on the Plan pane's section `section`.
pub(crate) fn plan_section(store: &mut Store, section: PlanSection) -> App {
    let mut a = app(store, 80, 24);
    let at = Pane::ALL.iter().position(|p| *p == Pane::Plan).unwrap();
    act(store, &mut a, Action::GoPane(at));
    while a.plan.section != section {
        act(store, &mut a, Action::NextSection);
    }
    a
}

#[test]
fn a_contact_is_added_edited_archived_and_restored_from_people() {
    let mut store = demo_store();
    let mut a = plan_section(&mut store, PlanSection::People);
    let before = store::projects::list_contacts(store.conn(), None)
        .unwrap()
        .len();
    assert!(a.plan.people.total > 0, "the demo has contacts");
    let client = a.plan.people.selected_row().unwrap().contact.client.clone();
    act(&mut store, &mut a, Action::Add);
    let Mode::Form(f) = &a.mode else {
        panic!("the contact form: {:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::Contact(None));
    let Mode::Form(f) = &a.mode else { panic!() };
    assert_eq!(
        f.value(ContactField::Client),
        client,
        "the client under the cursor"
    );
    form_field(&mut a, ContactField::Name, "Priya Nair");
    form_field(&mut a, ContactField::Role, "QA lead");
    form_field(&mut a, ContactField::Email, "priya@northwind.example");
    form_field(&mut a, ContactField::Channel, "chat");
    save(&mut store, &mut a);
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let Some(Record::Contact(id)) = a.selected_record() else {
        panic!("the new contact is selected: {:?}", a.selected_record())
    };
    let c = store::projects::get_contact(store.conn(), id).unwrap();
    assert_eq!(
        (
            c.client.as_str(),
            c.name.as_str(),
            c.role.as_str(),
            c.email.as_str(),
            c.channel
        ),
        (
            client.as_str(),
            "Priya Nair",
            "QA lead",
            "priya@northwind.example",
            Some(Channel::Chat)
        )
    );
    assert_eq!(
        store::projects::list_contacts(store.conn(), None)
            .unwrap()
            .len(),
        before + 1
    );
    insta::assert_snapshot!("steps_people_80x24", render(&a).backend());

    // A bad email is refused under its field, nothing changed.
    act(&mut store, &mut a, Action::Edit);
    form_field(&mut a, ContactField::Email, "not an email");
    save(&mut store, &mut a);
    let Mode::Form(f) = &a.mode else {
        panic!("refused: {:?}", a.mode)
    };
    let at = f.position(ContactField::Email).unwrap();
    assert!(f.fields[at].error.is_some(), "{:?}", f.fields[at]);
    form_field(&mut a, ContactField::Email, "priya.nair@northwind.example");
    form_field(&mut a, ContactField::Role, "Head of QA");
    save(&mut store, &mut a);
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let c = store::projects::get_contact(store.conn(), id).unwrap();
    assert_eq!(c.role, "Head of QA");
    assert_eq!(c.email, "priya.nair@northwind.example");

    // x archives (after the question); the contact stays listed, marked; x again restores.
    act(&mut store, &mut a, Action::Archive);
    act(&mut store, &mut a, Action::Input(Key::ch('y')));
    assert!(store::projects::contact_is_archived(store.conn(), id).unwrap());
    let row = a
        .plan
        .people
        .rows
        .iter()
        .find(|c| c.contact.id == id)
        .expect("still listed");
    assert!(row.archived);
    assert_eq!(a.selected_record(), Some(Record::Contact(id)));
    act(&mut store, &mut a, Action::Archive);
    let Mode::Confirm(c) = &a.mode else {
        panic!("a question: {:?}", a.mode)
    };
    assert!(c.question.starts_with("Restore"), "{}", c.question);
    act(&mut store, &mut a, Action::Input(Key::ch('y')));
    assert!(!store::projects::contact_is_archived(store.conn(), id).unwrap());
}

#[test]
fn a_clients_zone_and_language_are_set_from_clients() {
    let mut store = demo_store();
    let mut a = plan_section(&mut store, PlanSection::Clients);
    let Some(Record::Client(id)) = a.selected_record() else {
        panic!("a client: {:?}", a.selected_record())
    };
    act(&mut store, &mut a, Action::Open);
    let Mode::Form(f) = &a.mode else {
        panic!("Enter opens the client's form: {:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::Client(id));
    form_field(&mut a, ClientField::Zone, "Mars/Olympus");
    save(&mut store, &mut a);
    let Mode::Form(f) = &a.mode else {
        panic!("a bad zone is refused: {:?}", a.mode)
    };
    let at = f.position(ClientField::Zone).unwrap();
    assert!(
        f.fields[at]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("Mars/Olympus")),
        "{:?}",
        f.fields[at]
    );
    form_field(&mut a, ClientField::Zone, "Europe/Berlin");
    form_field(&mut a, ClientField::Language, "zh-CN");
    save(&mut store, &mut a);
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let c = store::clients::settings(store.conn(), id).unwrap().unwrap();
    assert_eq!(c.zone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(c.language.as_deref(), Some("zh-CN"));
    assert_eq!(a.selected_record(), Some(Record::Client(id)));
}
