//! Volume: the panes' windows show exactly the rows a full query returns, the window
//! queries never scan a whole table, and the FTS indexes follow every change.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use rapport::clock::Clock;
use rapport::config::Config;
use rapport::model::*;
use rapport::store::window::RANK_LIMIT;
use rapport::store::{
    self, ExpectationQuery, IssueQuery, Key, Listing, LogQuery, Page, Store, UpdateQuery, Window,
};
use rapport::tui::action::Action;
use rapport::tui::app::{App, Pane, PlanSection, Zone};
use rapport::tui::effects::{Effect, Effects};
use rapport::tui::key::{Code, Key as Press};
use rapport::tui::{start, update};
use rapport::workflow::{self, Policy, Record, demo, search};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

/// The `large` demo: 10,000 issues, 30,000 updates, 5,000 expectations, 100,000 log entries.
fn volume() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    demo::fill(&mut s, now(), &Policy::standard(), demo::Scale::Large).unwrap();
    s
}

/// The ids of the first RANK_LIMIT rows of a list from `page`.
fn window_ids<Q: Listing>(conn: &rusqlite::Connection, q: &Q, page: &Page) -> Vec<i64> {
    q.window(conn, page, RANK_LIMIT)
        .unwrap()
        .iter()
        .map(Q::id)
        .collect()
}

/// The ids of a whole list, read in one query: what paging must reproduce.
fn all_ids<Q: Listing>(conn: &rusqlite::Connection, q: Q) -> Vec<i64> {
    q.list(conn, Window::ALL)
        .unwrap()
        .iter()
        .map(Q::id)
        .collect()
}

fn act(store: &mut Store, app: &mut App, action: Action) {
    thread_local! {
        static POLICY: Policy = Policy::standard();
    }
    let effects = update::update(app, action);
    POLICY.with(|policy| {
        let mut fx = Effects {
            store,
            clock: Clock::Fixed(now()),
            policy,
        };
        rapport::tui::run_effects(&mut fx, app, effects);
        rapport::tui::run_waiting(&mut fx, app);
    });
    assert!(
        app.status
            .as_ref()
            .is_none_or(|s| s.level != rapport::tui::app::Level::Error),
        "{:?}",
        app.status
    );
}

/// The ids the pane shows while paging with `step` until the selection stops moving.
fn walk(
    store: &mut Store,
    app: &mut App,
    step: Action,
    ids: impl Fn(&App) -> Vec<i64>,
    sel: impl Fn(&App) -> usize,
) -> Vec<i64> {
    let mut seen: Vec<(usize, i64)> = Vec::new();
    let mut last = usize::MAX;
    loop {
        let rows = ids(app);
        let offset = sel(app);
        seen.extend(rows.iter().enumerate().map(|(i, id)| (offset + i, *id)));
        act(store, app, step.clone());
        let now_at = sel(app);
        if now_at == last {
            break;
        }
        last = now_at;
    }
    seen.sort();
    seen.dedup();
    // Every position shows one id, whichever window it was seen in.
    for w in seen.windows(2) {
        assert!(
            w[0].0 != w[1].0 || w[0].1 == w[1].1,
            "position {} showed {} and {}",
            w[0].0,
            w[0].1,
            w[1].1
        );
    }
    seen.into_iter().map(|(_, id)| id).collect()
}

