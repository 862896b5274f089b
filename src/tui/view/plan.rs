//! The Plan pane: one section at a time (milestones, risks, satisfaction reviews), named in
//! the pane's title with the one on screen in brackets; and the detail of each kind.

use crate::i18n::tr;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::panes::{Col, cell, col, draw_table, label_line, len, min, styled};
use crate::model::text::one_line;
use crate::model::{Milestone, MilestoneStatus, Review, Risk, RiskStatus};
use crate::tui::app::{App, PlanSection};
use crate::tui::theme;
use crate::tui::words::{relative, word};

/// "Plan: [Milestones] Risks Reviews …": every section, the one on screen in brackets; in a
/// window too narrow for them all with the count, the one on screen with its place
/// ("Plan 7/8: [People]"), so the count of rows stays in view.
fn name(on: PlanSection, width: u16) -> String {
    let parts: Vec<String> = PlanSection::ALL
        .iter()
        .map(|s| {
            if *s == on {
                format!("[{}]", s.title())
            } else {
                s.title().to_string()
            }
        })
        .collect();
    let full = crate::i18n::trf("Plan: {sections}", &[("sections", &parts.join(" "))]);
    // Room for the borders and the row count ("123/4567 ").
    if unicode_width::UnicodeWidthStr::width(full.as_str()) + 14 <= usize::from(width) {
        return full;
    }
    let at = PlanSection::ALL.iter().position(|s| *s == on).unwrap_or(0) + 1;
    crate::i18n::trf(
        "Plan {at}/{n}: [{section}] · ]/[",
        &[
            ("at", &at),
            ("n", &PlanSection::ALL.len()),
            ("section", &on.title()),
        ],
    )
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let title = name(app.plan.section, area.width);
    match app.plan.section {
        PlanSection::Milestones => milestones(frame, app, area, &title),
        PlanSection::Risks => risks(frame, app, area, &title),
        PlanSection::CommPlan => super::plan_comms::entries(frame, app, area, &title),
        PlanSection::Meetings => super::plan_meetings::meetings(frame, app, area, &title),
        PlanSection::Actions => super::plan_meetings::actions(frame, app, area, &title),
        PlanSection::Reviews => reviews(frame, app, area, &title),
        PlanSection::People => super::plan_people::people(frame, app, area, &title),
        PlanSection::Clients => super::plan_people::clients(frame, app, area, &title),
    }
}

/// "███░░░░░ 40%" in the wide layout, "40%" in the narrow one.
fn progress(m: &Milestone, wide: bool) -> String {
    let p = m.counted_progress().clamp(0, 100);
    if !wide {
        return format!("{p}%");
    }
    let full = usize::try_from(p / 10).unwrap_or(0);
    format!("{}{} {p:>3}%", "█".repeat(full), "░".repeat(10 - full))
}

fn milestone_style(app: &App, m: &Milestone) -> Style {
    match m.status {
        MilestoneStatus::Done => theme::dim(),
        MilestoneStatus::Slipped => theme::overdue(),
        _ if m.due_on < app.zone.local(app.now).date_naive() => theme::overdue(),
        _ => Style::new(),
    }
}

const MILESTONE_COLS: [Col; 7] = [
    col("#", len(4), len(5)),
    col("due", len(10), len(10)),
    col("status", len(11), len(11)),
    col("done", len(4), len(15)),
    col("weight", None, len(6)),
    col("project", len(12), len(24)),
    col("milestone", min(12), min(20)),
];

fn milestones(frame: &mut Frame, app: &App, area: Rect, title: &str) {
    let wide = area.width >= 110;
    let rows = app.plan.milestones.rows.iter().map(|m| {
        let cells = vec![
            cell(&m.id.to_string()),
            cell(&m.due_on.to_string()),
            styled(
                word(&m.status.to_string()).to_string(),
                milestone_style(app, m),
            ),
            cell(&progress(m, wide)),
            cell(&m.weight.to_string()),
            cell(&m.project),
            cell(&m.name),
        ];
        let style = if m.status == MilestoneStatus::Done {
            theme::dim()
        } else {
            Style::new()
        };
        (cells, style)
    });
    draw_table(
        frame,
        area,
        title,
        &app.plan.milestones,
        &MILESTONE_COLS,
        rows,
        tr(
            "No milestones yet. Press a to add one: a project's % complete comes from them. ] shows the risks.",
        ),
    );
}

