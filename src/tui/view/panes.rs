//! The four table panes: Issues, Queue, Expectations, Log, and the table they share with the
//! Plan pane's sections. Each draws only the window of rows the app holds.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::widgets::{TitleParts, pane_title};
use crate::i18n::{Lang, lang, tr, trf};
use crate::model::text::one_line;
use crate::model::{Direction, sentiment_symbol};
use crate::tui::app::{App, ListPane};
use crate::tui::theme;
use crate::tui::words::{age, relative, word};
use crate::workflow::waiting::WAITING_STATUS;

pub(super) fn cell(text: &str) -> Cell<'static> {
    Cell::from(one_line(text).into_owned())
}

pub(super) fn styled(text: impl Into<String>, style: Style) -> Cell<'static> {
    Cell::from(Span::styled(text.into(), style))
}

/// One column of a pane's table: its title and width, in the narrow (< 110 columns) and the
/// wide layout; `None` hides it in that layout.
pub(super) struct Col {
    title: &'static str,
    narrow: Option<Constraint>,
    wide: Option<Constraint>,
}

pub(super) const fn col(
    title: &'static str,
    narrow: Option<Constraint>,
    wide: Option<Constraint>,
) -> Col {
    Col {
        title,
        narrow,
        wide,
    }
}

pub(super) const fn len(n: u16) -> Option<Constraint> {
    Some(Constraint::Length(n))
}

pub(super) const fn min(n: u16) -> Option<Constraint> {
    Some(Constraint::Min(n))
}

