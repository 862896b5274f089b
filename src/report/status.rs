//! Status and closing reports: what happened in a project over a period, gathered from the
//! store (`report`, also what `report --format json` prints) and rendered with the drafter.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{
    ExpectationStatus, Issue, MilestoneStatus, Project, Update, UpdateKind, WorkingCalendar,
    percent_complete, text,
};
use crate::store::{self, ExpectationQuery, IssueQuery, Listing, UpdateQuery, Window};
use crate::workflow::client_time::{calendar_for, show_to_client};
use crate::workflow::drafts::contact_name;
use crate::workflow::templates::Draft;
use crate::workflow::{Policy, schedule, words};

/// Where a status report starts by default: where the last one ended (when it was sent, or
/// its due time if skipped); with none before `now`, one cadence (a week without one) back.
pub fn default_since(
    conn: &rusqlite::Connection,
    project: &Project,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    Ok(store::client_text::last_status_end(conn, project.id)?
        .filter(|t| *t < now)
        .unwrap_or(now - project.cadence.map_or(Duration::weeks(1), |c| c.period())))
}

#[derive(Debug, Serialize)]
pub struct IssueLine {
    pub id: i64,
    pub title: String,
    pub severity: String,
    pub status: String,
    pub resolution: String,
    pub plan: String,
    /// Options are proposed and none is chosen: the plan says it waits for the client, so
    /// the report does not also give the team's status ("under investigation").
    pub awaiting_choice: bool,
    pub next_update: String,
}

#[derive(Debug, Serialize)]
pub struct ExpectationLine {
    pub id: i64,
    pub statement: String,
    pub status: String,
    pub reason: String,
}

/// An open risk as the client reads it: what could happen and what is prepared.
#[derive(Debug, Serialize)]
pub struct RiskLine {
    pub id: i64,
    pub text: String,
    pub likelihood: String,
    pub impact: String,
    pub exposure: i64,
    /// The prepared responses, each with its time when known.
    pub prepared: Vec<String>,
}

/// How many open risks a report lists (the highest exposure first).
const REPORTED_RISKS: usize = 5;

/// "low", "medium", "high" in the report's language.
fn level_word(language: &str, level: &str) -> String {
    if !language.starts_with("zh") {
        return level.to_string();
    }
    match level {
        "low" => "低",
        "medium" => "中",
        "high" => "高",
        other => other,
    }
    .to_string()
}

fn risk_lines(
    conn: &rusqlite::Connection,
    project_id: i64,
    language: &str,
) -> Result<Vec<RiskLine>> {
    Ok(
        store::risks::list(conn, Some(project_id), false, REPORTED_RISKS)?
            .into_iter()
            .map(|r| RiskLine {
                id: r.id,
                text: text::one_line(&r.text).into_owned(),
                likelihood: level_word(language, r.likelihood.as_str()),
                impact: level_word(language, r.impact.as_str()),
                exposure: r.exposure,
                prepared: r
                    .plans
                    .iter()
                    .map(|p| prepared_line(language, &p.text, &p.time_needed, &p.expected_effect))
                    .collect(),
            })
            .collect(),
    )
}

/// A prepared response as the client reads it: what, how long, what it achieves, with the
/// labels of the report's language (as solution options read).
fn prepared_line(language: &str, what: &str, time: &str, effect: &str) -> String {
    let zh = language.starts_with("zh");
    let (time_label, effect_label, sep, open, close) = if zh {
        ("所需时间：", "预期效果：", "；", "（", "）")
    } else {
        ("time: ", "effect: ", "; ", " (", ")")
    };
    let parts: Vec<String> = [(time_label, time), (effect_label, effect)]
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(label, v)| format!("{label}{}", text::one_line(v)))
        .collect();
    let what = text::one_line(what);
    if parts.is_empty() {
        what.into_owned()
    } else {
        format!("{what}{open}{}{close}", parts.join(sep))
    }
}

/// A milestone as the client reads it.
#[derive(Debug, Serialize)]
pub struct MilestoneLine {
    pub id: i64,
    pub name: String,
    pub due: String,
    pub progress: i64,
    /// Its status in the report's language.
    pub status: String,
    /// Why its date last moved (slipped ones).
    pub reason: String,
    /// Its date moved: the client reads "rescheduled to" its new date, not a status word.
    pub rescheduled: bool,
}

/// How many upcoming milestones a report names.
const NEXT_MILESTONES: usize = 3;

