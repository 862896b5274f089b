//! Sample data for first looks, screenshots and benchmarks. `small` is a hand-written story
//! (three clients, mixed English and Chinese); `large` and `huge` add generated years of history.

use chrono::{DateTime, Duration, Utc};

use super::{Policy, expectations, issues, log, projects, updates};
use crate::error::{Error, Result};
use crate::model::*;
use crate::store::{self, Listing, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Small,
    Large,
    Huge,
}

impl std::str::FromStr for Scale {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "small" => Ok(Scale::Small),
            "large" => Ok(Scale::Large),
            "huge" => Ok(Scale::Huge),
            _ => Err(Error::invalid("scale", s, "small, large, huge".into())),
        }
    }
}

impl Scale {
    /// Generated issues on top of the story (updates ×3, expectations ÷2, log ×10).
    fn generated_issues(self) -> usize {
        match self {
            Scale::Small => 0,
            Scale::Large => 10_000,
            Scale::Huge => 100_000,
        }
    }
}

/// Sample data with `issues` generated issues (and 3 updates, half an expectation and ten log
/// entries per issue) on top of the story: for tests that need volume but not a huge file.
pub fn fill_generated(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    issues: usize,
) -> Result<store::Counts> {
    story(store, now, policy)?;
    generate(store, now, issues)?;
    store.counts()
}

/// The projects of the sample story; generated ones are named "Generated project NN".
const STORY_PROJECTS: [&str; 4] = [
    "Northwind Portal",
    "Northwind Data Migration",
    "华东银行 移动端",
    "Acme Checkout",
];

/// True when the database has projects and every one of them is sample data: running the
/// demo again on it has nothing to add.
pub fn holds_only_sample(store: &Store) -> Result<bool> {
    let names: Vec<String> = store
        .conn()
        .prepare("SELECT name FROM projects")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(!names.is_empty()
        && names
            .iter()
            .all(|n| STORY_PROJECTS.contains(&n.as_str()) || n.starts_with("Generated project ")))
}

/// Fills an empty database. Refuses a database that already has projects, so sample
/// data never mixes with a client's real records.
pub fn fill(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    scale: Scale,
) -> Result<store::Counts> {
    let existing = store.counts()?;
    if existing.projects > 0 {
        return Err(Error::Conflict(format!(
            "the database{} already has {} project(s); demo data goes into a fresh file (use --db demo.sqlite3)",
            store
                .path()
                .map(|p| format!(" {}", p.display()))
                .unwrap_or_default(),
            existing.projects
        )));
    }
    story(store, now, policy)?;
    let n = scale.generated_issues();
    if n > 0 {
        generate(store, now, n)?;
    }
    store.counts()
}

fn h(n: i64) -> Duration {
    Duration::hours(n)
}

fn d(n: i64) -> Duration {
    Duration::days(n)
}

fn project(
    store: &mut Store,
    at: DateTime<Utc>,
    p: &Policy,
    name: &str,
    client: &str,
    cadence: Cadence,
    channel: Channel,
) -> Result<i64> {
    projects::add_project(
        store,
        at,
        p,
        NewProject {
            name: name.into(),
            client: client.into(),
            status: ProjectStatus::Active,
            cadence: Some(cadence),
            channel,
        },
    )
    .map(|done| done.record.id())
}

fn contact(
    store: &mut Store,
    at: DateTime<Utc>,
    client: &str,
    name: &str,
    role: &str,
    email: &str,
) -> Result<i64> {
    projects::add_contact(
        store,
        at,
        NewContact {
            client: client.into(),
            name: name.into(),
            role: role.into(),
            email: email.into(),
            phone: String::new(),
            channel: Some(Channel::Email),
        },
    )
}

struct IssueSeed<'a> {
    project: i64,
    title: &'a str,
    severity: Severity,
    status: IssueStatus,
    detected: DateTime<Utc>,
    our_fault: bool,
    description: &'a str,
    cause: &'a str,
    impact: &'a str,
}