#[test]
fn paging_through_every_pane_shows_exactly_the_full_list() {
    let mut s = volume();
    let zone = Zone::Fixed(FixedOffset::east_opt(0).unwrap());
    let mut app = start(
        &mut s,
        &Config::default(),
        Clock::Fixed(now()),
        zone,
        (120, 30),
    )
    .unwrap();
    let conn_ids = |s: &Store, pane: Pane| -> Vec<i64> {
        let c = s.conn();
        match pane {
            Pane::Issues => all_ids(
                c,
                IssueQuery {
                    include_closed: true,
                    ..Default::default()
                },
            ),
            Pane::Queue => all_ids(c, UpdateQuery::default()),
            Pane::Expectations => all_ids(
                c,
                ExpectationQuery {
                    include_settled: true,
                    ..Default::default()
                },
            ),
            Pane::Log => all_ids(c, LogQuery::default()),
            Pane::Today | Pane::Plan | Pane::Insights => vec![],
        }
    };
    for (n, pane) in [
        (1, Pane::Issues),
        (2, Pane::Queue),
        (3, Pane::Expectations),
        (4, Pane::Log),
    ] {
        act(&mut s, &mut app, Action::GoPane(n));
        let full = conn_ids(&s, pane);
        assert!(full.len() > 100, "{pane:?} has volume");
        check_paging(&mut s, &mut app, pane, &full);
    }

    // Filtered: a small match set ranked best first, a large one newest first up to the
    // count's cap, and a 2-character filter (a substring of the newest rows).
    let c = s.conn();
    let rare = IssueQuery {
        include_closed: true,
        text: Some("sync".into()),
        ..Default::default()
    };
    let ranked = window_ids(c, &rare, &Page::Ranked(0));
    let common = LogQuery {
        text: Some("gateway".into()),
        ..Default::default()
    };
    let newest = window_ids(c, &common, &Page::First);
    let short = LogQuery {
        text: Some("白屏".into()),
        ..Default::default()
    };
    let substring = window_ids(c, &short, &Page::First);
    assert!(
        ranked.len() > 30 && ranked.len() < RANK_LIMIT,
        "{}",
        ranked.len()
    );
    let mut by_id = ranked.clone();
    by_id.sort_by(|a, b| b.cmp(a));
    assert_ne!(ranked, by_id, "the ranking differs from newest first");
    assert_eq!(newest.len(), RANK_LIMIT);
    assert!(substring.len() > 100, "{}", substring.len());
    for (n, pane, text, full, best_first) in [
        (1, Pane::Issues, "sync", &ranked, true),
        (4, Pane::Log, "gateway", &newest, false),
        (4, Pane::Log, "白屏", &substring, false),
    ] {
        act(&mut s, &mut app, Action::GoPane(n));
        act(&mut s, &mut app, Action::Back);
        act(&mut s, &mut app, Action::Filter);
        for ch in text.chars() {
            act(&mut s, &mut app, Action::Input(Press::ch(ch)));
        }
        act(&mut s, &mut app, Action::Input(Press::plain(Code::Enter)));
        let (is_ranked, total) = match pane {
            Pane::Issues => (app.issues.ranked, app.issues.total),
            _ => (app.log.ranked, app.log.total),
        };
        assert_eq!(is_ranked, best_first, "{text}");
        assert_eq!(
            total,
            full.len(),
            "{text}: the count (capped at {RANK_LIMIT})"
        );
        check_paging(&mut s, &mut app, pane, full);
    }

    // A jump (after saving a record, or from Today) lands on the record with a full window
    // around it, however deep it is, and the filter is cleared.
    let full = conn_ids(&s, Pane::Log);
    let page = app.page();
    for pos in [0, 1, full.len() / 2, full.len() - 3, full.len() - 1] {
        let policy = Policy::standard();
        rapport::tui::run_effects(
            &mut Effects {
                store: &mut s,
                clock: Clock::Fixed(now()),
                policy: &policy,
            },
            &mut app,
            vec![Effect::Jump(Record::Log(full[pos]))],
        );
        assert_eq!((app.pane, app.log.filter.as_str()), (Pane::Log, ""));
        assert_eq!(app.log.selected, pos);
        assert_eq!(app.log.selected_row().map(|l| l.id), Some(full[pos]));
        let o = app.log.offset;
        let shown: Vec<i64> = app.log.rows.iter().map(|l| l.id).collect();
        assert_eq!(shown.len(), page, "a full window at {pos}");
        assert_eq!(shown, full[o..o + page].to_vec(), "the window at {pos}");
        // And the next page down continues from there.
        act(&mut s, &mut app, Action::PageDown);
        let o = app.log.offset;
        let shown: Vec<i64> = app.log.rows.iter().map(|l| l.id).collect();
        assert_eq!(shown, full[o..o + shown.len()].to_vec());
    }
}

