//! The four table panes: Issues, Queue, Expectations, Log. Each draws only the window of
//! rows the app holds.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::pane_title;
use crate::model::text::{age, one_line, relative};
use crate::model::{Direction, sentiment_symbol};
use crate::tui::app::{App, ListPane};
use crate::tui::theme;

fn cell(text: &str) -> Cell<'static> {
    Cell::from(one_line(text).into_owned())
}

fn styled(text: impl Into<String>, style: Style) -> Cell<'static> {
    Cell::from(Span::styled(text.into(), style))
}

#[allow(clippy::too_many_arguments)]
fn draw_table<T>(
    frame: &mut Frame,
    area: Rect,
    name: &str,
    pane: &ListPane<T>,
    header: &[&str],
    widths: &[Constraint],
    rows: Vec<Row<'static>>,
    empty: &str,
) {
    let title = pane_title(
        name,
        pane.selected,
        pane.total,
        &pane.filter,
        pane.project.as_ref().map(|p| p.1.as_str()),
    );
    let block = Block::bordered()
        .title(title)
        .border_style(theme::block(true));
    if pane.total == 0 {
        let msg = if pane.filter.is_empty() && pane.project.is_none() {
            empty.to_string()
        } else {
            "Nothing matches. Esc clears the filter.".to_string()
        };
        frame.render_widget(
            Paragraph::new(msg).block(block).wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let header = Row::new(header.iter().map(|h| Cell::from(h.to_string()))).style(theme::header());
    let table = Table::new(rows, widths.to_vec())
        .header(header)
        .block(block)
        .row_highlight_style(theme::selected())
        .column_spacing(1);
    let mut state = TableState::default().with_selected(pane.selected.checked_sub(pane.offset));
    frame.render_stateful_widget(table, area, &mut state);
}

pub fn issues(frame: &mut Frame, app: &App, area: Rect) {
    let wide = area.width >= 110;
    let rows: Vec<Row> = app
        .issues
        .rows
        .iter()
        .map(|i| {
            let next = match i.next_update_due {
                Some(t) if i.follow_up_overdue(app.now) => {
                    styled(format!("LATE {}", age(app.now, t)), theme::overdue())
                }
                Some(t) => cell(&relative(app.now, t)),
                None if i.client_unaware() => styled("not told", theme::overdue()),
                None => cell("-"),
            };
            let mut cells = vec![
                cell(&i.id.to_string()),
                cell(&i.project),
                styled(i.severity.to_string(), theme::severity(i.severity)),
                cell(i.status.as_str()),
                cell(&i.title),
                cell(&age(app.now, i.detected_at)),
                next,
            ];
            if wide {
                cells.insert(6, cell(if i.our_fault { "ours" } else { "" }));
            }
            let row = Row::new(cells);
            if i.status.is_open() {
                row
            } else {
                row.style(theme::dim())
            }
        })
        .collect();
    let (header, widths): (Vec<&str>, Vec<Constraint>) = if wide {
        (
            vec![
                "#",
                "project",
                "severity",
                "status",
                "title",
                "age",
                "fault",
                "next update",
            ],
            vec![
                Constraint::Length(5),
                Constraint::Length(24),
                Constraint::Length(8),
                Constraint::Length(17),
                Constraint::Min(20),
                Constraint::Length(4),
                Constraint::Length(5),
                Constraint::Length(11),
            ],
        )
    } else {
        (
            vec!["#", "project", "severity", "status", "title", "age", "next"],
            vec![
                Constraint::Length(4),
                Constraint::Length(12),
                Constraint::Length(8),
                Constraint::Length(11),
                Constraint::Min(12),
                Constraint::Length(4),
                Constraint::Length(9),
            ],
        )
    };
    draw_table(
        frame,
        area,
        "Issues",
        &app.issues,
        &header,
        &widths,
        rows,
        "No issues logged. Press a to log one when something goes wrong.",
    );
}

pub fn queue(frame: &mut Frame, app: &App, area: Rect) {
    let wide = area.width >= 110;
    let rows: Vec<Row> = app
        .queue
        .rows
        .iter()
        .map(|u| {
            let due = if u.overdue(app.now) {
                styled(format!("LATE {}", age(app.now, u.due_at)), theme::overdue())
            } else {
                cell(&relative(app.now, u.due_at))
            };
            let mut cells = vec![
                cell(&u.id.to_string()),
                due,
                cell(u.kind.as_str()),
                cell(&u.project),
                cell(&u.subject),
            ];
            if wide {
                cells.insert(2, cell(u.state.as_str()));
                cells.insert(4, cell(u.channel.as_str()));
                cells.push(cell(&u.audience));
            }
            Row::new(cells)
        })
        .collect();
    let (header, widths): (Vec<&str>, Vec<Constraint>) = if wide {
        (
            vec![
                "#", "due", "state", "kind", "channel", "project", "subject", "to",
            ],
            vec![
                Constraint::Length(5),
                Constraint::Length(10),
                Constraint::Length(5),
                Constraint::Length(10),
                Constraint::Length(7),
                Constraint::Length(24),
                Constraint::Min(20),
                Constraint::Length(14),
            ],
        )
    } else {
        (
            vec!["#", "due", "kind", "project", "subject"],
            vec![
                Constraint::Length(4),
                Constraint::Length(9),
                Constraint::Length(10),
                Constraint::Length(14),
                Constraint::Min(16),
            ],
        )
    };
    draw_table(
        frame,
        area,
        "Queue",
        &app.queue,
        &header,
        &widths,
        rows,
        "Nothing is owed to a client. Press a to queue an update.",
    );
}

pub fn expectations(frame: &mut Frame, app: &App, area: Rect) {
    let wide = area.width >= 110;
    let rows: Vec<Row> = app
        .expectations
        .rows
        .iter()
        .map(|e| {
            let mut cells = vec![
                cell(&e.id.to_string()),
                styled(e.status.to_string(), theme::expectation(e.status)),
                cell(e.category.as_str()),
                cell(&e.project),
                cell(&e.due_on.map(|d| d.to_string()).unwrap_or_default()),
                cell(&e.statement),
            ];
            if wide {
                cells.push(cell(&e.agreed_with));
            }
            let row = Row::new(cells);
            if e.status.is_live() {
                row
            } else {
                row.style(theme::dim())
            }
        })
        .collect();
    let (header, widths): (Vec<&str>, Vec<Constraint>) = if wide {
        (
            vec![
                "#",
                "status",
                "category",
                "project",
                "due",
                "statement",
                "agreed with",
            ],
            vec![
                Constraint::Length(5),
                Constraint::Length(9),
                Constraint::Length(13),
                Constraint::Length(24),
                Constraint::Length(10),
                Constraint::Min(20),
                Constraint::Length(14),
            ],
        )
    } else {
        (
            vec!["#", "status", "category", "project", "due", "statement"],
            vec![
                Constraint::Length(3),
                Constraint::Length(9),
                Constraint::Length(10),
                Constraint::Length(12),
                Constraint::Length(10),
                Constraint::Min(12),
            ],
        )
    };
    draw_table(
        frame,
        area,
        "Expectations",
        &app.expectations,
        &header,
        &widths,
        rows,
        "No expectations recorded. Press a to write down what the client expects.",
    );
}

pub fn log(frame: &mut Frame, app: &App, area: Rect) {
    let wide = area.width >= 110;
    let rows: Vec<Row> = app
        .log
        .rows
        .iter()
        .map(|l| {
            let dir = match l.direction {
                Direction::In => "← in",
                Direction::Out => "→ out",
            };
            let mut cells = vec![
                cell(&app.show_time(l.at)),
                cell(dir),
                cell(l.kind.as_str()),
                styled(sentiment_symbol(l.sentiment), theme::sentiment(l.sentiment)),
                cell(&l.project),
                cell(&l.summary),
            ];
            if wide {
                cells.insert(2, cell(l.channel.as_str()));
            }
            Row::new(cells)
        })
        .collect();
    let (header, widths): (Vec<&str>, Vec<Constraint>) = if wide {
        (
            vec![
                "when", "dir", "channel", "kind", "mood", "project", "summary",
            ],
            vec![
                Constraint::Length(16),
                Constraint::Length(5),
                Constraint::Length(7),
                Constraint::Length(9),
                Constraint::Length(4),
                Constraint::Length(24),
                Constraint::Min(20),
            ],
        )
    } else {
        (
            vec!["when", "dir", "kind", "mood", "project", "summary"],
            vec![
                Constraint::Length(16),
                Constraint::Length(5),
                Constraint::Length(9),
                Constraint::Length(4),
                Constraint::Length(12),
                Constraint::Min(12),
            ],
        )
    };
    draw_table(
        frame,
        area,
        "Log",
        &app.log,
        &header,
        &widths,
        rows,
        "No contacts logged. Press a to log a call, a mail, a complaint or praise.",
    );
}

/// A labelled line for detail views.
pub fn label_line(label: &str, value: String, style: Style) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:>13}  "), theme::dim()),
        Span::styled(value, style),
    ])
}