const RISK_COLS: [Col; 10] = [
    col("#", len(4), len(5)),
    col("exposure", len(8), len(8)),
    col("likely", None, len(6)),
    col("impact", None, len(6)),
    col("status", len(8), len(8)),
    col("project", len(12), len(24)),
    col("owner", None, len(12)),
    col("review", len(8), len(10)),
    col("plans", len(5), len(5)),
    col("risk", min(12), min(20)),
];

fn risks(frame: &mut Frame, app: &App, area: Rect, title: &str) {
    let rows = app.plan.risks.rows.iter().map(|r| {
        let review = match r.review_at {
            Some(t) if t <= app.now && r.status.is_open() => {
                styled(relative(app.now, t), theme::overdue())
            }
            Some(t) => cell(&relative(app.now, t)),
            None => cell("-"),
        };
        let exposure = if r.exposure >= 6 && r.status.is_open() {
            styled(format!("{:>3}/9", r.exposure), theme::overdue())
        } else {
            cell(&format!("{:>3}/9", r.exposure))
        };
        let cells = vec![
            cell(&r.id.to_string()),
            exposure,
            cell(word(r.likelihood.as_str())),
            cell(word(r.impact.as_str())),
            cell(word(r.status.as_str())),
            cell(&r.project),
            cell(&r.owner),
            review,
            cell(&r.plans.len().to_string()),
            cell(&r.text),
        ];
        let style = if r.status.is_open() {
            Style::new()
        } else {
            theme::dim()
        };
        (cells, style)
    });
    draw_table(
        frame,
        area,
        title,
        &app.plan.risks,
        &RISK_COLS,
        rows,
        tr("No risks listed. Press a to add one before it happens, then p to prepare a response."),
    );
}

const REVIEW_COLS: [Col; 7] = [
    col("#", len(4), len(5)),
    col("when", len(10), len(16)),
    col("score", len(5), len(5)),
    col("project", len(12), len(24)),
    col("by", len(12), len(16)),
    col("milestone", None, len(9)),
    col("comment", min(12), min(20)),
];

fn reviews(frame: &mut Frame, app: &App, area: Rect, title: &str) {
    let wide = area.width >= 110;
    let rows = app.plan.reviews.rows.iter().map(|r| {
        let when = if wide {
            app.show_time(r.at)
        } else {
            app.zone.local(r.at).format("%Y-%m-%d").to_string()
        };
        let cells = vec![
            cell(&r.id.to_string()),
            cell(&when),
            styled(format!("{}/5", r.score), score_style(r)),
            cell(&r.project),
            cell(&r.contact),
            cell(&r.milestone_id.map(|m| format!("#{m}")).unwrap_or_default()),
            cell(&r.comment),
        ];
        (cells, Style::new())
    });
    draw_table(
        frame,
        area,
        title,
        &app.plan.reviews,
        &REVIEW_COLS,
        rows,
        tr("No satisfaction reviews yet. Press a to record the client's score (1-5)."),
    );
}

fn score_style(r: &Review) -> Style {
    if r.score <= crate::model::LOW_SCORE {
        theme::overdue()
    } else {
        Style::new()
    }
}

fn plain(out: &mut Vec<Line<'static>>, label: &str, value: String) {
    if !value.is_empty() {
        out.push(label_line(
            label,
            one_line(&value).into_owned(),
            Style::new(),
        ));
    }
}

