//! The Today pane: the agenda by section, and a welcome on an empty database.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use super::widgets::{TitleParts, pad, pad_left, pane_title};
use crate::i18n::{tr, trf};
use crate::model::Record;
use crate::model::text::{fit, one_line};
use crate::tui::app::App;
use crate::tui::theme;
use crate::tui::words::{relative, word};
use crate::workflow::today::Section;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let items = app.today.items();
    let title = pane_title(TitleParts {
        name: &format!("{} · {}", tr("Today"), app.show_time(app.now)),
        selected: app.today.selected,
        total: items.len(),
        exact: true,
        filter: &app.today.filter,
        order: None,
        project: None,
    });
    let block = Block::bordered()
        .title(title)
        .border_style(theme::block(true));
    if app.is_empty_database() {
        frame.render_widget(welcome().block(block), area);
        return;
    }
    let mut lines: Vec<ListItem> = Vec::new();
    let mut selected_line = None;
    // The line of each item, for the mouse.
    let mut item_lines = Vec::new();
    let mut index = 0;
    let attention = items
        .iter()
        .filter(|i| i.section != Section::Health)
        .count();
    if attention == 0 && app.today.filter.is_empty() {
        lines.push(ListItem::new(Line::styled(
            tr("Nothing is owed to a client right now."),
            theme::info(),
        )));
        lines.push(ListItem::new(""));
    }
    for section in Section::ALL {
        let in_section: Vec<_> = items.iter().filter(|i| i.section == section).collect();
        if in_section.is_empty() {
            continue;
        }
        let total = app
            .today
            .agenda
            .as_ref()
            .map_or(in_section.len(), |a| a.total(section));
        lines.push(ListItem::new(Line::styled(
            section_title(
                section,
                in_section.len(),
                total,
                !app.today.filter.is_empty(),
            ),
            theme::section(),
        )));
        for item in in_section {
            if index == app.today.selected {
                selected_line = Some(lines.len());
            }
            item_lines.push((lines.len(), index));
            index += 1;
            let tag_style = match (item.severity, item.rating) {
                (_, Some(r)) => theme::rating(r),
                (Some(s), None) => theme::severity(s),
                (None, None) if item.tag == "at-risk" || section == Section::OverdueUpdates => {
                    theme::overdue()
                }
                (None, None) => theme::dim(),
            };
            let tag = &item.tag;
            let late = matches!(section, Section::OverdueUpdates | Section::FollowUpOverdue)
                || matches!(
                    (section, item.tag.as_str()),
                    (Section::ActionsDue, "overdue") | (Section::Meetings, "minutes")
                );
            let when = item.when.map(|t| relative(app.now, t)).unwrap_or_default();
            let when_style = if late { theme::overdue() } else { theme::dim() };
            let id = match item.record {
                Record::Project(_) => String::new(),
                r => format!("#{} ", r.id()),
            };
            lines.push(ListItem::new(Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{} ", pad(word(tag), 8)), tag_style),
                Span::styled(format!("{} ", fit(&item.project, 18)), theme::dim()),
                Span::styled(format!("{}  ", pad_left(&when, 8)), when_style),
                Span::raw(format!("{id}{}", one_line(&item_text(app, item)))),
            ])));
        }
        lines.push(ListItem::new(""));
    }
    let list = List::new(lines)
        .block(block)
        .highlight_style(theme::selected());
    let mut state = ListState::default().with_selected(selected_line);
    frame.render_stateful_widget(list, area, &mut state);
    let inner = area.inner(Margin::new(1, 1));
    let mut hits = app.hits.borrow_mut();
    for (line, index) in item_lines {
        let Some(y) = line
            .checked_sub(state.offset())
            .and_then(|l| u16::try_from(l).ok())
            .filter(|y| *y < inner.height)
        else {
            continue;
        };
        let row = Rect::new(inner.x, inner.y + y, inner.width, 1);
        hits.rows.push((row.into(), index));
    }
}

fn welcome() -> Paragraph<'static> {
    let key = |k: &'static str| Span::styled(k, theme::key());
    Paragraph::new(vec![
        Line::styled(
            tr("Welcome to rapport: keep your clients the first to know."),
            theme::section(),
        ),
        Line::raw(""),
        Line::raw(tr("This database is empty. To start:")),
        Line::from(vec![
            Span::raw(tr("  1. press ")),
            key("a"),
            Span::raw(tr(" here to add a project (and its client),")),
        ]),
        Line::from(vec![
            Span::raw(tr("  2. press ")),
            key("2"),
            Span::raw(tr(" for the issue log and ")),
            key("a"),
            Span::raw(tr(" to log a problem,")),
        ]),
        Line::from(vec![
            Span::raw(tr("  3. come back to ")),
            key("1"),
            Span::raw(tr(" Today: it shows what the client is owed.")),
        ]),
        Line::raw(""),
        Line::from(vec![
            Span::raw(tr("Or quit (")),
            key("q"),
            Span::raw(tr(") and run ")),
            key("rapport demo"),
            Span::raw(tr(" to look around with sample data.")),
        ]),
        Line::from(vec![
            Span::raw(tr("Press ")),
            key("?"),
            Span::raw(tr(" for every key.")),
        ]),
    ])
    .wrap(Wrap { trim: false })
}

/// "Overdue updates (3)", or "(50 of 125)" when the section lists fewer than it holds.
fn section_title(section: Section, shown: usize, total: usize, filtered: bool) -> String {
    if filtered || shown >= total {
        format!("{} ({shown})", section.title())
    } else {
        trf(
            "{section} ({shown} of {total})",
            &[
                ("section", &section.title()),
                ("shown", &shown),
                ("total", &total),
            ],
        )
    }
}

/// The item's text; a project's health in Chinese when the interface is (the rules give
/// their reasons in English, and `today --json` keeps them so).
fn item_text(app: &App, item: &crate::workflow::today::AgendaItem) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::ZhCn
        && item.section == Section::Health
        && let Record::Project(id) = item.record
        && let Some(h) = app
            .today
            .agenda
            .as_ref()
            .and_then(|a| a.health.iter().find(|h| h.project_id == id))
    {
        return crate::report::digest::reasons_zh(h, app.now);
    }
    item.shown().to_string()
}
