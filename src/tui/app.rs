//! The TUI's state: which pane, each pane's window of rows and selection, and the mode
//! (normal, filter, form, confirm, detail, help). No I/O here.

use chrono::{DateTime, Utc};

use super::form::Form;
use super::keymap::KeyMap;
pub use crate::model::when::Zone;
use crate::model::{Expectation, Issue, LogEntry, Project, Update};
use crate::workflow::today::{Agenda, AgendaItem};
use crate::workflow::{Done, Record};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Today,
    Issues,
    Queue,
    Expectations,
    Log,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::Today,
        Pane::Issues,
        Pane::Queue,
        Pane::Expectations,
        Pane::Log,
    ];

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Today => "Today",
            Pane::Issues => "Issues",
            Pane::Queue => "Queue",
            Pane::Expectations => "Expectations",
            Pane::Log => "Log",
        }
    }

    pub fn record_name(self) -> &'static str {
        match self {
            Pane::Today => "agenda item",
            Pane::Issues => "issue",
            Pane::Queue => "update",
            Pane::Expectations => "expectation",
            Pane::Log => "log entry",
        }
    }
}

/// What a pane's count was taken for: it is taken again when any of these change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountStamp {
    pub filter: String,
    pub project: Option<i64>,
    pub generation: u64,
}

/// A table pane: the window of rows on screen, where it starts, and the selection.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPane<T> {
    /// Rows `offset .. offset + rows.len()` of the (filtered) list.
    pub rows: Vec<T>,
    pub offset: usize,
    pub total: usize,
    /// Absolute index of the selected row.
    pub selected: usize,
    pub filter: String,
    /// Limits the pane to one project (set when jumping from a health line).
    pub project: Option<(i64, String)>,
    /// The position of `rows[0]` when they were read (`offset` may already point elsewhere).
    pub rows_at: usize,
    /// False when a text filter's count stopped at its cap.
    pub exact: bool,
    /// True when a text filter's matches are shown best first rather than newest first.
    pub ranked: bool,
    pub counted: Option<CountStamp>,
}

impl<T> Default for ListPane<T> {
    fn default() -> Self {
        ListPane {
            rows: Vec::new(),
            offset: 0,
            total: 0,
            selected: 0,
            filter: String::new(),
            project: None,
            rows_at: 0,
            exact: true,
            ranked: false,
            counted: None,
        }
    }
}

impl<T> ListPane<T> {
    pub fn selected_row(&self) -> Option<&T> {
        self.selected
            .checked_sub(self.offset)
            .and_then(|i| self.rows.get(i))
    }

    /// Moves the selection to `to` (clamped) and slides the window so it stays visible.
    /// Returns true when the window moved and must be re-queried.
    pub fn select(&mut self, to: usize, page: usize) -> bool {
        let page = page.max(1);
        self.selected = to.min(self.total.saturating_sub(1));
        let old = self.offset;
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        // Keep the window full when the list shrank under it.
        let max_offset = self.total.saturating_sub(page);
        self.offset = self.offset.min(max_offset);
        self.offset != old
    }

