//! Client text in words: every code a draft or report shows (severity, status, kind) said in
//! the draft's language, and the one place that picks that language for a project.

use chrono::Duration;

use super::policy::Policy;
use crate::error::Result;
use crate::model::{ExpectationStatus, IssueStatus, Severity, UpdateKind};
use crate::store;

/// A template language: "en" or "zh-CN".
fn zh(language: &str) -> bool {
    language.eq_ignore_ascii_case("zh-CN")
}

/// The languages drafts are written in.
pub const LANGUAGES: &[&str] = &["en", "zh-CN"];

/// The language of every draft and report for `project_id`: its client's language when the
/// client record carries one, else the config's.
pub fn language_for_project(
    conn: &rusqlite::Connection,
    project_id: i64,
    policy: &Policy,
) -> Result<String> {
    let client = store::clients::language_of_project(conn, project_id)?;
    if let Some(lang) = client
        .as_deref()
        .and_then(|l| LANGUAGES.iter().find(|k| k.eq_ignore_ascii_case(l.trim())))
    {
        return Ok((*lang).to_string());
    }
    Ok(policy.drafter.language.clone())
}

pub fn severity(language: &str, s: Severity) -> &'static str {
    match (zh(language), s) {
        (false, Severity::Critical) => "critical",
        (false, Severity::High) => "high",
        (false, Severity::Medium) => "medium",
        (false, Severity::Low) => "low",
        (true, Severity::Critical) => "严重",
        (true, Severity::High) => "高",
        (true, Severity::Medium) => "中",
        (true, Severity::Low) => "低",
    }
}

pub fn issue_status(language: &str, s: IssueStatus) -> &'static str {
    match (zh(language), s) {
        (false, IssueStatus::New) => "just reported",
        (false, IssueStatus::Investigating) => "under investigation",
        (false, IssueStatus::SolutionProposed) => "solution proposed",
        (false, IssueStatus::InProgress) => "fix under way",
        (false, IssueStatus::Resolved) => "resolved",
        (false, IssueStatus::Closed) => "closed",
        (true, IssueStatus::New) => "刚发现",
        (true, IssueStatus::Investigating) => "排查中",
        (true, IssueStatus::SolutionProposed) => "已提出方案",
        (true, IssueStatus::InProgress) => "修复中",
        (true, IssueStatus::Resolved) => "已解决",
        (true, IssueStatus::Closed) => "已关闭",
    }
}

pub fn milestone_status(language: &str, s: crate::model::MilestoneStatus) -> &'static str {
    use crate::model::MilestoneStatus as M;
    match (zh(language), s) {
        (false, M::Planned) => "planned",
        (false, M::InProgress) => "in progress",
        (false, M::Done) => "done",
        (false, M::Slipped) => "slipped",
        (true, M::Planned) => "计划中",
        (true, M::InProgress) => "进行中",
        (true, M::Done) => "已完成",
        (true, M::Slipped) => "已延期",
    }
}

pub fn expectation_status(language: &str, s: ExpectationStatus) -> &'static str {
    match (zh(language), s) {
        (false, ExpectationStatus::Proposed) => "proposed",
        (false, ExpectationStatus::Agreed) => "agreed",
        (false, ExpectationStatus::AtRisk) => "at risk",
        (false, ExpectationStatus::Changed) => "changed",
        (false, ExpectationStatus::Met) => "met",
        (false, ExpectationStatus::Missed) => "missed",
        (false, ExpectationStatus::Withdrawn) => "withdrawn",
        (true, ExpectationStatus::Proposed) => "待确认",
        (true, ExpectationStatus::Agreed) => "已约定",
        (true, ExpectationStatus::AtRisk) => "有风险",
        (true, ExpectationStatus::Changed) => "已变更",
        (true, ExpectationStatus::Met) => "已达成",
        (true, ExpectationStatus::Missed) => "未达成",
        (true, ExpectationStatus::Withdrawn) => "已撤回",
    }
}

/// What an update kind is called in a client's "next steps"; `None` for internal kinds.
pub fn update_kind(language: &str, k: UpdateKind) -> Option<&'static str> {
    Some(match (zh(language), k) {
        (_, UpdateKind::Other) => return None,
        (false, UpdateKind::Notice) => "Notice",
        (false, UpdateKind::Progress) => "Progress update",
        (false, UpdateKind::Resolution) => "Resolution report",
        (false, UpdateKind::Status) => "Status report",
        (false, UpdateKind::Closing) => "Closing report",
        (true, UpdateKind::Notice) => "问题通知",
        (true, UpdateKind::Progress) => "进展更新",
        (true, UpdateKind::Resolution) => "问题解决说明",
        (true, UpdateKind::Status) => "状态报告",
        (true, UpdateKind::Closing) => "结项报告",
    })
}

/// How long something lasted, rounded as a person says it: minutes under an hour, hours
/// and minutes (to 5 minutes) under 3 hours, whole hours under 2 days, then whole days;
/// "about" / "约" when rounding changed it.
pub fn rough_duration(language: &str, d: Duration) -> String {
    let minutes = d.num_minutes().max(0);
    let round = |m: i64, step: i64| (m + step / 2) / step * step;
    let (shown, exact) = if minutes < 60 {
        (Duration::minutes(minutes), true)
    } else if minutes < 3 * 60 {
        let r = round(minutes, 5);
        (Duration::minutes(r), r == minutes)
    } else if round(minutes, 60) < 48 * 60 {
        let r = round(minutes, 60);
        (Duration::minutes(r), r == minutes)
    } else {
        let r = round(minutes, 1440);
        (Duration::minutes(r), r == minutes)
    };
    let words = if minutes >= 3 * 60 && round(minutes, 60) < 48 * 60 {
        // Whole hours, never "1 day 4 hours": a day and a bit reads as hours.
        let h = shown.num_hours();
        if zh(language) {
            format!("{h}小时")
        } else if h == 1 {
            "1 hour".to_string()
        } else {
            format!("{h} hours")
        }
    } else {
        duration(language, shown)
    };
    match (exact, zh(language)) {
        (true, _) => words,
        (false, true) => format!("约{words}"),
        (false, false) => format!("about {words}"),
    }
}