/// Percent complete, milestones finished in [from, now], the next ones, the slipped ones,
/// and all of them (the deliverables of a closing report).
type MilestoneParts = (
    Option<i64>,
    Vec<MilestoneLine>,
    Vec<MilestoneLine>,
    Vec<MilestoneLine>,
    Vec<MilestoneLine>,
);

fn milestone_parts(
    conn: &rusqlite::Connection,
    language: &str,
    project_id: i64,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<MilestoneParts> {
    let all = store::milestones::list(conn, Some(project_id), 1000)?;
    let line = |m: &crate::model::Milestone| MilestoneLine {
        id: m.id,
        name: text::one_line(&m.name).into_owned(),
        due: m.due_on.format("%Y-%m-%d").to_string(),
        progress: m.counted_progress(),
        status: words::milestone_status(language, m.status).into(),
        reason: m
            .revisions
            .iter()
            .rev()
            .find(|r| r.due_from.is_some())
            .map(|r| r.reason.clone())
            .unwrap_or_default(),
        rescheduled: m.status == MilestoneStatus::Slipped,
    };
    let done = all
        .iter()
        .filter(|m| m.status == MilestoneStatus::Done)
        .filter(|m| m.done_at.is_some_and(|t| t >= from && t <= now))
        .map(line)
        .collect();
    let next = all
        .iter()
        .filter(|m| {
            matches!(
                m.status,
                MilestoneStatus::Planned | MilestoneStatus::InProgress
            )
        })
        .take(NEXT_MILESTONES)
        .map(line)
        .collect();
    let slipped = all
        .iter()
        .filter(|m| m.status == MilestoneStatus::Slipped)
        .map(line)
        .collect();
    let deliverables = all.iter().map(line).collect();
    Ok((percent_complete(&all), done, next, slipped, deliverables))
}

/// The data of a status or closing report, also what `report --format json` prints.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The language the report is written in (the project's client's).
    pub language: String,
    pub project: String,
    pub client: String,
    pub contact: String,
    pub sender: String,
    /// The weighted mean of the milestones' progress; none without milestones.
    pub percent_complete: Option<i64>,
    pub milestones_done: Vec<MilestoneLine>,
    pub milestones_next: Vec<MilestoneLine>,
    pub milestones_slipped: Vec<MilestoneLine>,
    pub period_from: String,
    pub period_to: String,
    pub resolved: Vec<IssueLine>,
    pub open_issues: Vec<IssueLine>,
    /// The top open risks by exposure, with what is prepared for each.
    pub risks: Vec<RiskLine>,
    pub updates_sent: usize,
    /// "Issue title: note" for each client note written in the period.
    pub progress: Vec<String>,
    pub decisions_needed: Vec<String>,
    pub expectations: Vec<ExpectationLine>,
    pub outcomes: Vec<ExpectationLine>,
    /// Closing: the expectations still live, to settle as met or missed before the end.
    pub unsettled: Vec<ExpectationLine>,
    /// Closing: every milestone with its status and date.
    pub deliverables: Vec<MilestoneLine>,
    pub lessons: Vec<String>,
    pub next_steps: Vec<String>,
    pub next_report: String,
    pub issue_count: usize,
    pub resolved_count: usize,
}

#[derive(Debug, Serialize)]
struct ReportContext<'a> {
    project: &'a str,
    client: &'a str,
    contact: &'a str,
    sender: &'a str,
    report: &'a Report,
}

/// Where the report's times and dates are read: the project's client's zone (times carry
/// its abbreviation, "2026-11-20 14:00 CST"), else the PM's.
struct ClientClock<'a> {
    policy: &'a Policy,
    cal: Option<WorkingCalendar>,
}

impl ClientClock<'_> {
    fn time(&self, t: DateTime<Utc>) -> String {
        show_to_client(self.policy, self.cal.as_ref(), t)
    }

    fn date(&self, t: DateTime<Utc>) -> String {
        match &self.cal {
            Some(c) => t.with_timezone(&c.zone).format("%Y-%m-%d").to_string(),
            None => self.policy.zone.local(t).format("%Y-%m-%d").to_string(),
        }
    }
}

/// When the client hears next about an issue, as a report dated `now` says it: the due time
/// of its pending progress or resolution update in the queue (else its `next_update_due`),
/// or "today" once that time has come.
fn next_update_of(
    clock: &ClientClock,
    language: &str,
    i: &Issue,
    pending: &[Update],
    now: DateTime<Utc>,
) -> String {
    pending
        .iter()
        .filter(|u| {
            u.issue_id == Some(i.id)
                && matches!(u.kind, UpdateKind::Progress | UpdateKind::Resolution)
        })
        .map(|u| u.due_at)
        .min()
        .or(i.next_update_due)
        .map(|t| {
            if t > now {
                clock.time(t)
            } else {
                words::today(language).to_string()
            }
        })
        .unwrap_or_default()
}

