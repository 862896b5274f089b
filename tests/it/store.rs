//! The store through the library: migrations, pragmas, round trips, history, refusals.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rapport::model::*;
use rapport::store::{self, IssueQuery, Listing, Store, Window};
use rapport::workflow::{self, Policy, Record};

fn t(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, h, 0, 0).unwrap()
}

fn with_project(store: &mut Store) -> i64 {
    workflow::projects::add_project(
        store,
        t(8),
        &Policy::standard(),
        NewProject {
            name: "Portal".into(),
            client: "Northwind".into(),
            status: ProjectStatus::Active,
            cadence: Some(Cadence::Biweekly),
            channel: Channel::Chat,
        },
    )
    .unwrap()
    .record
    .id()
}

#[test]
fn an_empty_file_is_migrated_with_durable_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.sqlite3");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    let conn = store.conn();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let sync: i64 = conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(sync, 2, "FULL");
    assert_eq!(fk, 1);
    assert_eq!(version, store::schema_version());
    // Readable names for people who query their own data.
    let cols: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('issues')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for c in [
        "title",
        "severity",
        "client_notified_at",
        "next_update_due",
        "our_fault",
    ] {
        assert!(cols.iter().any(|x| x == c), "{c} in {cols:?}");
    }
    drop(store);
    // Opening again is a no-op migration.
    Store::open(&path).unwrap();
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite3");
    drop(Store::open(&path).unwrap());
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(
        matches!(
            err,
            rapport::Error::TooNew {
                found: 99,
                known,
                ..
            } if known == store::schema_version()
        ),
        "{err}"
    );
    assert_eq!(err.exit_code(), 1);
}

#[test]
fn every_entity_round_trips() {
    let mut s = Store::open_in_memory().unwrap();
    let pid = with_project(&mut s);
    let project = store::projects::get_project(s.conn(), pid).unwrap();
    assert_eq!(project.client, "Northwind");
    assert_eq!(project.cadence, Some(Cadence::Biweekly));
    assert_eq!(project.channel, Channel::Chat);
    assert_eq!(
        store::projects::project_by_key(s.conn(), "portal")
            .unwrap()
            .id,
        pid
    );
    assert_eq!(
        store::projects::project_by_key(s.conn(), &pid.to_string())
            .unwrap()
            .id,
        pid
    );

    let cid = workflow::projects::add_contact(
        &mut s,
        t(8),
        NewContact {
            client: "Northwind".into(),
            name: "王芳".into(),
            role: "产品负责人".into(),
            email: "wang@example.cn".into(),
            phone: "+86 21 5555 0000".into(),
            channel: Some(Channel::Phone),
        },
    )
    .unwrap();
    let c = store::projects::get_contact(s.conn(), cid).unwrap();
    assert_eq!(
        (c.name.as_str(), c.phone.as_str(), c.channel),
        ("王芳", "+86 21 5555 0000", Some(Channel::Phone))
    );

    let new = NewIssue {
        project_id: pid,
        title: "转账页面白屏".into(),
        description: "line one\nline two".into(),
        severity: Severity::High,
        status: IssueStatus::Investigating,
        detected_at: t(7),
        owner: "Li".into(),
        our_fault: true,
        cause: "cause".into(),
        impact: "impact".into(),
    };
    let Record::Issue(iid) = workflow::issues::add(&mut s, t(8), &Policy::standard(), new.clone())
        .unwrap()
        .record
    else {
        panic!()
    };
    workflow::issues::add_option(&mut s, t(8), iid, "Roll back", "1h", "fast").unwrap();
    let issue = store::issues::get(s.conn(), iid).unwrap();
    assert_eq!(issue.title, new.title);
    assert_eq!(issue.description, new.description);
    assert_eq!(issue.severity, new.severity);
    assert_eq!(issue.status, new.status);
    assert_eq!(issue.detected_at, new.detected_at);
    assert_eq!(issue.owner, "Li");
    assert!(issue.our_fault);
    assert_eq!(issue.options[0].text, "Roll back");
    assert_eq!(issue.created_at, t(8));
    let listed = IssueQuery::default().list(s.conn(), Window::ALL).unwrap();
    assert_eq!(
        listed,
        vec![issue.clone()],
        "list and get agree, options included"
    );

    let Record::Update(uid) = workflow::updates::add(
        &mut s,
        t(8),
        &Policy::standard(),
        NewUpdate {
            project_id: pid,
            issue_id: Some(iid),
            kind: UpdateKind::Notice,
            channel: Channel::Email,
            contact_id: Some(cid),
            subject: "通知".into(),
            body: "正文".into(),
            due_at: t(9),
            state: UpdateState::Ready,
            rule_key: Some("custom:1".into()),
        },
    )
    .unwrap()
    .record
    else {
        panic!()
    };
    let u = store::updates::get(s.conn(), uid).unwrap();
    assert_eq!(
        (u.kind, u.channel, u.state, u.due_at),
        (UpdateKind::Notice, Channel::Email, UpdateState::Ready, t(9))
    );
    assert_eq!(u.audience, "王芳");
    assert_eq!(u.rule_key.as_deref(), Some("custom:1"));
    assert_eq!(
        store::updates::by_rule_key(s.conn(), "custom:1")
            .unwrap()
            .map(|u| u.id),
        Some(uid)
    );

    let Record::Log(lid) = workflow::log::add(
        &mut s,
        t(8),
        &Policy::standard(),
        NewLogEntry {
            project_id: pid,
            at: t(6),
            direction: Direction::In,
            channel: Channel::Phone,
            kind: LogKind::Complaint,
            summary: "angry call".into(),
            sentiment: -2,
            issue_id: Some(iid),
            expectation_id: None,
            update_id: None,
        },
    )
    .unwrap()
    .record
    else {
        panic!()
    };
    let l = store::log::get(s.conn(), lid).unwrap();
    assert_eq!(
        (l.at, l.direction, l.kind, l.sentiment, l.issue_id),
        (t(6), Direction::In, LogKind::Complaint, -2, Some(iid))
    );

    let due = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let Record::Expectation(eid) = workflow::expectations::add(
        &mut s,
        t(8),
        NewExpectation {
            project_id: pid,
            category: ExpectationCategory::Acceptance,
            statement: "99% of records clean".into(),
            measure: "audit of 1,000 records".into(),
            status: ExpectationStatus::Agreed,
            agreed_on: Some(due),
            agreed_with: "Sarah".into(),
            due_on: Some(due),
        },
    )
    .unwrap()
    .record
    else {
        panic!()
    };
    let e = store::expectations::get(s.conn(), eid).unwrap();
    assert_eq!(
        (e.category, e.status, e.due_on, e.agreed_on),
        (
            ExpectationCategory::Acceptance,
            ExpectationStatus::Agreed,
            Some(due),
            Some(due)
        )
    );
    assert_eq!(e.measure, "audit of 1,000 records");
    assert_eq!(e.revisions.len(), 1);
}

