//! The field engine and the forms, keyed in as a user would.

use super::*;
use chrono::{DateTime, TimeZone, Utc};

use crate::model::when::Zone;
use crate::tui::key::{Code, Key};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}
const UTC: Zone = Zone::UTC;

fn typed(form: &mut Form, text: &str) {
    for c in text.chars() {
        form.key(Key::ch(c), now(), UTC);
    }
}

#[test]
fn a_bad_date_is_flagged_as_you_type_and_clears_when_fixed() {
    let mut f = Form::new_project();
    let mut issue = Form::issue(&[], None, None, UTC);
    issue.focus = issue.position(IssueField::Detected).unwrap();
    issue.fields[issue.focus].value.clear();
    typed(&mut issue, "fri 25");
    assert!(
        issue.fields[issue.focus]
            .error
            .as_deref()
            .unwrap()
            .contains("invalid time")
    );
    typed(&mut issue, ":00");
    assert!(
        issue.fields[issue.focus]
            .error
            .as_deref()
            .unwrap()
            .contains("invalid time")
    );
    issue.key(Key::plain(Code::Backspace), now(), UTC);
    issue.key(Key::plain(Code::Backspace), now(), UTC);
    issue.key(Key::plain(Code::Backspace), now(), UTC);
    issue.key(Key::plain(Code::Backspace), now(), UTC);
    issue.key(Key::plain(Code::Backspace), now(), UTC);
    typed(&mut issue, "14:00");
    assert_eq!(issue.fields[issue.focus].value, "fri 14:00");
    assert_eq!(issue.fields[issue.focus].error, None);
    // Required fields complain only on save.
    assert!(!f.check_all(now(), UTC));
    assert_eq!(f.fields[0].error.as_deref(), Some("required"));
}

#[test]
fn choices_cycle_and_jump_by_letter() {
    let mut f = Form::issue(&[], None, None, UTC);
    f.focus = 2; // severity
    assert_eq!(f.fields[2].value, "medium");
    f.key(Key::plain(Code::Right), now(), UTC);
    assert_eq!(f.fields[2].value, "low");
    f.key(Key::plain(Code::Right), now(), UTC);
    assert_eq!(f.fields[2].value, "critical");
    f.key(Key::ch('h'), now(), UTC);
    assert_eq!(f.fields[2].value, "high");
    f.key(Key::plain(Code::Backspace), now(), UTC);
    assert_eq!(f.fields[2].value, "high", "backspace cannot empty a choice");
}

#[test]
fn enter_moves_on_adds_lines_in_text_areas_and_saves_on_the_last_field() {
    let mut f = Form::new_project();
    assert_eq!(f.key(Key::plain(Code::Enter), now(), UTC), FormEvent::None);
    assert_eq!(f.focus, 1);
    f.focus = f.fields.len() - 1;
    assert_eq!(f.key(Key::plain(Code::Enter), now(), UTC), FormEvent::Save);
    assert_eq!(f.key(Key::ctrl('s'), now(), UTC), FormEvent::Save);
    assert_eq!(f.key(Key::plain(Code::Esc), now(), UTC), FormEvent::Cancel);
    let mut i = Form::issue(&[], None, None, UTC);
    i.focus = 5; // description
    typed(&mut i, "a");
    i.key(Key::plain(Code::Enter), now(), UTC);
    typed(&mut i, "b");
    assert_eq!(i.fields[5].value, "a\nb");
}

#[test]
fn library_refusals_land_on_their_field() {
    let mut f = Form::new_project();
    f.set_error(f.kind.field_for("project name"), "taken".into());
    assert_eq!(f.fields[0].error.as_deref(), Some("taken"));
    f.set_error(f.kind.field_for("something else"), "boom".into());
    assert_eq!(f.error.as_deref(), Some("boom"));
}

/// Eight hours east of UTC: wall-clock times differ from the stored UTC ones.
fn plus_eight() -> Zone {
    Zone::Fixed(chrono::FixedOffset::east_opt(8 * 3600).unwrap())
}

#[test]
fn an_edit_form_shows_its_times_in_the_apps_zone_as_the_parser_reads_them() {
    use crate::model::{Issue, IssueStatus, Severity};
    let detected = Utc.with_ymd_and_hms(2026, 11, 23, 6, 25, 41).unwrap();
    let issue = Issue {
        id: 4,
        project_id: 1,
        project: "Portal".into(),
        title: "Login fails".into(),
        description: String::new(),
        severity: Severity::High,
        status: IssueStatus::New,
        detected_at: detected,
        owner: String::new(),
        cause: String::new(),
        impact: String::new(),
        our_fault: false,
        client_notified_at: None,
        next_update_due: Some(Utc.with_ymd_and_hms(2026, 11, 24, 1, 0, 0).unwrap()),
        resolved_at: None,
        resolution: String::new(),
        lessons: String::new(),
        prevention: String::new(),
        options: vec![],
        archived: false,
        created_at: detected,
        updated_at: detected,
    };
    let portal = crate::model::Project {
        id: 1,
        client_id: 1,
        client: "Northwind".into(),
        name: "Portal".into(),
        status: crate::model::ProjectStatus::Active,
        cadence: None,
        channel: crate::model::Channel::Email,
        created_at: detected,
    };
    let f = Form::issue(&[portal], None, Some(&issue), plus_eight());
    assert_eq!(f.value(IssueField::Detected), "2026-11-23 14:25");
    assert_eq!(f.value(IssueField::NextUpdate), "2026-11-24 09:00");
    // The text reads back, in the same zone, as the same minute.
    let back = plus_eight()
        .parse_when(f.value(IssueField::Detected), now())
        .unwrap();
    assert_eq!(back, Utc.with_ymd_and_hms(2026, 11, 23, 6, 25, 0).unwrap());
    assert!(!f.changed(IssueField::Detected));
    for field in &f.fields {
        assert!(!field.value.contains("+00:00"), "{field:?}");
        assert_eq!(field.check(now(), plus_eight()), None, "{field:?}");
    }
}
