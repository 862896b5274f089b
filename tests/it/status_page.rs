//! The client's status page (`report status --format html`): one self-contained file in the
//! client's language, rendered by headless Chromium to a PNG; no external URL, no script,
//! nothing of the team's private log, mood or scores; stored text escaped.
//! CI installs Chromium (.ci/run); without it the rendering test fails loudly.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::TestDb;

/// Words only the team's private record holds: none may reach the page.
const PRIVATE_LOG: &str = "PRIVATE-LOG-ZEBRA-7731 their CFO is furious";
const PRIVATE_REVIEW: &str = "SCORE-COMMENT-OKAPI-42";

/// The demo, with private log entries and a review on both projects the tests render, and
/// milestones for the Chinese one (the demo gives milestones and a risk to Northwind Portal).
fn demo() -> TestDb {
    let db = TestDb::new();
    db.ok(&["demo"]);
    for project in ["Northwind Portal", "华东银行 移动端"] {
        db.ok(&[
            "log",
            "add",
            PRIVATE_LOG,
            "-p",
            project,
            "--dir",
            "in",
            "--sentiment",
            "-2",
        ]);
        db.ok(&[
            "review",
            "add",
            "-p",
            project,
            "--score",
            "1",
            "--comment",
            PRIVATE_REVIEW,
        ]);
    }
    for (name, due, progress, status) in [
        ("需求确认", "2026-10-16", "100", "done"),
        ("iOS 17 适配", "2026-12-04", "40", "in-progress"),
    ] {
        let id = db.ok(&[
            "milestone",
            "add",
            name,
            "-p",
            "华东银行 移动端",
            "--due",
            due,
        ]);
        db.ok(&[
            "milestone",
            "edit",
            id.trim(),
            "--progress",
            progress,
            "--status",
            status,
        ]);
    }
    db
}

/// The weighted mean of a project's milestones as `milestone list --json` gives them (done
/// counts as 100), rounded as the page rounds it.
fn percent_complete(db: &TestDb, project: &str) -> i64 {
    let list = db.json(&["milestone", "list", "-p", project]);
    let (mut done, mut weight) = (0.0, 0.0);
    for m in list.as_array().expect("milestones") {
        let w = m["weight"].as_f64().expect("weight");
        let p = if m["status"] == "done" {
            100.0
        } else {
            m["progress"].as_f64().expect("progress")
        };
        done += w * p;
        weight += w;
    }
    assert!(weight > 0.0, "the demo gives {project} milestones");
    (done / weight).round() as i64
}

fn page(db: &TestDb, project: &str, name: &str) -> (PathBuf, String) {
    let path = db.dir.path().join(name);
    let path_text = path.to_str().expect("utf-8 path");
    db.ok(&[
        "report", "status", "-p", project, "--format", "html", "-o", path_text,
    ]);
    let html = std::fs::read_to_string(&path).expect("the page");
    (path, html)
}

/// Everything a client-facing page must hold and must not, in either language.
fn check_page(html: &str, lang: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains(&format!("<html lang=\"{lang}\">")));
    assert!(html.contains("name=\"viewport\""), "readable on a phone");
    assert!(html.contains("@media print"), "print-friendly");
    assert!(html.contains("@media (max-width"), "a narrow layout");
    assert_eq!(html.matches("<svg").count(), 2, "two inline charts");
    let lower = html.to_lowercase();
    for banned in [
        "http://", "https://", "//cdn", "<script", "<link", "<img", "<iframe", "@import", "url(",
    ] {
        assert!(!lower.contains(banned), "the page holds {banned:?}");
    }
    for private in [PRIVATE_LOG, "PRIVATE-LOG", PRIVATE_REVIEW, "OKAPI"] {
        assert!(
            !html.contains(private),
            "the page shows the private {private:?}"
        );
    }
    for team_word in [
        "sentiment",
        "mood",
        "satisfaction",
        "心情",
        "满意度",
        "评分",
    ] {
        assert!(
            !lower.contains(team_word),
            "the page mentions {team_word:?}"
        );
    }
}