#[test]
fn expectation_history_is_appended_never_rewritten_and_undo_is_recorded_too() {
    let mut s = Store::open_in_memory().unwrap();
    let pid = with_project(&mut s);
    let Record::Expectation(eid) = workflow::expectations::add(
        &mut s,
        t(8),
        NewExpectation {
            project_id: pid,
            category: ExpectationCategory::Schedule,
            statement: "Live on the 1st".into(),
            measure: String::new(),
            status: ExpectationStatus::Agreed,
            agreed_on: None,
            agreed_with: String::new(),
            due_on: None,
        },
    )
    .unwrap()
    .record
    else {
        panic!()
    };
    let (_, done) = workflow::expectations::edit(
        &mut s,
        t(9),
        eid,
        ExpectationPatch {
            status: Some(ExpectationStatus::AtRisk),
            ..Default::default()
        },
        "supplier late",
    )
    .unwrap();
    let (e, _) = workflow::expectations::edit(
        &mut s,
        t(10),
        eid,
        ExpectationPatch {
            statement: Some("Live on the 3rd".into()),
            status: Some(ExpectationStatus::Changed),
            ..Default::default()
        },
        "client agreed to two more days",
    )
    .unwrap();
    let steps: Vec<_> = e
        .revisions
        .iter()
        .map(|r| (r.at, r.status_from, r.status_to, r.reason.as_str()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (t(8), None, ExpectationStatus::Agreed, "recorded"),
            (
                t(9),
                Some(ExpectationStatus::Agreed),
                ExpectationStatus::AtRisk,
                "supplier late"
            ),
            (
                t(10),
                Some(ExpectationStatus::AtRisk),
                ExpectationStatus::Changed,
                "client agreed to two more days"
            ),
        ]
    );
    assert_eq!(
        e.revisions[2].statement_from.as_deref(),
        Some("Live on the 1st")
    );

    // Undoing the first edit restores its "before" and says so in the history.
    workflow::undo::apply(&mut s, t(11), &done.undo).unwrap();
    let e = store::expectations::get(s.conn(), eid).unwrap();
    assert_eq!(e.status, ExpectationStatus::Agreed);
    assert_eq!(e.statement, "Live on the 1st");
    assert_eq!(e.revisions.len(), 4);
    assert_eq!(e.revisions[3].reason, "undo of the previous change");
}

#[test]
fn archive_hides_and_undo_restores() {
    let mut s = Store::open_in_memory().unwrap();
    let pid = with_project(&mut s);
    let Record::Issue(iid) = workflow::issues::add(
        &mut s,
        t(8),
        &Policy::standard(),
        NewIssue {
            project_id: pid,
            title: "x".into(),
            description: String::new(),
            severity: Severity::Low,
            status: IssueStatus::New,
            detected_at: t(8),
            owner: String::new(),
            our_fault: false,
            cause: String::new(),
            impact: String::new(),
        },
    )
    .unwrap()
    .record
    else {
        panic!()
    };
    let q = IssueQuery::default();
    let done = workflow::undo::archive(&mut s, t(9), Record::Issue(iid)).unwrap();
    assert_eq!(q.count(s.conn()).unwrap(), 0);
    assert!(store::issues::get(s.conn(), iid).unwrap().archived);
    workflow::undo::apply(&mut s, t(10), &done.undo).unwrap();
    assert_eq!(q.count(s.conn()).unwrap(), 1);
}

#[test]
fn a_failed_multi_row_change_leaves_nothing_behind() {
    let mut s = Store::open_in_memory().unwrap();
    let pid = with_project(&mut s);
    let before = s.counts().unwrap();
    let err = s.write(|tx| {
        store::issues::insert_issue(
            tx,
            &NewIssue {
                project_id: pid,
                title: "first row".into(),
                description: String::new(),
                severity: Severity::Low,
                status: IssueStatus::New,
                detected_at: t(8),
                owner: String::new(),
                our_fault: false,
                cause: String::new(),
                impact: String::new(),
            },
            t(8),
        )?;
        store::issues::get(tx, 999).map(|_| ())
    });
    assert!(err.is_err());
    assert_eq!(s.counts().unwrap(), before);
}
