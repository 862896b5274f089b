//! The communication rules with a fixed clock: deadlines, follow-ups, resolution, status
//! reports, idempotence and respect for what a person edited.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rapport::model::*;
use rapport::store::{self, Listing, Store, UpdateQuery, Window};
use rapport::workflow::{self, Policy, Record, rules};

/// Wednesday 2026-11-18 at `h`:00 UTC.
fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, h, 0, 0).unwrap()
}

fn project(s: &mut Store, p: &Policy, cadence: Option<Cadence>) -> i64 {
    workflow::projects::add_project(
        s,
        at(8),
        p,
        NewProject {
            name: "Portal".into(),
            client: "Northwind".into(),
            status: ProjectStatus::Active,
            cadence,
            channel: Channel::Email,
        },
    )
    .unwrap()
    .record
    .id()
}

fn critical_issue(s: &mut Store, p: &Policy, pid: i64) -> i64 {
    workflow::issues::add(
        s,
        at(9),
        p,
        NewIssue {
            project_id: pid,
            title: "SSO login fails".into(),
            description: String::new(),
            severity: Severity::Critical,
            status: IssueStatus::New,
            detected_at: at(9),
            owner: String::new(),
            our_fault: true,
            cause: String::new(),
            impact: String::new(),
        },
    )
    .unwrap()
    .record
    .id()
}

fn updates_of(s: &Store, issue: i64) -> Vec<Update> {
    UpdateQuery {
        issue_id: Some(issue),
        include_done: true,
        ..Default::default()
    }
    .list(s.conn(), Window::ALL)
    .unwrap()
}

fn pending(s: &Store) -> Vec<Update> {
    UpdateQuery::default().list(s.conn(), Window::ALL).unwrap()
}

#[test]
fn a_critical_issue_at_nine_is_owed_a_notice_by_ten_then_updates_every_four_hours() {
    let p = Policy::standard();
    let mut s = Store::open_in_memory().unwrap();
    let pid = project(&mut s, &p, None);
    let iid = critical_issue(&mut s, &p, pid);

    let queued = updates_of(&s, iid);
    assert_eq!(queued.len(), 1, "exactly one notice");
    assert_eq!(queued[0].kind, UpdateKind::Notice);
    assert_eq!(queued[0].due_at, at(10));
    assert_eq!(queued[0].state, UpdateState::Draft);

    // Re-running the rules changes nothing.
    assert_eq!(rules::apply_all(&mut s, at(9), &p).unwrap(), 0);
    assert_eq!(updates_of(&s, iid).len(), 1);

    workflow::updates::mark_sent(&mut s, at(9), &p, queued[0].id, at(9)).unwrap();
    let issue = store::issues::get(s.conn(), iid).unwrap();
    assert_eq!(issue.client_notified_at, Some(at(9)));
    assert_eq!(issue.next_update_due, Some(at(13)));
    let next: Vec<_> = pending(&s);
    assert_eq!(next.len(), 1);
    assert_eq!(
        (next[0].kind, next[0].due_at),
        (UpdateKind::Progress, at(13))
    );

    // Sending the progress update at 12:00 promises the next for 16:00.
    workflow::updates::mark_sent(&mut s, at(12), &p, next[0].id, at(12)).unwrap();
    let next = pending(&s);
    assert_eq!(
        (next[0].kind, next[0].due_at),
        (UpdateKind::Progress, at(16))
    );
    assert_eq!(
        store::issues::get(s.conn(), iid).unwrap().next_update_due,
        Some(at(16))
    );
    assert_eq!(rules::apply_all(&mut s, at(12), &p).unwrap(), 0);
}

