//! Small pieces the pane, detail and popup views share: a list pane's title, a centred box.

use ratatui::layout::Rect;

/// What a pane's title says about its rows.
pub struct TitleParts<'a> {
    pub name: &'a str,
    pub selected: usize,
    pub total: usize,
    /// False when the count stopped at its cap ("1000+").
    pub exact: bool,
    pub filter: &'a str,
    /// How the filtered rows are ordered, when that is worth saying.
    pub order: Option<&'a str>,
    pub project: Option<&'a str>,
}

/// The block title of a list pane: name, position and any filter or scope.
pub(super) fn pane_title(p: TitleParts<'_>) -> String {
    let mut t = format!(" {} ", p.name);
    let more = if p.exact { "" } else { "+" };
    if p.total > 0 {
        t.push_str(&format!("{}/{}{more} ", p.selected + 1, p.total));
    } else {
        t.push_str("0 ");
    }
    if let Some(project) = p.project {
        t.push_str(&format!(
            "· {} ",
            crate::i18n::trf(
                "project: {name}",
                &[("name", &crate::model::text::one_line(project))]
            )
        ));
    }
    if !p.filter.is_empty() {
        t.push_str(&format!(
            "· {} ",
            crate::i18n::trf(
                "filter: {text}",
                &[("text", &crate::model::text::one_line(p.filter))]
            )
        ));
        if let Some(order) = p.order.filter(|_| p.total > 1) {
            t.push_str(&format!("({order}) "));
        }
    }
    t
}

/// A rectangle of `w`x`h` centred in `area`, clipped to it.
pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears `popup` for an overlay and keeps its left border whole over wide characters: a
/// CJK glyph just left of the popup whose second half falls under the border would hide
/// the border (a terminal draws the whole glyph), so it becomes a space.
pub(crate) fn clear_popup(frame: &mut ratatui::Frame, popup: Rect) {
    use unicode_width::UnicodeWidthStr;
    frame.render_widget(ratatui::widgets::Clear, popup);
    let Some(left) = popup.x.checked_sub(1) else {
        return;
    };
    let buf = frame.buffer_mut();
    for y in popup.top()..popup.bottom() {
        if let Some(cell) = buf.cell_mut((left, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// `text` padded with spaces to `width` display columns (a CJK character counts two, which
/// `format!`'s `{:<8}` does not know).
pub(crate) fn pad(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// `text` right-aligned in `width` display columns.
pub(crate) fn pad_left(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}
