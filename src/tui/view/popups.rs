//! Overlays: the add/edit form, the help sheet and the archive confirmation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::widgets::centered;
use crate::i18n::tr;
use crate::model::text::one_line;
use crate::tui::app::App;
use crate::tui::forms::{FieldKind, Form};
use crate::tui::theme;

/// Rows the editor of a focused long-text field takes: what the window leaves, within these.
const EDITOR_ROWS: (usize, usize) = (3, 16);

pub fn form(frame: &mut Frame, _app: &App, form: &Form) {
    let area = frame.area();
    let errors = form.fields.iter().filter(|f| f.error.is_some()).count();
    // The focused long-text field opens into an editor of several rows.
    let editing = form.fields.get(form.focus).and_then(|f| f.editor.as_ref());
    let others = form.fields.len() + errors + 5;
    let left = usize::from(area.height.saturating_sub(4)).saturating_sub(others);
    let editor_rows = left.clamp(EDITOR_ROWS.0, EDITOR_ROWS.1);
    let extra = if editing.is_some() {
        editor_rows - 1
    } else {
        0
    };
    let height = (others + 1 + extra) as u16;
    let popup = centered(area, area.width.saturating_sub(4).min(90), height);
    frame.render_widget(Clear, popup);
    let rows = usize::from(popup.height.saturating_sub(2)).max(1);
    let editor_rows = editor_rows.min(rows.saturating_sub(3)).max(1);
    let label_w = form
        .fields
        .iter()
        .map(|f| f.label.width())
        .max()
        .unwrap_or(0);
    let inner_w = popup.width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    let mut focus_line = 0;
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        if focused {
            focus_line = lines.len();
        }
        let marker = if f.required { "*" } else { " " };
        let label_style = if focused { theme::key() } else { theme::dim() };
        let label = Span::styled(format!("{:>label_w$}{marker} ", f.label), label_style);
        if focused && f.editor.is_some() {
            // The editor is drawn over these rows below.
            lines.push(Line::from(label));
            lines.extend((1..editor_rows).map(|_| Line::raw("")));
        } else {
            let shown = match &f.kind {
                FieldKind::Multiline => one_line(&f.value.replace('\n', " ⏎ ")).into_owned(),
                FieldKind::Choice(_) if focused => format!("◀ {} ▶", f.value),
                _ => one_line(&f.value).into_owned(),
            };
            // Keep the end of a long value (where the cursor is) in view.
            let room = inner_w.saturating_sub(label_w + 5);
            let mut shown = tail(&shown, room);
            if focused && !matches!(f.kind, FieldKind::Choice(_)) {
                shown.push('▏');
            }
            lines.push(Line::from(vec![label, Span::raw(shown)]));
        }
        if let Some(e) = &f.error {
            lines.push(Line::styled(
                format!("{:>label_w$}  ⚠ {}", "", one_line(e)),
                theme::error(),
            ));
        }
    }
    lines.push(Line::raw(""));
    if let Some(f) = form.fields.get(form.focus) {
        lines.push(Line::styled(f.hint(), theme::dim()));
    }
    match &form.error {
        Some(e) => lines.push(Line::styled(format!("⚠ {}", one_line(e)), theme::error())),
        None => lines.push(Line::raw("")),
    }
    let keys = if editing.is_some() {
        tr(" Ctrl-S save · Tab next · Shift-Tab back · Ctrl-E $EDITOR · Esc cancel ")
    } else {
        " Ctrl-S save · Tab/↓ next · Shift-Tab/↑ back · Esc cancel "
    };
    let block = Block::bordered()
        .title(format!(" {} ", form.title))
        .title_bottom(keys)
        .border_style(theme::block(true));
    // In a window too short for every field, scroll so the focused one (all of its
    // editor) is in view.
    let focus_rows = if editing.is_some() { editor_rows } else { 1 };
    let scroll = (focus_line + focus_rows).saturating_sub(rows);
    let inner = block.inner(popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        popup,
    );
    if let Some(editor) = editing {
        let column = (label_w + 2) as u16;
        let top = inner.y + u16::try_from(focus_line.saturating_sub(scroll)).unwrap_or(0);
        let room = Rect {
            x: inner.x + column,
            y: top,
            width: inner.width.saturating_sub(column),
            height: (editor_rows as u16).min(inner.bottom().saturating_sub(top)),
        };
        frame.render_widget(editor.area(), room);
    }
}

/// The last `room` columns of `s` (by display width), with "…" when cut.
fn tail(s: &str, room: usize) -> String {
    if s.width() <= room {
        return s.to_string();
    }
    let mut out: Vec<char> = Vec::new();
    let mut w = 1;
    for c in s.chars().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > room {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out.into_iter().rev().collect()
}

pub fn help(frame: &mut Frame, app: &App) {
    let entries = super::help::help(&app.keymap, app.pane);
    let key_w = entries.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let mut lines: Vec<Line> = entries
        .into_iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!("{k:>key_w$}  "), theme::key()),
                Span::raw(what),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "In forms: Tab/↓ next field, ←/→ choose a value, Ctrl-S save, Esc cancel. Ctrl-C always quits.",
        theme::dim(),
    ));
    let area = frame.area();
    let popup = centered(
        area,
        area.width.saturating_sub(4).min(80),
        lines.len() as u16 + 2,
    );
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(format!(" Keys · {} ", app.pane.title()))
        .title_bottom(" any key closes ")
        .border_style(theme::block(true));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}

pub fn confirm(frame: &mut Frame, question: &str) {
    let area: Rect = frame.area();
    let popup = centered(area, area.width.saturating_sub(8).min(70), 5);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(" Confirm ")
        .border_style(theme::error());
    frame.render_widget(
        Paragraph::new(one_line(question).into_owned())
            .block(block)
            .wrap(Wrap { trim: true }),
        popup,
    );
}
