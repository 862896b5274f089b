//! Drafting client updates from templates (minijinja) filled with the record's data.
//! Built-in templates live in assets/templates/<language>/; a user's copies in
//! `<config dir>/templates/<language>/<kind>.txt` replace them.

use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use minijinja::Environment;
use serde::Serialize;

use super::policy::Policy;
use super::words;
use crate::error::{Error, Result};
use crate::model::{ExpectationStatus, Issue, Project, UpdateKind, text};
use crate::store::{self, ExpectationQuery, IssueQuery, Listing, UpdateQuery, Window};

const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "en",
        "notice",
        include_str!("../../assets/templates/en/notice.txt"),
    ),
    (
        "en",
        "progress",
        include_str!("../../assets/templates/en/progress.txt"),
    ),
    (
        "en",
        "resolution",
        include_str!("../../assets/templates/en/resolution.txt"),
    ),
    (
        "en",
        "status",
        include_str!("../../assets/templates/en/status.txt"),
    ),
    (
        "en",
        "closing",
        include_str!("../../assets/templates/en/closing.txt"),
    ),
    (
        "zh-CN",
        "notice",
        include_str!("../../assets/templates/zh-CN/notice.txt"),
    ),
    (
        "zh-CN",
        "progress",
        include_str!("../../assets/templates/zh-CN/progress.txt"),
    ),
    (
        "zh-CN",
        "resolution",
        include_str!("../../assets/templates/zh-CN/resolution.txt"),
    ),
    (
        "zh-CN",
        "status",
        include_str!("../../assets/templates/zh-CN/status.txt"),
    ),
    (
        "zh-CN",
        "closing",
        include_str!("../../assets/templates/zh-CN/closing.txt"),
    ),
];

/// The kinds that have a template.
pub const DRAFTED: &[UpdateKind] = &[
    UpdateKind::Notice,
    UpdateKind::Progress,
    UpdateKind::Resolution,
    UpdateKind::Status,
    UpdateKind::Closing,
];

pub struct Drafter {
    env: Environment<'static>,
    /// The built-in templates, for when a user's copy fails to render.
    builtin: Environment<'static>,
    pub language: String,
    /// One line per user template that could not be used (file, line, error); the built-in
    /// template stands in, so a broken template never blocks recording an issue.
    pub warnings: Vec<String>,
}

/// A rendered update: the template's `Subject:` line and the rest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    pub subject: String,
    pub body: String,
    /// The next-update time the body promises, if it promises one.
    #[serde(skip)]
    pub promised_at: Option<DateTime<Utc>>,
}

fn template_error(e: minijinja::Error) -> Error {
    Error::Template(e.to_string())
}

fn environment() -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(template_error)?,
    );
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    Ok(env)
}

/// "template /x/en/notice.txt line 3: syntax error: ...; using the built-in one".
fn broken(path: &std::path::Path, e: &minijinja::Error) -> String {
    let line = e.line().map(|l| format!(" line {l}")).unwrap_or_default();
    let what = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    format!(
        "template {}{line}: {what}; using the built-in one",
        path.display()
    )
}

impl Drafter {
    pub fn new(language: &str, overrides: Option<PathBuf>) -> Result<Drafter> {
        if !BUILTIN.iter().any(|(l, _, _)| *l == language) {
            return Err(Error::invalid("language", language, "en, zh-CN".into()));
        }
        let mut env = environment()?;
        let mut builtin = environment()?;
        let mut warnings = Vec::new();
        // Every language is loaded: a client's own language picks its templates per project.
        for (lang, kind, source) in BUILTIN {
            let name = format!("{lang}/{kind}");
            builtin
                .add_template_owned(name.clone(), *source)
                .map_err(|e| Error::Template(format!("built-in {lang}/{kind}: {e}")))?;
            let user = overrides
                .as_ref()
                .map(|dir| dir.join(lang).join(format!("{kind}.txt")))
                .filter(|p| p.is_file());
            let mut added = false;
            if let Some(path) = user {
                match std::fs::read_to_string(&path) {
                    Ok(text) => match env.add_template_owned(name.clone(), text) {
                        Ok(()) => added = true,
                        Err(e) => warnings.push(broken(&path, &e)),
                    },
                    Err(e) => warnings.push(format!(
                        "template {}: {e}; using the built-in one",
                        path.display()
                    )),
                }
            }
            if !added {
                env.add_template_owned(name, *source)
                    .map_err(|e| Error::Template(format!("built-in {lang}/{kind}: {e}")))?;
            }
        }
        Ok(Drafter {
            env,
            builtin,
            language: language.to_string(),
            warnings,
        })
    }

    /// Renders `kind` with `ctx` in the configured language; kinds without a template give
    /// an empty body.
    pub fn render<C: Serialize>(&self, kind: UpdateKind, ctx: &C) -> Result<Option<Draft>> {
        self.render_in(&self.language, kind, ctx)
    }