fn issue(store: &mut Store, p: &Policy, s: IssueSeed<'_>) -> Result<i64> {
    let done = issues::add(
        store,
        s.detected,
        p,
        NewIssue {
            project_id: s.project,
            title: s.title.into(),
            description: s.description.into(),
            severity: s.severity,
            status: s.status,
            detected_at: s.detected,
            owner: String::new(),
            our_fault: s.our_fault,
            cause: s.cause.into(),
            impact: s.impact.into(),
        },
    )?;
    Ok(done.record.id())
}

/// Sends the rule-made update with `key` at `at`, as the PM would have.
fn send(store: &mut Store, p: &Policy, key: &str, at: DateTime<Utc>) -> Result<()> {
    let u = store::updates::by_rule_key(store.conn(), key)?
        .ok_or_else(|| Error::not_found("update with rule key", key))?;
    updates::mark_sent(store, at, p, u.id, at).map(|_| ())
}

/// The pending progress update of an issue (there is one while the client is kept informed).
fn send_progress(store: &mut Store, p: &Policy, issue: i64, at: DateTime<Utc>) -> Result<()> {
    let pending = store::UpdateQuery {
        issue_id: Some(issue),
        ..Default::default()
    }
    .list(store.conn(), store::Window::new(0, 1))?;
    let u = pending
        .first()
        .ok_or_else(|| Error::not_found("pending update of issue", issue))?;
    updates::mark_sent(store, at, p, u.id, at).map(|_| ())
}

