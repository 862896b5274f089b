//! Years of generated history for the large and huge scales: deterministic, loaded in bulk
//! straight through `store::bulk` (one transaction per table, FTS rebuilt once).

use chrono::{DateTime, Duration, Utc};

use crate::error::Result;
use crate::model::*;
use crate::store::{self, Store, bulk};

/// A small deterministic generator (xorshift), so demo data is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SUBJECTS_EN: &[&str] = &[
    "checkout",
    "login",
    "nightly export",
    "invoice run",
    "search index",
    "mobile app",
    "report builder",
    "payment gateway",
    "data import",
    "notification service",
    "API gateway",
    "user sync",
    "dashboard",
    "backup job",
    "label printing",
];
const PROBLEMS_EN: &[&str] = &[
    "times out under load",
    "returns wrong totals",
    "fails for some users",
    "is slow after release",
    "drops records",
    "shows stale data",
    "crashes on start",
    "rejects valid input",
];
const SUBJECTS_ZH: &[&str] = &[
    "转账页面",
    "登录流程",
    "对账报表",
    "推送服务",
    "数据迁移",
    "客服系统",
];
const PROBLEMS_ZH: &[&str] = &["响应缓慢", "偶尔白屏", "数据不一致", "无法提交", "超时失败"];

/// What to generate: how many records, which projects, how troubled.
pub(super) struct Shape {
    pub seed: u64,
    pub issues: usize,
    /// (project, client company, active).
    pub projects: Vec<(String, String, bool)>,
    /// About this many issues stay open.
    pub open: usize,
    /// No open or closed issue is worse than this.
    pub worst: Severity,
    /// Pending updates fall due from this many hours ago to 72 hours ahead.
    pub overdue_hours: i64,
    /// Contacts' sentiment is drawn from this range (inclusive).
    pub mood: (i8, i8),
    /// History spans this many days back.
    pub span_days: i64,
    pub log_per_issue: usize,
    /// Whether some expectations were missed (a healthy client's were all met or agreed).
    pub missed_expectations: bool,
}

impl Shape {
    /// The large and huge demo: 40 generated projects over three years.
    fn years(issues: usize) -> Shape {
        Shape {
            seed: 0x9E37_79B9_7F4A_7C15,
            issues,
            projects: (0..40)
                .map(|i| {
                    (
                        format!("Generated project {:02}", i + 1),
                        format!("Generated client {:02}", i / 4 + 1),
                        i < 30,
                    )
                })
                .collect(),
            open: 300,
            worst: Severity::Critical,
            overdue_hours: 24,
            mood: (-2, 2),
            span_days: 3 * 365,
            log_per_issue: 10,
            missed_expectations: true,
        }
    }
}

/// Rows between two progress reports (a report costs a redraw at most).
const TICK: usize = 1000;

/// Years of generated history, one transaction per table, straight through the store;
/// `progress` hears (table, rows done, rows in all) every thousand rows.
pub(super) fn generate(
    store: &mut Store,
    now: DateTime<Utc>,
    issues_n: usize,
    progress: &mut dyn FnMut(&str, u64, u64),
) -> Result<()> {
    generate_shaped(store, now, &Shape::years(issues_n), progress)
}