    /// Renders `kind` with the templates of `language` (the configured one if unknown).
    pub fn render_in<C: Serialize>(
        &self,
        language: &str,
        kind: UpdateKind,
        ctx: &C,
    ) -> Result<Option<Draft>> {
        if !DRAFTED.contains(&kind) {
            return Ok(None);
        }
        let language = if BUILTIN.iter().any(|(l, _, _)| *l == language) {
            language
        } else {
            &self.language
        };
        let name = format!("{language}/{kind}");
        let value = minijinja::Value::from(minijinja::value::Serde(ctx));
        let render = |env: &Environment<'static>| {
            env.get_template(&name)
                .and_then(|t| t.render(value.clone()))
        };
        // A user's template that fails at render time gives way to the built-in one.
        let text = render(&self.env)
            .or_else(|_| render(&self.builtin))
            .map_err(template_error)?;
        let (subject, body) = match text.strip_prefix("Subject:") {
            Some(rest) => {
                let (first, body) = rest.split_once('\n').unwrap_or((rest, ""));
                (
                    first.trim().to_string(),
                    body.trim_start_matches('\n').to_string(),
                )
            }
            None => (String::new(), text),
        };
        Ok(Some(Draft {
            subject,
            body: tidy(&body),
            promised_at: None,
        }))
    }
}

/// No runs of blank lines and no trailing spaces, whatever the template's conditionals left.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_string() + "\n"
}

#[derive(Debug, Serialize)]
struct OptionCtx {
    number: i64,
    text: String,
    time_needed: String,
    expected_effect: String,
    chosen: bool,
}

#[derive(Debug, Serialize)]
struct IssueCtx {
    id: i64,
    title: String,
    description: String,
    severity: String,
    status: String,
    detected: String,
    resolved: String,
    cause: String,
    impact: String,
    our_fault: bool,
    options: Vec<OptionCtx>,
    chosen: Option<OptionCtx>,
    resolution: String,
    /// How long the client was affected, detection to resolution, in words.
    affected: String,
    lessons: String,
    prevention: String,
    /// The fix is under way (in progress), with or without a chosen option.
    fixing: bool,
    /// What the team is doing, in words, for "nothing changed yet" updates.
    doing: &'static str,
    doing_zh: &'static str,
}

#[derive(Debug, Serialize)]
pub struct IssueDraftContext {
    /// The language the draft is written in (the project's client's).
    #[serde(skip)]
    pub language: String,
    project: String,
    client: String,
    contact: String,
    sender: String,
    issue: IssueCtx,
    next_update: String,
    last_update: String,
    changes: Vec<String>,
}

fn option_ctx(o: &crate::model::SolutionOption) -> OptionCtx {
    OptionCtx {
        number: o.number,
        text: o.text.clone(),
        time_needed: o.time_needed.clone(),
        expected_effect: o.expected_effect.clone(),
        chosen: o.chosen,
    }
}

fn contact_name(
    conn: &rusqlite::Connection,
    project: &Project,
    contact_id: Option<i64>,
) -> Result<String> {
    let contact = match contact_id {
        Some(id) => Some(store::projects::get_contact(conn, id)?),
        None => store::projects::primary_contact(conn, project.client_id)?,
    };
    Ok(contact.map(|c| c.name).unwrap_or_default())
}

