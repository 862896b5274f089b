//! Every template kind in both languages, rendered from the demo data, has its sections.

use chrono::{DateTime, TimeZone, Utc};
use rapport::config::Config;
use rapport::model::when::Zone;
use rapport::model::*;
use rapport::store::{self, IssueQuery, Listing, Store, Window};
use rapport::workflow::{Policy, demo, updates};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

fn policy(language: &str, templates: Option<std::path::PathBuf>) -> Policy {
    let cfg = Config {
        language: language.into(),
        from: "Ann Lee <ann@firm.example>".into(),
        ..Config::default()
    };
    Policy::new(&cfg, Zone::UTC, templates).unwrap()
}

fn demo_store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    demo::fill(&mut s, now(), &Policy::standard(), demo::Scale::Small).unwrap();
    s
}

fn issue(s: &Store, text: &str) -> Issue {
    let q = IssueQuery {
        include_closed: true,
        text: Some(text.into()),
        ..Default::default()
    };
    q.list(s.conn(), Window::new(0, 1)).unwrap().remove(0)
}

fn render(s: &Store, p: &Policy, kind: UpdateKind, issue: Option<&Issue>, project: &str) -> String {
    let project = store::projects::project_by_key(s.conn(), project).unwrap();
    let d = updates::draft_for(
        s.conn(),
        p,
        project.id,
        issue.map(|i| i.id),
        kind,
        None,
        now(),
    )
    .unwrap()
    .expect("the kind has a template");
    assert!(!d.subject.is_empty(), "{kind}: a subject");
    format!("{}\n{}", d.subject, d.body)
}

fn assert_sections(text: &str, sections: &[&str]) {
    for s in sections {
        assert!(text.contains(s), "missing {s:?} in:\n{text}");
    }
}

#[test]
fn english_drafts_have_every_section() {
    let s = demo_store();
    let p = policy("en", None);
    let sso = issue(&s, "SSO login");
    assert!(sso.our_fault && sso.options.len() == 2);
    let notice = render(&s, &p, UpdateKind::Notice, Some(&sso), "Northwind Portal");
    assert_sections(
        &notice,
        &[
            "SSO login fails for all users after release 4.2",
            "What happened",
            "What we know",
            "What we are still checking",
            "Impact on you",
            "Our responsibility",
            "This one is our fault",
            "Options for you to choose from",
            "Next update",
            "Dear Sarah Chen",
            "Ann Lee",
        ],
    );
    for o in &sso.options {
        assert_sections(&notice, &[&o.text, &o.time_needed, &o.expected_effect]);
    }
    let progress = render(
        &s,
        &p,
        UpdateKind::Progress,
        Some(&issue(&s, "Nightly export")),
        "Northwind Portal",
    );
    assert_sections(
        &progress,
        &[
            "What changed since our last update",
            "last night's arrived 40 minutes late",
            "Next steps",
            "Next update",
        ],
    );
    let quiet = render(
        &s,
        &p,
        UpdateKind::Progress,
        Some(&issue(&s, "PDF reports")),
        "Northwind Portal",
    );
    assert_sections(&quiet, &["Nothing has changed yet", "Next steps"]);
    let resolution = render(
        &s,
        &p,
        UpdateKind::Resolution,
        Some(&issue(&s, "Coupon")),
        "Acme Checkout",
    );
    assert_sections(
        &resolution,
        &[
            "Resolved: Coupon codes",
            "Result",
            "refunded the discount",
            "How we got there",
            "Lessons learned",
            "checkout regression run",
            "Preventing a repeat",
            "automated checkout suite",
        ],
    );
    let status = render(&s, &p, UpdateKind::Status, None, "Northwind Portal");
    assert_sections(
        &status,
        &[
            "Status report",
            "Progress",
            "Done since the last report",
            "Open issues and risks",
            "Critical: SSO login fails",
            "Expectations at risk or changed",
            "99.5%",
            "Decisions we need from you",
            "Choose a solution",
            "Next steps",
        ],
    );
    let closing = render(&s, &p, UpdateKind::Closing, None, "Acme Checkout");
    assert_sections(
        &closing,
        &[
            "Closing report",
            "Project summary",
            "Outcomes against the agreed expectations",
            "Black Friday code freeze respected: met",
            "Lessons learned",
            "checkout regression run",
        ],
    );
}

