//! The weekly digest: the consultant's own Monday note over every client (internal, so mood
//! and scores appear). Per client: its health, what is overdue, what was sent in the last
//! seven days and what is promised for the next seven. English, or Chinese when the config's
//! language is zh-CN.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::model::text::one_line;
use crate::model::when::Zone;
use crate::store::{self, Store};
use crate::workflow::portfolio::{Skipped, summary};
use crate::workflow::today::{self, AgendaItem, ProjectHealth, Rating, Section};

/// How far back "sent" and forward "promised" look, and how many lines each lists.
pub const WEEK: i64 = 7;
pub const LINES: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Digest {
    pub now: DateTime<Utc>,
    pub clients: Vec<ClientDigest>,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClientDigest {
    pub client: String,
    pub rating: Rating,
    pub projects: Vec<ProjectHealth>,
    /// Overdue updates and late promised follow-ups.
    pub overdue: Vec<AgendaItem>,
    pub overdue_total: usize,
    pub sent: Vec<Line>,
    pub promised: Vec<Line>,
}

/// One dated line: an update sent or due, an expectation due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub at: Option<DateTime<Utc>>,
    pub project: String,
    pub text: String,
}

/// One client's part of the digest, from its file (read-only: nothing is written).
pub fn client_digest(
    file: &crate::workflow::portfolio::ClientFile,
    store: &Store,
    now: DateTime<Utc>,
    zone: Zone,
    chase_after_hours: u32,
) -> Result<ClientDigest> {
    let agenda = today::agenda_with_chase(store, now, zone, chase_after_hours)?;
    let line = summary(file, &agenda);
    let conn = store.conn();
    let week = Duration::days(WEEK);
    let mut sent = Vec::new();
    for h in &agenda.health {
        for u in store::updates::sent_in(conn, h.project_id, now - week, now, LINES)? {
            sent.push(Line {
                at: u.sent_at,
                project: u.project.clone(),
                text: one_line(&u.subject).into_owned(),
            });
        }
    }
    sent.sort_by_key(|l| std::cmp::Reverse(l.at));
    sent.truncate(LINES);
    let mut promised: Vec<Line> = store::updates::due_between(conn, now, now + week, LINES)?
        .into_iter()
        .map(|u| Line {
            at: Some(u.due_at),
            project: u.project.clone(),
            text: format!("{}: {}", u.kind, one_line(&u.subject)),
        })
        .collect();
    promised.extend(
        agenda
            .section(Section::Expectations)
            .filter(|i| i.when.is_some_and(|t| t >= now && t < now + week))
            .map(|i| Line {
                at: i.when,
                project: i.project.clone(),
                text: i.text.clone(),
            }),
    );
    promised.sort_by_key(|l| l.at);
    promised.truncate(LINES);
    let overdue: Vec<AgendaItem> = agenda
        .items
        .iter()
        .filter(|i| {
            matches!(
                i.section,
                Section::OverdueUpdates | Section::FollowUpOverdue
            )
        })
        .take(LINES)
        .cloned()
        .collect();
    Ok(ClientDigest {
        client: file.name.clone(),
        rating: line.rating,
        projects: agenda.health,
        overdue,
        overdue_total: line.overdue,
        sent,
        promised,
    })
}

/// The words of the digest in one language.
struct Words {
    title: &'static str,
    clients: &'static str,
    overdue: &'static str,
    sent: &'static str,
    promised: &'static str,
    nothing: &'static str,
    no_projects: &'static str,
    mood: &'static str,
    score: &'static str,
    left_out: &'static str,
    more: &'static str,
}

const EN: Words = Words {
    title: "Weekly client digest",
    clients: "clients",
    overdue: "Overdue",
    sent: "Sent in the last 7 days",
    promised: "Promised for the next 7 days",
    nothing: "nothing",
    no_projects: "no active projects",
    mood: "mood",
    score: "satisfaction",
    left_out: "Not read",
    more: "more",
};

const ZH: Words = Words {
    title: "每周客户简报",
    clients: "个客户",
    overdue: "已逾期",
    sent: "过去 7 天已发出",
    promised: "未来 7 天要兑现",
    nothing: "无",
    no_projects: "没有进行中的项目",
    mood: "客户情绪",
    score: "满意度",
    left_out: "未能读取",
    more: "条未列出",
};

fn rating_word(r: Rating, zh: bool) -> &'static str {
    match (r, zh) {
        (Rating::Red, false) => "RED",
        (Rating::Amber, false) => "AMBER",
        (Rating::Green, false) => "GREEN",
        (Rating::Red, true) => "红",
        (Rating::Amber, true) => "黄",
        (Rating::Green, true) => "绿",
    }
}