/// A list pane drawn as a table: the columns the width allows, the window of rows, the
/// selection, and a message when there is nothing to show.
pub(super) fn draw_table<T>(
    frame: &mut Frame,
    area: Rect,
    name: &str,
    pane: &ListPane<T>,
    cols: &[Col],
    rows: impl Iterator<Item = (Vec<Cell<'static>>, Style)>,
    empty: &str,
) {
    let title = pane_title(TitleParts {
        name,
        selected: pane.selected,
        total: pane.total,
        exact: pane.exact,
        filter: &pane.filter,
        order: Some(if pane.ranked {
            tr("best first")
        } else {
            tr("newest first")
        }),
        project: pane.project.as_ref().map(|p| p.1.as_str()),
    });
    let block = Block::bordered()
        .title(title)
        .border_style(theme::block(true));
    if pane.total == 0 {
        let msg = if pane.filter.is_empty() && pane.project.is_none() {
            empty.to_string()
        } else {
            tr("Nothing matches. Esc clears the filter.").to_string()
        };
        frame.render_widget(
            Paragraph::new(msg).block(block).wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let wide = area.width >= 110;
    let shown: Vec<bool> = cols
        .iter()
        .map(|c| {
            if wide {
                c.wide.is_some()
            } else {
                c.narrow.is_some()
            }
        })
        .collect();
    let keep = |cells: Vec<Cell<'static>>| -> Vec<Cell<'static>> {
        cells
            .into_iter()
            .zip(&shown)
            .filter(|(_, s)| **s)
            .map(|(c, _)| c)
            .collect()
    };
    let header = Row::new(keep(
        cols.iter().map(|c| Cell::from(column(c.title))).collect(),
    ))
    .style(theme::header());
    let widths: Vec<Constraint> = cols
        .iter()
        .filter_map(|c| if wide { c.wide } else { c.narrow })
        .collect();
    let rows: Vec<Row> = rows
        .map(|(cells, style)| Row::new(keep(cells)).style(style))
        .collect();
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme::selected())
        .column_spacing(1);
    let mut state = TableState::default().with_selected(pane.selected.checked_sub(pane.offset));
    frame.render_stateful_widget(table, area, &mut state);
}

/// Records the visible rows of a list drawn in `inner`, one a line from `first`, for the
/// mouse.
pub(super) fn record_rows(
    hits: &std::cell::RefCell<crate::tui::hits::Hits>,
    inner: Rect,
    first: usize,
    count: usize,
) {
    let mut hits = hits.borrow_mut();
    for line in 0..inner.height {
        let index = first + usize::from(line);
        if index >= count {
            break;
        }
        let row = Rect::new(inner.x, inner.y + line, inner.width, 1);
        hits.rows.push((row.into(), index));
    }
}

/// A column title in the interface's language.
fn column(title: &'static str) -> &'static str {
    match title {
        "action" => tr("action"),
        "age" => tr("age"),
        "agreed with" => tr("agreed with"),
        "attendees" => tr("attendees"),
        "by" => tr("by"),
        "category" => tr("category"),
        "channel" => tr("channel"),
        "client" => tr("client"),
        "calendar" => tr("calendar"),
        "comment" => tr("comment"),
        "dir" => tr("dir"),
        "done" => tr("done"),
        "due" => tr("due"),
        "every" => tr("every"),
        "exposure" => tr("exposure"),
        "fault" => tr("fault"),
        "impact" => tr("impact"),
        "kind" => tr("kind"),
        "language" => tr("language"),
        "likely" => tr("likely"),
        "meeting" => tr("meeting"),
        "milestone" => tr("milestone"),
        "mood" => tr("mood"),
        // A person's name and role, as the contact form words them (姓名, 职务; the CLI's
        // "name" and "role" are 名称 and 角色).
        "name" if lang() != Lang::En => tr("Name"),
        "role" if lang() != Lang::En => tr("Role"),
        "email" => tr("email"),
        "phone" => tr("phone"),
        "zone" => tr("zone"),
        "next" => tr("next"),
        "owner" => tr("owner"),
        "plans" => tr("plans"),
        "project" => tr("project"),
        "review" => tr("review"),
        "risk" => tr("risk"),
        "score" => tr("score"),
        "severity" => tr("severity"),
        "state" => tr("state"),
        "statement" => tr("statement"),
        "status" => tr("status"),
        "subject" => tr("subject"),
        "summary" => tr("summary"),
        "team" => tr("team"),
        "title" => tr("title"),
        "to" => tr("to"),
        "weight" => tr("weight"),
        "what" => tr("what"),
        "when" => tr("when"),
        other => other,
    }
}

const ISSUE_COLS: [Col; 8] = [
    col("#", len(4), len(5)),
    col("project", len(12), len(24)),
    col("severity", len(8), len(8)),
    col("status", len(11), len(17)),
    col("title", min(12), min(20)),
    col("age", len(4), len(4)),
    col("fault", None, len(5)),
    col("next", len(9), len(11)),
];

pub fn issues(frame: &mut Frame, app: &App, area: Rect) {
    let rows = app.issues.rows.iter().map(|i| {
        let next = match i.next_update_due {
            Some(t) if i.follow_up_overdue(app.now) => styled(
                trf("LATE {age}", &[("age", &age(app.now, t))]),
                theme::overdue(),
            ),
            Some(t) => cell(&relative(app.now, t)),
            None if i.client_unaware() => styled(tr("not told"), theme::overdue()),
            None => cell("-"),
        };
        let cells = vec![
            cell(&i.id.to_string()),
            cell(&i.project),
            styled(word(i.severity.as_str()), theme::severity(i.severity)),
            if app.issues.waiting.contains(&i.id) {
                cell(word(WAITING_STATUS))
            } else {
                cell(word(i.status.as_str()))
            },
            cell(&i.title),
            cell(&age(app.now, i.detected_at)),
            cell(if i.our_fault { tr("ours") } else { "" }),
            next,
        ];
        let style = if i.status.is_open() {
            Style::new()
        } else {
            theme::dim()
        };
        (cells, style)
    });
    draw_table(
        frame,
        area,
        tr("Issues"),
        &app.issues,
        &ISSUE_COLS,
        rows,
        tr("No issues logged. Press a to log one when something goes wrong."),
    );
}

const QUEUE_COLS: [Col; 8] = [
    col("#", len(4), len(5)),
    col("due", len(9), len(10)),
    col("state", None, len(5)),
    col("kind", len(10), len(10)),
    col("channel", None, len(7)),
    col("project", len(14), len(24)),
    col("subject", min(16), min(20)),
    col("to", None, len(14)),
];

pub fn queue(frame: &mut Frame, app: &App, area: Rect) {
    let rows = app.queue.rows.iter().map(|u| {
        let due = if u.overdue(app.now) {
            styled(
                trf("LATE {age}", &[("age", &age(app.now, u.due_at))]),
                theme::overdue(),
            )
        } else {
            cell(&relative(app.now, u.due_at))
        };
        let cells = vec![
            cell(&u.id.to_string()),
            due,
            cell(word(u.state.as_str())),
            cell(word(u.kind.as_str())),
            cell(word(u.channel.as_str())),
            cell(&u.project),
            cell(&u.subject),
            cell(&u.audience),
        ];
        (cells, Style::new())
    });
    draw_table(
        frame,
        area,
        tr("Queue"),
        &app.queue,
        &QUEUE_COLS,
        rows,
        tr("Nothing is owed to a client. Press a to queue an update."),
    );
}

const EXPECTATION_COLS: [Col; 7] = [
    col("#", len(3), len(5)),
    col("status", len(9), len(9)),
    col("category", len(10), len(13)),
    col("project", len(12), len(24)),
    col("due", len(10), len(10)),
    col("statement", min(12), min(20)),
    col("agreed with", None, len(14)),
];

pub fn expectations(frame: &mut Frame, app: &App, area: Rect) {
    let rows = app.expectations.rows.iter().map(|e| {
        let cells = vec![
            cell(&e.id.to_string()),
            styled(word(e.status.as_str()), theme::expectation(e.status)),
            cell(word(e.category.as_str())),
            cell(&e.project),
            cell(&e.due_on.map(|d| d.to_string()).unwrap_or_default()),
            cell(&e.statement),
            cell(&e.agreed_with),
        ];
        let style = if e.status.is_live() {
            Style::new()
        } else {
            theme::dim()
        };
        (cells, style)
    });
    draw_table(
        frame,
        area,
        tr("Expectations"),
        &app.expectations,
        &EXPECTATION_COLS,
        rows,
        tr("No expectations recorded. Press a to write down what the client expects."),
    );
}

const LOG_COLS: [Col; 7] = [
    col("when", len(16), len(16)),
    col("dir", len(5), len(5)),
    col("channel", None, len(7)),
    col("kind", len(9), len(9)),
    col("mood", len(4), len(4)),
    col("project", len(12), len(24)),
    col("summary", min(12), min(20)),
];

pub fn log(frame: &mut Frame, app: &App, area: Rect) {
    let rows = app.log.rows.iter().map(|l| {
        let dir = match l.direction {
            Direction::In => tr("← in"),
            Direction::Out => tr("→ out"),
        };
        let cells = vec![
            cell(&app.show_time(l.at)),
            cell(dir),
            cell(word(l.channel.as_str())),
            cell(word(l.kind.as_str())),
            styled(sentiment_symbol(l.sentiment), theme::sentiment(l.sentiment)),
            cell(&l.project),
            cell(&l.summary),
        ];
        (cells, Style::new())
    });
    draw_table(
        frame,
        area,
        tr("Log"),
        &app.log,
        &LOG_COLS,
        rows,
        tr("No contacts logged. Press a to log a call, a mail, a complaint or praise."),
    );
}

/// A labelled line for detail views.
pub fn label_line(label: &str, value: String, style: Style) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("{}  ", super::widgets::pad_left(label, 13)),
            theme::dim(),
        ),
        Span::styled(value, style),
    ])
}