/// Pages down to the end, back up to the top, jumps to the end and walks up line by line
/// across window edges: every position shows the row the full list has there.
pub(crate) fn check_paging(s: &mut Store, app: &mut App, pane: Pane, full: &[i64]) {
    let ids = |a: &App| -> Vec<i64> {
        match pane {
            Pane::Issues => a.issues.rows.iter().map(|r| r.id).collect(),
            Pane::Queue => a.queue.rows.iter().map(|r| r.id).collect(),
            Pane::Expectations => a.expectations.rows.iter().map(|r| r.id).collect(),
            Pane::Log => a.log.rows.iter().map(|r| r.id).collect(),
            Pane::Plan => match a.plan.section {
                PlanSection::Milestones => a.plan.milestones.rows.iter().map(|r| r.id).collect(),
                PlanSection::Risks => a.plan.risks.rows.iter().map(|r| r.id).collect(),
                PlanSection::CommPlan => a.plan.entries.rows.iter().map(|r| r.id).collect(),
                PlanSection::Meetings => a.plan.meetings.rows.iter().map(|r| r.id).collect(),
                PlanSection::Actions => a.plan.actions.rows.iter().map(|r| r.id).collect(),
                PlanSection::Reviews => a.plan.reviews.rows.iter().map(|r| r.id).collect(),
                PlanSection::People => a.plan.people.rows.iter().map(|r| r.contact.id).collect(),
                PlanSection::Clients => a.plan.clients.rows.iter().map(|r| r.id).collect(),
            },
            Pane::Today | Pane::Insights => vec![],
        }
    };
    let offset = |a: &App| -> usize {
        match pane {
            Pane::Issues => a.issues.offset,
            Pane::Queue => a.queue.offset,
            Pane::Expectations => a.expectations.offset,
            Pane::Log => a.log.offset,
            Pane::Plan => a.plan.view().offset,
            Pane::Today | Pane::Insights => 0,
        }
    };
    let filter = app.filter().to_string();
    let down = walk(s, app, Action::PageDown, ids, offset);
    assert_eq!(down, full, "{pane:?} /{filter} paging down");
    let up = walk(s, app, Action::PageUp, ids, offset);
    assert_eq!(up, full, "{pane:?} /{filter} paging up from the end");
    act(s, app, Action::Bottom);
    assert_eq!(
        ids(app).last(),
        full.last(),
        "{pane:?} /{filter} G shows the last row"
    );
    for _ in 0..40 {
        act(s, app, Action::Up);
    }
    let o = offset(app);
    assert_eq!(
        ids(app),
        full[o..o + ids(app).len()].to_vec(),
        "{pane:?} /{filter} after k×40"
    );
    act(s, app, Action::Top);
    assert_eq!(ids(app), full[..ids(app).len()].to_vec());
}

