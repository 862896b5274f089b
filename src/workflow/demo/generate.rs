//! Years of generated history for the large and huge scales: deterministic, loaded in bulk
//! straight through `store::bulk` (one transaction per table, FTS rebuilt once).

use chrono::{DateTime, Duration, Utc};

use crate::error::Result;
use crate::model::*;
use crate::store::{self, Store, bulk};
use crate::workflow::{Policy, rules};

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

/// Who reported a problem (English, Chinese).
const REPORTED_BY: &[(&str, &str)] = &[
    ("The client's support desk", "客户服务台"),
    ("The client's operations team", "客户运维团队"),
    ("Our monitoring", "我方监控"),
    ("A key user", "一位主要用户"),
];
const FIRST_EN: &[&str] = &[
    "Anna", "Ben", "Carla", "David", "Emma", "Frank", "Grace", "Hugo",
];
const LAST_EN: &[&str] = &["Berg", "Chen", "Diaz", "Evans", "Fischer", "Green", "Hall"];
const SURNAMES_ZH: &[&str] = &["王", "李", "张", "刘", "陈"];
const GIVEN_ZH: &[&str] = &["敏", "伟", "静", "磊", "婷"];

/// A generated project: its id, name, and whether its client reads Chinese.
struct GenProject {
    id: i64,
    name: String,
    zh: bool,
}

/// What to generate: how many records, which projects, how troubled.
pub(super) struct Shape {
    pub seed: u64,
    pub issues: usize,
    /// (project, client company, active).
    pub projects: Vec<(String, String, bool)>,
    /// The clients (of `projects`) whose language is zh-CN: their records are in Chinese.
    pub chinese_clients: Vec<String>,
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
            chinese_clients: vec!["Generated client 05".into(), "Generated client 10".into()],
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
    policy: &Policy,
    issues_n: usize,
    progress: &mut dyn FnMut(&str, u64, u64),
) -> Result<()> {
    generate_shaped(store, now, policy, &Shape::years(issues_n), progress)?;
    // What the open issues are owed next (their follow-ups), drafted as the rules draft them.
    rules::apply_all(store, now, policy).map(|_| ())
}