/// Status reports went out on time until `until`: history for every project.
fn catch_up_status(
    store: &mut Store,
    p: &Policy,
    project: i64,
    until: DateTime<Utc>,
) -> Result<()> {
    while let Some(u) = store::updates::pending_status(store.conn(), project)? {
        if u.due_at >= until {
            break;
        }
        updates::mark_sent(store, u.due_at, p, u.id, u.due_at)?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn contact_log(
    store: &mut Store,
    at: DateTime<Utc>,
    project: i64,
    direction: Direction,
    channel: Channel,
    kind: LogKind,
    sentiment: i8,
    summary: &str,
    issue: Option<i64>,
) -> Result<()> {
    log::add(
        store,
        at,
        NewLogEntry {
            project_id: project,
            at,
            direction,
            channel,
            kind,
            summary: summary.into(),
            sentiment,
            issue_id: issue,
            expectation_id: None,
            update_id: None,
        },
    )
    .map(|_| ())
}

#[allow(clippy::too_many_arguments)]
fn expect(
    store: &mut Store,
    at: DateTime<Utc>,
    project: i64,
    category: ExpectationCategory,
    statement: &str,
    measure: &str,
    status: ExpectationStatus,
    due: Option<DateTime<Utc>>,
    agreed_with: &str,
) -> Result<i64> {
    expectations::add(
        store,
        at,
        NewExpectation {
            project_id: project,
            category,
            statement: statement.into(),
            measure: measure.into(),
            status,
            agreed_on: (status != ExpectationStatus::Proposed).then(|| at.date_naive()),
            agreed_with: agreed_with.into(),
            due_on: due.map(|d| d.date_naive()),
        },
    )
    .map(|d| d.record.id())
}

/// The hand-written story: every pane has something worth looking at, and every queued
/// update was made by the rules, as in real use.
fn story(store: &mut Store, now: DateTime<Utc>, p: &Policy) -> Result<()> {
    use Channel::*;
    use IssueStatus as S;
    use Severity::*;
    let start = now - d(60);

    let portal = project(
        store,
        start,
        p,
        "Northwind Portal",
        "Northwind Logistics",
        Cadence::Weekly,
        Email,
    )?;
    let migration = project(
        store,
        start,
        p,
        "Northwind Data Migration",
        "Northwind Logistics",
        Cadence::Biweekly,
        Meeting,
    )?;
    let bank = project(
        store,
        start,
        p,
        "华东银行 移动端",
        "华东银行",
        Cadence::Weekly,
        Chat,
    )?;
    let checkout = project(
        store,
        start,
        p,
        "Acme Checkout",
        "Acme Retail",
        Cadence::Monthly,
        Email,
    )?;
    contact(
        store,
        start,
        "Northwind Logistics",
        "Sarah Chen",
        "Head of Operations",
        "sarah.chen@northwind.example",
    )?;
    contact(
        store,
        start,
        "Northwind Logistics",
        "Mark Olsen",
        "IT Manager",
        "mark.olsen@northwind.example",
    )?;
    contact(
        store,
        start,
        "华东银行",
        "王芳",
        "产品负责人",
        "wang.fang@hdbank.example",
    )?;
    contact(
        store,
        start,
        "Acme Retail",
        "Tom Becker",
        "E-commerce Lead",
        "tom.becker@acme.example",
    )?;
    for pid in [portal, migration, bank, checkout] {
        catch_up_status(store, p, pid, now - d(1))?;
    }

    // Acme: a resolved issue with lessons, and one closed before the client needed to know.
    let coupons = issue(
        store,
        p,
        IssueSeed {
            project: checkout,
            title: "Coupon codes rejected at checkout",
            severity: Medium,
            status: S::InProgress,
            detected: now - d(9),
            our_fault: true,
            description: "Codes with lower-case letters were rejected.",
            cause: "Validation compared codes case-sensitively after a library upgrade.",
            impact: "Roughly 400 orders placed without their discount over two days.",
        },
    )?;
    send(store, p, &format!("notice:{coupons}"), now - d(9) + h(3))?;
    issues::edit(
        store,
        now - d(7),
        p,
        coupons,
        IssuePatch {
            status: Some(S::Resolved),
            resolution: Some(
                "Validation made case-insensitive; affected orders refunded the discount.".into(),
            ),
            lessons: Some("Library upgrades get a checkout regression run before release.".into()),
            prevention: Some("Added coupon cases to the automated checkout suite.".into()),
            ..Default::default()
        },
    )?;
    send(
        store,
        p,
        &format!("resolution:{coupons}"),
        now - d(6) - h(2),
    )?;
    contact_log(
        store,
        now - d(6),
        checkout,
        Direction::In,
        Email,
        LogKind::Praise,
        1,
        "Tom thanked us for the quick refund of the coupon discounts.",
        Some(coupons),
    )?;
    let sandbox = issue(
        store,
        p,
        IssueSeed {
            project: checkout,
            title: "Payment provider sandbox outage blocked testing",
            severity: Low,
            status: S::New,
            detected: now - d(20),
            our_fault: false,
            description: "",
            cause: "Provider maintenance.",
            impact: "Testing paused for half a day.",
        },
    )?;
    issues::edit(
        store,
        now - d(20) + h(5),
        p,
        sandbox,
        IssuePatch {
            status: Some(S::Closed),
            ..Default::default()
        },
    )?;

    // Northwind Portal: a follow-up promise that has slipped...
    let export = issue(
        store,
        p,
        IssueSeed {
            project: portal,
            title: "Nightly export arrives two hours late",
            severity: Medium,
            status: S::InProgress,
            detected: now - d(4),
            our_fault: false,
            description: "The 02:00 export to the finance system has finished after 04:00 on three nights.",
            cause: "The finance system's SFTP server throttles large uploads.",
            impact: "Finance starts the morning reconciliation late.",
        },
    )?;
    send(store, p, &format!("notice:{export}"), now - d(4) + h(2))?;
    contact_log(
        store,
        now - d(2),
        portal,
        Direction::In,
        Email,
        LogKind::Complaint,
        -1,
        "Finance complained about late exports for the third night in a row.",
        Some(export),
    )?;
    // ...a cosmetic problem not yet announced...
    issue(
        store,
        p,
        IssueSeed {
            project: portal,
            title: "PDF reports render the wrong font on macOS",
            severity: Low,
            status: S::New,
            detected: now - d(1),
            our_fault: false,
            description: "Reported by two users; the text is readable but the layout shifts.",
            cause: "",
            impact: "Cosmetic.",
        },
    )?;
    // ...and a fresh critical outage the client has not heard of yet.
    let sso = issue(
        store,
        p,
        IssueSeed {
            project: portal,
            title: "SSO login fails for all users after release 4.2",
            severity: Critical,
            status: S::Investigating,
            detected: now - h(2),
            our_fault: true,
            description: "Since the 07:10 deployment every single-sign-on login ends on an error page.\nLocal accounts still work. Still checking whether API tokens are affected.",
            cause: "The release shipped with an expired signing certificate for the identity provider.",
            impact: "About 1,200 warehouse staff cannot log in; shift hand-over reports are delayed.",
        },
    )?;
    issues::add_option(
        store,
        now - h(1),
        sso,
        "Roll back to release 4.1",
        "1 hour",
        "Login restored at once; the new route planner is unavailable until a fixed 4.2 ships",
    )?;
    issues::add_option(
        store,
        now - h(1),
        sso,
        "Renew the certificate and redeploy 4.2",
        "3 hours",
        "Keeps every 4.2 feature; users wait longer",
    )?;
    contact_log(
        store,
        now - d(5),
        portal,
        Direction::In,
        Phone,
        LogKind::Feedback,
        0,
        "Mark asked for the release notes of 4.2 before Monday.",
        None,
    )?;
    contact_log(
        store,
        now - d(4) - h(3),
        portal,
        Direction::Out,
        Email,
        LogKind::Note,
        0,
        "Sent release notes for 4.2.",
        None,
    )?;

    // Data migration: options offered, the client chose one.
    let dupes = issue(
        store,
        p,
        IssueSeed {
            project: migration,
            title: "Duplicate customer records after the pilot load",
            severity: High,
            status: S::SolutionProposed,
            detected: now - d(2),
            our_fault: true,
            description: "About 3% of customers appear twice after the pilot load of region North.",
            cause: "The matching rule compared e-mail addresses case-sensitively.",
            impact: "The pilot cannot be signed off; the full load waits.",
        },
    )?;
    issues::add_option(
        store,
        now - d(2) + h(2),
        dupes,
        "Fix the rule and reload the pilot region",
        "2 days",
        "Clean data; the full load moves by 2 days",
    )?;
    issues::add_option(
        store,
        now - d(2) + h(2),
        dupes,
        "Merge duplicates in place with a one-off script",
        "4 hours",
        "No delay; merged records need a spot check by the client",
    )?;
    send(store, p, &format!("notice:{dupes}"), now - d(2) + h(3))?;
    contact_log(
        store,
        now - h(21),
        migration,
        Direction::In,
        Meeting,
        LogKind::Decision,
        1,
        "Sarah chose option 1: fix the matching rule and reload region North.",
        Some(dupes),
    )?;
    issues::choose_option(store, now - h(21), dupes, 1)?;
    send_progress(store, p, dupes, now - h(20))?;
    contact_log(
        store,
        now - d(10),
        migration,
        Direction::In,
        Meeting,
        LogKind::Request,
        1,
        "Sarah asked to move the full load to a weekend.",
        None,
    )?;

    // 华东银行: Chinese records, a late follow-up, an angry client and an unannounced problem.
    let blank = issue(
        store,
        p,
        IssueSeed {
            project: bank,
            title: "转账页面在 iOS 17 上偶尔白屏",
            severity: High,
            status: S::Investigating,
            detected: now - d(1) - h(4),
            our_fault: false,
            description: "部分 iOS 17 用户在提交转账后看到空白页面，交易本身已成功。仍在确认是否与系统 WebView 版本有关。",
            cause: "",
            impact: "约 2% 的 iOS 转账用户受影响，客服来电增加。",
        },
    )?;
    send(store, p, &format!("notice:{blank}"), now - d(1) - h(2))?;
    contact_log(
        store,
        now - h(18),
        bank,
        Direction::In,
        Chat,
        LogKind::Complaint,
        -2,
        "王芳：客服电话明显增多，希望今天给出明确的修复时间。",
        Some(blank),
    )?;
    issue(
        store,
        p,
        IssueSeed {
            project: bank,
            title: "推送通知延迟超过 10 分钟",
            severity: Medium,
            status: S::New,
            detected: now - Duration::minutes(40),
            our_fault: false,
            description: "监控显示推送队列积压，正在排查第三方推送服务。",
            cause: "",
            impact: "用户收到交易提醒较晚。",
        },
    )?;
    contact_log(
        store,
        now - d(8),
        bank,
        Direction::In,
        Meeting,
        LogKind::Praise,
        2,
        "王芳对新版登录流程的体验很满意。",
        None,
    )?;

    // Expectations, some already changed openly.
    let uptime = expect(
        store,
        start,
        portal,
        ExpectationCategory::Quality,
        "Portal available 99.5% of business hours",
        "Monthly uptime report from monitoring",
        ExpectationStatus::Agreed,
        None,
        "Mark Olsen",
    )?;
    expectations::edit(
        store,
        now - h(1),
        uptime,
        ExpectationPatch {
            status: Some(ExpectationStatus::AtRisk),
            link_issue: Some(sso),
            ..Default::default()
        },
        "SSO outage this morning eats most of the month's downtime budget",
    )?;
    expect(
        store,
        start,
        portal,
        ExpectationCategory::Communication,
        "Weekly status report every Friday by 15:00",
        "Report in Sarah's inbox",
        ExpectationStatus::Agreed,
        None,
        "Sarah Chen",
    )?;
    let golive = expect(
        store,
        start,
        migration,
        ExpectationCategory::Schedule,
        "Full data load completed by the end of the month",
        "All regions loaded and signed off",
        ExpectationStatus::Agreed,
        Some(now + d(5)),
        "Sarah Chen",
    )?;
    expectations::edit(
        store,
        now - h(20),
        golive,
        ExpectationPatch {
            statement: Some("Full data load completed two days after the end of the month".into()),
            due_on: Some(Some((now + d(7)).date_naive())),
            status: Some(ExpectationStatus::Changed),
            link_issue: Some(dupes),
            ..Default::default()
        },
        "Client chose to reload the pilot region (option 1 of the duplicates issue)",
    )?;
    expect(
        store,
        start,
        migration,
        ExpectationCategory::Acceptance,
        "Fewer than 0.1% of records need manual correction",
        "Sample audit of 1,000 records",
        ExpectationStatus::Agreed,
        Some(now + d(6)),
        "Sarah Chen",
    )?;
    expect(
        store,
        start,
        bank,
        ExpectationCategory::Scope,
        "移动端支持指纹和面容登录",
        "两种登录方式通过验收测试",
        ExpectationStatus::Agreed,
        Some(now + d(20)),
        "王芳",
    )?;
    expect(
        store,
        start,
        bank,
        ExpectationCategory::Commitment,
        "严重问题 1 小时内通知客户",
        "通知时间记录在沟通日志中",
        ExpectationStatus::Agreed,
        None,
        "王芳",
    )?;
    expect(
        store,
        start,
        checkout,
        ExpectationCategory::Budget,
        "Change requests above 5 days are quoted before work starts",
        "Signed quote",
        ExpectationStatus::Proposed,
        None,
        "",
    )?;
    expect(
        store,
        start,
        checkout,
        ExpectationCategory::Schedule,
        "Black Friday code freeze respected",
        "No deployments in the freeze week",
        ExpectationStatus::Met,
        Some(now - d(3)),
        "Tom Becker",
    )?;
    Ok(())
}

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

/// Years of generated history, one transaction per table, straight through the store.
fn generate(store: &mut Store, now: DateTime<Utc>, issues_n: usize) -> Result<()> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // A bigger page cache for the bulk load (the default 2 MB spills to the WAL constantly).
    store.conn().pragma_update(None, "cache_size", -262_144)?;
    let span_minutes = 3 * 365 * 24 * 60;
    let projects: Vec<i64> = store.write(|tx| {
        let mut ids = Vec::new();
        for i in 0..40 {
            let new = NewProject {
                name: format!("Generated project {:02}", i + 1),
                client: format!("Generated client {:02}", i / 4 + 1),
                status: if i < 30 {
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
                now - Duration::days(1200),
            )?);
        }
        Ok(ids)
    })?;
    let mut issue_ids = Vec::with_capacity(issues_n);
    store.write(|tx| {
        store::with_fts_rebuilt_after(tx, "issues_fts", "issues_fts_insert", || {
            for _ in 0..issues_n {
                let detected = now - Duration::minutes(rng.below(span_minutes) as i64 + 60);
                let chinese = rng.below(5) == 0;
                let title = if chinese {
                    format!("{}{}", rng.pick(SUBJECTS_ZH), rng.pick(PROBLEMS_ZH))
                } else {
                    format!("The {} {}", rng.pick(SUBJECTS_EN), rng.pick(PROBLEMS_EN))
                };
                // Most history is closed; a few hundred stay open.
                let open = rng.below(issues_n.max(1)) < 300;
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
                    severity: *rng.pick(&[
                        Severity::Low,
                        Severity::Medium,
                        Severity::Medium,
                        Severity::High,
                        Severity::Critical,
                    ]),
                    status,
                    detected_at: detected,
                    owner: String::new(),
                    our_fault: rng.below(4) == 0,
                    cause: String::new(),
                    impact: String::new(),
                };
                let id = store::issues::insert(tx, &new, detected)?;
                // The client heard of it within the hour; closed ones were resolved two days later.
                let resolved = (!open).then(|| store::ts(detected + Duration::days(2)));
                tx.prepare_cached(
                    "UPDATE issues SET client_notified_at = ?2, resolved_at = ?3 WHERE id = ?1",
                )?
                .execute(rusqlite::params![
                    id,
                    store::ts(detected + Duration::hours(1)),
                    resolved
                ])?;
                issue_ids.push((id, new.project_id, detected, open));
            }
            Ok(())
        })
    })?;
    store.write(|tx| {
        store::with_fts_rebuilt_after(tx, "updates_fts", "updates_fts_insert", || {
            for k in 0..issues_n * 3 {
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
                        now + Duration::hours(rng.below(96) as i64 - 24)
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
                let id = store::updates::insert(tx, &new, detected)?;
                if !pending {
                    tx.prepare_cached("UPDATE updates SET sent_at = due_at WHERE id = ?1")?
                        .execute([id])?;
                }
            }
            Ok(())
        })
    })?;
    store.write(|tx| {
        store::with_fts_rebuilt_after(tx, "expectations_fts", "expectations_fts_insert", || {
            for k in 0..issues_n / 2 {
                let created = now - Duration::minutes(rng.below(span_minutes) as i64);
                let new = NewExpectation {
                    project_id: *rng.pick(&projects),
                    category: *rng.pick(ExpectationCategory::ALL),
                    statement: format!(
                        "Generated expectation {k}: {} works as agreed",
                        rng.pick(SUBJECTS_EN)
                    ),
                    measure: String::new(),
                    status: *rng.pick(&[
                        ExpectationStatus::Met,
                        ExpectationStatus::Met,
                        ExpectationStatus::Agreed,
                        ExpectationStatus::Missed,
                    ]),
                    agreed_on: Some(created.date_naive()),
                    agreed_with: String::new(),
                    due_on: Some((created + Duration::days(30)).date_naive()),
                };
                store::expectations::insert(tx, &new, created, "recorded")?;
            }
            Ok(())
        })
    })?;
    store.write(|tx| {
        store::with_fts_rebuilt_after(tx, "log_fts", "log_fts_insert", || {
            for _ in 0..issues_n * 10 {
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
                    sentiment: rng.below(5) as i8 - 2,
                    issue_id: None,
                    expectation_id: None,
                    update_id: None,
                };
                store::log::insert(tx, &new, at)?;
            }
            Ok(())
        })
    })?;
    Ok(())
}
