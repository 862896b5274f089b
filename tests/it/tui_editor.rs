//! The editor of a long-text field drawn into TestBackend at 80x24: several rows of the
//! text with its line breaks, the cursor where the keys put it (over a wide character too),
//! and the form's keys for it at the bottom.

use rapport::tui::action::Action;
use rapport::tui::app::Mode;
use rapport::tui::forms::UpdateField;
use rapport::tui::key::{Code, Key};
use ratatui::style::Modifier;

use crate::tui_render::{act, app, demo_store, render};

fn key(code: Code) -> Action {
    Action::Input(Key::plain(code))
}

#[test]
fn the_body_of_an_update_in_the_form_editor_at_80x24() {
    let mut store = demo_store();
    let mut a = app(&mut store, 80, 24);
    act(&mut store, &mut a, Action::GoPane(2));
    act(&mut store, &mut a, Action::Edit);
    let Mode::Form(form) = &mut a.mode else {
        panic!("the update's edit form: {:?}", a.mode)
    };
    form.focus = form.position(UpdateField::Body).expect("a body field");
    let field = &mut form.fields[form.focus];
    field.set_value("Dear Sarah,\n\nThe fix is live.\nBest regards,\nThe team".into());
    // Up to the blank line, then type there; Chinese goes in one character at a time.
    for _ in 0..3 {
        act(&mut store, &mut a, key(Code::Up));
    }
    act(
        &mut store,
        &mut a,
        Action::Paste("修复已上线，请查收。".into()),
    );
    act(&mut store, &mut a, key(Code::Left));
    act(&mut store, &mut a, key(Code::Left));
    let Mode::Form(form) = &a.mode else { panic!() };
    assert_eq!(
        form.value(UpdateField::Body),
        "Dear Sarah,\n修复已上线，请查收。\nThe fix is live.\nBest regards,\nThe team"
    );
    let t = render(&a);
    insta::assert_snapshot!("update_body_editor_80x24", t.backend());
    // The cursor is drawn reversed on "收" (two columns wide), the 9th character. Only the
    // editor's rows count (the list's selected row behind the form is reversed too).
    let buffer = t.backend().buffer();
    let cursor: Vec<(u16, u16, String)> = buffer
        .content()
        .iter()
        .enumerate()
        .map(|(i, c)| (buffer.pos_of(i), c))
        .filter(|((x, y), c)| {
            (4..20).contains(y) && (10..76).contains(x) && c.modifier.contains(Modifier::REVERSED)
        })
        .map(|((x, y), c)| (x, y, c.symbol().to_string()))
        .collect();
    assert_eq!(cursor.len(), 1, "one cursor: {cursor:?}");
    let (x, y, symbol) = &cursor[0];
    assert_eq!(symbol, "收");
    let line: String = (0..80)
        .map(|col| buffer[(col, *y)].symbol().to_string())
        .collect();
    let before = line.find("修").expect("the Chinese line");
    // Eight wide characters (16 columns) before the cursor; the buffer holds a blank cell
    // after each wide one, so columns are counted by characters there.
    let start = line[..before].chars().count() as u16;
    assert_eq!(*x, start + 16, "{line}");
}
