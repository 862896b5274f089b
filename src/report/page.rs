//! The client's status page: one self-contained HTML file (inline CSS and SVG, no script,
//! nothing fetched) in the client's language, built from the status report's data and the
//! issues per week. Only what the client may read: never the communication log, mood or
//! satisfaction scores. Every stored text passes the output sanitiser and HTML escaping.

use chrono::{DateTime, Utc};

use super::status::{IssueLine, Report};
use crate::error::Result;
use crate::model::{Milestone, MilestoneStatus, Project, Severity, text};
use crate::store;
use crate::workflow::Policy;
use crate::workflow::stats::{IssueWeek, issue_weeks};

/// How the client should read the project at a glance (from client-facing facts only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Health {
    OnTrack,
    NeedsAttention,
    AtRisk,
}

/// Everything the page shows.
pub struct Page {
    pub report: Report,
    pub weeks: Vec<IssueWeek>,
    pub milestones: Vec<Milestone>,
    pub health: Health,
    /// Why the health is what it is, in the client's language.
    pub reasons: Vec<String>,
}

/// Gathers the page of a project's status report for [since, now).
pub fn gather(
    conn: &rusqlite::Connection,
    policy: &Policy,
    project: &Project,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Page> {
    let report = super::status::report(conn, policy, project, since, now, false)?;
    let zh = is_zh(&report.language);
    let weeks = issue_weeks(conn, Some(project.id), now)?;
    let milestones = store::milestones::list(conn, Some(project.id), 200)?;
    let open = store::issues::open_by_severity(conn, project.id)?;
    let open_of = |s| open.iter().find(|(v, _)| *v == s).map_or(0, |(_, n)| *n);
    let by_status = store::stats::expectations_by_status(conn, Some(project.id))?;
    let expect_of = |s: &str| {
        by_status
            .iter()
            .find(|(v, _)| v == s)
            .map_or(0, |(_, n)| *n)
    };
    let slipped = milestones
        .iter()
        .filter(|m| m.status == MilestoneStatus::Slipped)
        .count();
    let mut health = Health::OnTrack;
    let mut reasons = Vec::new();
    // `en` is "one|many", each with {n}.
    let mut raise = |to: Health, n: usize, en: &str, zh_text: &str| {
        if n > 0 {
            health = health.max(to);
            let (one, many) = en.split_once('|').unwrap_or((en, en));
            let text = match (zh, n) {
                (true, _) => zh_text,
                (false, 1) => one,
                (false, _) => many,
            };
            reasons.push(text.replace("{n}", &n.to_string()));
        }
    };
    raise(
        Health::AtRisk,
        open_of(Severity::Critical),
        "{n} critical issue open|{n} critical issues open",
        "{n} 个严重问题正在处理",
    );
    raise(
        Health::AtRisk,
        expect_of("missed") as usize,
        "{n} agreed expectation missed|{n} agreed expectations missed",
        "{n} 项约定未能达成",
    );
    raise(
        Health::NeedsAttention,
        open_of(Severity::High),
        "{n} high-severity issue open|{n} high-severity issues open",
        "{n} 个高优先级问题正在处理",
    );
    raise(
        Health::NeedsAttention,
        slipped,
        "{n} milestone rescheduled|{n} milestones rescheduled",
        "{n} 个里程碑已调整日期",
    );
    raise(
        Health::NeedsAttention,
        expect_of("at-risk") as usize,
        "{n} expectation at risk|{n} expectations at risk",
        "{n} 项约定存在风险",
    );
    Ok(Page {
        report,
        weeks,
        milestones,
        health,
        reasons,
    })
}

fn is_zh(language: &str) -> bool {
    language.starts_with("zh")
}

/// Stored text made safe for the page: the output sanitiser, then HTML escaping.
pub fn esc(s: &str) -> String {
    let clean = text::one_line(s);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's fixed words in English and Chinese.
struct Words {
    zh: bool,
}

impl Words {
    fn t<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        if self.zh { zh } else { en }
    }

    fn health(&self, h: Health) -> &'static str {
        match (h, self.zh) {
            (Health::OnTrack, false) => "On track",
            (Health::NeedsAttention, false) => "Needs attention",
            (Health::AtRisk, false) => "At risk",
            (Health::OnTrack, true) => "进展顺利",
            (Health::NeedsAttention, true) => "需要关注",
            (Health::AtRisk, true) => "存在风险",
        }
    }

    fn milestone_status(&self, s: MilestoneStatus) -> &'static str {
        match (s, self.zh) {
            (MilestoneStatus::Planned, false) => "Planned",
            (MilestoneStatus::InProgress, false) => "In progress",
            (MilestoneStatus::Done, false) => "Done",
            (MilestoneStatus::Slipped, false) => "Rescheduled",
            (MilestoneStatus::Planned, true) => "未开始",
            (MilestoneStatus::InProgress, true) => "进行中",
            (MilestoneStatus::Done, true) => "已完成",
            (MilestoneStatus::Slipped, true) => "已调整日期",
        }
    }
}