/// A milestone's detail: progress, dates, and every date it was given with the reason.
pub(super) fn milestone_lines(app: &App, m: &Milestone) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    plain(&mut out, tr("milestone"), m.name.clone());
    plain(&mut out, tr("project"), m.project.clone());
    out.push(label_line(
        tr("status"),
        m.status.to_string(),
        milestone_style(app, m),
    ));
    plain(&mut out, tr("progress"), progress(m, true));
    plain(&mut out, tr("due"), m.due_on.to_string());
    plain(&mut out, tr("weight"), m.weight.to_string());
    if let Some(t) = m.done_at {
        plain(&mut out, tr("done"), app.show_time(t));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(tr("Date history"), theme::section()));
    for r in &m.revisions {
        let change = match r.due_from {
            Some(from) if from != r.due_to => format!("{from} → {}", r.due_to),
            Some(_) => format!("{} (kept)", r.due_to),
            None => format!("planned for {}", r.due_to),
        };
        // The first entry's reason is the library's "planned": the change says it already.
        let why = if r.due_from.is_none() && r.reason == "planned" {
            String::new()
        } else {
            format!(": {}", one_line(&r.reason))
        };
        out.push(Line::raw(format!(
            "  {}  {change}{why}",
            app.show_time(r.at)
        )));
    }
    out
}

/// A risk's detail: how likely and how bad, who watches what, and the responses prepared.
pub(super) fn risk_lines(app: &App, r: &Risk) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    plain(&mut out, tr("risk"), r.text.clone());
    plain(&mut out, tr("project"), r.project.clone());
    plain(&mut out, tr("status"), r.status.to_string());
    plain(&mut out, tr("likelihood"), r.likelihood.to_string());
    plain(&mut out, tr("impact"), r.impact.to_string());
    let exposure_style = if r.exposure >= 6 && r.status.is_open() {
        theme::overdue()
    } else {
        Style::new()
    };
    out.push(label_line(
        tr("exposure"),
        format!("{}/9 (likelihood × impact)", r.exposure),
        exposure_style,
    ));
    plain(&mut out, tr("owner"), r.owner.clone());
    plain(&mut out, tr("trigger"), r.trigger.clone());
    if let Some(t) = r.review_at {
        let style = if t <= app.now && r.status.is_open() {
            theme::overdue()
        } else {
            Style::new()
        };
        out.push(label_line(
            tr("review"),
            format!("{} ({})", app.show_time(t), relative(app.now, t)),
            style,
        ));
    }
    if let Some(i) = r.issue_id {
        plain(
            &mut out,
            tr("issue"),
            format!("#{i} (opened when it happened)"),
        );
    }
    out.push(Line::raw(""));
    out.push(Line::styled(tr("Prepared responses"), theme::section()));
    if r.plans.is_empty() {
        out.push(Line::styled(
            "  none yet: p prepares one (they become the client's options if it happens)",
            theme::dim(),
        ));
    }
    for (n, p) in r.plans.iter().enumerate() {
        let mut text = format!("  {}. {}", n + 1, one_line(&p.text));
        if !p.time_needed.is_empty() {
            text.push_str(&format!(" — time: {}", one_line(&p.time_needed)));
        }
        if !p.expected_effect.is_empty() {
            text.push_str(&format!(" — effect: {}", one_line(&p.expected_effect)));
        }
        out.push(Line::raw(text));
    }
    if r.status == RiskStatus::Open || r.status == RiskStatus::Watching {
        out.push(Line::raw(""));
        out.push(Line::styled(
            "  o: it happened (opens an issue with these options and tells the client)",
            theme::dim(),
        ));
    }
    out
}

/// A satisfaction review's detail (the team's own measure).
pub(super) fn review_lines(app: &App, r: &Review) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    plain(&mut out, tr("project"), r.project.clone());
    out.push(label_line(
        tr("score"),
        format!("{}/5", r.score),
        score_style(r),
    ));
    plain(&mut out, tr("given"), app.show_time(r.at));
    plain(&mut out, tr("by"), r.contact.clone());
    plain(
        &mut out,
        tr("milestone"),
        r.milestone_id.map(|m| format!("#{m}")).unwrap_or_default(),
    );
    if !r.comment.trim().is_empty() {
        out.push(Line::raw(""));
        for l in crate::model::text::multi_line(&r.comment).lines() {
            out.push(Line::raw(format!("  {l}")));
        }
    }
    out
}
