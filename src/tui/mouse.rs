//! The mouse: where the last frame drew what can be clicked ([`Hits`], recorded by the view
//! in plain numbers), and which action a click or a turn of the wheel means there. The event
//! loop turns crossterm's event into a [`Mouse`]; [`action`] makes it an [`Action`], which
//! `update` carries out like a key's, so none of this needs a terminal to be tested.

use super::action::Action;
use super::app::{App, Mode};
pub use super::hits::{Area, Hits};

/// What the mouse did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    /// The left button went down.
    Click,
    WheelUp,
    WheelDown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

impl Mouse {
    pub fn click(column: u16, row: u16) -> Mouse {
        Mouse {
            kind: MouseKind::Click,
            column,
            row,
        }
    }
}

/// The action a mouse event means in the current mode, if any: a click on a tab goes to
/// its pane, on a row selects it (on the selected row, opens it), on a form's field focuses
/// it; the wheel moves through a list or scrolls a detail view or help. In help, a click
/// closes it.
pub fn action(app: &App, m: Mouse) -> Option<Action> {
    let hits = app.hits.borrow();
    let at = |list: &[(Area, usize)]| {
        list.iter()
            .find(|(a, _)| a.contains(m.column, m.row))
            .map(|(_, i)| *i)
    };
    match (&app.mode, m.kind) {
        (Mode::Normal, MouseKind::Click) => at(&hits.tabs)
            .map(Action::GoPane)
            .or_else(|| at(&hits.rows).map(Action::ClickRow)),
        // Help takes ↑/↓ as keys do (a help that scrolls scrolls, one that does not closes).
        (Mode::Normal | Mode::Detail(_) | Mode::Help, MouseKind::WheelDown) => Some(Action::Down),
        (Mode::Normal | Mode::Detail(_) | Mode::Help, MouseKind::WheelUp) => Some(Action::Up),
        (Mode::Form(_), MouseKind::Click) => at(&hits.fields).map(Action::FocusField),
        (Mode::Help, MouseKind::Click) => Some(Action::Back),
        _ => None,
    }
}