fn issue_line(language: &str, i: &Issue, next_update: String) -> IssueLine {
    let plan = match i.options.iter().find(|o| o.chosen) {
        Some(o) => o.text.clone(),
        None if !i.options.is_empty() => words::waiting_for_choice(language).into(),
        None => String::new(),
    };
    IssueLine {
        id: i.id,
        title: i.title.clone(),
        severity: words::severity(language, i.severity).into(),
        status: words::issue_status(language, i.status).into(),
        resolution: i.resolution.clone(),
        plan,
        awaiting_choice: !i.options.is_empty() && !i.options.iter().any(|o| o.chosen),
        next_update,
    }
}

/// Gathers a project's report for [since, now): status when `closing` is false.
pub fn report(
    conn: &rusqlite::Connection,
    policy: &Policy,
    project: &Project,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    closing: bool,
) -> Result<Report> {
    report_as(conn, policy, project, since, now, closing, false)
}

/// When the status report after this one is due: the one the rules will queue once this one
/// is done when `queued` (this report is the project's queued status report), else the
/// queued one still to come. None without a cadence (no report is planned).
fn next_report_due(
    conn: &rusqlite::Connection,
    policy: &Policy,
    project: &Project,
    now: DateTime<Utc>,
    queued: bool,
) -> Result<Option<DateTime<Utc>>> {
    let Some(cadence) = project.cadence else {
        return Ok(None);
    };
    let pending = store::updates::pending_status(conn, project.id)?.map(|u| u.due_at);
    let cal = crate::workflow::client_time::calendar_for(conn, policy, project.client_id)?;
    let after = |last| schedule::next_status_due(policy, cal.as_ref(), cadence, last, now);
    Ok(Some(match (queued, pending) {
        // This report is the queued one (or is being queued, due `now`).
        (true, p) => after(Some(p.unwrap_or(now))),
        (false, Some(p)) => p.max(now),
        (false, None) => after(store::updates::last_status_due(conn, project.id)?),
    }))
}

