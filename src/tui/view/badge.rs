//! The badge naming the client of a file opened from the portfolio (`rapport --all-clients`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::tui::theme;

/// The client's name and the key back to the clients at the right of the top line, over the
/// panes of its file, in the room the tabs leave: the whole badge, else the key alone, else
/// nothing (the line already names the client at its left; the tabs are never covered).
pub fn client_badge(frame: &mut Frame, name: &str) {
    let area = frame.area();
    if area.height == 0 {
        return;
    }
    // The first blank column after the last cell the tabs drew.
    let used = (area.x..area.x + area.width)
        .rev()
        .find(|&x| frame.buffer_mut()[(x, area.y)].symbol() != " ")
        .map_or(area.x, |x| x + 1);
    let room = usize::from(area.x + area.width - used).saturating_sub(1);
    let whole = format!(
        " {} ",
        crate::i18n::trf("client: {name} · c: clients", &[("name", &name)])
    );
    let key = format!(" {} ", crate::i18n::tr("c: clients"));
    let Some(text) = [whole, key].into_iter().find(|t| t.width() <= room) else {
        return;
    };
    let width = text.width() as u16;
    let rect = Rect {
        x: area.x + area.width - width,
        y: area.y,
        width,
        height: 1,
    };
    frame.render_widget(Paragraph::new(text).style(theme::tab(true)), rect);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::Paragraph;

    /// The top line of a `width`-column frame with `tabs` drawn at its left, then the badge.
    fn top_line(width: u16, tabs: &str) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, 2)).unwrap();
        terminal
            .draw(|frame| {
                frame.render_widget(Paragraph::new(tabs), frame.area());
                super::client_badge(frame, "contoso");
            })
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..width).map(|x| buffer[(x, 0)].symbol()).collect()
    }

    #[test]
    fn the_badge_takes_only_the_room_the_tabs_leave() {
        let tabs = " rapport · contoso   1 Today   2 Issues   7 Insights";
        let wide = top_line(120, tabs);
        assert!(wide.starts_with(tabs), "{wide}");
        assert!(
            wide.trim_end().ends_with("client: contoso · c: clients"),
            "{wide}"
        );
        let narrow = top_line(66, tabs);
        assert!(narrow.starts_with(tabs), "{narrow}");
        assert!(narrow.trim_end().ends_with("c: clients"), "{narrow}");
        assert!(!narrow.contains("client:"), "{narrow}");
        let full = top_line(56, tabs);
        assert_eq!(full.trim_end(), tabs, "no room: the tabs stay whole");
    }
}