/// Everything an issue's notice, progress or resolution update says, from the store.
pub fn issue_context(
    conn: &rusqlite::Connection,
    policy: &Policy,
    issue: &Issue,
    contact_id: Option<i64>,
    next_update: DateTime<Utc>,
) -> Result<IssueDraftContext> {
    let project = store::projects::get_project(conn, issue.project_id)?;
    let language = words::language_for_project(conn, project.id, policy)?;
    let last_sent = store::updates::last_sent_for_issue(conn, issue.id)?;
    // What was done since the client last heard from us: the notes written for the client
    // (never the communication log, which is the team's private record).
    let changes: Vec<String> = store::client_text::notes_of_issue(conn, issue.id)?
        .into_iter()
        .filter(|n| last_sent.is_none_or(|t| n.at > t))
        .map(|n| words::labelled(&language, &policy.show(n.at), &text::one_line(&n.text)))
        .collect();
    let (doing, doing_zh) = match issue.status {
        crate::model::IssueStatus::New | crate::model::IssueStatus::Investigating => {
            ("investigating the cause", "排查原因")
        }
        crate::model::IssueStatus::SolutionProposed => {
            ("waiting for your choice of solution", "等待您选择方案")
        }
        _ => ("working on the fix", "实施修复"),
    };
    Ok(IssueDraftContext {
        language: language.clone(),
        project: project.name.clone(),
        client: project.client.clone(),
        contact: contact_name(conn, &project, contact_id)?,
        sender: policy.sender.clone(),
        issue: IssueCtx {
            id: issue.id,
            title: issue.title.clone(),
            description: issue.description.clone(),
            severity: words::severity(&language, issue.severity).to_string(),
            status: words::issue_status(&language, issue.status).to_string(),
            detected: policy.show(issue.detected_at),
            resolved: issue
                .resolved_at
                .map(|t| policy.show(t))
                .unwrap_or_default(),
            cause: issue.cause.clone(),
            impact: issue.impact.clone(),
            our_fault: issue.our_fault,
            options: issue.options.iter().map(option_ctx).collect(),
            chosen: issue.options.iter().find(|o| o.chosen).map(option_ctx),
            resolution: issue.resolution.clone(),
            affected: issue
                .resolved_at
                .map(|t| words::duration(&language, t - issue.detected_at))
                .unwrap_or_default(),
            lessons: issue.lessons.clone(),
            prevention: issue.prevention.clone(),
            fixing: issue.status == crate::model::IssueStatus::InProgress,
            doing,
            doing_zh,
        },
        // A promise names the client's wall clock and zone ("14:00 CST").
        next_update: super::clients::show_to_client(
            policy,
            super::clients::calendar_for(conn, policy, project.client_id)?.as_ref(),
            next_update,
        ),
        last_update: last_sent.map(|t| policy.show(t)).unwrap_or_default(),
        changes,
    })
}

#[derive(Debug, Serialize)]
pub struct IssueLine {
    pub id: i64,
    pub title: String,
    pub severity: String,
    pub status: String,
    pub resolution: String,
    pub plan: String,
    pub next_update: String,
}

#[derive(Debug, Serialize)]
pub struct ExpectationLine {
    pub id: i64,
    pub statement: String,
    pub status: String,
    pub reason: String,
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
    pub period_from: String,
    pub period_to: String,
    pub resolved: Vec<IssueLine>,
    pub open_issues: Vec<IssueLine>,
    pub updates_sent: usize,
    /// "Issue title: note" for each client note written in the period.
    pub progress: Vec<String>,
    pub decisions_needed: Vec<String>,
    pub expectations: Vec<ExpectationLine>,
    pub outcomes: Vec<ExpectationLine>,
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

fn issue_line(policy: &Policy, language: &str, i: &Issue, now: DateTime<Utc>) -> IssueLine {
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
        next_update: i
            .next_update_due
            .map(|t| policy.show(t.max(now)))
            .unwrap_or_default(),
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
    let from = if closing {
        project.created_at
    } else {
        // A new project's first report starts when the project does.
        since.max(project.created_at)
    };
    let language = words::language_for_project(conn, project.id, policy)?;
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
        outcomes.push(line);
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
    .list(conn, Window::new(0, 10))?;
    let next_steps = pending
        .iter()
        .filter(|u| u.kind != UpdateKind::Status)
        .filter_map(|u| {
            let kind = words::update_kind(&language, u.kind)?;
            // An update already late goes out with this report, so it is promised for now.
            Some(words::next_step(
                &language,
                kind,
                &policy.show(u.due_at.max(now)),
                // The issue's title says what it is about; a typed subject otherwise.
                &open
                    .iter()
                    .find(|i| Some(i.id) == u.issue_id)
                    .map(|i| i.title.clone())
                    .unwrap_or_else(|| words::without_project_tag(&u.subject).to_string()),
            ))
        })
        .collect();
    let period = project
        .cadence
        .map(|c| c.period())
        .unwrap_or(Duration::weeks(1));
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
    Ok(Report {
        language: language.clone(),
        project: project.name.clone(),
        client: project.client.clone(),
        contact: contact_name(conn, project, None)?,
        sender: policy.sender.clone(),
        period_from: policy.zone.local(from).format("%Y-%m-%d").to_string(),
        period_to: policy.zone.local(now).format("%Y-%m-%d").to_string(),
        resolved: resolved
            .iter()
            .map(|i| issue_line(policy, &language, i, now))
            .collect(),
        open_issues: open
            .iter()
            .map(|i| issue_line(policy, &language, i, now))
            .collect(),
        updates_sent: store::updates::sent_between(conn, project.id, from, now)?,
        progress,
        decisions_needed,
        expectations: troubled,
        outcomes,
        lessons,
        next_steps,
        next_report: policy
            .zone
            .local(now + period)
            .format("%Y-%m-%d")
            .to_string(),
        issue_count,
        resolved_count,
    })
}

/// Renders a report with the status or closing template.
pub fn render_report(policy: &Policy, report: &Report, closing: bool) -> Result<Draft> {
    let ctx = ReportContext {
        project: &report.project,
        client: &report.client,
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
