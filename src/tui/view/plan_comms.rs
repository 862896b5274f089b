//! The Plan pane's communication plan section and the detail of one entry.

use crate::i18n::tr;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::panes::{Col, cell, col, draw_table, label_line, len, min};
use crate::model::PlanEntry;
use crate::model::text::one_line;
use crate::tui::app::App;

const ENTRY_COLS: [Col; 8] = [
    col("#", len(4), len(5)),
    col("kind", len(7), len(7)),
    col("every", len(8), len(9)),
    col("channel", None, len(7)),
    col("project", len(12), len(24)),
    col("owner", len(10), len(14)),
    col("to", None, len(18)),
    col("what", min(12), min(20)),
];

pub(super) fn entries(frame: &mut Frame, app: &App, area: Rect, title: &str) {
    let rows = app.plan.entries.rows.iter().map(|e| {
        let cells = vec![
            cell(&e.id.to_string()),
            cell(e.kind.as_str()),
            cell(&e.every.to_string()),
            cell(e.channel.as_str()),
            cell(&e.project),
            cell(&e.owner),
            cell(&e.audience.join(", ")),
            cell(&e.what),
        ];
        (cells, Style::new())
    });
    draw_table(
        frame,
        area,
        title,
        &app.plan.entries,
        &ENTRY_COLS,
        rows,
        tr(
            "No communication plan yet. Press a to say what the client hears, how often and from whom.",
        ),
    );
}

pub(super) fn plain(out: &mut Vec<Line<'static>>, label: &str, value: String) {
    if !value.is_empty() {
        out.push(label_line(
            label,
            one_line(&value).into_owned(),
            Style::new(),
        ));
    }
}

pub(super) fn entry_lines(e: &PlanEntry) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    plain(&mut out, tr("what"), e.what.clone());
    plain(&mut out, tr("project"), e.project.clone());
    plain(&mut out, tr("kind"), e.kind.to_string());
    plain(&mut out, tr("every"), e.every.to_string());
    plain(&mut out, tr("channel"), e.channel.to_string());
    plain(&mut out, tr("to"), e.audience.join(", "));
    plain(&mut out, tr("owner"), e.owner.clone());
    out
}
