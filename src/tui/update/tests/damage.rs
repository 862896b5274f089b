//! Damaged stored values: the status line warns of each once.

use super::*;
use crate::tui::app::Level;
use crate::tui::effects::Outcome;

#[test]
fn a_damaged_value_is_warned_of_once_in_the_status_line() {
    let mut a = on_issues();
    let first = "unreadable issues.detected_at 'soon' in the file".to_string();
    let second = "unreadable updates.due_at '' in the file".to_string();
    let next = apply(
        &mut a,
        Outcome::Damaged(vec![first.clone(), second.clone()]),
    );
    assert!(next.is_empty());
    let status = a.status.clone().expect("a warning");
    assert_eq!(status.level, Level::Error);
    assert_eq!(status.text, format!("warning: {first}"));
    // The next load reads the same rows again: the note not shown yet comes next.
    apply(
        &mut a,
        Outcome::Damaged(vec![first.clone(), second.clone()]),
    );
    assert_eq!(
        a.status.as_ref().map(|s| s.text.as_str()),
        Some(format!("warning: {second}").as_str())
    );
    // Both shown: a later message is not covered by them again.
    a.info("issue 3 saved");
    apply(&mut a, Outcome::Damaged(vec![first, second]));
    assert_eq!(
        a.status.as_ref().map(|s| s.text.as_str()),
        Some("issue 3 saved")
    );
}