#[test]
fn chinese_drafts_have_every_section() {
    let s = demo_store();
    let p = policy("zh-CN", None);
    let sso = issue(&s, "SSO login");
    let notice = render(&s, &p, UpdateKind::Notice, Some(&sso), "Northwind Portal");
    assert_sections(
        &notice,
        &[
            "问题通知",
            "发生了什么",
            "已确认的情况",
            "仍在核实的内容",
            "对您的影响",
            "我们的责任",
            "深表歉意",
            "供您选择的方案",
            "下次更新",
            "所需时间",
        ],
    );
    for o in &sso.options {
        assert_sections(&notice, &[&o.text, &o.expected_effect]);
    }
    let progress = render(
        &s,
        &p,
        UpdateKind::Progress,
        Some(&issue(&s, "白屏")),
        "华东银行 移动端",
    );
    assert_sections(
        &progress,
        &[
            "进展更新",
            "以来的变化",
            "修复补丁正在验证",
            "下一步",
            "下次更新",
            "王芳，您好",
        ],
    );
    let resolution = render(
        &s,
        &p,
        UpdateKind::Resolution,
        Some(&issue(&s, "Coupon")),
        "Acme Checkout",
    );
    assert_sections(
        &resolution,
        &[
            "问题已解决",
            "处理结果",
            "处理过程",
            "经验教训",
            "防止再次发生",
        ],
    );
    let status = render(&s, &p, UpdateKind::Status, None, "华东银行 移动端");
    assert_sections(
        &status,
        &[
            "状态报告",
            "进展",
            "自上次报告以来完成的工作",
            "未解决的问题与风险",
            "转账页面",
            "有风险或已变更的期望",
            "需要您做出的决定",
            "下一步",
        ],
    );
    let closing = render(&s, &p, UpdateKind::Closing, None, "Acme Checkout");
    assert_sections(
        &closing,
        &[
            "项目结项报告",
            "项目概况",
            "对照已约定期望的结果",
            "经验教训",
        ],
    );
}

#[test]
fn a_users_own_template_replaces_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("en")).unwrap();
    std::fs::write(
        dir.path().join("en/notice.txt"),
        "Subject: Heads-up: {{ issue.title }}\n\nShort and sweet, {{ contact }}.\n",
    )
    .unwrap();
    let s = demo_store();
    let p = policy("en", Some(dir.path().to_path_buf()));
    let text = render(
        &s,
        &p,
        UpdateKind::Notice,
        Some(&issue(&s, "SSO login")),
        "Northwind Portal",
    );
    assert_eq!(
        text,
        "Heads-up: SSO login fails for all users after release 4.2\nShort and sweet, Sarah Chen.\n"
    );
    // Other kinds keep the built-in text.
    let progress = render(
        &s,
        &p,
        UpdateKind::Progress,
        Some(&issue(&s, "Nightly")),
        "Northwind Portal",
    );
    assert!(progress.contains("Next steps"));
}

#[test]
fn a_broken_template_gives_way_to_the_built_in_one_with_a_warning_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("en")).unwrap();
    std::fs::write(dir.path().join("en/status.txt"), "Subject: {% if %}\n").unwrap();
    let cfg = Config::default();
    let p = Policy::new(&cfg, Zone::UTC, Some(dir.path().to_path_buf())).expect("usable");
    assert_eq!(p.drafter.warnings.len(), 1, "{:?}", p.drafter.warnings);
    assert!(
        p.drafter.warnings[0].contains("en/status.txt line 1"),
        "{:?}",
        p.drafter.warnings
    );
    let s = demo_store();
    let status = render(&s, &p, UpdateKind::Status, None, "Northwind Portal");
    assert!(status.contains("Open issues and risks"), "{status}");
}
