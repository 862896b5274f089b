//! Overlays: the add/edit form, the help sheet and the archive confirmation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::widgets::{centered, pad_left};
use crate::i18n::{tr, trf};
use crate::model::text::one_line;
use crate::tui::app::App;
use crate::tui::forms::{FieldKind, Form};
use crate::tui::theme;
use crate::tui::words::word;

/// Rows the editor of a focused long-text field takes: what the window leaves, within these.
const EDITOR_ROWS: (usize, usize) = (3, 16);

pub fn form(frame: &mut Frame, app: &App, form: &Form) {
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
    super::widgets::clear_popup(frame, popup);
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
    // The line of each field, for the mouse.
    let mut field_lines = Vec::new();
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        if focused {
            focus_line = lines.len();
        }
        field_lines.push((lines.len(), i));
        let marker = if f.required { "*" } else { " " };
        let label_style = if focused { theme::key() } else { theme::dim() };
        let label = Span::styled(
            format!("{}{marker} ", pad_left(f.label, label_w)),
            label_style,
        );
        if focused && f.editor.is_some() {
            // The editor is drawn over these rows below.
            lines.push(Line::from(label));
            lines.extend((1..editor_rows).map(|_| Line::raw("")));
        } else {
            let shown = match &f.kind {
                FieldKind::Multiline => one_line(&f.value.replace('\n', " ⏎ ")).into_owned(),
                FieldKind::Choice(_) if focused => format!("◀ {} ▶", word(&f.value)),
                FieldKind::Choice(_) => word(&f.value).to_string(),
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
        tr(" Ctrl-S save · Tab/↓ next · Shift-Tab/↑ back · Esc cancel ")
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
    let mut hits = app.hits.borrow_mut();
    for (line, i) in field_lines {
        if let Some(y) = line
            .checked_sub(scroll)
            .and_then(|l| u16::try_from(l).ok())
            .filter(|y| *y < inner.height)
        {
            let row = Rect::new(inner.x, inner.y + y, inner.width, 1);
            hits.fields.push((row.into(), i));
        }
    }
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
    let area = frame.area();
    let popup_w = area.width.saturating_sub(4).min(80);
    let inner_w = usize::from(popup_w.saturating_sub(2));
    let in_forms = tr(
        "In forms: Tab/↓ next field, ←/→ choose a value, Ctrl-S save, Esc cancel. Ctrl-C always quits.",
    );
    let mouse_line = if app.mouse {
        tr(
            "Mouse: click a tab, a row (again to open it) or a form field; the wheel scrolls. Shift+drag selects text.",
        )
    } else {
        tr("Mouse off (mouse = false in the config): the terminal selects text as usual.")
    };
    let forms_rows =
        in_forms.width().div_ceil(inner_w.max(1)) + mouse_line.width().div_ceil(inner_w.max(1));
    // One key a line when they all fit; in a short window, short entries share a line two
    // by two (a long one keeps its own line), so the whole sheet stays on an 80x24 screen.
    let rows_of = |w: usize| w.div_ceil(inner_w.max(1)).max(1);
    let entry_w = |(_, what): &(String, String)| key_w + 2 + what.width();
    let rows_wanted: usize =
        entries.iter().map(|e| rows_of(entry_w(e))).sum::<usize>() + 1 + forms_rows + 2;
    let pack = rows_wanted > usize::from(area.height);
    let half = inner_w / 2;
    let mut grouped: Vec<Vec<(String, String)>> = Vec::new();
    let mut open_pair: Option<usize> = None;
    for entry in entries {
        if pack && entry_w(&entry) < half {
            match open_pair.take() {
                Some(i) => grouped[i].push(entry),
                None => {
                    open_pair = Some(grouped.len());
                    grouped.push(vec![entry]);
                }
            }
        } else {
            grouped.push(vec![entry]);
        }
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut rows = 0;
    for group in grouped {
        let count = group.len();
        let mut spans = Vec::new();
        let mut used = 0;
        for (i, entry) in group.into_iter().enumerate() {
            used += entry_w(&entry);
            let pad = if i + 1 < count {
                half - entry_w(&entry)
            } else {
                0
            };
            used += pad;
            let (k, what) = entry;
            spans.push(Span::styled(
                format!("{}  ", pad_left(&k, key_w)),
                theme::key(),
            ));
            spans.push(Span::raw(format!("{what}{}", " ".repeat(pad))));
        }
        rows += rows_of(used);
        lines.push(Line::from(spans));
    }
    // Packed, the sheet has no room for the blank line before the forms' keys.
    if !pack {
        lines.push(Line::raw(""));
        rows += 1;
    }
    lines.push(Line::styled(in_forms, theme::dim()));
    lines.push(Line::styled(mouse_line, theme::dim()));
    let height = rows + forms_rows + 2;
    let popup = centered(area, popup_w, u16::try_from(height).unwrap_or(u16::MAX));
    super::widgets::clear_popup(frame, popup);
    // Taller than the window (a small terminal), the sheet scrolls with ↑/↓.
    let inner = popup.height.saturating_sub(2);
    let total = u16::try_from(rows + forms_rows).unwrap_or(u16::MAX);
    let scroll = app.help_scroll.min(total.saturating_sub(inner));
    let closes = if total > inner {
        tr(" ↑/↓ scroll · any other key closes ").to_string()
    } else {
        format!(" {} ", tr("any key closes"))
    };
    let block = Block::bordered()
        .title(format!(
            " {} ",
            trf("Keys · {pane}", &[("pane", &app.pane.title())])
        ))
        .title_bottom(closes)
        .border_style(theme::block(true));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    frame.render_widget(paragraph.block(block).scroll((scroll, 0)), popup);
}

pub fn confirm(frame: &mut Frame, question: &str) {
    let area: Rect = frame.area();
    let popup = centered(area, area.width.saturating_sub(8).min(70), 5);
    super::widgets::clear_popup(frame, popup);
    let block = Block::bordered()
        .title(format!(" {} ", tr("Confirm")))
        .border_style(theme::error());
    frame.render_widget(
        Paragraph::new(one_line(question).into_owned())
            .block(block)
            .wrap(Wrap { trim: true }),
        popup,
    );
}
