//! The panes and their list-view state: where the selection is, which window of rows is on
//! screen, the filter and the project scope. The rows themselves sit next to the view, so
//! code that moves the selection or edits the filter reaches every pane the same way.

use std::ops::{Deref, DerefMut};

use crate::i18n::tr;

use crate::workflow::stats::Stats;
use crate::workflow::today::{Agenda, AgendaItem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Today,
    Issues,
    Queue,
    Expectations,
    Log,
    /// Milestones, risks and satisfaction reviews, one section at a time.
    Plan,
    /// The numbers of how the client is served (workflow::stats), as charts.
    Insights,
}

impl Pane {
    pub const ALL: [Pane; 7] = [
        Pane::Today,
        Pane::Issues,
        Pane::Queue,
        Pane::Expectations,
        Pane::Log,
        Pane::Plan,
        Pane::Insights,
    ];

    /// The digit that goes to the pane (also on its tab). Insights keeps 7 whatever panes
    /// come before it, so the key a user learned does not move.
    pub fn number(self) -> u8 {
        match self {
            Pane::Today => 1,
            Pane::Issues => 2,
            Pane::Queue => 3,
            Pane::Expectations => 4,
            Pane::Log => 5,
            Pane::Plan => 6,
            Pane::Insights => 7,
        }
    }

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Today => tr("Today"),
            Pane::Issues => tr("Issues"),
            Pane::Queue => tr("Queue"),
            Pane::Expectations => tr("Expectations"),
            Pane::Log => tr("Log"),
            Pane::Plan => tr("Plan"),
            Pane::Insights => tr("Insights"),
        }
    }

    /// The title on a narrow tab line (80 columns with every badge).
    pub fn short_title(self) -> &'static str {
        match self {
            Pane::Expectations => tr("Expect."),
            other => other.title(),
        }
    }

    pub fn record_name(self) -> &'static str {
        match self {
            Pane::Today => tr("agenda item"),
            Pane::Issues => tr("issue"),
            Pane::Queue => tr("update"),
            Pane::Expectations => tr("expectation"),
            Pane::Log => tr("log entry"),
            Pane::Plan => tr("plan record"),
            Pane::Insights => tr("project"),
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

/// How a list is looked at, apart from its rows: selection, window, filter, scope, count.
#[derive(Debug, Clone, PartialEq)]
pub struct ListView {
    /// Where the window starts in the (filtered) list.
    pub offset: usize,
    pub total: usize,
    /// Absolute index of the selected row.
    pub selected: usize,
    pub filter: String,
    /// Limits the pane to one project (set when jumping from a health line).
    pub project: Option<(i64, String)>,
    /// False when a text filter's count stopped at its cap.
    pub exact: bool,
    /// True when a text filter's matches are shown best first rather than newest first.
    pub ranked: bool,
    pub counted: Option<CountStamp>,
}

impl Default for ListView {
    fn default() -> Self {
        ListView {
            offset: 0,
            total: 0,
            selected: 0,
            filter: String::new(),
            project: None,
            exact: true,
            ranked: false,
            counted: None,
        }
    }
}

impl ListView {
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

    pub fn scope(&self) -> Option<i64> {
        self.project.as_ref().map(|(id, _)| *id)
    }
}

/// A table pane: its view, and the window of rows on screen. The view's fields read as the
/// pane's own (`pane.selected`), through `Deref`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPane<T> {
    pub view: ListView,
    /// Rows `rows_at .. rows_at + rows.len()` of the (filtered) list.
    pub rows: Vec<T>,
    /// The position of `rows[0]` when they were read (`offset` may already point elsewhere).
    pub rows_at: usize,
    /// The ids among `rows` waiting on the client (read for the Issues pane's rows only).
    pub waiting: Vec<i64>,
}

impl<T> Default for ListPane<T> {
    fn default() -> Self {
        ListPane {
            view: ListView::default(),
            rows: Vec::new(),
            rows_at: 0,
            waiting: Vec::new(),
        }
    }
}

impl<T> Deref for ListPane<T> {
    type Target = ListView;
    fn deref(&self) -> &ListView {
        &self.view
    }
}

impl<T> DerefMut for ListPane<T> {
    fn deref_mut(&mut self) -> &mut ListView {
        &mut self.view
    }
}

impl<T> ListPane<T> {
    pub fn selected_row(&self) -> Option<&T> {
        self.selected
            .checked_sub(self.offset)
            .and_then(|i| self.rows.get(i))
    }
}

/// The Today pane: the agenda, looked at through the same view as the lists (its window
/// and count are unused: the whole agenda is on screen).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TodayPane {
    pub agenda: Option<Agenda>,
    pub view: ListView,
}

impl Deref for TodayPane {
    type Target = ListView;
    fn deref(&self) -> &ListView {
        &self.view
    }
}

impl DerefMut for TodayPane {
    fn deref_mut(&mut self) -> &mut ListView {
        &mut self.view
    }
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

    /// A new reading of the agenda: the selection stays on the record it was on when that
    /// record is still listed, else on the same line (clamped).
    pub fn replace(&mut self, agenda: Agenda) {
        let was = self.items().get(self.view.selected).map(|i| i.record);
        self.agenda = Some(agenda);
        match was.and_then(|r| self.position(r)) {
            Some(at) => self.view.selected = at,
            None => self.clamp(),
        }
    }

    /// Where `record` is among the items that pass the filter.
    pub fn position(&self, record: crate::workflow::Record) -> Option<usize> {
        self.items().iter().position(|i| i.record == record)
    }

    /// Keeps the selection on an item after the agenda or the filter changed.
    pub fn clamp(&mut self) {
        let n = self.items().len();
        self.view.selected = self.view.selected.min(n.saturating_sub(1));
    }
}

/// The Insights pane: the figures of its scope (the view's project, or the whole file), read
/// when the pane is shown; its view's selection and window are unused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InsightsPane {
    pub stats: Option<Box<Stats>>,
    pub view: ListView,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_follows_the_selection_and_stays_full() {
        let mut p: ListPane<u32> = ListPane {
            view: ListView {
                total: 100,
                ..Default::default()
            },
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