const CSS: &str = r#"
:root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f5f7fa;--card:#fff;--accent:#2f6fde;
--green:#1f9d55;--amber:#c77c02;--red:#cc1f1a;--opened:#2f6fde;--resolved:#1f9d55}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 -apple-system,"Segoe UI",
Roboto,"Helvetica Neue",Arial,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
main{max-width:960px;margin:0 auto;padding:24px 16px 48px}
header{padding:8px 0 16px;border-bottom:3px solid var(--accent);margin-bottom:20px}
header .client{color:var(--muted);font-size:14px;letter-spacing:.02em}
h1{margin:2px 0 4px;font-size:26px;line-height:1.25}
header .period{color:var(--muted);font-size:14px}
h2{font-size:18px;margin:0 0 12px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 20px;
margin:0 0 16px;break-inside:avoid}
.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:16px}
.tile{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px}
.tile .label{color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.04em}
.tile .value{font-size:24px;font-weight:600;margin-top:4px}
.tile ul{margin:8px 0 0;padding-left:18px;color:var(--muted);font-size:14px}
.badge{display:inline-block;padding:2px 10px;border-radius:999px;font-size:14px;font-weight:600;color:#fff}
.h-ok{background:var(--green)}.h-watch{background:var(--amber)}.h-risk{background:var(--red)}
.summary{margin-bottom:16px}
table{width:100%;border-collapse:collapse;font-size:14px}
th{text-align:left;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);padding:6px 8px}
td{border-bottom:1px solid var(--line);padding:8px;vertical-align:top}
tr:last-child td{border-bottom:none}
.sev{display:inline-block;font-size:12px;padding:1px 8px;border-radius:999px;border:1px solid var(--line);
white-space:nowrap}
.muted{color:var(--muted)}
.empty{color:var(--muted);font-style:italic;margin:0}
.bar{background:var(--line);border-radius:4px;height:8px;min-width:80px;overflow:hidden}
.bar span{display:block;height:100%;background:var(--accent)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
.charts section{margin:0}
svg{width:100%;height:auto;display:block}
.legend{font-size:13px;color:var(--muted);margin-top:6px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 12px;vertical-align:middle}
ul.plain{margin:0;padding-left:18px}
footer{color:var(--muted);font-size:13px;text-align:center;margin-top:24px}
@media (max-width:600px){main{padding:12px 10px 32px}h1{font-size:21px}
section{padding:14px 12px}table.stack thead{display:none}table.stack td{display:block;border:none;padding:2px 0}
table.stack tr{display:block;border-bottom:1px solid var(--line);padding:8px 0}
table.stack td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}}
@media print{body{background:#fff;font-size:12px}main{max-width:none;padding:0}
section,.tile{border:1px solid #bbb;border-radius:0;box-shadow:none}
.badge,.bar span,.h-ok,.h-watch,.h-risk{-webkit-print-color-adjust:exact;print-color-adjust:exact}
header{border-bottom-color:#000}@page{margin:14mm}}
"#;

/// The page as one HTML document.
pub fn render(page: &Page) -> String {
    let r = &page.report;
    let w = Words {
        zh: is_zh(&r.language),
    };
    let lang = if w.zh { "zh-CN" } else { "en" };
    let mut h = String::with_capacity(16 * 1024);
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        esc(&r.project),
        w.t("Project status", "项目状态"),
    ));
    header(&mut h, &w, r);
    summary(&mut h, &w, page);
    open_issues(&mut h, &w, &r.open_issues);
    if !r.decisions_needed.is_empty() {
        list_section(
            &mut h,
            w.t("Decisions we need from you", "需要您确认的事项"),
            &r.decisions_needed,
        );
    }
    if !r.progress.is_empty() {
        list_section(
            &mut h,
            w.t("Done this period", "本期完成的工作"),
            &r.progress,
        );
    }
    resolved(&mut h, &w, &r.resolved);
    charts(&mut h, &w, page);
    milestones(&mut h, &w, &page.milestones);
    risks(&mut h, &w, r);
    expectations(&mut h, &w, r);
    let mut footer = Vec::new();
    if !r.sender.trim().is_empty() {
        footer.push(if w.zh {
            format!("编制：{}", esc(&r.sender))
        } else {
            format!("Prepared by {}", esc(&r.sender))
        });
    }
    if !r.next_report.is_empty() {
        footer.push(if w.zh {
            format!("下一期报告：{}", esc(&r.next_report))
        } else {
            format!("Next report: {}", esc(&r.next_report))
        });
    }
    h.push_str(&format!(
        "<footer>{}</footer>\n</main>\n</body>\n</html>\n",
        footer.join(" · ")
    ));
    h
}

fn header(h: &mut String, w: &Words, r: &Report) {
    // The client's name as a label over the title, also when the project's name begins with
    // it ("华东银行" over "华东银行 移动端"): a label, never a doubled phrase.
    let client = esc(&r.client);
    let period = if w.zh {
        format!(
            "状态截至 {} · 报告期：{} 至 {}",
            esc(&r.period_to),
            esc(&r.period_from),
            esc(&r.period_to)
        )
    } else {
        format!(
            "Status as of {} · period {} to {}",
            esc(&r.period_to),
            esc(&r.period_from),
            esc(&r.period_to)
        )
    };
    h.push_str(&format!(
        "<header><div class=\"client\">{client}</div><h1>{} — {}</h1>\
         <div class=\"period\">{period}</div></header>\n",
        esc(&r.project),
        w.t("Project status", "项目状态"),
    ));
}

fn summary(h: &mut String, w: &Words, page: &Page) {
    let r = &page.report;
    let class = match page.health {
        Health::OnTrack => "h-ok",
        Health::NeedsAttention => "h-watch",
        Health::AtRisk => "h-risk",
    };
    h.push_str("<div class=\"summary\">\n");
    h.push_str(&format!(
        "<div class=\"tile\"><div class=\"label\">{}</div><div class=\"value\">\
         <span class=\"badge {class}\">{}</span></div>",
        w.t("Overall", "总体情况"),
        w.health(page.health)
    ));
    if !page.reasons.is_empty() {
        h.push_str("<ul>");
        for reason in &page.reasons {
            h.push_str(&format!("<li>{}</li>", esc(reason)));
        }
        h.push_str("</ul>");
    }
    h.push_str("</div>\n");
    let complete = r
        .percent_complete
        .map_or_else(|| "—".to_string(), |p| format!("{p}%"));
    h.push_str(&format!(
        "<div class=\"tile\"><div class=\"label\">{}</div><div class=\"value\">{complete}</div>",
        w.t("Complete", "总体进度")
    ));
    match r.percent_complete {
        Some(p) => h.push_str(&format!(
            "<div class=\"bar\" style=\"margin-top:10px\"><span style=\"width:{}%\"></span></div>",
            p.clamp(0, 100)
        )),
        None => h.push_str(&format!(
            "<div class=\"muted\">{}</div>",
            w.t("No milestones set yet", "尚未设定里程碑")
        )),
    }
    h.push_str("</div>\n");
    let open = r.open_issues.len();
    h.push_str(&format!(
        "<div class=\"tile\"><div class=\"label\">{}</div><div class=\"value\">{open}</div>\
         <div class=\"muted\">{}</div></div>\n",
        w.t("Open issues", "处理中的问题"),
        if w.zh {
            format!("本期已解决 {} 个", r.resolved.len())
        } else {
            format!("{} resolved this period", r.resolved.len())
        }
    ));
    h.push_str("</div>\n");
}

fn open_issues(h: &mut String, w: &Words, issues: &[IssueLine]) {
    h.push_str(&format!(
        "<section><h2>{}</h2>\n",
        w.t("Open issues and what we are doing", "处理中的问题")
    ));
    if issues.is_empty() {
        h.push_str(&format!(
            "<p class=\"empty\">{}</p></section>\n",
            w.t("No open issues.", "目前没有待解决的问题。")
        ));
        return;
    }
    let (issue, doing, next) = (
        w.t("Issue", "问题"),
        w.t("What we are doing", "当前进展与措施"),
        w.t("Next update", "下次更新"),
    );
    h.push_str(&format!(
        "<table class=\"stack\"><thead><tr><th>{issue}</th><th>{doing}</th><th>{next}</th></tr></thead><tbody>\n"
    ));
    for i in issues {
        let doing_text = if i.plan.is_empty() {
            esc(&i.status)
        } else {
            format!("{} · {}", esc(&i.status), esc(&i.plan))
        };
        h.push_str(&format!(
            "<tr><td><strong>{}</strong> <span class=\"sev\">{}</span></td>\
             <td data-label=\"{doing}\">{doing_text}</td><td data-label=\"{next}\">{}</td></tr>\n",
            esc(&i.title),
            esc(&i.severity),
            if i.next_update.is_empty() {
                "—".to_string()
            } else {
                esc(&i.next_update)
            },
        ));
    }
    h.push_str("</tbody></table></section>\n");
}

fn resolved(h: &mut String, w: &Words, issues: &[IssueLine]) {
    h.push_str(&format!(
        "<section><h2>{}</h2>\n",
        w.t("Resolved this period", "本期已解决的问题")
    ));
    if issues.is_empty() {
        h.push_str(&format!(
            "<p class=\"empty\">{}</p></section>\n",
            w.t("None this period.", "本期暂无。")
        ));
        return;
    }
    let result = w.t("Result", "处理结果");
    h.push_str(&format!(
        "<table class=\"stack\"><thead><tr><th>{}</th><th>{result}</th></tr></thead><tbody>\n",
        w.t("Issue", "问题")
    ));
    for i in issues {
        let outcome = if i.resolution.trim().is_empty() {
            esc(&i.status)
        } else {
            esc(&i.resolution)
        };
        h.push_str(&format!(
            "<tr><td><strong>{}</strong></td><td data-label=\"{result}\">{outcome}</td></tr>\n",
            esc(&i.title)
        ));
    }
    h.push_str("</tbody></table></section>\n");
}

fn list_section(h: &mut String, title: &str, items: &[String]) {
    h.push_str(&format!("<section><h2>{title}</h2><ul class=\"plain\">"));
    for item in items {
        h.push_str(&format!("<li>{}</li>", esc(item)));
    }
    h.push_str("</ul></section>\n");
}

fn charts(h: &mut String, w: &Words, page: &Page) {
    h.push_str("<div class=\"charts\">\n");
    h.push_str(&format!(
        "<section><h2>{}</h2>{}<div class=\"legend\"><i style=\"background:var(--opened)\"></i>{}\
         <i style=\"background:var(--resolved)\"></i>{}</div></section>\n",
        w.t("Issues by week", "每周问题数"),
        weeks_svg(
            &page.weeks,
            w.t(
                "Issues opened and resolved per week",
                "每周新发现与已解决的问题数"
            )
        ),
        w.t("Opened", "新发现"),
        w.t("Resolved", "已解决"),
    ));
    h.push_str(&format!(
        "<section><h2>{}</h2>{}</section>\n",
        w.t("Milestone progress", "里程碑进度"),
        milestones_svg(w, &page.milestones)
    ));
    h.push_str("</div>\n<div style=\"height:16px\"></div>\n");
}

/// Grouped bars: opened and resolved per week, with the week's date under every other pair.
fn weeks_svg(weeks: &[IssueWeek], title: &str) -> String {
    let (width, height, left, bottom, top) = (420.0, 220.0, 28.0, 28.0, 12.0);
    let max = weeks
        .iter()
        .map(|w| w.opened.max(w.resolved))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let plot_h = height - bottom - top;
    let slot = (width - left) / weeks.len().max(1) as f64;
    let bar = slot * 0.34;
    let mut s = format!(
        "<svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        esc(title),
        esc(title)
    );
    // Grid lines at 0, the top and (when a whole number) half way.
    let half = (max as i64 % 2 == 0).then_some(max / 2.0);
    for v in [Some(0.0), half, Some(max)].into_iter().flatten() {
        let y = top + plot_h - plot_h * v / max;
        s.push_str(&format!(
            "<line x1=\"{left}\" x2=\"{width}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e4e7eb\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#616e7c\" text-anchor=\"end\">{}</text>",
            left - 4.0,
            y + 3.0,
            v.round()
        ));
    }
    for (i, wk) in weeks.iter().enumerate() {
        let x = left + slot * i as f64 + slot * 0.14;
        for (j, (n, colour)) in [(wk.opened, "#2f6fde"), (wk.resolved, "#1f9d55")]
            .iter()
            .enumerate()
        {
            let bh = plot_h * *n as f64 / max;
            let y = top + plot_h - bh;
            s.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{bh:.1}\" fill=\"{colour}\" rx=\"1.5\"><title>{}: {n}</title></rect>",
                x + bar * j as f64,
                esc(&wk.week)
            ));
        }
        if i % 2 == 1 || weeks.len() <= 6 {
            s.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#616e7c\" text-anchor=\"middle\">{}</text>",
                x + bar,
                height - 10.0,
                esc(wk.week.get(5..).unwrap_or(&wk.week))
            ));
        }
    }
    s.push_str("</svg>");
    s
}