#[test]
fn the_english_page_is_self_contained_and_shows_what_the_client_may_read() {
    let db = demo();
    let title = "Export <b>fails</b> & \"quotes\"";
    db.ok(&[
        "issue",
        "add",
        title,
        "-p",
        "Northwind Portal",
        "-s",
        "medium",
    ]);
    let (_, html) = page(&db, "Northwind Portal", "status.html");
    check_page(&html, "en");
    let complete = format!(
        "<div class=\"value\">{}%</div>",
        percent_complete(&db, "Northwind Portal")
    );
    for shown in [
        "Northwind Portal",
        "Open issues and what we are doing",
        "SSO login fails for all users after release 4.2",
        "Next update",
        "Milestone progress",
        "Release 4.3 with offline mode",
        // The rescheduled one says from when and why.
        "Moved from 2026-11-23: The client&#39;s scanner firmware update moved by two weeks",
        "Peak-season traffic exceeds the portal&#39;s capacity",
        "Add two application servers (time: 1 day; effect: Doubles capacity)",
        "What we agreed",
        "Weekly status report every Friday by 15:00",
        &complete,
        "At risk",
        "1 critical issue open",
        "1 milestone rescheduled",
    ] {
        assert!(html.contains(shown), "the page lacks {shown:?}");
    }
    // Stored text is escaped, never markup.
    assert!(html.contains("Export &lt;b&gt;fails&lt;/b&gt; &amp; &quot;quotes&quot;"));
    assert!(!html.contains("<b>fails</b>"));
}

#[test]
fn the_chinese_page_reads_in_chinese() {
    let db = demo();
    let (_, html) = page(&db, "华东银行 移动端", "status-zh.html");
    check_page(&html, "zh-CN");
    for shown in [
        "项目状态",
        "处理中的问题",
        "下次更新",
        "每周问题数",
        "双方约定事项",
        "总体情况",
    ] {
        assert!(html.contains(shown), "the page lacks {shown:?}");
    }
    for english in [
        "Open issues",
        "Next update",
        "What we agreed",
        "Resolved",
        "Milestone",
    ] {
        assert!(
            !html.contains(english),
            "English {english:?} on the Chinese page"
        );
    }
}

#[test]
fn html_is_refused_for_a_closing_report_and_a_bad_format_names_html() {
    let db = TestDb::new();
    db.seed();
    let err = db.fails(&["report", "status", "-p", "Portal", "--format", "pdf"], 2);
    assert!(err.contains("pdf") && err.contains("html"), "{err}");
}

/// Chromium's name on this machine (Debian: chromium).
fn chromium() -> &'static str {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return name;
        }
    }
    panic!("Chromium is required for this test (apt-get install chromium; .ci/run does it)");
}

fn screenshot(html: &Path, png: &Path, profile: &Path) {
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1200,2000")
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn chromium_renders_both_pages_to_a_picture() {
    let db = demo();
    for (project, name) in [("Northwind Portal", "en"), ("华东银行 移动端", "zh")] {
        let (html_path, html) = page(&db, project, &format!("{name}.html"));
        check_page(&html, if name == "zh" { "zh-CN" } else { "en" });
        let png = db.dir.path().join(format!("{name}.png"));
        screenshot(
            &html_path,
            &png,
            &db.dir.path().join(format!("chromium-{name}")),
        );
        let bytes = std::fs::read(&png).expect("the screenshot exists");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
        // A blank 1200x1600 page compresses to a few kB; a drawn page is far larger.
        assert!(bytes.len() > 20_000, "{name}: only {} bytes", bytes.len());
        // RAPPORT_SCREENSHOT=DIR keeps them (the README's assets/status-page*.png).
        if let Some(dir) = std::env::var_os("RAPPORT_SCREENSHOT") {
            let kept = match name {
                "en" => "status-page.png",
                _ => "status-page-zh.png",
            };
            std::fs::copy(&png, Path::new(&dir).join(kept)).expect("copy");
        }
    }
}
