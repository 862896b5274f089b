//! The live-row totals the list panes show come from `live_counts`, kept by triggers: they
//! must equal a count of the rows after inserts, archives, undos and plain SQL.

use chrono::{DateTime, TimeZone, Utc};
use rapport::model::*;
use rapport::store::{ExpectationQuery, IssueQuery, Listing, LogQuery, Store};
use rapport::workflow::{self, Policy, Record, demo};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

/// (the pane's total, a count of the rows) for issues, expectations and the log.
fn totals(s: &Store) -> Vec<(usize, i64)> {
    let c = s.conn();
    let counted = |table: &str| -> i64 {
        c.query_row(
            &format!("SELECT count(*) FROM {table} WHERE archived_at IS NULL"),
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let all_issues = IssueQuery {
        include_closed: true,
        ..Default::default()
    };
    let all_expectations = ExpectationQuery {
        include_settled: true,
        ..Default::default()
    };
    vec![
        (all_issues.count(c).unwrap(), counted("issues")),
        (all_expectations.count(c).unwrap(), counted("expectations")),
        (
            LogQuery::default().count(c).unwrap(),
            counted("log_entries"),
        ),
    ]
}

fn same(s: &Store, when: &str) {
    for (shown, counted) in totals(s) {
        assert_eq!(shown as i64, counted, "{when}: {:?}", totals(s));
    }
}

#[test]
fn list_totals_follow_inserts_archives_undos_and_plain_sql() {
    let mut s = Store::open_in_memory().unwrap();
    let p = Policy::standard();
    demo::fill(&mut s, now(), &p, demo::Scale::Small).unwrap();
    same(&s, "after the demo");
    let before = totals(&s);
    let project = s
        .conn()
        .query_row("SELECT min(id) FROM projects", [], |r| r.get(0))
        .unwrap();
    let id = workflow::issues::add(
        &mut s,
        now(),
        &p,
        NewIssue {
            project_id: project,
            title: "Totals".into(),
            description: String::new(),
            severity: Severity::Low,
            status: IssueStatus::New,
            detected_at: now(),
            owner: String::new(),
            our_fault: false,
            cause: String::new(),
            impact: String::new(),
        },
    )
    .unwrap()
    .record
    .id();
    same(&s, "after an add");
    assert_eq!(totals(&s)[0].0, before[0].0 + 1);
    workflow::undo::archive(&mut s, now(), Record::Issue(id)).unwrap();
    same(&s, "after an archive");
    assert_eq!(totals(&s)[0].0, before[0].0);
    s.undo_last().unwrap().unwrap();
    same(&s, "after the undo");
    assert_eq!(totals(&s)[0].0, before[0].0 + 1);
    // A change made with plain SQL (another tool on the file) is counted as well.
    s.conn()
        .execute_batch(
            "UPDATE log_entries SET archived_at = '2026-11-18T09:00:00Z' WHERE id IN (SELECT id FROM log_entries LIMIT 3);
             UPDATE expectations SET archived_at = '2026-11-18T09:00:00Z' WHERE id = (SELECT min(id) FROM expectations);
             UPDATE log_entries SET archived_at = '2026-11-19T09:00:00Z' WHERE archived_at IS NOT NULL;",
        )
        .unwrap();
    same(&s, "after plain SQL");
    assert_eq!(totals(&s)[2].0, before[2].0 - 3);
}
