//! The hand-written sample story (three clients, mixed English and Chinese): data only, told
//! with the steps in `seed`.

use chrono::{DateTime, Duration, Utc};

use super::seed::*;
use crate::error::Result;
use crate::model::*;
use crate::store::Store;
use crate::workflow::{Policy, expectations, issues};

/// The hand-written story: every pane has something worth looking at, and every queued
/// update was made by the rules, as in real use.
pub(super) fn story(store: &mut Store, now: DateTime<Utc>, p: &Policy) -> Result<()> {
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
    // A Chinese client reads Chinese: set before anything is drafted for it.
    crate::workflow::clients::edit_client(
        store,
        "华东银行",
        &crate::workflow::clients::ClientEdit {
            language: Some("zh-CN".into()),
            ..Default::default()
        },
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
        p,
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
        p,
        now - d(2),
        portal,
        Direction::In,
        Email,
        LogKind::Complaint,
        -1,
        "Finance complained about late exports for the third night in a row.",
        Some(export),
    )?;
    crate::workflow::notes::add(
        store,
        now - d(1),
        export,
        "We split the export into smaller files; last night's arrived 40 minutes late instead of two hours.",
        now - d(1),
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
        p,
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
        p,
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
        p,
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
        p,
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
        p,
        now - h(18),
        bank,
        Direction::In,
        Chat,
        LogKind::Complaint,
        -2,
        "王芳：客服电话明显增多，希望今天给出明确的修复时间。",
        Some(blank),
    )?;
    crate::workflow::notes::add(
        store,
        now - h(16),
        blank,
        "已在测试环境复现：仅在 iOS 17.1 的转账确认页出现，修复补丁正在验证。",
        now - h(16),
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
        p,
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
    super::plan_story::practice(
        store,
        now,
        p,
        &super::plan_story::StoryProjects {
            portal,
            migration,
            bank,
        },
    )?;
    Ok(())
}
