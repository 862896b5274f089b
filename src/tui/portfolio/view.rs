//! Drawing the portfolio: Today across clients with a client column, the client switcher,
//! the status line naming files left out, and the badge naming the client of an open file.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};

use super::state::Portfolio;
use crate::error::field_name;
use crate::i18n::{tr, trf, trn};
use crate::tui::theme;
use crate::tui::words::{relative, word};
use crate::workflow::today::Section;
use unicode_width::UnicodeWidthStr;

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
            Span::styled(format!(" {} ", tr("All clients")), theme::tab(true)),
            Span::raw(format!(
                " {} · {}",
                match p.progress() {
                    Some((done, all)) => trf(
                        "{done} of {all} client files read",
                        &[("done", &done), ("all", &all)]
                    ),
                    None => trn(t.clients.len() as i64, "{n} client", "{n} clients"),
                },
                trf(
                    "{n} to act on",
                    &[(
                        "n",
                        &Section::ALL
                            .iter()
                            .filter(|s| **s != Section::Health)
                            .map(|s| t.total(*s))
                            .sum::<usize>()
                    )]
                )
            )),
        ])),
        top,
    );
    draw_items(frame, p, body);
    let style = if t.skipped.is_empty() || p.loading.is_some() {
        theme::dim()
    } else {
        theme::error()
    };
    frame.render_widget(Paragraph::new(p.status()).style(style), footer);
    match p.switcher {
        Some(at) => draw_switcher(frame, p, at),
        None => {
            let mut hits = p.hits.borrow_mut();
            hits.switcher.clear();
            hits.popup = None;
        }
    }
}

/// `s` padded to `width` columns with one space to spare, or cut with an ellipsis (wide
/// characters count two); a column of no width is left out.
fn cell(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if width == 0 {
        return String::new();
    }
    let room = width - 1;
    let mut out = String::new();
    let mut used = 0;
    if s.width() <= room {
        out.push_str(s);
        used = s.width();
    } else {
        for c in s.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > room.saturating_sub(1) {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// The widths of the columns at their roomiest: client, tag, record, project, (what), when.
const COLUMNS: [usize; 5] = [20, 10, 14, 24, 12];

/// The subject ("what") gets at least this many columns before the others shrink.
const WHAT_WANTS: usize = 30;

/// The columns' widths for `inner` columns: the project column shrinks and then goes first,
/// then the client and record columns shrink, so the subject keeps its room.
fn columns(inner: usize) -> ([usize; 5], usize) {
    let mut c = COLUMNS;
    let what = |c: &[usize; 5]| inner.saturating_sub(c.iter().sum::<usize>() + 2);
    // (column, narrowest, while the subject has fewer than): the project down to 12
    // columns, and out when the subject would have under 20; then client, record, when, tag.
    for (i, least, wants) in [
        (3, 12, WHAT_WANTS),
        (3, 0, 20),
        (0, 12, WHAT_WANTS),
        (2, 12, WHAT_WANTS),
        (4, 9, WHAT_WANTS),
        (1, 9, WHAT_WANTS),
    ] {
        let short = wants.saturating_sub(what(&c));
        if short == 0 {
            continue;
        }
        c[i] = if least == 0 {
            0
        } else {
            c[i].saturating_sub(short).max(least)
        };
    }
    let w = what(&c).max(10);
    (c, w)
}

fn draw_items(frame: &mut Frame, p: &Portfolio, area: Rect) {
    let t = &p.today;
    let inner_width = usize::from(area.width.saturating_sub(2));
    let (cols, what) = columns(inner_width);
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
            let title = c.item.section.title();
            let title = if total > shown {
                trf(
                    "{section} ({shown} of {total})",
                    &[("section", &title), ("shown", &shown), ("total", &total)],
                )
            } else {
                format!("{title} ({shown})")
            };
            lines.push((None, Line::styled(title, theme::section())));
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
            Span::raw(cell(&c.client, cols[0])),
            Span::styled(cell(word(&item.tag), cols[1]), tag_style),
            Span::raw(cell(
                &format!("{} {}", field_name(item.record.kind()), item.record.id()),
                cols[2],
            )),
            Span::raw(cell(&item.project, cols[3])),
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
            "  {}{}{}{}{}{}",
            cell(tr("client"), cols[0]),
            cell(tr("tag"), cols[1]),
            cell(tr("record"), cols[2]),
            cell(tr("project"), cols[3]),
            cell(tr("what"), what),
            tr("when")
        ),
        theme::header(),
    )];
    if lines.is_empty() {
        // Not a word about what is owed before the files say so.
        shown.push(Line::raw(format!(
            "  {}",
            if p.loading.is_some() {
                tr("Reading the client files…")
            } else {
                tr("Nothing is owed to a client right now.")
            }
        )));
    }
    // The first item line sits under the top border and the header.
    let mut hits = p.hits.borrow_mut();
    hits.items.clear();
    for (k, (index, line)) in lines.into_iter().skip(skip).take(height).enumerate() {
        if let Some(i) = index {
            let row = Rect::new(
                area.x + 1,
                area.y + 2 + k as u16,
                area.width.saturating_sub(2),
                1,
            );
            hits.items.push((row.intersection(area).into(), i));
        }
        shown.push(line);
    }
    frame.render_widget(
        Paragraph::new(shown).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme::block(true))
                .title(format!(" {} ", tr("Today across clients"))),
        ),
        area,
    );
}