/// "3 hours 20 minutes" / "3小时20分钟": how long something lasted, to the minute.
pub fn duration(language: &str, d: Duration) -> String {
    let minutes = d.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    if zh(language) {
        let mut out = String::new();
        if days > 0 {
            out.push_str(&format!("{days}天"));
        }
        if hours > 0 {
            out.push_str(&format!("{hours}小时"));
        }
        if mins > 0 || out.is_empty() {
            out.push_str(&format!("{mins}分钟"));
        }
        return out;
    }
    let unit = |n: i64, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(unit(days, "day"));
    }
    if hours > 0 {
        parts.push(unit(hours, "hour"));
    }
    if mins > 0 || parts.is_empty() {
        parts.push(unit(mins, "minute"));
    }
    parts.join(" ")
}

/// The report lines rapport writes itself, in the report's language.
pub fn choose_solution(language: &str, title: &str, options: usize) -> String {
    if zh(language) {
        format!("请为“{title}”选择解决方案（共 {options} 个方案）")
    } else {
        let s = if options == 1 { "" } else { "s" };
        format!("Choose a solution for \"{title}\" ({options} option{s})")
    }
}

pub fn agree_or_adjust(language: &str, statement: &str) -> String {
    if zh(language) {
        format!("确认或调整：{statement}")
    } else {
        format!("Agree or adjust: {statement}")
    }
}

pub fn waiting_for_choice(language: &str) -> &'static str {
    if zh(language) {
        "方案已提出，等待您的选择"
    } else {
        "options proposed, waiting for your choice"
    }
}

/// A drafted subject without its "[Project] " / "【项目】" tag, for a line inside a report.
pub fn without_project_tag(subject: &str) -> &str {
    for (open, close) in [('[', ']'), ('【', '】')] {
        if let Some(rest) = subject.strip_prefix(open)
            && let Some(i) = rest.find(close)
        {
            return rest[i + close.len_utf8()..].trim_start();
        }
    }
    subject
}

/// "label: text", with the full-width colon in Chinese.
pub fn labelled(language: &str, label: &str, text: &str) -> String {
    if zh(language) {
        format!("{label}：{text}")
    } else {
        format!("{label}: {text}")
    }
}

/// "today" / "今天": a promised time that has come.
pub fn today(language: &str) -> &'static str {
    if zh(language) {
        "今天"
    } else {
        "the end of today"
    }
}

/// A report's next step: what the client will hear from us next about an issue, by `by`
/// (None: today). A resolution update confirms the fix; any other update reports progress.
pub fn next_step(language: &str, resolution: bool, about: &str, by: Option<&str>) -> String {
    match (zh(language), resolution, by) {
        (true, true, Some(by)) => format!("{by} 前向您确认“{about}”的解决结果"),
        (true, true, None) => format!("今天向您确认“{about}”的解决结果"),
        (true, false, Some(by)) => format!("{by} 前向您通报“{about}”的最新进展"),
        (true, false, None) => format!("今天向您通报“{about}”的最新进展"),
        (false, true, Some(by)) => format!("We will confirm the fix of \"{about}\" by {by}"),
        (false, true, None) => format!("We will confirm the fix of \"{about}\" today"),
        (false, false, Some(by)) => format!("Update on \"{about}\" by {by}"),
        (false, false, None) => format!("Update on \"{about}\" today"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_words() {
        assert_eq!(duration("en", Duration::minutes(200)), "3 hours 20 minutes");
        assert_eq!(duration("en", Duration::minutes(1500)), "1 day 1 hour");
        assert_eq!(duration("zh-CN", Duration::minutes(200)), "3小时20分钟");
        assert_eq!(duration("en", Duration::zero()), "0 minutes");
    }

    #[test]
    fn an_outage_reads_rounded_as_a_person_says_it() {
        let m = Duration::minutes;
        assert_eq!(rough_duration("en", m(45)), "45 minutes");
        assert_eq!(rough_duration("en", m(90)), "1 hour 30 minutes");
        assert_eq!(rough_duration("en", m(93)), "about 1 hour 35 minutes");
        assert_eq!(rough_duration("en", m(28 * 60 + 3)), "about 28 hours");
        assert_eq!(rough_duration("en", m(4 * 1440 + 3)), "about 4 days");
        assert_eq!(rough_duration("en", m(2 * 1440)), "2 days");
        assert_eq!(rough_duration("zh-CN", m(28 * 60 + 3)), "约28小时");
        assert_eq!(rough_duration("zh-CN", m(4 * 1440 + 3)), "约4天");
        assert_eq!(rough_duration("zh-CN", m(45)), "45分钟");
    }

    #[test]
    fn internal_kinds_have_no_client_word() {
        assert_eq!(update_kind("en", UpdateKind::Other), None);
        assert_eq!(update_kind("zh-CN", UpdateKind::Status), Some("状态报告"));
    }
}
