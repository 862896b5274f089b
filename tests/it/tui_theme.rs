//! Themes and the mouse: a light screen and a NO_COLOR screen (snapshots for the text, cell
//! styles for what the text can't show), and clicks and the wheel turned into actions.

use rapport::config::Config;
use rapport::tui::action::Action;
use rapport::tui::app::{Mode, Pane};
use rapport::tui::forms::FieldKind;
use rapport::tui::mouse::{self, Mouse, MouseKind};
use rapport::tui::theme::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

use crate::tui_render::{act, app, demo_store, render};

/// Where `needle` is first drawn (column, row).
fn find(t: &Terminal<TestBackend>, needle: &str) -> (u16, u16) {
    let buf = t.backend().buffer();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(byte) = line.find(needle) {
            return (line[..byte].chars().count() as u16, y);
        }
    }
    panic!("{needle} not drawn");
}

/// The theme `NO_COLOR` gives when the config names none.
fn no_color() -> Theme {
    Theme::from_spec(&Config::default().theme, true).unwrap()
}

#[test]
fn a_light_screen_uses_the_light_colours() {
    theme::with_theme(Theme::light(), || {
        let mut store = demo_store();
        let mut a = app(&mut store, 100, 30);
        act(&mut store, &mut a, Action::GoPane(2));
        let t = render(&a);
        insta::assert_snapshot!("queue_light_100x30", t.backend());
        let buf = t.backend().buffer();
        let (x, y) = find(&t, "3 Queue");
        assert_eq!(buf[(x, y)].bg, Theme::light().tab_bg.unwrap());
        assert_eq!(buf[(x, y)].fg, Color::White);
        let (x, y) = find(&t, "LATE");
        assert_eq!(buf[(x, y)].fg, Theme::light().overdue.unwrap());
        assert_ne!(buf[(x, y)].fg, Color::Red, "not the dark theme's red");
    });
}

#[test]
fn an_override_reaches_the_screen() {
    let cfg = Config::parse("[theme]\nbase = \"dark\"\noverdue = \"#ff8800\"").unwrap();
    let t = Theme::from_spec(&cfg.theme, false).unwrap();
    theme::with_theme(t, || {
        let mut store = demo_store();
        let mut a = app(&mut store, 100, 30);
        act(&mut store, &mut a, Action::GoPane(2));
        let t = render(&a);
        let (x, y) = find(&t, "LATE");
        assert_eq!(
            t.backend().buffer()[(x, y)].fg,
            Color::Rgb(0xff, 0x88, 0x00)
        );
    });
}

#[test]
fn without_colour_the_tab_the_selection_and_late_items_stay_marked() {
    assert!(no_color().mono);
    theme::with_theme(no_color(), || {
        let mut store = demo_store();
        let mut a = app(&mut store, 100, 30);
        act(&mut store, &mut a, Action::GoPane(2));
        let t = render(&a);
        insta::assert_snapshot!("queue_no_color_100x30", t.backend());
        let buf = t.backend().buffer();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                let c = &buf[(x, y)];
                assert_eq!((c.fg, c.bg), (Color::Reset, Color::Reset), "({x},{y})");
            }
        }
        // The active tab: reversed and in brackets; the others neither.
        let (x, y) = find(&t, "[3 Queue");
        assert!(buf[(x + 1, y)].modifier.contains(Modifier::REVERSED));
        let (x, y) = find(&t, "2 Issues");
        assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
        assert!(!find_text(&t, "[2 Issues"));
        // The selected row (the first) is reversed across; the second is not.
        let first_row = y + 3;
        assert!(buf[(5, first_row)].modifier.contains(Modifier::REVERSED));
        assert!(
            !buf[(5, first_row + 1)]
                .modifier
                .contains(Modifier::REVERSED)
        );
        // Late updates say so in words, in bold.
        let (x, y) = find(&t, "LATE");
        assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    });
}

#[test]
fn without_colour_severities_are_words_and_critical_is_bold() {
    theme::with_theme(no_color(), || {
        let mut store = demo_store();
        let mut a = app(&mut store, 120, 40);
        act(&mut store, &mut a, Action::GoPane(1));
        let t = render(&a);
        let buf = t.backend().buffer();
        let (x, y) = find(&t, "critical");
        assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
        assert_eq!(buf[(x, y)].fg, Color::Reset);
        let (x, y) = find(&t, "low ");
        assert!(!buf[(x, y)].modifier.contains(Modifier::BOLD));
    });
}

fn find_text(t: &Terminal<TestBackend>, needle: &str) -> bool {
    let buf = t.backend().buffer();
    (0..buf.area.height).any(|y| {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect::<String>()
            .contains(needle)
    })
}

