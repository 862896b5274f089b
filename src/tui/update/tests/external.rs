//! `E` on a selected issue, Ctrl-E in a form, and what comes back from the editor; the
//! in-place editor of long-text fields as the form drives it.

use super::*;
use crate::editor::Edited;
use crate::tui::app::EditInto;
use crate::tui::key::Code;

fn form(a: &App) -> &Form {
    let Mode::Form(f) = &a.mode else {
        panic!("a form is open: {:?}", a.mode)
    };
    f
}

fn press(a: &mut App, key: Key) -> Vec<Effect> {
    let action = action_for_key(a, key).expect("mapped");
    update(a, action)
}

#[test]
fn e_on_an_issue_asks_for_the_editor_and_saves_what_comes_back_through_the_form() {
    let mut a = on_issues();
    a.issues.rows[0].description = "Login fails for SSO users".into();
    assert!(
        keys(&mut a, "E").is_empty(),
        "nothing runs until the loop runs the editor"
    );
    let asked = a.external_edit.clone().expect("the editor is asked for");
    assert_eq!(asked.text, "Login fails for SSO users");
    assert_eq!(asked.stem, "issue-1");
    assert!(matches!(a.mode, Mode::Normal));
    let fx = update(
        &mut a,
        Action::Edited(Ok(Edited::Changed("Tokens expire after 5 min.".into()))),
    );
    let [Effect::Submit(saved)] = fx.as_slice() else {
        panic!("saved as the edit form saves: {fx:?}")
    };
    assert_eq!(saved.kind, FormKind::Issue(Some(1)));
    assert_eq!(
        saved.value(IssueField::Description),
        "Tokens expire after 5 min."
    );
    assert!(saved.changed(IssueField::Description));
    assert!(!saved.changed(IssueField::Title), "only the text changes");
    assert!(a.external_edit.is_none());
}

#[test]
fn unchanged_emptied_or_failed_text_saves_nothing_and_says_so() {
    for (result, said) in [
        (Ok(Edited::Unchanged), "unchanged"),
        (Ok(Edited::Emptied), "empty"),
        (
            Err("could not start the editor 'nope': not found".to_string()),
            "could not start",
        ),
    ] {
        let mut a = on_issues();
        keys(&mut a, "E");
        assert!(update(&mut a, Action::Edited(result)).is_empty());
        let status = a.status.clone().expect("a status line");
        assert!(status.text.contains(said), "{status:?}");
        assert!(matches!(a.mode, Mode::Normal));
        assert!(a.external_edit.is_none());
    }
}

#[test]
fn e_where_there_is_no_long_text_explains_itself() {
    let mut a = app();
    keys(&mut a, "E");
    assert!(a.external_edit.is_none());
    assert!(a.status.expect("said").text.contains("Ctrl-E"));
}

#[test]
fn ctrl_e_in_a_form_fills_the_long_text_field_without_saving() {
    let mut a = on_issues();
    keys(&mut a, "a");
    let at = form(&a).position(IssueField::Description).unwrap();
    let Mode::Form(f) = &mut a.mode else { panic!() };
    f.focus = at;
    keys(&mut a, "Draft");
    assert!(press(&mut a, Key::ctrl('e')).is_empty());
    let asked = a.external_edit.clone().expect("asked");
    assert_eq!(asked.text, "Draft");
    assert_eq!(asked.into, EditInto::Field(at));
    let fx = update(
        &mut a,
        Action::Edited(Ok(Edited::Changed("First line\n第二行".into()))),
    );
    assert!(fx.is_empty(), "the form saves on Ctrl-S, not now");
    assert_eq!(
        form(&a).value(IssueField::Description),
        "First line\n第二行"
    );
    // Typing goes on at the end of the new text.
    keys(&mut a, "!");
    assert_eq!(
        form(&a).value(IssueField::Description),
        "First line\n第二行!"
    );
    // Ctrl-E on a one-line field says where it works.
    let Mode::Form(f) = &mut a.mode else { panic!() };
    f.focus = f.position(IssueField::Title).unwrap();
    press(&mut a, Key::ctrl('e'));
    assert!(a.external_edit.is_none());
    assert!(
        form(&a)
            .error
            .as_deref()
            .unwrap_or("")
            .contains("long-text")
    );
}

#[test]
fn a_long_text_field_edits_in_place_and_arrows_leave_it_at_its_edges() {
    let mut a = on_issues();
    keys(&mut a, "a");
    let at = form(&a).position(IssueField::Description).unwrap();
    let Mode::Form(f) = &mut a.mode else { panic!() };
    f.focus = at;
    keys(&mut a, "world");
    press(&mut a, Key::plain(Code::Home));
    keys(&mut a, "Hello ");
    press(&mut a, Key::plain(Code::End));
    press(&mut a, Key::plain(Code::Enter));
    keys(&mut a, "bye");
    assert_eq!(form(&a).value(IssueField::Description), "Hello world\nbye");
    assert_eq!(
        form(&a).focus,
        at,
        "Enter is a new line, not the next field"
    );
    // ↑ inside the text moves up a line; on the first line it goes to the field above.
    press(&mut a, Key::plain(Code::Up));
    assert_eq!(form(&a).focus, at);
    press(&mut a, Key::plain(Code::Up));
    assert_eq!(form(&a).focus, at - 1);
    // Tab always moves on; a paste lands at the cursor.
    let Mode::Form(f) = &mut a.mode else { panic!() };
    f.focus = at;
    // The cursor is where it was left (first line): ↓ and Home put it before "bye".
    press(&mut a, Key::plain(Code::Down));
    press(&mut a, Key::plain(Code::Home));
    update(&mut a, Action::Paste("Hi! ".into()));
    assert_eq!(
        form(&a).value(IssueField::Description),
        "Hello world\nHi! bye"
    );
    press(&mut a, Key::plain(Code::Tab));
    assert_eq!(form(&a).focus, at + 1);
}