/// Why a project has its rating, in Chinese (the health rules give their reasons in English).
pub fn reasons_zh(p: &ProjectHealth, now: DateTime<Utc>) -> String {
    use crate::model::Severity;
    let open = |s: Severity| {
        p.open_issues
            .iter()
            .find(|(x, _)| *x == s)
            .map_or(0, |(_, n)| *n)
    };
    let mut out = Vec::new();
    if open(Severity::Critical) > 0 {
        out.push(format!("{} 个严重问题未解决", open(Severity::Critical)));
    }
    if open(Severity::High) > 0 {
        out.push(format!("{} 个高优先级问题未解决", open(Severity::High)));
    }
    if p.overdue_updates > 0 {
        out.push(format!("{} 条更新已逾期", p.overdue_updates));
    }
    if p.troubled_expectations > 0 {
        out.push(format!("{} 项约定有风险或未达成", p.troubled_expectations));
    }
    if let Some(m) = p.mood.filter(|m| *m < 0.0) {
        out.push(format!("客户情绪偏负面（{m:+.1}）"));
    }
    if let Some(s) = p.last_score.filter(|s| *s <= crate::model::LOW_SCORE) {
        out.push(format!("满意度 {s}/5"));
    }
    if p.quiet {
        out.push(match p.last_contact {
            Some(t) => format!("已 {} 天没有联系", (now - t).num_days()),
            None => "还没有联系记录".into(),
        });
    }
    if out.is_empty() {
        out.push("进展顺利".into());
    }
    out.join("，")
}

/// The subject line of the digest.
pub fn subject(d: &Digest, language: &str, zone: Zone) -> String {
    let zh = language.eq_ignore_ascii_case("zh-CN");
    let w = if zh { &ZH } else { &EN };
    let date = zone.show(d.now, "%Y-%m-%d");
    if zh {
        format!("{}（{date}，{} {}）", w.title, d.clients.len(), w.clients)
    } else {
        format!("{}, {date} ({} {})", w.title, d.clients.len(), w.clients)
    }
}

/// A heading: "## title" in Markdown; in plain text (a text file, an e-mail's text/plain
/// body) the title underlined as wide as it shows.
fn heading(out: &mut String, title: &str, markdown: bool) {
    if markdown {
        out.push_str(&format!("## {title}\n\n"));
    } else {
        let width = unicode_width::UnicodeWidthStr::width(title).max(1);
        out.push_str(&format!("{title}\n{}\n\n", "=".repeat(width)));
    }
}

/// The body of the digest: Markdown when `markdown`, else plain text with underlined
/// headings (what a text/plain e-mail shows as written).
pub fn body(d: &Digest, language: &str, zone: Zone, markdown: bool) -> String {
    let zh = language.eq_ignore_ascii_case("zh-CN");
    let w = if zh { &ZH } else { &EN };
    let sep = if zh { "：" } else { ": " };
    let day = |t: Option<DateTime<Utc>>| {
        t.map(|t| zone.show(t, "%m-%d %H:%M"))
            .unwrap_or_else(|| "-".into())
    };
    let mut out = String::new();
    for c in &d.clients {
        heading(
            &mut out,
            &format!("{}{sep}{}", one_line(&c.client), rating_word(c.rating, zh)),
            markdown,
        );
        if c.projects.is_empty() {
            out.push_str(&format!("- {}\n", w.no_projects));
        }
        for p in &c.projects {
            let mut extra = Vec::new();
            // A negative mood is already one of the reasons: say it once.
            if let Some(m) = p.mood.filter(|m| *m >= 0.0) {
                extra.push(format!("{} {m:+.1}", w.mood));
            }
            // A low last score is already one of the reasons: the mean would say it twice.
            let low_last = p.last_score.is_some_and(|s| s <= crate::model::LOW_SCORE);
            if let Some(s) = p.mean_score.filter(|_| !low_last) {
                extra.push(format!("{} {s:.1}/5", w.score));
            }
            let extra = if extra.is_empty() {
                String::new()
            } else if zh {
                format!("（{}）", extra.join("，"))
            } else {
                format!(" ({})", extra.join(", "))
            };
            let reasons = if zh {
                reasons_zh(p, d.now)
            } else {
                p.reasons.join(", ")
            };
            out.push_str(&format!(
                "- {}{sep}{}{}{reasons}{extra}\n",
                one_line(&p.project),
                rating_word(p.rating, zh),
                if zh { "，" } else { ", " },
            ));
        }
        out.push('\n');
        let section = |out: &mut String, title: &str, lines: Vec<String>, total: usize| {
            let bold = if markdown { "**" } else { "" };
            if zh {
                out.push_str(&format!("{bold}{title}{bold}（{total}）\n\n"));
            } else {
                out.push_str(&format!("{bold}{title}{bold} ({total})\n\n"));
            }
            if lines.is_empty() {
                out.push_str(&format!("- {}\n", w.nothing));
            }
            let shown = lines.len();
            for l in lines {
                out.push_str(&format!("- {l}\n"));
            }
            if total > shown {
                out.push_str(&format!("- … {} {}\n", total - shown, w.more));
            }
            out.push('\n');
        };
        section(
            &mut out,
            w.overdue,
            c.overdue
                .iter()
                .map(|i| {
                    format!(
                        "{} {} · {} · {}",
                        day(i.when),
                        one_line(&i.project),
                        i.record.kind(),
                        one_line(&i.text)
                    )
                })
                .collect(),
            c.overdue_total,
        );
        for (title, lines) in [(w.sent, &c.sent), (w.promised, &c.promised)] {
            section(
                &mut out,
                title,
                lines
                    .iter()
                    .map(|l| {
                        format!(
                            "{} {} · {}",
                            day(l.at),
                            one_line(&l.project),
                            one_line(&l.text)
                        )
                    })
                    .collect(),
                lines.len(),
            );
        }
    }
    if !d.skipped.is_empty() {
        heading(&mut out, w.left_out, markdown);
        for s in &d.skipped {
            out.push_str(&format!(
                "- {}{sep}{}\n",
                one_line(&s.client),
                one_line(&s.reason)
            ));
        }
        out.push('\n');
    }
    out
}