/// Generated history of the given shape (see [`Shape`]).
pub(super) fn generate_shaped(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
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
    let projects: Vec<GenProject> = store.write(|tx| {
        let mut out = Vec::new();
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
            let created = now - Duration::days(shape.span_days + 105);
            let id = store::projects::insert_project(tx, &new, created)?;
            let zh = shape.chinese_clients.contains(client);
            out.push(GenProject {
                id,
                name: name.clone(),
                zh,
            });
            if *active {
                // Last week's status report went out on its day: the next one covers a week.
                let sent = rules::next_status_slot_in(policy, None, Cadence::Weekly, now)
                    - Duration::days(7);
                let from = sent - Duration::days(7);
                let status = NewUpdate {
                    project_id: id,
                    issue_id: None,
                    kind: UpdateKind::Status,
                    channel: Channel::Email,
                    contact_id: None,
                    subject: if zh {
                        format!(
                            "【{name}】状态报告 {} 至 {}",
                            from.date_naive(),
                            sent.date_naive()
                        )
                    } else {
                        format!(
                            "[{name}] Status report {} to {}",
                            from.date_naive(),
                            sent.date_naive()
                        )
                    },
                    body: String::new(),
                    due_at: sent,
                    state: UpdateState::Sent,
                    rule_key: None,
                };
                let u = store::updates::insert_update(tx, &status, created)?;
                bulk::set_sent_when_due(tx, u)?;
            }
        }
        // Every client has someone to write to.
        let mut clients: Vec<(&String, bool)> = Vec::new();
        for (_, client, _) in &shape.projects {
            if !clients.iter().any(|(c, _)| *c == client) {
                clients.push((client, shape.chinese_clients.contains(client)));
            }
        }
        for (client, zh) in clients {
            let (name, email) = if zh {
                let name = format!("{}{}", rng.pick(SURNAMES_ZH), rng.pick(GIVEN_ZH));
                (name, String::new())
            } else {
                let (first, last) = (rng.pick(FIRST_EN), rng.pick(LAST_EN));
                let domain: String = client
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .collect();
                (
                    format!("{first} {last}"),
                    format!(
                        "{}.{}@{domain}.example",
                        first.to_lowercase(),
                        last.to_lowercase()
                    ),
                )
            };
            store::projects::insert_contact(
                tx,
                &NewContact {
                    client: client.clone(),
                    name,
                    role: if zh {
                        "项目负责人"
                    } else {
                        "Project lead"
                    }
                    .into(),
                    email,
                    phone: String::new(),
                    channel: None,
                },
                now - Duration::days(shape.span_days + 105),
            )?;
            if zh && let Some(mut c) = store::clients::settings_by_name(tx, client)? {
                c.language = Some("zh-CN".into());
                store::clients::save(tx, &c)?;
            }
        }
        Ok(out)
    })?;
    let mut issue_ids = Vec::with_capacity(issues_n);
    store.write(|tx| {
        bulk::with_fts_rebuilt_after(tx, bulk::Indexed::Issues, || {
            for n in 0..issues_n {
                tick("issues", n, issues_n);
                let p = rng.below(projects.len());
                let (subject, problem) = if projects[p].zh {
                    (rng.pick(SUBJECTS_ZH), rng.pick(PROBLEMS_ZH))
                } else {
                    (rng.pick(SUBJECTS_EN), rng.pick(PROBLEMS_EN))
                };
                let title = if projects[p].zh {
                    format!("{subject}{problem}")
                } else {
                    format!("The {subject} {problem}")
                };
                // Most history is closed; a few hundred stay open, found in recent days.
                let open = rng.below(issues_n.max(1)) < shape.open;
                let detected = if open {
                    let recent = (shape.overdue_hours as usize + 96) * 60;
                    now - Duration::minutes(rng.below(recent) as i64 + 120)
                } else {
                    now - Duration::minutes(rng.below(span_minutes) as i64) - Duration::days(3)
                };
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
                let how = rng.pick(REPORTED_BY);
                let description = if projects[p].zh {
                    format!("{}反馈{subject}{problem}，我们正在确认影响范围。", how.1)
                } else {
                    format!(
                        "{} reported that the {subject} {problem}. We are checking how many users are affected.",
                        how.0
                    )
                };
                let new = NewIssue {
                    project_id: projects[p].id,
                    title: title.clone(),
                    description,
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
                issue_ids.push((id, p, detected, open, title));
            }
            Ok(())
        })
    })?;
    // The updates already sent: the notice, progress, and for an issue that is over its
    // resolution. The rules queue what is owed next (the open issues' follow-ups).
    store.write(|tx| {
        bulk::with_fts_rebuilt_after(tx, bulk::Indexed::Updates, || {
            let total = issues_n * 3;
            for k in 0..total {
                tick("updates", k, total);
                let (issue_id, p, detected, open, title) = &issue_ids[k % issue_ids.len()];
                let project = &projects[*p];
                let told = *detected + Duration::hours(1);
                let (kind, at) = match (k / issue_ids.len(), open) {
                    (0, _) => (UpdateKind::Notice, told),
                    (1, true) => (UpdateKind::Progress, told + (now - told) / 3),
                    (_, true) => (UpdateKind::Progress, told + (now - told) * 2 / 3),
                    (1, false) => (UpdateKind::Progress, told + Duration::days(1)),
                    (_, false) => (UpdateKind::Resolution, *detected + Duration::hours(50)),
                };
                let name = &project.name;
                let subject = match (project.zh, kind) {
                    (false, UpdateKind::Notice) => format!("[{name}] {title}"),
                    (false, UpdateKind::Progress) => format!("[{name}] Update: {title}"),
                    (false, _) => format!("[{name}] Resolved: {title}"),
                    (true, UpdateKind::Notice) => format!("【{name}】问题通知：{title}"),
                    (true, UpdateKind::Progress) => format!("【{name}】进展更新：{title}"),
                    (true, _) => format!("【{name}】问题已解决：{title}"),
                };
                let new = NewUpdate {
                    project_id: project.id,
                    issue_id: Some(*issue_id),
                    kind,
                    channel: Channel::Email,
                    contact_id: None,
                    subject: crate::model::cut_subject(&subject),
                    body: String::new(),
                    due_at: at,
                    state: UpdateState::Sent,
                    rule_key: None,
                };
                let id = store::updates::insert_update(tx, &new, at)?;
                bulk::set_sent_when_due(tx, id)?;
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
                    project_id: projects[rng.below(projects.len())].id,
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
                let project = &projects[rng.below(projects.len())];
                let chinese = project.zh;
                let new = NewLogEntry {
                    project_id: project.id,
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