    pub fn text_filter(&self) -> Option<String> {
        let f = self.filter.trim();
        (!f.is_empty()).then(|| f.to_string())
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TodayPane {
    pub agenda: Option<Agenda>,
    /// Index into the visible (filtered) agenda items.
    pub selected: usize,
    pub filter: String,
}

impl TodayPane {
    /// Agenda items that pass the filter, in display order.
    pub fn items(&self) -> Vec<&AgendaItem> {
        let needle = self.filter.trim().to_lowercase();
        self.agenda
            .iter()
            .flat_map(|a| a.items.iter())
            .filter(|i| {
                needle.is_empty()
                    || i.text.to_lowercase().contains(&needle)
                    || i.project.to_lowercase().contains(&needle)
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum DetailData {
    /// The issue with its updates (queued and sent) and its log entries.
    Issue(Box<Issue>, Vec<Update>, Vec<LogEntry>),
    Update(Box<Update>),
    Expectation(Box<Expectation>),
    Log(Box<LogEntry>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub record: Record,
    pub data: Option<DetailData>,
    pub scroll: u16,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub record: Record,
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
    pub today: TodayPane,
    pub issues: ListPane<Issue>,
    pub queue: ListPane<Update>,
    pub expectations: ListPane<Expectation>,
    pub log: ListPane<LogEntry>,
    pub projects: Vec<Project>,
    pub keymap: KeyMap,
    pub now: DateTime<Utc>,
    pub zone: Zone,
    pub date_format: String,
    pub width: u16,
    pub height: u16,
    pub status: Option<Status>,
    /// Changes made in this session, newest last; `u` takes back the last one.
    pub undo: Vec<Done>,
    pub quit: bool,
    pub data_version: i64,
    /// Bumped whenever the data may have changed; counts taken before are stale.
    pub generation: u64,
    /// Text for the terminal's clipboard (OSC 52), written by the event loop.
    pub clipboard: Option<String>,
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
            today: TodayPane::default(),
            issues: ListPane::default(),
            queue: ListPane::default(),
            expectations: ListPane::default(),
            log: ListPane::default(),
            projects: Vec::new(),
            keymap,
            now,
            zone,
            date_format,
            width: 80,
            height: 24,
            status: None,
            undo: Vec::new(),
            quit: false,
            data_version: 0,
            generation: 0,
            clipboard: None,
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
        }
    }

    /// The filter text of the current pane.
    pub fn filter_mut(&mut self) -> &mut String {
        match self.pane {
            Pane::Today => &mut self.today.filter,
            Pane::Issues => &mut self.issues.filter,
            Pane::Queue => &mut self.queue.filter,
            Pane::Expectations => &mut self.expectations.filter,
            Pane::Log => &mut self.log.filter,
        }
    }

    pub fn filter(&self) -> &str {
        match self.pane {
            Pane::Today => &self.today.filter,
            Pane::Issues => &self.issues.filter,
            Pane::Queue => &self.queue.filter,
            Pane::Expectations => &self.expectations.filter,
            Pane::Log => &self.log.filter,
        }
    }

    /// The project a pane is limited to, if any.
    pub fn project_scope_mut(&mut self) -> Option<&mut Option<(i64, String)>> {
        match self.pane {
            Pane::Today => None,
            Pane::Issues => Some(&mut self.issues.project),
            Pane::Queue => Some(&mut self.queue.project),
            Pane::Expectations => Some(&mut self.expectations.project),
            Pane::Log => Some(&mut self.log.project),
        }
    }

    /// The pane's project scope or, failing that, the selected row's project:
    /// the project a new record most likely belongs to.
    pub fn likely_project(&self) -> Option<i64> {
        match self.pane {
            Pane::Today => None,
            Pane::Issues => self
                .issues
                .project
                .as_ref()
                .map(|p| p.0)
                .or(self.issues.selected_row().map(|r| r.project_id)),
            Pane::Queue => self
                .queue
                .project
                .as_ref()
                .map(|p| p.0)
                .or(self.queue.selected_row().map(|r| r.project_id)),
            Pane::Expectations => self
                .expectations
                .project
                .as_ref()
                .map(|p| p.0)
                .or(self.expectations.selected_row().map(|r| r.project_id)),
            Pane::Log => self
                .log
                .project
                .as_ref()
                .map(|p| p.0)
                .or(self.log.selected_row().map(|r| r.project_id)),
        }
    }

    pub fn is_empty_database(&self) -> bool {
        self.projects.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_follows_the_selection_and_stays_full() {
        let mut p: ListPane<u32> = ListPane {
            total: 100,
            ..Default::default()
        };
        assert!(!p.select(5, 10));
        assert!(p.select(10, 10), "one past the page slides the window");
        assert_eq!((p.selected, p.offset), (10, 1));
        assert!(p.select(1000, 10));
        assert_eq!((p.selected, p.offset), (99, 90));
        assert!(p.select(0, 10));
        assert_eq!(p.offset, 0);
        p.total = 0;
        p.select(3, 10);
        assert_eq!(
            (p.selected, p.offset),
            (0, 0),
            "an empty list never indexes"
        );
        assert_eq!(p.selected_row(), None);
    }
}