/// One horizontal bar per milestone, its progress written beside it.
fn milestones_svg(w: &Words, milestones: &[Milestone]) -> String {
    if milestones.is_empty() {
        return format!(
            "<p class=\"empty\">{}</p>",
            w.t("No milestones yet.", "尚未设定里程碑。")
        );
    }
    let (width, row, label_w) = (420.0, 32.0, 150.0);
    let height = row * milestones.len() as f64 + 8.0;
    let bar_w = width - label_w - 48.0;
    let mut s = format!(
        "<svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
        w.t("Milestone progress", "里程碑进度")
    );
    for (i, m) in milestones.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        let p = m.counted_progress().clamp(0, 100);
        let colour = match m.status {
            MilestoneStatus::Done => "#1f9d55",
            MilestoneStatus::Slipped => "#c77c02",
            _ => "#2f6fde",
        };
        // The table below names it in full; the chart's label stops at its column.
        let full = text::one_line(&m.name);
        let name: String = if full.chars().count() > 18 {
            full.chars().take(17).chain(['…']).collect()
        } else {
            full.into_owned()
        };
        s.push_str(&format!(
            "<text x=\"0\" y=\"{:.1}\" font-size=\"14\" fill=\"#1f2933\">{}</text>\
             <rect x=\"{label_w}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"14\" rx=\"3\" fill=\"#e4e7eb\"/>\
             <rect x=\"{label_w}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\" rx=\"3\" fill=\"{colour}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" fill=\"#616e7c\">{p}%</text>",
            y + 14.0,
            esc(&name),
            y + 4.0,
            y + 4.0,
            bar_w * p as f64 / 100.0,
            label_w + bar_w + 6.0,
            y + 14.0,
        ));
    }
    s.push_str("</svg>");
    s
}