/// Generated history of the given shape (see [`Shape`]).
pub(super) fn generate_shaped(
    store: &mut Store,
    now: DateTime<Utc>,
    shape: &Shape,
    progress: &mut dyn FnMut(&str, u64, u64),
) -> Result<()> {
    let mut tick = |stage: &str, done: usize, total: usize| {
        if done.is_multiple_of(TICK) || done == total {
            progress(stage, done as u64, total as u64);
        }
    };
    let issues_n = shape.issues;
    let mut rng = Rng(shape.seed);
    bulk::grow_cache(store.conn())?;
    let span_minutes = (shape.span_days * 24 * 60) as usize;
    let projects: Vec<i64> = store.write(|tx| {
        let mut ids = Vec::new();
        for (name, client, active) in &shape.projects {
            let new = NewProject {
                name: name.clone(),
                client: client.clone(),
                status: if *active {
                    ProjectStatus::Active
                } else {
                    ProjectStatus::Closed
                },
                cadence: Some(Cadence::Weekly),
                channel: Channel::Email,
            };
            ids.push(store::projects::insert_project(
                tx,
                &new,
                now - Duration::days(shape.span_days + 105),
            )?);
        }
        Ok(ids)
    })?;
    let mut issue_ids = Vec::with_capacity(issues_n);
    store.write(|tx| {
        bulk::with_fts_rebuilt_after(tx, bulk::Indexed::Issues, || {
            for n in 0..issues_n {
                tick("issues", n, issues_n);
                let detected = now - Duration::minutes(rng.below(span_minutes) as i64 + 60);
                let chinese = rng.below(5) == 0;
                let title = if chinese {
                    format!("{}{}", rng.pick(SUBJECTS_ZH), rng.pick(PROBLEMS_ZH))
                } else {
                    format!("The {} {}", rng.pick(SUBJECTS_EN), rng.pick(PROBLEMS_EN))
                };
                // Most history is closed; a few hundred stay open.
                let open = rng.below(issues_n.max(1)) < shape.open;
                let status = if open {
                    *rng.pick(&[
                        IssueStatus::New,
                        IssueStatus::Investigating,
                        IssueStatus::InProgress,
                    ])
                } else {
                    *rng.pick(&[
                        IssueStatus::Resolved,
                        IssueStatus::Closed,
                        IssueStatus::Closed,
                    ])
                };
                let new = NewIssue {
                    project_id: *rng.pick(&projects),
                    title,
                    description: "Generated sample record.".into(),
                    // Clamped, not filtered: the same draws whatever the shape.
                    severity: (*rng.pick(&[
                        Severity::Low,
                        Severity::Medium,
                        Severity::Medium,
                        Severity::High,
                        Severity::Critical,
                    ]))
                    .max(shape.worst),
                    status,
                    detected_at: detected,
                    owner: String::new(),
                    our_fault: rng.below(4) == 0,
                    cause: String::new(),
                    impact: String::new(),
                };
                let id = store::issues::insert_issue(tx, &new, detected)?;
                // The client heard of it within the hour; closed ones were resolved two days later.
                let resolved = (!open).then(|| detected + Duration::days(2));
                bulk::set_issue_history(tx, id, detected + Duration::hours(1), resolved)?;
                issue_ids.push((id, new.project_id, detected, open));
            }
            Ok(())
        })
    })?;
    store.write(|tx| {
        bulk::with_fts_rebuilt_after(tx, bulk::Indexed::Updates, || {
            for k in 0..issues_n * 3 {
                tick("updates", k, issues_n * 3);
                let (issue_id, project_id, detected, open) = issue_ids[k % issue_ids.len()];
                let pending = open && k < issue_ids.len();
                let new = NewUpdate {
                    project_id,
                    issue_id: Some(issue_id),
                    kind: *rng.pick(&[
                        UpdateKind::Notice,
                        UpdateKind::Progress,
                        UpdateKind::Resolution,
                    ]),
                    channel: Channel::Email,
                    contact_id: None,
                    subject: format!("Update on issue {issue_id}"),
                    body: String::new(),
                    due_at: if pending {
                        now + Duration::hours(
                            rng.below(72 + shape.overdue_hours as usize) as i64
                                - shape.overdue_hours,
                        )
                    } else {
                        detected + Duration::hours(k as i64 % 72)
                    },
                    state: if pending {
                        UpdateState::Draft
                    } else {
                        UpdateState::Sent
                    },
                    rule_key: None,
                };
                let id = store::updates::insert_update(tx, &new, detected)?;
                if !pending {
                    bulk::set_sent_when_due(tx, id)?;
                }
            }
            Ok(())
        })
    })?;
    store.write(|tx| {
        bulk::with_fts_rebuilt_after(tx, bulk::Indexed::Expectations, || {
            for k in 0..issues_n / 2 {
                tick("expectations", k, issues_n / 2);
                let created = now - Duration::minutes(rng.below(span_minutes) as i64);
                let new = NewExpectation {
                    project_id: *rng.pick(&projects),
                    category: *rng.pick(ExpectationCategory::ALL),
                    statement: format!(
                        "Generated expectation {k}: {} works as agreed",
                        rng.pick(SUBJECTS_EN)
                    ),
                    measure: String::new(),
                    status: match *rng.pick(&[
                        ExpectationStatus::Met,
                        ExpectationStatus::Met,
                        ExpectationStatus::Agreed,
                        ExpectationStatus::Missed,
                    ]) {
                        ExpectationStatus::Missed if !shape.missed_expectations => {
                            ExpectationStatus::Met
                        }
                        s => s,
                    },
                    agreed_on: Some(created.date_naive()),
                    agreed_with: String::new(),
                    due_on: Some((created + Duration::days(30)).date_naive()),
                };
                store::expectations::insert_expectation(tx, &new, created, "recorded")?;
            }
            Ok(())
        })
    })?;
    store.write(|tx| {
        bulk::with_fts_rebuilt_after(tx, bulk::Indexed::Log, || {
            for k in 0..issues_n * shape.log_per_issue {
                tick("log entries", k, issues_n * shape.log_per_issue);
                let at = now - Duration::minutes(rng.below(span_minutes) as i64 + 10);
                let chinese = rng.below(5) == 0;
                let new = NewLogEntry {
                    project_id: *rng.pick(&projects),
                    at,
                    direction: *rng.pick(&[Direction::In, Direction::Out]),
                    channel: *rng.pick(Channel::ALL),
                    kind: *rng.pick(LogKind::ALL),
                    summary: if chinese {
                        format!(
                            "客户反馈：{}{}",
                            rng.pick(SUBJECTS_ZH),
                            rng.pick(PROBLEMS_ZH)
                        )
                    } else {
                        format!(
                            "Talked about the {} that {}",
                            rng.pick(SUBJECTS_EN),
                            rng.pick(PROBLEMS_EN)
                        )
                    },
                    sentiment: rng.below((shape.mood.1 - shape.mood.0 + 1) as usize) as i8
                        + shape.mood.0,
                    issue_id: None,
                    expectation_id: None,
                    update_id: None,
                };
                store::log::insert_entry(tx, &new, at)?;
            }
            Ok(())
        })
    })?;
    Ok(())
}
