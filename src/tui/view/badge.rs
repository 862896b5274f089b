//! The badge naming the client of a file opened from the portfolio (`rapport --all-clients`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::tui::theme;

/// The client's name at the right of the top line, over the panes of its file.
pub fn client_badge(frame: &mut Frame, name: &str) {
    let area = frame.area();
    let text = format!(
        " {} ",
        crate::i18n::trf("client: {name} · c: clients", &[("name", &name)])
    );
    let width = (unicode_width::UnicodeWidthStr::width(text.as_str()) as u16).min(area.width);
    let rect = Rect {
        x: area.x + area.width - width,
        y: area.y,
        width,
        height: 1,
    };
    super::widgets::clear_popup(frame, rect);
    frame.render_widget(Paragraph::new(text).style(theme::tab(true)), rect);
}
