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

/// `s` cut or padded to `width` columns (wide characters count two).
fn cell(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width.saturating_sub(1) {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(width - used));
    out
}

/// The widths of the columns: client, tag, record, project, (what), when.
const COLUMNS: [usize; 5] = [20, 10, 14, 24, 12];

fn draw_items(frame: &mut Frame, p: &Portfolio, area: Rect) {
    let t = &p.today;
    let inner_width = usize::from(area.width.saturating_sub(2));
    let what = inner_width
        .saturating_sub(COLUMNS.iter().sum::<usize>() + 2)
        .max(10);
    // Lines: a title per section, then its items; `selected` counts items only.
    let mut lines: Vec<(Option<usize>, Line)> = Vec::new();
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
                Line::styled(
                    format!("{} ({count})", c.item.section.title()),
                    theme::section(),
                ),
            ));
        }
        let item = &c.item;
        let tag_style = match (item.rating, item.severity) {
            (Some(r), _) => theme::rating(r),
            (_, Some(s)) => theme::severity(s),
            _ => Style::default(),
        };
        let chosen = i == p.selected;
        let mut line = Line::from(vec![
            Span::raw(if chosen { "› " } else { "  " }),
            Span::raw(cell(&c.client, COLUMNS[0])),
            Span::styled(cell(&item.tag, COLUMNS[1]), tag_style),
            Span::raw(cell(
                &format!("{} {}", item.record.kind(), item.record.id()),
                COLUMNS[2],
            )),
            Span::raw(cell(&item.project, COLUMNS[3])),
            Span::raw(cell(&item.text, what)),
            Span::raw(item.when.map(|w| relative(t.now, w)).unwrap_or_default()),
        ]);
        if chosen {
            line = line.style(theme::selected());
        }
        lines.push((Some(i), line));
    }
    let height = usize::from(area.height.saturating_sub(3)).max(1);
    let at = lines
        .iter()
        .position(|(i, _)| *i == Some(p.selected))
        .unwrap_or(0);
    let skip = (at + 1).saturating_sub(height);
    let mut shown: Vec<Line> = vec![Line::styled(
        format!(
            "  {}{}{}{}{}when",
            cell("client", COLUMNS[0]),
            cell("tag", COLUMNS[1]),
            cell("record", COLUMNS[2]),
            cell("project", COLUMNS[3]),
            cell("what", what)
        ),
        theme::header(),
    )];
    if lines.is_empty() {
        shown.push(Line::raw("  Nothing is owed to a client right now."));
    }
    shown.extend(lines.into_iter().skip(skip).take(height).map(|(_, l)| l));
    frame.render_widget(
        Paragraph::new(shown).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme::block(true))
                .title(" Today across clients "),
        ),
        area,
    );
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
    let mark = |i: usize| if i == at { "› " } else { "  " };
    let mut rows = vec![Row::new(vec![
        format!("{}All clients", mark(0)),
        String::new(),
        format!(
            "{} overdue",
            t.clients.iter().map(|c| c.overdue).sum::<usize>()
        ),
        String::new(),
    ])];
    for (i, c) in t.clients.iter().enumerate() {
        rows.push(Row::new(vec![
            ratatui::text::Text::from(format!("{}{}", mark(i + 1), c.client)),
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
    .header(Row::new(vec!["  client", "health", "overdue", "last contact"]).style(theme::header()))
    .block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme::block(true))
            .title(" Clients (Enter: open, Esc: back) "),
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(table, rect);
}
