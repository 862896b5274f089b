//! The TUI's state: which pane, each pane's window of rows and selection, and the mode
//! (normal, filter, form, confirm, detail, help). No I/O here.

use chrono::{DateTime, Utc};

use super::forms::Form;
use super::keymap::KeyMap;
pub use super::pane::{CountStamp, InsightsPane, ListPane, ListView, Pane, TodayPane};
pub use super::plan::{PlanPane, PlanSection};
pub use crate::model::when::Zone;
use crate::model::{
    Expectation, Issue, LogEntry, Meeting, MeetingAction, Milestone, PlanEntry, Project, Review,
    Risk, Severity, Update,
};
use crate::store::client_text::IssueNote;
use crate::store::history::HistoryEntry;
use crate::store::waits::IssueWait;
use crate::workflow::Record;

/// The record a detail view shows, with the records linked to it.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// The issue with its updates (queued and sent) and its log entries.
    Issue(Box<Issue>, Vec<Update>, Vec<LogEntry>),
    Update(Box<Update>),
    Expectation(Box<Expectation>),
    Log(Box<LogEntry>),
    /// A milestone with the history of its dates.
    Milestone(Box<Milestone>),
    /// A risk with its prepared responses.
    Risk(Box<Risk>),
    Review(Box<Review>),
    PlanEntry(Box<PlanEntry>),
    /// A meeting with its actions and the decisions logged from it.
    Meeting(Box<Meeting>, Vec<MeetingAction>, Vec<String>),
    Action(Box<MeetingAction>),
}

/// What a detail view shows: the record and, at the end, its history.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailData {
    pub shown: Shown,
    /// An issue's notes for the client, oldest first (empty for other records).
    pub notes: Vec<IssueNote>,
    /// An issue's wait on the client under way, if any.
    pub wait: Option<Box<IssueWait>>,
    /// The zone of the record's client, when known (an update's due time and an issue's next
    /// update are shown in it too).
    pub client_zone: Option<chrono_tz::Tz>,
    /// The newest changes to the record (at most [`HISTORY_SHOWN`]), oldest first.
    pub history: Vec<HistoryEntry>,
    /// How many older changes are left out (`rapport history KIND ID` lists them all).
    pub earlier: usize,
}

/// How many history entries a detail view shows.
pub const HISTORY_SHOWN: usize = 20;

