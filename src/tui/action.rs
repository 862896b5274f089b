//! Everything the user can ask for. Keys map to these; `update` interprets them.

use super::key::Key;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    NextPane,
    PrevPane,
    GoPane(usize),
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Open,
    Add,
    AddProject,
    Edit,
    Archive,
    Undo,
    Filter,
    MarkSent,
    Skip,
    /// The selected complaint or request was answered another way: it leaves Today and its
    /// untouched reply draft is skipped (`rapport log handled`).
    Handled,
    /// Draft the update the selected issue needs now.
    Draft,
    /// Copy the selected update to the clipboard (OSC 52, works over SSH).
    Copy,
    Refresh,
    /// The Plan pane's next / previous section.
    NextSection,
    PrevSection,
    /// The selected risk happened: open its issue (after a confirmation).
    Occurred,
    /// Add a prepared response to the selected risk.
    AddResponse,
    /// The selected meeting action is done.
    ActionDone,
    /// Record the selected meeting's minutes.
    Minutes,
    Back,
    /// Open the selected update's body or issue's description in the user's editor
    /// (`$VISUAL`, else `$EDITOR`, else `vi`) and save what comes back.
    ExternalEditor,
    /// What came back from the user's editor (or why it did not run).
    Edited(Result<crate::editor::Edited, String>),
    /// A key typed into a form, the filter line or a confirmation (not a command).
    Input(Key),
    /// Text pasted into the terminal (bracketed paste): typed into a form's field or the
    /// filter, never read as keys.
    Paste(String),
    /// The terminal changed size.
    Resize(u16, u16),
    /// Periodic wake-up: refresh the clock, look for changes by other processes.
    Tick,
}

impl Action {
    /// The name used in `[keys]` of config.toml, for remappable actions.
    pub fn config_name(&self) -> Option<&'static str> {
        Some(match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::Down => "down",
            Action::Up => "up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::Add => "add",
            Action::AddProject => "add_project",
            Action::Edit => "edit",
            Action::Archive => "archive",
            Action::Undo => "undo",
            Action::Filter => "filter",
            Action::MarkSent => "mark_sent",
            Action::Handled => "handled",
            Action::Skip => "skip",
            Action::Draft => "draft",
            Action::Copy => "copy",
            Action::Refresh => "refresh",
            Action::NextSection => "next_section",
            Action::PrevSection => "prev_section",
            Action::Occurred => "risk_occurred",
            Action::AddResponse => "add_response",
            Action::ActionDone => "action_done",
            Action::Minutes => "minutes",
            Action::ExternalEditor => "external_editor",
            _ => return None,
        })
    }

    /// What the action does, for the help overlay and the footer.
    pub fn describe(&self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::GoPane(_) => "go to pane",
            Action::Down => "down",
            Action::Up => "up",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::Top => "first",
            Action::Bottom => "last",
            Action::Open => "open",
            Action::Add => "add",
            Action::AddProject => "new project",
            Action::Edit => "edit",
            Action::Archive => "archive",
            Action::Undo => "undo",
            Action::Filter => "filter",
            Action::MarkSent => "mark sent",
            Action::Handled => "feedback handled",
            Action::Skip => "skip update",
            Action::Draft => "draft the update this issue needs",
            Action::Copy => "copy the update (subject and body) to the clipboard",
            Action::Refresh => "refresh",
            Action::NextSection => "next section",
            Action::PrevSection => "previous section",
            Action::Occurred => "the risk happened: open its issue",
            Action::AddResponse => "prepare a response to the risk",
            Action::ActionDone => "mark the meeting action done",
            Action::Minutes => "record the meeting's minutes: notes, decisions, actions",
            Action::Back => "back",
            Action::ExternalEditor => {
                crate::i18n::tr("open the text in your $EDITOR (in a form: Ctrl-E)")
            }
            Action::Edited(_) => "",
            Action::Input(_) | Action::Paste(_) | Action::Resize(..) | Action::Tick => "",
        }
    }
}
