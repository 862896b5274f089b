//! Clients from the TUI's Plan pane (section Clients) against a real store: `a` adds one
//! through a form, `x` archives it after the question (a client with running projects is
//! refused, the projects named) and restores an archived one.

use rapport::store;
use rapport::tui::action::Action;
use rapport::tui::app::{Level, Mode, PlanSection};
use rapport::tui::forms::{ClientField, FormKind};
use rapport::tui::key::{Code, Key};
use rapport::workflow::Record;

use crate::tui_render::{act, demo_store, render};
use crate::tui_steps::{form_field, plan_section, save};

#[test]
fn a_client_is_added_archived_and_restored_from_clients() {
    let mut store = demo_store();
    let mut a = plan_section(&mut store, PlanSection::Clients);
    let before = a.plan.clients.total;
    let screen = format!("{:?}", render(&a).backend());
    assert!(screen.contains("x archive/restore"), "{screen}");

    act(&mut store, &mut a, Action::Add);
    let Mode::Form(f) = &a.mode else {
        panic!("the new client form: {:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::NewClient);
    form_field(&mut a, ClientField::Name, "Contoso");
    form_field(&mut a, ClientField::Zone, "Europe/Berlin");
    form_field(&mut a, ClientField::Language, "zh-CN");
    form_field(&mut a, ClientField::Notes, "Prefers a call to an email");
    insta::assert_snapshot!("clients_new_form_80x24", render(&a).backend());
    save(&mut store, &mut a);
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let Some(Record::Client(id)) = a.selected_record() else {
        panic!("the new client is selected: {:?}", a.selected_record())
    };
    let c = store::clients::settings(store.conn(), id).unwrap().unwrap();
    assert_eq!(
        (
            c.name.as_str(),
            c.zone.as_deref(),
            c.language.as_deref(),
            c.notes.as_str(),
            c.archived
        ),
        (
            "Contoso",
            Some("Europe/Berlin"),
            Some("zh-CN"),
            "Prefers a call to an email",
            false
        )
    );
    assert_eq!(a.plan.clients.total, before + 1);

    // The same name again, in another case: refused in the form, nothing added.
    act(&mut store, &mut a, Action::Add);
    form_field(&mut a, ClientField::Name, "CONTOSO");
    save(&mut store, &mut a);
    let Mode::Form(f) = &a.mode else {
        panic!("refused: {:?}", a.mode)
    };
    let said = format!("{:?} {:?}", f.error, f.fields);
    assert!(said.contains("exists already"), "{said}");
    act(&mut store, &mut a, Action::Input(Key::plain(Code::Esc)));
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(
        store::clients::list(store.conn(), true).unwrap().len(),
        before + 1
    );

    // x asks; n keeps it, y archives it: still listed, marked, and x again restores it.
    act(&mut store, &mut a, Action::Archive);
    let Mode::Confirm(q) = &a.mode else {
        panic!("a question: {:?}", a.mode)
    };
    assert!(
        q.question.starts_with("Archive client Contoso?"),
        "{}",
        q.question
    );
    act(&mut store, &mut a, Action::Input(Key::ch('n')));
    assert!(!store::clients::is_archived(store.conn(), id).unwrap());
    act(&mut store, &mut a, Action::Archive);
    act(&mut store, &mut a, Action::Input(Key::ch('y')));
    assert!(store::clients::is_archived(store.conn(), id).unwrap());
    let row = a
        .plan
        .clients
        .rows
        .iter()
        .find(|c| c.id == id)
        .expect("still listed");
    assert!(row.archived);
    assert_eq!(a.selected_record(), Some(Record::Client(id)));
    let screen = format!("{:?}", render(&a).backend());
    assert!(screen.contains("(archived) Contoso"), "{screen}");
    act(&mut store, &mut a, Action::Archive);
    let Mode::Confirm(q) = &a.mode else {
        panic!("a question: {:?}", a.mode)
    };
    assert!(
        q.question.starts_with("Restore client Contoso?"),
        "{}",
        q.question
    );
    act(&mut store, &mut a, Action::Input(Key::ch('y')));
    assert!(!store::clients::is_archived(store.conn(), id).unwrap());
}

#[test]
fn a_client_with_running_projects_stays_and_the_projects_are_named() {
    let mut store = demo_store();
    let mut a = plan_section(&mut store, PlanSection::Clients);
    act(&mut store, &mut a, Action::Top);
    let Some(Record::Client(id)) = a.selected_record() else {
        panic!("a client: {:?}", a.selected_record())
    };
    let running = store::clients::active_projects(store.conn(), id).unwrap();
    assert!(!running.is_empty(), "the demo's first client has projects");
    act(&mut store, &mut a, Action::Archive);
    act(&mut store, &mut a, Action::Input(Key::ch('y')));
    assert!(!store::clients::is_archived(store.conn(), id).unwrap());
    let status = a.status.as_ref().expect("a refusal");
    assert_eq!(status.level, Level::Error);
    assert!(
        status.text.contains(&format!(
            "close or archive its projects first: {}",
            running.join(", ")
        )),
        "{}",
        status.text
    );
}

#[test]
fn clients_in_chinese_name_their_columns_and_keys() {
    rapport::i18n::with_lang(rapport::i18n::Lang::ZhCn, || {
        let mut store = demo_store();
        let mut a = plan_section(&mut store, PlanSection::Clients);
        act(&mut store, &mut a, Action::Add);
        form_field(&mut a, ClientField::Name, "Contoso");
        save(&mut store, &mut a);
        act(&mut store, &mut a, Action::Archive);
        act(&mut store, &mut a, Action::Input(Key::ch('y')));
        let t = render(&a);
        let lines: Vec<String> = t
            .backend()
            .buffer()
            .content()
            .chunks(80)
            // Without spaces: a wide character's second cell is one.
            .map(|row| {
                row.iter()
                    .map(|c| c.symbol())
                    .collect::<String>()
                    .replace(' ', "")
            })
            .collect();
        let header = &lines[2];
        for word in ["客户", "时区", "语言", "工作日历"] {
            assert!(header.contains(word), "{header}");
        }
        assert!(
            lines.iter().any(|l| l.contains("(已归档)Contoso")),
            "{lines:#?}"
        );
        // The status line says what happened, the record named in Chinese too.
        let said = a
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        assert!(
            said.starts_with("客户 ") && said.contains("已归档"),
            "{said}"
        );
        a.status = None;
        let t = render(&a);
        let footer: String = t.backend().buffer().content()[80 * 23..]
            .iter()
            .map(|c| c.symbol())
            .collect::<String>()
            .replace(' ', "");
        assert!(footer.contains("x归档/恢复"), "{footer}");
    });
}

#[test]
fn a_client_is_added_before_any_project() {
    let mut store = rapport::store::Store::open_in_memory().unwrap();
    let mut a = plan_section(&mut store, PlanSection::Clients);
    assert!(a.is_empty_database());
    act(&mut store, &mut a, Action::Add);
    let Mode::Form(f) = &a.mode else {
        panic!("a form: {:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::NewClient, "not the project form");
    form_field(&mut a, ClientField::Name, "Northwind");
    save(&mut store, &mut a);
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    assert_eq!(a.plan.clients.total, 1);
    // Elsewhere an empty file still starts with a project.
    act(&mut store, &mut a, Action::NextSection);
    act(&mut store, &mut a, Action::Add);
    let Mode::Form(f) = &a.mode else {
        panic!("a form: {:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::Project);
}