/// What a click at (x, y) of the last frame does to the app.
fn click(store: &mut rapport::store::Store, a: &mut rapport::tui::app::App, x: u16, y: u16) {
    if let Some(action) = mouse::action(a, Mouse::click(x, y)) {
        act(store, a, action);
    }
}

fn wheel(store: &mut rapport::store::Store, a: &mut rapport::tui::app::App, kind: MouseKind) {
    let m = Mouse {
        kind,
        column: 10,
        row: 10,
    };
    if let Some(action) = mouse::action(a, m) {
        act(store, a, action);
    }
}

#[test]
fn a_click_on_a_tab_switches_pane_and_on_a_row_selects_then_opens_it() {
    let mut store = demo_store();
    let mut a = app(&mut store, 100, 30);
    let t = render(&a);
    // A click on the Issues tab's name.
    let (x, y) = find(&t, "Issues");
    click(&mut store, &mut a, x + 2, y);
    assert_eq!(a.pane, Pane::Issues);
    // A click on the third row selects it, wherever the first row is drawn.
    let t = render(&a);
    let (_, header) = find(&t, "severity");
    click(&mut store, &mut a, 30, header + 3);
    assert_eq!(a.issues.selected, 2);
    assert!(matches!(a.mode, Mode::Normal));
    // A click on the border or the footer does nothing.
    click(&mut store, &mut a, 0, header + 1);
    click(&mut store, &mut a, 30, 29);
    assert_eq!((a.pane, a.issues.selected), (Pane::Issues, 2));
    // A second click on the selected row (a double click) opens it.
    let t = render(&a);
    let id = a.issues.selected_row().unwrap().id;
    click(&mut store, &mut a, 30, header + 3);
    match &a.mode {
        Mode::Detail(d) => assert_eq!(d.record, rapport::workflow::Record::Issue(id)),
        _ => panic!("not opened"),
    }
    drop(t);
    // The wheel scrolls the detail, and back.
    render(&a);
    wheel(&mut store, &mut a, MouseKind::WheelDown);
    wheel(&mut store, &mut a, MouseKind::WheelDown);
    match &a.mode {
        Mode::Detail(d) => assert_eq!(d.scroll, 2),
        _ => panic!("closed"),
    }
    wheel(&mut store, &mut a, MouseKind::WheelUp);
    match &a.mode {
        Mode::Detail(d) => assert_eq!(d.scroll, 1),
        _ => panic!("closed"),
    }
    act(&mut store, &mut a, Action::Back);
    // In the list, the wheel moves the selection.
    render(&a);
    wheel(&mut store, &mut a, MouseKind::WheelDown);
    assert_eq!(a.issues.selected, 3);
    wheel(&mut store, &mut a, MouseKind::WheelUp);
    wheel(&mut store, &mut a, MouseKind::WheelUp);
    assert_eq!(a.issues.selected, 1);
}

#[test]
fn a_click_on_a_today_item_selects_it() {
    let mut store = demo_store();
    let mut a = app(&mut store, 100, 30);
    let items = a.today.items().len();
    assert!(items > 2);
    let t = render(&a);
    // The second item: the line after the first item's line (sections start with a title).
    let hits = a.hits.borrow().rows.clone();
    let (area, index) = hits[1];
    assert_eq!(index, 1);
    let line: String = (0..100)
        .map(|x| t.backend().buffer()[(x, area.y)].symbol().to_string())
        .collect();
    let record = a.today.items()[1].record;
    let id = format!("#{} ", record.id());
    assert!(line.contains(&id), "{line} shows {record}");
    click(&mut store, &mut a, area.x + 5, area.y);
    assert_eq!(a.today.selected, 1);
}

#[test]
fn a_click_on_a_form_field_focuses_it() {
    let mut store = demo_store();
    let mut a = app(&mut store, 100, 30);
    act(&mut store, &mut a, Action::GoPane(1));
    act(&mut store, &mut a, Action::Edit);
    let Mode::Form(form) = &a.mode else {
        panic!("no form")
    };
    assert_eq!(form.focus, 0);
    // A text field past the first (typing does nothing to a choice).
    let i = (1..form.fields.len())
        .find(|i| !matches!(form.fields[*i].kind, FieldKind::Choice(_)))
        .unwrap();
    let label = form.fields[i].label.to_string();
    let t = render(&a);
    let (x, y) = find(&t, &label);
    click(&mut store, &mut a, x, y);
    let Mode::Form(form) = &a.mode else {
        panic!("the click closed the form")
    };
    assert_eq!(form.focus, i);
    // Typing goes into the clicked field.
    let before = form.fields[i].value.clone();
    act(
        &mut store,
        &mut a,
        Action::Input(rapport::tui::key::Key::ch('!')),
    );
    let Mode::Form(form) = &a.mode else {
        panic!("closed")
    };
    assert_eq!(form.fields[i].value, format!("{before}!"));
}
