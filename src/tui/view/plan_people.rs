//! The Plan pane's People (the client's contacts, archived ones dimmed and marked) and
//! Clients (zone, drafting language, whether a working calendar is set; archived ones
//! dimmed and marked) sections.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::panes::{Col, cell, col, draw_table, len, min};
use crate::i18n::tr;
use crate::tui::app::App;
use crate::tui::theme;

const PEOPLE_COLS: [Col; 7] = [
    col("#", len(4), len(5)),
    col("client", len(12), len(20)),
    col("name", min(12), min(18)),
    col("role", len(12), len(20)),
    col("email", None, len(26)),
    col("phone", None, len(14)),
    col("channel", len(8), len(8)),
];

pub(super) fn people(frame: &mut Frame, app: &App, area: Rect, title: &str) {
    let rows = app.plan.people.rows.iter().map(|c| {
        let k = &c.contact;
        let name = if c.archived {
            format!("({}) {}", tr("archived"), k.name)
        } else {
            k.name.clone()
        };
        let cells = vec![
            cell(&k.id.to_string()),
            cell(&k.client),
            cell(&name),
            cell(&k.role),
            cell(&k.email),
            cell(&k.phone),
            cell(&k.channel.map(|c| c.to_string()).unwrap_or_default()),
        ];
        let style = if c.archived {
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
        &app.plan.people,
        &PEOPLE_COLS,
        rows,
        tr("No contacts yet. Press a to add the client's people: updates go to them."),
    );
}

const CLIENT_COLS: [Col; 5] = [
    col("#", len(4), len(5)),
    col("client", min(12), min(20)),
    col("zone", len(16), len(22)),
    col("language", len(8), len(8)),
    col("calendar", len(8), len(8)),
];

pub(super) fn clients(frame: &mut Frame, app: &App, area: Rect, title: &str) {
    let rows = app.plan.clients.rows.iter().map(|c| {
        let name = if c.archived {
            format!("({}) {}", tr("archived"), c.name)
        } else {
            c.name.clone()
        };
        let cells = vec![
            cell(&c.id.to_string()),
            cell(&name),
            cell(c.zone.as_deref().unwrap_or("")),
            cell(c.language.as_deref().unwrap_or("")),
            cell(if c.calendar.is_some() { tr("own") } else { "" }),
        ];
        let style = if c.archived {
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
        &app.plan.clients,
        &CLIENT_COLS,
        rows,
        tr("No clients yet. Press a to add one; a project (P) or a contact brings its client too."),
    );
}