#[test]
fn resolving_queues_one_resolution_and_drops_the_pending_progress_draft() {
    let p = Policy::standard();
    let mut s = Store::open_in_memory().unwrap();
    let pid = project(&mut s, &p, None);
    let iid = critical_issue(&mut s, &p, pid);
    let notice = updates_of(&s, iid)[0].id;
    workflow::updates::mark_sent(&mut s, at(9), &p, notice, at(9)).unwrap();
    let progress = pending(&s)[0].id;

    let (issue, _) = workflow::issues::edit(
        &mut s,
        at(11),
        &p,
        iid,
        IssuePatch {
            status: Some(IssueStatus::Resolved),
            resolution: Some("Certificate renewed".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(issue.resolved_at, Some(at(11)));
    assert_eq!(
        store::updates::get(s.conn(), progress).unwrap().state,
        UpdateState::Skipped
    );
    let left = pending(&s);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].kind, UpdateKind::Resolution);
    assert_eq!(left[0].due_at, at(12), "within the first-contact deadline");
    assert!(
        left[0].body.contains("Certificate renewed"),
        "{}",
        left[0].body
    );
    assert_eq!(rules::apply_all(&mut s, at(12), &p).unwrap(), 0);
    assert_eq!(pending(&s).len(), 1);
}

#[test]
fn a_weekly_project_gets_one_status_report_per_week_and_no_more() {
    let p = Policy::standard(); // reports on Friday at 15:00
    let mut s = Store::open_in_memory().unwrap();
    let pid = project(&mut s, &p, Some(Cadence::Weekly));
    let friday = Utc.with_ymd_and_hms(2026, 11, 20, 15, 0, 0).unwrap();
    for week in 0..4 {
        for _ in 0..3 {
            rules::apply_all(&mut s, at(9) + Duration::weeks(week), &p).unwrap();
        }
        let queue = pending(&s);
        assert_eq!(queue.len(), 1, "week {week}: one report queued");
        assert_eq!(queue[0].kind, UpdateKind::Status);
        assert_eq!(queue[0].due_at, friday + Duration::weeks(week));
        let sent_at = queue[0].due_at - Duration::hours(1);
        workflow::updates::mark_sent(&mut s, sent_at, &p, queue[0].id, sent_at).unwrap();
    }
    let all = UpdateQuery {
        project_id: Some(pid),
        include_done: true,
        ..Default::default()
    }
    .count(s.conn())
    .unwrap();
    assert_eq!(all, 5, "four sent and the fifth queued");
}

#[test]
fn an_edited_draft_survives_rule_reruns_and_refreshes() {
    let p = Policy::standard();
    let mut s = Store::open_in_memory().unwrap();
    let pid = project(&mut s, &p, None);
    let iid = critical_issue(&mut s, &p, pid);
    let notice = updates_of(&s, iid)[0].clone();
    assert!(
        notice.body.contains("This one is our fault"),
        "drafted: {}",
        notice.body
    );
    workflow::updates::edit(
        &mut s,
        at(9),
        notice.id,
        UpdatePatch {
            body: Some("My own words.".into()),
            ..Default::default()
        },
    )
    .unwrap();
    // New facts that would change the draft.
    workflow::issues::edit(
        &mut s,
        at(9),
        &p,
        iid,
        IssuePatch {
            cause: Some("Expired certificate".into()),
            ..Default::default()
        },
    )
    .unwrap();
    rules::apply_all(&mut s, at(9), &p).unwrap();
    let after = workflow::updates::refresh_draft(&mut s, at(9), &p, notice.id).unwrap();
    assert_eq!(after.body, "My own words.");
    assert_eq!(updates_of(&s, iid).len(), 1, "no second notice");

    // An untouched draft, by contrast, picks up the new facts.
    let other = critical_issue(&mut s, &p, pid);
    workflow::issues::edit(
        &mut s,
        at(9),
        &p,
        other,
        IssuePatch {
            cause: Some("A cause found later".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let id = updates_of(&s, other)[0].id;
    let fresh = workflow::updates::refresh_draft(&mut s, at(9), &p, id).unwrap();
    assert!(fresh.body.contains("A cause found later"), "{}", fresh.body);
}

#[test]
fn undoing_an_issue_also_takes_back_the_notice_the_rules_queued() {
    let p = Policy::standard();
    let mut s = Store::open_in_memory().unwrap();
    let pid = project(&mut s, &p, None);
    let done = workflow::issues::add(
        &mut s,
        at(9),
        &p,
        NewIssue {
            project_id: pid,
            title: "oops".into(),
            description: String::new(),
            severity: Severity::High,
            status: IssueStatus::New,
            detected_at: at(9),
            owner: String::new(),
            our_fault: false,
            cause: String::new(),
            impact: String::new(),
        },
    )
    .unwrap();
    assert_eq!(pending(&s).len(), 1);
    workflow::undo::apply(&mut s, at(9), &done.undo).unwrap();
    assert!(pending(&s).is_empty());
    assert!(matches!(done.record, Record::Issue(_)));
}
