//! Where the last frame drew what the mouse can click, in plain numbers: the view records it
//! while drawing, `mouse::action` reads it (kept apart so the app state holds it without
//! depending on the mouse's rules).

/// A rectangle of the screen, in cells.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub fn contains(&self, column: u16, row: u16) -> bool {
        column >= self.x
            && row >= self.y
            && u32::from(column) < u32::from(self.x) + u32::from(self.width)
            && u32::from(row) < u32::from(self.y) + u32::from(self.height)
    }
}

impl From<ratatui::layout::Rect> for Area {
    fn from(r: ratatui::layout::Rect) -> Area {
        Area {
            x: r.x,
            y: r.y,
            width: r.width,
            height: r.height,
        }
    }
}

/// What the last frame drew where: filled by the view while it draws, read by [`action`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    /// Each tab and the index of its pane in `Pane::ALL`.
    pub tabs: Vec<(Area, usize)>,
    /// Each visible row of the pane's list and its position in the whole list.
    pub rows: Vec<(Area, usize)>,
    /// Each visible field of the open form and its index.
    pub fields: Vec<(Area, usize)>,
}
