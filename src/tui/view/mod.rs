//! draw(&App, &mut Frame): a pure function of the state. One file per pane plus the
//! shared popups (form, detail, help, confirm) and the chrome (tabs, footer).

mod detail;
mod panes;
mod popups;
mod today;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Level, MIN_HEIGHT, MIN_WIDTH, Mode, Pane};
use super::theme;
use crate::workflow::today::Section;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if app.too_small() {
        let msg = format!(
            "The window is too small for rapport: {}x{}. It needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let [tabs, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tabs(frame, app, tabs);
    match app.pane {
        Pane::Today => today::draw(frame, app, body),
        Pane::Issues => panes::issues(frame, app, body),
        Pane::Queue => panes::queue(frame, app, body),
        Pane::Expectations => panes::expectations(frame, app, body),
        Pane::Log => panes::log(frame, app, body),
    }
    draw_footer(frame, app, footer);
    match &app.mode {
        Mode::Normal | Mode::Filter => {}
        Mode::Help => popups::help(frame, app),
        Mode::Form(form) => popups::form(frame, app, form),
        Mode::Confirm(c) => popups::confirm(frame, &c.question),
        Mode::Detail(d) => detail::draw(frame, app, d),
    }
}

fn draw_tabs(frame: &mut Frame, app: &App, area: Rect) {
    let attention = app.today.agenda.as_ref().map_or(0, |a| a.attention_total());
    let overdue = app
        .today
        .agenda
        .as_ref()
        .map_or(0, |a| a.total(Section::OverdueUpdates));
    let mut spans = vec![Span::styled(" rapport ", theme::section())];
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let badge = match pane {
            Pane::Today if attention > 0 => format!(" ({attention})"),
            Pane::Queue if overdue > 0 => format!(" ({overdue} late)"),
            _ => String::new(),
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format!(" {} {}{} ", i + 1, pane.title(), badge),
            theme::tab(*pane == app.pane),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

fn draw_footer(frame: &mut Frame, app: &App, area: Rect) {
    let line = if matches!(app.mode, Mode::Filter) {
        Line::from(vec![
            Span::styled("/", theme::key()),
            Span::raw(format!(" filter: {}▏", app.filter())),
            Span::styled("   Enter keep · Esc clear", theme::dim()),
        ])
    } else if let Some(status) = &app.status {
        let style = match status.level {
            Level::Info => theme::info(),
            Level::Error => theme::error(),
        };
        Line::styled(
            crate::model::text::one_line(&status.text).into_owned(),
            style,
        )
    } else {
        let mut spans = Vec::new();
        for (key, label) in app.keymap.footer(app.pane) {
            spans.push(Span::styled(key, theme::key()));
            spans.push(Span::raw(format!(" {label}  ")));
        }
        Line::from(spans)
    };
    frame.render_widget(line, area);
}

/// What a pane's title says about its rows.
pub struct TitleParts<'a> {
    pub name: &'a str,
    pub selected: usize,
    pub total: usize,
    /// False when the count stopped at its cap ("1000+").
    pub exact: bool,
    pub filter: &'a str,
    /// How the filtered rows are ordered, when that is worth saying.
    pub order: Option<&'a str>,
    pub project: Option<&'a str>,
}

/// The block title of a list pane: name, position and any filter or scope.
fn pane_title(p: TitleParts<'_>) -> String {
    let mut t = format!(" {} ", p.name);
    let more = if p.exact { "" } else { "+" };
    if p.total > 0 {
        t.push_str(&format!("{}/{}{more} ", p.selected + 1, p.total));
    } else {
        t.push_str("0 ");
    }
    if let Some(project) = p.project {
        t.push_str(&format!(
            "· project: {} ",
            crate::model::text::one_line(project)
        ));
    }
    if !p.filter.is_empty() {
        t.push_str(&format!(
            "· filter: {} ",
            crate::model::text::one_line(p.filter)
        ));
        if let Some(order) = p.order.filter(|_| p.total > 1) {
            t.push_str(&format!("({order}) "));
        }
    }
    t
}

/// A rectangle of `w`x`h` centred in `area`, clipped to it.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
