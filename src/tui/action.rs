//! Everything the user can ask for. Keys map to these; `update` interprets them.

use super::key::Key;
use crate::i18n::tr;

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
    /// Add a solution option to the selected issue, or change one.
    Options,
    /// Record the option the client chose for the selected issue.
    ChooseOption,
    /// Write a progress note for the client on the selected issue.
    Note,
    /// Settle the selected expectation: met or missed, with the reason.
    Settle,
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
    /// A click on a list's row (its position in the whole list): selects it, or opens it
    /// when it is already selected (so a double click opens).
    ClickRow(usize),
    /// A click on a form's field: the focus moves there.
    FocusField(usize),
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
            Action::Options => "solution_option",
            Action::ChooseOption => "choose_option",
            Action::Note => "progress_note",
            Action::Settle => "settle",
            Action::ExternalEditor => "external_editor",
            _ => return None,
        })
    }

    /// What the action does, for the help overlay and the footer.
    pub fn describe(&self) -> &'static str {
        match self {
            Action::Quit => tr("quit"),
            Action::Help => tr("help"),
            Action::NextPane => tr("next pane"),
            Action::PrevPane => tr("previous pane"),
            Action::GoPane(_) => tr("go to pane"),
            Action::Down => tr("down"),
            Action::Up => tr("up"),
            Action::PageDown => tr("page down"),
            Action::PageUp => tr("page up"),
            Action::Top => tr("first"),
            Action::Bottom => tr("last"),
            Action::Open => crate::tui::words::key_word("open"),
            Action::Add => tr("add"),
            Action::AddProject => tr("new project"),
            Action::Edit => tr("edit"),
            Action::Archive => tr("archive"),
            Action::Undo => tr("undo"),
            Action::Filter => tr("filter"),
            Action::MarkSent => tr("mark sent"),
            Action::Handled => tr("feedback handled"),
            Action::Skip => tr("skip update"),
            Action::Draft => tr("draft the update this issue needs"),
            Action::Copy => tr("copy the update (subject and body) to the clipboard"),
            Action::Refresh => tr("refresh"),
            Action::NextSection => tr("next section"),
            Action::PrevSection => tr("previous section"),
            Action::Occurred => tr("the risk happened: open its issue"),
            Action::AddResponse => tr("prepare a response to the risk"),
            Action::ActionDone => tr("mark the meeting action done"),
            Action::Minutes => tr("record the meeting's minutes: notes, decisions, actions"),
            Action::Options => crate::i18n::tr("add or change a solution option of the issue"),
            Action::ChooseOption => crate::i18n::tr("record the option the client chose"),
            Action::Note => {
                crate::i18n::tr("write a progress note for the client (drafts quote it)")
            }
            Action::Settle => {
                crate::i18n::tr("settle the expectation: met or missed, with the reason")
            }
            Action::Back => tr("back"),
            Action::ExternalEditor => {
                crate::i18n::tr("open the text in your $EDITOR (in a form: Ctrl-E)")
            }
            Action::Edited(_) => "",
            Action::Input(_)
            | Action::Paste(_)
            | Action::ClickRow(_)
            | Action::FocusField(_)
            | Action::Resize(..)
            | Action::Tick => "",
        }
    }
}
