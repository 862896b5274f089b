//! draw(&App, &mut Frame): a pure function of the state. One file per pane plus the
//! shared popups (form, detail, help, confirm) and the chrome (tabs, footer).

pub mod badge;
mod detail;
pub mod help;
mod insights;
mod panes;
mod plan;
mod plan_comms;
mod plan_meetings;
mod plan_people;
mod popups;
mod today;
pub(crate) mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Level, MIN_HEIGHT, MIN_WIDTH, Mode, Pane};
use super::theme;
use crate::i18n::{tr, trf};
use crate::workflow::today::Section;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    app.hits.replace(Default::default());
    if app.too_small() {
        let msg = trf(
            "The window is too small for rapport: {w}x{h}. It needs at least {min_w}x{min_h}.",
            &[
                ("w", &area.width),
                ("h", &area.height),
                ("min_w", &MIN_WIDTH),
                ("min_h", &MIN_HEIGHT),
            ],
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
        Pane::Plan => plan::draw(frame, app, body),
        Pane::Insights => insights::draw(frame, app, body),
    }
    if !matches!(app.pane, Pane::Today | Pane::Insights) {
        // Every list pane is a table over the whole body: its rows start under the border
        // and the header, one a line from the window's offset (the selection is always in
        // the window, so the table never scrolls it further).
        let view = app.view(app.pane);
        let rows = Rect {
            x: body.x + 1,
            y: body.y + 2,
            width: body.width.saturating_sub(2),
            height: body.height.saturating_sub(3),
        };
        panes::record_rows(&app.hits, rows, view.offset, view.total);
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
    let width = usize::from(area.width);
    let badge = |pane: &Pane| match pane {
        Pane::Today if attention > 0 => format!(" ({attention})"),
        Pane::Queue if overdue > 0 => format!(" ({})", trf("{n} late", &[("n", &overdue)])),
        _ => String::new(),
    };
    // Roomiest first: the name, tabs apart; then the tabs side by side; then short titles
    // with one space between, so every pane's number and name stay on an 80-column line.
    let full: Vec<(String, bool)> = Pane::ALL
        .iter()
        .map(|p| {
            (
                theme::tab_label(
                    format!(" {} {}{} ", p.number(), p.title(), badge(p)),
                    *p == app.pane,
                ),
                *p == app.pane,
            )
        })
        .collect();
    let length = |tabs: &[(String, bool)]| tabs.iter().map(|(t, _)| t.width()).sum::<usize>();
    // A client's file names its client: " rapport · acme ", or " acme " when room is short
    // (the name goes last, after the tabs' long titles).
    let brand = match &app.client {
        Some(name) => format!(" rapport · {name} "),
        None => " rapport ".to_string(),
    };
    let short: Vec<(String, bool)> = Pane::ALL
        .iter()
        .map(|p| {
            (
                theme::tab_label(
                    format!("{} {}{}", p.number(), p.short_title(), badge(p)),
                    *p == app.pane,
                ),
                *p == app.pane,
            )
        })
        .collect();
    let name = app.client.as_ref().map(|n| format!(" {n} "));
    let mut spans = Vec::new();
    // Which spans are tabs, in `Pane::ALL` order (for the mouse).
    let mut tab_spans = Vec::new();
    if length(&full) + full.len() + brand.width() <= width {
        spans.push(Span::styled(brand, theme::section()));
        for (text, active) in full {
            spans.push(Span::raw(" "));
            tab_spans.push(spans.len());
            spans.push(Span::styled(text, theme::tab(active)));
        }
    } else if name.is_none() && length(&full) <= width {
        for (text, active) in full {
            tab_spans.push(spans.len());
            spans.push(Span::styled(text, theme::tab(active)));
        }
    } else {
        if let Some(name) = name.filter(|n| n.width() + length(&short) + short.len() <= width) {
            spans.push(Span::styled(name, theme::section()));
        }
        for (text, active) in short {
            spans.push(Span::raw(" "));
            tab_spans.push(spans.len());
            spans.push(Span::styled(text, theme::tab(active)));
        }
    }
    let mut x = area.x;
    let mut hits = app.hits.borrow_mut();
    for (i, span) in spans.iter().enumerate() {
        let w = u16::try_from(span.content.width()).unwrap_or(u16::MAX);
        if let Some(pane) = tab_spans.iter().position(|t| *t == i) {
            let shown = w.min((area.x + area.width).saturating_sub(x));
            hits.tabs
                .push((Rect::new(x, area.y, shown, 1).into(), pane));
        }
        x = x.saturating_add(w);
    }
    frame.render_widget(Line::from(spans), area);
}

fn draw_footer(frame: &mut Frame, app: &App, area: Rect) {
    let line = if matches!(app.mode, Mode::Filter) {
        Line::from(vec![
            Span::styled("/", theme::key()),
            Span::raw(format!(
                " {}▏",
                trf("filter: {text}", &[("text", &app.filter())])
            )),
            Span::styled(format!("   {}", tr("Enter keep · Esc clear")), theme::dim()),
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
        let entries = help::footer(
            &app.keymap,
            app.pane,
            app.plan.section,
            !app.is_empty_database(),
        );
        for (key, label) in help::fit_footer(entries, usize::from(area.width)) {
            spans.push(Span::styled(key, theme::key()));
            spans.push(Span::raw(format!(" {label}  ")));
        }
        Line::from(spans)
    };
    frame.render_widget(line, area);
}