impl DetailData {
    /// The record alone, with no history read.
    pub fn of(shown: Shown) -> DetailData {
        DetailData {
            shown,
            notes: Vec::new(),
            wait: None,
            client_zone: None,
            history: Vec::new(),
            earlier: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub record: Record,
    pub data: Option<DetailData>,
    pub scroll: u16,
}

/// What `y` does in a confirmation.
#[derive(Debug, Clone, PartialEq)]
pub enum OnYes {
    Archive(Record),
    /// Bring an archived record back (a contact).
    Restore(Record),
    /// Mark the update with this id sent (it was sent outside rapport: say so only once sure).
    MarkSent(i64),
    /// Save the form again past the library's refusal (`force`); any other key goes back
    /// to the form.
    ForceSave(Box<Form>),
    /// The risk happened: open its issue with this severity (←/→ change it first).
    Occurred {
        risk: i64,
        severity: Severity,
        plans: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub on_yes: OnYes,
    pub question: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    Filter,
    Help,
    Form(Box<Form>),
    Confirm(Confirm),
    Detail(Detail),
}

/// Text waiting for the user's editor (`$VISUAL`/`$EDITOR`): the event loop leaves the
/// screen, runs the editor and hands what came back to `update` as `Action::Edited`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExternalEdit {
    pub text: String,
    /// Part of the temporary file's name, so the editor's title says what it is
    /// ("update-12", "issue-4", "form").
    pub stem: String,
    pub into: EditInto,
}

/// Where the text from the user's editor goes.
#[derive(Debug, Clone, PartialEq)]
pub enum EditInto {
    /// Field number `.0` of the open form; saved with the form (Ctrl-S).
    Field(usize),
    /// Field `.1` of this edit form of the selected record, saved at once as the form
    /// would save it (history, rules).
    Save(Box<Form>, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub level: Level,
    pub text: String,
}

pub struct App {
    pub pane: Pane,
    pub mode: Mode,
    /// The detail view a form was opened from (a solution option, a note, settling): the
    /// form goes back to it when saved or cancelled.
    pub form_from: Option<Detail>,
    /// How far the help overlay is scrolled (a long key list in a short window).
    pub help_scroll: u16,
    pub today: TodayPane,
    pub issues: ListPane<Issue>,
    pub queue: ListPane<Update>,
    pub expectations: ListPane<Expectation>,
    pub log: ListPane<LogEntry>,
    pub plan: PlanPane,
    pub insights: InsightsPane,
    pub projects: Vec<Project>,
    pub keymap: KeyMap,
    pub now: DateTime<Utc>,
    pub zone: Zone,
    pub date_format: String,
    pub width: u16,
    pub height: u16,
    pub status: Option<Status>,
    pub quit: bool,
    pub data_version: i64,
    /// Bumped whenever the data may have changed; counts taken before are stale.
    pub generation: u64,
    /// Text for the terminal's clipboard (OSC 52), written by the event loop.
    pub clipboard: Option<String>,
    /// Text for the user's editor, run by the event loop.
    pub external_edit: Option<ExternalEdit>,
    /// Damage notes already shown in the status line (each is shown once a session).
    pub warned: Vec<String>,
    /// Hours a wait on the client lasts before Today says to chase (`[waiting]` in the config).
    pub chase_after_hours: u32,
    /// The client whose file is open (`--client NAME`, or picked in the portfolio): the tab
    /// line's brand names it. None for the default file.
    pub client: Option<String>,
    /// Where the last frame drew its tabs, rows and fields (for the mouse). The view fills
    /// it while drawing from `&App`, hence the cell.
    pub hits: std::cell::RefCell<super::hits::Hits>,
    /// Whether the terminal sends mouse events (`mouse` in the config); help says so.
    pub mouse: bool,
    /// Today waits to be read again: after a change made on another pane it is read once
    /// the frame after the key is drawn and no other key is waiting (only its tab's counts
    /// show meanwhile; going to Today reads it at once).
    pub today_waits: bool,
}

/// Rows of chrome around a table: tabs, borders, header, footer.
const CHROME_ROWS: u16 = 5;
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

impl App {
    pub fn new(keymap: KeyMap, now: DateTime<Utc>, zone: Zone, date_format: String) -> App {
        App {
            pane: Pane::Today,
            mode: Mode::Normal,
            form_from: None,
            help_scroll: 0,
            today: TodayPane::default(),
            issues: ListPane::default(),
            queue: ListPane::default(),
            expectations: ListPane::default(),
            log: ListPane::default(),
            plan: PlanPane::default(),
            insights: InsightsPane::default(),
            projects: Vec::new(),
            keymap,
            now,
            zone,
            date_format,
            width: 80,
            height: 24,
            status: None,
            quit: false,
            data_version: 0,
            generation: 0,
            clipboard: None,
            external_edit: None,
            warned: Vec::new(),
            chase_after_hours: crate::workflow::today::CHASE_AFTER_HOURS,
            client: None,
            hits: Default::default(),
            mouse: false,
            today_waits: false,
        }
    }

    /// How many table rows fit on screen: the size of each window query.
    pub fn page(&self) -> usize {
        usize::from(self.height.saturating_sub(CHROME_ROWS)).max(1)
    }

    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    pub fn show_time(&self, t: DateTime<Utc>) -> String {
        self.zone.show(t, &self.date_format)
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            level: Level::Info,
            text: text.into(),
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            level: Level::Error,
            text: text.into(),
        });
    }

    /// The record under the cursor in the current pane.
    pub fn selected_record(&self) -> Option<Record> {
        match self.pane {
            Pane::Today => {
                self.today
                    .items()
                    .get(self.today.selected)
                    .and_then(|i| match i.record {
                        Record::Project(_) => None,
                        r => Some(r),
                    })
            }
            Pane::Issues => self.issues.selected_row().map(|i| Record::Issue(i.id)),
            Pane::Queue => self.queue.selected_row().map(|u| Record::Update(u.id)),
            Pane::Expectations => self
                .expectations
                .selected_row()
                .map(|e| Record::Expectation(e.id)),
            Pane::Log => self.log.selected_row().map(|l| Record::Log(l.id)),
            Pane::Plan => self.plan.selected_record(),
            Pane::Insights => None,
        }
    }

    /// The list view of a pane: selection, window, filter, scope.
    pub fn view(&self, pane: Pane) -> &ListView {
        match pane {
            Pane::Today => &self.today.view,
            Pane::Issues => &self.issues.view,
            Pane::Queue => &self.queue.view,
            Pane::Expectations => &self.expectations.view,
            Pane::Log => &self.log.view,
            Pane::Plan => self.plan.view(),
            Pane::Insights => &self.insights.view,
        }
    }

    pub fn view_mut(&mut self, pane: Pane) -> &mut ListView {
        match pane {
            Pane::Today => &mut self.today.view,
            Pane::Issues => &mut self.issues.view,
            Pane::Queue => &mut self.queue.view,
            Pane::Expectations => &mut self.expectations.view,
            Pane::Log => &mut self.log.view,
            Pane::Plan => self.plan.view_mut(),
            Pane::Insights => &mut self.insights.view,
        }
    }

    /// The filter text of the current pane.
    pub fn filter_mut(&mut self) -> &mut String {
        &mut self.view_mut(self.pane).filter
    }

    pub fn filter(&self) -> &str {
        &self.view(self.pane).filter
    }

    /// The project a pane is limited to, if any.
    pub fn project_scope_mut(&mut self) -> Option<&mut Option<(i64, String)>> {
        let pane = self.pane;
        (pane != Pane::Today).then(|| &mut self.view_mut(pane).project)
    }

    /// The project of the selected row of the current pane.
    fn selected_project(&self) -> Option<i64> {
        match self.pane {
            Pane::Today => None,
            Pane::Issues => self.issues.selected_row().map(|r| r.project_id),
            Pane::Queue => self.queue.selected_row().map(|r| r.project_id),
            Pane::Expectations => self.expectations.selected_row().map(|r| r.project_id),
            Pane::Log => self.log.selected_row().map(|r| r.project_id),
            Pane::Plan => self.plan.selected_project(),
            Pane::Insights => self.insights.view.scope(),
        }
    }

    /// The pane's project scope or, failing that, the selected row's project:
    /// the project a new record most likely belongs to.
    pub fn likely_project(&self) -> Option<i64> {
        if self.pane == Pane::Today {
            return None;
        }
        self.view(self.pane)
            .scope()
            .or_else(|| self.selected_project())
    }

    pub fn is_empty_database(&self) -> bool {
        self.projects.is_empty()
    }
}
