//! Drawing the portfolio: Today across clients with a client column, the client switcher,
//! the status line naming files left out, and the badge naming the client of an open file.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table};

use super::state::Portfolio;
use crate::model::text::relative;
use crate::tui::theme;
use crate::workflow::today::Section;

pub fn draw(frame: &mut Frame, p: &Portfolio) {
    let area = frame.area();
    let [top, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let t = &p.today;
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" All clients ", theme::tab(true)),
            Span::raw(format!(
                " {} clients · {} to act on",
                t.clients.len(),
                Section::ALL
                    .iter()
                    .filter(|s| **s != Section::Health)
                    .map(|s| t.total(*s))
                    .sum::<usize>()
            )),
        ])),
        top,
    );
    draw_items(frame, p, body);
    let style = if t.skipped.is_empty() {
        theme::dim()
    } else {
        theme::error()
    };
    frame.render_widget(Paragraph::new(p.status()).style(style), footer);
    if let Some(at) = p.switcher {
        draw_switcher(frame, p, at);
    }
}

fn draw_items(frame: &mut Frame, p: &Portfolio, area: Rect) {
    let t = &p.today;
    // Lines: a title per section, then its items; `selected` counts items only.
    let mut lines: Vec<(Option<usize>, Row)> = Vec::new();
    let mut last = None;
    for (i, c) in t.items.iter().enumerate() {
        if last != Some(c.item.section) {
            last = Some(c.item.section);
            let shown = t
                .items
                .iter()
                .filter(|x| x.item.section == c.item.section)
                .count();
            let total = t.total(c.item.section);
            let count = if total > shown {
                format!("{shown} of {total}")
            } else {
                shown.to_string()
            };
            lines.push((
                None,
                Row::new(vec![format!("{} ({count})", c.item.section.title())])
                    .style(theme::section()),
            ));
        }
        let item = &c.item;
        let tag_style = match (item.rating, item.severity) {
            (Some(r), _) => theme::rating(r),
            (_, Some(s)) => theme::severity(s),
            _ => Style::default(),
        };
        let mut row = Row::new(vec![
            ratatui::text::Text::from(c.client.clone()),
            ratatui::text::Text::styled(item.tag.clone(), tag_style),
            ratatui::text::Text::from(format!("{} {}", item.record.kind(), item.record.id())),
            ratatui::text::Text::from(item.project.clone()),
            ratatui::text::Text::from(item.text.clone()),
            ratatui::text::Text::from(item.when.map(|w| relative(t.now, w)).unwrap_or_default()),
        ]);
        if i == p.selected {
            row = row.style(theme::selected());
        }
        lines.push((Some(i), row));
    }
    let height = usize::from(area.height.saturating_sub(3)).max(1);
    let at = lines
        .iter()
        .position(|(i, _)| *i == Some(p.selected))
        .unwrap_or(0);
    let skip = (at + 1).saturating_sub(height);
    let rows: Vec<Row> = lines
        .into_iter()
        .skip(skip)
        .take(height)
        .map(|(_, r)| r)
        .collect();
    let empty = rows.is_empty();
    let table = Table::new(
        rows,
        [
            Constraint::Length(18),
            Constraint::Length(10),
            Constraint::Length(14),
            Constraint::Length(22),
            Constraint::Min(20),
            Constraint::Length(12),
        ],
    )
    .header(
        Row::new(vec!["client", "tag", "record", "project", "what", "when"]).style(theme::header()),
    )
    .block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme::block(true))
            .title(" Today across clients "),
    );
    frame.render_widget(table, area);
    if empty {
        let inner = Rect {
            x: area.x + 2,
            y: area.y + 2,
            width: area.width.saturating_sub(4),
            height: 1,
        };
        frame.render_widget(
            Paragraph::new("Nothing is owed to a client right now."),
            inner,
        );
    }
}

fn draw_switcher(frame: &mut Frame, p: &Portfolio, at: usize) {
    let area = frame.area();
    let t = &p.today;
    let width = area.width.saturating_sub(4).min(76);
    let height = (t.clients.len() as u16 + 4).min(area.height.saturating_sub(2));
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    };
    let mut rows = vec![Row::new(vec![
        "All clients".to_string(),
        String::new(),
        format!(
            "{} overdue",
            t.clients.iter().map(|c| c.overdue).sum::<usize>()
        ),
        String::new(),
    ])];
    for c in &t.clients {
        rows.push(Row::new(vec![
            ratatui::text::Text::from(c.client.clone()),
            ratatui::text::Text::styled(c.rating.as_str(), theme::rating(c.rating)),
            ratatui::text::Text::from(format!("{} overdue", c.overdue)),
            ratatui::text::Text::from(
                c.last_contact
                    .map(|w| format!("last contact {}", relative(t.now, w)))
                    .unwrap_or_else(|| "no contact logged".into()),
            ),
        ]));
    }
    let visible = usize::from(height.saturating_sub(3)).max(1);
    let skip = (at + 1).saturating_sub(visible);
    let rows: Vec<Row> = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            if i == at {
                r.style(theme::selected())
            } else {
                r
            }
        })
        .skip(skip)
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(24),
            Constraint::Length(6),
            Constraint::Length(11),
            Constraint::Min(10),
        ],
    )
    .header(Row::new(vec!["client", "health", "overdue", "last contact"]).style(theme::header()))
    .block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme::block(true))
            .title(" Clients (Enter: open, Esc: back) "),
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(table, rect);
}

/// The client's name at the right of the top line, over the panes of its file.
pub fn client_badge(frame: &mut Frame, name: &str) {
    let area = frame.area();
    let text = format!(" client: {name} · c: clients ");
    let width = (unicode_width::UnicodeWidthStr::width(text.as_str()) as u16).min(area.width);
    let rect = Rect {
        x: area.x + area.width - width,
        y: area.y,
        width,
        height: 1,
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(text).style(theme::tab(true)), rect);
}
