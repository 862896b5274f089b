//! Pasted text is text: into the focused field or the filter, never keys.

use super::*;

fn paste(a: &mut App, text: &str) -> Vec<Effect> {
    update(a, Action::Paste(text.into()))
}

/// The issue form on the Issues pane with field `field` focused.
fn issue_form_at(field: IssueField) -> App {
    let mut a = on_issues();
    keys(&mut a, "a");
    let Mode::Form(f) = &mut a.mode else { panic!() };
    f.focus = f.position(field).unwrap();
    a
}

fn form(a: &App) -> &Form {
    let Mode::Form(f) = &a.mode else {
        panic!("the form stays open: {:?}", a.mode)
    };
    f
}

#[test]
fn a_paste_into_a_one_line_field_is_one_line_of_text_and_saves_nothing() {
    let mut a = issue_form_at(IssueField::Title);
    let fx = paste(&mut a, "Client call: ok\n\n\n2\r\nx\ty\u{7}\u{1b}");
    assert!(fx.is_empty(), "no save, whatever the newlines: {fx:?}");
    let f = form(&a);
    assert_eq!(f.value(IssueField::Title), "Client call: ok 2 x y");
    assert_eq!(
        f.focus,
        f.position(IssueField::Title).unwrap(),
        "focus stays"
    );
    assert!(f.value(IssueField::Description).is_empty());
}

#[test]
fn a_paste_into_a_text_area_keeps_its_lines() {
    let mut a = issue_form_at(IssueField::Description);
    keys(&mut a, "Seen: ");
    assert!(paste(&mut a, "line one\r\nline two\rline\tthree\u{0}\n").is_empty());
    assert_eq!(
        form(&a).fields[form(&a).focus].value,
        "Seen: line one\nline two\nline three\n"
    );
}

#[test]
fn a_paste_into_a_choice_picks_the_option_it_names_or_changes_nothing() {
    let mut a = issue_form_at(IssueField::Severity);
    paste(&mut a, " Critical\n");
    assert_eq!(form(&a).value(IssueField::Severity), "critical");
    paste(&mut a, "urgent");
    assert_eq!(form(&a).value(IssueField::Severity), "critical");
    assert!(form(&a).error.as_deref().unwrap().contains("paste ignored"));
}

#[test]
fn a_paste_into_the_filter_is_one_line_and_filters() {
    let mut a = on_issues();
    keys(&mut a, "/");
    let fx = paste(&mut a, "log\nin\u{1b}");
    assert_eq!(fx, vec![Effect::Filter(Pane::Issues)]);
    assert_eq!(a.mode, Mode::Filter);
    assert_eq!(a.filter(), "log in");
}

#[test]
fn a_paste_anywhere_else_is_ignored_and_never_acts_as_keys() {
    let mut a = on_issues();
    assert!(paste(&mut a, "x\n").is_empty(), "no archive, no open");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "paste ignored: open a form or a filter first"
    );
    // Not an answer to a question either.
    keys(&mut a, "x");
    assert!(paste(&mut a, "y").is_empty());
    assert!(matches!(a.mode, Mode::Confirm(_)), "still asking");
    // Nor a key in a detail view.
    update(&mut a, Action::Input(Key::ch('n')));
    update(&mut a, Action::Open);
    assert!(paste(&mut a, "e").is_empty());
    assert!(matches!(a.mode, Mode::Detail(_)));
}