fn milestones(h: &mut String, w: &Words, milestones: &[Milestone]) {
    if milestones.is_empty() {
        return;
    }
    let (due, progress, status) = (
        w.t("Due", "计划日期"),
        w.t("Progress", "进度"),
        w.t("Status", "状态"),
    );
    h.push_str(&format!(
        "<section><h2>{}</h2><table class=\"stack\"><thead><tr><th>{}</th><th>{due}</th>\
         <th>{progress}</th><th>{status}</th></tr></thead><tbody>\n",
        w.t("Milestones", "里程碑"),
        w.t("Milestone", "里程碑"),
    ));
    for m in milestones {
        let p = m.counted_progress().clamp(0, 100);
        // A date that moved says from when and why, as the client was told.
        let moved = m
            .revisions
            .iter()
            .rev()
            .find_map(|r| r.due_from.map(|from| (from, &r.reason)))
            .map(|(from, why)| {
                let from = from.format("%Y-%m-%d");
                let text = if w.zh {
                    format!("原定 {from}：{}", esc(why))
                } else {
                    format!("Moved from {from}: {}", esc(why))
                };
                format!("<div class=\"muted\">{text}</div>")
            })
            .unwrap_or_default();
        h.push_str(&format!(
            "<tr><td><strong>{}</strong>{moved}</td><td data-label=\"{due}\">{}</td>\
             <td data-label=\"{progress}\">{p}%</td><td data-label=\"{status}\">{}</td></tr>\n",
            esc(&m.name),
            m.due_on.format("%Y-%m-%d"),
            w.milestone_status(m.status),
        ));
    }
    h.push_str("</tbody></table></section>\n");
}

