//! Filtering while the user types. Each keystroke's query goes to the store's background
//! [`Reader`]: the keystroke is drawn at once, the rows follow a few milliseconds later,
//! and a query overtaken by the next keystroke is interrupted instead of waited for.

use std::path::Path;

use super::app::{App, ListPane, Pane};
use super::effects::{self, Effect};
use crate::error::Result;
use crate::model::{Expectation, Issue, LogEntry, Update};
use crate::store::Listing;
use crate::store::reader::Reader;

/// A pane as the reader loaded it for a filter.
pub enum Found {
    Issues(ListPane<Issue>),
    Queue(ListPane<Update>),
    Expectations(ListPane<Expectation>),
    Log(ListPane<LogEntry>),
}

pub struct Finder {
    reader: Reader<Found>,
}

/// Builds the reader's task: the pane as `load` would fill it, on the reader's connection.
fn task<Q, F>(
    q: Q,
    mut pane: ListPane<Q::Row>,
    page: usize,
    generation: u64,
    wrap: F,
) -> impl FnOnce(&rusqlite::Connection) -> Result<Found> + Send + 'static
where
    Q: Listing + Send + 'static,
    Q::Row: Clone + Send + 'static,
    F: FnOnce(ListPane<Q::Row>) -> Found + Send + 'static,
{
    move |conn| {
        effects::load_list(conn, &q, &mut pane, page, generation)?;
        Ok(wrap(pane))
    }
}

/// Puts `found` in place of `current` if it still answers what the pane shows: the same
/// filter and scope over the same data, and no load has filled the pane since.
fn adopt_pane<T>(current: &mut ListPane<T>, found: ListPane<T>, generation: u64) -> bool {
    let fresh = found
        .counted
        .as_ref()
        .is_some_and(|s| s.generation == generation);
    if fresh
        && found.filter == current.filter
        && found.project == current.project
        && found.counted != current.counted
    {
        *current = found;
        true
    } else {
        false
    }
}

impl Finder {
    /// A reader over the database file at `path` (the TUI's own connection stays free).
    pub fn open(path: &Path) -> Result<Finder> {
        Ok(Finder {
            reader: Reader::open(path)?,
        })
    }

    /// Sends the filter loads among `effects` to the reader; returns the others, to run now
    /// (all of them if the reader has stopped).
    pub fn take(&mut self, app: &App, effects: Vec<Effect>) -> Vec<Effect> {
        if !self.reader.alive() {
            return effects;
        }
        let (page, generation) = (app.page(), app.generation);
        effects
            .into_iter()
            .filter(|e| {
                let Effect::Filter(pane) = e else {
                    return true;
                };
                match pane {
                    Pane::Today => return true,
                    Pane::Issues => self.reader.ask(task(
                        effects::issue_query(app),
                        app.issues.clone(),
                        page,
                        generation,
                        Found::Issues,
                    )),
                    Pane::Queue => self.reader.ask(task(
                        effects::update_query(app),
                        app.queue.clone(),
                        page,
                        generation,
                        Found::Queue,
                    )),
                    Pane::Expectations => self.reader.ask(task(
                        effects::expectation_query(app),
                        app.expectations.clone(),
                        page,
                        generation,
                        Found::Expectations,
                    )),
                    Pane::Log => self.reader.ask(task(
                        effects::log_query(app),
                        app.log.clone(),
                        page,
                        generation,
                        Found::Log,
                    )),
                };
                false
            })
            .collect()
    }

    /// True while a filter query is on its way.
    pub fn busy(&self) -> bool {
        self.reader.busy()
    }

    /// How many filter queries were interrupted by a newer keystroke.
    pub fn interrupted(&self) -> usize {
        self.reader.interrupted()
    }

    /// Puts the newest answer in its pane. Returns true when the screen changed.
    pub fn adopt(&mut self, app: &mut App) -> bool {
        let Some((_, answer)) = self.reader.answer() else {
            return false;
        };
        let generation = app.generation;
        match answer {
            Ok(Found::Issues(p)) => adopt_pane(&mut app.issues, p, generation),
            Ok(Found::Queue(p)) => adopt_pane(&mut app.queue, p, generation),
            Ok(Found::Expectations(p)) => adopt_pane(&mut app.expectations, p, generation),
            Ok(Found::Log(p)) => adopt_pane(&mut app.log, p, generation),
            Err(e) => {
                app.error(e.to_string());
                true
            }
        }
    }
}