/// A report as [`report`] gathers it; `queued` says it is the project's queued status report
/// (its draft), so its next report is the one after it.
pub fn report_as(
    conn: &rusqlite::Connection,
    policy: &Policy,
    project: &Project,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    closing: bool,
    queued: bool,
) -> Result<Report> {
    let from = if closing {
        project.created_at
    } else {
        // A new project's first report starts when the project does.
        since.max(project.created_at)
    };
    let language = words::language_for_project(conn, project.id, policy)?;
    let clock = ClientClock {
        policy,
        cal: calendar_for(conn, policy, project.client_id)?,
    };
    let open: Vec<Issue> = IssueQuery {
        project_id: Some(project.id),
        ..Default::default()
    }
    .list(conn, Window::new(0, 100))?;
    let resolved = store::issues::resolved_between(conn, project.id, from, now, 100)?;
    let all_q = IssueQuery {
        project_id: Some(project.id),
        include_closed: true,
        ..Default::default()
    };
    let issue_count = all_q.count(conn)?;
    let resolved_count = issue_count
        - IssueQuery {
            project_id: Some(project.id),
            ..Default::default()
        }
        .count(conn)?;
    // Done in the period: what was written for the client about each issue, never the
    // communication log (the team's private record).
    let progress = store::client_text::notes_of_project_between(conn, project.id, from, now)?
        .into_iter()
        .map(|(title, n)| words::labelled(&language, &title, &text::one_line(&n.text)))
        .collect();
    let expectations = ExpectationQuery {
        project_id: Some(project.id),
        include_settled: true,
        ..Default::default()
    }
    .list(conn, Window::new(0, 200))?;
    let mut troubled = Vec::new();
    let mut outcomes = Vec::new();
    let mut unsettled = Vec::new();
    let mut proposed = Vec::new();
    for e in &expectations {
        let last_reason = store::expectations::revisions(conn, e.id)?
            .into_iter()
            .rev()
            .find(|r| r.reason != "recorded")
            .map(|r| r.reason)
            .unwrap_or_default();
        let line = ExpectationLine {
            id: e.id,
            statement: e.statement.clone(),
            status: words::expectation_status(&language, e.status).into(),
            reason: last_reason,
        };
        if e.status == ExpectationStatus::Proposed {
            proposed.push(words::agree_or_adjust(&language, &e.statement));
        }
        if matches!(
            e.status,
            ExpectationStatus::AtRisk | ExpectationStatus::Changed | ExpectationStatus::Missed
        ) && (closing || e.updated_at >= from || e.status == ExpectationStatus::AtRisk)
        {
            troubled.push(ExpectationLine {
                id: line.id,
                statement: line.statement.clone(),
                status: line.status.clone(),
                reason: line.reason.clone(),
            });
        }
        if closing && e.status.is_live() {
            unsettled.push(line);
        } else {
            outcomes.push(line);
        }
    }
    let mut decisions_needed: Vec<String> = open
        .iter()
        .filter(|i| !i.options.is_empty() && !i.options.iter().any(|o| o.chosen))
        .map(|i| words::choose_solution(&language, &i.title, i.options.len()))
        .collect();
    decisions_needed.extend(proposed);
    let pending = UpdateQuery {
        project_id: Some(project.id),
        ..Default::default()
    }
    .list(conn, Window::new(0, 200))?;
    // What the client will hear from us next about an issue: its progress and resolution
    // updates (a notice is our first word on an issue this report already describes; other
    // kinds are not about an issue).
    let next_steps = pending
        .iter()
        .filter(|u| matches!(u.kind, UpdateKind::Progress | UpdateKind::Resolution))
        .map(|u| {
            // The issue's title says what it is about (a resolved issue is no longer open:
            // never the subject's "Resolved: " prefix); a typed subject without an issue.
            let title = match u.issue_id {
                Some(id) => match open.iter().chain(&resolved).find(|i| i.id == id) {
                    Some(i) => Some(i.title.clone()),
                    None => store::issues::get(conn, id).ok().map(|i| i.title),
                },
                None => None,
            };
            let about = title.unwrap_or_else(|| words::without_project_tag(&u.subject).to_string());
            // An update already late goes out with this report: today.
            let by = (u.due_at > now).then(|| clock.time(u.due_at));
            let resolution = u.kind == UpdateKind::Resolution;
            words::next_step(&language, resolution, &about, by.as_deref())
        })
        .collect();
    let lessons = if closing {
        all_q
            .list(conn, Window::new(0, 500))?
            .into_iter()
            .filter(|i| !i.lessons.trim().is_empty())
            .map(|i| format!("{}: {}", i.title, text::one_line(&i.lessons)))
            .collect()
    } else {
        Vec::new()
    };
    let (percent_complete, milestones_done, milestones_next, milestones_slipped, deliverables) =
        milestone_parts(conn, &language, project.id, from, now)?;
    Ok(Report {
        percent_complete,
        milestones_done,
        milestones_next,
        milestones_slipped,
        language: language.clone(),
        project: project.name.clone(),
        client: project.client.clone(),
        contact: contact_name(conn, project, None)?,
        sender: policy.sender.clone(),
        period_from: clock.date(from),
        period_to: clock.date(now),
        resolved: resolved
            .iter()
            .map(|i| issue_line(&language, i, String::new()))
            .collect(),
        open_issues: open
            .iter()
            .map(|i| {
                issue_line(
                    &language,
                    i,
                    next_update_of(&clock, &language, i, &pending, now),
                )
            })
            .collect(),
        risks: risk_lines(conn, project.id, &language)?,
        updates_sent: store::updates::sent_between(conn, project.id, from, now)?,
        progress,
        decisions_needed,
        expectations: troubled,
        outcomes,
        unsettled,
        deliverables: if closing { deliverables } else { Vec::new() },
        lessons,
        next_steps,
        next_report: next_report_due(conn, policy, project, now, queued)?
            .map(|t| clock.date(t))
            .unwrap_or_default(),
        issue_count,
        resolved_count,
    })
}

/// Renders a report with the status or closing template.
pub fn render_report(policy: &Policy, report: &Report, closing: bool) -> Result<Draft> {
    let ctx = ReportContext {
        project: &report.project,
        // "华东银行 移动端" already names its client: never "华东银行的华东银行 移动端".
        client: if report.project.starts_with(report.client.as_str()) {
            ""
        } else {
            &report.client
        },
        contact: &report.contact,
        sender: &report.sender,
        report,
    };
    let kind = if closing {
        UpdateKind::Closing
    } else {
        UpdateKind::Status
    };
    policy
        .drafter
        .render_in(&report.language, kind, &ctx)?
        .ok_or_else(|| Error::Template(format!("no template for {kind}")))
}