fn risks(h: &mut String, w: &Words, r: &Report) {
    if r.risks.is_empty() {
        return;
    }
    let (likely, impact, prepared) = (
        w.t("Likelihood", "可能性"),
        w.t("Impact", "影响"),
        w.t("What we have prepared", "已准备的应对措施"),
    );
    h.push_str(&format!(
        "<section><h2>{}</h2><table class=\"stack\"><thead><tr><th>{}</th><th>{likely}</th>\
         <th>{impact}</th><th>{prepared}</th></tr></thead><tbody>\n",
        w.t("Risks we are watching", "我们正在关注的风险"),
        w.t("Risk", "风险"),
    ));
    for risk in &r.risks {
        let plans = if risk.prepared.is_empty() {
            format!(
                "<span class=\"muted\">{}</span>",
                w.t("Being prepared", "正在制定")
            )
        } else {
            risk.prepared
                .iter()
                .map(|p| esc(p))
                .collect::<Vec<_>>()
                .join("<br>")
        };
        h.push_str(&format!(
            "<tr><td>{}</td><td data-label=\"{likely}\">{}</td><td data-label=\"{impact}\">{}</td>\
             <td data-label=\"{prepared}\">{plans}</td></tr>\n",
            esc(&risk.text),
            esc(&risk.likelihood),
            esc(&risk.impact),
        ));
    }
    h.push_str("</tbody></table></section>\n");
}

fn expectations(h: &mut String, w: &Words, r: &Report) {
    h.push_str(&format!(
        "<section><h2>{}</h2>\n",
        w.t("What we agreed", "双方约定事项")
    ));
    if r.outcomes.is_empty() {
        h.push_str(&format!(
            "<p class=\"empty\">{}</p></section>\n",
            w.t("Nothing recorded yet.", "暂无记录。")
        ));
        return;
    }
    let status = w.t("Status", "状态");
    h.push_str(&format!(
        "<table class=\"stack\"><thead><tr><th>{}</th><th>{status}</th></tr></thead><tbody>\n",
        w.t("Expectation", "约定内容")
    ));
    for e in &r.outcomes {
        h.push_str(&format!(
            "<tr><td>{}</td><td data-label=\"{status}\">{}</td></tr>\n",
            esc(&e.statement),
            esc(&e.status)
        ));
    }
    h.push_str("</tbody></table></section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_text_is_escaped_and_sanitised() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>\u{1b}[31m"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;^[[31m"
        );
    }
}