fn draw_switcher(frame: &mut Frame, p: &Portfolio, at: usize) {
    let area = frame.area();
    let t = &p.today;
    // The client column as wide as the longest name (and the mark before it), within reason.
    let names = t
        .clients
        .iter()
        .map(|c| c.client.width())
        .chain([tr("All clients").width(), tr("client").width()])
        .max()
        .unwrap_or(0);
    let name_col = (names + 2).clamp(14, 40) as u16;
    let width = area
        .width
        .saturating_sub(4)
        .min(name_col + 6 + 11 + 24 + 5)
        .max(40.min(area.width));
    let height = (t.clients.len() as u16 + 4).min(area.height.saturating_sub(2));
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    };
    let mark = |i: usize| if i == at { "› " } else { "  " };
    let mut rows = vec![Row::new(vec![
        format!("{}{}", mark(0), tr("All clients")),
        String::new(),
        overdue(t.clients.iter().map(|c| c.overdue).sum::<usize>()),
        String::new(),
    ])];
    for (i, c) in t.clients.iter().enumerate() {
        rows.push(Row::new(vec![
            ratatui::text::Text::from(format!("{}{}", mark(i + 1), c.client)),
            ratatui::text::Text::styled(word(c.rating.as_str()), theme::rating(c.rating)),
            ratatui::text::Text::from(overdue(c.overdue)),
            ratatui::text::Text::from(
                c.last_contact
                    .map(|w| trf("last contact {when}", &[("when", &relative(t.now, w))]))
                    .unwrap_or_else(|| tr("no contact logged").into()),
            ),
        ]));
    }
    let visible = usize::from(height.saturating_sub(3)).max(1);
    let skip = (at + 1).saturating_sub(visible);
    // Rows start under the popup's top border and the header.
    let mut hits = p.hits.borrow_mut();
    hits.popup = Some(rect.into());
    hits.switcher = (skip..rows.len().min(skip + visible))
        .map(|i| {
            let y = rect.y + 2 + (i - skip) as u16;
            let row = Rect::new(rect.x + 1, y, rect.width.saturating_sub(2), 1);
            (row.intersection(rect).into(), i)
        })
        .collect();
    drop(hits);
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
            Constraint::Length(name_col),
            Constraint::Length(6),
            Constraint::Length(11),
            Constraint::Min(10),
        ],
    )
    .header(
        Row::new(vec![
            format!("  {}", tr("client")),
            tr("health").into(),
            tr("overdue").into(),
            tr("last contact").into(),
        ])
        .style(theme::header()),
    )
    .block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme::block(true))
            .title(format!(" {} ", tr("Clients (Enter: open, Esc: back)"))),
    );
    crate::tui::view::widgets::clear_popup(frame, rect);
    frame.render_widget(table, rect);
}

fn overdue(n: usize) -> String {
    trn(n as i64, "{n} overdue", "{n} overdue")
}