#[test]
fn window_queries_read_an_index_range_never_the_whole_table() {
    let s = volume();
    let conn = s.conn();
    let plan = |q: &store::window::Query| -> Vec<String> {
        let mut stmt = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", q.sql))
            .unwrap();
        stmt.query_map(rusqlite::params_from_iter(q.params.clone()), |r| {
            r.get::<_, String>(3)
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    let check = |what: &str, q: store::window::Query| {
        let p = plan(&q);
        for line in &p {
            let full_scan = line.starts_with("SCAN ") && !line.contains("VIRTUAL TABLE");
            assert!(!full_scan, "{what}: full scan in {p:?}\n{}", q.sql);
            assert!(
                !line.contains("TEMP B-TREE"),
                "{what}: sorts the table in {p:?}\n{}",
                q.sql
            );
        }
    };
    let issue = IssueQuery::default()
        .list(conn, Window::new(0, 1))
        .unwrap()
        .remove(0);
    let update = UpdateQuery::default()
        .list(conn, Window::new(0, 1))
        .unwrap()
        .remove(0);
    let expectation = ExpectationQuery {
        include_settled: true,
        ..Default::default()
    }
    .list(conn, Window::new(0, 1))
    .unwrap()
    .remove(0);
    let entry = LogQuery::default()
        .list(conn, Window::new(0, 1))
        .unwrap()
        .remove(0);
    for text in [None, Some("checkout".to_string()), Some("白屏".to_string())] {
        let iq = IssueQuery {
            include_closed: true,
            text: text.clone(),
            ..Default::default()
        };
        let uq = UpdateQuery {
            text: text.clone(),
            ..Default::default()
        };
        let eq = ExpectationQuery {
            include_settled: true,
            text: text.clone(),
            ..Default::default()
        };
        let lq = LogQuery {
            text: text.clone(),
            ..Default::default()
        };
        let pages = |k: Key| {
            vec![
                Page::First,
                Page::Last,
                Page::From(k.clone()),
                Page::After(k.clone()),
                Page::Before(k),
            ]
        };
        for p in pages(iq.key(&issue)) {
            check(&format!("issues {text:?} {p:?}"), iq.window_query(&p, 30));
        }
        for p in pages(uq.key(&update)) {
            check(&format!("updates {text:?} {p:?}"), uq.window_query(&p, 30));
        }
        for p in pages(eq.key(&expectation)) {
            check(
                &format!("expectations {text:?} {p:?}"),
                eq.window_query(&p, 30),
            );
        }
        for p in pages(lq.key(&entry)) {
            check(&format!("log {text:?} {p:?}"), lq.window_query(&p, 30));
        }
    }
    // Ranked pages sort their matches (fewer than RANK_LIMIT by construction), never a table.
    for q in [
        IssueQuery {
            include_closed: true,
            text: Some("checkout".into()),
            ..Default::default()
        }
        .window_query(&Page::Ranked(30), 30),
        LogQuery {
            text: Some("数据迁移".into()),
            ..Default::default()
        }
        .window_query(&Page::Ranked(0), 30),
    ] {
        let p = plan(&q);
        assert!(
            p.iter().any(|l| l.contains("VIRTUAL TABLE INDEX")),
            "ranked: not through the FTS index: {p:?}"
        );
        assert!(
            !p.iter()
                .any(|l| l.starts_with("SCAN ") && !l.contains("VIRTUAL TABLE")),
            "ranked: full scan in {p:?}\n{}",
            q.sql
        );
    }
    // Scoped to a project, the project indexes serve the same windows.
    let scoped = IssueQuery {
        project_id: Some(issue.project_id),
        ..Default::default()
    };
    check("issues of a project", scoped.window_query(&Page::First, 30));
    let scoped = LogQuery {
        project_id: Some(entry.project_id),
        ..Default::default()
    };
    check("log of a project", scoped.window_query(&Page::First, 30));
    // An index used only on a prefix that leaves out the query's equality filters walks every
    // row of that prefix: each equality column must be searched by the index.
    let searched_on = |what: &str, q: store::window::Query, columns: &[&str]| {
        let p = plan(&q);
        let search = p
            .iter()
            .find(|l| l.starts_with("SEARCH") && l.contains("INDEX") && !l.contains("PRIMARY KEY"))
            .unwrap_or_else(|| panic!("{what}: no index search in {p:?}"));
        for c in columns {
            assert!(
                search.contains(&format!("{c}=?")),
                "{what}: {c} is not in the searched index prefix: {p:?}\n{}",
                q.sql
            );
        }
    };
    let of_issue = UpdateQuery {
        issue_id: Some(issue.id),
        include_done: true,
        ..Default::default()
    };
    for p in [Page::First, Page::After(of_issue.key(&update))] {
        searched_on(
            &format!("an issue's updates {p:?}"),
            of_issue.window_query(&p, 50),
            &["issue_id", "archived_at"],
        );
    }
    let of_issue = LogQuery {
        issue_id: Some(issue.id),
        ..Default::default()
    };
    searched_on(
        "an issue's log",
        of_issue.window_query(&Page::First, 50),
        &["issue_id", "archived_at"],
    );
    for (what, q, cols) in [
        (
            "a project's issues",
            IssueQuery {
                project_id: Some(issue.project_id),
                ..Default::default()
            }
            .window_query(&Page::First, 30),
            &["project_id", "archived_at"][..],
        ),
        (
            "a project's log",
            LogQuery {
                project_id: Some(entry.project_id),
                ..Default::default()
            }
            .window_query(&Page::First, 30),
            &["project_id", "archived_at"][..],
        ),
        (
            "a project's queue",
            UpdateQuery {
                project_id: Some(update.project_id),
                ..Default::default()
            }
            .window_query(&Page::First, 30),
            &["project_id", "archived_at"][..],
        ),
    ] {
        searched_on(what, q, cols);
    }
}

#[test]
fn the_search_index_follows_inserts_edits_and_archives() {
    let mut s = volume();
    let p = Policy::standard();
    let project = store::projects::project_by_key(s.conn(), "华东银行 移动端").unwrap();
    let hits = |s: &Store, q: &str| -> Vec<(&'static str, i64)> {
        search::all(s, q, 50)
            .unwrap()
            .into_iter()
            .map(|h| (h.record, h.id))
            .collect()
    };
    assert!(hits(&s, "跨行汇款失败").is_empty());
    let id = workflow::issues::add(
        &mut s,
        now(),
        &p,
        NewIssue {
            project_id: project.id,
            title: "跨行汇款失败率升高".into(),
            description: "Interbank transfers time out".into(),
            severity: Severity::High,
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
    assert!(hits(&s, "跨行汇款失败").contains(&("issue", id)));
    assert!(
        hits(&s, "INTERBANK").contains(&("issue", id)),
        "case-insensitive"
    );
    // The rule-made notice is drafted with the title too.
    assert!(hits(&s, "跨行汇款失败").iter().any(|(r, _)| *r == "update"));

    workflow::issues::edit(
        &mut s,
        now(),
        &p,
        id,
        IssuePatch {
            title: Some("跨境支付延迟".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        !hits(&s, "跨行汇款失败").contains(&("issue", id)),
        "the old title is gone"
    );
    assert!(hits(&s, "跨境支付延迟").contains(&("issue", id)));

    workflow::undo::archive(&mut s, now(), Record::Issue(id)).unwrap();
    assert!(
        !hits(&s, "跨境支付延迟").contains(&("issue", id)),
        "archived records leave searches"
    );

    let log_id = workflow::log::add(
        &mut s,
        now(),
        &p,
        NewLogEntry {
            project_id: project.id,
            at: now(),
            direction: Direction::In,
            channel: Channel::Chat,
            kind: LogKind::Praise,
            summary: "王芳表扬了新的对账流程".into(),
            sentiment: 2,
            issue_id: None,
            expectation_id: None,
            update_id: None,
        },
    )
    .unwrap()
    .record
    .id();
    assert!(hits(&s, "对账流程").contains(&("log", log_id)));
    assert!(
        hits(&s, "表扬").contains(&("log", log_id)),
        "two characters: the recent-rows scan"
    );
    let fts: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM log_fts", [], |r| r.get(0))
        .unwrap();
    let rows: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM log_entries", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        fts, rows,
        "one index entry per log row after the bulk load and the inserts"
    );
}
