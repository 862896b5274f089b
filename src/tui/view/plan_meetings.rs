//! The Plan pane's meeting sections: meetings and the actions agreed in them, with the
//! detail of each.

use crate::i18n::{tr, trf};
use crate::tui::action::Action;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::panes::{Col, cell, col, draw_table, label_line, len, min, styled};
use super::plan_comms::plain;
use crate::model::text::one_line;
use crate::model::{Meeting, MeetingAction};
use crate::tui::app::App;
use crate::tui::theme;
use crate::tui::words::relative;

/// When a meeting is, and whether it still needs its minutes.
fn meeting_state(app: &App, m: &Meeting) -> (String, Style) {
    if m.held() {
        ("minuted".into(), theme::dim())
    } else if m.at <= app.now {
        ("no minutes".into(), theme::overdue())
    } else {
        ("planned".into(), Style::new())
    }
}

const MEETING_COLS: [Col; 7] = [
    col("#", len(4), len(5)),
    col("when", len(16), len(16)),
    col("state", len(10), len(10)),
    col("project", len(12), len(24)),
    col("attendees", None, len(20)),
    col("team", None, len(14)),
    col("title", min(12), min(20)),
];

pub(super) fn meetings(frame: &mut Frame, app: &App, area: Rect, title: &str) {
    let rows = app.plan.meetings.rows.iter().map(|m| {
        let (state, style) = meeting_state(app, m);
        let attendees: Vec<&str> = m.attendees.iter().map(|a| a.name.as_str()).collect();
        let cells = vec![
            cell(&m.id.to_string()),
            cell(&app.show_time(m.at)),
            styled(state, style),
            cell(&m.project),
            cell(&attendees.join(", ")),
            cell(&m.team),
            cell(&m.title),
        ];
        (cells, Style::new())
    });
    draw_table(
        frame,
        area,
        title,
        &app.plan.meetings,
        &MEETING_COLS,
        rows,
        &trf(
            "No meetings yet. Press {add} to plan one; once it is held, {minutes} on it records the minutes.",
            &[
                ("add", &app.keymap.keys_of(Action::Add)),
                ("minutes", &app.keymap.keys_of(Action::Minutes)),
            ],
        ),
    );
}

fn action_style(app: &App, a: &MeetingAction) -> Style {
    if a.done_at.is_some() {
        theme::dim()
    } else if a.due_on < app.zone.local(app.now).date_naive() {
        theme::overdue()
    } else {
        Style::new()
    }
}

const ACTION_COLS: [Col; 7] = [
    col("#", len(4), len(5)),
    col("due", len(10), len(10)),
    col("state", len(5), len(5)),
    col("owner", len(12), len(16)),
    col("project", len(12), len(24)),
    col("meeting", None, len(20)),
    col("action", min(12), min(20)),
];

pub(super) fn actions(frame: &mut Frame, app: &App, area: Rect, title: &str) {
    let rows = app.plan.actions.rows.iter().map(|a| {
        let state = if a.done_at.is_some() { "done" } else { "open" };
        let cells = vec![
            cell(&a.id.to_string()),
            styled(a.due_on.to_string(), action_style(app, a)),
            cell(state),
            cell(&a.owner),
            cell(&a.project),
            cell(&a.meeting),
            cell(&a.text),
        ];
        let style = if a.done_at.is_some() {
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
        &app.plan.actions,
        &ACTION_COLS,
        rows,
        tr("No meeting actions. They come from a meeting's minutes; d marks one done."),
    );
}

pub(super) fn meeting_lines(
    app: &App,
    m: &Meeting,
    actions: &[MeetingAction],
    decisions: &[String],
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    plain(&mut out, tr("title"), m.title.clone());
    plain(&mut out, tr("project"), m.project.clone());
    plain(
        &mut out,
        tr("when"),
        format!("{} ({})", app.show_time(m.at), relative(app.now, m.at)),
    );
    let (state, style) = meeting_state(app, m);
    out.push(label_line(tr("state"), state, style));
    let attendees: Vec<String> = m
        .attendees
        .iter()
        .map(|a| {
            if a.email.is_empty() {
                a.name.clone()
            } else {
                format!("{} <{}>", a.name, a.email)
            }
        })
        .collect();
    plain(&mut out, tr("attendees"), attendees.join(", "));
    plain(&mut out, tr("our team"), m.team.clone());
    for (title, text) in [("Agenda", &m.agenda), ("Notes", &m.notes)] {
        if !text.trim().is_empty() {
            out.push(Line::raw(""));
            out.push(Line::styled(title, theme::section()));
            for l in crate::model::text::multi_line(text).lines() {
                out.push(Line::raw(format!("  {l}")));
            }
        }
    }
    if !decisions.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("Decisions", theme::section()));
        for d in decisions {
            out.push(Line::raw(format!("  • {}", one_line(d))));
        }
    }
    if !actions.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("Actions", theme::section()));
        for a in actions {
            let state = if a.done_at.is_some() { "done" } else { "open" };
            out.push(Line::styled(
                format!(
                    "  #{} {state:<4} {}  {} — {}",
                    a.id,
                    a.due_on,
                    one_line(&a.owner),
                    one_line(&a.text)
                ),
                action_style(app, a),
            ));
        }
    }
    out
}

pub(super) fn action_lines(app: &App, a: &MeetingAction) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    plain(&mut out, tr("action"), a.text.clone());
    plain(&mut out, tr("project"), a.project.clone());
    plain(
        &mut out,
        tr("meeting"),
        format!("#{} {}", a.meeting_id, a.meeting),
    );
    plain(&mut out, tr("owner"), a.owner.clone());
    out.push(label_line(
        tr("due"),
        a.due_on.to_string(),
        action_style(app, a),
    ));
    match a.done_at {
        Some(t) => plain(&mut out, tr("done"), app.show_time(t)),
        None => out.push(Line::styled(
            "  d: mark it done (it leaves Today)",
            theme::dim(),
        )),
    }
    out
}
